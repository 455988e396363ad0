#include "redis_server.h"

#include "redis_connection.h"

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace ql::test {

RedisServer::~RedisServer()
{
    stop();
}

int RedisServer::freeLoopbackPort()
{
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0) {
        socklen_t len = sizeof(addr);
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
            port = ntohs(addr.sin_port);
    }
    ::close(fd);
    return port;
}

bool RedisServer::start()
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freeLoopbackPort();
        std::string port = std::to_string(m_port);
        pid_t pid = ::fork();
        if (pid < 0) {
            m_error = "fork failed";
            return false;
        }
        if (pid == 0) {
            // The server dies with the test (even when the test is killed) and keeps
            // nothing of the test's stdout/stderr open.
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            int devnull = ::open("/dev/null", O_RDWR);
            if (devnull >= 0) {
                ::dup2(devnull, STDIN_FILENO);
                ::dup2(devnull, STDOUT_FILENO);
                ::dup2(devnull, STDERR_FILENO);
            }
            ::execlp("redis-server", "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning", "--logfile", "/dev/null",
                static_cast<char *>(nullptr));
            ::_exit(127);
        }
        m_pid = pid;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_pid = -1;
                m_error = WIFEXITED(status) && WEXITSTATUS(status) == 127
                    ? "redis-server not found (apt-get install redis-server)"
                    : "redis-server exited at start";
                break;
            }
            RedisConnection probe;
            if (probe.connect(m_port)) {
                probe.send({"PING"});
                auto r = probe.readReply(1000);
                if (r && *r == "+PONG\r\n")
                    return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        stop();
        if (m_error.empty())
            m_error = "redis-server did not answer";
    }
    return false;
}

void RedisServer::stop()
{
    if (m_pid <= 0)
        return;
    ::kill(m_pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 200; ++i) {
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
}

} // namespace ql::test

#include "redis_connection.h"

#include "resp/reply_reader.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ql::test {

RedisConnection::RedisConnection(RedisConnection &&other) noexcept
    : m_fd(other.m_fd), m_buffer(std::move(other.m_buffer))
{
    other.m_fd = -1;
}

RedisConnection::~RedisConnection()
{
    close();
}

bool RedisConnection::connect(int port)
{
    close();
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0)
        return false;
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0) {
        close();
        return false;
    }
    int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return true;
}

void RedisConnection::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_buffer.clear();
}

bool RedisConnection::sendRaw(const std::string &bytes)
{
    std::size_t off = 0;
    while (off < bytes.size()) {
        ssize_t n = ::send(m_fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        off += static_cast<std::size_t>(n);
    }
    return true;
}

bool RedisConnection::send(const std::vector<std::string> &argv)
{
    std::string out = "*" + std::to_string(argv.size()) + "\r\n";
    for (const auto &a : argv) {
        out += "$" + std::to_string(a.size()) + "\r\n";
        out += a;
        out += "\r\n";
    }
    return sendRaw(out);
}

bool RedisConnection::fill(int timeoutMs)
{
    pollfd p {m_fd, POLLIN, 0};
    int r = ::poll(&p, 1, timeoutMs);
    if (r <= 0)
        return false;
    char buf[65536];
    ssize_t n = ::recv(m_fd, buf, sizeof(buf), 0);
    if (n <= 0)
        return false;
    m_buffer.append(buf, static_cast<std::size_t>(n));
    return true;
}

std::optional<std::string> RedisConnection::readReply(int timeoutMs)
{
    if (m_fd < 0)
        return std::nullopt;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (true) {
        auto len = ql::completeReplyLength(m_buffer);
        if (len && *len > 0) {
            std::string reply = m_buffer.substr(0, *len);
            m_buffer.erase(0, *len);
            return reply;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || !fill(static_cast<int>(left.count())))
            return std::nullopt;
    }
}

bool RedisConnection::hasPendingData(int timeoutMs)
{
    if (!m_buffer.empty())
        return true;
    return m_fd >= 0 && fill(timeoutMs);
}

} // namespace ql::test

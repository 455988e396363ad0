// Starts a private redis-server (Debian package) on a free loopback port for a test and
// stops it again. Tests never assume a running server.
#pragma once

#include <string>
#include <sys/types.h>

namespace ql::test {

class RedisServer {
public:
    RedisServer() = default;
    RedisServer(const RedisServer &) = delete;
    RedisServer &operator=(const RedisServer &) = delete;
    ~RedisServer();

    // Returns false (and fills error()) when redis-server is missing or does not start.
    bool start();
    void stop();
    int port() const { return m_port; }
    const std::string &error() const { return m_error; }

    static int freeLoopbackPort();

private:
    pid_t m_pid = -1;
    int m_port = 0;
    std::string m_error;
};

} // namespace ql::test

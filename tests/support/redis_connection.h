// A minimal blocking RESP client over a loopback TCP socket, for tests and benchmarks.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ql::test {

class RedisConnection {
public:
    RedisConnection() = default;
    RedisConnection(const RedisConnection &) = delete;
    RedisConnection &operator=(const RedisConnection &) = delete;
    RedisConnection(RedisConnection &&other) noexcept;
    ~RedisConnection();

    bool connect(int port);
    bool isConnected() const { return m_fd >= 0; }
    void close();
    bool send(const std::vector<std::string> &argv);
    bool sendRaw(const std::string &bytes);
    // One complete reply's raw bytes, or nullopt after timeoutMs without one.
    std::optional<std::string> readReply(int timeoutMs);
    // True if bytes arrive within timeoutMs (they stay buffered for readReply).
    bool hasPendingData(int timeoutMs);

private:
    bool fill(int timeoutMs);
    int m_fd = -1;
    std::string m_buffer;
};

} // namespace ql::test

// RespServer: exposes a Backend (the embedded broker) over the Redis protocol, so
// redis-cli, redis-benchmark and client libraries become clients in the scene. One I/O
// thread multiplexes every connection with epoll; commands go to the broker in order and
// replies come back through each connection's sink, encoded in the client's protocol.
//
// API: start() binds and starts the I/O thread; stop() closes every connection.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ql {

class Broker;

struct ServerOptions {
    std::string bind = "127.0.0.1";
    int port = 6399; // 0 = any free port
    std::string requirePass; // empty: no AUTH needed
    int maxClients = 10000;
};

class RespServer {
public:
    RespServer(Broker &broker, ServerOptions options);
    RespServer(const RespServer &) = delete;
    RespServer &operator=(const RespServer &) = delete;
    ~RespServer();

    // False with `error` set when the address cannot be used (or is refused, see below).
    bool start(std::string *error);
    void stop();
    int port() const { return m_port; }
    std::size_t connectionCount() const { return m_connectionCount.load(); }

    // Redis's protected-mode idea: a non-loopback bind needs a password.
    static bool bindIsAllowed(const ServerOptions &options, std::string *why);

    struct Connection;
    struct Hub;

private:
    void loop();
    void accept();
    void readFrom(const std::shared_ptr<Connection> &c);
    void flush(const std::shared_ptr<Connection> &c);
    void drop(const std::shared_ptr<Connection> &c, bool tellBackend);
    void drainDirty();

    Broker &m_broker;
    ServerOptions m_options;
    int m_listenFd = -1;
    int m_epollFd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop {false};
    std::atomic<std::size_t> m_connectionCount {0};
    std::thread m_thread;
    std::unordered_map<int, std::shared_ptr<Connection>> m_connections; // I/O thread only
    std::shared_ptr<Hub> m_hub; // shared with the sinks, which may outlive the server
};

} // namespace ql

// RespServer: exposes the embedded broker over the Redis protocol, so redis-cli,
// redis-benchmark and client libraries become clients in the scene. Like Redis, it runs its
// sockets on the one thread that runs the commands: it is the broker's IoPoller, so a
// pipelined read runs its commands directly and replies are written out in one go before
// the loop sleeps. Each connection is a broker client; its replies are encoded in the
// protocol the client speaks.
//
// Limits as in Redis: maxclients, proto-max-bulk-len and the query buffer limit (request
// parser), and client-output-buffer-limit: a subscriber whose unsent output passes the hard
// limit, or stays above the soft limit too long, is disconnected, and its ClientClosed event
// (reason "output-buffer-limit") counts the messages it lost.
#pragma once

#include "broker/io_poller.h"
#include "engine/event.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ql {

class Broker;
class Reply;

struct ServerOptions {
    std::string bind = "127.0.0.1";
    int port = 6399; // 0 = any free port
    std::string requirePass; // empty: no AUTH needed
    int maxClients = 10000;
};

class RespServer final : public IoPoller {
public:
    RespServer(Broker &broker, ServerOptions options);
    RespServer(const RespServer &) = delete;
    RespServer &operator=(const RespServer &) = delete;
    ~RespServer() override;

    // False with `error` set when the address cannot be used (or is refused, see below).
    bool start(std::string *error);
    // Closes every connection; returns when the broker thread no longer uses the server.
    void stop();
    int port() const { return m_port; }
    std::size_t connectionCount() const { return m_connectionCount.load(); }
    // How often the broker thread has come back from waiting on the sockets (tests use it to
    // see that an idle server sleeps instead of spinning).
    std::uint64_t pollRounds() const { return m_pollRounds.load(); }

    // Serves an already connected stream socket (tests and the fuzzer use socketpair()).
    // Thread-safe; the server takes ownership of `fd`.
    void adopt(int fd);

    // Redis's protected-mode idea: a non-loopback bind needs a password.
    static bool bindIsAllowed(const ServerOptions &options, std::string *why);

    struct Connection;

    // IoPoller (broker thread).
    void poll(int timeoutMs) override;
    void wakeUp() override;

private:
    void accept();
    void addConnection(int fd);
    void readFrom(const std::shared_ptr<Connection> &c);
    void queueWrite(const std::shared_ptr<Connection> &c);
    void flushAll();
    void flush(const std::shared_ptr<Connection> &c);
    void drop(const std::shared_ptr<Connection> &c, const char *reason);
    void dropAll();
    void onReply(const std::shared_ptr<Connection> &c, const Reply &reply, int protocol);
    void onMessage(const std::shared_ptr<Connection> &c, std::string_view resp);
    void queued(const std::shared_ptr<Connection> &c, std::size_t bytes, bool message);
    void onClosed(const std::shared_ptr<Connection> &c);
    bool overLimit(Connection &c);
    void closeForLimit(const std::shared_ptr<Connection> &c);

    Broker &m_broker;
    ServerOptions m_options;
    int m_listenFd = -1;
    int m_epollFd = -1;
    int m_wakeFd = -1;
    int m_port = 0;
    bool m_attached = false;
    std::atomic<std::size_t> m_connectionCount {0};
    std::atomic<std::uint64_t> m_pollRounds {0};
    // Broker thread only.
    std::unordered_map<int, std::shared_ptr<Connection>> m_connections;
    std::vector<std::shared_ptr<Connection>> m_writeList;
};

} // namespace ql

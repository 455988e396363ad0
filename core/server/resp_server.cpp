#include "resp_server.h"

#include "broker/broker.h"
#include "engine/number_parse.h"
#include "resp/request_parser.h"
#include "resp/resp_encoder.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <deque>
#include <future>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ql {

namespace {
constexpr std::size_t kReadChunk = 64 * 1024;
// Redis writes the first 16 KB of a reply into the client's static buffer, which the output
// buffer limits do not count; only what spills over into the reply list is counted.
constexpr std::size_t kStaticReplyBuffer = 16 * 1024;
bool looksLikeHttp(const std::vector<std::string> &argv)
{
    return !argv.empty() && (equalsIgnoreCase(argv[0], "post") || equalsIgnoreCase(argv[0], "host:"));
}

// "127.0.0.1:52114" (or "[::1]:52114") of one end of a TCP socket; empty for other sockets.
std::string socketAddress(int fd, bool local)
{
    sockaddr_storage ss {};
    socklen_t len = sizeof(ss);
    int rc = local ? ::getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len)
                   : ::getpeername(fd, reinterpret_cast<sockaddr *>(&ss), &len);
    if (rc != 0)
        return {};
    char host[INET6_ADDRSTRLEN] = {};
    if (ss.ss_family == AF_INET) {
        auto *a = reinterpret_cast<sockaddr_in *>(&ss);
        ::inet_ntop(AF_INET, &a->sin_addr, host, sizeof(host));
        return std::string(host) + ":" + std::to_string(ntohs(a->sin_port));
    }
    if (ss.ss_family == AF_INET6) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&ss);
        ::inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof(host));
        return "[" + std::string(host) + "]:" + std::to_string(ntohs(a->sin6_port)); // as Redis writes it
    }
    return {};
}

} // namespace

struct RespServer::Connection {
    int fd = -1;
    ClientId id = kNoClient;
    RequestParser parser;
    std::string out; // bytes not yet written start at outSent
    std::size_t outSent = 0;
    std::uint64_t queuedTotal = 0; // bytes ever queued / written: positions for pushEnds
    std::uint64_t writtenTotal = 0;
    std::deque<std::uint64_t> pushEnds; // where each unsent pub/sub message ends
    bool reading = true; // false after a protocol error, QUIT or a limit
    bool closeAfterWrite = false;
    bool brokerClosed = false; // the broker already ended the client (QUIT, CLIENT KILL)
    bool limitClosed = false; // disconnected by client-output-buffer-limit
    bool queuedForWrite = false;
    std::uint32_t events = EPOLLIN; // what epoll watches for
    std::int64_t softSinceMs = -1; // when output first stayed above the soft limit
    std::int64_t lostMessages = 0;
    const char *closeReason = "closed";

    std::size_t unsent() const { return out.size() - outSent; }
};

RespServer::RespServer(Broker &broker, ServerOptions options) : m_broker(broker), m_options(std::move(options))
{
}

RespServer::~RespServer()
{
    stop();
}

bool RespServer::bindIsAllowed(const ServerOptions &options, std::string *why)
{
    bool loopback = options.bind == "127.0.0.1" || options.bind == "::1" || options.bind == "localhost";
    if (loopback || !options.requirePass.empty())
        return true;
    if (why)
        *why = "refusing to listen on " + options.bind
            + " without a password: anyone on the network could use it. Bind 127.0.0.1, or set --requirepass.";
    return false;
}

bool RespServer::start(std::string *error)
{
    if (!bindIsAllowed(m_options, error))
        return false;
    std::string host = m_options.bind == "localhost" ? "127.0.0.1" : m_options.bind;
    bool v6 = host.find(':') != std::string::npos;
    sockaddr_storage ss {};
    socklen_t len = 0;
    bool parsed = false;
    if (v6) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&ss);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(static_cast<std::uint16_t>(m_options.port));
        parsed = ::inet_pton(AF_INET6, host.c_str(), &a->sin6_addr) == 1;
        len = sizeof(sockaddr_in6);
    } else {
        auto *a = reinterpret_cast<sockaddr_in *>(&ss);
        a->sin_family = AF_INET;
        a->sin_port = htons(static_cast<std::uint16_t>(m_options.port));
        parsed = ::inet_pton(AF_INET, host.c_str(), &a->sin_addr) == 1;
        len = sizeof(sockaddr_in);
    }
    if (!parsed) {
        if (error)
            *error = "invalid bind address " + host;
        return false;
    }
    m_listenFd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (::bind(m_listenFd, reinterpret_cast<sockaddr *>(&ss), len) != 0 || ::listen(m_listenFd, 511) != 0) {
        if (error)
            *error = "cannot listen on " + host + ":" + std::to_string(m_options.port) + ": " + std::strerror(errno);
        ::close(m_listenFd);
        m_listenFd = -1;
        return false;
    }
    ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&ss), &len);
    m_port = v6 ? ntohs(reinterpret_cast<sockaddr_in6 *>(&ss)->sin6_port)
                : ntohs(reinterpret_cast<sockaddr_in *>(&ss)->sin_port);
    m_epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event ev {};
    ev.events = EPOLLIN;
    ev.data.fd = m_listenFd;
    ::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_listenFd, &ev);
    ev.data.fd = m_wakeFd;
    ::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_wakeFd, &ev);
    m_broker.post([this, port = m_port, options = m_options](Engine &engine) {
        m_broker.stats().tcpPort = port;
        engine.config().maxClients = options.maxClients;
        if (!options.requirePass.empty())
            engine.config().requirePass = options.requirePass;
    });
    m_broker.sync(); // the password is in force before the first connection is accepted
    m_broker.attachPoller(this);
    m_attached = true;
    return true;
}

void RespServer::stop()
{
    if (!m_attached)
        return;
    m_broker.detachPoller(this);
    m_attached = false;
    std::promise<void> done;
    m_broker.post([this, &done](Engine &) {
        dropAll();
        m_broker.stats().tcpPort = 0;
        done.set_value();
    });
    done.get_future().wait();
    ::close(m_listenFd);
    ::close(m_epollFd);
    ::close(m_wakeFd);
    m_listenFd = m_epollFd = m_wakeFd = -1;
}

void RespServer::adopt(int fd)
{
    m_broker.post([this, fd](Engine &) { addConnection(fd); });
}

void RespServer::wakeUp()
{
    std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(m_wakeFd, &one, sizeof(one));
}

void RespServer::poll(int timeoutMs)
{
    // Replies produced since the last round (tasks, timeouts, console commands) go out first.
    flushAll();
    epoll_event events[256];
    int n = ::epoll_wait(m_epollFd, events, 256, m_writeList.empty() ? timeoutMs : 0);
    m_pollRounds.fetch_add(1, std::memory_order_relaxed);
    Broker::FreezeTime frozen(m_broker); // one clock reading for this round, as Redis caches its time
    for (int i = 0; i < n; ++i) {
        int fd = events[i].data.fd;
        if (fd == m_listenFd) {
            accept();
        } else if (fd == m_wakeFd) {
            std::uint64_t v;
            [[maybe_unused]] auto r = ::read(m_wakeFd, &v, sizeof(v));
        } else {
            auto it = m_connections.find(fd);
            if (it == m_connections.end())
                continue;
            auto c = it->second;
            if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                readFrom(c);
            if (events[i].events & (EPOLLOUT | EPOLLHUP | EPOLLERR))
                queueWrite(c); // a failed send drops it
        }
    }
    // Like Redis's beforeSleep: every reply of this round is written in one go.
    flushAll();
}

void RespServer::accept()
{
    while (true) {
        int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        if (static_cast<std::int64_t>(m_connections.size()) >= m_broker.engine().config().maxClients) {
            static const char kFull[] = "-ERR max number of clients reached\r\n";
            [[maybe_unused]] auto w = ::write(fd, kFull, sizeof(kFull) - 1);
            ::close(fd);
            ++m_broker.stats().rejectedConnections;
            continue;
        }
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        addConnection(fd);
    }
}

void RespServer::addConnection(int fd)
{
    auto c = std::make_shared<Connection>();
    c->fd = fd;
    std::weak_ptr<Connection> weak = c;
    ClientSink sink;
    // Sinks run on the broker thread, which is this server's thread.
    sink.reply = [this, weak](const Reply &r, int protocol) {
        if (auto conn = weak.lock())
            onReply(conn, r, protocol);
    };
    sink.closed = [this, weak](const std::string &) {
        if (auto conn = weak.lock())
            onClosed(conn);
    };
    sink.message = [this, weak](std::string_view resp) {
        if (auto conn = weak.lock())
            onMessage(conn, resp);
    };
    c->id = m_broker.openRemote(std::move(sink), socketAddress(fd, false), socketAddress(fd, true), fd);
    m_connections[fd] = c;
    ++m_connectionCount;
    epoll_event ev {};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    ::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, fd, &ev);
}

void RespServer::onReply(const std::shared_ptr<Connection> &c, const Reply &reply, int protocol)
{
    if (c->limitClosed || c->brokerClosed)
        return;
    std::size_t before = c->out.size();
    encodeReply(reply, protocol, c->out);
    queued(c, c->out.size() - before, false);
}

void RespServer::onMessage(const std::shared_ptr<Connection> &c, std::string_view resp)
{
    if (c->limitClosed || c->brokerClosed) {
        ++c->lostMessages;
        return;
    }
    c->out.append(resp);
    queued(c, resp.size(), true);
}

// `bytes` were appended to the output; a pub/sub message is remembered until written, so
// that a disconnect can count what was lost.
void RespServer::queued(const std::shared_ptr<Connection> &c, std::size_t bytes, bool message)
{
    c->queuedTotal += bytes;
    if (message)
        c->pushEnds.push_back(c->queuedTotal);
    queueWrite(c);
    if (overLimit(*c))
        closeForLimit(c);
}

void RespServer::onClosed(const std::shared_ptr<Connection> &c)
{
    // QUIT or CLIENT KILL: the broker forgot the client; write what is due, then close.
    c->brokerClosed = true;
    c->reading = false;
    c->closeAfterWrite = true;
    queueWrite(c);
}

// Redis's checkClientOutputBufferLimits: the class is pubsub while the client is subscribed.
bool RespServer::overLimit(Connection &c)
{
    if (c.unsent() <= kStaticReplyBuffer) {
        c.softSinceMs = -1;
        return false;
    }
    const ClientState *state = m_broker.engine().client(c.id);
    ClientClass cls = state && state->inPubSubMode() ? ClientClass::PubSub : ClientClass::Normal;
    const OutputBufferLimit &limit = m_broker.engine().config().limit(cls);
    std::size_t used = c.unsent() > kStaticReplyBuffer ? c.unsent() - kStaticReplyBuffer : 0;
    if (limit.hard && used >= limit.hard)
        return true;
    if (!limit.soft || used < limit.soft) {
        c.softSinceMs = -1;
        return false;
    }
    std::int64_t now = m_broker.clock().nowMs();
    if (c.softSinceMs < 0) {
        c.softSinceMs = now;
        return false;
    }
    return (now - c.softSinceMs) / 1000 > limit.softSeconds;
}

void RespServer::closeForLimit(const std::shared_ptr<Connection> &c)
{
    // Like Redis: the client is closed as soon as possible and its pending output dropped.
    // Messages queued but never written are the ones the subscriber lost.
    c->limitClosed = true;
    c->reading = false;
    c->lostMessages += static_cast<std::int64_t>(c->pushEnds.size());
    c->pushEnds.clear();
    c->out.clear();
    c->outSent = 0;
    queueWrite(c); // stops reading it until the task below closes it
    ++m_broker.stats().outputLimitDisconnections;
    std::weak_ptr<Connection> weak = c;
    // Not from inside the delivery that overflowed: a task closes it right after this step,
    // counting every message that arrived meanwhile.
    m_broker.post([this, weak](Engine &) {
        auto conn = weak.lock();
        if (!conn || !m_connections.count(conn->fd) || m_connections[conn->fd] != conn)
            return;
        conn->brokerClosed = true;
        m_broker.closeNow(conn->id, "output-buffer-limit", conn->lostMessages);
        drop(conn, nullptr);
    });
}

void RespServer::readFrom(const std::shared_ptr<Connection> &c)
{
    char buf[kReadChunk];
    while (c->reading) {
        ssize_t n = ::read(c->fd, buf, sizeof(buf));
        if (n == 0) {
            drop(c, "closed");
            return;
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                drop(c, "closed");
            return;
        }
        m_broker.stats().netInputBytes += static_cast<std::uint64_t>(n);
        const ClientState *state = m_broker.engine().client(c->id);
        c->parser.setAuthRequired(state && !state->authenticated);
        RequestLimits limits = c->parser.limits();
        limits.protoMaxBulkLen = static_cast<std::size_t>(m_broker.engine().config().protoMaxBulkLen);
        c->parser.setLimits(limits);
        c->parser.feed(buf, static_cast<std::size_t>(n));
        std::vector<std::string> argv;
        while (c->reading) {
            auto status = c->parser.next(argv);
            if (status == RequestParser::Status::NeedMore)
                break;
            if (status == RequestParser::Status::Command) {
                if (looksLikeHttp(argv)) {
                    // Redis's guard against browsers and cross-protocol scripting: the
                    // connection is closed at once and nothing is written back.
                    c->out.clear();
                    c->outSent = 0;
                    c->pushEnds.clear();
                    drop(c, "http-request");
                    return;
                }
                m_broker.runNow(c->id, argv); // argv keeps its buffers for the next command
                continue;
            }
            // Protocol error: Redis answers after the replies already due, then closes.
            if (!c->parser.errorText().empty() && !c->limitClosed) {
                c->out += "-" + c->parser.errorText() + "\r\n";
                c->queuedTotal += c->parser.errorText().size() + 3;
            }
            c->reading = false;
            c->closeAfterWrite = true;
            c->closeReason = "protocol-error";
            queueWrite(c);
            return;
        }
        if (static_cast<std::size_t>(n) < sizeof(buf))
            return;
    }
}

void RespServer::queueWrite(const std::shared_ptr<Connection> &c)
{
    if (!c->queuedForWrite) {
        c->queuedForWrite = true;
        m_writeList.push_back(c);
    }
}

void RespServer::flushAll()
{
    while (!m_writeList.empty()) {
        auto list = std::move(m_writeList);
        m_writeList.clear();
        for (auto &c : list) {
            c->queuedForWrite = false;
            auto it = m_connections.find(c->fd);
            if (it != m_connections.end() && it->second == c)
                flush(c);
        }
    }
}

void RespServer::flush(const std::shared_ptr<Connection> &c)
{
    while (c->unsent() > 0) {
        ssize_t n = ::send(c->fd, c->out.data() + c->outSent, c->unsent(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) {
            drop(c, "closed");
            return;
        }
        c->outSent += static_cast<std::size_t>(n);
        c->writtenTotal += static_cast<std::uint64_t>(n);
        m_broker.stats().netOutputBytes += static_cast<std::uint64_t>(n);
    }
    while (!c->pushEnds.empty() && c->pushEnds.front() <= c->writtenTotal)
        c->pushEnds.pop_front();
    if (c->unsent() == 0) {
        c->out.clear();
        c->outSent = 0;
        c->softSinceMs = -1;
    } else if (c->outSent > (1u << 20) && c->outSent > c->out.size() / 2) {
        c->out.erase(0, c->outSent);
        c->outSent = 0;
    }
    bool needWrite = c->unsent() > 0;
    // Readable only while reading: a client that keeps sending after a protocol error or
    // QUIT must not wake the loop again and again while its last replies wait.
    std::uint32_t wanted = (c->reading ? EPOLLIN : 0u) | (needWrite ? EPOLLOUT : 0u);
    if (wanted != c->events) {
        c->events = wanted;
        epoll_event ev {};
        ev.events = wanted;
        ev.data.fd = c->fd;
        ::epoll_ctl(m_epollFd, EPOLL_CTL_MOD, c->fd, &ev);
    }
    if (c->closeAfterWrite && !needWrite)
        drop(c, c->closeReason);
}

// Forgets a connection; tells the broker (with `reason`) unless it already ended the client.
void RespServer::drop(const std::shared_ptr<Connection> &c, const char *reason)
{
    auto it = m_connections.find(c->fd);
    if (it == m_connections.end() || it->second != c)
        return;
    m_connections.erase(it);
    --m_connectionCount;
    c->reading = false;
    if (!c->brokerClosed && reason) {
        c->brokerClosed = true;
        m_broker.closeNow(c->id, reason);
    }
    ::epoll_ctl(m_epollFd, EPOLL_CTL_DEL, c->fd, nullptr);
    ::close(c->fd);
}

void RespServer::dropAll()
{
    std::vector<std::shared_ptr<Connection>> all;
    for (auto &[fd, c] : m_connections)
        all.push_back(c);
    for (auto &c : all)
        drop(c, "server-stopped");
    m_writeList.clear();
}

} // namespace ql

#include "resp_server.h"

#include "broker/broker.h"
#include "resp/request_parser.h"
#include "resp/resp_encoder.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ql {

// Where sinks (broker thread) leave output for the I/O thread.
struct RespServer::Hub {
    std::mutex mutex;
    std::vector<std::weak_ptr<Connection>> dirty;
    int wakeFd = -1;
    ~Hub()
    {
        if (wakeFd >= 0)
            ::close(wakeFd);
    }
    void markDirty(const std::shared_ptr<Connection> &c)
    {
        {
            std::lock_guard lock(mutex);
            dirty.push_back(c);
        }
        std::uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(wakeFd, &one, sizeof(one));
    }
};

struct RespServer::Connection {
    int fd = -1;
    ClientId id = kNoClient;
    RequestParser parser;
    std::string out; // I/O thread: bytes not yet written
    bool reading = true; // false after a protocol error
    bool wantWrite = false;
    // Filled by the broker thread.
    std::mutex mutex;
    std::string pending;
    bool closeRequested = false;
};

RespServer::RespServer(Broker &broker, ServerOptions options)
    : m_broker(broker), m_options(std::move(options)), m_hub(std::make_shared<Hub>())
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
    if (!m_options.requirePass.empty()) {
        if (error)
            *error = "--requirepass is not supported yet";
        return false;
    }
    std::string host = m_options.bind == "localhost" ? "127.0.0.1" : m_options.bind;
    bool v6 = host.find(':') != std::string::npos;
    m_listenFd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_storage ss {};
    socklen_t len = 0;
    if (v6) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&ss);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(static_cast<std::uint16_t>(m_options.port));
        if (::inet_pton(AF_INET6, host.c_str(), &a->sin6_addr) != 1) {
            if (error)
                *error = "invalid bind address " + host;
            return false;
        }
        len = sizeof(sockaddr_in6);
    } else {
        auto *a = reinterpret_cast<sockaddr_in *>(&ss);
        a->sin_family = AF_INET;
        a->sin_port = htons(static_cast<std::uint16_t>(m_options.port));
        if (::inet_pton(AF_INET, host.c_str(), &a->sin_addr) != 1) {
            if (error)
                *error = "invalid bind address " + host;
            return false;
        }
        len = sizeof(sockaddr_in);
    }
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
    m_hub->wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event ev {};
    ev.events = EPOLLIN;
    ev.data.fd = m_listenFd;
    ::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_listenFd, &ev);
    ev.data.fd = m_hub->wakeFd;
    ::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_hub->wakeFd, &ev);
    m_thread = std::thread([this] { loop(); });
    return true;
}

void RespServer::stop()
{
    if (!m_thread.joinable())
        return;
    m_stop = true;
    std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(m_hub->wakeFd, &one, sizeof(one));
    m_thread.join();
    for (auto &[fd, c] : m_connections) {
        m_broker.close(c->id);
        ::close(fd);
    }
    m_connections.clear();
    m_connectionCount = 0;
    ::close(m_listenFd);
    ::close(m_epollFd);
    m_listenFd = m_epollFd = -1;
}

void RespServer::loop()
{
    epoll_event events[256];
    while (!m_stop) {
        int n = ::epoll_wait(m_epollFd, events, 256, 1000);
        for (int i = 0; i < n && !m_stop; ++i) {
            int fd = events[i].data.fd;
            if (fd == m_listenFd) {
                accept();
            } else if (fd == m_hub->wakeFd) {
                std::uint64_t v;
                [[maybe_unused]] auto r = ::read(m_hub->wakeFd, &v, sizeof(v));
                drainDirty();
            } else {
                auto it = m_connections.find(fd);
                if (it == m_connections.end())
                    continue;
                auto c = it->second;
                if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                    readFrom(c);
                if (m_connections.count(fd) && (events[i].events & EPOLLOUT))
                    flush(c);
            }
        }
    }
}

void RespServer::accept()
{
    while (true) {
        int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        if (static_cast<int>(m_connections.size()) >= m_options.maxClients) {
            static const char kFull[] = "-ERR max number of clients reached\r\n";
            [[maybe_unused]] auto w = ::write(fd, kFull, sizeof(kFull) - 1);
            ::close(fd);
            continue;
        }
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        auto c = std::make_shared<Connection>();
        c->fd = fd;
        std::weak_ptr<Connection> weak = c;
        std::weak_ptr<Hub> hub = m_hub;
        ClientSink sink;
        sink.reply = [weak, hub](const Reply &r, int protocol) {
            auto conn = weak.lock();
            auto h = hub.lock();
            if (!conn || !h)
                return;
            bool first;
            {
                std::lock_guard lock(conn->mutex);
                first = conn->pending.empty();
                encodeReply(r, protocol, conn->pending);
            }
            if (first)
                h->markDirty(conn);
        };
        sink.closed = [weak, hub](const std::string &) {
            auto conn = weak.lock();
            auto h = hub.lock();
            if (!conn || !h)
                return;
            {
                std::lock_guard lock(conn->mutex);
                conn->closeRequested = true;
            }
            h->markDirty(conn);
        };
        c->id = m_broker.open(std::string(), std::move(sink));
        m_connections[fd] = c;
        ++m_connectionCount;
        epoll_event ev {};
        ev.events = EPOLLIN;
        ev.data.fd = fd;
        ::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, fd, &ev);
    }
}

void RespServer::readFrom(const std::shared_ptr<Connection> &c)
{
    if (!c->reading)
        return;
    char buf[65536];
    while (true) {
        ssize_t n = ::read(c->fd, buf, sizeof(buf));
        if (n == 0) {
            drop(c, true);
            return;
        }
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            if (errno == EINTR)
                continue;
            drop(c, true);
            return;
        }
        c->parser.feed(buf, static_cast<std::size_t>(n));
        std::vector<std::string> argv;
        std::vector<std::vector<std::string>> batch; // one hand-over per read
        while (true) {
            auto status = c->parser.next(argv);
            if (status == RequestParser::Status::NeedMore)
                break;
            if (status == RequestParser::Status::Command) {
                batch.push_back(std::move(argv));
                argv.clear();
                continue;
            }
            if (!batch.empty())
                m_broker.sendBatch(c->id, std::move(batch));
            // Protocol error: Redis answers after the replies already due, then closes.
            c->reading = false;
            std::string text = c->parser.errorText();
            std::weak_ptr<Connection> weak = c;
            std::weak_ptr<Hub> hub = m_hub;
            m_broker.post([weak, hub, text](Engine &) {
                auto conn = weak.lock();
                auto h = hub.lock();
                if (!conn || !h)
                    return;
                {
                    std::lock_guard lock(conn->mutex);
                    if (!text.empty())
                        conn->pending += "-" + text + "\r\n";
                    conn->closeRequested = true;
                }
                h->markDirty(conn);
            });
            return;
        }
        if (!batch.empty())
            m_broker.sendBatch(c->id, std::move(batch));
        if (static_cast<std::size_t>(n) < sizeof(buf))
            break;
    }
}

void RespServer::drainDirty()
{
    std::vector<std::weak_ptr<Connection>> dirty;
    {
        std::lock_guard lock(m_hub->mutex);
        dirty.swap(m_hub->dirty);
    }
    for (auto &w : dirty)
        if (auto c = w.lock(); c && m_connections.count(c->fd) && m_connections[c->fd] == c)
            flush(c);
}

void RespServer::flush(const std::shared_ptr<Connection> &c)
{
    bool closing;
    {
        std::lock_guard lock(c->mutex);
        if (c->out.empty())
            c->out.swap(c->pending);
        else {
            c->out += c->pending;
            c->pending.clear();
        }
        closing = c->closeRequested;
    }
    std::size_t off = 0;
    while (off < c->out.size()) {
        ssize_t n = ::send(c->fd, c->out.data() + off, c->out.size() - off, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) {
            drop(c, true);
            return;
        }
        off += static_cast<std::size_t>(n);
    }
    c->out.erase(0, off);
    bool needWrite = !c->out.empty();
    if (needWrite != c->wantWrite) {
        c->wantWrite = needWrite;
        epoll_event ev {};
        ev.events = EPOLLIN | (needWrite ? EPOLLOUT : 0u);
        ev.data.fd = c->fd;
        ::epoll_ctl(m_epollFd, EPOLL_CTL_MOD, c->fd, &ev);
    }
    if (closing && !needWrite)
        drop(c, true); // after QUIT/KILL the broker already forgot it; closing twice is harmless
}

void RespServer::drop(const std::shared_ptr<Connection> &c, bool tellBroker)
{
    if (tellBroker)
        m_broker.close(c->id);
    ::epoll_ctl(m_epollFd, EPOLL_CTL_DEL, c->fd, nullptr);
    ::close(c->fd);
    m_connections.erase(c->fd);
    --m_connectionCount;
}

} // namespace ql

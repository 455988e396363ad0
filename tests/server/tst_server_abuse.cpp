// Abuse of QueueLab's RESP server (RespServer over a Broker, in process) while a healthy
// "watcher" connection keeps working: protocol errors and odd framing compared byte for byte
// with a private redis-server (same bytes, same reply, same close), seeded random bytes,
// pipelines cut off mid-frame, huge declared lengths, and 10,000 connections opened and
// dropped (idle, mid-command, subscribed, blocked in BLPOP, reset). Afterwards the server
// must still answer, hold exactly the connections still open (connectionCount() and the
// broker's CLIENT LIST), keep no waiter or subscriber of a dropped connection, and the
// process's open file descriptors must be back at their baseline.
#include "broker/broker.h"
#include "diff_runner.h"
#include "redis_connection.h"
#include "redis_server.h"
#include "server/resp_server.h"

#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <random>
#include <set>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace ql;
using ql::test::DiffRunner;
using ql::test::RedisConnection;
using ql::test::RedisServer;

namespace {

using Clock = std::chrono::steady_clock;

std::size_t openFdCount()
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto &e : std::filesystem::directory_iterator("/proc/self/fd"))
        ++n;
    return n;
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs = 10000)
{
    auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!done()) {
        if (Clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

// What a server did with some bytes: everything it sent, and whether it closed.
struct Outcome {
    std::string bytes;
    bool closed = false;
    bool operator==(const Outcome &o) const { return bytes == o.bytes && closed == o.closed; }
    std::string describe() const { return DiffRunner::printable(bytes) + (closed ? " [closed]" : " [open]"); }
};

// A bare loopback TCP client for bytes no well-behaved client sends.
class RawClient {
public:
    RawClient() = default;
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;
    RawClient(RawClient &&o) noexcept : m_fd(o.m_fd), m_out(std::move(o.m_out)), m_closed(o.m_closed) { o.m_fd = -1; }
    ~RawClient() { close(); }

    bool connect(int port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
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
    bool send(const std::string &bytes)
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
    void shutdownWrite() { ::shutdown(m_fd, SHUT_WR); }
    // Closes with a TCP reset instead of an orderly FIN.
    void reset()
    {
        linger l {1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
        close();
    }
    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }
    int fd() const { return m_fd; }
    // Reads what is there now; false once the peer closed (or reset) the connection.
    bool readSome()
    {
        char buf[65536];
        while (true) {
            ssize_t n = ::recv(m_fd, buf, sizeof(buf), MSG_DONTWAIT);
            if (n > 0) {
                m_out.append(buf, static_cast<std::size_t>(n));
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return true;
            m_closed = true;
            return false;
        }
    }
    Outcome outcome() const { return {m_out, m_closed}; }
    const std::string &received() const { return m_out; }

private:
    int m_fd = -1;
    std::string m_out;
    bool m_closed = false;
};

// Reads every client until it is closed or has been quiet for `quietMs`.
void drainAll(std::vector<RawClient *> clients, int quietMs)
{
    std::vector<Clock::time_point> last(clients.size(), Clock::now());
    std::vector<bool> done(clients.size(), false);
    while (true) {
        std::vector<pollfd> fds;
        std::vector<std::size_t> which;
        auto now = Clock::now();
        for (std::size_t i = 0; i < clients.size(); ++i) {
            if (done[i])
                continue;
            if (now - last[i] >= std::chrono::milliseconds(quietMs)) {
                done[i] = true;
                continue;
            }
            fds.push_back({clients[i]->fd(), POLLIN, 0});
            which.push_back(i);
        }
        if (fds.empty())
            return;
        ::poll(fds.data(), fds.size(), 5);
        for (std::size_t k = 0; k < fds.size(); ++k) {
            if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            std::size_t i = which[k];
            std::size_t before = clients[i]->received().size();
            if (!clients[i]->readSome())
                done[i] = true;
            else if (clients[i]->received().size() != before)
                last[i] = Clock::now();
        }
    }
}

// Sends `bytes` on fresh connections to both servers (half-closing after them if asked) and
// returns what each did.
std::pair<Outcome, Outcome> exchange(
    int redisPort, int serverPort, const std::string &bytes, int quietMs, bool halfClose = false)
{
    RawClient r, s;
    if (!r.connect(redisPort) || !s.connect(serverPort))
        return {{"(cannot connect)", false}, {"(cannot connect)", false}};
    r.send(bytes);
    s.send(bytes);
    if (halfClose) {
        r.shutdownWrite();
        s.shutdownWrite();
    }
    drainAll({&r, &s}, quietMs);
    return {r.outcome(), s.outcome()};
}

// The same exchange, given more time when the fast look shows a difference.
std::pair<Outcome, Outcome> settledExchange(
    int redisPort, int serverPort, const std::string &bytes, bool halfClose = false)
{
    auto res = exchange(redisPort, serverPort, bytes, 100, halfClose);
    if (!(res.first == res.second))
        res = exchange(redisPort, serverPort, bytes, 1500, halfClose);
    return res;
}

std::string resp(const std::vector<std::string> &argv)
{
    std::string out = "*" + std::to_string(argv.size()) + "\r\n";
    for (const auto &a : argv)
        out += "$" + std::to_string(a.size()) + "\r\n" + a + "\r\n";
    return out;
}

} // namespace

class TestServerAbuse : public QObject {
    Q_OBJECT

private:
    RedisServer m_redis;
    std::unique_ptr<Broker> m_broker;
    std::unique_ptr<RespServer> m_server;
    RedisConnection m_watcher; // to QueueLab; must keep working throughout
    RedisConnection m_redisWatcher; // to redis-server, for comparisons of the end state
    std::size_t m_fdBaseline = 0;
    std::size_t m_batch = 500;
    std::int64_t m_watcherCount = 0;

    std::string ask(RedisConnection &c, const std::vector<std::string> &argv)
    {
        c.send(argv);
        return c.readReply(5000).value_or("(no reply)");
    }
    // The watcher still answers, in order.
    bool watcherHealthy()
    {
        if (ask(m_watcher, {"PING"}) != "+PONG\r\n")
            return false;
        return ask(m_watcher, {"INCR", "watcher:n"}) == ":" + std::to_string(++m_watcherCount) + "\r\n";
    }
    std::vector<std::string> clientListLines()
    {
        std::string r = ask(m_watcher, {"CLIENT", "LIST"});
        std::vector<std::string> lines;
        std::size_t start = r.find("\r\n");
        if (r.empty() || r[0] != '$' || start == std::string::npos)
            return {"(unexpected reply) " + r};
        std::string body = r.substr(start + 2, r.size() - start - 4);
        std::size_t pos = 0;
        while (pos < body.size()) {
            std::size_t nl = body.find('\n', pos);
            if (nl == std::string::npos)
                nl = body.size();
            lines.push_back(body.substr(pos, nl - pos));
            pos = nl + 1;
        }
        return lines;
    }
    static std::string field(const std::string &line, const std::string &name)
    {
        std::size_t p = line.find(name + "=");
        if (p == std::string::npos || (p > 0 && line[p - 1] != ' '))
            return {};
        std::size_t e = line.find(' ', p);
        return line.substr(p + name.size() + 1, e == std::string::npos ? std::string::npos : e - p - name.size() - 1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Both ends of every connection live in this process: make room for the batches.
        rlimit lim {};
        ::getrlimit(RLIMIT_NOFILE, &lim);
        lim.rlim_cur = lim.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &lim);
        ::getrlimit(RLIMIT_NOFILE, &lim);
        QVERIFY2(lim.rlim_cur >= 512, "too few file descriptors allowed (ulimit -n)");
        m_batch = std::min<std::size_t>(500, (lim.rlim_cur - 128) / 2);

        QVERIFY2(m_redis.start(), m_redis.error().c_str());
        m_broker = std::make_unique<Broker>(std::make_shared<SystemClock>());
        ServerOptions options;
        options.port = 0;
        m_server = std::make_unique<RespServer>(*m_broker, options);
        std::string error;
        QVERIFY2(m_server->start(&error), error.c_str());
        QVERIFY(m_watcher.connect(m_server->port()));
        QVERIFY(m_redisWatcher.connect(m_redis.port()));
        QVERIFY(watcherHealthy());
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), std::size_t(1), 5000);
        m_fdBaseline = openFdCount();
        std::printf("abuse: fd baseline %zu, batches of %zu connections\n", m_fdBaseline, m_batch);
    }

    // Framing errors and odd framing: the same bytes get the same reply (Redis's
    // "-ERR Protocol error: ..." text) and the same close as from redis-server.
    void protocol_errors_match_redis_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("halfClose"); // the client shuts its sending side after the bytes
        auto row = [](const char *name, const std::string &b, bool halfClose = false) {
            QTest::newRow(name) << QByteArray(b.data(), static_cast<qsizetype>(b.size())) << halfClose;
        };
        row("multibulk count above INT_MAX", "*2147483648\r\n");
        row("multibulk count INT_MAX waits", "*2147483647\r\n");
        row("multibulk count huge", "*99999999999999999999\r\n");
        row("multibulk count not a number", "*abc\r\n");
        row("multibulk count with plus", "*+1\r\n$4\r\nPING\r\n");
        row("multibulk count with leading zero", "*01\r\n$4\r\nPING\r\n");
        row("multibulk count negative ignored", "*-1\r\nPING\r\n");
        row("multibulk count very negative ignored", "*-5\r\nPING\r\n");
        row("multibulk count zero ignored", "*0\r\nPING\r\n");
        row("bulk length above proto-max-bulk-len", "*1\r\n$536870913\r\n");
        row("bulk length at proto-max-bulk-len waits", "*1\r\n$536870912\r\n");
        row("bulk length negative", "*1\r\n$-5\r\n");
        row("bulk length minus one", "*1\r\n$4\r\nPING\r\n*1\r\n$-1\r\n");
        row("bulk length not a number", "*1\r\n$abc\r\n");
        row("bulk length with space", "*1\r\n$ 4\r\nPING\r\n");
        row("bulk length with plus", "*1\r\n$+4\r\nPING\r\n");
        row("bulk header without dollar", "*1\r\nfoo\r\n");
        row("bulk payload without crlf", "*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n");
        row("empty command name", "*1\r\n$0\r\n\r\n");
        row("bare newlines", "*1\n$4\nPING\n");
        row("empty lines then inline", "\r\n\r\nPING\r\n");
        row("inline with lf only", "PING\n");
        row("inline unbalanced quotes", "\"unbalanced\r\n");
        row("inline escapes", "ECHO \"a\\x41\\n\" 'b\\'c'\r\n");
        row("inline control bytes", std::string("\x00\x01\r\n", 4));
        row("inline nul hides the line end", std::string("PING\x00\r\nPING\r\n", 13));
        row("inline too big", std::string(70000, 'x'));
        row("multibulk count string too big", "*" + std::string(70000, '1'));
        row("bulk count string too big", "*1\r\n$" + std::string(70000, '1'));
        row("half frame waits", "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n");
        row("reply then half frame", "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$5\r\nab");
        row("quit stops the pipeline", "*1\r\n$4\r\nQUIT\r\n*1\r\n$4\r\nPING\r\n");
        row("inline quit stops the pipeline", "QUIT\r\nPING\r\n");
        row("protocol error after commands", "PING\r\nECHO a\r\n*x\r\nPING\r\n");
        row("subscribe then protocol error", "SUBSCRIBE a\r\n*1\r\n$-2\r\n");
        row("wrong-case client subcommand",
            "CLIENT unblock 1 TIMEOUT extra\r\nCLIENT UnBlock\r\nCLIENT UnBlock 1 TIMEOUT extra\r\n"
            "client Unblock 1 x y z\r\nclient LIST Type Foo\r\nclient kill type Foo\r\n");
        row("HTTP POST is dropped silently", "POST / HTTP/1.1\r\n");
        row("HTTP Host: header is dropped silently", "GET / HTTP/1.1\r\nHost: example\r\n");
        row("half-closed client still gets its replies", "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n", true);
        std::string pings;
        for (int i = 0; i < 2000; ++i)
            pings += i % 2 ? "PING\r\n" : "*1\r\n$4\r\nPING\r\n";
        row("half-closed pipeline of 2000", pings, true);
        row("half-closed inside a frame", "*2\r\n$4\r\nECHO\r\n$5\r\nab", true);
    }
    void protocol_errors_match_redis()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, halfClose);
        auto [redis, server] = settledExchange(m_redis.port(), m_server->port(), bytes.toStdString(), halfClose);
        if (!(redis == server))
            std::printf("  protocol difference for %s\n    redis:  %s\n    server: %s\n",
                DiffRunner::printable(bytes.toStdString()).c_str(), redis.describe().c_str(),
                server.describe().c_str());
        QCOMPARE(server.describe(), redis.describe());
        QVERIFY(watcherHealthy());
    }

    // Places where QueueLab is known to differ from redis-server 7.0.15 at the connection
    // layer. Each row fails (XFAIL) until it is fixed; then the XPASS says: move it up.
    void known_connection_differences_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("halfClose");
        // None at present (the HTTP rows matched Redis and moved up). A new row goes here,
        // in place of this skip (QTest cannot run a data-driven test without rows).
        QSKIP("no known connection-layer differences at present");
    }
    void known_connection_differences()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, halfClose);
        auto [redis, server] = settledExchange(m_redis.port(), m_server->port(), bytes.toStdString(), halfClose);
        std::printf("  known difference for %s%s\n    redis:  %s\n    server: %s\n",
            DiffRunner::printable(bytes.toStdString()).c_str(), halfClose ? " (then half-close)" : "",
            redis.describe().c_str(), server.describe().c_str());
        QEXPECT_FAIL("", "QueueLab differs from redis-server here (see the row name)", Continue);
        QCOMPARE(server.describe(), redis.describe());
        QVERIFY(watcherHealthy());
    }

    // Seeded random bytes, mostly RESP punctuation, digits and a few command letters: every
    // piece gets the same answer and the same close from both servers.
    void random_bytes_match_redis()
    {
        const std::uint64_t seed = qEnvironmentVariableIsSet("QUEUELAB_SEED")
            ? qEnvironmentVariable("QUEUELAB_SEED").toULongLong()
            : 20261125ull;
        std::mt19937_64 rng(seed);
        static const std::string kAlphabet = "**$$\r\n\r\n0123456789--+ :PINGECHOpingecho\"'\\x";
        auto pick = [&rng](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
        std::vector<std::string> pieces;
        for (int i = 0; i < 400; ++i) {
            std::string p;
            std::size_t len = 1 + pick(48);
            for (std::size_t k = 0; k < len; ++k)
                p += pick(10) == 0 ? static_cast<char>(pick(256)) : kAlphabet[pick(kAlphabet.size())];
            pieces.push_back(p);
        }
        std::size_t differences = 0, closedByBoth = 0;
        for (std::size_t start = 0; start < pieces.size(); start += 100) {
            std::vector<RawClient> r(100), s(100);
            std::vector<RawClient *> all;
            for (std::size_t i = 0; i < 100 && start + i < pieces.size(); ++i) {
                QVERIFY(r[i].connect(m_redis.port()));
                QVERIFY(s[i].connect(m_server->port()));
                r[i].send(pieces[start + i]);
                s[i].send(pieces[start + i]);
                all.push_back(&r[i]);
                all.push_back(&s[i]);
            }
            drainAll(all, 150);
            for (std::size_t i = 0; i < 100 && start + i < pieces.size(); ++i) {
                Outcome a = r[i].outcome(), b = s[i].outcome();
                if (!(a == b)) // a slow side gets a second, longer look
                    std::tie(a, b) = settledExchange(m_redis.port(), m_server->port(), pieces[start + i]);
                closedByBoth += a.closed && b.closed;
                if (!(a == b)) {
                    ++differences;
                    std::printf("  random bytes #%zu %s\n    redis:  %s\n    server: %s\n", start + i,
                        DiffRunner::printable(pieces[start + i]).c_str(), a.describe().c_str(), b.describe().c_str());
                }
            }
            QVERIFY(watcherHealthy());
        }
        std::printf("abuse random bytes: seed %llu, %zu pieces, %zu closed by both, %zu differences\n",
            static_cast<unsigned long long>(seed), pieces.size(), closedByBoth, differences);
        QCOMPARE(differences, std::size_t(0));
    }

    // Pipelines cut at random points and closed: both servers run exactly the complete
    // commands, so the keys they leave match.
    void cut_pipelines_run_only_whole_commands()
    {
        std::mt19937_64 rng(20261125);
        std::size_t cuts = 0;
        for (int round = 0; round < 4; ++round) {
            std::vector<RawClient> r(100), s(100);
            for (int i = 0; i < 100; ++i) {
                std::string pipeline;
                std::string key = "cut:" + std::to_string(round * 100 + i);
                for (int k = 0; k < 5; ++k)
                    pipeline += resp({"RPUSH", key, "value-" + std::to_string(k)});
                pipeline += "RPUSH " + key + " inline-end\r\n";
                std::size_t cut = std::uniform_int_distribution<std::size_t>(1, pipeline.size())(rng);
                QVERIFY(r[i].connect(m_redis.port()));
                QVERIFY(s[i].connect(m_server->port()));
                r[i].send(pipeline.substr(0, cut));
                s[i].send(pipeline.substr(0, cut));
                if (i % 3 == 0) {
                    r[i].reset();
                    s[i].reset();
                } else {
                    r[i].close();
                    s[i].close();
                }
                ++cuts;
            }
            QVERIFY(watcherHealthy());
        }
        // A reset connection may lose bytes the server had not read yet: compare only keys
        // of orderly closed connections exactly, and the rest as prefixes.
        auto listOf = [this](RedisConnection &c, const std::string &key) { return ask(c, {"LRANGE", key, "0", "-1"}); };
        std::size_t compared = 0;
        for (int n = 0; n < 400; ++n) {
            if (n % 100 % 3 == 0)
                continue;
            std::string key = "cut:" + std::to_string(n);
            std::string want = listOf(m_redisWatcher, key);
            // QueueLab may still be running the commands of a just-closed connection.
            QVERIFY2(waitUntil([&] { return listOf(m_watcher, key) == want; }, 3000),
                (key + ": redis " + DiffRunner::printable(want) + " server "
                    + DiffRunner::printable(listOf(m_watcher, key)))
                    .c_str());
            ++compared;
        }
        std::printf("abuse cut pipelines: %zu connections cut and closed, %zu lists compared with redis-server\n", cuts,
            compared);
    }

    // Lengths that promise gigabytes; the connection is closed before they arrive.
    void huge_declared_lengths_then_close()
    {
        std::size_t before = m_server->connectionCount();
        {
            RawClient bulk, args, deep;
            QVERIFY(bulk.connect(m_server->port()));
            QVERIFY(args.connect(m_server->port()));
            QVERIFY(deep.connect(m_server->port()));
            bulk.send("*1\r\n$536870912\r\n" + std::string(4 << 20, 'x'));
            std::string many = "*2147483647\r\n";
            for (int i = 0; i < 100000; ++i)
                many += "$1\r\na\r\n";
            args.send(many);
            deep.send("*2\r\n$3\r\nGET\r\n$536870000\r\n" + std::string(1 << 20, 'y'));
            QVERIFY(watcherHealthy());
            QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), before + 3, 5000);
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), before, 5000);
        QVERIFY(watcherHealthy());
    }

    // 10,000 connections opened and dropped in batches while three stay: the watcher, a
    // subscriber and a client blocked in BLPOP.
    void ten_thousand_connections_come_and_go()
    {
        RedisConnection holdSub, holdBlock;
        QVERIFY(holdSub.connect(m_server->port()));
        QVERIFY(holdBlock.connect(m_server->port()));
        QCOMPARE(
            ask(holdSub, {"SUBSCRIBE", "churn:ch"}), std::string("*3\r\n$9\r\nsubscribe\r\n$8\r\nchurn:ch\r\n:1\r\n"));
        holdBlock.send({"BLPOP", "churn:hold", "0"});
        const std::string watcherId = ask(m_watcher, {"CLIENT", "ID"});
        QCOMPARE(ask(holdSub, {"PING"}), std::string("*2\r\n$4\r\npong\r\n$0\r\n\r\n"));

        const int total = 10000;
        int opened = 0, incrs = 0, blocked = 0, subscribed = 0;
        while (opened < total) {
            std::vector<RawClient> batch(std::min<std::size_t>(m_batch, static_cast<std::size_t>(total - opened)));
            int batchBlocked = 0;
            for (std::size_t i = 0; i < batch.size(); ++i) {
                RawClient &c = batch[i];
                QVERIFY2(c.connect(m_server->port()), "connect failed");
                int n = opened + static_cast<int>(i);
                switch (n % 6) {
                case 0: break; // idle
                case 1: c.send("*3\r\n$3\r\nSET\r\n$9\r\nchurn:mid\r\n$5\r\nval"); break; // mid-command
                case 2:
                case 5:
                    c.send(resp({"SUBSCRIBE", "churn:ch", "churn:" + std::to_string(n % 7)}));
                    ++subscribed;
                    break;
                case 3:
                    c.send(resp({"BLPOP", "churn:q" + std::to_string(n % 50), "0"}));
                    ++batchBlocked;
                    break;
                case 4:
                    c.send(resp({"INCR", "churn:n"}));
                    ++incrs;
                    break;
                }
            }
            blocked += batchBlocked;
            // Everyone is in: the subscribers got their confirmation, the BLPOPs wait.
            for (std::size_t i = 0; i < batch.size(); ++i) {
                int n = opened + static_cast<int>(i);
                if (n % 6 == 2 || n % 6 == 5) {
                    QVERIFY(waitUntil([&] {
                        batch[i].readSome();
                        return batch[i].received().find(":2\r\n") != std::string::npos;
                    }));
                }
            }
            QVERIFY(watcherHealthy());
            QVERIFY(waitUntil([&] { return m_server->connectionCount() == batch.size() + 3; }));
            // The broker knows every one of them, and every BLPOP (plus the held one) waits.
            std::size_t listed = 0, waiting = 0;
            QVERIFY2(waitUntil([&] {
                auto lines = clientListLines();
                listed = lines.size();
                waiting = 0;
                for (const auto &l : lines)
                    waiting += field(l, "flags").find('b') != std::string::npos;
                return listed == batch.size() + 3 && waiting == static_cast<std::size_t>(batchBlocked + 1);
            }),
                ("CLIENT LIST: " + std::to_string(listed) + " clients, " + std::to_string(waiting) + " blocked")
                    .c_str());
            // Drop them: most with FIN, every fifth with a reset.
            for (std::size_t i = 0; i < batch.size(); ++i) {
                if (i % 5 == 4)
                    batch[i].reset();
                else
                    batch[i].close();
            }
            opened += static_cast<int>(batch.size());
            QVERIFY(watcherHealthy());
        }

        // Only the three held connections are left, everywhere.
        QVERIFY2(waitUntil([&] { return m_server->connectionCount() == 3; }),
            ("connectionCount() " + std::to_string(m_server->connectionCount())).c_str());
        QVERIFY(waitUntil([&] { return clientListLines().size() == 3; }));
        std::set<std::string> ids;
        for (const auto &l : clientListLines())
            ids.insert(field(l, "id"));
        QVERIFY2(ids.count(watcherId.substr(1, watcherId.size() - 3)), watcherId.c_str());
        QCOMPARE(ask(m_watcher, {"PUBSUB", "NUMSUB", "churn:ch", "churn:3"}),
            std::string("*4\r\n$8\r\nchurn:ch\r\n:1\r\n$7\r\nchurn:3\r\n:0\r\n"));
        const std::string n = std::to_string(incrs);
        QCOMPARE(ask(m_watcher, {"GET", "churn:n"}), "$" + std::to_string(n.size()) + "\r\n" + n + "\r\n");
        QCOMPARE(ask(m_watcher, {"EXISTS", "churn:mid"}), std::string(":0\r\n"));
        // No dropped BLPOP still waits: a pushed element stays in the list.
        for (int q = 0; q < 50; ++q) {
            std::string key = "churn:q" + std::to_string(q);
            QCOMPARE(ask(m_watcher, {"RPUSH", key, "x"}), std::string(":1\r\n"));
            QCOMPARE(ask(m_watcher, {"LLEN", key}), std::string(":1\r\n"));
        }
        // The held ones still work.
        QCOMPARE(ask(m_watcher, {"PUBLISH", "churn:ch", "still-here"}), std::string(":1\r\n"));
        QCOMPARE(holdSub.readReply(5000).value_or("(nothing)"),
            std::string("*3\r\n$7\r\nmessage\r\n$8\r\nchurn:ch\r\n$10\r\nstill-here\r\n"));
        QCOMPARE(ask(m_watcher, {"RPUSH", "churn:hold", "job"}), std::string(":1\r\n"));
        QCOMPARE(
            holdBlock.readReply(5000).value_or("(nothing)"), std::string("*2\r\n$10\r\nchurn:hold\r\n$3\r\njob\r\n"));
        holdSub.close();
        holdBlock.close();
        QVERIFY(waitUntil([&] { return m_server->connectionCount() == 1; }));
        QVERIFY(waitUntil([&] { return clientListLines().size() == 1; }));

        // No descriptor leaked: back to the baseline (the watcher's two ends included).
        bool back = waitUntil([&] { return openFdCount() == m_fdBaseline; });
        std::printf("abuse churn: %d connections opened and dropped (%d subscribed, %d blocked in BLPOP, %d INCR), "
                    "fds before %zu after %zu, connectionCount %zu\n",
            opened, subscribed, blocked, incrs, m_fdBaseline, openFdCount(), m_server->connectionCount());
        QVERIFY(back);
        QVERIFY(watcherHealthy());
    }

    void cleanupTestCase()
    {
        m_watcher.close();
        m_redisWatcher.close();
        m_server.reset();
        m_broker.reset();
        m_redis.stop();
    }
};

QTEST_GUILESS_MAIN(TestServerAbuse)
#include "tst_server_abuse.moc"

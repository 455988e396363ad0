// Redis's client limits on the wire: a subscriber that stops reading is disconnected by
// client-output-buffer-limit (hard at once, soft after its seconds), the event feed says
// so with the number of messages it lost, and the publisher never notices; maxclients
// refuses the connection after the last with Redis's error.
#include "broker/broker.h"
#include "redis_connection.h"
#include "server/resp_server.h"

#include "resp/reply_reader.h"

#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace ql;
using ql::test::RedisConnection;

namespace {

// The ClientClosed event of `client`, waiting for it up to timeoutMs.
std::optional<Event> waitForClose(EventFeed &feed, EventFeed::ConsumerId consumer, ClientId client, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        for (auto &e : feed.drain(consumer).events)
            if (e.kind == EventKind::ClientClosed && e.client == client)
                return e;
        QTest::qWait(10);
    }
    return std::nullopt;
}

// Counts complete pub/sub messages in what a subscriber's socket received until EOF.
std::size_t readMessagesUntilClosed(RedisConnection &c)
{
    std::size_t messages = 0;
    while (auto reply = c.readReply(2000)) {
        if (reply->find("$7\r\nmessage\r\n") != std::string::npos)
            ++messages;
    }
    return messages;
}

std::int64_t integerReply(RedisConnection &c)
{
    auto r = c.readReply(5000);
    return r && r->size() > 1 && (*r)[0] == ':' ? std::stoll(r->substr(1)) : -1;
}

} // namespace

class TestServerLimits : public QObject {
    Q_OBJECT

private:
    std::shared_ptr<VirtualClock> m_clock;
    std::unique_ptr<Broker> m_broker;
    std::unique_ptr<RespServer> m_server;

    RedisConnection connect()
    {
        RedisConnection c;
        c.connect(m_server->port());
        return c;
    }
    std::string roundTrip(RedisConnection &c, const std::vector<std::string> &argv)
    {
        c.send(argv);
        return c.readReply(5000).value_or("(timeout)");
    }
    ClientId clientId(RedisConnection &c)
    {
        c.send({"CLIENT", "ID"});
        auto r = c.readReply(3000).value_or(":0\r\n");
        return std::stoll(r.substr(1));
    }

private Q_SLOTS:
    void init()
    {
        m_clock = std::make_shared<VirtualClock>(1000);
        m_broker = std::make_unique<Broker>(m_clock);
        ServerOptions options;
        options.port = 0;
        options.maxClients = 20;
        m_server = std::make_unique<RespServer>(*m_broker, options);
        std::string error;
        QVERIFY2(m_server->start(&error), error.c_str());
    }
    void cleanup()
    {
        m_server.reset();
        m_broker.reset();
    }

    void stalled_subscriber_hits_the_hard_limit_and_its_losses_are_counted()
    {
        auto consumer = m_broker->events().subscribe();
        RedisConnection subscriber = connect(), publisher = connect(), watcher = connect();
        ClientId subscriberId = clientId(subscriber);
        QCOMPARE(roundTrip(publisher, {"CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 0 0"}),
            std::string("+OK\r\n"));
        QCOMPARE(
            roundTrip(subscriber, {"SUBSCRIBE", "news"}), std::string("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n"));
        // The subscriber reads nothing while 40 MB are published (far beyond socket buffers).
        const std::string payload(64 * 1024, 'x');
        std::int64_t receivers = 0;
        for (int i = 0; i < 640; ++i) {
            publisher.send({"PUBLISH", "news", payload});
            receivers += integerReply(publisher);
        }
        QVERIFY(receivers > 0);
        QVERIFY(receivers < 640); // it was dropped before the end: later PUBLISHes reach nobody
        auto closed = waitForClose(m_broker->events(), consumer, subscriberId, 5000);
        QVERIFY(closed.has_value());
        QCOMPARE(closed->text, std::string("output-buffer-limit"));
        QVERIFY(closed->number > 0);
        // Every message PUBLISH counted was either received before the cut or reported lost.
        std::size_t received = readMessagesUntilClosed(subscriber);
        QCOMPARE(static_cast<std::int64_t>(received) + closed->number, receivers);
        // Nobody else noticed.
        QCOMPARE(roundTrip(watcher, {"PING"}), std::string("+PONG\r\n"));
        QCOMPARE(roundTrip(publisher, {"PUBLISH", "news", "after"}), std::string(":0\r\n"));
        std::string info = roundTrip(watcher, {"INFO", "stats"});
        QVERIFY(info.find("client_output_buffer_limit_disconnections:1\r\n") != std::string::npos);
    }

    void soft_limit_disconnects_only_after_its_seconds()
    {
        auto consumer = m_broker->events().subscribe();
        RedisConnection subscriber = connect(), publisher = connect();
        ClientId subscriberId = clientId(subscriber);
        roundTrip(publisher, {"CONFIG", "SET", "client-output-buffer-limit", "pubsub 0 256kb 2"});
        roundTrip(subscriber, {"SUBSCRIBE", "news"});
        const std::string payload(64 * 1024, 'y');
        // Above the soft limit, but for no time at all on the (paused) virtual clock. 25 MB:
        // well beyond what the kernel's socket buffers can hold for a reader that never reads.
        for (int i = 0; i < 400; ++i) {
            publisher.send({"PUBLISH", "news", payload});
            QCOMPARE(integerReply(publisher), std::int64_t(1));
        }
        m_broker->advanceTime(2000); // exactly the soft seconds: Redis still keeps it
        m_broker->sync(); // time has moved before the next PUBLISH is read
        publisher.send({"PUBLISH", "news", payload});
        QCOMPARE(integerReply(publisher), std::int64_t(1));
        QVERIFY(!waitForClose(m_broker->events(), consumer, subscriberId, 200).has_value());
        m_broker->advanceTime(1001); // longer than the soft seconds
        m_broker->sync();
        publisher.send({"PUBLISH", "news", payload});
        QCOMPARE(integerReply(publisher), std::int64_t(1));
        auto closed = waitForClose(m_broker->events(), consumer, subscriberId, 5000);
        QVERIFY(closed.has_value());
        QCOMPARE(closed->text, std::string("output-buffer-limit"));
        QVERIFY(closed->number > 0);
    }

    void a_client_that_reads_again_in_time_is_kept()
    {
        auto consumer = m_broker->events().subscribe();
        RedisConnection subscriber = connect(), publisher = connect();
        ClientId subscriberId = clientId(subscriber);
        roundTrip(publisher, {"CONFIG", "SET", "client-output-buffer-limit", "pubsub 64mb 1mb 1"});
        roundTrip(subscriber, {"SUBSCRIBE", "news"});
        const std::string payload(32 * 1024, 'z');
        for (int round = 0; round < 5; ++round) {
            for (int i = 0; i < 100; ++i) {
                publisher.send({"PUBLISH", "news", payload});
                QCOMPARE(integerReply(publisher), std::int64_t(1));
            }
            for (int i = 0; i < 100; ++i)
                QVERIFY(subscriber.readReply(5000).has_value());
            m_broker->advanceTime(5000);
            m_broker->sync();
        }
        QVERIFY(!waitForClose(m_broker->events(), consumer, subscriberId, 200).has_value());
    }

    void a_closing_client_that_keeps_sending_does_not_make_the_server_spin()
    {
        // A client gets a protocol error while megabytes of replies still wait for it (it
        // does not read), and it keeps sending. The server must stop watching it for input
        // and sleep until it can write, not wake up for every byte it will never read.
        RedisConnection filler = connect();
        for (int k = 0; k < 50; ++k) {
            std::vector<std::string> argv {"RPUSH", "big"};
            for (int i = 0; i < 1000; ++i)
                argv.push_back("element" + std::to_string(k * 1000 + i));
            QCOMPARE(roundTrip(filler, argv).substr(0, 1), std::string(":"));
        }
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        int small = 4096;
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(m_server->port()));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)), 0);
        std::string request;
        for (int i = 0; i < 40; ++i)
            request += "LRANGE big 0 -1\r\n";
        request += "*x\r\n";
        QCOMPARE(::send(fd, request.data(), request.size(), 0), ssize_t(request.size()));
        QTest::qWait(200);
        std::uint64_t before = m_server->pollRounds();
        for (int i = 0; i < 30; ++i) {
            [[maybe_unused]] auto n = ::send(fd, "junk\r\n", 6, MSG_DONTWAIT | MSG_NOSIGNAL);
            QTest::qWait(10);
        }
        std::uint64_t rounds = m_server->pollRounds() - before;
        QVERIFY2(rounds < 1000, qPrintable(QStringLiteral("%1 loop rounds in ~300 ms").arg(rounds)));
        ::close(fd);
        // The broker may still be building the 40 LRANGE replies (slow under ThreadSanitizer
        // on a loaded machine): wait for the PONG longer than for an ordinary reply.
        filler.send({"PING"});
        QCOMPARE(filler.readReply(60000).value_or("(timeout)"), std::string("+PONG\r\n"));
    }

    void maxclients_refuses_the_next_connection_like_redis()
    {
        std::vector<RedisConnection> held;
        for (int i = 0; i < 20; ++i) {
            held.push_back(connect());
            QCOMPARE(roundTrip(held.back(), {"PING"}), std::string("+PONG\r\n"));
        }
        RedisConnection extra = connect();
        QCOMPARE(extra.readReply(3000).value_or("?"), std::string("-ERR max number of clients reached\r\n"));
        held.pop_back();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), std::size_t(19), 5000);
        RedisConnection again = connect();
        QCOMPARE(roundTrip(again, {"PING"}), std::string("+PONG\r\n"));
        std::string info = roundTrip(again, {"INFO", "stats"});
        QVERIFY(info.find("rejected_connections:1\r\n") != std::string::npos);
    }

    void adopted_socketpair_is_served_like_a_tcp_client()
    {
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), 0);
        m_server->adopt(fds[0]);
        const char request[] = "*1\r\n$4\r\nPING\r\n";
        QCOMPARE(::write(fds[1], request, sizeof(request) - 1), ssize_t(sizeof(request) - 1));
        std::string got;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
            char buf[64];
            ssize_t n = ::read(fds[1], buf, sizeof(buf));
            if (n > 0)
                got.append(buf, static_cast<std::size_t>(n));
            return got == "+PONG\r\n";
        }()),
            3000);
        ::close(fds[1]);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), std::size_t(0), 3000);
    }
};

QTEST_GUILESS_MAIN(TestServerLimits)
#include "tst_server_limits.moc"

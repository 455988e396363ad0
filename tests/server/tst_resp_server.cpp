// The RESP server over real loopback sockets: replies, pipelining, inline commands,
// protocol errors (Redis's text, then the connection closes), blocking and pub/sub across
// connections, RESP3 pushes, QUIT, and connections that come and go without leaking.
#include "broker/broker.h"
#include "redis_connection.h"
#include "server/resp_server.h"

#include <QTest>

#include <chrono>
#include <thread>

using namespace ql;
using ql::test::RedisConnection;

class TestRespServer : public QObject {
    Q_OBJECT

private:
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
        return c.readReply(3000).value_or("(timeout)");
    }

private Q_SLOTS:
    void init()
    {
        m_broker = std::make_unique<Broker>(std::make_shared<SystemClock>());
        ServerOptions options;
        options.port = 0;
        m_server = std::make_unique<RespServer>(*m_broker, options);
        std::string error;
        QVERIFY2(m_server->start(&error), error.c_str());
    }
    void cleanup()
    {
        m_server.reset();
        m_broker.reset();
    }

    void answers_like_redis()
    {
        RedisConnection c = connect();
        QCOMPARE(roundTrip(c, {"PING"}), std::string("+PONG\r\n"));
        QCOMPARE(roundTrip(c, {"RPUSH", "q", "a", "b"}), std::string(":2\r\n"));
        QCOMPARE(roundTrip(c, {"LRANGE", "q", "0", "-1"}), std::string("*2\r\n$1\r\na\r\n$1\r\nb\r\n"));
        QCOMPARE(roundTrip(c, {"GET", "q"}),
            std::string("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"));
    }

    void pipelined_replies_keep_their_order()
    {
        RedisConnection c = connect();
        std::string batch;
        for (int i = 0; i < 100; ++i)
            batch += "*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n";
        batch += "PING\r\n"; // inline
        c.sendRaw(batch);
        for (int i = 1; i <= 100; ++i)
            QCOMPARE(c.readReply(3000).value_or("?"), ":" + std::to_string(i) + "\r\n");
        QCOMPARE(c.readReply(3000).value_or("?"), std::string("+PONG\r\n"));
    }

    void protocol_error_replies_then_closes()
    {
        RedisConnection c = connect();
        c.sendRaw("*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n");
        QCOMPARE(c.readReply(3000).value_or("?"), std::string("+PONG\r\n"));
        QCOMPARE(c.readReply(3000).value_or("?"), std::string("-ERR Protocol error: invalid bulk length\r\n"));
        QVERIFY(!c.readReply(500).has_value()); // closed
        RedisConnection other = connect();
        QCOMPARE(roundTrip(other, {"PING"}), std::string("+PONG\r\n"));
    }

    void blpop_in_one_connection_is_served_by_another()
    {
        RedisConnection waiter = connect(), producer = connect();
        waiter.send({"BLPOP", "jobs", "0"});
        QVERIFY(!waiter.readReply(200).has_value());
        QCOMPARE(roundTrip(producer, {"RPUSH", "jobs", "hello"}), std::string(":1\r\n"));
        QCOMPARE(waiter.readReply(3000).value_or("?"), std::string("*2\r\n$4\r\njobs\r\n$5\r\nhello\r\n"));
    }

    void subscribers_get_pushes_in_their_protocol()
    {
        RedisConnection resp2 = connect(), resp3 = connect(), publisher = connect();
        roundTrip(resp3, {"HELLO", "3"});
        QCOMPARE(roundTrip(resp2, {"SUBSCRIBE", "news"}), std::string("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n"));
        QCOMPARE(roundTrip(resp3, {"SUBSCRIBE", "news"}), std::string(">3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n"));
        QCOMPARE(roundTrip(publisher, {"PUBLISH", "news", "hi"}), std::string(":2\r\n"));
        QCOMPARE(resp2.readReply(3000).value_or("?"), std::string("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n"));
        QCOMPARE(resp3.readReply(3000).value_or("?"), std::string(">3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n"));
    }

    void quit_replies_ok_then_closes()
    {
        RedisConnection c = connect();
        QCOMPARE(roundTrip(c, {"QUIT"}), std::string("+OK\r\n"));
        QVERIFY(!c.readReply(500).has_value());
    }

    void connections_come_and_go_without_leaking()
    {
        for (int i = 0; i < 1000; ++i) {
            RedisConnection c = connect();
            if (i % 2 == 0)
                c.sendRaw("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
        }
        RedisConnection last = connect();
        QCOMPARE(roundTrip(last, {"GET", "k"}), std::string("$1\r\nv\r\n"));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), std::size_t(1), 5000);
    }

    void client_list_shows_socket_addresses_and_kill_addr_uses_them()
    {
        RedisConnection admin = connect(), victim = connect();
        std::string info = roundTrip(victim, {"CLIENT", "INFO"});
        auto field = [&info](const std::string &name) {
            std::size_t at = info.find(" " + name + "=");
            std::size_t end = info.find(' ', at + name.size() + 2);
            return at == std::string::npos ? std::string()
                                           : info.substr(at + name.size() + 2, end - at - name.size() - 2);
        };
        std::string addr = field("addr"), laddr = field("laddr");
        QVERIFY2(addr.rfind("127.0.0.1:", 0) == 0, info.c_str());
        QCOMPARE(laddr, "127.0.0.1:" + std::to_string(m_server->port()));
        QVERIFY(field("fd") != "-1");
        QCOMPARE(roundTrip(admin, {"CLIENT", "KILL", "ADDR", addr}), std::string(":1\r\n"));
        QVERIFY(!victim.readReply(500).has_value()); // closed
        QCOMPARE(roundTrip(admin, {"CLIENT", "KILL", "ADDR", addr}), std::string(":0\r\n"));
    }

    void non_loopback_bind_needs_a_password()
    {
        ServerOptions open;
        open.bind = "0.0.0.0";
        std::string why;
        QVERIFY(!RespServer::bindIsAllowed(open, &why));
        QVERIFY(why.find("without a password") != std::string::npos);
        ServerOptions loopback;
        QVERIFY(RespServer::bindIsAllowed(loopback, nullptr));
    }
};

QTEST_GUILESS_MAIN(TestRespServer)
#include "tst_resp_server.moc"

// AUTH, HELLO AUTH, requirepass, CONFIG GET/SET and INFO over the wire, with a real
// redis-server given the same password as the oracle: each step is sent to both and the
// raw replies must match byte for byte (client ids masked).
#include "broker/broker.h"
#include "redis_connection.h"
#include "redis_server.h"
#include "server/resp_server.h"

#include <QTest>

#include <regex>

using namespace ql;
using ql::test::RedisConnection;
using ql::test::RedisServer;

namespace {

constexpr const char *kPassword = "sekret";

std::string maskIds(const std::string &resp)
{
    static const std::regex kId("\\$2\\r\\nid\\r\\n:[0-9]+");
    return std::regex_replace(resp, kId, "$$2\r\nid\r\n:<id>");
}

} // namespace

class TestServerAuthConfig : public QObject {
    Q_OBJECT

private:
    RedisServer m_redis;
    std::unique_ptr<Broker> m_broker;
    std::unique_ptr<RespServer> m_server;

    std::string roundTrip(RedisConnection &c, const std::vector<std::string> &argv)
    {
        c.send(argv);
        return maskIds(c.readReply(3000).value_or("(no reply)"));
    }
    // Sends `steps` on one fresh connection to each server; every reply must match.
    void compareSession(const std::vector<std::vector<std::string>> &steps)
    {
        RedisConnection redis, ours;
        QVERIFY(redis.connect(m_redis.port()));
        QVERIFY(ours.connect(m_server->port()));
        for (const auto &argv : steps) {
            std::string expected = roundTrip(redis, argv);
            std::string actual = roundTrip(ours, argv);
            std::string what;
            for (const auto &a : argv)
                what += a + " ";
            QVERIFY2(expected == actual,
                qPrintable(QString::fromStdString(what + "\n redis:  " + expected + "\n ours:   " + actual)));
        }
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_redis.start(), m_redis.error().c_str()); }

    void init()
    {
        RedisConnection admin;
        QVERIFY(admin.connect(m_redis.port()));
        // The password may already be set by an earlier test.
        admin.send({"AUTH", kPassword});
        admin.readReply(3000);
        admin.send({"CONFIG", "SET", "requirepass", kPassword});
        QCOMPARE(admin.readReply(3000).value_or("?"), std::string("+OK\r\n"));
        m_broker = std::make_unique<Broker>(std::make_shared<SystemClock>());
        ServerOptions options;
        options.port = 0;
        options.requirePass = kPassword;
        m_server = std::make_unique<RespServer>(*m_broker, options);
        std::string error;
        QVERIFY2(m_server->start(&error), error.c_str());
    }
    void cleanup()
    {
        m_server.reset();
        m_broker.reset();
    }

    void unauthenticated_clients_are_refused_like_redis()
    {
        compareSession({{"PING"}, {"GET", "k"}, {"MULTI"}, {"FOO", "bar"}, {"GET"},
            {"CLIENT", "SETINFO", "lib-name", "x"}, {"HELLO", "3"}, {"HELLO", "4"},
            {"HELLO", "3", "AUTH", "default", "wrong"}, {"HELLO", "3", "AUTH", "bob", kPassword}, {"AUTH"},
            {"AUTH", "wrong"}, {"AUTH", "default", "wrong"}, {"AUTH", "a", "b", "c"}, {"PING"}, {"QUIT"}});
    }

    void auth_then_commands_then_reset_needs_auth_again()
    {
        compareSession(
            {{"AUTH", kPassword}, {"PING"}, {"AUTH", "wrong"}, {"PING"}, {"SET", "k", "v"}, {"GET", "k"}, {"MULTI"},
                {"AUTH", kPassword}, {"EXEC"}, {"RESET"}, {"PING"}, {"AUTH", "default", kPassword}, {"DEL", "k"}});
    }

    void hello_auth_authenticates_and_switches_protocol()
    {
        compareSession({{"HELLO", "3", "AUTH", "default", kPassword, "SETNAME", "worker"}, {"CLIENT", "GETNAME"},
            {"CONFIG", "GET", "save"}, {"HELLO", "2"}, {"PING"}});
    }

    void unauthenticated_requests_are_size_limited_like_redis()
    {
        // Redis refuses big multibulk headers before AUTH ("unauthenticated multibulk length").
        for (const char *raw : {"*20\r\n", "*1\r\n$20000\r\n"}) {
            RedisConnection redis, ours;
            QVERIFY(redis.connect(m_redis.port()));
            QVERIFY(ours.connect(m_server->port()));
            redis.sendRaw(raw);
            ours.sendRaw(raw);
            std::string expected = redis.readReply(3000).value_or("(no reply)");
            QCOMPARE(ours.readReply(3000).value_or("(no reply)"), expected);
            QVERIFY(!ours.readReply(300).has_value()); // and the connection is closed
        }
    }

    void config_set_and_get_match_redis()
    {
        compareSession({{"AUTH", kPassword}, {"CONFIG", "SET", "client-output-buffer-limit", "pubsub 1"},
            {"CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 2mb x"},
            {"CONFIG", "SET", "client-output-buffer-limit", "foo 1 2 3"},
            {"CONFIG", "SET", "client-output-buffer-limit", "master 1 2 3"},
            {"CONFIG", "SET", "client-output-buffer-limit", "pubsub -1 2 3"},
            {"CONFIG", "GET", "client-output-buffer-limit"},
            {"CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 256kb 1"},
            {"CONFIG", "GET", "client-output-buffer-limit"},
            {"CONFIG", "SET", "client-output-buffer-limit", "normal 1 2 3 PUBSUB 1g 2GB 4 replica 5k 6KB 7"},
            {"CONFIG", "GET", "client-output-buffer-limit"},
            {"CONFIG", "SET", "client-output-buffer-limit",
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 32mb 8mb 60"},
            {"CONFIG", "GET", "client-output-buffer-limit"}, {"CONFIG", "SET", "proto-max-bulk-len", "100"},
            {"CONFIG", "SET", "proto-max-bulk-len", "abc"}, {"CONFIG", "SET", "proto-max-bulk-len", "2mb"},
            {"CONFIG", "GET", "proto-max-bulk-len"}, {"CONFIG", "SET", "proto-max-bulk-len", "512mb"},
            {"CONFIG", "SET", "maxclients", "abc"}, {"CONFIG", "SET", "maxclients", "0"},
            {"CONFIG", "SET", "databases", "4"}, {"CONFIG", "SET", "no-such-setting", "1"},
            {"CONFIG", "SET", "requirepass", kPassword, "requirepass", "x"}, {"CONFIG", "SET", "requirepass"},
            {"CONFIG", "GET", "requirepass"}, {"CONFIG", "GET", "save"}, {"CONFIG", "GET", "appendonly"},
            {"CONFIG", "GET", "req*pass"}});
    }

    void config_set_requirepass_applies_to_new_connections_only()
    {
        compareSession({{"AUTH", kPassword}, {"CONFIG", "SET", "requirepass", ""}, {"PING"}});
        compareSession({{"PING"}, {"AUTH", "anything"}, {"AUTH", "default", "anything"},
            {"CONFIG", "SET", "requirepass", kPassword}, {"PING"}});
        compareSession({{"PING"}});
    }

    void settings_queuelab_cannot_change_are_refused_clearly()
    {
        RedisConnection c;
        QVERIFY(c.connect(m_server->port()));
        roundTrip(c, {"AUTH", kPassword});
        std::string reply = roundTrip(c, {"CONFIG", "SET", "appendonly", "yes"});
        QVERIFY2(
            reply.rfind("-ERR CONFIG SET failed (possibly related to argument 'appendonly')", 0) == 0, reply.c_str());
        QCOMPARE(roundTrip(c, {"CONFIG", "GET", "appendonly"}), std::string("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n"));
    }

    void info_reports_sections_in_redis_format()
    {
        RedisConnection c, other;
        QVERIFY(c.connect(m_server->port()));
        QVERIFY(other.connect(m_server->port()));
        roundTrip(c, {"AUTH", kPassword});
        roundTrip(c, {"RPUSH", "jobs", "a", "b"});
        roundTrip(c, {"SET", "temp", "1", "EX", "100"});
        std::string info = roundTrip(c, {"INFO"});
        QVERIFY2(info.rfind("$", 0) == 0, info.c_str()); // RESP2: a bulk string
        for (const char *needle : {"# Server\r\n", "redis_version:7.0.15\r\n", "# Clients\r\n",
                 "connected_clients:2\r\n", "blocked_clients:0\r\n", "# Memory\r\n", "used_memory:", "# Stats\r\n",
                 "total_commands_processed:", "# Keyspace\r\n", "db0:keys=2,expires=1,avg_ttl=0\r\n"})
            QVERIFY2(info.find(needle) != std::string::npos, needle);
        std::string port = "tcp_port:" + std::to_string(m_server->port()) + "\r\n";
        QVERIFY(info.find(port) != std::string::npos);
        // One section, a section that does not exist, and RESP3's verbatim string, as Redis.
        std::string clients = roundTrip(c, {"INFO", "clients"});
        QVERIFY(clients.find("# Clients") != std::string::npos && clients.find("# Server") == std::string::npos);
        RedisConnection redis;
        QVERIFY(redis.connect(m_redis.port()));
        roundTrip(redis, {"AUTH", kPassword});
        QCOMPARE(roundTrip(c, {"INFO", "nosuchsection"}), roundTrip(redis, {"INFO", "nosuchsection"}));
        roundTrip(c, {"HELLO", "3"});
        roundTrip(redis, {"HELLO", "3"});
        QCOMPARE(roundTrip(c, {"INFO", "server"}).substr(0, 1), roundTrip(redis, {"INFO", "server"}).substr(0, 1));
        QVERIFY(roundTrip(c, {"INFO", "server"}).find("txt:# Server") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestServerAuthConfig)
#include "tst_server_auth_config.moc"

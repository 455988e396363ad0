// Blocking semantics over several connections, compared with a real redis-server: which
// waiter is served, what each gets, timeouts, MULTI, deleted keys and groups. Each case
// runs on both sides step by step; after every step the bytes each connection received so
// far must be equal.
#include "broker/broker.h"
#include "redis_connection.h"
#include "redis_server.h"
#include "reply_collector.h"
#include "resp/resp_encoder.h"
#include "resp/split_args.h"

#include <QTest>

#include <map>
#include <thread>

using namespace ql;
using namespace ql::test;

namespace {

struct Side {
    std::map<std::string, RedisConnection> redis;
    std::map<std::string, std::string> redisBytes;
    std::map<std::string, std::unique_ptr<ReplyCollector>> collectors;
    std::map<std::string, ClientId> ids;
    std::map<std::string, std::size_t> skipped;
    std::map<std::string, int> protocol; // as the client asked with HELLO
};

} // namespace

class TestBlockingVsRedis : public QObject {
    Q_OBJECT

private:
    RedisServer m_server;

    // Runs `steps` ("A: BLPOP q 0", "sleep 200") on both sides; returns "" or a report.
    QString runCase(const QStringList &steps)
    {
        Side side; // outlives the broker, whose thread writes to its collectors
        Broker broker(std::make_shared<SystemClock>());
        RedisConnection admin;
        admin.connect(m_server.port());
        admin.send({"FLUSHALL"});
        admin.readReply(2000);
        auto conn = [&](const std::string &name) {
            if (!side.redis.count(name)) {
                side.redis[name].connect(m_server.port());
                side.collectors[name] = std::make_unique<ReplyCollector>();
                side.ids[name] = broker.open(name, side.collectors[name]->sink());
            }
        };
        QString report;
        for (const QString &step : steps) {
            // "skip A: HELLO 3": run on both sides, then forget what A received (the reply
            // carries the connection id and server version).
            const bool skip = step.startsWith(QLatin1String("skip "));
            std::string stepConn;
            if (step.startsWith(QLatin1String("sleep "))) {
                std::this_thread::sleep_for(std::chrono::milliseconds(step.mid(6).toInt()));
            } else {
                const QString cmd = skip ? step.mid(5) : step;
                int colon = cmd.indexOf(QLatin1Char(':'));
                std::string name = cmd.left(colon).trimmed().toStdString();
                stepConn = name;
                QByteArray line = cmd.mid(colon + 1).trimmed().toUtf8();
                auto argv = splitArgs(std::string_view(line.constData(), static_cast<std::size_t>(line.size())));
                conn(name);
                if (argv->size() >= 2 && QByteArray::fromStdString((*argv)[0]).toUpper() == "HELLO")
                    side.protocol[name] = std::stoi((*argv)[1]);
                else if (!side.protocol.count(name))
                    side.protocol[name] = 2;
                side.redis[name].send(*argv);
                broker.send(side.ids[name], *argv);
            }
            // Let both settle, then compare everything each connection has received.
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            broker.sync();
            for (auto &[name, rc] : side.redis) {
                while (rc.hasPendingData(5)) {
                    auto r = rc.readReply(500);
                    if (!r)
                        break;
                    side.redisBytes[name] += *r;
                }
                auto &col = *side.collectors[name];
                if (skip && name == stepConn) {
                    side.redisBytes[name].clear();
                    side.skipped[name] = col.count();
                    continue;
                }
                std::string ours;
                for (std::size_t i = side.skipped[name]; i < col.count(); ++i)
                    ours += encodeReply(col.at(i), side.protocol[name]);
                if (ours != side.redisBytes[name]) {
                    report += QStringLiteral("after '%1', connection %2:\n  redis:  %3\n  broker: %4\n")
                                  .arg(step, QString::fromStdString(name),
                                      QString::fromLatin1(
                                          QByteArray::fromStdString(side.redisBytes[name]).toPercentEncoding(" ")),
                                      QString::fromLatin1(QByteArray::fromStdString(ours).toPercentEncoding(" ")));
                    return report;
                }
            }
        }
        return report;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), m_server.error().c_str()); }
    void cleanupTestCase() { m_server.stop(); }

    void blocking_matches_redis_data()
    {
        QTest::addColumn<QStringList>("steps");
        auto row = [](const char *name, QStringList steps) { QTest::newRow(name) << steps; };
        row("waiters are served in the order they blocked",
            {QStringLiteral("A: BLPOP q 0"), QStringLiteral("B: BLPOP q 0"), QStringLiteral("C: RPUSH q x y z"),
                QStringLiteral("C: LRANGE q 0 -1")});
        row("a client on several keys is served by the key that got data",
            {QStringLiteral("A: BLPOP a b 0"), QStringLiteral("C: RPUSH b 1"), QStringLiteral("C: RPUSH a 2"),
                QStringLiteral("C: LLEN a")});
        row("a served push is not visible to others",
            {QStringLiteral("A: BRPOP q 0"), QStringLiteral("C: RPUSH q job"), QStringLiteral("C: LLEN q"),
                QStringLiteral("C: EXISTS q")});
        row("timeouts reply nil",
            {QStringLiteral("A: BLPOP q 0.1"), QStringLiteral("sleep 250"), QStringLiteral("A: BRPOPLPUSH q d 0.05"),
                QStringLiteral("sleep 200")});
        row("a blocked client holds its next commands",
            {QStringLiteral("A: BLPOP q 0"), QStringLiteral("A: PING"), QStringLiteral("A: LLEN q"),
                QStringLiteral("C: LPUSH q one two"), QStringLiteral("C: LLEN q")});
        row("blmove feeds the next waiter",
            {QStringLiteral("A: BLMOVE jobs processing LEFT RIGHT 0"), QStringLiteral("B: BLPOP processing 0"),
                QStringLiteral("C: RPUSH jobs j1 j2"), QStringLiteral("C: LRANGE jobs 0 -1")});
        row("blmpop takes count from the ready key",
            {QStringLiteral("A: BLMPOP 0 2 a b RIGHT COUNT 2"), QStringLiteral("C: RPUSH b 1 2 3"),
                QStringLiteral("C: LRANGE b 0 -1")});
        row("blocking commands inside MULTI do not block",
            {QStringLiteral("A: MULTI"), QStringLiteral("A: BLPOP q 0"), QStringLiteral("A: XREAD BLOCK 0 STREAMS s $"),
                QStringLiteral("A: EXEC")});
        row("waiters stay blocked when the key changes type",
            {QStringLiteral("A: BLPOP k 0"), QStringLiteral("C: SET k str"), QStringLiteral("C: DEL k"),
                QStringLiteral("C: RPUSH k v")});
        row("negative and invalid timeouts are errors",
            {QStringLiteral("A: BLPOP q -1"), QStringLiteral("A: BLPOP q abc"),
                QStringLiteral("A: XREAD BLOCK -5 STREAMS s $"), QStringLiteral("A: BLMOVE a b LEFT RIGHT -0.5")});
        row("xread block with $ sees only new entries",
            {QStringLiteral("C: XADD s 1-1 f old"), QStringLiteral("A: XREAD BLOCK 0 STREAMS s $"),
                QStringLiteral("B: XREAD BLOCK 0 STREAMS s $"), QStringLiteral("C: XADD s 2-1 f new")});
        row("xreadgroup block > gives each entry to one consumer",
            {QStringLiteral("C: XGROUP CREATE s g $ MKSTREAM"),
                QStringLiteral("A: XREADGROUP GROUP g alice BLOCK 0 STREAMS s >"),
                QStringLiteral("B: XREADGROUP GROUP g bob BLOCK 0 STREAMS s >"), QStringLiteral("C: XADD s 1-1 n 1"),
                QStringLiteral("C: XADD s 2-1 n 2"), QStringLiteral("C: XPENDING s g")});
        row("destroying the group wakes its readers with an error",
            {QStringLiteral("C: XGROUP CREATE s g $ MKSTREAM"),
                QStringLiteral("A: XREADGROUP GROUP g alice BLOCK 0 STREAMS s >"),
                QStringLiteral("C: XGROUP DESTROY s g")});
        row("deleting the stream wakes group readers, not plain readers",
            {QStringLiteral("C: XGROUP CREATE s g $ MKSTREAM"),
                QStringLiteral("A: XREADGROUP GROUP g alice BLOCK 0 STREAMS s >"),
                QStringLiteral("B: XREAD BLOCK 300 STREAMS s $"), QStringLiteral("C: DEL s"),
                QStringLiteral("sleep 400")});
        row("exec runs the queue and reports errors inside it",
            {QStringLiteral("A: MULTI"), QStringLiteral("A: SET k v"), QStringLiteral("A: INCR k"),
                QStringLiteral("A: RPUSH k x"), QStringLiteral("A: GET k"), QStringLiteral("A: EXEC")});
        row("a rejected command aborts the transaction",
            {QStringLiteral("A: MULTI"), QStringLiteral("A: SET k v"), QStringLiteral("A: NOSUCH x"),
                QStringLiteral("A: GET"), QStringLiteral("A: EXEC"), QStringLiteral("A: GET k")});
        row("transaction control errors",
            {QStringLiteral("A: EXEC"), QStringLiteral("A: DISCARD"), QStringLiteral("A: MULTI"),
                QStringLiteral("A: MULTI"), QStringLiteral("A: WATCH x"), QStringLiteral("A: DISCARD"),
                QStringLiteral("A: WATCH"), QStringLiteral("A: UNWATCH")});
        row("watch aborts exec when another client writes",
            {QStringLiteral("A: WATCH k"), QStringLiteral("B: SET k theirs"), QStringLiteral("A: MULTI"),
                QStringLiteral("A: SET k mine"), QStringLiteral("A: EXEC"), QStringLiteral("A: GET k")});
        row("unwatch forgets the watched keys",
            {QStringLiteral("A: WATCH k"), QStringLiteral("A: UNWATCH"), QStringLiteral("B: SET k x"),
                QStringLiteral("A: MULTI"), QStringLiteral("A: GET k"), QStringLiteral("A: EXEC")});
        row("watch sees list pops and stream adds",
            {QStringLiteral("C: RPUSH q a"), QStringLiteral("A: WATCH q s"), QStringLiteral("B: XADD s 1-1 f v"),
                QStringLiteral("A: MULTI"), QStringLiteral("A: LLEN q"), QStringLiteral("A: EXEC")});
        row("consumer group commands do not touch watched keys",
            {QStringLiteral("C: XADD s 1-1 f v"), QStringLiteral("C: XADD s 2-1 f v"),
                QStringLiteral("C: XGROUP CREATE s g 0"), QStringLiteral("A: WATCH s"),
                QStringLiteral("B: XREADGROUP GROUP g c COUNT 1 STREAMS s >"),
                QStringLiteral("B: XREADGROUP GROUP g c STREAMS s 0"),
                QStringLiteral("B: XREADGROUP GROUP g d STREAMS s 0"), QStringLiteral("B: XACK s g 1-1"),
                QStringLiteral("B: XREADGROUP GROUP g c STREAMS s >"), QStringLiteral("B: XCLAIM s g d 0 2-1"),
                QStringLiteral("B: XCLAIM s g c 0 2-1 JUSTID"), QStringLiteral("B: XAUTOCLAIM s g d 0 0"),
                QStringLiteral("B: XGROUP CREATECONSUMER s g e"), QStringLiteral("B: XGROUP DELCONSUMER s g e"),
                QStringLiteral("B: XGROUP SETID s g 0"), QStringLiteral("B: XGROUP CREATE s g2 $"),
                QStringLiteral("B: XGROUP DESTROY s g2"), QStringLiteral("B: XSETID s 5-0"), QStringLiteral("A: MULTI"),
                QStringLiteral("A: PING"), QStringLiteral("A: EXEC"), QStringLiteral("A: WATCH s"),
                QStringLiteral("B: XDEL s 1-1"), QStringLiteral("A: MULTI"), QStringLiteral("A: PING"),
                QStringLiteral("A: EXEC")});
        row("claims that drop deleted entries do not touch watched keys",
            {QStringLiteral("C: XADD s 1-1 f v"), QStringLiteral("C: XADD s 2-1 f v"),
                QStringLiteral("C: XADD s 3-1 f v"), QStringLiteral("C: XGROUP CREATE s g 0"),
                QStringLiteral("C: XREADGROUP GROUP g c STREAMS s >"), QStringLiteral("C: XDEL s 1-1 2-1"),
                QStringLiteral("A: WATCH s"), QStringLiteral("B: XCLAIM s g d 0 1-1 3-1"),
                QStringLiteral("B: XAUTOCLAIM s g d 0 0"), QStringLiteral("B: XCLAIM s g d 0 9-1 FORCE"),
                QStringLiteral("A: MULTI"), QStringLiteral("A: PING"), QStringLiteral("A: EXEC")});
        row("discard and reset end a transaction",
            {QStringLiteral("A: MULTI"), QStringLiteral("A: SET k v"), QStringLiteral("A: DISCARD"),
                QStringLiteral("A: EXEC"), QStringLiteral("A: CLIENT SETNAME named"), QStringLiteral("A: MULTI"),
                QStringLiteral("A: NOSUCH"), QStringLiteral("A: SET k v"), QStringLiteral("A: RESET"),
                QStringLiteral("A: EXEC"), QStringLiteral("A: CLIENT GETNAME"), QStringLiteral("A: GET k")});
        row("flushall touches only watched keys that existed",
            {QStringLiteral("A: WATCH missing"), QStringLiteral("B: FLUSHALL"), QStringLiteral("A: MULTI"),
                QStringLiteral("A: PING"), QStringLiteral("A: EXEC"), QStringLiteral("B: SET k 1"),
                QStringLiteral("A: WATCH k"), QStringLiteral("B: FLUSHDB"), QStringLiteral("A: MULTI"),
                QStringLiteral("A: PING"), QStringLiteral("A: EXEC")});
        row("subscribed clients receive pushes in publish order",
            {QStringLiteral("A: SUBSCRIBE news"), QStringLiteral("B: PSUBSCRIBE n*"),
                QStringLiteral("C: PUBLISH news 1"), QStringLiteral("C: PUBLISH news 2"),
                QStringLiteral("C: PUBLISH nope 3"), QStringLiteral("A: GET x"), QStringLiteral("A: PING"),
                QStringLiteral("A: UNSUBSCRIBE"), QStringLiteral("A: GET x")});
        row("resp3 lifts the subscribed-context limit and sends push frames",
            {QStringLiteral("skip A: HELLO 3"), QStringLiteral("A: SUBSCRIBE news"),
                QStringLiteral("C: PUBLISH news hi"), QStringLiteral("A: SET x 1"), QStringLiteral("A: GET x"),
                QStringLiteral("A: BLPOP q 0.05"), QStringLiteral("sleep 150")});
        row("a stream reader ignores a list with its key",
            {QStringLiteral("A: XREAD BLOCK 200 STREAMS k $"), QStringLiteral("C: RPUSH k a"),
                QStringLiteral("sleep 350")});
    }

    void blocking_matches_redis()
    {
        QFETCH(QStringList, steps);
        const QString report = runCase(steps);
        QVERIFY2(report.isEmpty(), qPrintable(report));
    }
};

QTEST_GUILESS_MAIN(TestBlockingVsRedis)
#include "tst_blocking_vs_redis.moc"

// BlockingManager alone (no threads): per-key FIFO waiters, service by the key that
// became ready, timeouts from the injected time, waiters of another type left waiting.
#include "broker/blocking_manager.h"

#include <QTest>

using namespace ql;

namespace {

Reply keyValue(const std::string &k, const std::string &v)
{
    return Reply::array({Reply::bulk(k), Reply::bulk(v)});
}

struct World {
    Engine engine;
    BlockingManager blocking;
    World()
    {
        for (ClientId id = 1; id <= 4; ++id)
            engine.openClient(id);
    }
    // Runs a command; blocks the client when the engine asks to.
    Reply run(ClientId c, std::vector<std::string> argv, std::int64_t now = 0)
    {
        ExecResult r = engine.execute(c, argv, now);
        if (r.block) {
            blocking.block(engine, c, std::move(*r.block), now);
            return Reply::status("(blocked)");
        }
        return r.reply;
    }
};

} // namespace

class TestBlockingManager : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void waiters_are_served_in_the_order_they_blocked()
    {
        World w;
        w.run(1, {"BLPOP", "q", "0"});
        w.run(2, {"BLPOP", "q", "0"});
        QCOMPARE(w.blocking.waitersOn(0, "q"), (std::vector<ClientId> {1, 2}));
        QCOMPARE(w.run(3, {"RPUSH", "q", "a", "b", "c"}), Reply::integer(3));
        auto served = w.blocking.serveReadyKeys(w.engine, 0);
        QCOMPARE(served.size(), std::size_t(2));
        QCOMPARE(served[0].client, ClientId(1));
        QCOMPARE(served[0].reply, keyValue("q", "a"));
        QCOMPARE(served[1].client, ClientId(2));
        QCOMPARE(served[1].reply, keyValue("q", "b"));
        QCOMPARE(w.run(3, {"LRANGE", "q", "0", "-1"}), Reply::array({Reply::bulk("c")}));
        QVERIFY(!w.blocking.isBlocked(1));
    }

    void a_served_push_is_not_visible_to_others()
    {
        World w;
        w.run(1, {"BRPOP", "q", "0"});
        w.run(2, {"RPUSH", "q", "job"});
        w.blocking.serveReadyKeys(w.engine, 0);
        QCOMPARE(w.run(3, {"LLEN", "q"}), Reply::integer(0));
        QCOMPARE(w.run(3, {"EXISTS", "q"}), Reply::integer(0));
    }

    void client_on_several_keys_is_served_by_the_ready_one()
    {
        World w;
        w.run(1, {"BLPOP", "a", "b", "0"});
        w.run(2, {"RPUSH", "b", "x"});
        auto served = w.blocking.serveReadyKeys(w.engine, 0);
        QCOMPARE(served.size(), std::size_t(1));
        QCOMPARE(served[0].reply, keyValue("b", "x"));
        QVERIFY(w.blocking.waitersOn(0, "a").empty());
    }

    void timeouts_follow_the_injected_time()
    {
        World w;
        w.run(1, {"BLPOP", "q", "1.5"}, 1000);
        w.run(2, {"BLPOP", "q", "1"}, 1000);
        QCOMPARE(*w.blocking.nextDeadline(), std::int64_t(2000));
        QVERIFY(w.blocking.expire(w.engine, 1999).empty());
        auto first = w.blocking.expire(w.engine, 2000);
        QCOMPARE(first.size(), std::size_t(1));
        QCOMPARE(first[0].client, ClientId(2));
        QCOMPARE(first[0].reply.type(), Reply::Type::NullArray);
        QCOMPARE(first[0].reason, UnblockReason::Timeout);
        auto second = w.blocking.expire(w.engine, 5000);
        QCOMPARE(second.size(), std::size_t(1));
        QCOMPARE(second[0].client, ClientId(1));
        QVERIFY(!w.blocking.nextDeadline());
    }

    void zero_timeout_waits_forever()
    {
        World w;
        w.run(1, {"BLPOP", "q", "0"}, 0);
        QVERIFY(!w.blocking.nextDeadline());
        QVERIFY(w.blocking.expire(w.engine, 1'000'000'000).empty());
        QVERIFY(w.blocking.isBlocked(1));
    }

    void blmove_chain_serves_the_next_waiter()
    {
        World w;
        w.run(1, {"BLMOVE", "jobs", "processing", "LEFT", "RIGHT", "0"});
        w.run(2, {"BLPOP", "processing", "0"});
        w.run(3, {"RPUSH", "jobs", "j1"});
        auto served = w.blocking.serveReadyKeys(w.engine, 0);
        QCOMPARE(served.size(), std::size_t(2));
        QCOMPARE(served[0].client, ClientId(1));
        QCOMPARE(served[0].reply, Reply::bulk("j1"));
        QCOMPARE(served[1].client, ClientId(2));
        QCOMPARE(served[1].reply, keyValue("processing", "j1"));
    }

    void stream_waiter_is_not_served_by_a_list()
    {
        World w;
        w.run(1, {"XREAD", "BLOCK", "0", "STREAMS", "k", "$"});
        w.run(2, {"RPUSH", "k", "x"});
        QVERIFY(w.blocking.serveReadyKeys(w.engine, 0).empty());
        QVERIFY(w.blocking.isBlocked(1));
    }

    void xreadgroup_waiter_gets_new_entries()
    {
        World w;
        w.run(3, {"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"});
        w.run(1, {"XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">"});
        w.run(2, {"XREADGROUP", "GROUP", "g", "bob", "BLOCK", "0", "STREAMS", "s", ">"});
        w.run(3, {"XADD", "s", "1-1", "f", "v"});
        auto served = w.blocking.serveReadyKeys(w.engine, 0);
        QCOMPARE(served.size(), std::size_t(1));
        QCOMPARE(served[0].client, ClientId(1));
        QVERIFY(w.blocking.isBlocked(2));
        QCOMPARE(w.run(3, {"XPENDING", "s", "g"}).items().at(0), Reply::integer(1));
    }

    void unblock_removes_every_wait()
    {
        World w;
        w.run(1, {"BLPOP", "a", "b", "5"}, 0);
        auto gone = w.blocking.unblock(w.engine, 1, UnblockReason::Unblocked, 10);
        QVERIFY(gone.has_value());
        QVERIFY(w.blocking.waitersOn(0, "a").empty());
        QVERIFY(w.blocking.waitersOn(0, "b").empty());
        QVERIFY(!w.blocking.nextDeadline());
        w.run(2, {"RPUSH", "a", "x"});
        QVERIFY(w.blocking.serveReadyKeys(w.engine, 0).empty());
        QCOMPARE(w.run(2, {"LLEN", "a"}), Reply::integer(1));
    }
};

QTEST_APPLESS_MAIN(TestBlockingManager)
#include "tst_blocking_manager.moc"

// Stream commands beyond what the differential corpus can see: the events every mutation
// emits, ids and idle times taken from the engine's clock (ctx.now), and the requests
// XREAD/XREADGROUP BLOCK hand to the broker (keys, deadline, the argv to re-run, MULTI).
#include "engine_fixture.h"

#include <QTest>

using namespace ql;

using Fixture = ql::test::EngineFixture;
using ql::test::Strings;
constexpr auto kinds = ql::test::eventKinds;

class TestStreamCommands : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void xadd_creates_the_key_then_adds()
    {
        Fixture f;
        ExecResult r = f.run({"XADD", "s", "5-1", "temp", "21", "unit", "C"});
        QCOMPARE(r.reply.str(), std::string("5-1"));
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"key-created", "stream-added"}));
        QCOMPARE(ev[0].values, (Strings {"stream"}));
        QCOMPARE(ev[1].key, std::string("s"));
        QCOMPARE(ev[1].text, std::string("5-1"));
        QCOMPARE(ev[1].values, (Strings {"temp", "21", "unit", "C"}));
        QCOMPARE(ev[1].timeMs, std::int64_t(1000));
    }

    void xadd_star_uses_the_engine_clock()
    {
        Fixture f;
        QCOMPARE(f.run({"XADD", "s", "*", "a", "1"}, 1234).reply.str(), std::string("1234-0"));
        QCOMPARE(f.run({"XADD", "s", "*", "a", "1"}, 1234).reply.str(), std::string("1234-1"));
        QCOMPARE(f.run({"XADD", "s", "*", "a", "1"}, 1000).reply.str(), std::string("1234-2"));
        QCOMPARE(f.run({"XADD", "s", "*", "a", "1"}, 5000).reply.str(), std::string("5000-0"));
    }

    void xadd_trimming_emits_stream_trimmed()
    {
        Fixture f;
        f.given({{"XADD", "s", "1-1", "a", "1"}, {"XADD", "s", "1-2", "a", "2"}});
        f.run({"XADD", "s", "MAXLEN", "1", "1-3", "a", "3"});
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"stream-added", "stream-trimmed"}));
        QCOMPARE(ev[1].number, std::int64_t(2));
        QCOMPARE(ev[1].text, std::string("maxlen"));
        f.run({"XTRIM", "s", "MINID", "9"});
        ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"stream-trimmed"}));
        QCOMPARE(ev[0].text, std::string("minid"));
        f.run({"XTRIM", "s", "MINID", "9"});
        QVERIFY(f.events().empty());
    }

    void failed_and_reading_commands_emit_nothing()
    {
        Fixture f;
        f.given({{"XADD", "s", "1-1", "a", "1"}, {"XGROUP", "CREATE", "s", "g", "$"}});
        f.run({"XADD", "s", "1-1", "a", "1"});
        f.run({"XADD", "s", "MAXLEN", "-1", "*", "a", "1"});
        f.run({"XRANGE", "s", "-", "+"});
        f.run({"XREAD", "STREAMS", "s", "0"});
        f.run({"XINFO", "STREAM", "s"});
        f.run({"XPENDING", "s", "g"});
        f.run({"XDEL", "s", "9-9"});
        f.run({"XACK", "s", "g", "1-1"});
        f.run({"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"});
        QVERIFY(f.events().empty());
    }

    void xdel_and_xsetid_events()
    {
        Fixture f;
        f.given({{"XADD", "s", "1-1", "a", "1"}, {"XADD", "s", "1-2", "a", "2"}});
        f.run({"XDEL", "s", "1-1", "7-7", "1-2"});
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"stream-deleted"}));
        QCOMPARE(ev[0].values, (Strings {"1-1", "1-2"}));
        f.run({"XSETID", "s", "9-9"});
        ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"stream-id-set"}));
        QCOMPARE(ev[0].text, std::string("9-9"));
    }

    void group_lifecycle_events()
    {
        Fixture f;
        f.run({"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"});
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"key-created", "group-created"}));
        QCOMPARE(ev[1].text, std::string("g"));
        QCOMPARE(ev[1].values, (Strings {"0-0"}));
        f.run({"XGROUP", "SETID", "s", "g", "5-5"});
        f.run({"XGROUP", "CREATECONSUMER", "s", "g", "alice"});
        f.run({"XGROUP", "CREATECONSUMER", "s", "g", "alice"});
        f.run({"XGROUP", "DELCONSUMER", "s", "g", "alice"});
        f.run({"XGROUP", "DELCONSUMER", "s", "g", "alice"});
        f.run({"XGROUP", "DESTROY", "s", "g"});
        f.run({"XGROUP", "DESTROY", "s", "g"});
        ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"group-id-set", "consumer-created", "consumer-deleted", "group-destroyed"}));
        QCOMPARE(ev[0].values, (Strings {"5-5"}));
        QCOMPARE(ev[1].values, (Strings {"alice"}));
        QCOMPARE(ev[2].number, std::int64_t(0));
    }

    void xreadgroup_delivers_then_xack_acknowledges()
    {
        Fixture f;
        f.given({{"XADD", "s", "1-1", "a", "1"}, {"XADD", "s", "1-2", "a", "2"}, {"XGROUP", "CREATE", "s", "g", "0"}});
        f.run({"XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">"});
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"consumer-created", "group-delivered"}));
        QCOMPARE(ev[0].text, std::string("g"));
        QCOMPARE(ev[0].values, (Strings {"alice"}));
        QCOMPARE(ev[1].values, (Strings {"alice", "1-1", "1-2"}));
        QCOMPARE(ev[1].number, std::int64_t(0));

        f.run({"XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0"});
        ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"group-delivered"}));
        QCOMPARE(ev[0].number, std::int64_t(2));

        f.run({"XACK", "s", "g", "1-2", "1-2", "9-9"});
        ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"acked"}));
        QCOMPARE(ev[0].text, std::string("g"));
        QCOMPARE(ev[0].values, (Strings {"1-2"}));

        f.given({{"XADD", "s", "1-3", "a", "3"}});
        f.run({"XREADGROUP", "GROUP", "g", "alice", "NOACK", "STREAMS", "s", ">"});
        ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"group-delivered"}));
        QCOMPARE(ev[0].number, std::int64_t(1));
        QCOMPARE(f.run({"XPENDING", "s", "g"}).reply.items()[0].integerValue(), std::int64_t(1));
    }

    void claims_and_dropped_pending_entries()
    {
        Fixture f;
        f.given({{"XADD", "s", "1-1", "a", "1"}, {"XADD", "s", "1-2", "a", "2"}, {"XGROUP", "CREATE", "s", "g", "0"},
            {"XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">"}, {"XDEL", "s", "1-2"}});
        f.run({"XCLAIM", "s", "g", "bob", "0", "1-1", "1-2", "LASTID", "3-3"});
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"group-id-set", "consumer-created", "claimed", "pending-dropped"}));
        QCOMPARE(ev[0].values, (Strings {"3-3"}));
        QCOMPARE(ev[2].values, (Strings {"bob", "1-1"}));
        QCOMPARE(ev[3].values, (Strings {"1-2"}));

        f.run({"XAUTOCLAIM", "s", "g", "carol", "0", "0"});
        ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"consumer-created", "claimed"}));
        QCOMPARE(ev[1].values, (Strings {"carol", "1-1"}));
    }

    void idle_times_follow_the_engine_clock()
    {
        Fixture f;
        f.given({{"XADD", "s", "1-1", "a", "1"}, {"XGROUP", "CREATE", "s", "g", "0"}});
        f.run({"XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">"}, 10000);
        Reply pending = f.run({"XPENDING", "s", "g", "-", "+", "10"}, 10250).reply;
        QCOMPARE(pending.items()[0].items()[2].integerValue(), std::int64_t(250));
        Reply consumers = f.run({"XINFO", "CONSUMERS", "s", "g"}, 10400).reply;
        QCOMPARE(consumers.items()[0].items()[5].integerValue(), std::int64_t(400));
        // Not idle long enough at 10300, idle enough at 20000.
        QCOMPARE(f.run({"XCLAIM", "s", "g", "bob", "5000", "1-1"}, 10300).reply.items().size(), std::size_t(0));
        QCOMPARE(f.run({"XCLAIM", "s", "g", "bob", "5000", "1-1"}, 20000).reply.items().size(), std::size_t(1));
    }

    void xread_block_requests_a_wait_with_dollar_resolved()
    {
        Fixture f;
        f.given({{"XADD", "s", "7-3", "a", "1"}});
        ExecResult r = f.run({"XREAD", "BLOCK", "500", "STREAMS", "s", "nokey", "$", "$"}, 2000);
        QVERIFY(r.block.has_value());
        QCOMPARE(r.block->keys, (Strings {"s", "nokey"}));
        QCOMPARE(r.block->deadlineMs, std::int64_t(2500));
        QVERIFY(r.block->streamWait);
        QVERIFY(r.block->timeoutReply.type() == Reply::Type::NullArray);
        QCOMPARE(
            r.block->argv, (Strings {"XREAD", "COUNT", "1000", "BLOCK", "500", "STREAMS", "s", "nokey", "7-3", "0-0"}));
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {eventKindName(EventKind::BlockRequested)}));
        QCOMPARE(ev[0].values, (Strings {"s", "nokey"}));
        QCOMPARE(ev[0].number, std::int64_t(2500));

        // Re-running the argv after new data answers like the non-blocking form.
        f.given({{"XADD", "s", "8-0", "b", "2"}});
        ExecResult again = f.engine.execute(1, r.block->argv, 2100);
        QVERIFY(!again.block);
        QCOMPARE(again.reply.items().size(), std::size_t(1));
        QCOMPARE(again.reply.items()[0].items()[1].items()[0].items()[0].str(), std::string("8-0"));
    }

    void block_zero_waits_forever_and_keeps_count()
    {
        Fixture f;
        f.given({{"XADD", "s", "1-1", "a", "1"}, {"XGROUP", "CREATE", "s", "g", "$"}});
        ExecResult r
            = f.run({"XREADGROUP", "GROUP", "g", "c", "NOACK", "COUNT", "5", "BLOCK", "0", "STREAMS", "s", ">"});
        QVERIFY(r.block.has_value());
        QCOMPARE(r.block->deadlineMs, std::int64_t(0));
        QCOMPARE(r.block->argv,
            (Strings {"XREADGROUP", "GROUP", "g", "c", "NOACK", "COUNT", "5", "BLOCK", "0", "STREAMS", "s", ">"}));
    }

    void blocking_inside_multi_answers_null_at_once()
    {
        Fixture f;
        f.given({{"XADD", "s", "1-1", "a", "1"}});
        ExecResult r = f.run({"XREAD", "BLOCK", "0", "STREAMS", "s", "$"}, 1000, false);
        QVERIFY(!r.block);
        QVERIFY(r.reply.type() == Reply::Type::NullArray);
        QVERIFY(f.events().empty());
        // Errors still win over blocking.
        r = f.run({"XREAD", "BLOCK", "-1", "STREAMS", "s", "$"});
        QVERIFY(!r.block);
        QVERIFY(r.reply.isError());
    }

    void xadd_signals_waiting_keys()
    {
        Fixture f;
        f.engine.addBlockingInterest(0, "s");
        f.run({"XADD", "other", "1-1", "a", "1"});
        QVERIFY(f.engine.takeReadyKeys().empty());
        f.run({"XADD", "s", "1-1", "a", "1"});
        auto ready = f.engine.takeReadyKeys();
        QCOMPARE(ready.size(), std::size_t(1));
        QCOMPARE(ready[0].key, std::string("s"));
        f.run({"XGROUP", "CREATE", "s", "g", "0"});
        QVERIFY(f.engine.takeReadyKeys().empty());
        f.run({"XGROUP", "DESTROY", "s", "g"});
        QCOMPARE(f.engine.takeReadyKeys().size(), std::size_t(1));
    }
};

QTEST_APPLESS_MAIN(TestStreamCommands)
#include "tst_stream_commands.moc"

// List commands beyond what the differential corpus can see: the events each mutation
// emits, and the blocking forms' requests to the broker (keys, deadline, argv, MULTI).
#include "engine_fixture.h"

#include <QTest>

using namespace ql;

using Fixture = ql::test::EngineFixture;
using ql::test::Strings;
constexpr auto kinds = ql::test::eventKinds;

class TestListCommands : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lpush_events_keep_push_order()
    {
        Fixture f;
        f.run({"LPUSH", "q", "a", "b", "c"});
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"key-created", "pushed"}));
        QCOMPARE(ev[0].values, (Strings {"list"}));
        QCOMPARE(ev[1].text, std::string("left"));
        QCOMPARE(ev[1].values, (Strings {"a", "b", "c"}));
        QCOMPARE(f.list("q"), (Strings {"c", "b", "a"}));
        f.run({"RPUSHX", "q", "d"});
        ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"pushed"}));
        QCOMPARE(ev[0].text, std::string("right"));
    }

    void pushx_on_missing_key_emits_nothing()
    {
        Fixture f;
        QCOMPARE(f.run({"LPUSHX", "q", "a"}).reply.integerValue(), std::int64_t(0));
        QVERIFY(f.events().empty());
    }

    void pop_with_count_emits_one_event_then_removal()
    {
        Fixture f;
        f.run({"RPUSH", "q", "a", "b", "c"});
        f.events();
        f.run({"RPOP", "q", "5"});
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"popped", "key-removed"}));
        QCOMPARE(ev[0].text, std::string("right"));
        QCOMPARE(ev[0].values, (Strings {"c", "b", "a"}));
        QCOMPARE(ev[1].text, std::string("emptied"));
    }

    void pop_count_zero_and_errors_emit_nothing()
    {
        Fixture f;
        f.run({"RPUSH", "q", "a"});
        f.events();
        f.run({"LPOP", "q", "0"});
        f.run({"LPOP", "q", "-1"});
        f.run({"LPOP", "missing"});
        QVERIFY(f.events().empty());
    }

    void lmove_events_name_both_ends()
    {
        Fixture f;
        f.engine.addBlockingInterest(0, "dst");
        f.run({"RPUSH", "src", "only"});
        f.events();
        f.engine.takeReadyKeys();
        ExecResult r = f.run({"LMOVE", "src", "dst", "RIGHT", "LEFT"});
        QCOMPARE(r.reply.str(), std::string("only"));
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"key-created", "list-moved", "key-removed"}));
        QCOMPARE(ev[0].key, std::string("dst"));
        QCOMPARE(ev[1].key, std::string("src"));
        QCOMPARE(ev[1].text, std::string("dst"));
        QCOMPARE(ev[1].values, (Strings {"only", "right", "left"}));
        QCOMPARE(ev[2].key, std::string("src"));
        auto ready = f.engine.takeReadyKeys();
        QCOMPARE(ready.size(), std::size_t(1));
        QCOMPARE(ready[0].key, std::string("dst"));
    }

    void lmove_onto_itself_rotates_without_removal()
    {
        Fixture f;
        f.run({"RPUSH", "r", "1", "2", "3"});
        f.events();
        f.run({"RPOPLPUSH", "r", "r"});
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"list-moved"}));
        QCOMPARE(ev[0].text, std::string("r"));
        QCOMPARE(f.list("r"), (Strings {"3", "1", "2"}));
    }

    void lmove_to_wrong_type_changes_nothing()
    {
        Fixture f;
        f.run({"RPUSH", "src", "a"});
        f.run({"SET", "s", "v"});
        f.events();
        ExecResult r = f.run({"LMOVE", "src", "s", "LEFT", "LEFT"});
        QVERIFY(r.reply.isError());
        QVERIFY(f.events().empty());
        QCOMPARE(f.list("src"), (Strings {"a"}));
    }

    void middle_edits_emit_list_changed()
    {
        Fixture f;
        f.run({"RPUSH", "l", "a", "b", "a", "c"});
        f.events();
        f.run({"LSET", "l", "-1", "z"});
        f.run({"LINSERT", "l", "AFTER", "b", "x"});
        f.run({"LREM", "l", "-5", "a"});
        f.run({"LTRIM", "l", "1", "-1"});
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"list-changed", "list-changed", "list-changed", "list-changed"}));
        QCOMPARE(ev[0].text, std::string("lset"));
        QCOMPARE(ev[0].values, (Strings {"3", "z"}));
        QCOMPARE(ev[0].number, std::int64_t(1));
        QCOMPARE(ev[1].text, std::string("linsert"));
        QCOMPARE(ev[1].values, (Strings {"2", "x"}));
        QCOMPARE(ev[2].text, std::string("lrem"));
        QCOMPARE(ev[2].values, (Strings {"a", "-5"}));
        QCOMPARE(ev[2].number, std::int64_t(2));
        QCOMPARE(ev[3].text, std::string("ltrim"));
        QCOMPARE(ev[3].values, (Strings {"1", "2"}));
        QCOMPARE(ev[3].number, std::int64_t(1));
        QCOMPARE(f.list("l"), (Strings {"x", "z"}));
    }

    void edits_that_change_nothing_emit_nothing()
    {
        Fixture f;
        f.run({"RPUSH", "l", "a", "b"});
        f.events();
        f.run({"LREM", "l", "0", "zz"});
        f.run({"LTRIM", "l", "0", "-1"});
        f.run({"LINSERT", "l", "BEFORE", "zz", "x"});
        f.run({"LSET", "l", "5", "x"});
        QVERIFY(f.events().empty());
    }

    void trim_to_nothing_removes_the_key()
    {
        Fixture f;
        f.run({"RPUSH", "l", "a", "b"});
        f.events();
        f.run({"LTRIM", "l", "5", "1"});
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"list-changed", "key-removed"}));
        QCOMPARE(ev[0].values, (Strings {"0", "-1"}));
        QCOMPARE(ev[0].number, std::int64_t(2));
    }

    void blpop_on_empty_keys_asks_to_block()
    {
        Fixture f;
        ExecResult r = f.run({"BLPOP", "a", "b", "a", "2.5"}, 1000);
        QVERIFY(r.block.has_value());
        QCOMPARE(r.block->keys, (Strings {"a", "b"}));
        QCOMPARE(r.block->deadlineMs, std::int64_t(3500));
        QCOMPARE(r.block->argv, (Strings {"BLPOP", "a", "b", "a", "2.5"}));
        QCOMPARE(r.block->timeoutReply.type(), Reply::Type::NullArray);
        QVERIFY(!r.block->streamWait);
        auto ev = f.events();
        QCOMPARE(ev.size(), std::size_t(1));
        QVERIFY(ev[0].kind == EventKind::BlockRequested);
        QVERIFY(ev[0].key.empty());
        QCOMPARE(ev[0].values, (Strings {"a", "b"}));
        QCOMPARE(ev[0].number, std::int64_t(3500));
    }

    void blocking_timeouts_round_up_to_milliseconds()
    {
        // Redis 7.0 rounds up: 0.0001 s waits 1 ms; 0 and tiny negatives wait forever.
        Fixture f;
        QCOMPARE(f.run({"BLPOP", "a", "0"}).block->deadlineMs, std::int64_t(0));
        QCOMPARE(f.run({"BRPOP", "a", "0.0001"}, 5).block->deadlineMs, std::int64_t(6));
        QCOMPARE(f.run({"BRPOP", "a", "-0.0001"}).block->deadlineMs, std::int64_t(0));
        QCOMPARE(f.run({"BLPOP", "a", "0.001"}, 5).block->deadlineMs, std::int64_t(6));
        QCOMPARE(f.run({"BLPOP", "a", "1.0001"}, 5).block->deadlineMs, std::int64_t(1006));
        QCOMPARE(f.run({"BLPOP", "a", "9223372036854775"}, 5000).block->deadlineMs,
            std::numeric_limits<std::int64_t>::max());
    }

    void blocking_forms_block_on_their_source_keys()
    {
        Fixture f;
        QCOMPARE(f.run({"BRPOPLPUSH", "src", "dst", "1"}).block->keys, (Strings {"src"}));
        QCOMPARE(f.run({"BLMOVE", "src", "dst", "LEFT", "RIGHT", "1"}).block->keys, (Strings {"src"}));
        ExecResult m = f.run({"BLMPOP", "1", "2", "k1", "k2", "LEFT", "COUNT", "3"});
        QCOMPARE(m.block->keys, (Strings {"k1", "k2"}));
        QCOMPARE(m.block->timeoutReply.type(), Reply::Type::NullArray);
    }

    void errors_win_over_blocking()
    {
        Fixture f;
        f.run({"SET", "s", "v"});
        f.events();
        for (const Strings &argv :
            {Strings {"BLPOP", "a", "-1"}, Strings {"BLPOP", "s", "0"}, Strings {"BLMOVE", "a", "b", "UP", "LEFT", "0"},
                Strings {"BLMPOP", "0", "0", "a", "LEFT"}, Strings {"BRPOPLPUSH", "s", "d", "0"}}) {
            ExecResult r = f.run(argv);
            QVERIFY(!r.block.has_value());
            QVERIFY(r.reply.isError());
        }
        QVERIFY(f.events().empty());
    }

    void inside_multi_blocking_forms_answer_at_once()
    {
        Fixture f;
        struct Row {
            Strings argv;
            Reply::Type type;
        };
        const std::vector<Row> rows = {
            {{"BLPOP", "a", "0"}, Reply::Type::NullArray},
            {{"BRPOP", "a", "b", "5"}, Reply::Type::NullArray},
            {{"BLMPOP", "0", "1", "a", "LEFT"}, Reply::Type::NullArray},
            {{"BLMOVE", "a", "b", "LEFT", "LEFT", "0"}, Reply::Type::NullBulk},
            {{"BRPOPLPUSH", "a", "b", "0"}, Reply::Type::NullBulk},
        };
        for (const auto &row : rows) {
            ExecResult r = f.run(row.argv, 1000, false);
            QVERIFY(!r.block.has_value());
            QCOMPARE(r.reply.type(), row.type);
        }
        QVERIFY(f.events().empty());
    }

    void blocking_forms_with_data_answer_like_the_plain_ones()
    {
        Fixture f;
        f.run({"RPUSH", "b", "1", "2"});
        f.events();
        ExecResult r = f.run({"BLPOP", "a", "b", "0"});
        QVERIFY(!r.block.has_value());
        QCOMPARE(r.reply.items().size(), std::size_t(2));
        QCOMPARE(r.reply.items()[0].str(), std::string("b"));
        QCOMPARE(r.reply.items()[1].str(), std::string("1"));
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"popped"}));
        r = f.run({"BLMOVE", "b", "c", "LEFT", "RIGHT", "0"});
        QCOMPARE(r.reply.str(), std::string("2"));
        QCOMPARE(kinds(f.events()), (Strings {"key-created", "list-moved", "key-removed"}));
    }

    void rerunning_the_blocked_argv_after_a_push_serves_it()
    {
        // What the broker does: block, see the key become ready, run argv again.
        Fixture f;
        f.engine.openClient(2, "producer");
        ExecResult blocked = f.run({"BRPOP", "jobs", "0"});
        QVERIFY(blocked.block.has_value());
        f.engine.addBlockingInterest(0, "jobs");
        f.engine.execute(2, {"LPUSH", "jobs", "j1", "j2"}, 1001);
        auto ready = f.engine.takeReadyKeys();
        QCOMPARE(ready.size(), std::size_t(1));
        QCOMPARE(ready[0].key, std::string("jobs"));
        f.engine.removeBlockingInterest(0, "jobs");
        ExecResult served = f.run(blocked.block->argv, 1002);
        QVERIFY(!served.block.has_value());
        QCOMPARE(served.reply.items()[1].str(), std::string("j1"));
        QCOMPARE(f.list("jobs"), (Strings {"j2"}));
    }

    void expired_list_is_recreated_by_a_push()
    {
        Fixture f;
        f.run({"RPUSH", "q", "a"}, 1000);
        f.run({"PEXPIRE", "q", "10"}, 1000);
        f.events();
        ExecResult r = f.run({"RPUSH", "q", "b"}, 2000);
        QCOMPARE(r.reply.integerValue(), std::int64_t(1));
        auto ev = f.events();
        QCOMPARE(kinds(ev), (Strings {"key-removed", "key-created", "pushed"}));
        QCOMPARE(ev[0].text, std::string("expired"));
    }
};

QTEST_APPLESS_MAIN(TestListCommands)
#include "tst_list_commands.moc"

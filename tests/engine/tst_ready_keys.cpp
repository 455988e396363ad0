// The ready-key signal: a key that gets data while a client waits on it is reported once
// (de-duplicated) so the broker can wake its waiters; keys nobody waits on are not.
#include "engine/engine.h"

#include <QTest>

using namespace ql;

class TestReadyKeys : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void push_to_awaited_key_is_ready()
    {
        Engine e;
        e.openClient(1);
        e.addBlockingInterest(0, "jobs");
        e.execute(1, {"RPUSH", "jobs", "a"}, 0);
        e.execute(1, {"LPUSH", "jobs", "b"}, 0);
        auto ready = e.takeReadyKeys();
        QCOMPARE(ready.size(), std::size_t(1));
        QCOMPARE(ready[0].key, std::string("jobs"));
        QVERIFY(e.takeReadyKeys().empty());
    }

    void push_to_other_key_is_not_ready()
    {
        Engine e;
        e.openClient(1);
        e.addBlockingInterest(0, "jobs");
        e.execute(1, {"RPUSH", "other", "a"}, 0);
        QVERIFY(e.takeReadyKeys().empty());
    }

    void database_is_part_of_the_key()
    {
        Engine e;
        e.openClient(1);
        e.addBlockingInterest(1, "jobs");
        e.execute(1, {"RPUSH", "jobs", "a"}, 0);
        QVERIFY(e.takeReadyKeys().empty());
        e.execute(1, {"SELECT", "1"}, 0);
        e.execute(1, {"RPUSH", "jobs", "a"}, 0);
        QCOMPARE(e.takeReadyKeys().size(), std::size_t(1));
    }

    void interest_is_counted()
    {
        Engine e;
        e.openClient(1);
        e.addBlockingInterest(0, "jobs");
        e.addBlockingInterest(0, "jobs");
        e.removeBlockingInterest(0, "jobs");
        e.execute(1, {"RPUSH", "jobs", "a"}, 0);
        QCOMPARE(e.takeReadyKeys().size(), std::size_t(1));
        e.removeBlockingInterest(0, "jobs");
        e.execute(1, {"RPUSH", "jobs", "a"}, 0);
        QVERIFY(e.takeReadyKeys().empty());
    }

    void lmove_destination_and_xadd_and_rename_signal()
    {
        Engine e;
        e.openClient(1);
        e.addBlockingInterest(0, "dst");
        e.addBlockingInterest(0, "s");
        e.addBlockingInterest(0, "renamed");
        e.execute(1, {"RPUSH", "src", "a", "b"}, 0);
        e.execute(1, {"LMOVE", "src", "dst", "LEFT", "RIGHT"}, 0);
        e.execute(1, {"XADD", "s", "1-1", "f", "v"}, 0);
        e.execute(1, {"RENAME", "src", "renamed"}, 0);
        auto ready = e.takeReadyKeys();
        QCOMPARE(ready.size(), std::size_t(3));
        QCOMPARE(ready[0].key, std::string("dst"));
        QCOMPARE(ready[1].key, std::string("s"));
        QCOMPARE(ready[2].key, std::string("renamed"));
    }

    void blocking_pop_on_empty_list_asks_to_block()
    {
        Engine e;
        e.openClient(1);
        ExecResult r = e.execute(1, {"BLPOP", "a", "b", "1.5"}, 1000);
        QVERIFY(r.block.has_value());
        QCOMPARE(r.block->keys, (std::vector<std::string> {"a", "b"}));
        QCOMPARE(r.block->deadlineMs, std::int64_t(2500));
        ExecResult forever = e.execute(1, {"BLPOP", "a", "0"}, 1000);
        QVERIFY(forever.block.has_value());
        QCOMPARE(forever.block->deadlineMs, std::int64_t(0));
        ExecResult inMulti = e.execute(1, {"BLPOP", "a", "0"}, 1000, ExecOptions {false});
        QVERIFY(!inMulti.block.has_value());
        QCOMPARE(inMulti.reply.type(), Reply::Type::NullArray);
    }

    void xread_block_dollar_is_resolved_to_the_last_id()
    {
        Engine e;
        e.openClient(1);
        e.execute(1, {"XADD", "s", "5-1", "f", "v"}, 0);
        ExecResult r = e.execute(1, {"XREAD", "BLOCK", "100", "STREAMS", "s", "$"}, 1000);
        QVERIFY(r.block.has_value());
        QCOMPARE(r.block->deadlineMs, std::int64_t(1100));
        QCOMPARE(r.block->argv.back(), std::string("5-1"));
    }
};

QTEST_APPLESS_MAIN(TestReadyKeys)
#include "tst_ready_keys.moc"

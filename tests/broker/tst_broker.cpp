// The threaded broker: order per client, blocking that really waits and wakes, virtual
// time, transactions, CLIENT UNBLOCK/KILL, pub/sub pushes and the event feed.
#include "broker/broker.h"
#include "engine_fixture.h"
#include "reply_collector.h"

#include <QTest>

using namespace ql;
using ql::test::ReplyCollector;

namespace {

Reply kv(const std::string &k, const std::string &v)
{
    return Reply::array({Reply::bulk(k), Reply::bulk(v)});
}

// Declare a test's ReplyCollectors before its Fixture: the broker thread may still write
// to them until the broker is destroyed.
struct Fixture {
    std::shared_ptr<VirtualClock> clock = std::make_shared<VirtualClock>(1'000'000);
    Broker broker {clock};
};

} // namespace

class TestBroker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void replies_arrive_in_order()
    {
        ReplyCollector c;
        Fixture f;
        ClientId id = f.broker.open("producer", c.sink());
        for (int i = 0; i < 100; ++i)
            f.broker.send(id, {"RPUSH", "q", std::to_string(i)});
        QVERIFY(c.waitFor(100));
        for (int i = 0; i < 100; ++i)
            QCOMPARE(c.at(static_cast<std::size_t>(i)), Reply::integer(i + 1));
    }

    void blocked_client_holds_its_later_commands()
    {
        ReplyCollector consumer, producer;
        Fixture f;
        ClientId c = f.broker.open("consumer", consumer.sink());
        ClientId p = f.broker.open("producer", producer.sink());
        f.broker.send(c, {"BLPOP", "q", "0"});
        f.broker.send(c, {"PING"});
        f.broker.sync();
        QCOMPARE(consumer.count(), std::size_t(0));
        f.broker.send(p, {"RPUSH", "q", "job"});
        QVERIFY(consumer.waitFor(2));
        QCOMPARE(consumer.at(0), kv("q", "job"));
        QCOMPARE(consumer.at(1), Reply::status("PONG"));
        QCOMPARE(producer.last(), Reply::integer(1));
    }

    void virtual_time_drives_timeouts()
    {
        ReplyCollector c;
        Fixture f;
        ClientId id = f.broker.open("consumer", c.sink());
        f.broker.send(id, {"BLPOP", "q", "5"});
        f.broker.advanceTime(4999);
        f.broker.sync();
        QCOMPARE(c.count(), std::size_t(0));
        f.broker.advanceTime(1);
        QVERIFY(c.waitFor(1));
        QCOMPARE(c.at(0).type(), Reply::Type::NullArray);
    }

    void fractional_timeout_and_step_to_deadline()
    {
        ReplyCollector c;
        Fixture f;
        ClientId id = f.broker.open("consumer", c.sink());
        f.broker.send(id, {"BRPOP", "q", "0.25"});
        f.broker.sync();
        std::int64_t before = f.clock->nowMs();
        f.broker.stepToNextDeadline();
        QVERIFY(c.waitFor(1));
        QCOMPARE(f.clock->nowMs() - before, std::int64_t(250));
    }

    void bad_timeouts_are_errors_and_do_not_block()
    {
        ReplyCollector c;
        Fixture f;
        ClientId id = f.broker.open("consumer", c.sink());
        f.broker.send(id, {"BLPOP", "q", "-1"});
        f.broker.send(id, {"BLPOP", "q", "abc"});
        QVERIFY(c.waitFor(2));
        QCOMPARE(c.at(0), Reply::error("ERR timeout is negative"));
        QCOMPARE(c.at(1), Reply::error("ERR timeout is not a float or out of range"));
    }

    void multi_exec_queues_and_runs()
    {
        ReplyCollector c;
        Fixture f;
        ClientId id = f.broker.open("tx", c.sink());
        f.broker.send(id, {"MULTI"});
        f.broker.send(id, {"RPUSH", "q", "a"});
        f.broker.send(id, {"BLPOP", "empty", "0"}); // never blocks inside MULTI
        f.broker.send(id, {"EXEC"});
        QVERIFY(c.waitFor(4));
        QCOMPARE(c.at(0), Reply::ok());
        QCOMPARE(c.at(1), Reply::status("QUEUED"));
        QCOMPARE(c.at(2), Reply::status("QUEUED"));
        QCOMPARE(c.at(3), Reply::array({Reply::integer(1), Reply::nullArray()}));
    }

    void exec_aborts_after_a_queueing_error()
    {
        ReplyCollector c;
        Fixture f;
        ClientId id = f.broker.open("tx", c.sink());
        f.broker.send(id, {"MULTI"});
        f.broker.send(id, {"RPUSH", "q"});
        f.broker.send(id, {"EXEC"});
        f.broker.send(id, {"EXEC"});
        QVERIFY(c.waitFor(4));
        QCOMPARE(c.at(1), Reply::error("ERR wrong number of arguments for 'rpush' command"));
        QCOMPARE(c.at(2), Reply::error("EXECABORT Transaction discarded because of previous errors."));
        QCOMPARE(c.at(3), Reply::error("ERR EXEC without MULTI"));
    }

    void watch_aborts_when_another_client_writes()
    {
        ReplyCollector a, b;
        Fixture f;
        ClientId ca = f.broker.open("a", a.sink());
        ClientId cb = f.broker.open("b", b.sink());
        f.broker.send(ca, {"WATCH", "k"});
        f.broker.send(ca, {"MULTI"});
        f.broker.send(ca, {"SET", "k", "mine"});
        f.broker.sync();
        f.broker.send(cb, {"SET", "k", "theirs"});
        f.broker.sync();
        f.broker.send(ca, {"EXEC"});
        QVERIFY(a.waitFor(4));
        QCOMPARE(a.at(3).type(), Reply::Type::NullArray);
        f.broker.send(ca, {"GET", "k"});
        QVERIFY(a.waitFor(5));
        QCOMPARE(a.at(4), Reply::bulk("theirs"));
    }

    void client_unblock_ends_a_wait()
    {
        ReplyCollector waiter, admin;
        Fixture f;
        ClientId w = f.broker.open("waiter", waiter.sink());
        ClientId a = f.broker.open("admin", admin.sink());
        f.broker.send(w, {"BLPOP", "q", "0"});
        f.broker.send(a, {"CLIENT", "UNBLOCK", std::to_string(w)});
        f.broker.send(a, {"CLIENT", "UNBLOCK", std::to_string(w), "ERROR"});
        QVERIFY(waiter.waitFor(1));
        QVERIFY(admin.waitFor(2));
        QCOMPARE(waiter.at(0).type(), Reply::Type::NullArray);
        QCOMPARE(admin.at(0), Reply::integer(1));
        QCOMPARE(admin.at(1), Reply::integer(0));
        f.broker.send(w, {"BLPOP", "q", "0"});
        f.broker.send(a, {"CLIENT", "UNBLOCK", std::to_string(w), "ERROR"});
        QVERIFY(waiter.waitFor(2));
        QCOMPARE(waiter.at(1), Reply::error("UNBLOCKED client unblocked via CLIENT UNBLOCK"));
    }

    void client_kill_closes_a_waiting_client()
    {
        ReplyCollector waiter, admin, producer;
        Fixture f;
        ClientId w = f.broker.open("waiter", waiter.sink());
        ClientId a = f.broker.open("admin", admin.sink());
        ClientId p = f.broker.open("producer", producer.sink());
        f.broker.send(w, {"BLPOP", "q", "0"});
        f.broker.send(a, {"CLIENT", "KILL", "ID", std::to_string(w)});
        QVERIFY(admin.waitFor(1));
        QCOMPARE(admin.at(0), Reply::integer(1));
        QCOMPARE(waiter.closedReason(), std::string("killed"));
        f.broker.send(p, {"RPUSH", "q", "job"});
        f.broker.send(p, {"LLEN", "q"});
        QVERIFY(producer.waitFor(2));
        QCOMPARE(producer.at(1), Reply::integer(1)); // nobody took it
    }

    void pubsub_pushes_arrive_in_publish_order()
    {
        ReplyCollector sub, pub;
        Fixture f;
        ClientId s = f.broker.open("subscriber", sub.sink());
        ClientId p = f.broker.open("publisher", pub.sink());
        f.broker.send(s, {"SUBSCRIBE", "news"});
        f.broker.sync();
        for (int i = 0; i < 50; ++i)
            f.broker.send(p, {"PUBLISH", "news", std::to_string(i)});
        QVERIFY(sub.waitFor(51));
        for (int i = 0; i < 50; ++i) {
            Reply m = sub.at(static_cast<std::size_t>(i + 1));
            QCOMPARE(m.items().at(2), Reply::bulk(std::to_string(i)));
        }
        f.broker.send(s, {"GET", "x"});
        QVERIFY(sub.waitFor(52));
        QVERIFY(sub.last().isError()); // RESP2 subscribed context
    }

    void event_feed_tells_blocked_and_unblocked()
    {
        Fixture f;
        int consumer = f.broker.events().subscribe();
        ReplyCollector c, p;
        ClientId cid = f.broker.open("consumer", c.sink());
        ClientId pid = f.broker.open("producer", p.sink());
        f.broker.send(cid, {"BLPOP", "q", "0"});
        f.broker.send(pid, {"RPUSH", "q", "x"});
        QVERIFY(c.waitFor(1));
        f.broker.sync();
        EventBatch b = f.broker.events().drain(consumer);
        QCOMPARE(b.dropped, std::uint64_t(0));
        auto names = ql::test::eventKinds(b.events);
        std::vector<std::string> expected {
            "client-opened", "client-opened", "blocked", "key-created", "pushed", "popped", "key-removed", "unblocked"};
        QCOMPARE(names, expected);
        QCOMPARE(b.events[7].text, std::string("served"));
        for (std::size_t i = 1; i < b.events.size(); ++i)
            QCOMPARE(b.events[i].seq, b.events[i - 1].seq + 1);
    }

    void transactions_tell_start_and_end()
    {
        Fixture f;
        int consumer = f.broker.events().subscribe();
        ReplyCollector c;
        ClientId id = f.broker.open("tx", c.sink());
        f.broker.send(id, {"MULTI"});
        f.broker.send(id, {"MULTI"}); // nested: an error, no event
        f.broker.send(id, {"SET", "k", "v"});
        f.broker.send(id, {"DISCARD"});
        f.broker.send(id, {"DISCARD"}); // without MULTI: an error, no event
        f.broker.send(id, {"MULTI"});
        f.broker.send(id, {"NOSUCH"});
        f.broker.send(id, {"SET", "k", "v"}); // doomed: QUEUED, but not kept
        f.broker.send(id, {"EXEC"});
        f.broker.send(id, {"CLIENT", "SETNAME", "named"});
        f.broker.send(id, {"MULTI"});
        f.broker.send(id, {"RESET"});
        f.broker.send(id, {"RESET"}); // outside MULTI, no name: nothing
        QVERIFY(c.waitFor(13));
        QCOMPARE(c.at(1), Reply::error("ERR MULTI calls can not be nested"));
        QCOMPARE(c.at(7), Reply::status("QUEUED"));
        QCOMPARE(c.at(11), Reply::status("RESET"));
        f.broker.sync();
        EventBatch b = f.broker.events().drain(consumer);
        const std::vector<std::string> expected {"client-opened", "transaction-started", "command-queued",
            "transaction-discarded", "transaction-started", "transaction-run", "client-renamed", "transaction-started",
            "transaction-discarded", "client-renamed"};
        QCOMPARE(ql::test::eventKinds(b.events), expected);
        QCOMPARE(b.events[1].client, id);
        QCOMPARE(b.events[3].text, std::string("discard"));
        QCOMPARE(b.events[5].number, std::int64_t(-1));
        QCOMPARE(b.events[8].text, std::string("reset"));
        QCOMPARE(b.events[9].text, std::string());
    }

    void slow_event_consumer_is_told_what_it_missed()
    {
        ReplyCollector c;
        auto clock = std::make_shared<VirtualClock>(0);
        Broker broker(clock, 64);
        int consumer = broker.events().subscribe();
        ClientId id = broker.open("producer", c.sink());
        for (int i = 0; i < 100; ++i)
            broker.send(id, {"SET", "k", std::to_string(i)});
        broker.sync();
        EventBatch b = broker.events().drain(consumer);
        QCOMPARE(b.events.size(), std::size_t(64));
        QVERIFY(b.dropped > 0);
        QCOMPARE(b.dropped + b.events.size(), static_cast<std::uint64_t>(broker.events().lastSeq()));
    }

    void snapshot_shows_the_whole_world()
    {
        ReplyCollector a, b, s;
        Fixture f;
        ClientId ca = f.broker.open("producer", a.sink());
        ClientId cb = f.broker.open("consumer", b.sink());
        ClientId cs = f.broker.open("listener", s.sink());
        f.broker.send(ca, {"RPUSH", "jobs", "a", "b", "c"});
        f.broker.send(ca, {"XGROUP", "CREATE", "events", "g", "0", "MKSTREAM"});
        f.broker.send(ca, {"XADD", "events", "1-1", "k", "v"});
        f.broker.send(cb, {"XREADGROUP", "GROUP", "g", "alice", "STREAMS", "events", ">"});
        f.broker.send(cb, {"BLPOP", "empty", "10"});
        f.broker.send(cs, {"SUBSCRIBE", "news"});
        WorldSnapshot w = f.broker.snapshot().get();
        QCOMPARE(w.clients.size(), std::size_t(3));
        const ClientSnapshot &consumer = w.clients[1];
        QCOMPARE(consumer.name, std::string("consumer"));
        QVERIFY(consumer.blocked);
        QCOMPARE(consumer.blockedKeys, (std::vector<std::string> {"empty"}));
        QCOMPARE(consumer.blockDeadlineMs, f.clock->nowMs() + 10000);
        QCOMPARE(w.clients[2].channels, (std::vector<std::string> {"news"}));
        QCOMPARE(w.keys.size(), std::size_t(2));
        QCOMPARE(w.keys[0].name, std::string("events"));
        QCOMPARE(w.keys[0].groups.size(), std::size_t(1));
        QCOMPARE(w.keys[0].groups[0].pending.size(), std::size_t(1));
        QCOMPARE(w.keys[0].groups[0].pending[0].consumer, std::string("alice"));
        QCOMPARE(w.keys[0].groups[0].lastDeliveredId, std::string("1-1"));
        QCOMPARE(w.keys[1].elements, (std::vector<std::string> {"a", "b", "c"}));
        QCOMPARE(w.channels.size(), std::size_t(1));
        QCOMPARE(w.channels[0].subscribers, (std::vector<ClientId> {cs}));
        QCOMPARE(w.seq, f.broker.events().lastSeq());
        (void)ca;
    }

    void same_script_same_events()
    {
        auto run = [] {
            ReplyCollector a, b;
            auto clock = std::make_shared<VirtualClock>(1'700'000'000'000);
            Broker broker(clock);
            int consumer = broker.events().subscribe();
            ClientId ca = broker.open("a", a.sink());
            ClientId cb = broker.open("b", b.sink());
            broker.send(ca, {"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"});
            broker.send(ca, {"XREADGROUP", "GROUP", "g", "c1", "BLOCK", "2000", "STREAMS", "s", ">"});
            broker.sync();
            broker.advanceTime(500);
            broker.send(cb, {"XADD", "s", "*", "n", "1"});
            broker.send(cb, {"BLPOP", "q", "1.5"});
            broker.advanceTime(3000);
            broker.send(ca, {"XPENDING", "s", "g", "-", "+", "10"});
            broker.sync();
            std::string log;
            for (const auto &e : broker.events().drain(consumer).events) {
                log += std::to_string(e.seq) + " " + std::to_string(e.timeMs) + " " + eventKindName(e.kind) + " "
                    + std::to_string(e.client) + " " + e.key + " " + e.text;
                for (const auto &v : e.values)
                    log += " " + v;
                log += " " + std::to_string(e.number) + "\n";
            }
            return log;
        };
        std::string first = run();
        QVERIFY(first.find("stream-added") != std::string::npos);
        QVERIFY(first.find("timeout") != std::string::npos);
        QCOMPARE(run(), first);
    }
};

QTEST_APPLESS_MAIN(TestBroker)
#include "tst_broker.moc"

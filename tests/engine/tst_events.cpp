// Every mutation appends typed events where it happens; the window is built from them.
// These rows pin the events of the flows the lessons show (docs/events.md).
#include "engine_fixture.h"

#include <QTest>

using namespace ql;

namespace {

constexpr auto kinds = ql::test::eventKinds;

const Event *find(const std::vector<Event> &events, EventKind kind)
{
    for (const auto &e : events)
        if (e.kind == kind)
            return &e;
    return nullptr;
}

} // namespace

class TestEvents : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void push_creates_key_then_pushes()
    {
        Engine e;
        e.openClient(7, "producer");
        e.execute(7, {"RPUSH", "jobs", "a", "b"}, 42);
        auto ev = e.takeEvents();
        QCOMPARE(kinds(ev), (std::vector<std::string> {"key-created", "pushed"}));
        QCOMPARE(ev[1].client, ClientId(7));
        QCOMPARE(ev[1].timeMs, std::int64_t(42));
        QCOMPARE(ev[1].text, std::string("right"));
        QCOMPARE(ev[1].values, (std::vector<std::string> {"a", "b"}));
    }

    void popping_the_last_element_removes_the_key()
    {
        Engine e;
        e.openClient(1);
        e.execute(1, {"RPUSH", "jobs", "a"}, 0);
        e.takeEvents();
        e.execute(1, {"LPOP", "jobs"}, 0);
        auto ev = e.takeEvents();
        QCOMPARE(kinds(ev), (std::vector<std::string> {"popped", "key-removed"}));
        QCOMPARE(ev[0].values, (std::vector<std::string> {"a"}));
        QCOMPARE(ev[1].text, std::string("emptied"));
    }

    void reading_commands_emit_nothing()
    {
        Engine e;
        e.openClient(1);
        e.execute(1, {"RPUSH", "jobs", "a"}, 0);
        e.takeEvents();
        e.execute(1, {"LRANGE", "jobs", "0", "-1"}, 0);
        e.execute(1, {"LLEN", "jobs"}, 0);
        e.execute(1, {"GET", "nothing"}, 0);
        QVERIFY(e.takeEvents().empty());
    }

    void publish_without_subscribers_is_lost()
    {
        Engine e;
        e.openClient(1);
        ExecResult r = e.execute(1, {"PUBLISH", "news", "hello"}, 0);
        QCOMPARE(r.reply.integerValue(), std::int64_t(0));
        auto ev = e.takeEvents();
        const Event *lost = find(ev, EventKind::NoReceiver);
        QVERIFY(lost);
        QCOMPARE(lost->key, std::string("news"));
        // The message is in the Published event right before it.
        QVERIFY(lost > ev.data() && (lost - 1)->kind == EventKind::Published);
        QCOMPARE((lost - 1)->values, (std::vector<std::string> {"hello"}));
        QCOMPARE((lost - 1)->number, std::int64_t(0));
    }

    void publish_delivers_to_each_subscriber()
    {
        Engine e;
        e.openClient(1);
        e.openClient(2);
        e.openClient(3);
        e.execute(2, {"SUBSCRIBE", "news"}, 0);
        e.execute(3, {"PSUBSCRIBE", "n*"}, 0);
        e.takeEvents();
        ExecResult r = e.execute(1, {"PUBLISH", "news", "hi"}, 0);
        QCOMPARE(r.reply.integerValue(), std::int64_t(2));
        QCOMPARE(r.deliveries.size(), std::size_t(2));
        QCOMPARE(r.deliveries[0].client, ClientId(2));
        QCOMPARE(r.deliveries[1].client, ClientId(3));
        auto ev = e.takeEvents();
        int delivered = 0;
        for (const auto &x : ev)
            delivered += x.kind == EventKind::Delivered;
        QCOMPARE(delivered, 2);
        QVERIFY(!find(ev, EventKind::NoReceiver));
    }

    void stream_group_flow()
    {
        Engine e;
        e.openClient(1);
        e.execute(1, {"XADD", "s", "1-1", "f", "v"}, 0);
        auto ev = e.takeEvents();
        QCOMPARE(kinds(ev), (std::vector<std::string> {"key-created", "stream-added"}));
        QCOMPARE(ev[1].text, std::string("1-1"));
        e.execute(1, {"XGROUP", "CREATE", "s", "g", "0"}, 0);
        QVERIFY(find(e.takeEvents(), EventKind::GroupCreated));
        e.execute(1, {"XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">"}, 0);
        ev = e.takeEvents();
        QVERIFY(find(ev, EventKind::ConsumerCreated));
        const Event *d = find(ev, EventKind::GroupDelivered);
        QVERIFY(d);
        QCOMPARE(d->text, std::string("g"));
        QCOMPARE(d->values, (std::vector<std::string> {"alice", "1-1"}));
        e.execute(1, {"XACK", "s", "g", "1-1"}, 0);
        const auto acked = e.takeEvents();
        const Event *a = find(acked, EventKind::Acked);
        QVERIFY(a);
        QCOMPARE(a->values, (std::vector<std::string> {"1-1"}));
    }

    void history_reads_emit_even_when_empty()
    {
        Engine e;
        e.openClient(1);
        e.execute(1, {"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"}, 0);
        e.execute(1, {"XGROUP", "CREATECONSUMER", "s", "g", "c"}, 0);
        e.takeEvents();
        e.execute(1, {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"}, 5);
        QVERIFY(e.takeEvents().empty()); // nothing new: the consumer is not touched
        e.execute(1, {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "0"}, 10);
        auto ev = e.takeEvents();
        QCOMPARE(kinds(ev), (std::vector<std::string> {"group-delivered"}));
        QCOMPARE(ev[0].text, std::string("g"));
        QCOMPARE(ev[0].values, (std::vector<std::string> {"c"}));
        QCOMPARE(ev[0].number, std::int64_t(2));
        QCOMPARE(ev[0].timeMs, std::int64_t(10));
        // Deleted entries come back as [id, nil] and are not listed.
        e.execute(1, {"XADD", "s", "1-1", "f", "v"}, 20);
        e.execute(1, {"XADD", "s", "2-1", "f", "v"}, 20);
        e.execute(1, {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"}, 20);
        e.execute(1, {"XDEL", "s", "1-1"}, 20);
        e.takeEvents();
        e.execute(1, {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "0"}, 30);
        ev = e.takeEvents();
        QCOMPARE(kinds(ev), (std::vector<std::string> {"group-delivered"}));
        QCOMPARE(ev[0].values, (std::vector<std::string> {"c", "2-1"}));
        // An unknown consumer is created first.
        e.execute(1, {"XREADGROUP", "GROUP", "g", "d", "STREAMS", "s", "0"}, 40);
        ev = e.takeEvents();
        QCOMPARE(kinds(ev), (std::vector<std::string> {"consumer-created", "group-delivered"}));
        QCOMPARE(ev[1].values, (std::vector<std::string> {"d"}));
    }

    void claims_say_whether_counts_went_up()
    {
        Engine e;
        e.openClient(1);
        e.execute(1, {"XADD", "s", "1-1", "f", "v"}, 0);
        e.execute(1, {"XADD", "s", "2-1", "f", "v"}, 0);
        e.execute(1, {"XGROUP", "CREATE", "s", "g", "0"}, 0);
        e.execute(1, {"XREADGROUP", "GROUP", "g", "a", "STREAMS", "s", ">"}, 0);
        e.takeEvents();
        e.execute(1, {"XCLAIM", "s", "g", "b", "0", "1-1"}, 10);
        auto ev = e.takeEvents();
        QCOMPARE(kinds(ev), (std::vector<std::string> {"consumer-created", "claimed"}));
        QCOMPARE(ev[1].values, (std::vector<std::string> {"b", "1-1"}));
        QCOMPARE(ev[1].number, std::int64_t(0));
        e.execute(1, {"XCLAIM", "s", "g", "a", "0", "1-1", "JUSTID"}, 20);
        ev = e.takeEvents();
        QCOMPARE(kinds(ev), (std::vector<std::string> {"claimed"}));
        QCOMPARE(ev[0].number, std::int64_t(1));
        e.execute(1, {"XAUTOCLAIM", "s", "g", "b", "0", "0-0", "JUSTID"}, 30);
        ev = e.takeEvents();
        QCOMPARE(kinds(ev), (std::vector<std::string> {"claimed"}));
        QCOMPARE(ev[0].values, (std::vector<std::string> {"b", "1-1", "2-1"}));
        QCOMPARE(ev[0].number, std::int64_t(1));
        e.execute(1, {"XAUTOCLAIM", "s", "g", "a", "0", "0-0"}, 40);
        ev = e.takeEvents();
        QCOMPARE(ev.at(0).number, std::int64_t(0));
        // The counts: read once, claimed (+1), JUSTID twice (unchanged), claimed (+1).
        ExecResult r = e.execute(1, {"XPENDING", "s", "g", "-", "+", "10"}, 50);
        QCOMPARE(r.reply.items().at(0).items().at(3), Reply::integer(3));
        QCOMPARE(r.reply.items().at(1).items().at(3), Reply::integer(2));
    }

    void names_set_by_hello_and_cleared_by_reset()
    {
        Engine e;
        e.openClient(1, "first");
        e.takeEvents();
        e.execute(1, {"HELLO", "3", "SETNAME", "w1"}, 0);
        auto ev = e.takeEvents();
        QCOMPARE(kinds(ev), (std::vector<std::string> {"client-renamed"}));
        QCOMPARE(ev[0].client, ClientId(1));
        QCOMPARE(ev[0].text, std::string("w1"));
        QCOMPARE(e.client(1)->name, std::string("w1"));
        // As CLIENT SETNAME: even when the name stays.
        e.execute(1, {"HELLO", "3", "SETNAME", "w1"}, 0);
        QCOMPARE(kinds(e.takeEvents()), (std::vector<std::string> {"client-renamed"}));
        e.execute(1, {"CLIENT", "SETNAME", "w1"}, 0);
        QCOMPARE(kinds(e.takeEvents()), (std::vector<std::string> {"client-renamed"}));
        // Errors and HELLO without SETNAME say nothing.
        QVERIFY(e.execute(1, {"HELLO", "3", "SETNAME", "a b"}, 0).reply.isError());
        QVERIFY(e.execute(1, {"HELLO", "4", "SETNAME", "x"}, 0).reply.isError());
        e.execute(1, {"HELLO", "2"}, 0);
        QVERIFY(e.takeEvents().empty());
        QCOMPARE(e.client(1)->name, std::string("w1"));
        e.execute(1, {"SUBSCRIBE", "ch"}, 0);
        e.takeEvents();
        e.execute(1, {"RESET"}, 5);
        ev = e.takeEvents();
        QCOMPARE(kinds(ev), (std::vector<std::string> {"client-renamed", "unsubscribed"}));
        QCOMPARE(ev[0].text, std::string());
        QCOMPARE(ev[0].timeMs, std::int64_t(5));
        QCOMPARE(e.client(1)->name, std::string());
        e.execute(1, {"RESET"}, 5); // nothing to clear
        QVERIFY(e.takeEvents().empty());
    }

    void flushall_is_one_event()
    {
        Engine e;
        e.openClient(1);
        e.execute(1, {"SET", "a", "1"}, 0);
        e.execute(1, {"RPUSH", "b", "1"}, 0);
        e.takeEvents();
        e.execute(1, {"FLUSHALL"}, 0);
        auto ev = e.takeEvents();
        QCOMPARE(kinds(ev), (std::vector<std::string> {"flushed"}));
        QCOMPARE(ev[0].number, std::int64_t(-1));
    }

    void lazy_expiry_is_an_event()
    {
        Engine e;
        e.openClient(1);
        e.execute(1, {"SET", "a", "1", "PX", "100"}, 1000);
        e.takeEvents();
        ExecResult r = e.execute(1, {"GET", "a"}, 1100);
        QCOMPARE(r.reply.type(), Reply::Type::NullBulk);
        auto ev = e.takeEvents();
        QCOMPARE(kinds(ev), (std::vector<std::string> {"key-removed"}));
        QCOMPARE(ev[0].text, std::string("expired"));
    }
};

QTEST_APPLESS_MAIN(TestEvents)
#include "tst_events.moc"

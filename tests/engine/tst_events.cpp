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

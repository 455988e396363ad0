// The Event log: sentences for events a real broker emits, the table model and its filter
// under QAbstractItemModelTester while batches arrive, old rows go and the log is cleared,
// and the row that says events were dropped.
#include "log/event_log_filter.h"
#include "log/event_log_model.h"
#include "log/event_text.h"

#include "broker/broker.h"

#include <QAbstractItemModelTester>
#include <QTest>

#include <map>
#include <set>

using namespace ql;
using namespace Qt::StringLiterals;

namespace {

Event ev(EventKind kind, ClientId client, std::string key, std::string text = {}, std::vector<std::string> values = {},
    std::int64_t number = 0)
{
    Event e;
    e.kind = kind;
    e.client = client;
    e.key = std::move(key);
    e.text = std::move(text);
    e.values = std::move(values);
    e.number = number;
    return e;
}

// Events with increasing seq and time, pushed by client 1 onto "q<seq>".
std::vector<Event> pushes(std::uint64_t firstSeq, int n)
{
    std::vector<Event> out;
    for (int i = 0; i < n; ++i) {
        Event e = ev(EventKind::Pushed, 1, "q" + std::to_string(firstSeq + i), "right", {"x"});
        e.seq = firstSeq + static_cast<std::uint64_t>(i);
        e.timeMs = static_cast<std::int64_t>(e.seq) * 10;
        out.push_back(std::move(e));
    }
    return out;
}

// A broker on a virtual clock whose named clients ignore their replies.
struct Session {
    Broker broker {std::make_shared<VirtualClock>()};
    EventFeed::ConsumerId feed = broker.events().subscribe();
    std::map<std::string, ClientId> ids;

    void run(const std::string &client, std::vector<std::string> argv)
    {
        if (!ids.count(client))
            ids[client] = broker.open(client, ClientSink {[](const Reply &, int) {}, [](const std::string &) {}, {}});
        broker.send(ids[client], std::move(argv));
    }
    EventBatch drain()
    {
        broker.sync();
        return broker.events().drain(feed);
    }
};

QString display(const QAbstractItemModel &m, int row, int column)
{
    return m.index(row, column).data().toString();
}

QStringList descriptions(const QAbstractItemModel &m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << display(m, r, EventLogModel::DescriptionColumn);
    return out;
}

} // namespace

class TestEventLog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void times_and_durations_are_readable()
    {
        QCOMPARE(formatEventTime(0), u"00:00.000"_s);
        QCOMPARE(formatEventTime(65123), u"01:05.123"_s);
        QCOMPARE(formatEventTime(3723004), u"1:02:03.004"_s);
        QCOMPARE(formatDuration(5000), u"5 s"_s);
        QCOMPARE(formatDuration(1500), u"1.5 s"_s);
        QCOMPARE(formatDuration(200), u"200 ms"_s);
    }

    void sentences_for_events_of_a_real_broker()
    {
        Session s;
        s.run("producer", {"PUBLISH", "news", "hello"});
        s.run("listener", {"SUBSCRIBE", "news"});
        s.run("listener", {"PSUBSCRIBE", "n*"});
        s.run("producer", {"PUBLISH", "news", "hi there"});
        s.run("producer", {"RPUSH", "jobs", "job-7", "job-8", "job-9"});
        s.run("worker-1", {"LPOP", "jobs"});
        s.run("worker-1", {"CLIENT", "SETNAME", "w1"});
        s.run("worker-1", {"LMOVE", "jobs", "done", "RIGHT", "LEFT"});
        s.run("producer", {"LSET", "done", "0", "x"});
        s.run("producer", {"LINSERT", "done", "BEFORE", "x", "y"});
        s.run("producer", {"LREM", "done", "0", "y"});
        s.run("producer", {"LTRIM", "done", "1", "0"});
        s.run("consumer", {"BLPOP", "tasks", "5"});
        s.broker.advanceTime(5000);
        s.run("consumer", {"BLPOP", "q2", "0"});
        s.broker.advanceTime(1500);
        s.run("producer", {"RPUSH", "q2", "a"});
        s.run("producer", {"SET", "greeting", "hi"});
        s.run("producer", {"EXPIRE", "greeting", "10"});
        s.run("producer", {"PERSIST", "greeting"});
        s.run("producer", {"RENAME", "greeting", "hello"});
        s.run("producer", {"DEL", "hello"});
        for (const char *id : {"1-0", "2-0", "3-0"})
            s.run("producer", {"XADD", "orders", id, "item", "book"});
        s.run("producer", {"XGROUP", "CREATE", "orders", "g", "0"});
        s.run("c1", {"XREADGROUP", "GROUP", "g", "c1", "COUNT", "2", "STREAMS", "orders", ">"});
        s.run("c2", {"XACK", "orders", "g", "1-0"});
        s.run("c2", {"XCLAIM", "orders", "g", "c2", "0", "2-0"});
        s.run("c1", {"XREADGROUP", "GROUP", "g", "c1", "STREAMS", "orders", ">"});
        s.run("producer", {"XDEL", "orders", "3-0"});
        s.run("c2", {"XAUTOCLAIM", "orders", "g", "c2", "0", "0-0"});
        s.run("producer", {"XTRIM", "orders", "MAXLEN", "0"});
        s.run("producer", {"XSETID", "orders", "10-0"});
        s.run("producer", {"XGROUP", "SETID", "orders", "g", "5-0"});
        s.run("producer", {"XGROUP", "DELCONSUMER", "orders", "g", "c2"});
        s.run("producer", {"XGROUP", "DESTROY", "orders", "g"});
        s.run("producer", {"MULTI"});
        s.run("producer", {"SET", "a", "1"});
        s.run("producer", {"EXEC"});
        s.run("producer", {"MULTI"});
        s.run("producer", {"DISCARD"});
        s.run("producer", {"FLUSHALL"});
        s.broker.close(s.ids["listener"]);
        const EventBatch batch = s.drain();
        QCOMPARE(batch.dropped, 0u);

        EventLogModel model;
        // Two batches, split between a Published event and its Delivered events: the
        // model must still name the message.
        std::size_t split = 0;
        while (split < batch.events.size()
            && !(batch.events[split].kind == EventKind::Published
                && batch.events[split].values == std::vector<std::string> {"hi there"}))
            ++split;
        QVERIFY(split < batch.events.size());
        model.append(std::vector<Event>(batch.events.begin(), batch.events.begin() + split + 1));
        model.append(std::vector<Event>(batch.events.begin() + split + 1, batch.events.end()));
        QCOMPARE(model.rowCount(), static_cast<int>(batch.events.size()));

        const QStringList texts = descriptions(model);
        const QStringList expected {
            u"producer connected"_s,
            u"producer published \"hello\" to news, reaching 0 subscribers"_s,
            u"PUBLISH to news reached 0 subscribers: the message \"hello\" is lost"_s,
            u"listener subscribed to channel news (now 1 subscription)"_s,
            u"listener subscribed to pattern n* (now 2 subscriptions)"_s,
            u"producer published \"hi there\" to news, reaching 2 subscribers"_s,
            u"listener received \"hi there\" from news"_s,
            u"listener received \"hi there\" from news (through pattern n*)"_s,
            u"producer created the list jobs"_s,
            u"producer pushed 3 items onto jobs (right)"_s,
            u"worker-1 popped job-7 from jobs (left)"_s,
            u"worker-1 is now called w1"_s,
            u"w1 moved job-9 from jobs (right) to done (left)"_s,
            u"producer set element 0 of done to x"_s,
            u"producer inserted y into done at index 0"_s,
            u"producer removed 1 copy of y from done"_s,
            u"producer trimmed done to nothing, removing 1 item"_s,
            u"done became empty and was removed (Redis deletes empty lists)"_s,
            u"consumer blocked on tasks (timeout 5 s)"_s,
            u"consumer stopped waiting on tasks after 5 s: timeout, it got nil"_s,
            u"consumer blocked on q2 (no timeout)"_s,
            u"consumer was served after waiting 1.5 s on q2"_s,
            u"producer set greeting to expire in 10 s"_s,
            u"producer removed the expiry of greeting (it no longer expires)"_s,
            u"producer renamed greeting to hello"_s,
            u"producer deleted hello"_s,
            u"producer added entry 1-0 to orders: item=book"_s,
            u"producer created group g on orders, delivering entries after 0-0"_s,
            u"consumer c1 joined group g of orders"_s,
            u"group g delivered 1-0, 2-0 to c1"_s,
            u"c2 acknowledged 1-0 in group g"_s,
            u"c2 claimed 2-0 from the pending list of group g"_s,
            u"producer deleted entry 3-0 from orders"_s,
            u"group g dropped 3-0 from its pending list: the entry was deleted"_s,
            u"producer trimmed orders: 2 oldest entries removed (MAXLEN)"_s,
            u"producer set the last id of orders to 10-0"_s,
            u"producer set group g of orders to deliver entries after 5-0"_s,
            u"producer destroyed group g of orders with its consumers and pending entries"_s,
            u"producer started a transaction (MULTI)"_s,
            u"producer queued SET a 1 (it runs at EXEC)"_s,
            u"producer ran EXEC: 1 queued command executed"_s,
            u"producer discarded its transaction (DISCARD)"_s,
            u"producer emptied every database (FLUSHALL)"_s,
            u"listener unsubscribed from channel news (0 subscriptions left)"_s,
            u"listener disconnected"_s,
        };
        for (const QString &sentence : expected)
            QVERIFY2(
                texts.contains(sentence), qPrintable(u"missing: "_s + sentence + u"\nlog:\n"_s + texts.join(u'\n')));

        // Every kind occurs, and none gives an empty or placeholder text.
        std::set<EventKind> kinds;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QModelIndex i = model.index(r, EventLogModel::DescriptionColumn);
            kinds.insert(static_cast<EventKind>(i.data(EventLogModel::KindRole).toInt()));
            const QString text = i.data().toString();
            QVERIFY2(!text.isEmpty() && !text.contains(u'?') && !text.contains(u"unknown"_s) && !text.contains(u'%')
                    && !text.contains(u"client #"_s),
                qPrintable(text));
            const QString tip = i.data(Qt::ToolTipRole).toString();
            QVERIFY2(tip.startsWith(text) && tip.contains(u"kind: "_s), qPrintable(tip));
        }
        for (int k = 0; k < kEventKindCount; ++k)
            QVERIFY2(kinds.count(static_cast<EventKind>(k)), eventKindName(static_cast<EventKind>(k)));
        // The delivered message shows in the tool tip too; the time column is virtual time.
        const int delivered = static_cast<int>(texts.indexOf(u"listener received \"hi there\" from news"_s));
        QVERIFY(model.index(delivered, 0).data(Qt::ToolTipRole).toString().contains(u"message: \"hi there\""_s));
        const int served = static_cast<int>(texts.indexOf(u"consumer was served after waiting 1.5 s on q2"_s));
        QCOMPARE(display(model, served, EventLogModel::TimeColumn), u"00:06.500"_s);
        QCOMPARE(display(model, served, EventLogModel::KeyColumn), u"q2"_s);
        // Renames apply to later rows only.
        const int renamed = static_cast<int>(texts.indexOf(u"worker-1 is now called w1"_s));
        QCOMPARE(display(model, renamed, EventLogModel::ClientColumn), u"worker-1"_s);
        QCOMPARE(display(model, renamed + 1, EventLogModel::ClientColumn), u"w1"_s);
    }

    void sentences_without_a_broker()
    {
        ClientNames names;
        names.set(3, u"consumer"_s);
        QCOMPARE(describeEvent(ev(EventKind::ClientClosed, 3, {}, "output-buffer-limit", {}, 120), names),
            u"consumer was disconnected: it fell behind and lost 120 messages (output buffer limit)"_s);
        QCOMPARE(describeEvent(ev(EventKind::NoReceiver, 3, "news"), names),
            u"PUBLISH to news reached 0 subscribers: the message is lost"_s);
        QCOMPARE(describeEvent(ev(EventKind::Pushed, 7, "q", "left", {"two words"}), names),
            u"client #7 pushed \"two words\" onto q (left)"_s);
        QCOMPARE(
            describeEvent(ev(EventKind::KeyRemoved, kNoClient, "k", "expired"), names), u"k expired and was removed"_s);
        QCOMPARE(describeEvent(ev(EventKind::GroupDelivered, 3, "s", "g", {"c1", "1-0"}, 2), names),
            u"group g delivered 1-0 to c1 again (from its pending list)"_s);
        QCOMPARE(describeEvent(ev(EventKind::TransactionRun, 3, {}, {}, {}, -1), names).left(42),
            u"consumer ran EXEC but the transaction was "_s);
        QCOMPARE(describeEvent(ev(EventKind::TransactionStarted, 3, {}), names),
            u"consumer started a transaction (MULTI)"_s);
        QCOMPARE(describeEvent(ev(EventKind::TransactionDiscarded, 3, {}, "reset"), names),
            u"consumer sent RESET: its transaction was discarded"_s);
        QCOMPARE(describeEvent(ev(EventKind::GroupDelivered, 3, "s", "g", {"c1"}, 2), names),
            u"c1 read its pending list in group g: nothing to deliver again"_s);
        QCOMPARE(describeEvent(ev(EventKind::ClientRenamed, 3, {}), names), u"consumer cleared its name"_s);
    }

    void model_and_filter_pass_the_model_tester()
    {
        EventLogModel model;
        model.setMaxRows(10);
        EventLogFilter filter;
        filter.setSourceModel(&model);
        filter.setOrder(EventLogFilter::Order::NewestFirst);
        filter.setKeyFilter(u"q1"_s);
        QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);

        model.append(pushes(1, 4));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(filter.rowCount(), 1); // q1
        model.append(pushes(5, 8)); // 12 rows: the two oldest go
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.index(0, 0).data(EventLogModel::SeqRole).toULongLong(), 3u);
        QCOMPARE(filter.rowCount(), 3); // q10, q11, q12
        QCOMPARE(filter.index(0, 0).data(EventLogModel::SeqRole).toULongLong(), 12u); // newest first
        model.append(pushes(13, 25)); // more than the log holds at once
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.index(0, 0).data(EventLogModel::SeqRole).toULongLong(), 28u);
        QCOMPARE(model.index(9, 0).data(EventLogModel::SeqRole).toULongLong(), 37u);
        filter.setKeyFilter(u"3"_s);
        model.append(EventBatch {pushes(40, 2), 3}); // 31..37, the dropped row, 40, 41
        QCOMPARE(model.index(7, 0).data(EventLogModel::KindRole).toInt(), EventLogModel::kDroppedKind);
        QCOMPARE(filter.rowCount(), 8); // the dropped row passes every filter
        QCOMPARE(filter.index(0, 0).data(EventLogModel::KindRole).toInt(), EventLogModel::kDroppedKind);
        QCOMPARE(filter.index(1, 0).data(EventLogModel::SeqRole).toULongLong(), 37u);
        filter.setOrder(EventLogFilter::Order::OldestFirst);
        QCOMPARE(filter.index(0, 0).data(EventLogModel::SeqRole).toULongLong(), 31u);
        model.setMaxRows(3);
        QCOMPARE(model.rowCount(), 3);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(filter.rowCount(), 0);
        model.append(pushes(100, 15));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(filter.rowCount(), 1); // q113
        filter.setKeyFilter({});
        QCOMPARE(filter.rowCount(), 3);
    }

    void filter_by_client_key_and_kind()
    {
        EventLogModel model;
        model.append({ev(EventKind::ClientOpened, 1, {}, "producer"), ev(EventKind::Pushed, 1, "jobs", "left", {"a"}),
            ev(EventKind::Popped, 2, "jobs", "right", {"a"}), ev(EventKind::Subscribed, 2, "news", "channel", {}, 1),
            ev(EventKind::StreamAdded, 1, "orders", "1-0", {"f", "v"}),
            ev(EventKind::BlockRequested, 3, {}, {}, {"other", "Jobs2"}),
            ev(EventKind::ListMoved, 3, "src", "jobs", {"a", "left", "right"})});
        model.append(EventBatch {{}, 2});
        QCOMPARE(model.rowCount(), 8);
        EventLogFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto kinds = [&] {
            QStringList out;
            for (int r = 0; r < filter.rowCount(); ++r)
                out << display(filter, r, EventLogModel::KindColumn);
            return out.join(u' ');
        };
        QCOMPARE(kinds(), u"client-opened pushed popped subscribed stream-added blocked list-moved dropped"_s);
        filter.setClients({2});
        QCOMPARE(kinds(), u"popped subscribed dropped"_s);
        filter.setClients({});
        filter.setKeyFilter(u"JOBS"_s); // any key the event concerns, ignoring case
        QCOMPARE(kinds(), u"pushed popped blocked list-moved dropped"_s);
        filter.setKindGroups({EventLogFilter::KindGroup::Lists});
        QCOMPARE(kinds(), u"pushed popped list-moved dropped"_s);
        filter.setKeyFilter({});
        filter.setKindGroups({EventLogFilter::KindGroup::Streams, EventLogFilter::KindGroup::PubSub});
        QCOMPARE(kinds(), u"subscribed stream-added dropped"_s);
        filter.setKindGroups({EventLogFilter::KindGroup::Clients});
        filter.setClients({1, 3});
        QCOMPARE(kinds(), u"client-opened blocked dropped"_s);
        filter.setKinds(EventLogFilter::allKinds());
        filter.setClients({});
        filter.setOrder(EventLogFilter::Order::NewestFirst);
        QCOMPARE(kinds(), u"dropped list-moved blocked stream-added subscribed popped pushed client-opened"_s);
        // Every kind is in exactly one group.
        EventLogFilter::KindSet seen;
        for (int g = 0; g < EventLogFilter::kGroupCount; ++g) {
            const auto set = EventLogFilter::kindsOf(static_cast<EventLogFilter::KindGroup>(g));
            QVERIFY((seen & set).none());
            seen |= set;
        }
        QCOMPARE(seen.count(), static_cast<std::size_t>(kEventKindCount));
    }

    void clients_get_colours_in_order_of_appearance()
    {
        EventLogModel model;
        std::vector<Event> events;
        for (ClientId c = 1; c <= 13; ++c)
            events.push_back(ev(EventKind::ClientOpened, c * 10, {}, "c" + std::to_string(c)));
        events.push_back(ev(EventKind::KeyRemoved, kNoClient, "k", "expired"));
        model.append(events);
        QCOMPARE(model.index(0, 0).data(EventLogModel::ColorIndexRole).toInt(), 0);
        QCOMPARE(model.index(11, 0).data(EventLogModel::ColorIndexRole).toInt(), 11);
        QCOMPARE(model.index(12, 0).data(EventLogModel::ColorIndexRole).toInt(), 0);
        QCOMPARE(model.index(13, 0).data(EventLogModel::ColorIndexRole).toInt(), -1);
        QCOMPARE(model.index(13, 0).data(EventLogModel::ClientIdRole).toLongLong(), 0);
        model.setClientColorIndex(20, 5);
        QCOMPARE(model.index(1, 0).data(EventLogModel::ColorIndexRole).toInt(), 5);
    }

    void clear_through_leaves_out_events_still_on_their_way()
    {
        EventLogModel model;
        model.append(pushes(1, 5));
        QCOMPARE(model.rowCount(), 5);
        model.clearThrough(5);
        QCOMPARE(model.rowCount(), 0);
        model.append(pushes(4, 4)); // 4 and 5 happened before the clear
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(EventLogModel::SeqRole).toULongLong(), 6u);
        model.append(pushes(8, 1));
        QCOMPARE(model.rowCount(), 3);
    }

    void dropped_events_from_a_small_feed_get_a_row()
    {
        Broker broker(std::make_shared<VirtualClock>(), 8);
        const auto feed = broker.events().subscribe();
        const ClientId p
            = broker.open("producer", ClientSink {[](const Reply &, int) {}, [](const std::string &) {}, {}});
        for (int i = 0; i < 20; ++i)
            broker.send(p, {"RPUSH", "q", std::to_string(i)});
        broker.sync();
        const EventBatch batch = broker.events().drain(feed);
        QVERIFY(batch.dropped > 0);
        QCOMPARE(batch.events.size() + batch.dropped, 22u); // opened, created, 20 pushes
        EventLogModel model;
        model.append(batch);
        QCOMPARE(model.rowCount(), static_cast<int>(batch.events.size()) + 1);
        QCOMPARE(model.index(0, 0).data(EventLogModel::KindRole).toInt(), EventLogModel::kDroppedKind);
        QCOMPARE(display(model, 0, EventLogModel::DescriptionColumn),
            QString::number(batch.dropped) + u" events were dropped: the log fell behind and missed them"_s);
        QCOMPARE(display(model, 0, EventLogModel::KindColumn), u"dropped"_s);
        // The name went with the dropped ClientOpened event: the fallback stands in.
        QCOMPARE(display(model, 1, EventLogModel::ClientColumn), u"client #"_s + QString::number(p));
    }
};

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_event_log.moc"

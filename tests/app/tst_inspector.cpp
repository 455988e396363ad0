// The Inspector dock: every table model passes QAbstractItemModelTester (fatal) while it is
// updated from hand-built snapshots and from a real broker running list, stream group
// (XADD, XGROUP, XREADGROUP, XACK, XCLAIM), string, blocking, pub/sub and MULTI sequences;
// the same thing shown again updates in place (no reset, selection and scroll kept), the
// rows and texts say what XINFO / XPENDING / LRANGE say (checked against redis-server
// 7.0 by hand: see the comments), and a long list or stream shows its elided middle.
#include "inspector/consumers_model.h"
#include "inspector/groups_model.h"
#include "inspector/inspector_panel.h"
#include "inspector/inspector_table_view.h"
#include "inspector/list_model.h"
#include "inspector/pending_model.h"
#include "inspector/properties_model.h"
#include "inspector/stream_entries_model.h"
#include "inspector/stream_view.h"
#include "inspector/subscribers_model.h"

#include "broker/broker.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

#include <map>
#include <memory>

using namespace ql;

namespace {

using Tester = QAbstractItemModelTester;

// Fatal testers on every model of a panel, and a count of their resets.
struct Checked {
    explicit Checked(InspectorPanel &p)
    {
        const std::vector<QAbstractItemModel *> models {p.listModel(), p.streamView()->entriesModel(),
            p.streamView()->groupsModel(), p.streamView()->consumersModel(), p.streamView()->pendingModel(),
            p.stringModel(), p.clientModel(), p.channelModel(), p.subscribersModel()};
        for (QAbstractItemModel *m : models) {
            testers.push_back(std::make_unique<Tester>(m, Tester::FailureReportingMode::Fatal));
            resets.push_back(std::make_unique<QSignalSpy>(m, &QAbstractItemModel::modelReset));
        }
    }
    int totalResets() const
    {
        int n = 0;
        for (const auto &s : resets)
            n += static_cast<int>(s->count());
        return n;
    }
    std::vector<std::unique_ptr<Tester>> testers;
    std::vector<std::unique_ptr<QSignalSpy>> resets;
};

// A broker on a virtual clock at 1000 ms, with named clients and their replies.
struct World {
    std::shared_ptr<VirtualClock> clock = std::make_shared<VirtualClock>(1000);
    Broker broker {clock};
    std::map<std::string, ClientId> ids;
    std::map<ClientId, QString> names;

    ClientId client(const std::string &name)
    {
        auto it = ids.find(name);
        if (it != ids.end())
            return it->second;
        ClientId id = broker.open(name, ClientSink {});
        ids[name] = id;
        names[id] = QString::fromStdString(name);
        return id;
    }
    void run(const std::string &name, std::vector<std::string> argv)
    {
        broker.send(client(name), std::move(argv));
        broker.sync();
    }
    WorldSnapshot snapshot() { return broker.snapshot().get(); }
    KeySnapshot key(const std::string &name)
    {
        WorldSnapshot w = snapshot();
        for (auto &k : w.keys)
            if (k.name == name)
                return k;
        return {};
    }
    ClientSnapshot clientSnapshot(const std::string &name)
    {
        WorldSnapshot w = snapshot();
        for (auto &c : w.clients)
            if (c.name == name)
                return c;
        return {};
    }
    ChannelSnapshot channel(const std::string &name)
    {
        WorldSnapshot w = snapshot();
        for (auto &ch : w.channels)
            if (ch.name == name && !ch.pattern && !ch.shard)
                return ch;
        return {};
    }
    // advanceTime() is queued with the commands: wait until it has run.
    void advance(std::int64_t ms)
    {
        broker.advanceTime(ms);
        broker.sync();
    }
    std::int64_t now() const { return clock->nowMs(); }
    InspectorPanel::NameOf nameOf() const
    {
        return [this](ClientId id) {
            auto it = names.find(id);
            return it == names.end() ? QString() : it->second;
        };
    }
};

QStringList strings(std::initializer_list<const char *> texts)
{
    QStringList out;
    for (const char *t : texts)
        out << QString::fromUtf8(t);
    return out;
}

QStringList column(const InspectorTableModel *m, int c)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->text(r, c);
    return out;
}

QStringList keys(const InspectorTableModel *m)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->rowKey(r);
    return out;
}

QString selectedKey(QTableView *view)
{
    const auto rows = view->selectionModel()->selectedRows();
    if (rows.size() != 1)
        return QStringLiteral("<%1 rows selected>").arg(rows.size());
    return rows.first().data(InspectorTableModel::KeyRole).toString();
}

KeySnapshot listKey(const std::string &name, std::vector<std::string> elements)
{
    KeySnapshot k;
    k.name = name;
    k.type = ValueType::List;
    k.length = elements.size();
    k.elements = std::move(elements);
    k.elidedFrom = k.elements.size();
    return k;
}

std::vector<std::string> numbered(const char *prefix, int from, int to)
{
    std::vector<std::string> out;
    for (int i = from; i < to; ++i)
        out.push_back(prefix + std::to_string(i));
    return out;
}

Qt::Alignment alignment(const QAbstractItemModel *m, int row, int column)
{
    return Qt::Alignment(m->index(row, column).data(Qt::TextAlignmentRole).toInt());
}

bool fixedPitch(const QAbstractItemModel *m, int row, int column)
{
    const QVariant v = m->index(row, column).data(Qt::FontRole);
    return v.isValid() && v.value<QFont>().family() == QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
}

} // namespace

class TestInspector : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(
            QRegularExpression(QStringLiteral("^(?!This plugin does not support propagateSizeHints).*")));
    }

    void starts_empty_with_a_hint()
    {
        InspectorPanel p;
        QCOMPARE(p.page(), InspectorPanel::Page::Empty);
        QVERIFY(p.subject().isEmpty());
        QVERIFY(p.emptyMessage().contains(QStringLiteral("Click")));
        p.clear(QStringLiteral("jobs was deleted"));
        QCOMPARE(p.emptyMessage(), QStringLiteral("jobs was deleted"));
    }

    void a_list_updates_in_place_keeping_the_selection()
    {
        InspectorPanel p;
        Checked checked(p);
        p.showKey(listKey("jobs", {"a", "b", "c"}), 0);
        QCOMPARE(p.page(), InspectorPanel::Page::List);
        QCOMPARE(p.title(), QStringLiteral("jobs"));
        QVERIFY(p.summary().startsWith(QStringLiteral("List · 3 elements")));
        ListModel *m = p.listModel();
        QCOMPARE(m->headerData(ListModel::IndexColumn, Qt::Horizontal).toString(), QStringLiteral("Index"));
        QCOMPARE(m->headerData(ListModel::ElementColumn, Qt::Horizontal).toString(), QStringLiteral("Element"));
        QCOMPARE(column(m, ListModel::IndexColumn), strings({"0", "1", "2"}));
        QCOMPARE(column(m, ListModel::ElementColumn), strings({"a", "b", "c"}));
        QVERIFY(alignment(m, 0, ListModel::IndexColumn) & Qt::AlignRight);
        QVERIFY(Qt::Alignment(m->headerData(ListModel::IndexColumn, Qt::Horizontal, Qt::TextAlignmentRole).toInt())
            & Qt::AlignRight);
        QVERIFY(!m->headerData(ListModel::IndexColumn, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(alignment(m, 0, ListModel::ElementColumn) & Qt::AlignLeft);
        const int resetsAfterFirst = checked.totalResets();

        p.listView()->selectRow(1);
        QCOMPARE(selectedKey(p.listView()), QStringLiteral("1"));
        QSignalSpy inserted(m, &QAbstractItemModel::rowsInserted);
        p.showKey(listKey("jobs", {"a", "b", "c", "d"}), 0); // RPUSH jobs d
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 3);
        QCOMPARE(column(m, ListModel::ElementColumn), strings({"a", "b", "c", "d"}));
        QCOMPARE(selectedKey(p.listView()), QStringLiteral("1"));
        p.showKey(listKey("jobs", {"b", "c", "d"}), 0); // LPOP jobs: rows are indexes
        QCOMPARE(column(m, ListModel::IndexColumn), strings({"0", "1", "2"}));
        QCOMPARE(column(m, ListModel::ElementColumn), strings({"b", "c", "d"}));
        QCOMPARE(selectedKey(p.listView()), QStringLiteral("1"));
        QCOMPARE(checked.totalResets(), resetsAfterFirst);
        // Another key: a reset, and no selection carried over.
        p.showKey(listKey("other", {"x"}), 0);
        QVERIFY(checked.totalResets() > resetsAfterFirst);
        QCOMPARE(p.subject(), QStringLiteral("key:0:other"));
        QCOMPARE(column(m, ListModel::ElementColumn), strings({"x"}));
        QVERIFY(p.listView()->selectionModel()->selectedRows().isEmpty());
        // The same name in another database is another key.
        KeySnapshot db3 = listKey("other%2", {"y"});
        db3.db = 3;
        const int before = checked.totalResets();
        p.showKey(db3, 0);
        QVERIFY(checked.totalResets() > before);
        QCOMPARE(p.title(), QStringLiteral("other%2 (db 3)"));
        QCOMPARE(p.subject(), QStringLiteral("key:3:other%2"));
    }

    void values_are_printable_with_the_full_value_in_the_tooltip()
    {
        InspectorPanel p;
        Checked checked(p);
        std::string binary("a\nb\x00z\xff", 6);
        p.showKey(listKey("jobs", {binary, "caf\xc3\xa9"}), 0);
        ListModel *m = p.listModel();
        QCOMPARE(m->text(0, ListModel::ElementColumn), QStringLiteral("a\\nb\\x00z\\xff"));
        QCOMPARE(
            m->index(0, ListModel::ElementColumn).data(Qt::ToolTipRole).toString(), QStringLiteral("a\nb\\x00z\\xff"));
        QCOMPARE(m->text(1, ListModel::ElementColumn), QString::fromUtf8("caf\xc3\xa9"));
    }

    void a_long_list_shows_its_elided_middle()
    {
        // By hand: 1000 elements, the snapshot holds the first and last 100.
        KeySnapshot k;
        k.name = "big";
        k.type = ValueType::List;
        k.length = 1000;
        k.elements = numbered("e", 0, 100);
        auto tail = numbered("e", 900, 1000);
        k.elements.insert(k.elements.end(), tail.begin(), tail.end());
        k.elidedFrom = 100;
        InspectorPanel p;
        Checked checked(p);
        p.showKey(k, 0);
        ListModel *m = p.listModel();
        QCOMPARE(m->rowCount(), 201);
        QCOMPARE(m->text(99, ListModel::IndexColumn), QStringLiteral("99"));
        QCOMPARE(m->text(100, ListModel::IndexColumn), QStringLiteral("..."));
        QCOMPARE(m->text(100, ListModel::ElementColumn), QStringLiteral("... 800 more ..."));
        QVERIFY(m->isNote(100));
        QVERIFY(m->index(100, 1).data(Qt::FontRole).value<QFont>().italic());
        QCOMPARE(m->text(101, ListModel::IndexColumn), QStringLiteral("900"));
        QCOMPARE(m->text(101, ListModel::ElementColumn), QStringLiteral("e900"));
        QCOMPARE(m->text(200, ListModel::IndexColumn), QStringLiteral("999"));
        QCOMPARE(m->text(200, ListModel::ElementColumn), QStringLiteral("e999"));
    }

    void a_long_list_from_the_broker_scrolls_and_stays_put()
    {
        World w;
        std::vector<std::string> push {"RPUSH", "big"};
        for (const auto &e : numbered("e", 0, 300))
            push.push_back(e);
        w.run("producer", push);
        InspectorPanel p;
        Checked checked(p);
        p.resize(420, 360);
        p.show();
        QVERIFY(QTest::qWaitForWindowExposed(&p));
        p.showKey(w.key("big"), w.now());
        ListModel *m = p.listModel();
        // SnapshotLimits: 200 elements, the first and last 100 (LRANGE big 0 99, -100 -1).
        QCOMPARE(m->rowCount(), 201);
        QCOMPARE(m->text(100, ListModel::ElementColumn), QStringLiteral("... 100 more ..."));
        QCOMPARE(m->text(101, ListModel::IndexColumn), QStringLiteral("200"));
        QCOMPARE(m->text(101, ListModel::ElementColumn), QStringLiteral("e200"));
        QCoreApplication::processEvents();
        QScrollBar *bar = p.listView()->verticalScrollBar();
        QVERIFY(bar->maximum() > 100);
        p.listView()->selectRow(150); // scrolls to it; then the user scrolls elsewhere
        bar->setValue(120);
        const int resets = checked.totalResets();
        for (int round = 0; round < 3; ++round) {
            w.run("producer", {"RPUSH", "big", "more" + std::to_string(round)});
            w.run("producer", {"LPOP", "big"});
            p.showKey(w.key("big"), w.now());
            QCoreApplication::processEvents();
        }
        QCOMPARE(checked.totalResets(), resets);
        QCOMPARE(bar->value(), 120);
        QCOMPARE(selectedKey(p.listView()), QStringLiteral("249")); // row 150: index 249, as before
        QCOMPARE(m->text(0, ListModel::ElementColumn), QStringLiteral("e3"));
        QCOMPARE(m->text(100, ListModel::ElementColumn), QStringLiteral("... 100 more ..."));
        QCOMPARE(m->text(200, ListModel::IndexColumn), QStringLiteral("299"));
        QCOMPARE(m->text(200, ListModel::ElementColumn), QStringLiteral("more2"));
        QCOMPARE(m->text(150, ListModel::ElementColumn), QStringLiteral("e252"));
    }

    // The expected values below are what redis-server 7.0.15 answers to the same commands
    // (XINFO GROUPS s, XINFO CONSUMERS s g, XPENDING s g - + 10), checked by hand.
    void stream_tables_follow_a_consumer_group()
    {
        World w;
        InspectorPanel p;
        Checked checked(p);
        StreamView *sv = p.streamView();
        w.run("producer", {"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"});
        w.run("producer", {"XADD", "s", "1-1", "n", "1", "kind", "job"});
        w.run("producer", {"XADD", "s", "1-2", "n", "2"});
        w.run("producer", {"XADD", "s", "1-3", "n", "3"});
        w.run("alice", {"XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">"});
        p.showKey(w.key("s"), w.now(), w.nameOf());
        QCOMPARE(p.page(), InspectorPanel::Page::Stream);
        QCOMPARE(p.summary(), QStringLiteral("Stream · length 3 · last ID 1-3 · 1 group"));

        StreamEntriesModel *entries = sv->entriesModel();
        QCOMPARE(column(entries, StreamEntriesModel::IdColumn), strings({"1-1", "1-2", "1-3"}));
        QCOMPARE(entries->text(0, StreamEntriesModel::FieldsColumn), QStringLiteral("n=1, kind=job"));
        QCOMPARE(entries->index(0, StreamEntriesModel::FieldsColumn).data(Qt::ToolTipRole).toString(),
            QStringLiteral("n = 1\nkind = job"));
        QVERIFY(fixedPitch(entries, 0, StreamEntriesModel::IdColumn));

        GroupsModel *groups = sv->groupsModel();
        QCOMPARE(groups->headerData(GroupsModel::LastDeliveredColumn, Qt::Horizontal).toString(),
            QStringLiteral("Last delivered ID"));
        QCOMPARE(groups->rowCount(), 1);
        // XINFO GROUPS s: name g, consumers 1, pending 2, last-delivered-id 1-2, entries-read 2, lag 1
        QStringList g {groups->text(0, 0), groups->text(0, 1), groups->text(0, 2), groups->text(0, 3),
            groups->text(0, 4), groups->text(0, 5)};
        QCOMPARE(g, strings({"g", "1-2", "2", "1", "2", "1"}));
        QVERIFY(alignment(groups, 0, GroupsModel::LagColumn) & Qt::AlignRight);
        QVERIFY(fixedPitch(groups, 0, GroupsModel::LastDeliveredColumn));
        QCOMPARE(sv->selectedGroup(), QStringLiteral("g")); // the first group is shown at once
        QCOMPARE(sv->groupTitle(), QStringLiteral("Group g"));

        ConsumersModel *consumers = sv->consumersModel();
        PendingModel *pending = sv->pendingModel();
        QCOMPARE(column(consumers, ConsumersModel::NameColumn), strings({"alice"}));
        QCOMPARE(consumers->text(0, ConsumersModel::PendingColumn), QStringLiteral("2"));
        QCOMPARE(consumers->text(0, ConsumersModel::IdleColumn), QStringLiteral("0.0 s"));
        QCOMPARE(column(pending, PendingModel::IdColumn), strings({"1-1", "1-2"}));
        QCOMPARE(column(pending, PendingModel::ConsumerColumn), strings({"alice", "alice"}));
        QCOMPARE(column(pending, PendingModel::DeliveriesColumn), strings({"1", "1"}));
        const int resets = checked.totalResets();

        // 1.5 s later bob reads the rest; alice's first entry is acknowledged.
        sv->pendingView()->selectRow(1);
        QCOMPARE(selectedKey(sv->pendingView()), QStringLiteral("1-2"));
        w.advance(1500);
        w.run("bob", {"XREADGROUP", "GROUP", "g", "bob", "COUNT", "5", "STREAMS", "s", ">"});
        w.run("alice", {"XACK", "s", "g", "1-1"});
        p.showKey(w.key("s"), w.now(), w.nameOf());
        QCOMPARE(column(pending, PendingModel::IdColumn), strings({"1-2", "1-3"}));
        QCOMPARE(column(pending, PendingModel::ConsumerColumn), strings({"alice", "bob"}));
        QCOMPARE(column(pending, PendingModel::IdleColumn), strings({"1.5 s", "0.0 s"}));
        QCOMPARE(selectedKey(sv->pendingView()), QStringLiteral("1-2")); // followed the row
        QCOMPARE(column(consumers, ConsumersModel::NameColumn), strings({"alice", "bob"}));
        QCOMPARE(column(consumers, ConsumersModel::PendingColumn), strings({"1", "1"}));
        QCOMPARE(column(consumers, ConsumersModel::IdleColumn), strings({"1.5 s", "0.0 s"}));
        QCOMPARE(groups->text(0, GroupsModel::LastDeliveredColumn), QStringLiteral("1-3"));
        QCOMPARE(groups->text(0, GroupsModel::EntriesReadColumn), QStringLiteral("3"));
        QCOMPARE(groups->text(0, GroupsModel::LagColumn), QStringLiteral("0"));
        QCOMPARE(groups->text(0, GroupsModel::PendingColumn), QStringLiteral("2"));
        QCOMPARE(groups->text(0, GroupsModel::ConsumersColumn), QStringLiteral("2"));

        // XCLAIM moves 1-2 to bob and counts a delivery (XPENDING: 1-2 bob 2).
        w.run("bob", {"XCLAIM", "s", "g", "bob", "0", "1-2"});
        p.showKey(w.key("s"), w.now(), w.nameOf());
        QCOMPARE(column(pending, PendingModel::ConsumerColumn), strings({"bob", "bob"}));
        QCOMPARE(column(pending, PendingModel::DeliveriesColumn), strings({"2", "1"}));
        QCOMPARE(column(pending, PendingModel::IdleColumn), strings({"0.0 s", "0.0 s"}));
        QCOMPARE(column(consumers, ConsumersModel::PendingColumn), strings({"0", "2"}));

        // alice goes; a new entry makes the lag 1; a second group appears.
        sv->consumersView()->selectRow(1);
        w.run("producer", {"XGROUP", "DELCONSUMER", "s", "g", "alice"});
        w.run("producer", {"XADD", "s", "1-4", "n", "4"});
        w.run("producer", {"XGROUP", "CREATE", "s", "g2", "0"});
        p.showKey(w.key("s"), w.now(), w.nameOf());
        QCOMPARE(column(consumers, ConsumersModel::NameColumn), strings({"bob"}));
        QCOMPARE(selectedKey(sv->consumersView()), QStringLiteral("bob"));
        QCOMPARE(column(entries, StreamEntriesModel::IdColumn), strings({"1-1", "1-2", "1-3", "1-4"}));
        QCOMPARE(column(groups, GroupsModel::NameColumn), strings({"g", "g2"}));
        QCOMPARE(groups->text(0, GroupsModel::LagColumn), QStringLiteral("1"));
        QCOMPARE(groups->text(0, GroupsModel::ConsumersColumn), QStringLiteral("1"));
        // XINFO GROUPS: g2 last-delivered-id 0-0, entries-read nil, lag 4.
        QCOMPARE(groups->text(1, GroupsModel::LastDeliveredColumn), QStringLiteral("0-0"));
        QCOMPARE(groups->text(1, GroupsModel::EntriesReadColumn), QStringLiteral("-"));
        QCOMPARE(groups->text(1, GroupsModel::LagColumn), QStringLiteral("4"));
        QCOMPARE(sv->selectedGroup(), QStringLiteral("g"));
        QCOMPARE(p.summary(), QStringLiteral("Stream · length 4 · last ID 1-4 · 2 groups"));
        QCOMPARE(checked.totalResets(), resets);

        // Picking g2 shows its (empty) consumers and pending entries.
        sv->groupsView()->selectRow(1);
        QCOMPARE(sv->selectedGroup(), QStringLiteral("g2"));
        QCOMPARE(consumers->rowCount(), 0);
        QCOMPARE(pending->rowCount(), 0);
        p.showKey(w.key("s"), w.now(), w.nameOf());
        QCOMPARE(sv->selectedGroup(), QStringLiteral("g2"));
        // g2 reads two entries; then g2 is destroyed while shown: g is shown again.
        w.run("carol", {"XREADGROUP", "GROUP", "g2", "carol", "COUNT", "2", "STREAMS", "s", ">"});
        p.showKey(w.key("s"), w.now(), w.nameOf());
        QCOMPARE(column(consumers, ConsumersModel::NameColumn), strings({"carol"}));
        QCOMPARE(column(pending, PendingModel::IdColumn), strings({"1-1", "1-2"}));
        w.run("producer", {"XGROUP", "DESTROY", "s", "g2"});
        p.showKey(w.key("s"), w.now(), w.nameOf());
        QCOMPARE(column(groups, GroupsModel::NameColumn), strings({"g"}));
        QCOMPARE(sv->selectedGroup(), QStringLiteral("g"));
        QCOMPARE(column(consumers, ConsumersModel::NameColumn), strings({"bob"}));
        QCOMPARE(column(pending, PendingModel::IdColumn), strings({"1-2", "1-3"}));

        // Everything acknowledged; the group goes; the stream is empty of groups.
        w.run("bob", {"XACK", "s", "g", "1-2", "1-3"});
        p.showKey(w.key("s"), w.now(), w.nameOf());
        QCOMPARE(pending->rowCount(), 0);
        QCOMPARE(column(consumers, ConsumersModel::PendingColumn), strings({"0"}));
        w.run("producer", {"XGROUP", "DESTROY", "s", "g"});
        p.showKey(w.key("s"), w.now(), w.nameOf());
        QCOMPARE(groups->rowCount(), 0);
        QCOMPARE(consumers->rowCount(), 0);
        QVERIFY(sv->selectedGroup().isEmpty());
    }

    // redis-server 7.0.15, checked by hand: XADD s 1-1, 1-2, 1-3; XGROUP CREATE s g 0;
    // XDEL s 1-2 -> XINFO GROUPS: entries-read nil, lag nil; after XREADGROUP COUNT 1 still
    // both nil; after reading the rest: entries-read 3, lag 0.
    void an_unknown_lag_shows_as_a_dash_as_xinfo_says_nil()
    {
        World w;
        InspectorPanel p;
        Checked checked(p);
        for (const char *id : {"1-1", "1-2", "1-3"})
            w.run("producer", {"XADD", "s", id, "a", "1"});
        w.run("producer", {"XGROUP", "CREATE", "s", "g", "0"});
        w.run("producer", {"XDEL", "s", "1-2"});
        p.showKey(w.key("s"), w.now());
        GroupsModel *groups = p.streamView()->groupsModel();
        QCOMPARE(groups->text(0, GroupsModel::EntriesReadColumn), QStringLiteral("-"));
        QCOMPARE(groups->text(0, GroupsModel::LagColumn), QStringLiteral("-"));
        w.run("c", {"XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">"});
        p.showKey(w.key("s"), w.now());
        QCOMPARE(groups->text(0, GroupsModel::LastDeliveredColumn), QStringLiteral("1-1"));
        QCOMPARE(groups->text(0, GroupsModel::EntriesReadColumn), QStringLiteral("-"));
        QCOMPARE(groups->text(0, GroupsModel::LagColumn), QStringLiteral("-"));
        w.run("c", {"XREADGROUP", "GROUP", "g", "c", "COUNT", "5", "STREAMS", "s", ">"});
        p.showKey(w.key("s"), w.now());
        QCOMPARE(groups->text(0, GroupsModel::LastDeliveredColumn), QStringLiteral("1-3"));
        QCOMPARE(groups->text(0, GroupsModel::EntriesReadColumn), QStringLiteral("3"));
        QCOMPARE(groups->text(0, GroupsModel::LagColumn), QStringLiteral("0"));
        QCOMPARE(groups->text(0, GroupsModel::PendingColumn), QStringLiteral("2"));
    }

    void a_stream_keeps_up_with_many_updates()
    {
        // Entries added and trimmed, entries read, acknowledged and claimed, consumers
        // added and deleted, in many rounds: every model update passes the tester, and
        // the tables always say what the snapshot says.
        World w;
        InspectorPanel p;
        Checked checked(p);
        StreamView *sv = p.streamView();
        w.run("producer", {"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"});
        QRandomGenerator rng(20240601);
        int next = 1;
        int resets = -1;
        for (int round = 0; round < 60; ++round) {
            const std::string consumer = "c" + std::to_string(rng.bounded(4));
            switch (rng.bounded(6)) {
            case 0:
            case 1:
                for (int i = rng.bounded(1, 4); i > 0; --i, ++next)
                    w.run("producer",
                        {"XADD", "s", "MAXLEN", "12", std::to_string(next) + "-0", "n", std::to_string(next)});
                break;
            case 2: w.run(consumer, {"XREADGROUP", "GROUP", "g", consumer, "COUNT", "2", "STREAMS", "s", ">"}); break;
            case 3: {
                const KeySnapshot k = w.key("s");
                if (!k.groups.empty() && !k.groups[0].pending.empty())
                    w.run("producer", {"XACK", "s", "g", k.groups[0].pending.front().id});
                break;
            }
            case 4: w.run(consumer, {"XAUTOCLAIM", "s", "g", consumer, "0", "0-0", "COUNT", "1"}); break;
            default: w.run("producer", {"XGROUP", "DELCONSUMER", "s", "g", consumer}); break;
            }
            w.advance(rng.bounded(0, 700));
            const KeySnapshot k = w.key("s");
            p.showKey(k, w.now(), w.nameOf());
            QCOMPARE(sv->entriesModel()->rowCount(), static_cast<int>(k.entries.size()));
            for (std::size_t i = 0; i < k.entries.size(); ++i)
                QCOMPARE(sv->entriesModel()->rowKey(static_cast<int>(i)), QString::fromStdString(k.entries[i].id));
            const GroupSnapshot &g = k.groups.at(0);
            QCOMPARE(sv->pendingModel()->rowCount(), static_cast<int>(g.pending.size()));
            for (std::size_t i = 0; i < g.pending.size(); ++i) {
                const int r = static_cast<int>(i);
                QCOMPARE(sv->pendingModel()->rowKey(r), QString::fromStdString(g.pending[i].id));
                QCOMPARE(sv->pendingModel()->text(r, PendingModel::ConsumerColumn),
                    QString::fromStdString(g.pending[i].consumer));
                QCOMPARE(sv->pendingModel()->text(r, PendingModel::DeliveriesColumn),
                    QString::number(g.pending[i].deliveryCount));
            }
            QCOMPARE(sv->consumersModel()->rowCount(), static_cast<int>(g.consumers.size()));
            for (std::size_t i = 0; i < g.consumers.size(); ++i)
                QCOMPARE(sv->consumersModel()->text(static_cast<int>(i), ConsumersModel::PendingColumn),
                    QString::number(g.consumers[i].pending));
            QCOMPARE(sv->groupsModel()->text(0, GroupsModel::PendingColumn), QString::number(g.pendingCount));
            if (resets < 0)
                resets = checked.totalResets(); // the first show refills the tables
            QCOMPARE(checked.totalResets(), resets); // the later ones update them
        }
    }

    void a_long_stream_and_a_long_pending_list_show_what_is_left_out()
    {
        KeySnapshot k;
        k.name = "events";
        k.type = ValueType::Stream;
        k.length = 500;
        k.lastId = "500-0";
        for (int i = 1; i <= 100; ++i)
            k.entries.push_back({std::to_string(i) + "-0", {"n", std::to_string(i)}});
        for (int i = 401; i <= 500; ++i)
            k.entries.push_back({std::to_string(i) + "-0", {"n", std::to_string(i)}});
        k.elidedFrom = 100;
        GroupSnapshot g;
        g.name = "workers";
        g.lastDeliveredId = "300-0";
        g.pendingCount = 300;
        g.consumers.push_back({"w1", 0, 300});
        for (int i = 1; i <= 200; ++i)
            g.pending.push_back({std::to_string(i) + "-0", "w1", 0, 1});
        k.groups.push_back(g);
        InspectorPanel p;
        Checked checked(p);
        p.showKey(k, 2500);
        StreamView *sv = p.streamView();
        QCOMPARE(sv->entriesModel()->rowCount(), 201);
        QCOMPARE(sv->entriesModel()->text(100, StreamEntriesModel::FieldsColumn), QStringLiteral("... 300 more ..."));
        QCOMPARE(sv->entriesModel()->text(101, StreamEntriesModel::IdColumn), QStringLiteral("401-0"));
        // Not known (no entries-read, lag unknown): a dash, explained in the tooltip.
        QCOMPARE(sv->groupsModel()->text(0, GroupsModel::EntriesReadColumn), QStringLiteral("-"));
        QCOMPARE(sv->groupsModel()->text(0, GroupsModel::LagColumn), QStringLiteral("-"));
        QVERIFY(sv->groupsModel()->index(0, GroupsModel::LagColumn).data(Qt::ToolTipRole).toString().size() > 10);
        QCOMPARE(sv->pendingModel()->rowCount(), 201);
        QCOMPARE(sv->pendingModel()->text(200, PendingModel::ConsumerColumn), QStringLiteral("... 100 more ..."));
        QCOMPARE(sv->pendingModel()->text(0, PendingModel::IdleColumn), QStringLiteral("2.5 s"));
        QCOMPARE(sv->pendingModel()->index(0, PendingModel::IdleColumn).data(Qt::ToolTipRole).toString(),
            QStringLiteral("2500 ms"));
        // XADD: the newest half moves on; the middle grows by one; rows change in place.
        const int resets = checked.totalResets();
        k.length = 501;
        k.lastId = "501-0";
        k.entries.erase(k.entries.begin() + 100);
        k.entries.push_back({"501-0", {"n", "501"}});
        QSignalSpy removed(sv->entriesModel(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(sv->entriesModel(), &QAbstractItemModel::rowsInserted);
        p.showKey(k, 2500);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(sv->entriesModel()->text(100, StreamEntriesModel::FieldsColumn), QStringLiteral("... 301 more ..."));
        QCOMPARE(sv->entriesModel()->text(101, StreamEntriesModel::IdColumn), QStringLiteral("402-0"));
        QCOMPARE(sv->entriesModel()->text(200, StreamEntriesModel::IdColumn), QStringLiteral("501-0"));
        QCOMPARE(checked.totalResets(), resets);
    }

    void a_string_shows_its_value_and_ttl()
    {
        World w;
        w.run("producer", {"SET", "greeting", "hello\nworld", "PX", "5000"});
        InspectorPanel p;
        Checked checked(p);
        p.showKey(w.key("greeting"), w.now());
        QCOMPARE(p.page(), InspectorPanel::Page::String);
        PropertiesModel *m = p.stringModel();
        QCOMPARE(m->value(QStringLiteral("Value")), QStringLiteral("hello\\nworld"));
        QCOMPARE(m->value(QStringLiteral("Length")), QStringLiteral("11 bytes"));
        QCOMPARE(m->value(QStringLiteral("TTL")), QStringLiteral("5.0 s")); // PTTL greeting: 5000
        QCOMPARE(p.stringValueView()->toPlainText(), QStringLiteral("hello\nworld"));
        QVERIFY(p.summary().contains(QStringLiteral("expires in 5.0 s")));
        const int resets = checked.totalResets();
        QSignalSpy changed(m, &QAbstractItemModel::dataChanged);
        w.advance(2000);
        p.showKey(w.key("greeting"), w.now());
        QCOMPARE(m->value(QStringLiteral("TTL")), QStringLiteral("3.0 s")); // PTTL greeting: 3000
        QCOMPARE(changed.count(), 1); // the TTL row only
        w.run("producer", {"PERSIST", "greeting"});
        w.run("producer", {"APPEND", "greeting", "!"});
        p.showKey(w.key("greeting"), w.now());
        QCOMPARE(m->value(QStringLiteral("TTL")), QStringLiteral("none"));
        QCOMPARE(m->value(QStringLiteral("Length")), QStringLiteral("12 bytes"));
        QCOMPARE(p.stringValueView()->toPlainText(), QStringLiteral("hello\nworld!"));
        QCOMPARE(checked.totalResets(), resets);
        // A value longer than the snapshot holds says so.
        w.run("producer", {"SET", "long", std::string(3000, 'x')});
        p.showKey(w.key("long"), w.now());
        QCOMPARE(m->value(QStringLiteral("Length")), QStringLiteral("3000 bytes"));
        QVERIFY(m->value(QStringLiteral("Value")).endsWith(QStringLiteral("x...")));
        QVERIFY(m->index(m->rowOf(QStringLiteral("Value")), PropertiesModel::ValueColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("First 1024 of 3000 bytes")));
    }

    void a_client_shows_its_state_as_it_changes()
    {
        World w;
        InspectorPanel p;
        Checked checked(p);
        PropertiesModel *m = p.clientModel();
        w.run("consumer", {"BLPOP", "jobs", "other", "10"});
        p.showClient(w.clientSnapshot("consumer"), w.now(), w.nameOf());
        QCOMPARE(p.page(), InspectorPanel::Page::Client);
        QCOMPARE(p.title(), QStringLiteral("consumer"));
        QCOMPARE(m->value(QStringLiteral("Name")), QStringLiteral("consumer"));
        QCOMPARE(m->value(QStringLiteral("ID")), QString::number(w.ids["consumer"]));
        QCOMPARE(m->value(QStringLiteral("Database")), QStringLiteral("0"));
        QCOMPARE(m->value(QStringLiteral("Protocol")), QStringLiteral("RESP2"));
        QCOMPARE(m->value(QStringLiteral("State")), QStringLiteral("blocked on jobs, other (times out in 10.0 s)"));
        QCOMPARE(m->value(QStringLiteral("Blocked on")), QStringLiteral("jobs, other"));
        QCOMPARE(m->value(QStringLiteral("Timeout")), QStringLiteral("in 10.0 s"));
        const int resets = checked.totalResets();
        w.advance(4000);
        p.showClient(w.clientSnapshot("consumer"), w.now(), w.nameOf());
        QCOMPARE(m->value(QStringLiteral("Waiting for")), QStringLiteral("4.0 s"));
        QCOMPARE(m->value(QStringLiteral("Timeout")), QStringLiteral("in 6.0 s"));
        // Served: the waiting rows go away in place.
        QSignalSpy removed(m, &QAbstractItemModel::rowsRemoved);
        w.run("producer", {"RPUSH", "other", "job"});
        p.showClient(w.clientSnapshot("consumer"), w.now(), w.nameOf());
        QCOMPARE(removed.count(), 1);
        QCOMPARE(m->value(QStringLiteral("State")), QStringLiteral("idle"));
        QCOMPARE(m->rowOf(QStringLiteral("Blocked on")), -1);
        // Subscribed, then in RESP3 and another database, then in MULTI.
        w.run("consumer", {"SUBSCRIBE", "news", "sports"});
        w.run("consumer", {"PSUBSCRIBE", "n*"});
        p.showClient(w.clientSnapshot("consumer"), w.now(), w.nameOf());
        QCOMPARE(m->value(QStringLiteral("State")), QStringLiteral("subscribed to 2 channels and 1 pattern"));
        QCOMPARE(m->value(QStringLiteral("Channels")), QStringLiteral("news, sports"));
        QCOMPARE(m->value(QStringLiteral("Patterns")), QStringLiteral("n*"));
        w.run("consumer", {"UNSUBSCRIBE"});
        w.run("consumer", {"PUNSUBSCRIBE"});
        w.run("consumer", {"HELLO", "3"});
        w.run("consumer", {"SELECT", "2"});
        w.run("consumer", {"MULTI"});
        w.run("consumer", {"SET", "a", "1"});
        w.run("consumer", {"INCR", "a"});
        p.showClient(w.clientSnapshot("consumer"), w.now(), w.nameOf());
        QCOMPARE(m->value(QStringLiteral("Protocol")), QStringLiteral("RESP3"));
        QCOMPARE(m->value(QStringLiteral("Database")), QStringLiteral("2"));
        QCOMPARE(m->value(QStringLiteral("State")), QStringLiteral("in MULTI, 2 commands queued"));
        QCOMPARE(m->value(QStringLiteral("Queued commands")), QStringLiteral("2"));
        QCOMPARE(m->rowOf(QStringLiteral("Channels")), -1);
        QCOMPARE(checked.totalResets(), resets);
        // Another client: a reset.
        p.showClient(w.clientSnapshot("producer"), w.now(), w.nameOf());
        QVERIFY(checked.totalResets() > resets);
        QCOMPARE(m->value(QStringLiteral("Name")), QStringLiteral("producer"));
    }

    void a_channel_lists_subscribers_in_delivery_order()
    {
        World w;
        InspectorPanel p;
        Checked checked(p);
        w.run("carol", {"SUBSCRIBE", "news"});
        w.run("alice", {"SUBSCRIBE", "news"});
        w.run("bob", {"SUBSCRIBE", "news"});
        p.showChannel(w.channel("news"), 3, 6, 1, w.nameOf());
        QCOMPARE(p.page(), InspectorPanel::Page::Channel);
        QCOMPARE(p.title(), QStringLiteral("news"));
        QCOMPARE(p.summary(), QStringLiteral("Channel · 3 subscribers"));
        SubscribersModel *s = p.subscribersModel();
        QCOMPARE(column(s, SubscribersModel::OrderColumn), strings({"1", "2", "3"}));
        QCOMPARE(column(s, SubscribersModel::ClientColumn), strings({"carol", "alice", "bob"}));
        QCOMPARE(s->text(0, SubscribersModel::IdColumn), QString::number(w.ids["carol"]));
        PropertiesModel *c = p.channelModel();
        QCOMPARE(c->value(QStringLiteral("Kind")), QStringLiteral("channel"));
        QCOMPARE(c->value(QStringLiteral("Published")), QStringLiteral("3"));
        QCOMPARE(c->value(QStringLiteral("Delivered")), QStringLiteral("6"));
        QCOMPARE(c->value(QStringLiteral("Lost")), QStringLiteral("1"));
        const int resets = checked.totalResets();
        p.subscribersView()->selectRow(2);
        // alice leaves and comes back: she is now served last.
        w.run("alice", {"UNSUBSCRIBE", "news"});
        w.run("alice", {"SUBSCRIBE", "news"});
        p.showChannel(w.channel("news"), 4, 9, 1, w.nameOf());
        QCOMPARE(column(s, SubscribersModel::ClientColumn), strings({"carol", "bob", "alice"}));
        QCOMPARE(column(s, SubscribersModel::OrderColumn), strings({"1", "2", "3"}));
        QCOMPARE(selectedKey(p.subscribersView()), QString::number(w.ids["bob"]));
        QCOMPARE(c->value(QStringLiteral("Published")), QStringLiteral("4"));
        QCOMPARE(checked.totalResets(), resets);
        // A client the window does not name is shown by id.
        ChannelSnapshot ch = w.channel("news");
        ch.subscribers.push_back(99);
        p.showChannel(ch, 4, 9, 1, w.nameOf());
        QCOMPARE(s->text(3, SubscribersModel::ClientColumn), QStringLiteral("client #99"));
        // A pattern of the same name is something else.
        ch.pattern = true;
        p.showChannel(ch, 0, 0, 0, w.nameOf());
        QVERIFY(checked.totalResets() > resets);
        QCOMPARE(p.subject(), QStringLiteral("pattern:news"));
        QCOMPARE(c->value(QStringLiteral("Kind")), QStringLiteral("pattern"));
    }

    void rows_reordered_at_random_stay_consistent()
    {
        // The in-place update matches rows by key whatever the new order: subscribers
        // shuffled, added and removed at random, each update checked by the tester.
        InspectorPanel p;
        Checked checked(p);
        QRandomGenerator rng(7);
        ChannelSnapshot ch;
        ch.name = "c";
        p.showChannel(ch, 0, 0, 0);
        const int resets = checked.totalResets();
        for (int round = 0; round < 300; ++round) {
            std::vector<ClientId> ids;
            for (ClientId id = 1; id <= 12; ++id)
                if (rng.bounded(3) != 0)
                    ids.push_back(id);
            for (std::size_t i = ids.size(); i > 1; --i)
                if (rng.bounded(4) == 0)
                    std::swap(ids[i - 1], ids[rng.bounded(static_cast<quint32>(i))]);
            ch.subscribers = ids;
            p.showChannel(ch, 0, 0, 0);
            QStringList expected;
            for (ClientId id : ids)
                expected << QString::number(id);
            QCOMPARE(keys(p.subscribersModel()), expected);
        }
        QCOMPARE(checked.totalResets(), resets);
    }

    void clear_empties_every_table()
    {
        World w;
        w.run("producer", {"XADD", "s", "1-1", "a", "b"});
        InspectorPanel p;
        Checked checked(p);
        p.showKey(w.key("s"), w.now());
        QCOMPARE(p.streamView()->entriesModel()->rowCount(), 1);
        p.clear();
        QCOMPARE(p.page(), InspectorPanel::Page::Empty);
        QCOMPARE(p.streamView()->entriesModel()->rowCount(), 0);
        QVERIFY(p.title().isEmpty());
        // Showing it again after a clear is a fresh start, not an update.
        const int resets = checked.totalResets();
        p.showKey(w.key("s"), w.now());
        QVERIFY(checked.totalResets() > resets);
        QCOMPARE(p.streamView()->entriesModel()->rowCount(), 1);
    }
};

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"

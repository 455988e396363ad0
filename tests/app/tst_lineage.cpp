// MessageLineage: the history of single messages, built from the event feed of a real broker
// (and, where a case cannot be produced by commands, from hand-made events shaped as
// docs/events.md says). Expected delivery counts are Redis 7.0's (XREADGROUP ">" sets 1, a
// history read and XCLAIM add 1, JUSTID adds nothing, XCLAIM FORCE creates the entry with 1
// and then adds 1) and are cross-checked against XPENDING; list contents against LRANGE.
#include "broker/broker.h"
#include "model/message_lineage.h"

#include <QRegularExpression>
#include <QTest>

#include <deque>
#include <mutex>
#include <random>

using namespace ql;
using What = LineageStep::What;

namespace {

#define COMPARE_STR(a, b) QCOMPARE(QString::fromStdString(a), QString::fromStdString(b))

// The last non-push reply of one client.
class Collector {
public:
    ClientSink sink()
    {
        ClientSink s;
        s.reply = [this](const Reply &r, int) {
            std::lock_guard lock(m_mutex);
            if (r.type() != Reply::Type::Push)
                m_last = r;
        };
        return s;
    }
    Reply last() const
    {
        std::lock_guard lock(m_mutex);
        return m_last;
    }

private:
    mutable std::mutex m_mutex;
    Reply m_last = Reply::error("(no reply)");
};

// A broker on a virtual clock, its clients, and a lineage fed every event of its feed.
class Bench {
public:
    explicit Bench(MessageLineage::Limits limits = {}) : broker(clock), lineage(limits)
    {
        feed = broker.events().subscribe();
    }
    ~Bench() { broker.events().unsubscribe(feed); }
    void open(const std::string &name)
    {
        m_collectors.emplace_back();
        ids[name] = broker.open(name, m_collectors.back().sink());
        m_collectorOf[ids[name]] = &m_collectors.back();
    }
    void send(const std::string &client, std::vector<std::string> argv)
    {
        broker.send(ids.at(client), std::move(argv));
        broker.sync();
        pump();
    }
    Reply run(const std::string &client, std::vector<std::string> argv)
    {
        send(client, std::move(argv));
        return m_collectorOf.at(ids.at(client))->last();
    }
    void advance(std::int64_t ms)
    {
        broker.advanceTime(ms);
        broker.sync();
        pump();
    }
    void pump()
    {
        EventBatch b = broker.events().drain(feed);
        QVERIFY(b.dropped == 0);
        lineage.apply(b.events);
        events.insert(events.end(), b.events.begin(), b.events.end());
    }
    const MessageHistory *entry(const std::string &key, const std::string &id)
    {
        return lineage.streamEntry(0, key, parseStreamId(id, 0, true).id);
    }
    // XPENDING's delivery count of one entry, -1 when it is not pending.
    std::int64_t pendingCount(const std::string &key, const std::string &group, const std::string &id)
    {
        Reply r = run(ids.begin()->first, {"XPENDING", key, group, id, id, "1"});
        return r.items().empty() ? -1 : r.items()[0].items()[3].integerValue();
    }

    std::shared_ptr<VirtualClock> clock = std::make_shared<VirtualClock>(1'000'000);

private:
    std::deque<Collector> m_collectors; // before the broker: it writes to them until destroyed
    std::map<ClientId, Collector *> m_collectorOf;

public:
    Broker broker;
    EventFeed::ConsumerId feed = 0;
    MessageLineage lineage;
    std::map<std::string, ClientId> ids;
    std::vector<Event> events;
};

std::string whats(const MessageHistory *h)
{
    static const char *names[] = {"Added", "Pushed", "Inserted", "Moved", "Popped", "Delivered", "Redelivered",
        "Claimed", "Acked", "Dropped", "Deleted", "Trimmed", "Removed", "Renamed", "Published", "Received", "Lost"};
    if (!h)
        return "(none)";
    std::string out;
    for (const LineageStep &s : h->steps)
        out += (out.empty() ? "" : " ") + std::string(names[static_cast<int>(s.what)]);
    return out;
}

Event ev(EventKind kind, std::string key, std::string text = {}, std::vector<std::string> values = {},
    std::int64_t number = 0, ClientId client = 1, std::int64_t timeMs = 0)
{
    Event e;
    e.kind = kind;
    e.key = std::move(key);
    e.text = std::move(text);
    e.values = std::move(values);
    e.number = number;
    e.client = client;
    e.timeMs = timeMs;
    return e;
}

} // namespace

class TestLineage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral(".*"))); }

    // ---- streams ----------------------------------------------------------------------

    void stream_entry_added_delivered_claimed_acked()
    {
        Bench b;
        for (auto n : {"producer", "c1", "c2"})
            b.open(n);
        b.run("producer", {"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"});
        COMPARE_STR(b.run("producer", {"XADD", "s", "1-0", "n", "1"}).str(), "1-0");
        b.run("c1", {"XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", ">"});
        b.advance(30'000);
        QCOMPARE(b.run("c2", {"XCLAIM", "s", "g", "c2", "1000", "1-0"}).items().size(), std::size_t(1));
        QCOMPARE(b.pendingCount("s", "g", "1-0"), std::int64_t(2));
        const MessageHistory *h = b.entry("s", "1-0");
        QVERIFY(h);
        COMPARE_STR(whats(h), "Added Delivered Claimed");
        QCOMPARE(h->pending.size(), std::size_t(1));
        COMPARE_STR(h->pending[0].consumer, "c2");
        QCOMPARE(h->pending[0].count, std::uint64_t(2));
        QCOMPARE(b.run("c2", {"XACK", "s", "g", "1-0"}).integerValue(), std::int64_t(1));
        h = b.entry("s", "1-0");
        QVERIFY(h && h->pending.empty());
        COMPARE_STR(describe(*h),
            "XADD 1-0 to s by producer -> delivered to c1 in group g (count 1) -> idle 30 s -> claimed by c2 (count 2)"
            " -> XACK by c2");
        QCOMPARE(h->steps[3].timeMs - h->steps[0].timeMs, std::int64_t(30'000));
    }

    void redelivery_and_noack_counts()
    {
        Bench b;
        b.open("producer");
        b.open("c1");
        std::vector<std::string> ids;
        for (int i = 0; i < 3; ++i)
            ids.push_back(b.run("producer", {"XADD", "s", "*", "n", std::to_string(i)}).str());
        b.run("producer", {"XGROUP", "CREATE", "s", "g", "0"});
        b.run("c1", {"XREADGROUP", "GROUP", "g", "c1", "COUNT", "2", "STREAMS", "s", ">"});
        b.run("c1", {"XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "0"});
        b.run("c1", {"XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "0"});
        b.run("c1", {"XREADGROUP", "GROUP", "g", "c1", "NOACK", "STREAMS", "s", ">"});
        for (int i = 0; i < 2; ++i) {
            const MessageHistory *h = b.entry("s", ids[i]);
            QVERIFY(h);
            COMPARE_STR(whats(h), "Added Delivered Redelivered Redelivered");
            QCOMPARE(h->steps[3].count, std::uint64_t(3));
            QCOMPARE(h->pending.at(0).count, std::uint64_t(3));
            QCOMPARE(b.pendingCount("s", "g", ids[i]), std::int64_t(3));
        }
        const MessageHistory *noack = b.entry("s", ids[2]);
        QVERIFY(noack && noack->pending.empty());
        QCOMPARE(b.pendingCount("s", "g", ids[2]), std::int64_t(-1));
        COMPARE_STR(describe(*noack), "XADD " + ids[2] + " to s by producer -> delivered to c1 in group g (NOACK)");
        QVERIFY(describe(*b.entry("s", ids[0])).find("re-delivered to c1 (count 3)") != std::string::npos);
    }

    void justid_and_force_claims()
    {
        Bench b;
        for (auto n : {"producer", "c1", "c2"})
            b.open(n);
        b.run("producer", {"XADD", "s", "1-0", "f", "v"});
        b.run("producer", {"XADD", "s", "2-0", "f", "v"});
        b.run("producer", {"XGROUP", "CREATE", "s", "g", "0"});
        b.run("c1", {"XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", ">"});
        b.run("c2", {"XCLAIM", "s", "g", "c2", "0", "1-0", "JUSTID"});
        QCOMPARE(b.events.back().kind, EventKind::Claimed);
        QCOMPARE(b.events.back().number, std::int64_t(1));
        b.run("c2", {"XAUTOCLAIM", "s", "g", "c3", "0", "0-0", "JUSTID"});
        b.run("c2", {"XCLAIM", "s", "g", "c1", "0", "2-0"});
        const MessageHistory *one = b.entry("s", "1-0");
        const MessageHistory *two = b.entry("s", "2-0");
        QVERIFY(one && two);
        COMPARE_STR(whats(one), "Added Delivered Claimed Claimed");
        QCOMPARE(one->steps[2].count, std::uint64_t(1));
        COMPARE_STR(one->steps[3].consumer, "c3");
        QCOMPARE(one->pending.at(0).count, std::uint64_t(1));
        QCOMPARE(b.pendingCount("s", "g", "1-0"), std::int64_t(1));
        QCOMPARE(two->pending.at(0).count, std::uint64_t(2));
        QCOMPARE(b.pendingCount("s", "g", "2-0"), std::int64_t(2));
        QVERIFY(describe(*one).find("claimed by c2 (count 1, JUSTID)") != std::string::npos);
        QVERIFY(describe(*one).find("claimed by c3 (count 1, JUSTID, by c2)") != std::string::npos);
        // FORCE creates the pending entry (count 1 in Redis) and the claim adds one.
        b.run("producer", {"XADD", "s", "3-0", "f", "v"});
        b.run("c2", {"XCLAIM", "s", "g", "c2", "0", "3-0", "FORCE"});
        QCOMPARE(b.entry("s", "3-0")->pending.at(0).count, std::uint64_t(2));
        QCOMPARE(b.pendingCount("s", "g", "3-0"), std::int64_t(2));
    }

    void trim_delete_and_dropped_pending()
    {
        Bench b;
        b.open("producer");
        b.open("c1");
        for (int i = 1; i <= 5; ++i)
            b.run("producer", {"XADD", "s", std::to_string(i) + "-0", "f", "v"});
        b.run("producer", {"XGROUP", "CREATE", "s", "g", "0"});
        b.run("c1", {"XREADGROUP", "GROUP", "g", "c1", "COUNT", "1", "STREAMS", "s", ">"});
        b.run("producer", {"XADD", "s", "MAXLEN", "3", "6-0", "f", "v"}); // 1-0, 2-0, 3-0 go
        b.run("producer", {"XDEL", "s", "5-0"});
        for (auto id : {"1-0", "2-0", "3-0"})
            QVERIFY(whats(b.entry("s", id)).ends_with(" Trimmed"));
        COMPARE_STR(whats(b.entry("s", "4-0")), "Added");
        COMPARE_STR(whats(b.entry("s", "5-0")), "Added Deleted");
        QVERIFY(b.entry("s", "5-0")->gone && b.entry("s", "2-0")->gone && !b.entry("s", "4-0")->gone);
        b.run("c1", {"XCLAIM", "s", "g", "c2", "0", "1-0"}); // its entry is gone: dropped
        COMPARE_STR(describe(*b.entry("s", "1-0")),
            "XADD 1-0 to s by producer -> delivered to c1 in group g (count 1) -> trimmed by producer (MAXLEN)"
            " -> dropped from the pending list of group g (entry deleted, owner c1)");
        b.run("producer", {"XTRIM", "s", "MINID", "5"}); // 4-0 goes
        COMPARE_STR(whats(b.entry("s", "4-0")), "Added Trimmed");
        COMPARE_STR(b.entry("s", "4-0")->steps.back().where, "minid");
        COMPARE_STR(whats(b.entry("s", "6-0")), "Added");
    }

    void groups_and_consumers_removed()
    {
        Bench b;
        b.open("producer");
        b.open("c1");
        b.run("producer", {"XADD", "s", "1-0", "f", "v"});
        b.run("producer", {"XGROUP", "CREATE", "s", "g", "0"});
        b.run("producer", {"XGROUP", "CREATE", "s", "h", "0"});
        b.run("c1", {"XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", ">"});
        b.run("c1", {"XREADGROUP", "GROUP", "h", "c1", "STREAMS", "s", ">"});
        QCOMPARE(b.entry("s", "1-0")->pending.size(), std::size_t(2));
        b.run("producer", {"XGROUP", "DELCONSUMER", "s", "g", "c1"});
        b.run("producer", {"XGROUP", "DESTROY", "s", "h"});
        const MessageHistory *h = b.entry("s", "1-0");
        QVERIFY(h && h->pending.empty());
        COMPARE_STR(describe(*h),
            "XADD 1-0 to s by producer -> delivered to c1 in group g (count 1) -> delivered to c1 in group h"
            " (count 1) -> dropped from the pending list of group g (consumer deleted, owner c1) -> dropped from the"
            " pending list of group h (group destroyed, owner c1)");
    }

    void blocked_reader_is_marked()
    {
        Bench b;
        b.open("producer");
        b.open("c1");
        b.run("producer", {"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"});
        b.send("c1", {"XREADGROUP", "GROUP", "g", "c1", "BLOCK", "0", "STREAMS", "s", ">"});
        b.run("producer", {"XADD", "s", "1-0", "f", "v"});
        const MessageHistory *h = b.entry("s", "1-0");
        QVERIFY(h && h->steps.size() == 2);
        QVERIFY(h->steps[1].afterBlocking);
        COMPARE_STR(stepsText(*h), "delivered to c1 in group g (count 1, after waiting)");
    }

    // ---- lists ------------------------------------------------------------------------

    void list_pushed_moved_removed_popped()
    {
        Bench b;
        for (auto n : {"producer", "worker", "consumer"})
            b.open(n);
        b.send("worker", {"BLMOVE", "jobs", "processing", "LEFT", "RIGHT", "0"});
        b.run("producer", {"RPUSH", "jobs", "job-1", "job-2", "job-3"});
        const MessageHistory *job1 = b.lineage.listElement(0, "processing", 0);
        QVERIFY(job1);
        const HistoryId id1 = job1->id;
        COMPARE_STR(job1->key, "processing");
        QCOMPARE(b.run("worker", {"LREM", "processing", "1", "job-1"}).integerValue(), std::int64_t(1));
        COMPARE_STR(describe(*b.lineage.history(id1)),
            "RPUSH \"job-1\" to jobs by producer -> moved to processing by worker (BLMOVE LEFT RIGHT)"
            " -> removed by worker (LREM)");
        const HistoryId id2 = b.lineage.listElement(0, "jobs", 0)->id;
        b.run("consumer", {"LPOP", "jobs"});
        COMPARE_STR(
            describe(*b.lineage.history(id2)), "RPUSH \"job-2\" to jobs by producer -> popped by consumer (LPOP)");
        QVERIFY(b.lineage.history(id2)->gone);
        b.run("consumer", {"LMOVE", "jobs", "done", "RIGHT", "LEFT"});
        COMPARE_STR(describe(*b.lineage.listElement(0, "done", 0)),
            "RPUSH \"job-3\" to jobs by producer -> moved to done by consumer (LMOVE RIGHT LEFT)");
        QVERIFY(!b.lineage.listElement(0, "jobs", 0));
    }

    void lpush_keeps_redis_order()
    {
        Bench b;
        b.open("a");
        b.run("a", {"LPUSH", "q", "a", "b", "c"});
        b.run("a", {"RPUSH", "q", "d"});
        std::string labels;
        for (std::size_t i = 0; i < 4; ++i)
            labels += b.lineage.listElement(0, "q", i)->label;
        COMPARE_STR(labels, "cbad");
        QVERIFY(!b.lineage.listElement(0, "q", 4));
        COMPARE_STR(describe(*b.lineage.listElement(0, "q", 0)), "LPUSH \"c\" to q by a");
    }

    void list_edits_end_and_start_histories()
    {
        Bench b;
        b.open("a");
        b.run("a", {"RPUSH", "l", "a", "b", "c"});
        const HistoryId a = b.lineage.listElement(0, "l", 0)->id, bId = b.lineage.listElement(0, "l", 1)->id,
                        c = b.lineage.listElement(0, "l", 2)->id;
        b.run("a", {"LSET", "l", "1", "B"});
        COMPARE_STR(describe(*b.lineage.history(bId)), "RPUSH \"b\" to l by a -> overwritten by a (LSET)");
        COMPARE_STR(describe(*b.lineage.listElement(0, "l", 1)), "LSET \"B\" at index 1 of l by a");
        b.run("a", {"LINSERT", "l", "BEFORE", "c", "X"});
        COMPARE_STR(describe(*b.lineage.listElement(0, "l", 2)), "LINSERT \"X\" at index 2 of l by a");
        b.run("a", {"LTRIM", "l", "1", "-1"});
        COMPARE_STR(describe(*b.lineage.history(a)), "RPUSH \"a\" to l by a -> removed by a (LTRIM)");
        QVERIFY(b.lineage.history(a)->gone && !b.lineage.history(b.lineage.listElement(0, "l", 0)->id)->gone);
        COMPARE_STR(b.lineage.listElement(0, "l", 2)->label, "c");
        b.run("a", {"DEL", "l"});
        COMPARE_STR(describe(*b.lineage.history(c)), "RPUSH \"c\" to l by a -> key deleted by a");
    }

    // Random list commands: the followed elements must be LRANGE's, in order, every time.
    void lists_follow_lrange()
    {
        Bench b;
        b.open("a");
        std::mt19937 rng(11);
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
        auto val = [&] { return std::string(1, static_cast<char>('a' + pick(4))); };
        const char *ends[] = {"LEFT", "RIGHT"};
        for (int step = 0; step < 600; ++step) {
            const std::string key = pick(2) ? "x" : "y", other = key == "x" ? "y" : "x";
            std::vector<std::string> argv;
            switch (pick(9)) {
            case 0: argv = {"RPUSH", key, val(), val()}; break;
            case 1: argv = {"LPUSH", key, val(), val(), val()}; break;
            case 2: argv = {pick(2) ? "LPOP" : "RPOP", key, std::to_string(1 + pick(2))}; break;
            case 3: argv = {"LMOVE", key, pick(3) ? other : key, ends[pick(2)], ends[pick(2)]}; break;
            case 4: argv = {"LSET", key, std::to_string(pick(5) - 2), val()}; break;
            case 5: argv = {"LINSERT", key, pick(2) ? "BEFORE" : "AFTER", val(), val()}; break;
            case 6: argv = {"LREM", key, std::to_string(pick(5) - 2), val()}; break;
            case 7: argv = {"LTRIM", key, std::to_string(pick(4) - 1), std::to_string(pick(8) - 2)}; break;
            default:
                argv = pick(6) ? std::vector<std::string> {"RPUSH", key, val()} : std::vector<std::string> {"DEL", key};
            }
            b.run("a", argv);
            for (const std::string &k : {std::string("x"), std::string("y")}) {
                Reply r = b.run("a", {"LRANGE", k, "0", "-1"});
                QVERIFY2(r.items().empty() || b.lineage.listFollowed(0, k), argv[0].c_str());
                for (std::size_t i = 0; i < r.items().size(); ++i) {
                    const MessageHistory *h = b.lineage.listElement(0, k, i);
                    QVERIFY2(h, (argv[0] + " step " + std::to_string(step)).c_str());
                    COMPARE_STR(h->label, r.items()[i].str());
                    COMPARE_STR(h->key, k);
                    QVERIFY(!h->gone);
                }
                QVERIFY(!b.lineage.listElement(0, k, r.items().size()));
            }
        }
    }

    void unknown_lists_are_not_guessed()
    {
        MessageLineage l;
        l.apply(ev(EventKind::Pushed, "old", "right", {"a"})); // no KeyCreated: older than the feed
        QVERIFY(!l.listFollowed(0, "old") && !l.listElement(0, "old", 0));
        l.apply(ev(EventKind::KeyCreated, "q", {}, {"list"}));
        l.apply(ev(EventKind::Pushed, "q", "right", {"a", "b"}));
        const HistoryId a = l.listElement(0, "q", 0)->id;
        l.apply(ev(EventKind::Popped, "q", "left", {"b"})); // disagrees with the slots
        QVERIFY(!l.listFollowed(0, "q") && !l.listElement(0, "q", 0));
        COMPARE_STR(whats(l.history(a)), "Pushed");
        l.apply(ev(EventKind::KeyRemoved, "q", "emptied")); // a new list starts clean
        l.apply(ev(EventKind::KeyCreated, "q", {}, {"list"}));
        l.apply(ev(EventKind::Pushed, "q", "left", {"c"}));
        QVERIFY(l.listFollowed(0, "q"));
        COMPARE_STR(l.listElement(0, "q", 0)->label, "c");
        // Moved in from a list not followed: the element is there, its history unknown.
        l.apply(ev(EventKind::ListMoved, "old", "q", {"a", "right", "right"}));
        QVERIFY(l.listFollowed(0, "q") && !l.listElement(0, "q", 1));
        MessageLineage::Limits small;
        small.listLength = 3;
        MessageLineage capped(small);
        capped.apply(ev(EventKind::KeyCreated, "q", {}, {"list"}));
        capped.apply(ev(EventKind::Pushed, "q", "right", {"1", "2", "3"}));
        QVERIFY(capped.listFollowed(0, "q"));
        capped.apply(ev(EventKind::Pushed, "q", "right", {"4"}));
        QVERIFY(!capped.listFollowed(0, "q"));
    }

    // ---- pub/sub ------------------------------------------------------------------------

    void pubsub_delivered_and_lost()
    {
        Bench b;
        for (auto n : {"producer", "a", "b", "p"})
            b.open(n);
        b.run("a", {"SUBSCRIBE", "alerts"});
        b.run("b", {"SUBSCRIBE", "alerts"});
        b.run("p", {"PSUBSCRIBE", "al*"});
        QCOMPARE(b.run("producer", {"PUBLISH", "alerts", "hi"}).integerValue(), std::int64_t(3));
        QCOMPARE(b.run("producer", {"PUBLISH", "nobody", "x"}).integerValue(), std::int64_t(0));
        auto alerts = b.lineage.recentPublished("alerts");
        QCOMPARE(alerts.size(), std::size_t(1));
        COMPARE_STR(whats(alerts[0]), "Published Received Received Received");
        COMPARE_STR(describe(*alerts[0]), "PUBLISH \"hi\" to alerts by producer -> delivered to a, b, p (pattern al*)");
        auto nobody = b.lineage.recentPublished("nobody");
        QCOMPARE(nobody.size(), std::size_t(1));
        COMPARE_STR(describe(*nobody[0]), "PUBLISH \"x\" to nobody by producer -> 0 receivers -> lost");
        QVERIFY(b.lineage.recentPublished("other").empty());
    }

    void recent_published_keeps_the_latest()
    {
        MessageLineage::Limits small;
        small.perChannel = 3;
        MessageLineage l(small);
        std::vector<HistoryId> ids;
        for (int i = 0; i < 5; ++i) {
            l.apply(ev(EventKind::Published, "ch", {}, {"m" + std::to_string(i)}, 0));
            l.apply(ev(EventKind::NoReceiver, "ch"));
            ids.push_back(l.recentPublished("ch").back()->id);
        }
        std::string labels;
        for (const MessageHistory *h : l.recentPublished("ch"))
            labels += h->label + " ";
        COMPARE_STR(labels, "m2 m3 m4 ");
        QVERIFY(!l.history(ids[1]) && l.history(ids[2]));
        QCOMPARE(l.size(), std::size_t(3));
    }

    // ---- keyspace -----------------------------------------------------------------------

    void rename_and_flush()
    {
        Bench b;
        b.open("a");
        b.open("other");
        b.run("a", {"RPUSH", "l", "x", "y"});
        b.run("a", {"XADD", "s", "1-0", "f", "v"});
        b.run("a", {"RENAME", "l", "l2"});
        b.run("a", {"RENAME", "s", "s2"});
        QVERIFY(!b.lineage.listElement(0, "l", 0) && !b.entry("s", "1-0"));
        const MessageHistory *y = b.lineage.listElement(0, "l2", 1);
        QVERIFY(y);
        COMPARE_STR(y->key, "l2");
        COMPARE_STR(describe(*y), "RPUSH \"y\" to l by a -> key renamed to l2 by a");
        const HistoryId yId = y->id, entryId = b.entry("s2", "1-0")->id;
        b.run("a", {"RPUSH", "m", "z"});
        const HistoryId zId = b.lineage.listElement(0, "m", 0)->id;
        b.run("a", {"RENAME", "l2", "m"}); // m's old value is overwritten
        COMPARE_STR(describe(*b.lineage.history(zId)), "RPUSH \"z\" to m by a -> key overwritten by a");
        COMPARE_STR(b.lineage.listElement(0, "m", 1)->label, "y");
        b.run("other", {"SELECT", "1"});
        b.run("other", {"RPUSH", "l", "one"});
        b.run("a", {"FLUSHDB"});
        COMPARE_STR(whats(b.lineage.history(yId)), "Pushed Renamed Renamed Removed");
        COMPARE_STR(b.lineage.history(entryId)->steps.back().where, "flushed");
        QVERIFY(!b.lineage.listElement(0, "m", 0) && !b.lineage.streamEntry(0, "s2", {1, 0}));
        QVERIFY(b.lineage.listElement(1, "l", 0));
        b.run("a", {"FLUSHALL"});
        QVERIFY(!b.lineage.listElement(1, "l", 0));
        b.run("a", {"RPUSH", "l", "new"});
        COMPARE_STR(describe(*b.lineage.listElement(0, "l", 0)), "RPUSH \"new\" to l by a");
    }

    // ---- bounds -------------------------------------------------------------------------

    void eviction_prefers_settled_histories()
    {
        MessageLineage::Limits small;
        small.histories = 20;
        Bench b(small);
        b.open("a");
        b.run("a", {"RPUSH", "q", "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"});
        std::vector<HistoryId> v;
        for (std::size_t i = 0; i < 10; ++i)
            v.push_back(b.lineage.listElement(0, "q", i)->id);
        b.run("a", {"RPOP", "q", "3"}); // v9, v8, v7: settled
        std::vector<std::string> push {"RPUSH", "q"};
        for (int i = 0; i < 15; ++i)
            push.push_back("w" + std::to_string(i));
        b.run("a", push);
        QCOMPARE(b.lineage.size(), std::size_t(20));
        QVERIFY(!b.lineage.history(v[9]) && !b.lineage.history(v[7])); // settled: first
        QVERIFY(!b.lineage.history(v[0]) && !b.lineage.history(v[1])); // then the oldest
        QVERIFY(b.lineage.history(v[2]));
        QVERIFY(!b.lineage.listElement(0, "q", 1)); // v1: evicted, the list still followed
        QVERIFY(b.lineage.listFollowed(0, "q"));
        COMPARE_STR(b.lineage.listElement(0, "q", 2)->label, "v2");
        COMPARE_STR(b.lineage.listElement(0, "q", 21)->label, "w14");
    }

    void trimming_with_entries_not_followed()
    {
        MessageLineage::Limits small;
        small.histories = 5;
        Bench b(small);
        b.open("a");
        for (int i = 1; i <= 8; ++i)
            b.run("a", {"XADD", "s", std::to_string(i) + "-0", "f", "v"});
        QVERIFY(!b.entry("s", "3-0") && b.entry("s", "4-0")); // evicted: older than the rest
        b.run("a", {"XADD", "s", "MAXLEN", "3", "9-0", "f", "v"}); // 1-0..6-0 go; 4-0 evicted first
        QCOMPARE(b.lineage.size(), std::size_t(5));
        COMPARE_STR(whats(b.entry("s", "5-0")), "Added Trimmed");
        COMPARE_STR(whats(b.entry("s", "6-0")), "Added Trimmed");
        COMPARE_STR(whats(b.entry("s", "7-0")), "Added");
        // A stream older than the feed: how many of the trimmed were followed is unknown.
        MessageLineage l;
        l.apply(ev(EventKind::StreamAdded, "old", "5-0"));
        l.apply(ev(EventKind::StreamAdded, "old", "6-0"));
        const HistoryId five = l.streamEntry(0, "old", {5, 0})->id;
        l.apply(ev(EventKind::StreamTrimmed, "old", "maxlen", {}, 1));
        QVERIFY(!l.streamEntry(0, "old", {5, 0}));
        COMPARE_STR(whats(l.history(five)), "Added"); // not claimed to be trimmed
        COMPARE_STR(whats(l.streamEntry(0, "old", {6, 0})), "Added");
    }

    // ---- text and feed ------------------------------------------------------------------

    void describe_text_and_steps()
    {
        MessageLineage::Limits small;
        small.steps = 4;
        MessageLineage l(small);
        Event opened = ev(EventKind::ClientOpened, {}, "prod", {}, 0, 1);
        l.apply(opened);
        l.apply(ev(EventKind::KeyCreated, "s", {}, {"stream"}, 0, 1, 1000));
        l.apply(ev(EventKind::StreamAdded, "s", "1-0", {"f", "v"}, 0, 1, 1000));
        l.apply(ev(EventKind::GroupDelivered, "s", "g", {"c1", "1-0"}, 0, 7, 2000));
        l.apply(ev(EventKind::Acked, "s", "g", {"1-0"}, 0, 7, 3500));
        const MessageHistory *h = l.streamEntry(0, "s", {1, 0});
        COMPARE_STR(describe(*h),
            "XADD 1-0 to s by prod -> delivered to c1 in group g (count 1, read by client #7) -> idle 1.5 s"
            " -> XACK by client #7");
        const auto lines = describeSteps(*h, 1000);
        QCOMPARE(lines.size(), std::size_t(3));
        COMPARE_STR(lines[1].when, "+1.000 s");
        COMPARE_STR(lines[1].what, "delivered to c1 in group g (count 1, read by client #7)");
        COMPARE_STR(lines[2].when, "+2.500 s");
        COMPARE_STR(lines[2].what, "XACK by client #7");
        for (int i = 0; i < 5; ++i)
            l.apply(ev(EventKind::GroupDelivered, "s", "g", {"c1", "1-0"}, 2, 7, 3600));
        h = l.streamEntry(0, "s", {1, 0});
        QCOMPARE(h->steps.size(), std::size_t(4));
        QCOMPARE(h->stepsDropped, std::size_t(4));
        COMPARE_STR(whats(h), "Added Redelivered Redelivered Redelivered");
        QVERIFY(describe(*h).starts_with("XADD 1-0 to s by prod -> (4 more steps) -> re-delivered"));
        // Labels are cut; the quoting escapes.
        l.apply(ev(EventKind::Published, "ch", {}, {std::string(300, 'x')}, 0));
        QCOMPARE(l.recentPublished("ch").back()->label.size(), std::size_t(203));
        l.apply(ev(EventKind::ClientRenamed, {}, "", {}, 0, 1)); // name cleared
        l.apply(ev(EventKind::Published, "ch", "shard", {"a\"b\n"}, 0));
        COMPARE_STR(
            describe(*l.recentPublished("ch").back()), "SPUBLISH \"a\\\"b\\x0a\" to ch by client #1 -> 0 receivers");
    }

    void feed_order_is_checked()
    {
        MessageLineage l;
        Event e = ev(EventKind::Published, "ch", {}, {"m"});
        e.seq = 1;
        l.apply(e);
        l.apply(e); // a repeated seq is skipped
        QCOMPARE(l.recentPublished("ch").size(), std::size_t(1));
        QVERIFY(!l.missedEvents());
        e.seq = 3;
        l.apply(e);
        QVERIFY(l.missedEvents());
        l.clear();
        QVERIFY(!l.missedEvents() && l.recentPublished("ch").empty() && l.size() == 0);
    }

private:
    static std::string stepsText(const MessageHistory &h)
    {
        return describeSteps(h, h.steps.back().timeMs).back().what;
    }
};

QTEST_GUILESS_MAIN(TestLineage)
#include "tst_lineage.moc"

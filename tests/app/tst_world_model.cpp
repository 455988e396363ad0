// The window's WorldModel, driven by a real broker: after every scenario the model built
// from (snapshot at attach time + the event feed) must equal a model built from a fresh
// snapshot, once the keys it reported dirty are refreshed; directed scenarios also say
// which keys may be dirty and check what the window shows (blocked clients, pending
// entries and delivery counts, pub/sub counters). Expected values are Redis 7.0 behaviour
// (BLPOP deadlines, XCLAIM / history reads incrementing delivery counts, PUBLISH
// receivers), not copied from QueueLab's output.
#include "broker/broker.h"
#include "model/world_model.h"
#include "model/world_model_diff.h"

#include <QTest>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <random>
#include <set>

using namespace ql;

namespace {

constexpr std::size_t kHuge = 1'000'000;

// What one client received (replies only; pub/sub pushes are ignored).
class Collector {
public:
    ClientSink sink()
    {
        ClientSink s;
        s.reply = [this](const Reply &r, int) {
            std::lock_guard lock(m_mutex);
            if (r.type() != Reply::Type::Push)
                m_replies.push_back(r);
        };
        return s;
    }
    Reply last() const
    {
        std::lock_guard lock(m_mutex);
        return m_replies.empty() ? Reply::error("(no reply)") : m_replies.back();
    }

private:
    mutable std::mutex m_mutex;
    std::vector<Reply> m_replies;
};

// A broker, its clients and a WorldModel following its feed.
class World {
public:
    explicit World(WorldModel::Limits limits = {}, std::size_t feedCapacity = 1 << 16)
        : broker(clock, feedCapacity), model(limits)
    {
        feed = broker.events().subscribe();
    }
    ~World() { broker.events().unsubscribe(feed); }

    // Takes the attach-time snapshot; events up to it are skipped by the model.
    void attach()
    {
        WorldSnapshot s = snapshot();
        model.apply(s);
        pump(s.seq);
    }
    ClientId open(const std::string &name)
    {
        m_collectors.emplace_back();
        ClientId id = broker.open(name, m_collectors.back().sink());
        ids[name] = id;
        m_collectorOf[id] = &m_collectors.back();
        return id;
    }
    void send(const std::string &client, std::vector<std::string> argv)
    {
        broker.send(ids.at(client), std::move(argv));
    }
    // Runs a command, applies the events, and returns the client's last reply (its
    // previous one if it blocked).
    Reply run(const std::string &client, std::vector<std::string> argv)
    {
        send(client, std::move(argv));
        broker.sync();
        pump();
        return m_collectorOf.at(ids.at(client))->last();
    }
    void advance(std::int64_t ms)
    {
        broker.advanceTime(ms);
        broker.sync();
        pump();
    }
    WorldSnapshot snapshot()
    {
        SnapshotLimits limits;
        limits.maxElementsPerKey = kHuge;
        limits.maxPendingPerGroup = kHuge;
        return broker.snapshot(limits).get();
    }
    // Applies the feed's events up to `upTo`, keeping later ones for the next call.
    void pump(std::uint64_t upTo = UINT64_MAX)
    {
        EventBatch b = broker.events().drain(feed);
        dropped += b.dropped;
        for (Event &e : b.events)
            m_backlog.push_back(std::move(e));
        while (!m_backlog.empty() && m_backlog.front().seq <= upTo) {
            model.apply(m_backlog.front());
            m_backlog.pop_front();
        }
    }

    // The model against a fresh snapshot. Empty when they agree after refreshing the dirty
    // keys; `dirtyBefore` receives the dirty keys (db 0 names).
    std::string verify(std::set<std::string> *dirtyBefore = nullptr, ModelDiffOptions options = {})
    {
        broker.sync();
        WorldSnapshot s = snapshot();
        pump(s.seq);
        if (model.seq() != s.seq)
            return "model at seq " + std::to_string(model.seq()) + ", snapshot at " + std::to_string(s.seq);
        if (model.missedEvents())
            return "the model missed events";
        WorldModel fresh(WorldModel::Limits {kHuge, kHuge, 32});
        fresh.apply(s);
        if (auto d = checkInvariants(model); !d.empty())
            return "invariants (events): " + d;
        if (auto d = checkInvariants(fresh); !d.empty())
            return "invariants (snapshot): " + d;
        std::set<std::string> dirty;
        for (const KeyId &k : model.dirtyKeys())
            dirty.insert((k.db ? std::to_string(k.db) + ":" : std::string()) + k.name);
        lastDirty = dirty;
        if (dirtyBefore)
            *dirtyBefore = dirty;
        if (!model.refreshDirty(s))
            return "refreshDirty refused the snapshot";
        if (!model.dirtyKeys().empty())
            return "keys still dirty after the refresh";
        if (auto d = checkInvariants(model); !d.empty())
            return "invariants (refreshed): " + d;
        return firstDifference(model, fresh, options);
    }

    std::shared_ptr<VirtualClock> clock = std::make_shared<VirtualClock>(1'000'000);

private:
    std::deque<Collector> m_collectors; // before the broker: it writes to them until destroyed
    std::map<ClientId, Collector *> m_collectorOf;

public:
    Broker broker;
    EventFeed::ConsumerId feed = 0;
    WorldModel model;
    std::map<std::string, ClientId> ids;
    std::uint64_t dropped = 0;
    std::set<std::string> lastDirty;

private:
    std::deque<Event> m_backlog;
};

// Verifies and expects exactly these dirty keys (db 0 names) before the refresh.
#define VERIFY_WORLD(w, ...)                                                                                           \
    do {                                                                                                               \
        std::set<std::string> dirty_;                                                                                  \
        std::string diff_ = (w).verify(&dirty_);                                                                       \
        QVERIFY2(diff_.empty(), diff_.c_str());                                                                        \
        std::set<std::string> expected_ {__VA_ARGS__};                                                                 \
        std::string got_;                                                                                              \
        for (const auto &k_ : dirty_)                                                                                  \
            got_ += k_ + " ";                                                                                          \
        QVERIFY2(dirty_ == expected_, ("dirty keys: " + got_).c_str());                                                \
    } while (0)

std::vector<std::string> listOf(const KeyView *k)
{
    std::vector<std::string> out;
    if (!k || !k->list)
        return out;
    for (const auto &v : k->list->head())
        out.push_back(v);
    for (const auto &v : k->list->tail())
        out.push_back(v);
    return out;
}

const GroupView *groupOf(const WorldModel &m, const std::string &key, const std::string &group)
{
    const KeyView *k = m.key(0, key);
    if (!k || !k->stream)
        return nullptr;
    auto it = k->stream->groups.find(group);
    return it == k->stream->groups.end() ? nullptr : &it->second;
}

} // namespace

class TestWorldModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // ---- the bounded sequence on its own ----------------------------------------------

    // The window refreshes dirty keys from a snapshot of those keys only: what it covers is
    // refreshed, a covered key that no longer exists goes, and every other key stays as it is.
    void a_snapshot_of_some_keys_refreshes_only_those()
    {
        World w;
        w.open("a");
        w.attach();
        w.run("a", {"SET", "k1", "1", "EX", "100"});
        w.run("a", {"SET", "k2", "1", "EX", "100"});
        w.run("a", {"RPUSH", "plain", "x"});
        w.run("a", {"INCR", "k1"}); // StringSet on a key with a TTL: dirty
        w.run("a", {"INCR", "k2"});
        w.run("a", {"SET", "gone", "1", "EX", "100"});
        w.run("a", {"INCR", "gone"});
        w.run("a", {"DEL", "gone"});
        QVERIFY(w.model.dirtyKeys().size() >= 2);
        SnapshotLimits limits;
        limits.keysOnly = true;
        limits.onlyKeys = {{0, "k1"}, {0, "gone"}, {0, "k1"}};
        WorldSnapshot part = w.broker.snapshot(limits).get();
        QVERIFY(part.keysOnly);
        QCOMPARE(part.keys.size(), std::size_t(1)); // k1; "gone" does not exist, "plain" was not asked for
        QCOMPARE(part.keys.front().name, std::string("k1"));
        QCOMPARE(part.keys.front().stringValue, std::string("2"));
        QCOMPARE(part.coveredKeys.size(), std::size_t(2)); // sorted, without the repeat
        QCOMPARE(part.clients.size(), std::size_t(1)); // clients are always there
        w.pump(part.seq);
        QVERIFY(w.model.refreshDirty(part));
        auto dirty = [&w](const char *name) {
            return std::any_of(w.model.dirtyKeys().begin(), w.model.dirtyKeys().end(),
                [name](const KeyId &k) { return k.name == name; });
        };
        QVERIFY(!dirty("k1"));
        QVERIFY(dirty("k2")); // not covered: still dirty
        QVERIFY(!w.model.key(0, "gone"));
        QVERIFY(w.model.key(0, "plain")); // not covered: kept, not taken for deleted
        QCOMPARE(w.model.key(0, "k1")->expireAtMs > 0, true);
        QCOMPARE(w.verify(), std::string());
    }

    void elided_sequence_keeps_the_ends()
    {
        std::mt19937 rng(7);
        for (int round = 0; round < 20; ++round) {
            ElidedSequence<int> seq(4);
            std::deque<int> ref;
            int next = 0;
            for (int step = 0; step < 400; ++step) {
                int op = static_cast<int>(rng() % 8);
                if (op <= 1 || ref.empty()) {
                    (op == 0 ? ref.push_front(next) : ref.push_back(next));
                    (op == 0 ? seq.pushFront(next) : seq.pushBack(next));
                    ++next;
                } else if (op == 2) {
                    auto v = seq.takeFront();
                    QVERIFY(!v || *v == ref.front());
                    ref.pop_front();
                } else if (op == 3) {
                    auto v = seq.takeBack();
                    QVERIFY(!v || *v == ref.back());
                    ref.pop_back();
                } else if (op == 4) {
                    std::size_t i = rng() % (ref.size() + 1);
                    ref.insert(ref.begin() + static_cast<std::ptrdiff_t>(i), next);
                    seq.insert(i, next++);
                } else if (op == 5) {
                    std::size_t i = rng() % ref.size();
                    ref.erase(ref.begin() + static_cast<std::ptrdiff_t>(i));
                    seq.erase(i);
                } else if (op == 6) {
                    std::size_t n = rng() % 3;
                    bool front = rng() % 2;
                    for (std::size_t k = 0; k < n && !ref.empty(); ++k)
                        (front ? ref.pop_front() : ref.pop_back());
                    (front ? seq.dropFront(n) : seq.dropBack(n));
                } else {
                    std::size_t i = rng() % ref.size();
                    if (int *p = seq.at(i)) {
                        *p = -next;
                        ref[i] = -next;
                        ++next;
                    }
                }
                QCOMPARE(seq.size(), ref.size());
                QVERIFY(seq.head().size() <= 4 && seq.tail().size() <= 4);
                if (ref.size() <= 8 && seq.complete())
                    QCOMPARE(seq.head().size() + seq.tail().size(), ref.size());
                for (std::size_t i = 0; i < ref.size(); ++i)
                    if (const int *p = seq.at(i))
                        QCOMPARE(*p, ref[i]);
            }
        }
    }

    // ---- lists ------------------------------------------------------------------------

    void list_pushes_and_pops()
    {
        World w;
        w.open("a");
        w.open("b");
        w.attach();
        w.run("a", {"RPUSH", "q", "1", "2", "3"});
        w.run("b", {"LPUSH", "q", "x", "y"});
        w.run("a", {"LPOP", "q"});
        w.run("b", {"RPOP", "q", "2"});
        w.run("a", {"LMPOP", "2", "nope", "q", "RIGHT"});
        w.run("a", {"RPUSHX", "missing", "v"});
        w.run("a", {"LPUSHX", "q", "front"});
        VERIFY_WORLD(w);
        QCOMPARE(listOf(w.model.key(0, "q")), (std::vector<std::string> {"front", "x"}));
        w.run("a", {"LPOP", "q", "5"});
        QVERIFY(!w.model.key(0, "q"));
        w.run("a", {"RPUSH", "other", "v"});
        w.run("a", {"RPOPLPUSH", "other", "dst"});
        w.run("a", {"LMOVE", "dst", "dst", "LEFT", "RIGHT"});
        VERIFY_WORLD(w);
        QCOMPARE(listOf(w.model.key(0, "dst")), (std::vector<std::string> {"v"}));
    }

    void list_edits_are_exact()
    {
        World w;
        w.open("a");
        w.attach();
        w.run("a", {"RPUSH", "l", "a", "b", "c", "b", "d", "b", "e"});
        w.run("a", {"LSET", "l", "-2", "B"});
        w.run("a", {"LINSERT", "l", "BEFORE", "c", "ins"});
        w.run("a", {"LINSERT", "l", "AFTER", "e", "end"});
        w.run("a", {"LREM", "l", "1", "b"});
        w.run("a", {"LREM", "l", "-1", "b"});
        w.run("a", {"LTRIM", "l", "1", "-2"});
        VERIFY_WORLD(w);
        QCOMPARE(listOf(w.model.key(0, "l")), (std::vector<std::string> {"ins", "c", "d", "B", "e"}));
        w.run("a", {"LREM", "l", "0", "c"});
        w.run("a", {"LTRIM", "l", "5", "10"});
        QVERIFY(!w.model.key(0, "l"));
        VERIFY_WORLD(w);
        // Removals spanning both known ends (pushes on the left and on the right).
        w.run("a", {"LPUSH", "m", "b", "x", "b"});
        w.run("a", {"RPUSH", "m", "b", "y", "b"});
        w.run("a", {"LREM", "m", "-3", "b"}); // b x b b y b: the last three b
        w.run("a", {"LPUSH", "n", "a", "z", "a"});
        w.run("a", {"RPUSH", "n", "a", "w", "a"});
        w.run("a", {"LREM", "n", "3", "a"}); // a z a a w a: the first three a
        VERIFY_WORLD(w);
        QCOMPARE(listOf(w.model.key(0, "m")), (std::vector<std::string> {"b", "x", "y"}));
        QCOMPARE(listOf(w.model.key(0, "n")), (std::vector<std::string> {"z", "w", "a"}));
    }

    void long_lists_keep_both_ends()
    {
        World w(WorldModel::Limits {4, 4, 8});
        w.open("a");
        w.attach();
        std::vector<std::string> push {"RPUSH", "l"};
        for (int i = 0; i < 30; ++i)
            push.push_back("v" + std::to_string(i % 7));
        w.run("a", push);
        const KeyView *k = w.model.key(0, "l");
        QVERIFY(k);
        QCOMPARE(k->list->size(), std::size_t(30));
        QCOMPARE(k->list->elided(), std::size_t(22));
        w.run("a", {"LPUSH", "l", "first"});
        w.run("a", {"LSET", "l", "0", "FIRST"});
        w.run("a", {"LSET", "l", "15", "middle"}); // in the elided part: only Redis knows
        w.run("a", {"LINSERT", "l", "AFTER", "FIRST", "second"});
        w.run("a", {"LREM", "l", "1", "FIRST"}); // first occurrence is in the known head
        w.run("a", {"LREM", "l", "-1", "v1"}); // last occurrence in the known tail (v1 at 29)
        w.run("a", {"LTRIM", "l", "1", "-2"});
        VERIFY_WORLD(w);
        // Popping into the elided middle: the model knows the values (the events carry
        // them) but not the new head; it asks for a refresh.
        w.run("a", {"LPOP", "l", "6"});
        VERIFY_WORLD(w, "l");
        // LREM of everything equal to v3: some may hide in the middle.
        w.run("a", {"LREM", "l", "0", "v3"});
        VERIFY_WORLD(w, "l");
        QCOMPARE(w.model.key(0, "l")->list->size(), std::size_t(19));
    }

    void lrem_on_elided_lists()
    {
        World w(WorldModel::Limits {2, 2, 8});
        w.open("a");
        w.attach();
        // Known: x y | (x z elided) | x w
        w.run("a", {"RPUSH", "e", "x", "y", "x", "z", "x", "w"});
        QCOMPARE(w.model.key(0, "e")->list->elided(), std::size_t(2));
        w.run("a", {"RPUSH", "f", "q", "a", "b", "c", "d", "q"});
        w.run("a", {"LREM", "f", "0", "q"}); // both q in the known ends: exact
        w.run("a", {"LREM", "f", "-5", "d"}); // the only d, in the tail: exact
        VERIFY_WORLD(w);
        QCOMPARE(w.model.key(0, "f")->list->size(), std::size_t(3));
        w.run("a", {"LREM", "e", "-2", "x"}); // the second x from the end is elided
        VERIFY_WORLD(w, "e");
        QCOMPARE(listOf(w.model.key(0, "e")), (std::vector<std::string> {"x", "y", "z", "w"}));
        w.run("a", {"RPUSH", "g", "x", "y", "x", "z", "x", "w"});
        w.run("a", {"LREM", "g", "2", "x"}); // the second x from the start is elided
        VERIFY_WORLD(w, "g");
        QCOMPARE(listOf(w.model.key(0, "g")), (std::vector<std::string> {"y", "z", "x", "w"}));
    }

    // ---- blocking ---------------------------------------------------------------------

    void blpop_blocks_then_is_served()
    {
        World w;
        w.open("consumer");
        w.open("other");
        w.open("producer");
        w.attach();
        const std::int64_t t0 = w.clock->nowMs();
        w.send("consumer", {"BLPOP", "jobs", "aux", "5"});
        w.send("other", {"BLPOP", "jobs", "0"});
        w.broker.sync();
        VERIFY_WORLD(w);
        const ClientView *c = w.model.client(w.ids["consumer"]);
        QVERIFY(c && c->blocked);
        QCOMPARE(c->state(), ClientView::State::Blocked);
        QCOMPARE(c->blocked->keys, (std::vector<std::string> {"jobs", "aux"}));
        QCOMPARE(c->blocked->sinceMs, t0);
        QCOMPARE(c->blocked->deadlineMs, t0 + 5000);
        QCOMPARE(w.model.client(w.ids["other"])->blocked->deadlineMs, std::int64_t(0));
        QCOMPARE(w.model.waiters(0, "jobs"), (std::vector<ClientId> {w.ids["consumer"], w.ids["other"]}));
        QCOMPARE(w.model.waiters(0, "aux"), (std::vector<ClientId> {w.ids["consumer"]}));
        w.advance(1000);
        w.run("producer", {"RPUSH", "jobs", "j1"});
        VERIFY_WORLD(w);
        QVERIFY(!w.model.client(w.ids["consumer"])->blocked);
        QCOMPARE(w.model.client(w.ids["consumer"])->state(), ClientView::State::Idle);
        QCOMPARE(w.model.waiters(0, "jobs"), (std::vector<ClientId> {w.ids["other"]}));
        QVERIFY(w.model.waiters(0, "aux").empty());
        QVERIFY(!w.model.key(0, "jobs")); // served at once: the list is empty again
        // A timeout ends the wait too.
        w.send("consumer", {"BRPOP", "jobs", "1"});
        w.broker.sync();
        VERIFY_WORLD(w);
        QCOMPARE(w.model.waiters(0, "jobs"), (std::vector<ClientId> {w.ids["other"], w.ids["consumer"]}));
        w.advance(1000);
        VERIFY_WORLD(w);
        QCOMPARE(w.model.waiters(0, "jobs"), (std::vector<ClientId> {w.ids["other"]}));
    }

    void blmove_between_lists()
    {
        World w;
        w.open("mover");
        w.open("producer");
        w.attach();
        w.send("mover", {"BLMOVE", "src", "dst", "LEFT", "RIGHT", "0"});
        w.broker.sync();
        VERIFY_WORLD(w);
        QVERIFY(w.model.client(w.ids["mover"])->blocked);
        w.run("producer", {"RPUSH", "dst", "old"});
        w.run("producer", {"LPUSH", "src", "a", "b"});
        VERIFY_WORLD(w);
        QVERIFY(!w.model.client(w.ids["mover"])->blocked);
        QCOMPARE(listOf(w.model.key(0, "src")), (std::vector<std::string> {"a"}));
        QCOMPARE(listOf(w.model.key(0, "dst")), (std::vector<std::string> {"old", "b"}));
    }

    void close_while_blocked()
    {
        World w;
        w.open("waiter");
        w.attach();
        w.send("waiter", {"BLPOP", "q", "0"});
        w.broker.sync();
        VERIFY_WORLD(w);
        w.broker.close(w.ids["waiter"]);
        w.broker.sync();
        VERIFY_WORLD(w);
        QVERIFY(!w.model.client(w.ids["waiter"]));
        QVERIFY(w.model.waiters(0, "q").empty());
        QCOMPARE(w.model.recentlyClosed().size(), std::size_t(1));
        QCOMPARE(w.model.recentlyClosed().back().name, std::string("waiter"));
        QCOMPARE(w.model.recentlyClosed().back().reason, std::string("closed"));
    }

    // ---- streams ----------------------------------------------------------------------

    void stream_groups_pending_and_claims()
    {
        World w;
        w.open("producer");
        w.open("c1");
        w.open("c2");
        w.attach();
        std::vector<std::string> ids;
        for (int i = 0; i < 5; ++i)
            ids.push_back(w.run("producer", {"XADD", "s", "*", "n", std::to_string(i)}).str());
        w.run("producer", {"XGROUP", "CREATE", "s", "g", "0"});
        // GroupCreated does not say whether ENTRIESREAD was given.
        VERIFY_WORLD(w, "s");
        w.run("c1", {"XREADGROUP", "GROUP", "g", "c1", "COUNT", "2", "STREAMS", "s", ">"});
        w.advance(10);
        w.run("c2", {"XREADGROUP", "GROUP", "g", "c2", "COUNT", "2", "STREAMS", "s", ">"});
        VERIFY_WORLD(w); // after the refresh the counters are followed exactly
        const GroupView *g = groupOf(w.model, "s", "g");
        QVERIFY(g);
        QCOMPARE(g->pendingCount, std::size_t(4));
        QCOMPARE(g->consumers.at("c1").pendingCount, std::size_t(2));
        QCOMPARE(g->pending.at(parseStreamId(ids[2], 0, true).id).consumer, std::string("c2"));
        QCOMPARE(g->pending.at(parseStreamId(ids[0], 0, true).id).deliveryCount, std::uint64_t(1));
        QCOMPARE(g->entriesRead, std::optional<std::int64_t>(4));
        QCOMPARE(g->lag, std::optional<std::int64_t>(1));
        // History read: c1's own entries again, delivery count 2.
        w.advance(10);
        w.run("c1", {"XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "0"});
        VERIFY_WORLD(w);
        g = groupOf(w.model, "s", "g");
        QCOMPARE(g->pending.at(parseStreamId(ids[0], 0, true).id).deliveryCount, std::uint64_t(2));
        QCOMPARE(g->pending.at(parseStreamId(ids[0], 0, true).id).deliveryTimeMs, w.clock->nowMs());
        w.run("c1", {"XACK", "s", "g", ids[0], "0-1"});
        VERIFY_WORLD(w);
        g = groupOf(w.model, "s", "g");
        QCOMPARE(g->pendingCount, std::size_t(3));
        QVERIFY(!g->pending.count(parseStreamId(ids[0], 0, true).id));
        // XCLAIM: the new owner at once; time and count (3: read, re-read, claimed) after
        // the refresh.
        w.advance(100);
        w.run("c2", {"XCLAIM", "s", "g", "c2", "50", ids[1]});
        g = groupOf(w.model, "s", "g");
        QCOMPARE(g->pending.at(parseStreamId(ids[1], 0, true).id).consumer, std::string("c2"));
        QCOMPARE(g->consumers.at("c1").pendingCount, std::size_t(0));
        QCOMPARE(g->consumers.at("c2").pendingCount, std::size_t(3));
        VERIFY_WORLD(w, "s");
        g = groupOf(w.model, "s", "g");
        QCOMPARE(g->pending.at(parseStreamId(ids[1], 0, true).id).deliveryCount, std::uint64_t(3));
        QCOMPARE(g->pending.at(parseStreamId(ids[1], 0, true).id).deliveryTimeMs, w.clock->nowMs());
        // XAUTOCLAIM everything back to c1, a new consumer c3 reads the rest.
        w.run("c1", {"XAUTOCLAIM", "s", "g", "c1", "0", "0-0", "COUNT", "10"});
        VERIFY_WORLD(w, "s");
        QCOMPARE(groupOf(w.model, "s", "g")->consumers.at("c1").pendingCount, std::size_t(3));
        w.run("c2", {"XREADGROUP", "GROUP", "g", "c3", "STREAMS", "s", ">"});
        w.run("c2", {"XREADGROUP", "GROUP", "g", "c3", "NOACK", "STREAMS", "s", ">"});
        w.run("producer", {"XADD", "s", "*", "n", "5"});
        w.run("c2", {"XREADGROUP", "GROUP", "g", "c3", "NOACK", "STREAMS", "s", ">"});
        VERIFY_WORLD(w);
        g = groupOf(w.model, "s", "g");
        QCOMPARE(g->pendingCount, std::size_t(4));
        QCOMPARE(g->lag, std::optional<std::int64_t>(0));
        w.run("c1", {"XGROUP", "DELCONSUMER", "s", "g", "c1"});
        w.run("c1", {"XGROUP", "CREATECONSUMER", "s", "g", "idle"});
        VERIFY_WORLD(w);
        QCOMPARE(groupOf(w.model, "s", "g")->pendingCount, std::size_t(1));
        w.run("c1", {"XGROUP", "DESTROY", "s", "g"});
        VERIFY_WORLD(w);
        QVERIFY(!groupOf(w.model, "s", "g"));
    }

    void xdel_xtrim_and_lag()
    {
        World w;
        w.open("p");
        w.attach();
        w.run("p", {"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"});
        VERIFY_WORLD(w, "s");
        std::vector<std::string> ids;
        for (int i = 0; i < 10; ++i)
            ids.push_back(w.run("p", {"XADD", "s", std::to_string(i + 1) + "-0", "f", "v"}).str());
        w.run("p", {"XREADGROUP", "GROUP", "g", "c", "COUNT", "3", "STREAMS", "s", ">"});
        VERIFY_WORLD(w);
        w.run("p", {"XDEL", "s", ids[5], ids[6], "99-0"});
        VERIFY_WORLD(w);
        QCOMPARE(groupOf(w.model, "s", "g")->lag, std::optional<std::int64_t>());
        // Reading across the deleted entries: entries-read is estimated, as Redis does.
        w.run("p", {"XREADGROUP", "GROUP", "g", "c", "COUNT", "4", "STREAMS", "s", ">"});
        VERIFY_WORLD(w);
        w.run("p", {"XTRIM", "s", "MAXLEN", "3"});
        VERIFY_WORLD(w);
        QCOMPARE(w.model.key(0, "s")->stream->length(), std::size_t(3));
        w.run("p", {"XADD", "s", "MAXLEN", "2", "*", "f", "w"});
        w.run("p", {"XTRIM", "s", "MINID", "0-1"});
        w.run("p", {"XDEL", "s", ids[9]});
        w.run("p", {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"});
        VERIFY_WORLD(w);
        QCOMPARE(groupOf(w.model, "s", "g")->lag, std::optional<std::int64_t>(0));
        // The pending entry whose stream entry went is dropped by a claim.
        w.run("p", {"XAUTOCLAIM", "s", "g", "c2", "0", "0-0"});
        VERIFY_WORLD(w, "s");
        QCOMPARE(w.run("p", {"XSETID", "s", "99999999999-0"}), Reply::ok());
        VERIFY_WORLD(w, "s");
        w.run("p", {"XADD", "s", "*", "f", "x"});
        VERIFY_WORLD(w); // the refresh after XSETID took the counters from the snapshot
    }

    void long_streams_keep_both_ends()
    {
        World w(WorldModel::Limits {4, 3, 8});
        w.open("p");
        w.attach();
        std::vector<std::string> ids;
        for (int i = 0; i < 20; ++i)
            ids.push_back(w.run("p", {"XADD", "s", "*", "i", std::to_string(i)}).str());
        QCOMPARE(w.model.key(0, "s")->stream->entries.elided(), std::size_t(14));
        w.run("p", {"XDEL", "s", ids[1], ids[10], ids[18]});
        VERIFY_WORLD(w);
        w.run("p", {"XTRIM", "s", "MAXLEN", "15"});
        VERIFY_WORLD(w, "s"); // trimmed into the elided part: the head is unknown
        QCOMPARE(w.model.key(0, "s")->stream->length(), std::size_t(15));
    }

    // ---- pub/sub ----------------------------------------------------------------------

    void pubsub_counts_published_delivered_lost()
    {
        World w;
        w.open("pub");
        w.open("s1");
        w.open("s2");
        w.open("ps");
        w.attach();
        w.run("s1", {"SUBSCRIBE", "news", "sport"});
        w.run("s2", {"SUBSCRIBE", "news"});
        w.run("ps", {"PSUBSCRIBE", "n*"});
        VERIFY_WORLD(w);
        QCOMPARE(w.model.channel(ChannelKind::Channel, "news")->subscriberList(),
            (std::vector<ClientId> {w.ids["s1"], w.ids["s2"]}));
        QCOMPARE(w.model.client(w.ids["s1"])->state(), ClientView::State::Subscribed);
        QCOMPARE(w.run("pub", {"PUBLISH", "news", "hello"}), Reply::integer(3));
        QCOMPARE(w.run("pub", {"PUBLISH", "nobody", "lost"}), Reply::integer(1)); // n* matches
        QCOMPARE(w.run("pub", {"PUBLISH", "void", "lost"}), Reply::integer(0));
        QCOMPARE(w.run("pub", {"SPUBLISH", "shard", "lost too"}), Reply::integer(0));
        w.pump();
        const ChannelView *news = w.model.channel(ChannelKind::Channel, "news");
        QCOMPARE(news->published, std::uint64_t(1));
        QCOMPARE(news->delivered, std::uint64_t(3));
        QCOMPARE(news->lost, std::uint64_t(0));
        QCOMPARE(w.model.channel(ChannelKind::Pattern, "n*")->delivered, std::uint64_t(2));
        QCOMPARE(w.model.channel(ChannelKind::Channel, "void")->lost, std::uint64_t(1));
        QCOMPARE(w.model.channel(ChannelKind::Shard, "shard")->lost, std::uint64_t(1));
        QCOMPARE(w.model.totals().published, std::uint64_t(4));
        QCOMPARE(w.model.totals().delivered, std::uint64_t(4));
        QCOMPARE(w.model.totals().lostNoReceiver, std::uint64_t(2));
        QCOMPARE(w.model.client(w.ids["ps"])->messagesReceived, std::uint64_t(2));
        w.run("s1", {"UNSUBSCRIBE"});
        w.run("ps", {"PUNSUBSCRIBE", "n*"});
        w.run("s2", {"SSUBSCRIBE", "shard"});
        VERIFY_WORLD(w);
        QCOMPARE(w.run("pub", {"SPUBLISH", "shard", "got"}), Reply::integer(1));
        w.pump();
        QCOMPARE(w.model.channel(ChannelKind::Shard, "shard")->delivered, std::uint64_t(1));
        QCOMPARE(w.model.client(w.ids["s1"])->state(), ClientView::State::Idle);
        // A subscriber dropped for its output buffer: its lost messages are counted.
        ClientId s2 = w.ids["s2"];
        w.broker.post([&w, s2](Engine &) { w.broker.closeNow(s2, "output-buffer-limit", 7); });
        VERIFY_WORLD(w);
        QCOMPARE(w.model.totals().lostSlowSubscriber, std::uint64_t(7));
        QCOMPARE(w.model.recentlyClosed().back().messagesLost, std::int64_t(7));
        QVERIFY(!w.model.channel(ChannelKind::Shard, "shard")->subscribers.size());
    }

    // ---- clients, transactions, keyspace ----------------------------------------------

    void multi_exec_and_names()
    {
        World w;
        w.open("a");
        w.open("b");
        w.attach();
        const int ca = w.model.client(w.ids["a"])->colour;
        const int cb = w.model.client(w.ids["b"])->colour;
        QVERIFY(ca != cb);
        w.run("a", {"MULTI"});
        w.run("a", {"SET", "k", "1"});
        w.run("a", {"INCR", "k"});
        VERIFY_WORLD(w);
        QCOMPARE(w.model.client(w.ids["a"])->state(), ClientView::State::InMulti);
        QCOMPARE(w.model.client(w.ids["a"])->queuedCommands, std::size_t(2));
        w.run("a", {"EXEC"});
        VERIFY_WORLD(w);
        QCOMPARE(w.model.client(w.ids["a"])->state(), ClientView::State::Idle);
        QCOMPARE(w.model.key(0, "k")->stringValue, std::string("2"));
        w.run("b", {"CLIENT", "SETNAME", "worker-1"});
        VERIFY_WORLD(w);
        QCOMPARE(w.model.client(w.ids["b"])->name, std::string("worker-1"));
        QCOMPARE(w.model.client(w.ids["b"])->colour, cb);
        w.open("c");
        w.broker.sync();
        VERIFY_WORLD(w);
        QCOMPARE(w.model.client(w.ids["c"])->colour, 2);
    }

    void flushall_and_flushdb()
    {
        World w;
        w.open("a");
        w.attach();
        w.run("a", {"RPUSH", "l", "x"});
        w.run("a", {"SET", "s", "v"});
        w.run("a", {"SELECT", "1"});
        w.run("a", {"SET", "s1", "v"});
        w.run("a", {"XADD", "st", "*", "f", "v"});
        VERIFY_WORLD(w);
        QVERIFY(w.model.key(1, "s1"));
        w.run("a", {"FLUSHDB"});
        VERIFY_WORLD(w);
        QVERIFY(!w.model.key(1, "s1"));
        QVERIFY(w.model.key(0, "l"));
        w.run("a", {"SET", "again", "v"});
        w.run("a", {"FLUSHALL"});
        VERIFY_WORLD(w);
        QVERIFY(w.model.keys().empty());
    }

    void rename_moves_value_and_ttl()
    {
        World w;
        w.open("a");
        w.open("b");
        w.attach();
        w.run("a", {"RPUSH", "l", "1", "2"});
        w.run("a", {"PEXPIRE", "l", "60000"});
        w.run("a", {"SET", "target", "old"});
        w.run("a", {"RENAME", "l", "target"});
        VERIFY_WORLD(w);
        QVERIFY(!w.model.key(0, "l"));
        QCOMPARE(listOf(w.model.key(0, "target")), (std::vector<std::string> {"1", "2"}));
        QCOMPARE(w.model.key(0, "target")->expireAtMs, w.clock->nowMs() + 60000);
        // A waiter on the new name is served by the rename.
        w.send("b", {"BLPOP", "renamed", "0"});
        w.broker.sync();
        w.run("a", {"RENAME", "target", "renamed"});
        VERIFY_WORLD(w);
        QCOMPARE(listOf(w.model.key(0, "renamed")), (std::vector<std::string> {"2"}));
        w.run("a", {"XADD", "s", "1-1", "f", "v"});
        w.run("a", {"XGROUP", "CREATE", "s", "g", "0"});
        w.run("a", {"RENAME", "s", "s2"});
        VERIFY_WORLD(w, "s2"); // the dirty mark of GroupCreated moved with the value
    }

    void expire_and_expiry()
    {
        World w;
        w.open("a");
        w.attach();
        w.run("a", {"SET", "k", "v"});
        w.run("a", {"EXPIRE", "k", "10"});
        w.run("a", {"RPUSH", "l", "x"});
        w.run("a", {"PEXPIRE", "l", "500"});
        w.run("a", {"PERSIST", "l"});
        w.run("a", {"SET", "t", "v", "PX", "200"});
        VERIFY_WORLD(w);
        QCOMPARE(w.model.key(0, "k")->expireAtMs, w.clock->nowMs() + 10000);
        QCOMPARE(w.model.key(0, "l")->expireAtMs, std::int64_t(-1));
        // Past the TTL the key is gone for Redis before its KeyRemoved arrives.
        w.advance(300);
        VERIFY_WORLD(w);
        QVERIFY(!w.model.key(0, "t") || w.model.key(0, "t")->expiredAt(w.clock->nowMs()));
        w.run("a", {"GET", "t"}); // lazy expiry
        QVERIFY(!w.model.key(0, "t"));
        w.advance(20000); // the active cycle removes k
        VERIFY_WORLD(w);
        QVERIFY(!w.model.key(0, "k"));
        w.run("a", {"EXPIRE", "l", "-1"}); // a time in the past deletes
        VERIFY_WORLD(w);
        QVERIFY(!w.model.key(0, "l"));
        // INCR keeps a TTL, SET drops it: StringSet does not say which.
        w.run("a", {"SET", "n", "1", "EX", "100"});
        w.run("a", {"INCR", "n"});
        VERIFY_WORLD(w, "n");
        QCOMPARE(w.model.key(0, "n")->expireAtMs, w.clock->nowMs() + 100000);
    }

    // ---- attaching --------------------------------------------------------------------

    void attach_late_skips_old_events()
    {
        World w;
        w.open("a");
        w.open("b");
        w.run("a", {"RPUSH", "l", "1", "2", "3"});
        w.run("a", {"XADD", "s", "1-1", "f", "v"});
        w.run("a", {"XADD", "s", "2-1", "f", "v"});
        w.run("a", {"XGROUP", "CREATE", "s", "g", "0"});
        w.run("a", {"XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">"});
        w.run("b", {"SUBSCRIBE", "ch"});
        w.send("a", {"BLPOP", "q", "0"});
        w.broker.sync();
        w.attach(); // the feed holds every event so far; the model skips them
        QVERIFY(w.model.seq() > 0);
        QCOMPARE(w.model.snapshotSeq(), w.model.seq());
        VERIFY_WORLD(w);
        w.run("b", {"UNSUBSCRIBE", "ch"});
        w.run("b", {"LPUSH", "q", "x"});
        w.run("b", {"LPOP", "l"});
        w.run("b", {"XACK", "s", "g", "1-1"});
        VERIFY_WORLD(w);
        // A stream from a snapshot carries entries-added and max-deleted-id, so lag and
        // entries-read stay exact from the events alone.
        w.run("b", {"XADD", "s", "3-1", "f", "v"});
        VERIFY_WORLD(w);
        QVERIFY(!w.model.client(w.ids["a"])->blocked);
    }

    void missed_events_are_noticed()
    {
        World w(WorldModel::Limits {}, 16);
        w.open("a");
        w.attach();
        for (int i = 0; i < 40; ++i)
            w.send("a", {"RPUSH", "l", std::to_string(i)});
        w.broker.sync();
        w.pump();
        QVERIFY(w.dropped > 0);
        QVERIFY(w.model.missedEvents());
        // Attaching again recovers.
        w.attach();
        QVERIFY(!w.model.missedEvents());
        VERIFY_WORLD(w);
    }

    // ---- transactions, names and seen-times: each change has its event ----------------

    void transaction_states_follow_events()
    {
        World w;
        w.open("a");
        w.open("b");
        w.attach();
        auto state = [&] { return w.model.client(w.ids["a"])->state(); };
        auto queued = [&] { return w.model.client(w.ids["a"])->queuedCommands; };
        // MULTI alone (TransactionStarted), then DISCARD (TransactionDiscarded).
        w.run("a", {"MULTI"});
        VERIFY_WORLD(w);
        QCOMPARE(state(), ClientView::State::InMulti);
        QCOMPARE(queued(), std::size_t(0));
        w.run("a", {"SET", "k", "v"});
        QCOMPARE(queued(), std::size_t(1));
        QCOMPARE(w.run("a", {"DISCARD"}), Reply::ok());
        VERIFY_WORLD(w);
        QCOMPARE(state(), ClientView::State::Idle);
        QCOMPARE(queued(), std::size_t(0));
        // A nested MULTI is an error that changes nothing.
        w.run("a", {"MULTI"});
        w.run("a", {"SET", "k", "v"});
        QVERIFY(w.run("a", {"MULTI"}).isError());
        VERIFY_WORLD(w);
        QCOMPARE(queued(), std::size_t(1));
        w.run("a", {"DISCARD"});
        // Doomed at once: the rejected command and everything after it queue nothing (as in
        // Redis), the client stays in MULTI until EXEC aborts.
        w.run("a", {"MULTI"});
        QVERIFY(w.run("a", {"NOSUCHCOMMAND"}).isError());
        w.run("a", {"SET", "k", "v"});
        VERIFY_WORLD(w);
        QCOMPARE(state(), ClientView::State::InMulti);
        QCOMPARE(queued(), std::size_t(0));
        QCOMPARE(w.run("a", {"EXEC"}), Reply::error("EXECABORT Transaction discarded because of previous errors."));
        VERIFY_WORLD(w);
        QCOMPARE(state(), ClientView::State::Idle);
        // Doomed after a queued command: that one stays counted.
        w.run("a", {"MULTI"});
        w.run("a", {"SET", "k", "1"});
        QVERIFY(w.run("a", {"RPUSH", "q"}).isError());
        w.run("a", {"SET", "k", "2"});
        VERIFY_WORLD(w);
        QCOMPARE(queued(), std::size_t(1));
        QVERIFY(w.run("a", {"EXEC"}).isError());
        VERIFY_WORLD(w);
        QCOMPARE(state(), ClientView::State::Idle);
        // A WATCHed key changed: queues nothing, EXEC answers nil.
        w.run("a", {"WATCH", "k"});
        w.run("b", {"SET", "k", "theirs"});
        w.run("a", {"MULTI"});
        w.run("a", {"SET", "k", "mine"});
        VERIFY_WORLD(w);
        QCOMPARE(queued(), std::size_t(0));
        QCOMPARE(w.run("a", {"EXEC"}).type(), Reply::Type::NullArray);
        VERIFY_WORLD(w);
        QCOMPARE(state(), ClientView::State::Idle);
        // RESET inside MULTI.
        w.run("a", {"MULTI"});
        w.run("a", {"SET", "k", "v"});
        QCOMPARE(w.run("a", {"RESET"}), Reply::status("RESET"));
        VERIFY_WORLD(w);
        QCOMPARE(state(), ClientView::State::Idle);
        // A client closing inside MULTI takes its transaction with it.
        w.run("b", {"MULTI"});
        w.run("b", {"SET", "k", "v"});
        QCOMPARE(w.model.client(w.ids["b"])->state(), ClientView::State::InMulti);
        w.broker.close(w.ids["b"]);
        VERIFY_WORLD(w);
        QVERIFY(!w.model.client(w.ids["b"]));
        // Attaching in the middle of a transaction.
        w.run("a", {"MULTI"});
        w.run("a", {"SET", "k", "v"});
        w.attach();
        w.run("a", {"SET", "k", "w"});
        VERIFY_WORLD(w);
        QCOMPARE(queued(), std::size_t(2));
        w.run("a", {"EXEC"});
        VERIFY_WORLD(w);
        QCOMPARE(w.model.key(0, "k")->stringValue, std::string("w"));
    }

    void names_follow_hello_and_reset()
    {
        World w;
        w.open("a");
        w.attach();
        auto name = [&] { return w.model.client(w.ids["a"])->name; };
        w.run("a", {"HELLO", "2", "SETNAME", "hello-name"});
        VERIFY_WORLD(w);
        QCOMPARE(name(), std::string("hello-name"));
        QVERIFY(w.run("a", {"HELLO", "2", "SETNAME", "bad name"}).isError());
        VERIFY_WORLD(w);
        QCOMPARE(name(), std::string("hello-name"));
        w.run("a", {"SUBSCRIBE", "ch"});
        w.run("a", {"RESET"});
        VERIFY_WORLD(w);
        QCOMPARE(name(), std::string());
        QVERIFY(!w.model.client(w.ids["a"])->subscribed());
        w.run("a", {"RESET"}); // no name to clear
        w.run("a", {"CLIENT", "SETNAME", "again"});
        w.run("a", {"HELLO", "3", "SETNAME", ""});
        VERIFY_WORLD(w);
        QCOMPARE(name(), std::string());
    }

    void history_reads_set_seen_times()
    {
        World w;
        w.open("a");
        w.attach();
        w.run("a", {"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"});
        VERIFY_WORLD(w, "s"); // GroupCreated
        w.run("a", {"XGROUP", "CREATECONSUMER", "s", "g", "c"});
        w.advance(1000);
        w.run("a", {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "0"}); // empty history
        VERIFY_WORLD(w);
        QCOMPARE(groupOf(w.model, "s", "g")->consumers.at("c").seenTimeMs, w.clock->nowMs());
        // A new consumer reading its (empty) history is created, then seen.
        w.advance(10);
        w.run("a", {"XREADGROUP", "GROUP", "g", "d", "STREAMS", "s", "0"});
        VERIFY_WORLD(w);
        QCOMPARE(groupOf(w.model, "s", "g")->consumers.at("d").seenTimeMs, w.clock->nowMs());
        // A history of deleted entries only: [id, nil] to the client, seen all the same.
        w.run("a", {"XADD", "s", "1-1", "f", "v"});
        w.run("a", {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"});
        w.run("a", {"XDEL", "s", "1-1"});
        w.advance(10);
        w.run("a", {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "0"});
        VERIFY_WORLD(w);
        QCOMPARE(groupOf(w.model, "s", "g")->consumers.at("c").seenTimeMs, w.clock->nowMs());
        // ">" with nothing new touches nobody (Redis neither).
        w.advance(10);
        w.run("a", {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"});
        VERIFY_WORLD(w);
        QCOMPARE(groupOf(w.model, "s", "g")->consumers.at("c").seenTimeMs, w.clock->nowMs() - 10);
    }

    // ---- everything mixed -------------------------------------------------------------

    // Every command family from several clients over a few keys. "exact" leaves out the
    // commands whose events cannot be replayed exactly (claims, strings with a TTL) and
    // creates groups only with a refresh right after; without elision (lists and streams
    // within the model's bounds) no key may then ever be dirty. "elide" keeps 3 elements
    // at each end, so pops, trims and LREM reach into the elided middle.
    void random_mix_matches_snapshots_data()
    {
        QTest::addColumn<bool>("exact");
        QTest::addColumn<bool>("elide");
        QTest::addColumn<quint64>("seed");
        QTest::newRow("exact") << true << false << quint64(20240611);
        QTest::newRow("exact 2") << true << false << quint64(5);
        QTest::newRow("exact, elided") << true << true << quint64(7);
        QTest::newRow("everything, elided") << false << true << quint64(20240612);
        QTest::newRow("everything") << false << false << quint64(99);
    }

    void random_mix_matches_snapshots()
    {
        QFETCH(bool, exact);
        QFETCH(bool, elide);
        QFETCH(quint64, seed);
        const bool noDirty = exact && !elide;
        World w(elide ? WorldModel::Limits {3, 3, 32} : WorldModel::Limits {});
        std::mt19937_64 rng(seed);
        auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
        auto chance = [&](int percent) { return static_cast<int>(pick(100)) < percent; };
        std::vector<std::string> clients;
        // RESP3 clients: a subscriber may still run every other command.
        auto openClient = [&](const std::string &name) {
            w.open(name);
            w.run(name, {"HELLO", "3"});
        };
        for (int i = 0; i < 5; ++i) {
            clients.push_back("c" + std::to_string(i));
            openClient(clients.back());
        }
        w.open("admin"); // never blocks: what it runs happens at once
        w.attach();
        for (const char *s : {"s1", "s2"})
            for (const char *g : {"g1", "g2"})
                w.run("admin", {"XGROUP", "CREATE", s, g, "0", "MKSTREAM"});
        {
            std::string d = w.verify(); // GroupCreated: refreshed here
            QVERIFY2(d.empty(), d.c_str());
        }
        const std::vector<std::string> lists {"l1", "l2", "l3"};
        const std::vector<std::string> streams {"s1", "s2"};
        const std::vector<std::string> values {"a", "b", "c", "d"};
        std::map<std::string, std::vector<std::string>> streamIds;
        int opened = 5;
        int checks = 0, dirtyChecks = 0;
        auto val = [&] { return values[pick(values.size())]; };
        auto list = [&] { return lists[pick(lists.size())]; };
        auto stream = [&] { return streams[pick(streams.size())]; };
        auto someId = [&](const std::string &s) { // mostly recent ones: more likely pending
            auto &v = streamIds[s];
            if (v.empty())
                return std::string("1-1");
            return chance(70) ? v[v.size() - 1 - pick(std::min<std::size_t>(v.size(), 8))] : v[pick(v.size())];
        };
        auto num = [&](int lo, int hi) {
            return std::to_string(lo + static_cast<int>(pick(static_cast<std::size_t>(hi - lo + 1))));
        };
        auto check = [&](const std::string &where) {
            std::string d = w.verify();
            ++checks;
            dirtyChecks += w.lastDirty.empty() ? 0 : 1;
            if (d.empty() && noDirty && !w.lastDirty.empty())
                d = "dirty: " + *w.lastDirty.begin();
            return d.empty() ? d : where + ": " + d;
        };

        for (int step = 0; step < 3000; ++step) {
            const std::string c = clients[pick(clients.size())];
            std::vector<std::string> argv;
            std::size_t what = pick(36);
            if (what >= 33)
                what = 14; // more group reads,
            else if (what >= 29)
                what = 10; // more XADDs,
            else if (what >= 26)
                what = what == 26 ? 15 : 2; // more acks and pops
            if (exact && (what == 16 || what == 17))
                what = 15; // no claims: XACK instead
            switch (what) {
            case 0: argv = {"RPUSH", list(), val(), val()}; break;
            case 1: argv = {"LPUSH", list(), val()}; break;
            case 2: argv = {chance(50) ? "LPOP" : "RPOP", list(), num(1, 2)}; break;
            case 3:
                argv = {"LMOVE", list(), list(), chance(50) ? "LEFT" : "RIGHT", chance(50) ? "LEFT" : "RIGHT"};
                break;
            case 4: argv = {"LSET", list(), num(-3, 3), val()}; break;
            case 5: argv = {"LINSERT", list(), chance(50) ? "BEFORE" : "AFTER", val(), val()}; break;
            case 6: argv = {"LREM", list(), num(-2, 2), val()}; break;
            case 7: argv = {"LTRIM", list(), num(0, 1), num(-2, 12)}; break;
            case 8: argv = {chance(50) ? "BLPOP" : "BRPOP", list(), list(), "0." + num(1, 9)}; break;
            case 9: argv = {"BLMOVE", list(), list(), "LEFT", "RIGHT", "0." + num(1, 9)}; break;
            case 10: {
                std::string s = stream();
                argv = {"XADD", s};
                if (chance(20))
                    argv.insert(argv.end(), {"MAXLEN", num(3, 8)});
                argv.insert(argv.end(), {"*", "f", val()});
                Reply r = w.run(c, argv);
                if (r.type() == Reply::Type::Bulk)
                    streamIds[s].push_back(r.str());
                continue;
            }
            case 11: argv = {"XDEL", stream(), someId("s1"), someId("s2")}; break;
            case 12:
                argv = {"XTRIM", stream(), chance(50) ? "MAXLEN" : "MINID", chance(50) ? num(2, 8) : someId("s1")};
                break;
            case 13:
                w.run(exact ? "admin" : c,
                    {"XGROUP", "CREATE", stream(), "g" + num(1, 2), chance(50) ? "$" : "0", "MKSTREAM"});
                if (exact) {
                    // GroupCreated is always dirty: refresh at once.
                    std::string d = w.verify();
                    QVERIFY2(d.empty(), d.c_str());
                }
                continue;
            case 14:
                argv = {"XREADGROUP", "GROUP", "g" + num(1, 2), "k" + num(1, 3), "COUNT", num(1, 3)};
                if (chance(15))
                    argv.insert(argv.end(), {"BLOCK", num(100, 900)});
                if (chance(15))
                    argv.push_back("NOACK");
                argv.insert(argv.end(), {"STREAMS", stream(), chance(80) ? ">" : "0"});
                break;
            case 15: argv = {"XACK", stream(), "g" + num(1, 2), someId("s1"), someId("s2")}; break;
            case 16:
                argv = {"XCLAIM", stream(), "g" + num(1, 2), "k" + num(1, 3), "0", someId("s1"), someId("s2")};
                if (chance(30))
                    argv.push_back("JUSTID");
                break;
            case 17:
                argv = {"XAUTOCLAIM", stream(), "g" + num(1, 2), "k" + num(1, 3), "0", "0-0", "COUNT", num(1, 4)};
                break;
            case 18:
                if (chance(30))
                    argv = {chance(50) ? "PSUBSCRIBE" : "PUNSUBSCRIBE", "ch*"};
                else
                    argv = {chance(50) ? "SUBSCRIBE" : "UNSUBSCRIBE", "ch" + num(1, 2)};
                break;
            case 19: argv = {chance(80) ? "PUBLISH" : "SPUBLISH", "ch" + num(1, 3), val()}; break;
            case 20: argv = {"SET", "k" + num(1, 2), val()}; break;
            case 21:
                argv = chance(50) ? std::vector<std::string> {"INCR", "n" + num(1, 2)}
                                  : std::vector<std::string> {"APPEND", "k" + num(1, 2), val()};
                break;
            case 22:
                if (chance(50))
                    argv = {"DEL", chance(50) ? list() : "k" + num(1, 2)};
                else
                    argv = {"PEXPIRE", exact || chance(50) ? list() : "k" + num(1, 2), num(50, 900)};
                break;
            case 23: argv = {"RENAME", chance(50) ? list() : stream(), chance(50) ? list() : stream()}; break;
            case 24:
                w.send(c, {"MULTI"});
                w.send(c, {"RPUSH", list(), val()});
                w.send(c, {"XADD", stream(), "*", "f", val()});
                argv = {chance(80) ? "EXEC" : "DISCARD"};
                break;
            case 25:
                if (chance(60)) {
                    if (chance(70))
                        argv = {"CLIENT", "SETNAME", "n" + num(1, 9)};
                    else
                        argv = {"HELLO", "3", "SETNAME", "n" + num(1, 9)};
                } else if (chance(20)) {
                    w.send(c, {"MULTI"});
                    w.send(c, {"RPUSH", list(), val()});
                    w.send(c, {"RESET"}); // also ends subscriptions, clears the name
                    argv = {"HELLO", "3"};
                } else if (chance(50)) {
                    w.broker.close(w.ids.at(c));
                    std::string fresh = "c" + std::to_string(opened++);
                    std::replace(clients.begin(), clients.end(), c, fresh);
                    openClient(fresh);
                    continue;
                } else {
                    argv = {chance(30) ? "FLUSHALL" : "PING"};
                }
                break;
            }
            w.run(c, argv);
            if (step % 40 == 39)
                w.advance(static_cast<std::int64_t>(pick(700)));
            if (step % 150 == 149) {
                w.advance(1000); // every wait ends, nobody is left mid-transaction
                std::string d = check("step " + std::to_string(step));
                QVERIFY2(d.empty(), d.c_str());
            }
        }
        std::string d = check("end");
        QVERIFY2(d.empty(), d.c_str());
        qInfo("%d checks, %d with dirty keys", checks, dirtyChecks);
    }
};

QTEST_GUILESS_MAIN(TestWorldModel)
#include "tst_world_model.moc"

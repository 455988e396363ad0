// The stream data structure (core/engine/stream.h, stream_node.h, stream_group.h):
// ids chosen by add(), node packing as Redis 7.0 does it (100 entries or ~4 KiB per
// node), exact and node-wise trimming, deletion, iteration, the PEL and the 7.0 lag rules.
// Node counts and trimming results match redis-server 7.0.15's XINFO STREAM and XTRIM
// replies for the same operations (the streams corpus checks them end to end).
#include "engine/stream.h"

#include <QTest>

#include <string>
#include <vector>

using ql::Stream;
using ql::StreamGroup;
using ql::StreamId;

Q_DECLARE_METATYPE(StreamId)

namespace {

constexpr std::uint64_t kMax = StreamId::kMaxPart;

const std::vector<std::string> kSmall {"f", "v"};

Stream::AddResult addId(Stream &s, std::uint64_t ms, std::uint64_t seq, const std::vector<std::string> &fv = kSmall)
{
    StreamId id {ms, seq};
    return s.add(&id, true, 0, fv);
}

// n entries with ids 1-1 .. 1-n.
void fill(Stream &s, std::uint64_t n, const std::vector<std::string> &fv = kSmall)
{
    for (std::uint64_t i = 1; i <= n; ++i)
        QVERIFY(addId(s, 1, i, fv).status == Stream::AddStatus::Ok);
}

std::vector<StreamId> ids(const Stream &s, StreamId start, StreamId end, bool reverse = false)
{
    std::vector<StreamId> out;
    Stream::Iterator it(s, start, end, reverse);
    StreamId id;
    std::vector<std::string_view> fv;
    while (it.next(id, fv))
        out.push_back(id);
    return out;
}

Stream::TrimSpec maxLen(std::int64_t n, bool approx = false, std::int64_t limit = 0)
{
    Stream::TrimSpec t;
    t.strategy = Stream::TrimSpec::Strategy::MaxLen;
    t.maxLen = n;
    t.approx = approx;
    t.limit = limit;
    return t;
}

Stream::TrimSpec minId(StreamId id, bool approx = false)
{
    Stream::TrimSpec t;
    t.strategy = Stream::TrimSpec::Strategy::MinId;
    t.minId = id;
    t.approx = approx;
    return t;
}

} // namespace

class TestStream : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void explicitIdsMustGrow()
    {
        Stream s;
        QVERIFY(addId(s, 1, 1).status == Stream::AddStatus::Ok);
        QVERIFY(addId(s, 1, 1).status == Stream::AddStatus::IdTooSmall);
        QVERIFY(addId(s, 1, 0).status == Stream::AddStatus::IdTooSmall);
        QVERIFY(addId(s, 2, 0).status == Stream::AddStatus::Ok);
        QCOMPARE(s.length(), std::uint64_t(2));
        QVERIFY(s.lastId() == (StreamId {2, 0}));
        QVERIFY(s.firstId() == (StreamId {1, 1}));
        QCOMPARE(s.entriesAdded(), std::uint64_t(2));
    }

    void generatedIds_data()
    {
        QTest::addColumn<StreamId>("last"); // set with setLastId first (0-0: empty stream)
        QTest::addColumn<bool>("clock"); // true: '*', false: "<ms>-*"
        QTest::addColumn<std::uint64_t>("ms"); // clock time or the given ms
        QTest::addColumn<bool>("ok");
        QTest::addColumn<StreamId>("expected");
        QTest::newRow("star on an empty stream uses the clock")
            << StreamId {} << true << std::uint64_t(1000) << true << StreamId {1000, 0};
        QTest::newRow("star in the same millisecond steps the sequence")
            << StreamId {1000, 5} << true << std::uint64_t(1000) << true << StreamId {1000, 6};
        QTest::newRow("star with the clock behind the last id")
            << StreamId {2000, 0} << true << std::uint64_t(1000) << true << StreamId {2000, 1};
        QTest::newRow("star at the largest sequence carries into ms")
            << StreamId {5, kMax} << true << std::uint64_t(5) << true << StreamId {6, 0};
        QTest::newRow("ms-star on a new millisecond starts at 0")
            << StreamId {5, 9} << false << std::uint64_t(7) << true << StreamId {7, 0};
        QTest::newRow("ms-star in the last millisecond steps the sequence")
            << StreamId {5, 9} << false << std::uint64_t(5) << true << StreamId {5, 10};
        QTest::newRow("ms-star on an empty stream at 0 gives 0-1")
            << StreamId {} << false << std::uint64_t(0) << true << StreamId {0, 1};
        QTest::newRow("ms-star at the largest sequence fails (as too large)")
            << StreamId {5, kMax} << false << std::uint64_t(5) << false << StreamId {};
        QTest::newRow("ms-star in the past fails")
            << StreamId {5, 0} << false << std::uint64_t(4) << false << StreamId {};
    }

    void generatedIds()
    {
        QFETCH(StreamId, last);
        QFETCH(bool, clock);
        QFETCH(std::uint64_t, ms);
        QFETCH(bool, ok);
        QFETCH(StreamId, expected);
        Stream s;
        QVERIFY(s.setLastId(last, -1, {}) == Stream::SetIdStatus::Ok);
        StreamId partial {ms, 0};
        Stream::AddResult r
            = clock ? s.add(nullptr, true, static_cast<std::int64_t>(ms), kSmall) : s.add(&partial, false, 0, kSmall);
        QCOMPARE(r.status == Stream::AddStatus::Ok, ok);
        if (ok)
            QVERIFY(r.id == expected);
    }

    void nodeHoldsHundredEntries()
    {
        Stream s;
        fill(s, 100);
        QCOMPARE(s.nodeCount(), std::size_t(1));
        QVERIFY(addId(s, 1, 101).status == Stream::AddStatus::Ok);
        QCOMPARE(s.nodeCount(), std::size_t(2));
    }

    void deletedEntriesStillFillTheNode()
    {
        Stream s;
        fill(s, 60);
        std::vector<StreamId> gone;
        for (std::uint64_t i = 1; i <= 10; ++i)
            gone.push_back({1, i});
        QCOMPARE(s.remove(gone), std::size_t(10));
        for (std::uint64_t i = 61; i <= 100; ++i)
            addId(s, 1, i);
        QCOMPARE(s.nodeCount(), std::size_t(1));
        addId(s, 1, 101);
        QCOMPARE(s.nodeCount(), std::size_t(2));
    }

    void largeEntriesFillTheNodeByBytes()
    {
        // A 1000-byte value adds 1012 bytes to Redis's listpack (18 for the node): four fit under 4096.
        Stream s;
        const std::vector<std::string> big {"f", std::string(1000, 'x')};
        fill(s, 4, big);
        QCOMPARE(s.nodeCount(), std::size_t(1));
        QCOMPARE(s.nodes().front().listpackBytes(), std::size_t(4066));
        addId(s, 1, 5, big);
        QCOMPARE(s.nodeCount(), std::size_t(2));
    }

    void listpackSizes_data()
    {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<int>("bytes");
        QTest::newRow("small integer") << std::string("7") << 2;
        QTest::newRow("13-bit integer") << std::string("-4096") << 3;
        QTest::newRow("16-bit integer") << std::string("32767") << 4;
        QTest::newRow("24-bit integer") << std::string("8388607") << 5;
        QTest::newRow("32-bit integer") << std::string("-2147483648") << 6;
        QTest::newRow("64-bit integer") << std::string("9223372036854775807") << 10;
        QTest::newRow("leading zero is a string") << std::string("07") << 4;
        QTest::newRow("short string") << std::string("abc") << 5;
        QTest::newRow("63-byte string") << std::string(63, 'a') << 65;
        QTest::newRow("64-byte string") << std::string(64, 'a') << 67;
        QTest::newRow("empty string") << std::string() << 2;
    }

    void listpackSizes()
    {
        QFETCH(std::string, text);
        QFETCH(int, bytes);
        QCOMPARE(ql::listpackStringSize(text), std::size_t(bytes));
    }

    void smallEntriesArePacked()
    {
        Stream s;
        const std::vector<std::string> fv {"sensor", "21.5"};
        const int n = 100000;
        for (int i = 0; i < n; ++i)
            QVERIFY(s.add(nullptr, true, 1700000000000 + i / 7, fv).status == Stream::AddStatus::Ok);
        double perEntry = static_cast<double>(s.memoryUsage()) / n;
        QVERIFY2(perEntry < 36, qPrintable(QString::number(perEntry)));
    }

    void trim_data()
    {
        QTest::addColumn<int>("entries");
        QTest::addColumn<int>("strategy"); // 0 maxlen, 1 minid
        QTest::addColumn<bool>("approx");
        QTest::addColumn<int>("threshold"); // maxlen, or the minid's sequence (ms 1)
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("removed");
        QTest::addColumn<int>("nodesLeft");
        QTest::newRow("maxlen = removes whole nodes then flags entries") << 250 << 0 << false << 120 << 0 << 130 << 2;
        QTest::newRow("maxlen ~ removes whole nodes only") << 250 << 0 << true << 120 << 0 << 100 << 2;
        QTest::newRow("maxlen ~ keeps a node that would go below") << 250 << 0 << true << 160 << 0 << 0 << 3;
        QTest::newRow("maxlen ~ 0 removes every node") << 250 << 0 << true << 0 << 10000 << 250 << 0;
        QTest::newRow("maxlen ~ stops at LIMIT") << 250 << 0 << true << 0 << 150 << 100 << 2;
        QTest::newRow("maxlen ~ LIMIT below one node removes nothing") << 250 << 0 << true << 0 << 99 << 0 << 3;
        QTest::newRow("maxlen = 0 removes every node") << 250 << 0 << false << 0 << 0 << 250 << 0;
        QTest::newRow("maxlen above length removes nothing") << 50 << 0 << false << 60 << 0 << 0 << 1;
        QTest::newRow("minid = removes ids below") << 250 << 1 << false << 151 << 0 << 150 << 2;
        QTest::newRow("minid ~ removes whole nodes below") << 250 << 1 << true << 151 << 0 << 100 << 2;
        QTest::newRow("minid ~ at a node boundary") << 250 << 1 << true << 201 << 0 << 200 << 1;
    }

    void trim()
    {
        QFETCH(int, entries);
        QFETCH(int, strategy);
        QFETCH(bool, approx);
        QFETCH(int, threshold);
        QFETCH(int, limit);
        QFETCH(int, removed);
        QFETCH(int, nodesLeft);
        Stream s;
        fill(s, static_cast<std::uint64_t>(entries));
        Stream::TrimSpec spec = strategy == 0 ? maxLen(threshold, approx, limit)
                                              : minId({1, static_cast<std::uint64_t>(threshold)}, approx);
        QCOMPARE(s.trim(spec), std::int64_t(removed));
        QCOMPARE(s.length(), std::uint64_t(entries - removed));
        QCOMPARE(s.nodeCount(), std::size_t(nodesLeft));
        if (s.length())
            QVERIFY(s.firstId() == (StreamId {1, static_cast<std::uint64_t>(removed + 1)}));
        else
            QVERIFY(s.firstId().isZero());
    }

    void minidCanLeaveAnEmptyNode()
    {
        // The node's last entry is deleted, so its last id is not below MINID: entries are
        // flagged one by one and the node stays with nothing live in it (as in Redis).
        Stream s;
        fill(s, 3);
        StreamId three {1, 3};
        s.remove(std::span(&three, 1));
        QCOMPARE(s.trim(minId({1, 3})), std::int64_t(2));
        QCOMPARE(s.length(), std::uint64_t(0));
        QCOMPARE(s.nodeCount(), std::size_t(1));
        QVERIFY(addId(s, 1, 4).status == Stream::AddStatus::Ok);
        QCOMPARE(s.nodeCount(), std::size_t(1));
        QVERIFY((ids(s, StreamId::min(), StreamId::max()) == std::vector<StreamId> {{1, 4}}));
    }

    void deletion()
    {
        Stream s;
        fill(s, 150);
        std::vector<StreamId> removed;
        const std::vector<StreamId> del {{1, 1}, {1, 50}, {1, 50}, {1, 999}, {1, 120}};
        QCOMPARE(s.remove(del, &removed), std::size_t(3));
        QCOMPARE(removed.size(), std::size_t(3));
        QCOMPARE(s.length(), std::uint64_t(147));
        QVERIFY(s.firstId() == (StreamId {1, 2}));
        QVERIFY(s.maxDeletedId() == (StreamId {1, 120}));
        QVERIFY(!s.contains({1, 50}));
        QVERIFY(s.contains({1, 51}));
        QCOMPARE(s.nodeCount(), std::size_t(2));
        // Deleting every live entry of a node removes the node.
        std::vector<StreamId> rest;
        for (std::uint64_t i = 101; i <= 150; ++i)
            rest.push_back({1, i});
        s.remove(rest);
        QCOMPARE(s.nodeCount(), std::size_t(1));
        QVERIFY(s.lastEntryId() == (StreamId {1, 100}));
        QVERIFY(s.lastId() == (StreamId {1, 150}));
    }

    void iteration()
    {
        Stream s;
        fill(s, 250);
        std::vector<StreamId> del;
        for (std::uint64_t i = 95; i <= 105; ++i)
            del.push_back({1, i});
        s.remove(del);
        auto fwd = ids(s, {1, 90}, {1, 110});
        QCOMPARE(fwd.size(), std::size_t(10));
        QVERIFY(fwd.front() == (StreamId {1, 90}));
        QVERIFY(fwd[5] == (StreamId {1, 106}));
        auto rev = ids(s, {1, 90}, {1, 110}, true);
        QCOMPARE(rev.size(), std::size_t(10));
        QVERIFY(rev.front() == (StreamId {1, 110}));
        QVERIFY(rev.back() == (StreamId {1, 90}));
        QCOMPARE(ids(s, StreamId::min(), StreamId::max()).size(), std::size_t(239));
        QCOMPARE(ids(s, StreamId::min(), StreamId::max(), true).size(), std::size_t(239));
        QVERIFY(ids(s, {1, 300}, StreamId::max()).empty());
        QVERIFY(ids(s, {1, 20}, {1, 10}).empty());
        QVERIFY(ids(s, {0, 0}, {0, kMax}).empty());

        // Fields come back as they were added, the master's or the entry's own.
        Stream t;
        addId(t, 1, 1, {"a", "1", "b", "2"});
        addId(t, 1, 2, {"a", "3", "b", "4"});
        addId(t, 1, 3, {"c", "5"});
        Stream::Iterator it(t, StreamId::min(), StreamId::max());
        StreamId id;
        std::vector<std::string_view> fv;
        QVERIFY(it.next(id, fv));
        QVERIFY(it.next(id, fv));
        QVERIFY((fv == std::vector<std::string_view> {"a", "3", "b", "4"}));
        QVERIFY(it.next(id, fv));
        QVERIFY((fv == std::vector<std::string_view> {"c", "5"}));
        QVERIFY(!it.next(id, fv));
    }

    void pendingEntries()
    {
        StreamGroup g({0, 0}, 0);
        ql::StreamConsumer *alice = g.createConsumer("alice", 100);
        ql::StreamConsumer *bob = g.createConsumer("bob", 100);
        QVERIFY(alice && bob);
        QVERIFY(!g.createConsumer("alice", 200));
        g.deliver(*alice, {1, 1}, 1000);
        g.deliver(*alice, {1, 2}, 1000);
        g.deliver(*alice, {1, 3}, 1000);
        QCOMPARE(g.pel().size(), std::size_t(3));
        QCOMPARE(alice->pending().size(), std::size_t(3));

        g.redeliver({1, 1}, 1500);
        QCOMPARE(g.findPending({1, 1})->deliveryCount, std::uint64_t(2));
        QCOMPARE(g.findPending({1, 1})->deliveryTime, std::int64_t(1500));

        // Delivered again to another consumer (after SETID): ownership moves, count resets.
        g.deliver(*bob, {1, 1}, 2000);
        QVERIFY(g.findPending({1, 1})->consumer == bob);
        QCOMPARE(g.findPending({1, 1})->deliveryCount, std::uint64_t(1));
        QCOMPARE(alice->pending().size(), std::size_t(2));

        g.claim({1, 2}, *bob, 3000, -1);
        QCOMPARE(bob->pending().size(), std::size_t(2));
        QCOMPARE(g.findPending({1, 2})->deliveryCount, std::uint64_t(1));
        g.claim({1, 3}, *bob, 3000, 7);
        QCOMPARE(g.findPending({1, 3})->deliveryCount, std::uint64_t(7));

        QVERIFY(g.ack({1, 2}));
        QVERIFY(!g.ack({1, 2}));
        QCOMPARE(bob->pending().size(), std::size_t(2));
        QCOMPARE(g.deleteConsumer("bob"), std::size_t(2));
        QVERIFY(g.pel().empty());
        QCOMPARE(g.consumers().size(), std::size_t(1));

        g.createUnowned({5, 5}, 4000);
        QVERIFY(g.findPending({5, 5})->consumer == nullptr);
        g.claim({5, 5}, *alice, 4000, 2);
        QVERIFY(alice->pending().count({5, 5}));
    }

    void pendingNodesComeFromAPool()
    {
        ql::NodePool pool;
        std::vector<void *> blocks;
        for (int i = 0; i < 2000; ++i)
            blocks.push_back(pool.allocate(48));
        QVERIFY(pool.bytesReserved() > 16384);
        void *big = pool.allocate(4096); // above the block limit: from the heap
        pool.deallocate(big, 4096);
        for (void *b : blocks)
            pool.deallocate(b, 48);
        // Drained: one slab stays for the next deliveries.
        QCOMPARE(pool.bytesReserved(), std::size_t(16384));
        void *again = pool.allocate(72);
        QVERIFY(again != nullptr);
        pool.deallocate(again, 72);
        QCOMPARE(pool.bytesReserved(), std::size_t(16384));
    }

    void lagFollowsReads()
    {
        Stream s;
        fill(s, 5);
        StreamGroup *g = s.createGroup("g", {0, 0}, StreamGroup::kInvalidEntriesRead);
        QVERIFY(g);
        QVERIFY(!s.createGroup("g", {0, 0}, 0));
        // Created at 0-0 before any deletion: the position is known.
        QCOMPARE(s.lag(*g).value_or(-1), std::int64_t(5));
        s.advanceGroup(*g, {1, 1});
        QCOMPARE(g->entriesRead(), std::int64_t(1));
        s.advanceGroup(*g, {1, 2});
        QCOMPARE(g->entriesRead(), std::int64_t(2));
        QCOMPARE(s.lag(*g).value_or(-1), std::int64_t(3));
        // A deletion ahead of the group makes the lag unknown...
        StreamId four {1, 4};
        s.remove(std::span(&four, 1));
        QVERIFY(!s.lag(*g).has_value());
        // ...until the group reads past it.
        s.advanceGroup(*g, {1, 3});
        s.advanceGroup(*g, {1, 5});
        QCOMPARE(g->entriesRead(), std::int64_t(5));
        QCOMPARE(s.lag(*g).value_or(-1), std::int64_t(0));
    }

    void lagOfAnEmptiedStream()
    {
        Stream s;
        fill(s, 2);
        StreamGroup *g = s.createGroup("g", {0, 0}, StreamGroup::kInvalidEntriesRead);
        const std::vector<StreamId> all {{1, 1}, {1, 2}};
        s.remove(all);
        // Everything that was ever added is gone: nothing is left to read.
        QCOMPARE(s.lag(*g).value_or(-1), std::int64_t(0));
        Stream fresh;
        StreamGroup *h = fresh.createGroup("h", {0, 0}, StreamGroup::kInvalidEntriesRead);
        QCOMPARE(fresh.lag(*h).value_or(-1), std::int64_t(0));
    }

    void radixTreeNodes()
    {
        Stream s;
        QCOMPARE(s.radixTreeNodes(), std::size_t(1));
        fill(s, 1);
        QCOMPARE(s.radixTreeNodes(), std::size_t(2));
        for (std::uint64_t i = 2; i <= 101; ++i)
            addId(s, 1, i);
        // Masters 1-1 and 1-101 differ in the last byte: a 15-byte compressed node, a
        // branch and two leaves.
        QCOMPARE(s.nodeCount(), std::size_t(2));
        QCOMPARE(s.radixTreeNodes(), std::size_t(4));
    }
};

QTEST_APPLESS_MAIN(TestStream)
#include "tst_stream.moc"

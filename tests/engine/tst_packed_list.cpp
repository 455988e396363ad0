// PackedList: the list value's packed storage, checked against std::deque.
#include "engine/packed_list.h"

#include <QtTest/QtTest>

#include <deque>
#include <random>
#include <string>
#include <vector>

using ql::PackedList;

namespace {

std::vector<std::string> contents(const PackedList &l)
{
    std::vector<std::string> out;
    l.forEach([&](std::string_view v) {
        out.emplace_back(v);
        return true;
    });
    return out;
}

std::vector<std::string> contentsReversed(const PackedList &l)
{
    std::vector<std::string> out;
    l.forEachReverse([&](std::string_view v) {
        out.emplace_back(v);
        return true;
    });
    return out;
}

std::vector<std::string> toVector(const std::deque<std::string> &d)
{
    return {d.begin(), d.end()};
}

// A value of `len` bytes that spells out `seed` and includes zero bytes.
std::string makeValue(std::size_t len, unsigned seed)
{
    std::string s(len, '\0');
    for (std::size_t i = 0; i < len; ++i)
        s[i] = static_cast<char>((seed * 131 + i * 7) % 256);
    return s;
}

// Every way of reading the list agrees with `expected`.
bool sameAs(const PackedList &l, const std::deque<std::string> &expected)
{
    if (l.size() != expected.size() || !l.isConsistent())
        return false;
    std::vector<std::string> fwd = contents(l);
    if (fwd != toVector(expected))
        return false;
    std::vector<std::string> rev = contentsReversed(l);
    std::reverse(rev.begin(), rev.end());
    if (rev != fwd)
        return false;
    if (!expected.empty() && l.range(0, expected.size() - 1) != fwd)
        return false;
    return true;
}

} // namespace

class TestPackedList : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void endsBehaveLikeADeque_data();
    void endsBehaveLikeADeque();
    void elementSizes_data();
    void elementSizes();
    void indexAccess();
    void insertAndEraseInTheMiddle_data();
    void insertAndEraseInTheMiddle();
    void setReplacesInPlaceOrResizes();
    void trimKeepsARange_data();
    void trimKeepsARange();
    void rangeIsClampedAndEmptyWhenInverted();
    void removeEqual_data();
    void removeEqual();
    void visitorsStopEarly();
    void clearEmptiesTheList();
    void randomOperationsMatchStdDeque_data();
    void randomOperationsMatchStdDeque();
    void millionSmallElementsStayCompact_data();
    void millionSmallElementsStayCompact();
    void shortListIsSmall();
    void queueChurnDoesNotGrowMemory();
};

void TestPackedList::endsBehaveLikeADeque_data()
{
    QTest::addColumn<QString>("ops"); // F = pushFront, B = pushBack, f = popFront, b = popBack
    QTest::newRow("rpush then lpop is fifo") << QStringLiteral("BBBBffff");
    QTest::newRow("lpush then rpop is fifo") << QStringLiteral("FFFFbbbb");
    QTest::newRow("lpush then lpop is lifo") << QStringLiteral("FFFFffff");
    QTest::newRow("mixed pushes at both ends") << QStringLiteral("FBFBFBfbfbfb");
    QTest::newRow("interleaved push and pop") << QStringLiteral("BfBfFbFbBBffFFbb");
}

void TestPackedList::endsBehaveLikeADeque()
{
    QFETCH(QString, ops);
    PackedList l;
    std::deque<std::string> d;
    int n = 0;
    for (QChar op : ops) {
        std::string v = "v" + std::to_string(n++);
        switch (op.toLatin1()) {
        case 'F':
            l.pushFront(v);
            d.push_front(v);
            break;
        case 'B':
            l.pushBack(v);
            d.push_back(v);
            break;
        case 'f':
            QCOMPARE(l.popFront(), d.front());
            d.pop_front();
            break;
        case 'b':
            QCOMPARE(l.popBack(), d.back());
            d.pop_back();
            break;
        }
        QVERIFY(sameAs(l, d));
    }
    QVERIFY(l.empty());
}

void TestPackedList::elementSizes_data()
{
    QTest::addColumn<int>("length");
    QTest::newRow("empty string") << 0;
    QTest::newRow("one byte") << 1;
    QTest::newRow("127 bytes: one-byte length") << 127;
    QTest::newRow("128 bytes: two-byte length") << 128;
    QTest::newRow("16383 bytes: two-byte length, larger than a chunk") << 16383;
    QTest::newRow("16384 bytes: three-byte length") << 16384;
    QTest::newRow("exactly the chunk target") << int(PackedList::kTargetBytes);
    QTest::newRow("one megabyte") << (1 << 20);
}

void TestPackedList::elementSizes()
{
    QFETCH(int, length);
    PackedList l;
    std::deque<std::string> d;
    for (unsigned i = 0; i < 6; ++i) {
        std::string big = makeValue(std::size_t(length), i);
        std::string small = "s" + std::to_string(i);
        if (i % 2) {
            l.pushFront(big);
            d.push_front(big);
            l.pushBack(small);
            d.push_back(small);
        } else {
            l.pushBack(big);
            d.push_back(big);
            l.pushFront(small);
            d.push_front(small);
        }
    }
    QVERIFY(sameAs(l, d));
    l.insert(3, makeValue(std::size_t(length), 99));
    d.insert(d.begin() + 3, makeValue(std::size_t(length), 99));
    QVERIFY(sameAs(l, d));
    l.set(5, "tiny");
    d[5] = "tiny";
    l.set(0, makeValue(std::size_t(length), 7));
    d[0] = makeValue(std::size_t(length), 7);
    QVERIFY(sameAs(l, d));
    for (std::size_t i = 0; i < d.size(); ++i)
        QCOMPARE(l.at(i), d[i]);
    while (!d.empty()) {
        QCOMPARE(l.popBack(), d.back());
        d.pop_back();
        if (!d.empty()) {
            QCOMPARE(l.popFront(), d.front());
            d.pop_front();
        }
        QVERIFY(sameAs(l, d));
    }
}

void TestPackedList::indexAccess()
{
    PackedList l;
    std::deque<std::string> d;
    for (int i = 0; i < 5000; ++i) {
        std::string v = std::to_string(i) + std::string(std::size_t(i % 23), 'x');
        if (i % 3 == 0) {
            l.pushFront(v);
            d.push_front(v);
        } else {
            l.pushBack(v);
            d.push_back(v);
        }
    }
    QVERIFY(l.chunkCount() > 10);
    for (std::size_t i = 0; i < d.size(); ++i)
        QCOMPARE(l.at(i), d[i]);
    QCOMPARE(l.range(1234, 1240), std::vector<std::string>(d.begin() + 1234, d.begin() + 1241));
}

void TestPackedList::insertAndEraseInTheMiddle_data()
{
    QTest::addColumn<int>("initial");
    QTest::addColumn<int>("valueLength");
    QTest::newRow("linsert into a short list") << 5 << 3;
    QTest::newRow("linsert into a list of many chunks splits full chunks") << 3000 << 10;
    QTest::newRow("linsert of values half a chunk long") << 40 << int(PackedList::kTargetBytes / 2 + 10);
}

void TestPackedList::insertAndEraseInTheMiddle()
{
    QFETCH(int, initial);
    QFETCH(int, valueLength);
    PackedList l;
    std::deque<std::string> d;
    for (int i = 0; i < initial; ++i) {
        std::string v = "e" + std::to_string(i);
        l.pushBack(v);
        d.push_back(v);
    }
    std::mt19937 rng(7);
    for (int i = 0; i < 400; ++i) {
        std::size_t at = rng() % (d.size() + 1);
        std::string v = makeValue(std::size_t(valueLength), unsigned(i));
        l.insert(at, v);
        d.insert(d.begin() + std::ptrdiff_t(at), v);
        if (i % 20 == 0)
            QVERIFY(sameAs(l, d));
    }
    QVERIFY(sameAs(l, d));
    while (!d.empty()) {
        std::size_t at = rng() % d.size();
        l.erase(at);
        d.erase(d.begin() + std::ptrdiff_t(at));
        if (d.size() % 50 == 0)
            QVERIFY(sameAs(l, d));
    }
    QVERIFY(l.empty());
    QCOMPARE(l.chunkCount(), std::size_t(0));
}

void TestPackedList::setReplacesInPlaceOrResizes()
{
    PackedList l;
    std::deque<std::string> d;
    for (int i = 0; i < 2000; ++i) {
        std::string v = "item" + std::to_string(i);
        l.pushBack(v);
        d.push_back(v);
    }
    for (std::size_t i = 0; i < d.size(); i += 7) {
        std::string v = i % 2 ? std::string("same") : makeValue(i % 300, unsigned(i));
        l.set(i, v);
        d[i] = v;
    }
    QVERIFY(sameAs(l, d));
    l.set(d.size() - 1, "last");
    d.back() = "last";
    l.set(0, "");
    d.front() = "";
    QVERIFY(sameAs(l, d));
}

void TestPackedList::trimKeepsARange_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("start");
    QTest::addColumn<int>("end");
    QTest::newRow("ltrim keeps the middle") << 3000 << 1000 << 1999;
    QTest::newRow("ltrim end beyond size is clamped") << 3000 << 10 << 100000;
    QTest::newRow("ltrim start beyond size clears") << 3000 << 3000 << 4000;
    QTest::newRow("ltrim start after end clears") << 100 << 50 << 49;
    QTest::newRow("ltrim keeps one element") << 3000 << 1500 << 1500;
    QTest::newRow("ltrim keeps everything") << 3000 << 0 << 2999;
}

void TestPackedList::trimKeepsARange()
{
    QFETCH(int, size);
    QFETCH(int, start);
    QFETCH(int, end);
    PackedList l;
    std::deque<std::string> d;
    for (int i = 0; i < size; ++i) {
        std::string v = std::to_string(i);
        l.pushBack(v);
        d.push_back(v);
    }
    l.trim(std::size_t(start), std::size_t(end));
    std::deque<std::string> expected;
    for (int i = start; i <= end && i < size; ++i)
        expected.push_back(d[std::size_t(i)]);
    QVERIFY(sameAs(l, expected));
}

void TestPackedList::rangeIsClampedAndEmptyWhenInverted()
{
    PackedList l;
    for (const char *v : {"a", "b", "c"})
        l.pushBack(v);
    QCOMPARE(l.range(1, 100), (std::vector<std::string> {"b", "c"}));
    QVERIFY(l.range(2, 1).empty());
    QVERIFY(l.range(3, 5).empty());
    QCOMPARE(l.range(0, 0), (std::vector<std::string> {"a"}));
}

void TestPackedList::removeEqual_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<bool>("fromBack");
    QTest::newRow("lrem 0 removes every match") << 0 << false;
    QTest::newRow("lrem 2 removes the first two matches") << 2 << false;
    QTest::newRow("lrem -2 removes the last two matches") << 2 << true;
    QTest::newRow("lrem count larger than matches removes all") << 100000 << false;
    QTest::newRow("lrem -500 removes 500 from the tail") << 500 << true;
    QTest::newRow("lrem 500 removes 500 from the head") << 500 << false;
}

void TestPackedList::removeEqual()
{
    QFETCH(int, limit);
    QFETCH(bool, fromBack);
    PackedList l;
    std::deque<std::string> d;
    for (int i = 0; i < 4000; ++i) {
        std::string v = i % 3 == 0 ? std::string("x") : "other" + std::to_string(i);
        l.pushBack(v);
        d.push_back(v);
    }
    std::size_t removed = l.removeEqual("x", std::size_t(limit), fromBack);
    std::size_t expectedRemoved = 0;
    std::deque<std::string> expected;
    if (!fromBack) {
        for (const auto &v : d) {
            if (v == "x" && (limit == 0 || expectedRemoved < std::size_t(limit))) {
                ++expectedRemoved;
                continue;
            }
            expected.push_back(v);
        }
    } else {
        for (auto it = d.rbegin(); it != d.rend(); ++it) {
            if (*it == "x" && (limit == 0 || expectedRemoved < std::size_t(limit))) {
                ++expectedRemoved;
                continue;
            }
            expected.push_front(*it);
        }
    }
    QCOMPARE(removed, expectedRemoved);
    QVERIFY(sameAs(l, expected));
    QCOMPARE(l.removeEqual("absent", 0, false), std::size_t(0));
    // Removing everything leaves an empty list without chunks.
    PackedList all;
    for (int i = 0; i < 3000; ++i)
        all.pushFront("same");
    QCOMPARE(all.removeEqual("same", 0, fromBack), std::size_t(3000));
    QVERIFY(all.empty());
    QCOMPARE(all.chunkCount(), std::size_t(0));
}

void TestPackedList::visitorsStopEarly()
{
    PackedList l;
    for (int i = 0; i < 1000; ++i)
        l.pushBack(std::to_string(i));
    int seen = 0;
    l.forEach([&](std::string_view) { return ++seen < 10; });
    QCOMPARE(seen, 10);
    std::string last;
    l.forEachReverse([&](std::string_view v) {
        last = std::string(v);
        return false;
    });
    QCOMPARE(last, std::string("999"));
}

void TestPackedList::clearEmptiesTheList()
{
    PackedList l;
    for (int i = 0; i < 1000; ++i)
        l.pushFront("x");
    l.clear();
    QVERIFY(l.empty());
    QVERIFY(l.isConsistent());
    l.pushBack("again");
    QCOMPARE(l.at(0), std::string("again"));
}

void TestPackedList::randomOperationsMatchStdDeque_data()
{
    QTest::addColumn<unsigned>("seed");
    QTest::addColumn<int>("maxLength");
    QTest::newRow("100k random ops, short values") << 1u << 24;
    QTest::newRow("100k random ops, values up to 300 bytes") << 2u << 300;
    QTest::newRow("100k random ops, occasional values beyond a chunk") << 3u << 6000;
}

void TestPackedList::randomOperationsMatchStdDeque()
{
    QFETCH(unsigned, seed);
    QFETCH(int, maxLength);
    std::mt19937 rng(seed);
    PackedList l;
    std::deque<std::string> d;
    auto value = [&]() -> std::string {
        unsigned kind = rng() % 100;
        if (kind < 40)
            return std::string(1, char('a' + rng() % 4)); // frequent duplicates for removeEqual
        if (kind < 97)
            return makeValue(rng() % std::min(maxLength, 40), rng());
        return makeValue(rng() % std::size_t(maxLength + 1), rng());
    };
    for (int step = 0; step < 100000; ++step) {
        unsigned op = rng() % 100;
        // Bias towards growth until the list is a few thousand long, then towards shrinking.
        bool grow = d.size() < 3000 ? op < 55 : op < 40;
        if (grow) {
            std::string v = value();
            switch (rng() % 3) {
            case 0:
                l.pushFront(v);
                d.push_front(v);
                break;
            case 1:
                l.pushBack(v);
                d.push_back(v);
                break;
            default: {
                std::size_t at = rng() % (d.size() + 1);
                l.insert(at, v);
                d.insert(d.begin() + std::ptrdiff_t(at), v);
            }
            }
        } else if (!d.empty() && op < 80) {
            switch (rng() % 4) {
            case 0:
                QCOMPARE(l.popFront(), d.front());
                d.pop_front();
                break;
            case 1:
                QCOMPARE(l.popBack(), d.back());
                d.pop_back();
                break;
            case 2: {
                std::size_t at = rng() % d.size();
                l.erase(at);
                d.erase(d.begin() + std::ptrdiff_t(at));
                break;
            }
            default: {
                std::size_t at = rng() % d.size();
                std::string v = value();
                l.set(at, v);
                d[at] = v;
            }
            }
        } else if (!d.empty() && op < 95) {
            std::size_t at = rng() % d.size();
            QCOMPARE(l.at(at), d[at]);
            std::size_t to = at + rng() % 20;
            std::vector<std::string> expected(
                d.begin() + std::ptrdiff_t(at), d.begin() + std::ptrdiff_t(std::min(to + 1, d.size())));
            QCOMPARE(l.range(at, to), expected);
        } else if (!d.empty() && op < 98) {
            std::string v(1, char('a' + rng() % 4));
            std::size_t limit = rng() % 4;
            bool fromBack = rng() % 2;
            std::size_t removed = 0;
            if (!fromBack) {
                for (auto it = d.begin(); it != d.end();) {
                    if (*it == v && (limit == 0 || removed < limit)) {
                        it = d.erase(it);
                        ++removed;
                    } else {
                        ++it;
                    }
                }
            } else {
                for (std::size_t i = d.size(); i-- > 0;) {
                    if (d[i] == v && (limit == 0 || removed < limit)) {
                        d.erase(d.begin() + std::ptrdiff_t(i));
                        ++removed;
                    }
                }
            }
            QCOMPARE(l.removeEqual(v, limit, fromBack), removed);
        } else if (!d.empty()) {
            // Trim a little off either end (LTRIM as a capped log does).
            std::size_t start = rng() % 3;
            std::size_t end = d.size() - 1 - std::min<std::size_t>(d.size() - 1, rng() % 3);
            l.trim(start, end);
            std::deque<std::string> kept;
            for (std::size_t i = start; i <= end && i < d.size(); ++i)
                kept.push_back(d[i]);
            d.swap(kept);
        }
        QCOMPARE(l.size(), d.size());
        if (step % 2500 == 0)
            QVERIFY2(sameAs(l, d), qPrintable(QStringLiteral("diverged at step %1").arg(step)));
    }
    QVERIFY(sameAs(l, d));
}

void TestPackedList::millionSmallElementsStayCompact_data()
{
    QTest::addColumn<bool>("front");
    QTest::newRow("rpush 1M ten-byte elements: under 20 bytes each") << false;
    QTest::newRow("lpush 1M ten-byte elements: under 20 bytes each") << true;
}

void TestPackedList::millionSmallElementsStayCompact()
{
    QFETCH(bool, front);
    constexpr std::size_t kCount = 1000000;
    PackedList l;
    char buf[16];
    for (std::size_t i = 0; i < kCount; ++i) {
        std::snprintf(buf, sizeof buf, "msg-%06zu", i % 1000000); // 10 bytes
        if (front)
            l.pushFront(std::string_view(buf, 10));
        else
            l.pushBack(std::string_view(buf, 10));
    }
    QCOMPARE(l.size(), kCount);
    double perElement = double(l.memoryUsage()) / double(kCount);
    QVERIFY2(perElement < 20.0, qPrintable(QStringLiteral("%1 bytes per element").arg(perElement)));
    QCOMPARE(l.at(0), std::string(front ? "msg-999999" : "msg-000000"));
    QCOMPARE(l.at(kCount / 2), std::string(front ? "msg-499999" : "msg-500000"));
}

void TestPackedList::shortListIsSmall()
{
    PackedList l;
    l.pushBack("hello");
    QVERIFY2(l.memoryUsage() <= 128, qPrintable(QString::number(l.memoryUsage())));
    l.pushFront("world");
    QVERIFY2(l.memoryUsage() <= 128, qPrintable(QString::number(l.memoryUsage())));
}

void TestPackedList::queueChurnDoesNotGrowMemory()
{
    // LPUSH + RPOP with a steady backlog: memory stays bounded by the backlog.
    PackedList l;
    for (int i = 0; i < 1000; ++i)
        l.pushFront("job-" + std::to_string(i));
    std::size_t peak = 0;
    for (int i = 1000; i < 200000; ++i) {
        l.pushFront("job-" + std::to_string(i));
        QCOMPARE(l.popBack(), "job-" + std::to_string(i - 1000));
        peak = std::max(peak, l.memoryUsage());
    }
    QVERIFY2(peak < 1000 * 40, qPrintable(QString::number(peak)));
    // A one-element queue recentres its chunk instead of growing it.
    PackedList one;
    one.pushFront("0");
    for (int i = 1; i < 100000; ++i) {
        one.pushFront(std::to_string(i));
        QCOMPARE(one.popBack(), std::to_string(i - 1));
    }
    QVERIFY2(one.memoryUsage() <= 128, qPrintable(QString::number(one.memoryUsage())));
}

QTEST_APPLESS_MAIN(TestPackedList)
#include "tst_packed_list.moc"

// Stream ids (core/engine/stream_id.h): parsing with Redis 7.0's rules (string2ull on a
// C string), formatting, ordering, increment and decrement at the edges. Parse rows were
// checked against redis-server 7.0.15 with XRANGE/XADD/XDEL on the same text.
#include "engine/stream_id.h"

#include <QTest>

#include <string>

using ql::StreamId;

Q_DECLARE_METATYPE(std::string)
Q_DECLARE_METATYPE(StreamId)

namespace {

constexpr std::uint64_t kMax = StreamId::kMaxPart;

std::string operator""_b(const char *s, std::size_t n)
{
    return std::string(s, n);
}

} // namespace

class TestStreamId : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<bool>("strict");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<StreamId>("id");
        auto row = [](const char *name, std::string text, bool strict, bool ok, StreamId id = {}) {
            QTest::newRow(name) << text << strict << ok << id;
        };
        row("ms and seq", "1-2", true, true, {1, 2});
        row("ms alone takes the missing sequence", "5", true, true, {5, 7});
        row("zero", "0-0", true, true, {0, 0});
        row("largest id", "18446744073709551615-18446744073709551615", true, true, {kMax, kMax});
        row("ms overflow", "18446744073709551616-0", true, false);
        row("seq overflow", "1-18446744073709551616", true, false);
        row("minus is the smallest id", "-", false, true, {0, 0});
        row("plus is the largest id", "+", false, true, {kMax, kMax});
        row("strict rejects minus", "-", true, false);
        row("strict rejects plus", "+", true, false);
        row("leading zeros are accepted", "007-01", true, true, {7, 1});
        row("a plus sign is accepted", "+5-3", true, true, {5, 3});
        row("leading space is accepted", " 5-1", true, true, {5, 1});
        row("minus zero is zero", "1--0", true, true, {1, 0});
        row("negative ms is rejected", "-1", true, false);
        row("negative seq is rejected", "1--1", true, false);
        row("huge negative wraps like strtoull", "1--18446744073709551615", true, true, {1, 1});
        row("empty", "", true, false);
        row("empty seq", "1-", true, false);
        row("two dashes", "1-2-3", true, false);
        row("letters", "abc", true, false);
        row("hex is not a number", "0x10", true, false);
        row("trailing space", "1 ", true, false);
        row("text ends at NUL", "5-1\x00garbage"_b, true, true, {5, 1});
        row("NUL before the dash", "5\x00-1"_b, true, true, {5, 7});
        row("star sequence needs XADD", "5-*", true, false);
        row("127 bytes is the limit", std::string(126, '0') + "1", true, true, {1, 7});
        row("128 bytes is too long", std::string(127, '0') + "1", true, false);
    }

    void parse()
    {
        QFETCH(std::string, text);
        QFETCH(bool, strict);
        QFETCH(bool, ok);
        QFETCH(StreamId, id);
        ql::StreamIdParse p = ql::parseStreamId(text, 7, strict);
        QCOMPARE(p.ok, ok);
        if (ok) {
            QCOMPARE(p.id.ms, id.ms);
            QCOMPARE(p.id.seq, id.seq);
        }
    }

    void parseAutoSequence()
    {
        ql::StreamIdParse p = ql::parseStreamId("12-*", 0, true, true);
        QVERIFY(p.ok);
        QVERIFY(!p.seqGiven);
        QCOMPARE(p.id.ms, std::uint64_t(12));
        p = ql::parseStreamId("12-3", 0, true, true);
        QVERIFY(p.ok);
        QVERIFY(p.seqGiven);
        QVERIFY(!ql::parseStreamId("*", 0, true, true).ok);
        QVERIFY(!ql::parseStreamId("*-1", 0, true, true).ok);
    }

    void interval_data()
    {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("exclusive");
        QTest::addColumn<StreamId>("id");
        QTest::newRow("inclusive") << std::string("3-4") << true << false << StreamId {3, 4};
        QTest::newRow("exclusive") << std::string("(3-4") << true << true << StreamId {3, 4};
        QTest::newRow("exclusive ms only") << std::string("(3") << true << true << StreamId {3, 9};
        QTest::newRow("exclusive minus is invalid") << std::string("(-") << false << true << StreamId {};
        QTest::newRow("exclusive plus is invalid") << std::string("(+") << false << true << StreamId {};
        QTest::newRow("lone parenthesis is an id") << std::string("(") << false << false << StreamId {};
        QTest::newRow("minus") << std::string("-") << true << false << StreamId {0, 0};
        QTest::newRow("plus") << std::string("+") << true << false << StreamId {kMax, kMax};
    }

    void interval()
    {
        QFETCH(std::string, text);
        QFETCH(bool, ok);
        QFETCH(bool, exclusive);
        QFETCH(StreamId, id);
        ql::StreamIntervalParse p = ql::parseStreamIntervalId(text, 9);
        QCOMPARE(p.ok, ok);
        if (ok) {
            QCOMPARE(p.exclusive, exclusive);
            QVERIFY(p.id == id);
        }
    }

    void format_data()
    {
        QTest::addColumn<StreamId>("id");
        QTest::addColumn<std::string>("text");
        QTest::newRow("zero") << StreamId {0, 0} << std::string("0-0");
        QTest::newRow("small") << StreamId {1526919030474, 55} << std::string("1526919030474-55");
        QTest::newRow("largest") << StreamId {kMax, kMax} << std::string("18446744073709551615-18446744073709551615");
    }

    void format()
    {
        QFETCH(StreamId, id);
        QFETCH(std::string, text);
        QCOMPARE(id.toString(), text);
        ql::StreamIdParse back = ql::parseStreamId(text, 0, true);
        QVERIFY(back.ok);
        QVERIFY(back.id == id);
    }

    void ordering()
    {
        QVERIFY((StreamId {1, 5}) < (StreamId {2, 0}));
        QVERIFY((StreamId {1, 5}) < (StreamId {1, 6}));
        QVERIFY((StreamId {2, 0}) > (StreamId {1, kMax}));
        QVERIFY((StreamId {3, 3}) == (StreamId {3, 3}));
        QVERIFY(StreamId::min() < StreamId::max());
        QVERIFY(StreamId::min().isZero());
        QVERIFY(StreamId::max().isMax());
    }

    void increment_data()
    {
        QTest::addColumn<StreamId>("from");
        QTest::addColumn<StreamId>("to");
        QTest::addColumn<bool>("ok");
        QTest::newRow("sequence steps") << StreamId {1, 1} << StreamId {1, 2} << true;
        QTest::newRow("sequence carries into ms") << StreamId {1, kMax} << StreamId {2, 0} << true;
        QTest::newRow("largest id wraps to 0-0 and fails") << StreamId {kMax, kMax} << StreamId {0, 0} << false;
    }

    void increment()
    {
        QFETCH(StreamId, from);
        QFETCH(StreamId, to);
        QFETCH(bool, ok);
        StreamId id = from;
        QCOMPARE(id.increment(), ok);
        QVERIFY(id == to);
    }

    void decrement_data()
    {
        QTest::addColumn<StreamId>("from");
        QTest::addColumn<StreamId>("to");
        QTest::addColumn<bool>("ok");
        QTest::newRow("sequence steps back") << StreamId {1, 2} << StreamId {1, 1} << true;
        QTest::newRow("borrows from ms") << StreamId {2, 0} << StreamId {1, kMax} << true;
        QTest::newRow("0-0 wraps to the largest id and fails") << StreamId {0, 0} << StreamId {kMax, kMax} << false;
    }

    void decrement()
    {
        QFETCH(StreamId, from);
        QFETCH(StreamId, to);
        QFETCH(bool, ok);
        StreamId id = from;
        QCOMPARE(id.decrement(), ok);
        QVERIFY(id == to);
    }
};

QTEST_APPLESS_MAIN(TestStreamId)
#include "tst_stream_id.moc"

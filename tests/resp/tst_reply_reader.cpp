// Reply reader: examples from the RESP2 and RESP3 specifications (redis.io/docs/reference/
// protocol-spec and the RESP3 spec), plus round trips through the encoder.
#include "resp/reply_reader.h"
#include "resp/resp_encoder.h"
#include "resp_test_suites.h"

#include <QTest>

#include <cmath>
#include <limits>

using ql::Reply;

class TstReplyReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodes_data();
    void decodes();
    void rejectsGarbage_data();
    void rejectsGarbage();
    void lengthOfFirstReplyOnly();
    void decodesDoubles();
    void roundTripsThroughEncoder_data();
    void roundTripsThroughEncoder();
    void refusesDeepNesting();
    void decodeRepliesSplitsPipeline();
};

namespace {

std::string_view view(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<std::size_t>(b.size()));
}

void row(const char *name, const QByteArray &input, const Reply &expected)
{
    QTest::newRow(name) << input << expected;
}

} // namespace

void TstReplyReader::decodes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Reply>("expected");

    row("simple string", "+OK\r\n", Reply::ok());
    row("error", "-ERR unknown command 'foobar'\r\n", Reply::error("ERR unknown command 'foobar'"));
    row("integer", ":1000\r\n", Reply::integer(1000));
    row("negative integer", ":-1\r\n", Reply::integer(-1));
    row("bulk string", "$5\r\nhello\r\n", Reply::bulk("hello"));
    row("empty bulk string", "$0\r\n\r\n", Reply::bulk(""));
    row("RESP2 null bulk", "$-1\r\n", Reply::nullBulk());
    row("RESP2 null array", "*-1\r\n", Reply::nullArray());
    row("empty array", "*0\r\n", Reply::array());
    row("array of bulks", "*2\r\n$5\r\nhello\r\n$5\r\nworld\r\n", Reply::array().addBulk("hello").addBulk("world"));
    row("array with null element", "*3\r\n$5\r\nhello\r\n$-1\r\n$5\r\nworld\r\n",
        Reply::array().addBulk("hello").add(Reply::nullBulk()).addBulk("world"));
    row("nested arrays", "*2\r\n*3\r\n:1\r\n:2\r\n:3\r\n*2\r\n+Hello\r\n-World\r\n",
        Reply::array()
            .add(Reply::array().addInt(1).addInt(2).addInt(3))
            .add(Reply::array().add(Reply::status("Hello")).add(Reply::error("World"))));
    row("RESP3 null", "_\r\n", Reply::nullBulk());
    row("RESP3 boolean true", "#t\r\n", Reply::boolean(true));
    row("RESP3 boolean false", "#f\r\n", Reply::boolean(false));
    row("RESP3 double", ",1.23\r\n", Reply::dbl(1.23));
    row("RESP3 double with exponent", ",1.0000000000000001e+300\r\n", Reply::dbl(1e300));
    row("RESP3 double inf", ",inf\r\n", Reply::dbl(std::numeric_limits<double>::infinity()));
    row("RESP3 double -inf", ",-inf\r\n", Reply::dbl(-std::numeric_limits<double>::infinity()));
    row("RESP3 blob error", "!21\r\nSYNTAX invalid syntax\r\n", Reply::error("SYNTAX invalid syntax"));
    row("RESP3 verbatim string", "=15\r\ntxt:Some string\r\n", Reply::verbatim("Some string"));
    row("RESP3 big number", "(3492890328409238509324850943850943825024385\r\n",
        Reply::bulk("3492890328409238509324850943850943825024385"));
    row("RESP3 map", "%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n",
        Reply::map({Reply::status("first"), Reply::integer(1), Reply::status("second"), Reply::integer(2)}));
    row("RESP3 set", "~3\r\n+orange\r\n+apple\r\n#t\r\n",
        Reply::set({Reply::status("orange"), Reply::status("apple"), Reply::boolean(true)}));
    row("RESP3 push", ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n",
        Reply::push().addBulk("message").addBulk("ch").addBulk("hi"));
    row("RESP3 attribute is dropped",
        "|1\r\n+key-popularity\r\n%2\r\n$1\r\na\r\n,0.1923\r\n$1\r\nb\r\n,0.0012\r\n*2\r\n:2039123\r\n:9543892\r\n",
        Reply::array().addInt(2039123).addInt(9543892));
    row("attribute inside an array", "*2\r\n|1\r\n+a\r\n+b\r\n:1\r\n:2\r\n", Reply::array().addInt(1).addInt(2));
}

void TstReplyReader::decodes()
{
    QFETCH(QByteArray, input);
    QFETCH(Reply, expected);
    QCOMPARE(ql::completeReplyLength(view(input)), std::optional<std::size_t>(input.size()));
    QVERIFY(ql::decodeReply(view(input)) == expected);
    for (qsizetype cut = 0; cut < input.size(); ++cut) {
        QVERIFY2(!ql::completeReplyLength(view(input.left(cut))).has_value(), qPrintable(QString::number(cut)));
        QVERIFY_THROWS_EXCEPTION(ql::RespError, ql::decodeReply(view(input.left(cut))));
    }
}

void TstReplyReader::rejectsGarbage_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("unknown type byte") << QByteArray("?abc\r\n");
    QTest::newRow("unknown type byte, incomplete line") << QByteArray("x");
    QTest::newRow("non-number bulk length") << QByteArray("$abc\r\n");
    QTest::newRow("bulk length -2") << QByteArray("$-2\r\n");
    QTest::newRow("array length -2") << QByteArray("*-2\r\n");
    QTest::newRow("null map") << QByteArray("%-1\r\n");
    QTest::newRow("null blob error") << QByteArray("!-1\r\n");
    QTest::newRow("integer with letters") << QByteArray(":12a\r\n");
    QTest::newRow("integer with plus") << QByteArray(":+1\r\n");
    QTest::newRow("CR without LF") << QByteArray("+OK\rX");
    QTest::newRow("payload longer than declared") << QByteArray("$3\r\nabcd\r\n");
    QTest::newRow("boolean other than t/f") << QByteArray("#x\r\n");
    QTest::newRow("null with payload") << QByteArray("_x\r\n");
    QTest::newRow("double not a number") << QByteArray(",abc\r\n");
    QTest::newRow("big number with letters") << QByteArray("(12a\r\n");
    QTest::newRow("verbatim without format") << QByteArray("=2\r\nab\r\n");
    QTest::newRow("garbage inside an array") << QByteArray("*2\r\n:1\r\n?\r\n");
}

void TstReplyReader::rejectsGarbage()
{
    QFETCH(QByteArray, input);
    QVERIFY_THROWS_EXCEPTION(ql::RespError, ql::completeReplyLength(view(input)));
    QVERIFY_THROWS_EXCEPTION(ql::RespError, ql::decodeReply(view(input)));
}

void TstReplyReader::lengthOfFirstReplyOnly()
{
    QCOMPARE(ql::completeReplyLength("+OK\r\n:1\r\n"), std::optional<std::size_t>(5));
    QCOMPARE(ql::completeReplyLength("*1\r\n:1\r\n*1"), std::optional<std::size_t>(8));
    QCOMPARE(ql::completeReplyLength(""), std::optional<std::size_t>());
    QVERIFY_THROWS_EXCEPTION(ql::RespError, ql::decodeReply("+OK\r\n:1\r\n"));
}

void TstReplyReader::decodesDoubles()
{
    QVERIFY(std::isnan(ql::decodeReply(",nan\r\n").doubleValue()));
    QVERIFY(std::isnan(ql::decodeReply(",-nan\r\n").doubleValue()));
    QCOMPARE(ql::decodeReply(",+2.5\r\n").doubleValue(), 2.5);
    QCOMPARE(ql::decodeReply(",10\r\n").doubleValue(), 10.0);
    QVERIFY(std::signbit(ql::decodeReply(",-0\r\n").doubleValue()));
}

void TstReplyReader::roundTripsThroughEncoder_data()
{
    QTest::addColumn<Reply>("reply");
    QTest::addColumn<int>("protocol");
    QTest::addColumn<Reply>("expected");

    const Reply nested = Reply::array().addBulk("a").add(Reply::array().addInt(-5).add(Reply::nullBulk()));
    QTest::newRow("nested array RESP2") << nested << 2 << nested;
    QTest::newRow("nested array RESP3") << nested << 3 << nested;
    const Reply map = Reply::map().addPair("k", Reply::dbl(0.5));
    QTest::newRow("map RESP3") << map << 3 << map;
    QTest::newRow("map RESP2 becomes array") << map << 2 << Reply::array().addBulk("k").addBulk("0.5");
    QTest::newRow("set RESP3") << Reply::set().addBulk("x") << 3 << Reply::set().addBulk("x");
    QTest::newRow("push RESP3") << Reply::push().addBulk("x") << 3 << Reply::push().addBulk("x");
    QTest::newRow("bool RESP2 becomes integer") << Reply::boolean(true) << 2 << Reply::integer(1);
    QTest::newRow("null array RESP2") << Reply::nullArray() << 2 << Reply::nullArray();
    QTest::newRow("null array RESP3 is the one null") << Reply::nullArray() << 3 << Reply::nullBulk();
    QTest::newRow("binary bulk") << Reply::bulk(std::string("\r\n\0", 3)) << 3 << Reply::bulk(std::string("\r\n\0", 3));
}

void TstReplyReader::roundTripsThroughEncoder()
{
    QFETCH(Reply, reply);
    QFETCH(int, protocol);
    QFETCH(Reply, expected);
    const std::string encoded = ql::encodeReply(reply, protocol);
    QCOMPARE(ql::completeReplyLength(encoded), std::optional<std::size_t>(encoded.size()));
    QVERIFY(ql::decodeReply(encoded) == expected);
}

void TstReplyReader::refusesDeepNesting()
{
    std::string ok;
    for (std::size_t i = 0; i < ql::kMaxReplyNesting; ++i)
        ok += "*1\r\n";
    ok += ":1\r\n";
    QCOMPARE(ql::completeReplyLength(ok), std::optional<std::size_t>(ok.size()));
    QCOMPARE(ql::decodeReply(ok).type(), Reply::Type::Array);

    std::string tooDeep;
    for (int i = 0; i < 100000; ++i)
        tooDeep += "*1\r\n";
    QVERIFY_THROWS_EXCEPTION(ql::RespError, ql::completeReplyLength(tooDeep));
    tooDeep += ":1\r\n";
    QVERIFY_THROWS_EXCEPTION(ql::RespError, ql::decodeReply(tooDeep));
}

void TstReplyReader::decodeRepliesSplitsPipeline()
{
    const auto replies = ql::decodeReplies("+OK\r\n:2\r\n$-1\r\n");
    QCOMPARE(replies.size(), std::size_t(3));
    QVERIFY(replies[2] == Reply::nullBulk());
    QVERIFY_THROWS_EXCEPTION(ql::RespError, ql::decodeReplies("+OK\r\n:2"));
}

int runReplyReaderTests(int argc, char **argv)
{
    TstReplyReader tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "tst_reply_reader.moc"

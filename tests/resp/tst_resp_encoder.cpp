// Encoder: expected bytes come from the RESP2/RESP3 specifications and from what Redis 7.0's
// addReply* helpers write (networking.c), e.g. ZSCORE's double over RESP2 and RESP3.
#include "resp/resp_encoder.h"
#include "resp_test_suites.h"

#include <QTest>

#include <limits>

using ql::Reply;

class TstRespEncoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void encodes_data();
    void encodes();
    void appendsToExistingOutput();
};

namespace {

void row(const char *name, const Reply &reply, int protocol, const QByteArray &expected)
{
    QTest::newRow(name) << reply << protocol << expected;
}

Reply subscribeReply(const char *channel, int count)
{
    return Reply::push().addBulk("subscribe").addBulk(channel).addInt(count);
}

} // namespace

void TstRespEncoder::encodes_data()
{
    QTest::addColumn<Reply>("reply");
    QTest::addColumn<int>("protocol");
    QTest::addColumn<QByteArray>("expected");

    const double inf = std::numeric_limits<double>::infinity();

    row("status +OK (RESP2)", Reply::ok(), 2, "+OK\r\n");
    row("status +OK (RESP3)", Reply::ok(), 3, "+OK\r\n");
    row("status CR and LF become spaces", Reply::status("a\r\nb"), 2, "+a  b\r\n");
    row("error", Reply::error("ERR unknown command"), 2, "-ERR unknown command\r\n");
    row("error with error code", Reply::error("WRONGTYPE Operation"), 3, "-WRONGTYPE Operation\r\n");
    row("error CR and LF become spaces", Reply::error("ERR a\nb\rc"), 3, "-ERR a b c\r\n");
    row("integer zero", Reply::integer(0), 2, ":0\r\n");
    row("integer negative", Reply::integer(-42), 3, ":-42\r\n");
    row("integer int64 min", Reply::integer(std::numeric_limits<std::int64_t>::min()), 2, ":-9223372036854775808\r\n");
    row("integer int64 max", Reply::integer(std::numeric_limits<std::int64_t>::max()), 3, ":9223372036854775807\r\n");
    row("bulk", Reply::bulk("foobar"), 2, "$6\r\nfoobar\r\n");
    row("empty bulk", Reply::bulk(""), 3, "$0\r\n\r\n");
    row("bulk is binary safe", Reply::bulk(std::string("a\r\n\0b", 5)), 2, raw("$5\r\na\r\n\0b\r\n"));
    row("null bulk (RESP2)", Reply::nullBulk(), 2, "$-1\r\n");
    row("null bulk (RESP3)", Reply::nullBulk(), 3, "_\r\n");
    row("null array (RESP2)", Reply::nullArray(), 2, "*-1\r\n");
    row("null array (RESP3)", Reply::nullArray(), 3, "_\r\n");
    row("empty array", Reply::array(), 2, "*0\r\n");
    row("array of bulks", Reply::array().addBulk("foo").addBulk("bar"), 2, "*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n");
    row("mixed array with null element", Reply::array().addInt(1).add(Reply::nullBulk()).addBulk("x"), 2,
        "*3\r\n:1\r\n$-1\r\n$1\r\nx\r\n");
    row("nested array", Reply::array().add(Reply::array().addInt(1).addInt(2)).add(Reply::array().addBulk("a")), 3,
        "*2\r\n*2\r\n:1\r\n:2\r\n*1\r\n$1\r\na\r\n");
    const Reply map = Reply::map().addPair("first", Reply::integer(1)).addPair("second", Reply::integer(2));
    row("map (RESP2 flat array of 2N)", map, 2, "*4\r\n$5\r\nfirst\r\n:1\r\n$6\r\nsecond\r\n:2\r\n");
    row("map (RESP3)", map, 3, "%2\r\n$5\r\nfirst\r\n:1\r\n$6\r\nsecond\r\n:2\r\n");
    row("empty map (RESP3)", Reply::map(), 3, "%0\r\n");
    const Reply set = Reply::set().addBulk("a").addBulk("b");
    row("set (RESP2)", set, 2, "*2\r\n$1\r\na\r\n$1\r\nb\r\n");
    row("set (RESP3)", set, 3, "~2\r\n$1\r\na\r\n$1\r\nb\r\n");
    row("double 1.5 (RESP2 bulk)", Reply::dbl(1.5), 2, "$3\r\n1.5\r\n");
    row("double 1.5 (RESP3)", Reply::dbl(1.5), 3, ",1.5\r\n");
    row("double 0.1 uses %.17g (RESP2)", Reply::dbl(0.1), 2, "$19\r\n0.10000000000000001\r\n");
    row("double 0.1 uses %.17g (RESP3)", Reply::dbl(0.1), 3, ",0.10000000000000001\r\n");
    row("double integral value", Reply::dbl(3), 3, ",3\r\n");
    row("double 1e300 (RESP2)", Reply::dbl(1e300), 2, "$23\r\n1.0000000000000001e+300\r\n");
    row("double inf (RESP2)", Reply::dbl(inf), 2, "$3\r\ninf\r\n");
    row("double -inf (RESP2)", Reply::dbl(-inf), 2, "$4\r\n-inf\r\n");
    row("double inf (RESP3)", Reply::dbl(inf), 3, ",inf\r\n");
    row("double -inf (RESP3)", Reply::dbl(-inf), 3, ",-inf\r\n");
    row("double nan (RESP3)", Reply::dbl(std::numeric_limits<double>::quiet_NaN()), 3, ",nan\r\n");
    row("bool true (RESP2)", Reply::boolean(true), 2, ":1\r\n");
    row("bool false (RESP2)", Reply::boolean(false), 2, ":0\r\n");
    row("bool true (RESP3)", Reply::boolean(true), 3, "#t\r\n");
    row("bool false (RESP3)", Reply::boolean(false), 3, "#f\r\n");
    const Reply message = Reply::push().addBulk("message").addBulk("ch").addBulk("hi");
    row("push (RESP2 array)", message, 2, "*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n");
    row("push (RESP3)", message, 3, ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n");
    const Reply subscribe = Reply::sequence({subscribeReply("a", 1), subscribeReply("b", 2)});
    row("sequence: SUBSCRIBE a b (RESP2)", subscribe, 2,
        "*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n");
    row("sequence: SUBSCRIBE a b (RESP3)", subscribe, 3,
        ">3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n>3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n");
    row("empty sequence writes nothing", Reply::sequence(), 3, "");
    const Reply hello = Reply::map().addPair("proto", Reply::integer(3)).addPair("modules", Reply::array());
    row("HELLO-like map (RESP3)", hello, 3, "%2\r\n$5\r\nproto\r\n:3\r\n$7\r\nmodules\r\n*0\r\n");
}

void TstRespEncoder::encodes()
{
    QFETCH(Reply, reply);
    QFETCH(int, protocol);
    QFETCH(QByteArray, expected);
    QCOMPARE(bytes(ql::encodeReply(reply, protocol)), expected);
}

void TstRespEncoder::appendsToExistingOutput()
{
    std::string out = "+PONG\r\n";
    ql::encodeReply(Reply::integer(7), 2, out);
    QCOMPARE(bytes(out), QByteArray("+PONG\r\n:7\r\n"));
}

int runRespEncoderTests(int argc, char **argv)
{
    TstRespEncoder tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "tst_resp_encoder.moc"

// RequestParser: behaviour and error texts of Redis 7.0's processMultibulkBuffer and
// processInlineBuffer (networking.c) and its tests/unit/protocol.tcl. Rows marked "(redis)"
// pin a quirk checked against redis-server 7.0.
#include "alloc_probe.h"
#include "parser_transcript.h"

#include <QTest>

using ql::RequestParser;
using Commands = QList<QByteArrayList>;

class TstRequestParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void inlineLimitAppliesOnlyWithoutLineEnd();
    void tooBigCountStrings_data();
    void tooBigCountStrings();
    void nulHidesTheLineEnd();
    void bulkLengthLimit();
    void multibulkCountLimit();
    void queryBufferLimitClosesWithoutReply();
    void staysFailedUntilReset();
    void unauthenticatedLimits();
    void declaredLengthsDoNotReserveMemory();
    void bigArgumentArrivesInPieces();
    void bufferedBytesCountsCommandInProgress();
};

namespace {

const QByteArray kInvalidMultibulk = "ERR Protocol error: invalid multibulk length";
const QByteArray kInvalidBulk = "ERR Protocol error: invalid bulk length";
const QByteArray kUnbalanced = "ERR Protocol error: unbalanced quotes in request";

void row(const char *name, const QByteArray &input, const Commands &commands, const QByteArray &error = {})
{
    QTest::newRow(name) << input << commands << error;
}

std::string_view view(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<std::size_t>(b.size()));
}

} // namespace

void TstRequestParser::parses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Commands>("commands");
    QTest::addColumn<QByteArray>("error"); // empty: no error, the parser waits for more

    row("multibulk command", "*1\r\n$4\r\nPING\r\n", {{"PING"}});
    row("pipelined multibulk commands", "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\n",
        {{"PING"}, {"ECHO", "abc"}});
    row("bulk payload is binary safe", raw("*2\r\n$4\r\nECHO\r\n$5\r\na\r\n\0b\r\n"), {{"ECHO", raw("a\r\n\0b")}});
    row("empty bulk", "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", {{"ECHO", ""}});
    row("a lone empty argument is a command (redis)", "*1\r\n$0\r\n\r\n", {{""}});
    row("partial command waits", "*2\r\n$4\r\nECHO\r\n$3\r\nab", {});
    row("bytes after a payload are not checked (redis)", "*1\r\n$4\r\nPINGxx", {{"PING"}});
    row("any byte after CR ends a header (redis)", "*1\rX$4\r\nPING\r\n", {{"PING"}});
    row("any byte after CR ends a bulk header (redis)", "*1\r\n$4\rxPING\r\n", {{"PING"}});
    row("*0 produces no command", "*0\r\n*1\r\n$4\r\nPING\r\n", {{"PING"}});
    row("negative multibulk length is skipped (protocol.tcl)", "*-10\r\n*1\r\n$4\r\nPING\r\n", {{"PING"}});
    row("*-1 is skipped", "*-1\r\nPING\r\n", {{"PING"}});
    row("INT_MAX arguments are accepted (redis)", "*2147483647\r\n", {});
    row("inline command", "SET key value\r\n", {{"SET", "key", "value"}});
    row("inline command ended by LF alone", "PING\n", {{"PING"}});
    row("empty lines produce no command (protocol.tcl)", "\r\n\r\n\nPING\n", {{"PING"}});
    row("blank line produces no command", "  \t\r\nPING\r\n", {{"PING"}});
    row("CR inside an inline line separates (redis)", "PING\rPING\r\n", {{"PING", "PING"}});
    row("only the CR before LF is dropped", "PING\r\r\n", {{"PING"}});
    row("inline quoting", "ECHO \"a\\x41b\" 'c d'\r\n", {{"ECHO", "aAb", "c d"}});
    row("inline empty quoted argument", "ECHO \"\"\r\n", {{"ECHO", ""}});
    row("inline and multibulk mixed", "PING\r\n*1\r\n$4\r\nPING\r\nPING\n", {{"PING"}, {"PING"}, {"PING"}});
    row("unbalanced quotes", "ECHO \"abc\r\n", {}, kUnbalanced);
    row("unbalanced quotes (protocol.tcl)", "set \"\"\"test-key\"\"\" test-value\r\nping\r\n", {}, kUnbalanced);
    row("closing quote followed by a character", "ECHO \"a\"b\r\n", {}, kUnbalanced);
    row("out of range multibulk length (protocol.tcl)", "*3000000000\r\n", {}, kInvalidMultibulk);
    row("multibulk length INT_MAX + 1 (redis)", "*2147483648\r\n", {}, kInvalidMultibulk);
    row("non-number multibulk length", "*abc\r\n", {}, kInvalidMultibulk);
    row("multibulk length with plus sign", "*+1\r\n", {}, kInvalidMultibulk);
    row("multibulk length with leading zero", "*01\r\n$4\r\nPING\r\n", {}, kInvalidMultibulk);
    row("multibulk length -0", "*-0\r\n", {}, kInvalidMultibulk);
    row("multibulk length with space", "* 1\r\n", {}, kInvalidMultibulk);
    row("empty multibulk length", "*\r\n", {}, kInvalidMultibulk);
    row("wrong multibulk payload header (protocol.tcl)", "*3\r\n$3\r\nSET\r\n$1\r\nx\r\nfooz\r\n", {},
        "ERR Protocol error: expected '$', got 'f'");
    row("multibulk not followed by bulk (protocol.tcl)", "*1\r\nfoo\r\n", {},
        "ERR Protocol error: expected '$', got 'f'");
    row("CR where '$' belongs is shown as a space (redis)", "*1\r\n\r\n", {},
        "ERR Protocol error: expected '$', got ' '");
    row("LF where '$' belongs is shown as a space (redis)", "*1\r\n\n\r\n", {},
        "ERR Protocol error: expected '$', got ' '");
    row("negative multibulk payload length (protocol.tcl)", "*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$-10\r\n", {}, kInvalidBulk);
    row("out of range multibulk payload length (protocol.tcl)", "*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$2000000000\r\n", {},
        kInvalidBulk);
    row("non-number multibulk payload length (protocol.tcl)", "*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$blabla\r\n", {},
        kInvalidBulk);
    row("bulk length -1 is not allowed in requests", "*1\r\n$-1\r\n", {}, kInvalidBulk);
    row("bulk length with leading zero", "*1\r\n$04\r\nPING\r\n", {}, kInvalidBulk);
    row("bulk length with plus sign", "*1\r\n$+4\r\nPING\r\n", {}, kInvalidBulk);
    row("bulk length -0", "*1\r\n$-0\r\n", {}, kInvalidBulk);
    row("bulk length above proto-max-bulk-len", "*1\r\n$536870913\r\n", {}, kInvalidBulk);
    row("bulk length equal to proto-max-bulk-len waits", "*1\r\n$536870912\r\n", {});
    row("commands before an error are still read", "*1\r\n$4\r\nPING\r\n*x\r\n", {{"PING"}}, kInvalidMultibulk);
    row("NUL hides the header's CR (redis)", raw("*1\0\r\n$4\r\nPING\r\n"), {});
    row("NUL hides the inline LF (redis)", raw("PING\0\r\n"), {});
    row("NUL first is an inline request that waits (redis)", raw("\0PING\r\n"), {});
    row("NUL inside a payload is fine", raw("*1\r\n$3\r\na\0b\r\n"), {{raw("a\0b")}});
}

void TstRequestParser::parses()
{
    QFETCH(QByteArray, input);
    QFETCH(Commands, commands);
    QFETCH(QByteArray, error);

    ParserTranscript expected;
    expected.commands = commands;
    expected.failed = !error.isEmpty();
    expected.error = error;

    QCOMPARE(parseInChunks(view(input), 0).commands, expected.commands);
    QCOMPARE(parseInChunks(view(input), 0).error, expected.error);
    QVERIFY(parseInChunks(view(input), 0) == expected);
    QVERIFY(parseInChunks(view(input), 1) == expected);
    QVERIFY(parseInChunks(view(input), 3) == expected);
}

void TstRequestParser::inlineLimitAppliesOnlyWithoutLineEnd()
{
    const std::string line(64 * 1024, 'A');
    QVERIFY(parseInChunks(line, 0) == ParserTranscript {});

    ParserTranscript tooBig;
    tooBig.failed = true;
    tooBig.error = "ERR Protocol error: too big inline request";
    QVERIFY(parseInChunks(line + "A", 0) == tooBig);

    // Redis only measures a buffer that holds no "\n": a longer line arriving whole is read.
    const ParserTranscript whole = parseInChunks(line + "A\n", 0);
    QCOMPARE(whole.commands.size(), 1);
    QCOMPARE(whole.commands.front().front().size(), 64 * 1024 + 1);
    QVERIFY(!whole.failed);
}

void TstRequestParser::tooBigCountStrings_data()
{
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("multibulk count") << QByteArray("*") << QByteArray("ERR Protocol error: too big mbulk count string");
    QTest::newRow("bulk count") << QByteArray("*1\r\n$") << QByteArray("ERR Protocol error: too big bulk count string");
}

void TstRequestParser::tooBigCountStrings()
{
    QFETCH(QByteArray, prefix);
    QFETCH(QByteArray, error);
    RequestParser parser;
    std::vector<std::string> argv;
    parser.feed(view(prefix));
    parser.feed(std::string(64 * 1024 - 1, '1'));
    QCOMPARE(parser.next(argv), RequestParser::Status::NeedMore); // header left: exactly 64 KB
    parser.feed("1");
    QCOMPARE(parser.next(argv), RequestParser::Status::ProtocolError);
    QCOMPARE(bytes(parser.errorText()), error);
}

void TstRequestParser::nulHidesTheLineEnd()
{
    RequestParser parser;
    std::vector<std::string> argv;
    parser.feed(std::string_view("PING\0\r\n", 7));
    QCOMPARE(parser.next(argv), RequestParser::Status::NeedMore);
    parser.feed(std::string(64 * 1024, '\n')); // line ends after the NUL stay hidden
    QCOMPARE(parser.next(argv), RequestParser::Status::ProtocolError);
    QCOMPARE(bytes(parser.errorText()), QByteArray("ERR Protocol error: too big inline request"));
}

void TstRequestParser::bulkLengthLimit()
{
    ql::RequestLimits limits;
    limits.protoMaxBulkLen = 10;
    QVERIFY(parseInChunks("*1\r\n$10\r\n0123456789\r\n", 0, limits).commands == Commands {{"0123456789"}});
    QCOMPARE(parseInChunks("*1\r\n$11\r\n", 0, limits).error, kInvalidBulk);
}

void TstRequestParser::multibulkCountLimit()
{
    ql::RequestLimits limits;
    limits.maxMultibulkLen = 1024 * 1024;
    QVERIFY(!parseInChunks("*1048576\r\n", 0, limits).failed);
    QCOMPARE(parseInChunks("*1048577\r\n", 0, limits).error, kInvalidMultibulk);
}

void TstRequestParser::queryBufferLimitClosesWithoutReply()
{
    ql::RequestLimits limits;
    limits.clientMaxQueryBufLen = 100;
    RequestParser parser(limits);
    std::vector<std::string> argv;
    parser.feed("*1\r\n$200\r\n");
    QCOMPARE(parser.next(argv), RequestParser::Status::NeedMore);
    parser.feed(std::string(100, 'x'));
    QCOMPARE(parser.next(argv), RequestParser::Status::NeedMore);
    parser.feed("x"); // 101 bytes held
    QCOMPARE(parser.next(argv), RequestParser::Status::ProtocolError);
    QVERIFY(parser.errorText().empty());
    QVERIFY(parser.hasError());
}

void TstRequestParser::staysFailedUntilReset()
{
    RequestParser parser;
    std::vector<std::string> argv;
    parser.feed("*x\r\n*1\r\n$4\r\nPING\r\n");
    QCOMPARE(parser.next(argv), RequestParser::Status::ProtocolError);
    parser.feed("*1\r\n$4\r\nPING\r\n");
    QCOMPARE(parser.next(argv), RequestParser::Status::ProtocolError);
    QCOMPARE(bytes(parser.errorText()), kInvalidMultibulk);
    QCOMPARE(parser.bufferedBytes(), std::size_t(0));

    parser.reset();
    QVERIFY(!parser.hasError());
    QVERIFY(parser.errorText().empty());
    parser.feed("*1\r\n$4\r\nPING\r\n");
    QCOMPARE(parser.next(argv), RequestParser::Status::Command);
    QCOMPARE(argv, std::vector<std::string> {"PING"});
}

void TstRequestParser::unauthenticatedLimits()
{
    const auto run = [](const char *input, bool authRequired) {
        RequestParser parser;
        parser.setAuthRequired(authRequired);
        parser.feed(input);
        std::vector<std::string> argv;
        parser.next(argv);
        return bytes(parser.errorText());
    };
    QCOMPARE(run("*11\r\n", true), QByteArray("ERR Protocol error: unauthenticated multibulk length"));
    QCOMPARE(run("*10\r\n$16385\r\n", true), QByteArray("ERR Protocol error: unauthenticated bulk length"));
    QCOMPARE(run("*10\r\n$16384\r\n", true), QByteArray());
    QCOMPARE(run("*11abc\r\n", true), kInvalidMultibulk); // the general check comes first
    QCOMPARE(run("*11\r\n$16385\r\n", false), QByteArray());
}

void TstRequestParser::declaredLengthsDoNotReserveMemory()
{
    if (!alloc_probe::available())
        QSKIP("operator new belongs to the sanitizer in this build");
    RequestParser parser;
    std::vector<std::string> argv;

    alloc_probe::start();
    parser.feed("*2147483647\r\n$536870912\r\n");
    const auto status = parser.next(argv);
    parser.feed(std::string(100, 'x'));
    const auto status2 = parser.next(argv);
    const std::size_t largest = alloc_probe::stop();

    QCOMPARE(status, RequestParser::Status::NeedMore);
    QCOMPARE(status2, RequestParser::Status::NeedMore);
    QVERIFY2(largest <= 128 * 1024, qPrintable(QString::number(largest)));
    QCOMPARE(parser.bufferedBytes(), std::size_t(100));
}

void TstRequestParser::bigArgumentArrivesInPieces()
{
    std::string payload(1024 * 1024 + 7, '\0');
    for (std::size_t i = 0; i < payload.size(); ++i)
        payload[i] = static_cast<char>(i * 31 % 251);
    const std::string frame = "*2\r\n$3\r\nSET\r\n$" + std::to_string(payload.size()) + "\r\n" + payload + "\r\n";
    const ParserTranscript transcript = parseInChunks(frame, 1000);
    QCOMPARE(transcript.commands.size(), 1);
    QCOMPARE(transcript.commands.front().at(1), bytes(payload));
}

void TstRequestParser::bufferedBytesCountsCommandInProgress()
{
    RequestParser parser;
    std::vector<std::string> argv;
    parser.feed("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nval");
    QCOMPARE(parser.next(argv), RequestParser::Status::NeedMore);
    QCOMPARE(parser.bufferedBytes(), std::size_t(3 + 1 + 3)); // SET, k, "val" so far
    parser.feed("ue\r\n*1\r\n$4\r\nPING\r\n");
    QCOMPARE(parser.next(argv), RequestParser::Status::Command);
    QCOMPARE(parser.bufferedBytes(), std::size_t(14));
    QCOMPARE(parser.next(argv), RequestParser::Status::Command);
    QCOMPARE(parser.bufferedBytes(), std::size_t(0));
    QCOMPARE(parser.next(argv), RequestParser::Status::NeedMore);
}

int runRequestParserTests(int argc, char **argv)
{
    TstRequestParser tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "tst_request_parser.moc"

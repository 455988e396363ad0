// splitArgs: the rules of Redis's sdssplitargs() (sds.c), which splits inline requests and
// redis-cli input. Rows marked "(redis)" pin behaviour checked against redis-server 7.0.
#include "resp/split_args.h"
#include "resp_test_suites.h"

#include <QByteArrayList>
#include <QTest>

class TstSplitArgs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void splits_data();
    void splits();
};

namespace {

void row(const char *name, const QByteArray &line, const QByteArrayList &args)
{
    QTest::newRow(name) << line << true << args;
}

void unbalanced(const char *name, const QByteArray &line)
{
    QTest::newRow(name) << line << false << QByteArrayList();
}

} // namespace

void TstSplitArgs::splits_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("balanced");
    QTest::addColumn<QByteArrayList>("args");

    row("empty line", "", {});
    row("only blanks", " \t\v\f\r\n ", {});
    row("words separated by blanks", "SET  key\tvalue", {"SET", "key", "value"});
    row("leading and trailing blanks", "  PING  ", {"PING"});
    row("CR separates arguments", "PING\rPING", {"PING", "PING"});
    row("vertical tab stays inside a word (redis)", "a\vb", {"a\vb"});
    row("form feed stays inside a word (redis)", "a\f", {"a\f"});
    row("leading vertical tab is skipped (redis)", "\vECHO a", {"ECHO", "a"});
    row("double quotes keep blanks", "ECHO \"hello world\"", {"ECHO", "hello world"});
    row("empty double-quoted argument", "ECHO \"\"", {"ECHO", ""});
    row("hex escape (redis)", "\"a\\x41b\"", {"aAb"});
    row("hex escape, both cases", "\"\\x4A\\x4a\"", {"JJ"});
    row("hex escape to NUL", "\"\\x00\"", {raw("\0")});
    row("incomplete hex escape is a plain escape (redis)", "\"a\\x4\"", {"ax4"});
    row("invalid hex digit (redis)", "\"\\x4g\"", {"x4g"});
    row("control escapes", "\"\\n\\r\\t\\b\\a\"", {"\n\r\t\b\a"});
    row("other escapes give the character", "\"\\q\\\\\\\"\"", {"q\\\""});
    row("single quotes are literal", "'a\\nb'", {"a\\nb"});
    row("escaped single quote", "'a\\'b'", {"a'b"});
    row("double quote inside single quotes", "'say \"hi\"'", {"say \"hi\""});
    row("quote opening mid-word (redis)", "a\"b c\"", {"ab c"});
    row("closing quote before vertical tab (redis)", "\"a\"\v", {"a"});
    row("line ends at NUL", raw("a b\0c"), {"a", "b"});
    row("bytes above 0x7f are kept", "\xff\x80", {"\xff\x80"});
    unbalanced("unterminated double quote", "ECHO \"abc");
    unbalanced("unterminated single quote", "ECHO 'abc");
    unbalanced("closing double quote followed by a character", "ECHO \"a\"b");
    unbalanced("closing single quote followed by a character", "ECHO 'a'b");
    unbalanced("backslash escapes the closing quote", "\"\\\"");
    unbalanced("lone backslash in single quotes escapes it", "'\\'");
    unbalanced("redis protocol test: triple quotes", "set \"\"\"test-key\"\"\" test-value");
    unbalanced("quote mid-word followed by a character (redis)", "a'b c'd");
    unbalanced("NUL inside quotes ends the line", raw("\"a\0\""));
}

void TstSplitArgs::splits()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, balanced);
    QFETCH(QByteArrayList, args);

    const auto result = ql::splitArgs(std::string_view(line.constData(), static_cast<std::size_t>(line.size())));
    QCOMPARE(result.has_value(), balanced);
    if (!result)
        return;
    QByteArrayList actual;
    for (const std::string &arg : *result)
        actual << bytes(arg);
    QCOMPARE(actual, args);
}

int runSplitArgsTests(int argc, char **argv)
{
    TstSplitArgs tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "tst_split_args.moc"

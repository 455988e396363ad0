// The scenario language parser (core/scenario): every statement parses to the expected
// steps with its line:column, and every mistake gives the exact file:line:column and text.
#include "scenario/scenario_parser.h"
#include "scenario_describe.h"
#include "scenario_rows.h"

#include <QByteArrayList>
#include <QFile>
#include <QTest>

#include <random>

using namespace ql::scenario;
using scenario_test::describe;

class TstScenarioParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral(".*"))); }
    void parses_data();
    void parses();
    void reportsErrors_data();
    void reportsErrors();
    void hugeLineIsAnErrorAndParsingGoesOn();
    void hugeFileIsAnError();
    void errorsStopAfterTwenty();
    void hugeRepeatStaysOneStep();
    void clientsAreListedInOrder();
    void expandsCounters();
    void diagnosticReadsLikeACompiler();
    void documentedExamplesParse();
    void randomTextNeverBreaksTheParser();
};

namespace {

QByteArray bytes(const std::string &s)
{
    return QByteArray::fromStdString(s);
}

QByteArrayList diagnostics(const ParseResult &result)
{
    QByteArrayList out;
    for (const Diagnostic &d : result.errors)
        out << bytes(d.toString());
    return out;
}

ParseResult parseText(const QByteArray &text)
{
    return parse(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), "t.qls");
}

} // namespace

void TstScenarioParser::parses_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("steps");
    scenario_test::addParseRows();
}

void TstScenarioParser::reportsErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArrayList>("errors");
    scenario_test::addErrorRows();
}

void TstScenarioParser::parses()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, steps);
    const ParseResult result = parseText(text);
    QCOMPARE(diagnostics(result), QByteArrayList());
    QVERIFY(result.ok());
    QCOMPARE(bytes(describe(result.scenario)), steps);
}

void TstScenarioParser::reportsErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArrayList, errors);
    const ParseResult result = parseText(text);
    QVERIFY(!result.ok());
    QCOMPARE(diagnostics(result), errors);
}

void TstScenarioParser::hugeLineIsAnErrorAndParsingGoesOn()
{
    const QByteArray text = "client p\nsay \"" + QByteArray(2 << 20, 'x') + "\"\np> PING\n";
    const ParseResult result = parseText(text);
    QCOMPARE(diagnostics(result), QByteArrayList {"t.qls:2:1: line is longer than 1 MiB (2097158 bytes)"});
    QCOMPARE(bytes(describe(result.scenario)), QByteArray("1:1 client p\n3:1 command p [PING]\n"));
}

void TstScenarioParser::hugeFileIsAnError()
{
    const std::string text((64 << 20) + 1, '#');
    const ParseResult result = parse(text, "big.qls");
    QCOMPARE(diagnostics(result), QByteArrayList {"big.qls:1:1: file is larger than 64 MiB"});
    QVERIFY(result.scenario.steps.empty());
}

void TstScenarioParser::errorsStopAfterTwenty()
{
    QByteArray text;
    for (int i = 0; i < 30; ++i)
        text += "pause now\n";
    const QByteArrayList errors = diagnostics(parseText(text));
    QCOMPARE(errors.size(), 21);
    QCOMPARE(errors.at(19), QByteArray("t.qls:20:7: unexpected 'now' after 'pause'"));
    QCOMPARE(errors.at(20), QByteArray("t.qls:21:7: too many errors (20), stopping here"));
}

void TstScenarioParser::hugeRepeatStaysOneStep()
{
    const ParseResult result = parseText("client p\nrepeat 1000\n repeat 1000 every 1ms\n  p> INCR n\n end\nend\n");
    QVERIFY(result.ok());
    QCOMPARE(result.scenario.steps.size(), std::size_t(2));
    const auto &outer = std::get<Repeat>(result.scenario.steps[1].body);
    QVERIFY(outer.count == 1000);
    QCOMPARE(outer.body.size(), std::size_t(1));
    const auto &inner = std::get<Repeat>(outer.body[0].body);
    QVERIFY(inner.depth == 1 && inner.everyMs == 1);
    QCOMPARE(inner.body.size(), std::size_t(1));
}

void TstScenarioParser::clientsAreListedInOrder()
{
    const ParseResult result = parseText("client b color #112233\nclient a role reaper\n");
    QVERIFY(result.ok());
    QCOMPARE(result.scenario.clients.size(), std::size_t(2));
    QCOMPARE(bytes(result.scenario.clients[0].name + result.scenario.clients[0].color), QByteArray("b#112233"));
    QCOMPARE(bytes(result.scenario.clients[1].name + result.scenario.clients[1].role), QByteArray("areaper"));
    QCOMPARE(bytes(result.scenario.fileName), QByteArray("t.qls"));
}

void TstScenarioParser::expandsCounters()
{
    const ParseResult result = parseText("client p\nrepeat 2\nrepeat 3\np> SET k$i-$j $$ x$ky\nend\nend\n");
    QVERIFY(!result.ok()); // $k has no third repeat
    const ParseResult ok = parseText("client p\nrepeat 2\nrepeat 3\np> SET k$i-$j $$i\nend\nend\n");
    QVERIFY(ok.ok());
    const auto &outer = std::get<Repeat>(ok.scenario.steps[1].body);
    const auto &command = std::get<Command>(std::get<Repeat>(outer.body[0].body).body[0].body);
    QCOMPARE(bytes(expand(command.args[1], {7, 12})), QByteArray("k7-12"));
    QCOMPARE(bytes(expand(command.args[2], {7, 12})), QByteArray("$i"));
    QCOMPARE(bytes(toTemplateText(command.args[1])), QByteArray("k$i-$j"));
    QCOMPARE(bytes(toTemplateText(command.args[2])), QByteArray("$$i"));
    QCOMPARE(bytes(expand(command.args[1], {7})), QByteArray("k7-"));
}

void TstScenarioParser::diagnosticReadsLikeACompiler()
{
    const Diagnostic d {"jobs.qls", {7, 12}, "unknown client 'consmer' (declared: producer, consumer)"};
    QCOMPARE(bytes(d.toString()), QByteArray("jobs.qls:7:12: unknown client 'consmer' (declared: producer, consumer)"));
}

// Every ```qls block of docs/scenarios.md is a complete scenario without mistakes.
void TstScenarioParser::documentedExamplesParse()
{
    QByteArray root = qgetenv("QUEUELAB_SOURCE_DIR");
    if (root.isEmpty())
        root = QUEUELAB_SOURCE_DIR_FALLBACK;
    QFile file(QString::fromLocal8Bit(root) + QStringLiteral("/docs/scenarios.md"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArrayList lines = file.readAll().split('\n');
    int examples = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i] != "```qls")
            continue;
        QByteArray text;
        while (++i < lines.size() && !lines[i].startsWith("```"))
            text += lines[i] + '\n';
        const ParseResult result = parseText(text);
        QCOMPARE(diagnostics(result), QByteArrayList());
        QVERIFY(!result.scenario.steps.empty());
        ++examples;
    }
    QCOMPARE(examples, 5);
}

// Texts glued from fragments of the language: no crash (ASan runs this too), and every
// diagnostic has a position inside the text.
void TstScenarioParser::randomTextNeverBreaksTheParser()
{
    const std::vector<QByteArray> pieces = {"client p", "client q color #123456", "p> ", "q>", "SET", " k", "\"", "'",
        "\\", "$i", "$j", "$$", "repeat 3", "repeat 1000 every 1ms", "end", "expect p> ", "expect LLEN k == ", "1) ",
        "2) ", "...", "       ", "\n", "\r\n", " ", "\xff", "큐", "(integer) 1", "(nil)", "==", "#", "wait 1.5s",
        "say ", "push", "blocked", "\t"};
    std::mt19937 random(6);
    for (int round = 0; round < 3000; ++round) {
        QByteArray text;
        const int count = static_cast<int>(random() % 40);
        for (int i = 0; i < count; ++i)
            text += pieces[random() % pieces.size()];
        const ParseResult result = parseText(text);
        const int lines = static_cast<int>(text.count('\n')) + 1;
        QVERIFY(result.errors.size() <= 21);
        for (const Diagnostic &d : result.errors) {
            QVERIFY2(d.where.line >= 1 && d.where.line <= lines && d.where.column >= 1, d.toString().c_str());
            QVERIFY2(d.where.column <= text.size() + 1, d.toString().c_str());
        }
    }
}

QTEST_APPLESS_MAIN(TstScenarioParser)
#include "tst_scenario_parser.moc"

// The scenario runner (core/scenario/scenario_runner.h) on a real broker: what a script
// prints, at which virtual time, and what each expectation decides. Expected transcripts
// follow Redis 7 semantics: blocked clients are served in the order they blocked, a
// timeout ends at its deadline with a null reply, timeout 0 waits forever, a publish
// reaches only the clients subscribed at that moment.
#include "scenario/scenario_parser.h"
#include "scenario/scenario_runner.h"
#include "scenario_run.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <memory>

using namespace ql;
using namespace ql::scenario;

class TstScenarioRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void transcripts_data();
    void transcripts();
    void expectations_data();
    void expectations();
    void scriptErrorsStopTheRun_data();
    void scriptErrorsStopTheRun();
    void unsupportedStatementsAreRejectedBeforeRunning();
    void waitsCanBeTakenInSlices();
    void pauseIsReported();
    void resp3MapsPrintAsRedisCliDoes();
    void slicedWaitsGiveTheSameRun();
    void keysAfterFlushallAreListedAsOnAFreshServer();
    void runsTwiceTheSame();
    void headlessExitCodes();
};

namespace {

using Run = scenario_test::RunResult;

Run run(const QByteArray &text, std::int64_t sliceMs = 0)
{
    ParseResult parsed = parse(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), "t.qls");
    if (!parsed.ok()) {
        QTest::qFail(parsed.errors.front().toString().c_str(), __FILE__, __LINE__);
        return {};
    }
    return scenario_test::runScenario(parsed.scenario, sliceMs);
}

} // namespace

void TstScenarioRunner::transcripts_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("blocked clients are served in the order they blocked")
        << QByteArray("client p\nclient w1\nclient w2\n"
                      "w1> BRPOP jobs 0\nw2> BRPOP jobs 0\np> LPUSH jobs a\np> LPUSH jobs b\n")
        << QByteArray("[   0.000] w1> BRPOP jobs 0\n"
                      "[   0.000] w1: (blocked)\n"
                      "[   0.000] w2> BRPOP jobs 0\n"
                      "[   0.000] w2: (blocked)\n"
                      "[   0.000] p> LPUSH jobs a\n"
                      "[   0.000] p: (integer) 1\n"
                      "[   0.000] w1: 1) \"jobs\"\n"
                      "               2) \"a\"\n"
                      "[   0.000] p> LPUSH jobs b\n"
                      "[   0.000] p: (integer) 1\n"
                      "[   0.000] w2: 1) \"jobs\"\n"
                      "               2) \"b\"\n");

    QTest::newRow("a timeout ends at its deadline, inside a longer wait")
        << QByteArray("client c\nc> BLPOP q 1.5\nwait 5s\nc> PING\n")
        << QByteArray("[   0.000] c> BLPOP q 1.5\n"
                      "[   0.000] c: (blocked)\n"
                      "[   1.500] c: (nil)\n"
                      "[   5.000] c> PING\n"
                      "[   5.000] c: PONG\n");

    QTest::newRow("timeout 0 waits forever; a push wakes it an hour later")
        << QByteArray("client c\nclient p\nc> BLPOP q 0\nwait 3600s\nexpect c blocked\np> RPUSH q x\nexpect c idle\n")
        << QByteArray("[   0.000] c> BLPOP q 0\n"
                      "[   0.000] c: (blocked)\n"
                      "[3600.000] ok    expect c blocked\n"
                      "[3600.000] p> RPUSH q x\n"
                      "[3600.000] p: (integer) 1\n"
                      "[3600.000] c: 1) \"q\"\n"
                      "              2) \"x\"\n"
                      "[3600.000] ok    expect c idle\n");

    QTest::newRow("a repeat right after a wait starts when the wait is over")
        << QByteArray("client a\na> PING\nwait 300ms\nrepeat 3 every 300ms\n  a> ECHO x$i\nend\n")
        << QByteArray("[   0.000] a> PING\n"
                      "[   0.000] a: PONG\n"
                      "[   0.300] a> ECHO x1\n"
                      "[   0.300] a: \"x1\"\n"
                      "[   0.600] a> ECHO x2\n"
                      "[   0.600] a: \"x2\"\n"
                      "[   0.900] a> ECHO x3\n"
                      "[   0.900] a: \"x3\"\n");

    QTest::newRow("repeat every: iteration k starts (k-1) x every after the first")
        << QByteArray("client p\nwait 100ms\nrepeat 3 every 200ms\n  p> RPUSH q job-$i\nend\n")
        << QByteArray("[   0.100] p> RPUSH q job-1\n"
                      "[   0.100] p: (integer) 1\n"
                      "[   0.300] p> RPUSH q job-2\n"
                      "[   0.300] p: (integer) 2\n"
                      "[   0.500] p> RPUSH q job-3\n"
                      "[   0.500] p: (integer) 3\n");

    QTest::newRow("at +D counts from the start of the iteration, at D from the run's")
        << QByteArray("client p\nrepeat 2\n  at +1s\n  p> INCR n\nend\nat 5s\nsay \"done at $$5\"\n")
        << QByteArray("[   1.000] p> INCR n\n"
                      "[   1.000] p: (integer) 1\n"
                      "[   2.000] p> INCR n\n"
                      "[   2.000] p: (integer) 2\n"
                      "[   5.000] say: done at $5\n");

    QTest::newRow("a publish reaches only current subscribers; the killed one reconnects with nothing")
        << QByteArray("client p\nclient s\ns> SUBSCRIBE news\np> PUBLISH news one\nkill s\n"
                      "p> PUBLISH news two\ns> SUBSCRIBE news\n")
        << QByteArray("[   0.000] s> SUBSCRIBE news\n"
                      "[   0.000] s: 1) \"subscribe\"\n"
                      "              2) \"news\"\n"
                      "              3) (integer) 1\n"
                      "[   0.000] p> PUBLISH news one\n"
                      "[   0.000] s push: 1) \"message\"\n"
                      "                   2) \"news\"\n"
                      "                   3) \"one\"\n"
                      "[   0.000] p: (integer) 1\n"
                      "[   0.000] s: (connection killed)\n"
                      "[   0.000] p> PUBLISH news two\n"
                      "[   0.000] p: (integer) 0\n"
                      "[   0.000] s: (connects again)\n"
                      "[   0.000] s> SUBSCRIBE news\n"
                      "[   0.000] s: 1) \"subscribe\"\n"
                      "              2) \"news\"\n"
                      "              3) (integer) 1\n");

    QTest::newRow("a killed waiter takes nothing: the element stays in the list")
        << QByteArray("client c\nclient p\nc> BLPOP q 0\nkill c\np> RPUSH q x\nexpect LLEN q == (integer) 1\n")
        << QByteArray("[   0.000] c> BLPOP q 0\n"
                      "[   0.000] c: (blocked)\n"
                      "[   0.000] c: (connection killed)\n"
                      "[   0.000] p> RPUSH q x\n"
                      "[   0.000] p: (integer) 1\n"
                      "[   0.000] ok    expect LLEN q == (integer) 1\n");

    QTest::newRow("commands behind a blocked one wait too, then run in order")
        << QByteArray("client c\nclient p\nc> BLPOP q 0\nc> PING\nexpect c blocked\np> RPUSH q x\n")
        << QByteArray("[   0.000] c> BLPOP q 0\n"
                      "[   0.000] c: (blocked)\n"
                      "[   0.000] c> PING\n"
                      "[   0.000] c: (blocked)\n"
                      "[   0.000] ok    expect c blocked\n"
                      "[   0.000] p> RPUSH q x\n"
                      "[   0.000] p: (integer) 1\n"
                      "[   0.000] c: 1) \"q\"\n"
                      "              2) \"x\"\n"
                      "[   0.000] c: PONG\n");

    QTest::newRow("stream ids come from the virtual clock")
        << QByteArray("client p\np> XADD s * n 1\nwait 250ms\np> XADD s * n 2\np> XADD s * n 3\n")
        << QByteArray("[   0.000] p> XADD s * n 1\n"
                      "[   0.000] p: \"1767225600000-0\"\n"
                      "[   0.250] p> XADD s * n 2\n"
                      "[   0.250] p: \"1767225600250-0\"\n"
                      "[   0.250] p> XADD s * n 3\n"
                      "[   0.250] p: \"1767225600250-1\"\n");

    QTest::newRow("arguments that need quotes are shown quoted; Korean stays readable")
        << QByteArray("client p\np> SET greeting \"hello world\"\np> SET empty \"\"\nsay \"안녕하세요\"\nsection "
                      "\"끝\"\nflushall\n")
        << QByteArray("[   0.000] p> SET greeting \"hello world\"\n"
                      "[   0.000] p: OK\n"
                      "[   0.000] p> SET empty \"\"\n"
                      "[   0.000] p: OK\n"
                      "[   0.000] say: 안녕하세요\n"
                      "[   0.000] == 끝 ==\n"
                      "[   0.000] flushall\n");

    QTest::newRow("close ends the connection; the next command reconnects")
        << QByteArray("client c\nc> CLIENT SETNAME first\nclose c\nc> CLIENT GETNAME\n")
        << QByteArray("[   0.000] c> CLIENT SETNAME first\n"
                      "[   0.000] c: OK\n"
                      "[   0.000] c: (connection closed)\n"
                      "[   0.000] c: (connects again)\n"
                      "[   0.000] c> CLIENT GETNAME\n"
                      "[   0.000] c: \"c\"\n");
}

void TstScenarioRunner::transcripts()
{
    QFETCH(QByteArray, script);
    QFETCH(QByteArray, expected);
    Run r = run(script);
    QCOMPARE(r.transcript, expected);
    QCOMPARE(r.failed, 0);
    QVERIFY(!r.error);
}

void TstScenarioRunner::expectations_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<int>("passed");
    QTest::addColumn<int>("failed");
    QTest::addColumn<QByteArray>("report"); // the last expectation's lines

    QTest::newRow("a wrong reply shows file:line, expected and actual")
        << QByteArray("client c\nc> RPUSH q a b\nexpect c> (integer) 3\n") << 0 << 1
        << QByteArray("[   0.000] FAIL  t.qls:3: expect c>\n"
                      "                 expected: (integer) 3\n"
                      "                 actual:   (integer) 2\n");
    QTest::newRow("a status is not a bulk string")
        << QByteArray("client c\nc> SET k OK\nc> GET k\nexpect c> OK\n") << 0 << 1
        << QByteArray("[   0.000] FAIL  t.qls:4: expect c>\n"
                      "                 expected: OK\n"
                      "                 actual:   \"OK\"\n");
    QTest::newRow("an array reply, element by element")
        << QByteArray(
               "client c\nc> RPUSH scores 1 2 3\nc> BLPOP scores 0\nexpect c> 1) \"scores\"\n...       2) \"1\"\n"
               "expect LRANGE scores 0 -1 == 1) \"2\"\n...                          2) \"3\"\n")
        << 2 << 0
        << QByteArray("[   0.000] ok    expect LRANGE scores 0 -1 == 1) \"2\"\n"
                      "                                              2) \"3\"\n");
    QTest::newRow("Redis's error text is compared in full")
        << QByteArray(
               "client c\nc> XADD s 5-0 a 1\nc> XADD s 3-0 a 1\n"
               "expect c> (error) ERR The ID specified in XADD is equal or smaller than the target stream top item\n")
        << 1 << 0
        << QByteArray("[   0.000] ok    expect c> (error) ERR The ID specified in XADD is equal or smaller than the "
                      "target stream top item\n");
    QTest::newRow("a blocked client has no reply yet")
        << QByteArray("client c\nc> BLPOP q 0\nexpect c> (nil)\n") << 0 << 1
        << QByteArray("[   0.000] FAIL  t.qls:3: expect c>\n"
                      "                 expected: (nil)\n"
                      "                 actual:   (no reply yet: c is blocked)\n");
    QTest::newRow("a client that sent nothing has no reply") << QByteArray("client c\nexpect c> OK\n") << 0 << 1
                                                             << QByteArray("[   0.000] FAIL  t.qls:2: expect c>\n"
                                                                           "                 expected: OK\n"
                                                                           "                 actual:   (no reply: c "
                                                                           "has not sent a command yet)\n");
    QTest::newRow("pushes are matched in order: an earlier one cannot be matched after a later one")
        << QByteArray("client p\nclient s\ns> SUBSCRIBE ch\nrepeat 3\n  p> PUBLISH ch m$i\nend\n"
                      "expect s push message ch m2\nexpect s push message ch m1\n")
        << 1 << 1
        << QByteArray("[   0.000] FAIL  t.qls:8: expect s push\n"
                      "                 expected: 1) \"message\"\n"
                      "                           2) \"ch\"\n"
                      "                           3) \"m1\"\n"
                      "                 actual:   1 other push:\n"
                      "                           1) \"message\"\n"
                      "                           2) \"ch\"\n"
                      "                           3) \"m3\"\n");
    QTest::newRow("no push since the client's last command")
        << QByteArray("client p\nclient s\ns> SUBSCRIBE ch\np> PUBLISH ch one\nexpect s push message ch one\n"
                      "kill s\np> PUBLISH ch two\ns> SUBSCRIBE ch\nexpect s no push\np> PUBLISH ch three\n"
                      "expect s no push\n")
        << 2 << 1
        << QByteArray("[   0.000] FAIL  t.qls:11: expect s no push\n"
                      "                 expected: (no push)\n"
                      "                 actual:   1 push(es), the first:\n"
                      "                           1) \"message\"\n"
                      "                           2) \"ch\"\n"
                      "                           3) \"three\"\n");
    QTest::newRow("a pattern subscriber gets pmessage pushes")
        << QByteArray("client p\nclient s\ns> PSUBSCRIBE news.*\np> PUBLISH news.sport goal\n"
                      "expect s push pmessage news.* news.sport goal\nexpect p> (integer) 1\n")
        << 2 << 0 << QByteArray("[   0.000] ok    expect p> (integer) 1\n");
    QTest::newRow("states: blocked, idle, not connected")
        << QByteArray("client c\nc> BLPOP q 0\nexpect c blocked\nexpect c idle\nkill c\nexpect c idle\n") << 1 << 2
        << QByteArray("[   0.000] FAIL  t.qls:6: expect c\n"
                      "                 expected: idle\n"
                      "                 actual:   not connected\n");
    QTest::newRow("an observer check that would block fails; the next check works")
        << QByteArray("client c\nexpect BLPOP nothing 0 == (nil)\nc> RPUSH q a\nexpect LLEN q == (integer) 1\n") << 1
        << 1 << QByteArray("[   0.000] ok    expect LLEN q == (integer) 1\n");
    // Pasted from `redis-cli --no-raw` against redis-server 7.0: RESP2 sees the map as a
    // flat array, and numbers from 10 up push the markers left.
    QTest::newRow("XINFO GROUPS in RESP2, as redis-cli prints it") << QByteArray(
        "client c\nc> XGROUP CREATE s g $ MKSTREAM\nc> XINFO GROUPS s\n"
        "expect c> 1)  1) \"name\"\n"
        "...           2) \"g\"\n"
        "...           3) \"consumers\"\n"
        "...           4) (integer) 0\n"
        "...           5) \"pending\"\n"
        "...           6) (integer) 0\n"
        "...           7) \"last-delivered-id\"\n"
        "...           8) \"0-0\"\n"
        "...           9) \"entries-read\"\n"
        "...          10) (nil)\n"
        "...          11) \"lag\"\n"
        "...          12) (integer) 0\n") << 1 << 0 << QByteArray("\n" + QByteArray(30, ' ') + "12) (integer) 0\n");
    QTest::newRow("counters in expected replies")
        << QByteArray("client c\nrepeat 2\n  c> SET k v$i\n  c> GET k\n  expect c> \"v$i\"\nend\n") << 2 << 0
        << QByteArray("[   0.000] ok    expect c> \"v2\"\n");
}

void TstScenarioRunner::expectations()
{
    QFETCH(QByteArray, script);
    QFETCH(int, passed);
    QFETCH(int, failed);
    QFETCH(QByteArray, report);
    Run r = run(script);
    QCOMPARE(r.passed, passed);
    QCOMPARE(r.failed, failed);
    QVERIFY2(r.transcript.endsWith(report), r.transcript.constData());
}

void TstScenarioRunner::scriptErrorsStopTheRun_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("at in the past") << QByteArray("client p\nwait 2s\nat 1500ms\np> PING\n")
                                    << QByteArray("[   2.000] ERROR t.qls:3:1: this 'at' means 1.500 s, but the run is "
                                                  "already at 2.000 s (time only moves forward)\n");
    QTest::newRow("every shorter than the iteration")
        << QByteArray("client p\nrepeat 3 every 100ms\n  p> PING\n  wait 150ms\nend\np> PING\n")
        << QByteArray("[   0.150] ERROR t.qls:3:3: iteration 2 of this repeat should start at 0.100 s, but the one "
                      "before ran until 0.150 s (make 'every' longer or the waits inside shorter)\n");
}

void TstScenarioRunner::scriptErrorsStopTheRun()
{
    QFETCH(QByteArray, script);
    QFETCH(QByteArray, error);
    Run r = run(script);
    QVERIFY(r.error);
    QVERIFY2(r.transcript.endsWith(error), r.transcript.constData());
}

void TstScenarioRunner::unsupportedStatementsAreRejectedBeforeRunning()
{
    ParseResult parsed = parse("client p\nrepeat 2\n  crash broker\nend\nrestart broker\n", "t.qls");
    QVERIFY(parsed.ok());
    auto problems = checkRunnable(parsed.scenario);
    QCOMPARE(problems.size(), std::size_t(2));
    QCOMPARE(problems[0].toString(), std::string("t.qls:3:3: 'crash broker' is not supported by the runner yet"));
    QCOMPARE(problems[1].toString(), std::string("t.qls:5:1: 'restart broker' is not supported by the runner yet"));
}

void TstScenarioRunner::waitsCanBeTakenInSlices()
{
    ParseResult parsed = parse("client c\nc> BLPOP q 0.3\nwait 1s\nc> PING\n", "t.qls");
    QVERIFY(parsed.ok());
    auto clock = std::make_shared<VirtualClock>(kScenarioEpochMs);
    Broker broker(clock);
    Runner runner(std::move(parsed.scenario), broker, *clock);
    QByteArray transcript;
    runner.setSink([&](const TranscriptEntry &e) { transcript += QByteArray::fromStdString(formatEntry(e, "t.qls")); });
    QCOMPARE(runner.nextLocation().line, 1);
    runner.step(100); // client c
    runner.step(100); // BLPOP
    runner.step(100); // wait: starts, moves nothing yet
    QCOMPARE(runner.pendingWaitMs(), 1000);
    QCOMPARE(runner.nextLocation().line, 3);
    runner.step(250);
    runner.step(250);
    QCOMPARE(runner.elapsedMs(), 500);
    QCOMPARE(runner.pendingWaitMs(), 500);
    QVERIFY(transcript.contains("[   0.300] c: (nil)\n")); // the timeout fired inside the second slice
    while (runner.pendingWaitMs() > 0)
        runner.step(250);
    QCOMPARE(runner.nextLocation().line, 4);
    QCOMPARE(runner.elapsedMs(), 1000);
    runner.step(250);
    QVERIFY(runner.finished());
    QVERIFY(transcript.endsWith("[   1.000] c: PONG\n"));
}

void TstScenarioRunner::slicedWaitsGiveTheSameRun()
{
    // Keys with a time to live go at the 100 ms expiry cycles, whether a wait passes in one
    // go (headless) or in frames (the window).
    // (DBSIZE counts keys not reclaimed yet, as Redis's does.)
    const QByteArray script("client c\nclient b\nc> SET k v PX 150\nc> SET j v PX 420\nb> BLPOP q 0.25\n"
                            "wait 200ms\nc> DBSIZE\nwait 290ms\nc> DBSIZE\nwait 10ms\nc> DBSIZE\n");
    const Run whole = run(script);
    QVERIFY2(whole.transcript.contains("[   0.200] c: (integer) 1\n[   0.250] b: (nil)\n[   0.490] c> DBSIZE\n"
                                       "[   0.490] c: (integer) 1\n[   0.500] c> DBSIZE\n[   0.500] c: (integer) 0\n"),
        whole.transcript.constData());
    for (std::int64_t slice : {1, 7, 16, 33, 100})
        QCOMPARE(run(script, slice).transcript, whole.transcript);
}

void TstScenarioRunner::keysAfterFlushallAreListedAsOnAFreshServer()
{
    QByteArray fresh("client c\n");
    QByteArray flushed("client c\nrepeat 300\n  c> SET filler-$i x\nend\nflushall\n");
    const QByteArray tail("c> SET a 1\nc> SET b 1\nc> SET c 1\nc> SET d 1\nc> SET e 1\nc> KEYS *\n");
    const QByteArray one = run(fresh + tail).transcript;
    const QByteArray two = run(flushed + tail).transcript;
    QCOMPARE(two.mid(two.lastIndexOf("c> KEYS *")), one.mid(one.lastIndexOf("c> KEYS *")));
}

void TstScenarioRunner::resp3MapsPrintAsRedisCliDoes()
{
    // Pasted from `redis-cli -3 --no-raw XINFO STREAM s` against redis-server 7.0: under
    // RESP3 a map's aggregate value starts on the next line, after "=> ".
    const Run r = run("client c\nc> HELLO 3\nc> XADD s 1-1 a 1\nc> XINFO STREAM s\n");
    const QByteArray expected = "[   0.000] c:  1# \"length\" => (integer) 1\n"
                                "               2# \"radix-tree-keys\" => (integer) 1\n"
                                "               3# \"radix-tree-nodes\" => (integer) 2\n"
                                "               4# \"last-generated-id\" => \"1-1\"\n"
                                "               5# \"max-deleted-entry-id\" => \"0-0\"\n"
                                "               6# \"entries-added\" => (integer) 1\n"
                                "               7# \"recorded-first-entry-id\" => \"1-1\"\n"
                                "               8# \"groups\" => (integer) 0\n"
                                "               9# \"first-entry\" => \n"
                                "                  1) \"1-1\"\n"
                                "                  2) 1) \"a\"\n"
                                "                     2) \"1\"\n"
                                "              10# \"last-entry\" => \n"
                                "                  1) \"1-1\"\n"
                                "                  2) 1) \"a\"\n"
                                "                     2) \"1\"\n";
    QVERIFY2(r.transcript.endsWith(expected), r.transcript.constData());
}

void TstScenarioRunner::pauseIsReported()
{
    ParseResult parsed = parse("say \"a\"\npause\nsay \"b\"\n", "t.qls");
    auto clock = std::make_shared<VirtualClock>(kScenarioEpochMs);
    Broker broker(clock);
    Runner runner(std::move(parsed.scenario), broker, *clock);
    runner.step();
    QVERIFY(!runner.pausedByScript());
    runner.step();
    QVERIFY(runner.pausedByScript());
    runner.step();
    QVERIFY(!runner.pausedByScript());
    QVERIFY(runner.finished());
}

void TstScenarioRunner::runsTwiceTheSame()
{
    const QByteArray script("client p\nclient c\nclient s\nc> XREAD BLOCK 700 STREAMS s $\ns> SUBSCRIBE ch\n"
                            "repeat 20 every 90ms\n  p> XADD s * n $i\n  p> PUBLISH ch $i\n  c> BLPOP q 0.05\nend\n"
                            "c> XPENDING s g\np> CLIENT LIST\n");
    Run a = run(script);
    Run b = run(script);
    QVERIFY(a.transcript.size() > 2000);
    QCOMPARE(a.transcript, b.transcript);
}

void TstScenarioRunner::headlessExitCodes()
{
    QTemporaryDir dir;
    auto write = [&](const char *name, const QByteArray &text) {
        QString path = dir.filePath(QString::fromLatin1(name));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", name);
        f.write(text);
        return path.toStdString();
    };
    auto exitCode = [](const std::string &path, QByteArray *errText = nullptr) {
        std::FILE *out = std::tmpfile();
        std::FILE *err = std::tmpfile();
        int code = runHeadless(path, out, err);
        if (errText) {
            std::rewind(err);
            char buf[4096];
            std::size_t n = std::fread(buf, 1, sizeof(buf), err);
            *errText = QByteArray(buf, static_cast<qsizetype>(n));
        }
        std::fclose(out);
        std::fclose(err);
        return code;
    };
    QCOMPARE(exitCode(write("ok.qls", "client c\nc> PING\nexpect c> PONG\n")), 0);
    QCOMPARE(exitCode(write("fail.qls", "client c\nc> PING\nexpect c> OK\n")), 1);
    QByteArray err;
    std::string broken = write("broken.qls", "client c\nc> SET 'a\n");
    QCOMPARE(exitCode(broken, &err), 2);
    QVERIFY2(err.contains("broken.qls:2:8: unbalanced quotes"), err.constData());
    QCOMPARE(exitCode(write("crash.qls", "crash broker\n"), &err), 2);
    QVERIFY2(err.contains("crash.qls:1:1: 'crash broker' is not supported"), err.constData());
    QCOMPARE(exitCode(write("late.qls", "wait 1s\nat 0s\n")), 2);
    QCOMPARE(exitCode(dir.filePath(QStringLiteral("missing.qls")).toStdString(), &err), 2);
    QVERIFY2(err.contains("cannot read"), err.constData());
}

QTEST_GUILESS_MAIN(TstScenarioRunner)
#include "tst_scenario_runner.moc"

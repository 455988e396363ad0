// scenario_bench: how fast scenarios run.
//   1. headless: a 100,000-command `repeat` (statements per second, one round trip to the
//      broker thread each), beside redis-benchmark's LPUSH with one client and no
//      pipelining against a real redis-server (one round trip over loopback each);
//   2. every lesson of the gallery headless (ms each);
//   3. the window: rewinding a lesson to its end by replay (the timeline), and a
//      20,000-expectation script played to its end at 100x (editor marks, transcript).
// Run with QT_QPA_PLATFORM=offscreen or under xvfb-run, from the source tree or with
// QUEUELAB_SOURCE_DIR set.
#include "main/main_window.h"
#include "scenario/scenario_parser.h"
#include "scenario/scenario_player.h"
#include "scenario/scenario_runner.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <memory>

using namespace ql;
using namespace ql::scenario;

namespace {

double runHeadless(const std::string &text, const std::string &name, std::int64_t *statements)
{
    ParseResult parsed = parse(text, name);
    if (!parsed.ok())
        return -1;
    auto clock = std::make_shared<VirtualClock>(kScenarioEpochMs);
    Broker broker(clock);
    QElapsedTimer t;
    t.start();
    Runner runner(std::move(parsed.scenario), broker, *clock);
    runner.runToEnd();
    if (statements)
        *statements = runner.statementsRun();
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

// LPUSH requests per second from redis-benchmark, one client, no pipelining; 0 when
// redis-server or redis-benchmark is missing.
double redisBenchmarkLpush()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return 0;
    const QString port = QString::number(probe.serverPort());
    probe.close();
    QProcess server;
    server.start(QStringLiteral("redis-server"),
        {QStringLiteral("--port"), port, QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
            QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"), QStringLiteral("no")});
    if (!server.waitForStarted(3000))
        return 0;
    QTest::qWait(300);
    QProcess bench;
    bench.start(QStringLiteral("redis-benchmark"),
        {QStringLiteral("-p"), port, QStringLiteral("-c"), QStringLiteral("1"), QStringLiteral("-n"),
            QStringLiteral("100000"), QStringLiteral("-t"), QStringLiteral("lpush"), QStringLiteral("-q")});
    double rps = 0;
    if (bench.waitForFinished(120000)) {
        // "LPUSH: 41322.31 requests per second, p50=..." (the last \r-separated part)
        const QString out = QString::fromLocal8Bit(bench.readAllStandardOutput());
        const QString last = out.section(QLatin1Char('\r'), -1).trimmed();
        rps = last.section(QLatin1Char(':'), 1).trimmed().section(QLatin1Char(' '), 0, 0).toDouble();
    }
    server.terminate();
    server.waitForFinished(3000);
    return rps;
}

QString sourceDir()
{
    const QByteArray env = qgetenv("QUEUELAB_SOURCE_DIR");
    return env.isEmpty() ? QStringLiteral(QUEUELAB_SOURCE_DIR_FALLBACK) : QString::fromLocal8Bit(env);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("QueueLab-scenario-bench"));
    QSettings().clear();

    // 1. Throughput headless.
    const std::string big = "client p\nrepeat 100000\n  p> LPUSH q job-$i\nend\n";
    std::int64_t statements = 0;
    const double ms = runHeadless(big, "big.qls", &statements);
    const double perSecond = static_cast<double>(statements) / (ms / 1000.0);
    std::printf("headless: %lld statements in %.0f ms = %.0f statements/s\n", static_cast<long long>(statements), ms,
        perSecond);
    if (double redis = redisBenchmarkLpush(); redis > 0)
        std::printf("redis-benchmark LPUSH, 1 client, no pipelining: %.0f requests/s (QueueLab runner / redis: %.2f)\n",
            redis, perSecond / redis);
    else
        std::printf("redis-server or redis-benchmark not found: no comparison\n");

    // 2. The gallery, headless.
    const QDir gallery(sourceDir() + QStringLiteral("/resources/scenarios"));
    double total = 0;
    for (const QString &name : gallery.entryList({QStringLiteral("*.qls")}, QDir::Files, QDir::Name)) {
        QFile f(gallery.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const double lessonMs = runHeadless(f.readAll().toStdString(), name.toStdString(), nullptr);
        total += lessonMs;
        std::printf("  %-36s %6.1f ms\n", qPrintable(name), lessonMs);
    }
    std::printf("gallery headless: %.0f ms for all lessons\n", total);

    // 3. The window.
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w))
        return 1;
    if (!w.openScenario(QStringLiteral(":/scenarios/14-three-queues-compared.qls")))
        return 1;
    ScenarioPlayer *p = w.scenarioPlayer();
    QElapsedTimer t;
    t.start();
    p->seek(1 << 30); // to the end
    while (p->state() == ScenarioPlayer::State::Seeking)
        QTest::qWait(1);
    std::printf("window: lesson 14 rebuilt to its end (%lld statements) in %lld ms\n",
        static_cast<long long>(p->position()), static_cast<long long>(t.elapsed()));
    t.restart();
    p->seek(p->startPosition() + 1);
    while (p->state() == ScenarioPlayer::State::Seeking)
        QTest::qWait(1);
    std::printf("window: back to its first line in %lld ms\n", static_cast<long long>(t.elapsed()));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("checks.qls"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return 1;
    f.write("client c\n");
    for (int i = 0; i < 20000; ++i)
        f.write("expect c idle\n");
    f.close();
    if (!w.openScenario(path))
        return 1;
    p->setSpeed(100);
    t.restart();
    p->play();
    while (p->state() == ScenarioPlayer::State::Playing && t.elapsed() < 600000)
        QTest::qWait(1);
    std::printf("window: 20,000 expectations played to the end in %lld ms (%d held)\n",
        static_cast<long long>(t.elapsed()), p->passed());
    t.restart();
    p->stepBack();
    while (p->state() == ScenarioPlayer::State::Seeking)
        QTest::qWait(1);
    std::printf("window: one step back from there in %lld ms\n", static_cast<long long>(t.elapsed()));
    return 0;
}

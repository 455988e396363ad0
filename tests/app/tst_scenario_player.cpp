// Scenarios in the window: the Lessons menu, playing a lesson to the end with the same
// transcript as headless, captions over the scene, the script's client colours, stepping,
// stepping back to an identical world, errors in the editor, leaving the scenario with
// the world kept, and opening a dropped file.
#include "main/main_window.h"

#include "broker/broker.h"
#include "console/console_widget.h"
#include "main/time_controls.h"
#include "scenario/caption_overlay.h"
#include "scenario/scenario_controls.h"
#include "scenario/scenario_editor.h"
#include "scenario/scenario_panel.h"
#include "scenario/scenario_parser.h"
#include "scenario/scenario_player.h"
#include "scene/client_item.h"
#include "scene/scene_view.h"
#include "scene/world_scene.h"

#include <QFile>
#include <QMenuBar>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include <map>

using namespace ql;

class TstScenarioPlayer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lessonsMenuListsTheGallery();
    void playsALessonLikeHeadless();
    void scriptClientsKeepTheirColours();
    void stepRunsOneLine();
    void stepBackRebuildsTheSameWorld();
    void brokenScriptShowsItsErrors();
    void closingGoesLiveAndKeepsTheWorld();
    void droppedFileOpens();
    void recordingReplaysToTheSameWorld();
    void fileThatIsNotUtf8IsRejected();
    void liveTimeControlsAreOffInAScenario();
    void keysDriveTheScenario();
    void leavingKeepsABlockedClientWaiting();
};

namespace {

QString readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

// The transcript a headless run gives, with the file shown by its name.
QString headlessTranscript(const QString &path, int *passed)
{
    const QByteArray text = readAll(path).toUtf8();
    const std::string name = path.section(QLatin1Char('/'), -1).toStdString();
    auto parsed = scenario::parse(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), name);
    auto clock = std::make_shared<VirtualClock>(scenario::kScenarioEpochMs);
    Broker broker(clock);
    std::string out;
    scenario::Runner runner(std::move(parsed.scenario), broker, *clock);
    runner.setSink([&](const scenario::TranscriptEntry &e) { out += scenario::formatEntry(e, name); });
    runner.runToEnd();
    *passed = runner.expectationsPassed();
    return QString::fromStdString(out).trimmed();
}

// Plays on at 100x, pressing Play again at every `pause`, until the end.
bool playToEnd(ScenarioPlayer *p)
{
    p->setSpeed(100);
    QElapsedTimer t;
    t.start();
    while (p->state() != ScenarioPlayer::State::Finished && t.elapsed() < 60000) {
        if (p->state() == ScenarioPlayer::State::Paused)
            p->play();
        QTest::qWait(5);
    }
    return p->state() == ScenarioPlayer::State::Finished;
}

// The world without client ids (a replay opens new connections): keys with their
// contents, clients with what they wait for, and the clock.
QString describeWorld(Broker &broker)
{
    WorldSnapshot s = broker.snapshot().get();
    std::map<ClientId, std::string> names;
    for (const auto &c : s.clients)
        names[c.id] = c.name;
    QStringList out;
    out << QStringLiteral("t=%1").arg(s.nowMs - scenario::kScenarioEpochMs);
    for (const auto &c : s.clients)
        if (c.name != "queuelab")
            out << QStringLiteral("client %1 waits on [%2] channels [%3]")
                       .arg(QString::fromStdString(c.name))
                       .arg(QString::fromStdString([&] {
                           std::string k;
                           for (const auto &b : c.blockedKeys)
                               k += b + ' ';
                           return k;
                       }()))
                       .arg(c.channels.size());
    for (const auto &k : s.keys) {
        QString line = QString::fromStdString(k.name) + QLatin1Char(':');
        for (const auto &e : k.elements)
            line += QLatin1Char(' ') + QString::fromStdString(e);
        for (const auto &e : k.entries)
            line += QLatin1Char(' ') + QString::fromStdString(e.id);
        for (const auto &g : k.groups)
            line += QStringLiteral(" group %1 pending %2").arg(QString::fromStdString(g.name)).arg(g.pending.size());
        for (ClientId w : k.waiters)
            line += QStringLiteral(" waiter %1").arg(QString::fromStdString(names[w]));
        out << line;
    }
    out.sort();
    return out.join(QLatin1Char('\n'));
}

// Writes `bytes` to `name` in `dir`; the path, or empty when it cannot.
QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

// The keys of a describeWorld() text, without who waits on them (ids differ in a replay).
QStringList keysOf(const QString &world)
{
    QStringList keys;
    for (const QString &line : world.split(QLatin1Char('\n')))
        if (!line.startsWith(QStringLiteral("client ")) && !line.startsWith(QStringLiteral("t=")))
            keys << line.section(QStringLiteral(" waiter"), 0, 0);
    return keys;
}

} // namespace

void TstScenarioPlayer::lessonsMenuListsTheGallery()
{
    MainWindow w;
    QMenu *lessons = nullptr;
    for (QAction *a : w.menuBar()->actions())
        if (a->menu() && a->text() == QStringLiteral("&Lessons"))
            lessons = a->menu();
    QVERIFY(lessons);
    const auto actions = lessons->actions();
    QVERIFY(actions.size() >= 14);
    QVERIFY2(actions.first()->text().startsWith(QStringLiteral("1. ")), qPrintable(actions.first()->text()));
    for (QAction *a : actions)
        QVERIFY2(a->toolTip().size() > 20, qPrintable(a->text())); // the summary
    actions.at(3)->trigger(); // opens lesson 4
    QVERIFY(w.scenarioMode());
    QVERIFY(w.scenarioPlayer()->fileName().contains(QStringLiteral("04-")));
}

void TstScenarioPlayer::playsALessonLikeHeadless()
{
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    const QString lesson = QStringLiteral(":/scenarios/01-pubsub-fanout.qls");
    QVERIFY(w.openScenario(lesson));
    QVERIFY(w.scenarioMode());
    QVERIFY(!w.findChild<QTabWidget *>(QStringLiteral("consoles"))->isVisible()); // the consoles give way to the scene
    QCOMPARE(w.scenarioPlayer()->state(), ScenarioPlayer::State::Paused);
    QVERIFY(w.scenarioControls()->toolBar()->isVisible());
    QVERIFY(playToEnd(w.scenarioPlayer()));

    int passed = 0;
    const QString expected = headlessTranscript(lesson, &passed);
    QCOMPARE(w.scenarioPanel()->transcript()->toPlainText().trimmed(), expected);
    QCOMPARE(w.scenarioPlayer()->passed(), passed);
    QCOMPARE(w.scenarioPlayer()->failed(), 0);
    QVERIFY(passed >= 4);
    // The last caption of the lesson is on the scene.
    const QString lastSay = expected.section(QStringLiteral("say: "), -1).section(QLatin1Char('\n'), 0, 0);
    QCOMPARE(w.captions()->caption(), lastSay);
    QVERIFY(w.captions()->isVisible());
    QVERIFY(w.scenarioControls()->statusText().contains(QStringLiteral("finished")));
}

void TstScenarioPlayer::scriptClientsKeepTheirColours()
{
    QTemporaryDir dir;
    const QString path = writeFile(
        dir, QStringLiteral("colours.qls"), "client alice color #aa2200\nclient bob\nalice> PING\nbob> BLPOP q 0\n");
    QVERIFY(!path.isEmpty());
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    QVERIFY(w.openScenario(path));
    QVERIFY(playToEnd(w.scenarioPlayer()));
    QTRY_VERIFY_WITH_TIMEOUT(w.scene()->clientItem(QStringLiteral("alice")), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(w.scene()->clientItem(QStringLiteral("bob")), 5000);
    QCOMPARE(w.scene()->clientItem(QStringLiteral("alice"))->data().color, QColor(QStringLiteral("#aa2200")));
    QTRY_VERIFY_WITH_TIMEOUT(w.scene()->clientItem(QStringLiteral("bob"))->data().blocked, 5000);
    // The window's own clients are gone while the scenario runs.
    QVERIFY(!w.scene()->clientItem(QStringLiteral("producer")));
}

void TstScenarioPlayer::stepRunsOneLine()
{
    MainWindow w;
    QVERIFY(w.openScenario(QStringLiteral(":/scenarios/04-list-work-queue.qls")));
    ScenarioPlayer *p = w.scenarioPlayer();
    // The declared clients are on the scene before the first step.
    const std::int64_t start = p->startPosition();
    QCOMPARE(start, 3); // lesson 4 declares producer, worker and scorer first
    QTRY_VERIFY_WITH_TIMEOUT(w.scene()->clientItem(QStringLiteral("producer")), 5000);
    const int first = p->currentLine();
    QVERIFY(first > 0);
    QCOMPARE(w.scenarioPanel()->editor()->currentLine(), first);
    QVERIFY(!w.scenarioControls()->stepBackAction()->isEnabled()); // nothing before the start
    p->step();
    QCOMPARE(p->position(), start + 1);
    QVERIFY(p->currentLine() > first);
    QCOMPARE(w.scenarioPanel()->editor()->currentLine(), p->currentLine());
    QCOMPARE(p->state(), ScenarioPlayer::State::Paused);
    w.scenarioControls()->stepAction()->trigger();
    QCOMPARE(p->position(), start + 2);
    QVERIFY(w.scenarioControls()->stepBackAction()->isEnabled());
}

void TstScenarioPlayer::stepBackRebuildsTheSameWorld()
{
    MainWindow w;
    QVERIFY(w.openScenario(QStringLiteral(":/scenarios/08-reliable-queue.qls")));
    ScenarioPlayer *p = w.scenarioPlayer();
    QStringList worlds;
    QStringList transcripts;
    worlds << describeWorld(w.broker());
    transcripts << w.scenarioPanel()->transcript()->toPlainText();
    for (int i = 0; i < 40 && p->state() != ScenarioPlayer::State::Finished; ++i) {
        p->step();
        worlds << describeWorld(w.broker());
        transcripts << w.scenarioPanel()->transcript()->toPlainText();
    }
    QVERIFY(worlds.size() > 10);
    QVERIFY(worlds.last() != worlds.first());
    const std::int64_t start = p->startPosition();
    const std::int64_t end = p->position();
    auto at = [&](const QStringList &list, std::int64_t k) { return list.at(int(k - start)); };
    QCOMPARE(p->furthest(), end);
    // One step back, then jumps to earlier moments: the world is as it was then.
    p->stepBack();
    QCOMPARE(p->position(), end - 1);
    QCOMPARE(describeWorld(w.broker()), at(worlds, end - 1));
    for (std::int64_t k : {start + 3, end / 2, start, end}) {
        p->seek(k);
        QTRY_COMPARE_WITH_TIMEOUT(p->state() == ScenarioPlayer::State::Seeking, false, 10000);
        QCOMPARE(p->position(), k);
        QCOMPARE(describeWorld(w.broker()), at(worlds, k));
        QCOMPARE(w.scenarioPanel()->transcript()->toPlainText(), at(transcripts, k));
    }
    p->seek(0); // before the start: the start
    QCOMPARE(p->position(), start);
    QCOMPARE(p->furthest(), end); // the timeline still reaches the furthest point
}

void TstScenarioPlayer::brokenScriptShowsItsErrors()
{
    MainWindow w;
    QVERIFY(w.openScenario(QStringLiteral(":/scenarios/01-pubsub-fanout.qls")));
    Q_EMIT w.scenarioPanel()->runRequested(QStringLiteral("client p\np> SET 'a\nwiat 1s\n"), QStringLiteral("bad.qls"));
    QCOMPARE(w.scenarioPlayer()->errors().size(), 2);
    QCOMPARE(w.scenarioPlayer()->errors().at(0).line, 2);
    const QString shown = w.scenarioPanel()->transcript()->toPlainText();
    QVERIFY2(shown.contains(QStringLiteral("bad.qls:2:8: unbalanced quotes")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("bad.qls:3:1: unknown statement 'wiat'")), qPrintable(shown));
    QVERIFY(!w.scenarioPanel()->editor()->errorToolTip(2).isEmpty());
    // Nothing plays a script that does not parse: not even the one loaded before.
    QCOMPARE(w.scenarioPlayer()->state(), ScenarioPlayer::State::Empty);
    QVERIFY(!w.scenarioControls()->playPauseAction()->isEnabled());
    w.scenarioPlayer()->play();
    QCOMPARE(w.scenarioPlayer()->state(), ScenarioPlayer::State::Empty);
}

void TstScenarioPlayer::fileThatIsNotUtf8IsRejected()
{
    QTemporaryDir dir;
    const QString path = writeFile(
        dir, QStringLiteral("latin1.qls"), "client p\np> SET k caf\xe9\n"); // Latin-1, as headless rejects it
    QVERIFY(!path.isEmpty());
    MainWindow w;
    QVERIFY(!w.openScenario(path));
    QCOMPARE(w.scenarioPlayer()->state(), ScenarioPlayer::State::Empty);
    QCOMPARE(w.scenarioPlayer()->errors().size(), 1);
    QCOMPARE(w.scenarioPlayer()->errors().at(0).line, 2);
}

void TstScenarioPlayer::liveTimeControlsAreOffInAScenario()
{
    MainWindow w;
    QVERIFY(w.timeControls()->playPauseAction()->isEnabled());
    QVERIFY(w.openScenario(QStringLiteral(":/scenarios/07-blocking-timeouts.qls")));
    for (QAction *a : w.timeControls()->actions())
        QVERIFY2(!a->isEnabled(), qPrintable(a->text())); // they would move the script's clock
    QVERIFY(!w.timeControls()->isPlaying());
    w.closeScenario();
    for (QAction *a : w.timeControls()->actions())
        QVERIFY(a->isEnabled());
    QVERIFY(w.timeControls()->isPlaying());
}

void TstScenarioPlayer::closingGoesLiveAndKeepsTheWorld()
{
    MainWindow w;
    QVERIFY(w.openScenario(QStringLiteral(":/scenarios/04-list-work-queue.qls")));
    QVERIFY(playToEnd(w.scenarioPlayer()));
    const QString world = describeWorld(w.broker());
    w.closeScenario();
    QVERIFY(!w.scenarioMode());
    // The script's clients are consoles now, on the same connections.
    QCOMPARE(
        w.clientNames(), QStringList({QStringLiteral("producer"), QStringLiteral("worker"), QStringLiteral("scorer")}));
    QVERIFY(w.findChild<QTabWidget *>(QStringLiteral("consoles"))->isVisibleTo(&w));
    // The keys stay; only the script's connections went.
    QCOMPARE(keysOf(describeWorld(w.broker())), keysOf(world));
}

void TstScenarioPlayer::droppedFileOpens()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("dropped.qls"), "client p\nsay \"dropped\"\np> PING\n");
    QVERIFY(!path.isEmpty());
    MainWindow w;
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    QVERIFY(w.scenarioMode());
    QCOMPARE(w.scenarioPlayer()->fileName(), path);
    QVERIFY(playToEnd(w.scenarioPlayer()));
    QCOMPARE(w.captions()->caption(), QStringLiteral("dropped"));
}

void TstScenarioPlayer::recordingReplaysToTheSameWorld()
{
    MainWindow w;
    w.sendAsWindow({"SET", "before", "the recording"}); // gone: a recording starts empty
    w.startRecording();
    QVERIFY(w.isRecording());
    w.timeControls()->setPlaying(false); // the test moves time itself
    auto type = [&](const QString &client, const QString &line) {
        w.consoleOf(client)->run(line);
        w.broker().sync();
    };
    auto wait = [&](int ms) {
        w.broker().advanceTime(ms);
        w.broker().sync();
    };
    type(QStringLiteral("consumer"), QStringLiteral("BLPOP jobs 1"));
    wait(250);
    type(QStringLiteral("producer"), QStringLiteral("XADD orders * item \"green tea\""));
    wait(1500); // the BLPOP times out on the way
    type(QStringLiteral("producer"), QStringLiteral("RPUSH jobs a b c"));
    type(QStringLiteral("consumer"), QStringLiteral("BLPOP jobs 0"));
    w.closeClient(w.clientId(QStringLiteral("consumer")));
    type(QStringLiteral("producer"), QStringLiteral("XADD orders * item cake"));
    const QString live = describeWorld(w.broker());
    QVERIFY2(live.contains(QStringLiteral("jobs: b c")), qPrintable(live));
    QVERIFY2(live.contains(QStringLiteral("orders: 1767225600250-0 1767225601750-0")), qPrintable(live));
    QVERIFY(!live.contains(QStringLiteral("before")));

    const QString text = w.stopRecording();
    QVERIFY(!w.isRecording());
    QVERIFY2(text.contains(QStringLiteral("wait 250ms\nclient producer\nproducer> XADD orders * item \"green tea\"\n")),
        qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("close consumer\n")), qPrintable(text));
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("recording.qls"), text.toUtf8());
    QVERIFY(!path.isEmpty());
    QVERIFY(w.openScenario(path));
    QVERIFY(playToEnd(w.scenarioPlayer()));
    QCOMPARE(keysOf(describeWorld(w.broker())), keysOf(live));
}

void TstScenarioPlayer::keysDriveTheScenario()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(w.openScenario(QStringLiteral(":/scenarios/05-list-competing-consumers.qls")));
    ScenarioPlayer *p = w.scenarioPlayer();
    QVERIFY(w.sceneView()->hasFocus()); // opened: the keys work at once
    const std::int64_t start = p->position();
    QTest::keyClick(w.sceneView(), Qt::Key_Right);
    QCOMPARE(p->position(), start + 1);
    QTest::keyClick(w.sceneView(), Qt::Key_Left, Qt::ShiftModifier);
    QTRY_COMPARE(p->position(), start);
    QTest::keyClick(w.sceneView(), Qt::Key_Space);
    QCOMPARE(p->state(), ScenarioPlayer::State::Playing);
    QTest::keyClick(w.sceneView(), Qt::Key_Space);
    QCOMPARE(p->state(), ScenarioPlayer::State::Paused);
}

void TstScenarioPlayer::leavingKeepsABlockedClientWaiting()
{
    QTemporaryDir dir;
    const QString path = writeFile(
        dir, QStringLiteral("fork.qls"), "client worker\nclient boss\nworker> BLPOP jobs 0\nboss> SET mood calm\n");
    QVERIFY(!path.isEmpty());
    MainWindow w;
    QVERIFY(w.openScenario(path));
    QVERIFY(playToEnd(w.scenarioPlayer()));
    const ClientId workerId = [&] {
        for (const auto &c : w.broker().snapshot().get().clients)
            if (c.name == "worker")
                return c.id;
        return kNoClient;
    }();
    w.closeScenario();
    // The same connection, still blocked, now behind a console.
    QCOMPARE(w.clientId(QStringLiteral("worker")), workerId);
    ConsoleWidget *boss = w.consoleOf(QStringLiteral("boss"));
    QVERIFY(boss);
    boss->run(QStringLiteral("RPUSH jobs report"));
    QTRY_VERIFY_WITH_TIMEOUT(
        w.consoleOf(QStringLiteral("worker"))->transcript().contains(QStringLiteral("\"report\"")), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        w.consoleOf(QStringLiteral("boss"))->transcript().contains(QStringLiteral("(integer) 1")), 5000);
    boss->run(QStringLiteral("GET mood"));
    QTRY_VERIFY_WITH_TIMEOUT(boss->transcript().contains(QStringLiteral("\"calm\"")), 5000);
}

QTEST_MAIN(TstScenarioPlayer)
#include "tst_scenario_player.moc"

// doc_shots: drives the real window through the three pictures the README shows and saves
// them as PNGs: (a) pub/sub with a lost message, (b) two consumers blocked on a list served
// in order, (c) a stream with two groups, pending entries and an ack in flight; plus a
// message's history in the inspector. Run under xvfb-run at 1280x720:
//   xvfb-run -s "-screen 0 1280x720x24" build/ci/bench/doc_shots docs
#include "console/console_widget.h"
#include "main/main_window.h"
#include "scenario/scenario_player.h"
#include "scene/list_item.h"
#include "scene/scene_view.h"
#include "scene/stream_item.h"
#include "scene/world_scene.h"

#include <QApplication>
#include <QDir>
#include <QGraphicsSceneMouseEvent>
#include <QSettings>
#include <QTest>

#include <cstdio>

using namespace ql;

namespace {

void type(MainWindow &w, const QString &client, const QString &line, int waitMs = 450)
{
    w.showClient(w.clientId(client));
    w.consoleOf(client)->run(line);
    QTest::qWait(waitMs);
}

void save(MainWindow &w, const QString &dir, const QString &name)
{
    const QString path = QDir(dir).filePath(name);
    if (!w.grab().save(path))
        std::fprintf(stderr, "doc_shots: cannot write %s\n", qPrintable(path));
    else
        std::printf("%s\n", qPrintable(path));
}

// (a) A channel that lost a message, one that delivered to two subscribers (one of them
// through a pattern).
void pubsub(MainWindow &w, const QString &dir)
{
    w.addClient(QStringLiteral("dashboard"));
    type(w, QStringLiteral("producer"), QStringLiteral("PUBLISH alerts \"disk full\""), 900);
    type(w, QStringLiteral("consumer"), QStringLiteral("SUBSCRIBE news"));
    type(w, QStringLiteral("dashboard"), QStringLiteral("PSUBSCRIBE news*"));
    type(w, QStringLiteral("producer"), QStringLiteral("PUBLISH news \"release 1.2\""), 900);
    type(w, QStringLiteral("producer"), QStringLiteral("PUBLISH alerts \"cpu hot\""), 380);
    save(w, dir, QStringLiteral("scene-pubsub.png"));
}

// (b) Two consumers wait on a list that does not exist yet; a push serves the first.
void blocking(MainWindow &w, const QString &dir)
{
    w.addClient(QStringLiteral("worker-2"));
    type(w, QStringLiteral("consumer"), QStringLiteral("BLPOP jobs 0"));
    type(w, QStringLiteral("worker-2"), QStringLiteral("BLPOP jobs 30"));
    type(w, QStringLiteral("producer"), QStringLiteral("RPUSH done report-1 report-2 report-3"), 800);
    save(w, dir, QStringLiteral("scene-blocking.png"));
    // The first in line gets the element: the token is on its way from the head.
    type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs job-1"), 850);
    save(w, dir, QStringLiteral("scene-handoff.png"));
}

// (c) Two groups on one stream; pending entries per consumer; an XACK in flight.
void streams(MainWindow &w, const QString &dir)
{
    w.addClient(QStringLiteral("worker-2"));
    type(w, QStringLiteral("producer"), QStringLiteral("XGROUP CREATE orders billing $ MKSTREAM"));
    type(w, QStringLiteral("producer"), QStringLiteral("XGROUP CREATE orders shipping $"));
    for (int i = 1; i <= 4; ++i)
        type(w, QStringLiteral("producer"), QStringLiteral("XADD orders %1-0 item book-%1").arg(i), 250);
    type(w, QStringLiteral("consumer"), QStringLiteral("XREADGROUP GROUP billing consumer COUNT 2 STREAMS orders >"));
    type(w, QStringLiteral("worker-2"), QStringLiteral("XREADGROUP GROUP billing worker-2 COUNT 1 STREAMS orders >"));
    type(w, QStringLiteral("producer"), QStringLiteral("XREADGROUP GROUP shipping producer COUNT 3 STREAMS orders >"));
    type(w, QStringLiteral("consumer"), QStringLiteral("XACK orders billing 1-0"), 250);
    save(w, dir, QStringLiteral("scene-streams.png"));
    QTest::qWait(600);
    // The history of entry 2-0, as a click on it shows.
    StreamItem *orders = w.scene()->streamItem(QStringLiteral("orders"));
    if (!orders)
        return;
    w.scene()->clearSelection();
    orders->setSelected(true);
    w.selectMessage(QStringLiteral("entry:0:orders:2-0"));
    type(w, QStringLiteral("worker-2"), QStringLiteral("XCLAIM orders billing worker-2 0 2-0"));
    type(w, QStringLiteral("worker-2"), QStringLiteral("XACK orders billing 2-0"), 900);
    save(w, dir, QStringLiteral("scene-lineage.png"));
}

// The README's first picture: a stream with two groups, a channel that lost a message and
// a work queue with a waiting consumer; the inspector on the stream.
void overview(MainWindow &w, const QString &dir)
{
    w.addClient(QStringLiteral("worker-2"));
    type(w, QStringLiteral("producer"), QStringLiteral("XGROUP CREATE orders billing $ MKSTREAM"), 200);
    type(w, QStringLiteral("producer"), QStringLiteral("XGROUP CREATE orders shipping $"), 200);
    for (int i = 1; i <= 3; ++i)
        type(w, QStringLiteral("producer"), QStringLiteral("XADD orders * item book-%1").arg(i), 200);
    type(w, QStringLiteral("consumer"), QStringLiteral("XREADGROUP GROUP billing consumer COUNT 2 STREAMS orders >"));
    type(w, QStringLiteral("worker-2"), QStringLiteral("XREADGROUP GROUP shipping worker-2 COUNT 1 STREAMS orders >"));
    type(w, QStringLiteral("producer"), QStringLiteral("PUBLISH alerts \"low stock\""), 300);
    type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs job-1 job-2 job-3"), 300);
    type(w, QStringLiteral("worker-2"), QStringLiteral("BLPOP mail 0"), 900);
    save(w, dir, QStringLiteral("screenshot.png"));
    w.scene()->clearSelection();
    if (StreamItem *orders = w.scene()->streamItem(QStringLiteral("orders")))
        orders->setSelected(true);
    QTest::qWait(400);
    save(w, dir, QStringLiteral("scene-inspector.png"));
}

// A full classroom: twenty clients and a dozen keys, to check the layout stays readable.
void crowd(MainWindow &w, const QString &dir)
{
    for (int i = 1; i <= 18; ++i)
        w.addClient(QStringLiteral("student-%1").arg(i));
    for (int i = 1; i <= 4; ++i)
        type(w, QStringLiteral("producer"), QStringLiteral("RPUSH queue-%1 a b c").arg(i), 60);
    for (int i = 1; i <= 4; ++i)
        type(w, QStringLiteral("producer"), QStringLiteral("XADD events-%1 * n %1").arg(i), 60);
    for (int i = 1; i <= 4; ++i)
        type(w, QStringLiteral("student-%1").arg(i), QStringLiteral("SUBSCRIBE room-%1").arg(i), 60);
    for (int i = 5; i <= 8; ++i)
        type(w, QStringLiteral("student-%1").arg(i), QStringLiteral("BLPOP inbox-%1 0").arg(i), 60);
    QTest::qWait(900);
    save(w, dir, QStringLiteral("scene-crowd.png"));
}

// (e) A lesson from the gallery, played up to its first pause: captions over the scene,
// the script in the Scenario dock with the line that runs next.
void lesson(MainWindow &w, const QString &dir)
{
    if (!w.openScenario(QStringLiteral(":/scenarios/05-list-competing-consumers.qls")))
        return;
    ScenarioPlayer *p = w.scenarioPlayer();
    p->setSpeed(4);
    p->play();
    QElapsedTimer t;
    t.start();
    while (p->state() == ScenarioPlayer::State::Playing && t.elapsed() < 20000)
        QTest::qWait(20);
    QTest::qWait(700);
    save(w, dir, QStringLiteral("scene-lesson.png"));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("QueueLab-doc-shots")); // not the user's settings
    QSettings().clear();
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    for (auto shot : {overview, pubsub, blocking, streams, crowd, lesson}) {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        if (!QTest::qWaitForWindowExposed(&w))
            return 1;
        QTest::qWait(300);
        shot(w, dir);
    }
    return 0;
}

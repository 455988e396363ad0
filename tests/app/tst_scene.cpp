// The scene, driven through the consoles offscreen: keys appear as the right kind of item,
// a blocked client shows as waiting and is served, a pending entry appears after XREADGROUP
// and goes away after XACK, a PUBLISH nobody hears is counted as lost, and tokens fly.
#include "clients/clients_panel.h"
#include "console/console_widget.h"
#include "inspector/inspector_panel.h"
#include "inspector/properties_model.h"
#include "log/event_log_filter.h"
#include "log/event_log_model.h"
#include "log/event_log_panel.h"
#include "main/main_window.h"
#include "main/time_controls.h"
#include "scene/channel_item.h"
#include "scene/client_item.h"
#include "scene/list_item.h"
#include "scene/scene_view.h"
#include "scene/stream_item.h"
#include "scene/token_layer.h"
#include "scene/world_scene.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTest>

using namespace ql;

class TestScene : public QObject {
    Q_OBJECT

private:
    void type(MainWindow &w, const QString &client, const QString &line)
    {
        QLineEdit *input = w.consoleOf(client)->input();
        QTest::keyClicks(input, line);
        QTest::keyClick(input, Qt::Key_Return);
    }

    // Shows the window at 1280x720, as on a classroom projector (clicks need a real layout).
    static bool showAtProjectorSize(MainWindow &w)
    {
        w.resize(1280, 720);
        w.show();
        return QTest::qWaitForWindowExposed(&w);
    }

    // Clicks where the scene draws `scenePoint`, as a user would.
    void clickScene(MainWindow &w, QPointF scenePoint)
    {
        SceneView *view = w.sceneView();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(scenePoint));
    }

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(
            QRegularExpression(QStringLiteral("^(?!This plugin does not support propagateSizeHints).*")));
    }

    void keys_appear_as_the_item_of_their_type()
    {
        MainWindow w;
        type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs a b c"));
        type(w, QStringLiteral("producer"), QStringLiteral("XADD orders 1-0 item book"));
        type(w, QStringLiteral("producer"), QStringLiteral("SET greeting hello"));
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->listItem(QStringLiteral("jobs")), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->streamItem(QStringLiteral("orders")), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->stringItem(QStringLiteral("greeting")), 5000);
        QCOMPARE(w.scene()->listItem(QStringLiteral("jobs"))->data().elements,
            (QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(w.scene()->streamItem(QStringLiteral("orders"))->data().ids, QStringList {QStringLiteral("1-0")});
        QVERIFY(!w.scene()->listItem(QStringLiteral("orders")));
        // A deleted key goes away.
        type(w, QStringLiteral("producer"), QStringLiteral("DEL jobs"));
        QTRY_VERIFY_WITH_TIMEOUT(!w.scene()->listItem(QStringLiteral("jobs")), 5000);
    }

    void a_drained_list_keeps_its_place_until_it_fills_again()
    {
        MainWindow w;
        type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs a"));
        type(w, QStringLiteral("producer"), QStringLiteral("SET other 1"));
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->listItem(QStringLiteral("jobs")), 5000);
        ListItem *jobs = w.scene()->listItem(QStringLiteral("jobs"));
        const QPointF place = jobs->pos();
        type(w, QStringLiteral("consumer"), QStringLiteral("LPOP jobs"));
        // Redis deletes the emptied list; the scene keeps an empty place for it.
        QTRY_VERIFY_WITH_TIMEOUT(jobs->data().gone, 5000);
        QVERIFY(!w.scene()->model().key(0, "jobs"));
        QCOMPARE(w.scene()->listItem(QStringLiteral("jobs")), jobs);
        type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs b"));
        QTRY_COMPARE_WITH_TIMEOUT(jobs->data().elements, QStringList {QStringLiteral("b")}, 5000);
        QVERIFY(!jobs->data().gone);
        QCOMPARE(w.scene()->listItem(QStringLiteral("jobs")), jobs);
        QCOMPARE(jobs->pos(), place);
        // Tidy removes places of lists that do not exist.
        type(w, QStringLiteral("consumer"), QStringLiteral("RPOP jobs"));
        QTRY_VERIFY_WITH_TIMEOUT(jobs->data().gone, 5000);
        w.scene()->tidy();
        QVERIFY(!w.scene()->listItem(QStringLiteral("jobs")));
        QVERIFY(w.scene()->stringItem(QStringLiteral("other")));
    }

    void a_blocked_client_waits_in_line_and_is_served()
    {
        MainWindow w;
        type(w, QStringLiteral("consumer"), QStringLiteral("BLPOP jobs 0"));
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->clientItem(QStringLiteral("consumer"))
                && w.scene()->clientItem(QStringLiteral("consumer"))->data().blocked,
            5000);
        ClientItem *consumer = w.scene()->clientItem(QStringLiteral("consumer"));
        QCOMPARE(consumer->data().state, QStringLiteral("waiting on jobs"));
        QCOMPARE(consumer->data().remaining, -1.0); // forever: an hourglass, not a countdown
        QTRY_VERIFY_WITH_TIMEOUT(
            w.clientsPanel()
                ->rowText(w.scene()->clientItem(QStringLiteral("consumer")) ? ClientId(2) : ClientId(0))
                .contains(QStringLiteral("waiting on jobs")),
            5000);
        type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs job-1"));
        QTRY_VERIFY_WITH_TIMEOUT(!w.scene()->clientItem(QStringLiteral("consumer"))->data().blocked, 5000);
        QCOMPARE(w.scene()->clientItem(QStringLiteral("consumer"))->data().state, QStringLiteral("idle"));
        QTRY_VERIFY_WITH_TIMEOUT(
            w.consoleOf(QStringLiteral("consumer"))->transcript().endsWith(QStringLiteral("1) \"jobs\"\n2) \"job-1\"")),
            5000);
    }

    void waiters_queue_in_service_order_even_before_the_list_exists()
    {
        MainWindow w;
        w.addClient(QStringLiteral("consumer-2"));
        type(w, QStringLiteral("consumer"), QStringLiteral("BLPOP jobs 0"));
        type(w, QStringLiteral("consumer-2"), QStringLiteral("BLPOP jobs 0"));
        auto waiters = [&w] {
            QStringList names;
            if (ListItem *l = w.scene()->listItem(QStringLiteral("jobs")))
                for (const auto &b : l->data().waiters)
                    names << b.name;
            return names;
        };
        QTRY_COMPARE_WITH_TIMEOUT(
            waiters(), (QStringList {QStringLiteral("consumer"), QStringLiteral("consumer-2")}), 5000);
        QVERIFY(w.scene()->listItem(QStringLiteral("jobs"))->data().missing);
        type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs job-1"));
        QTRY_COMPARE_WITH_TIMEOUT(waiters(), QStringList {QStringLiteral("consumer-2")}, 5000);
        QVERIFY(w.scene()->listItem(QStringLiteral("jobs"))->data().missing); // served at once: still empty
        QTRY_VERIFY_WITH_TIMEOUT(
            w.consoleOf(QStringLiteral("consumer"))->transcript().endsWith(QStringLiteral("2) \"job-1\"")), 5000);
        type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs job-2 job-3"));
        QTRY_COMPARE_WITH_TIMEOUT(waiters(), QStringList {}, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(
            w.scene()->listItem(QStringLiteral("jobs"))->data().elements, QStringList {QStringLiteral("job-3")}, 5000);
    }

    void a_waiting_console_says_so_and_can_be_unblocked()
    {
        MainWindow w;
        ConsoleWidget *consumer = w.consoleOf(QStringLiteral("consumer"));
        QVERIFY(!consumer->isWaiting());
        type(w, QStringLiteral("consumer"), QStringLiteral("BLPOP jobs 0"));
        QTRY_VERIFY_WITH_TIMEOUT(consumer->isWaiting(), 5000);
        Q_EMIT consumer->unblockRequested();
        // CLIENT UNBLOCK ends the wait as a timeout would: BLPOP answers nil.
        QTRY_VERIFY_WITH_TIMEOUT(consumer->transcript().endsWith(QStringLiteral("(nil)")), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!consumer->isWaiting(), 5000);
    }

    void f1_shows_the_syntax_of_the_command_being_typed()
    {
        MainWindow w;
        QLineEdit *input = w.consoleOf(QStringLiteral("producer"))->input();
        QTest::keyClicks(input, QStringLiteral("xgroup create"));
        QTest::keyClick(input, Qt::Key_F1);
        QVERIFY2(w.consoleOf(QStringLiteral("producer"))
                     ->transcript()
                     .startsWith(QStringLiteral("XGROUP CREATE key groupname id|$ [MKSTREAM]")),
            qPrintable(w.consoleOf(QStringLiteral("producer"))->transcript()));
    }

    void space_on_the_scene_pauses_time()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.timeControls()->isPlaying());
        w.sceneView()->setFocus();
        QTest::keyClick(w.sceneView(), Qt::Key_Space);
        QVERIFY(!w.timeControls()->isPlaying());
        QTest::keyClick(w.sceneView(), Qt::Key_Space);
        QVERIFY(w.timeControls()->isPlaying());
        // In a console, Space is just a space.
        QLineEdit *input = w.console()->input();
        input->setFocus();
        QTest::keyClick(input, Qt::Key_Space);
        QVERIFY(w.timeControls()->isPlaying());
    }

    void clicking_an_item_shows_it_in_the_inspector()
    {
        MainWindow w;
        type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs a b"));
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->listItem(QStringLiteral("jobs")), 5000);
        w.scene()->listItem(QStringLiteral("jobs"))->setSelected(true);
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->subject(), QStringLiteral("key:0:jobs"), 5000);
        w.scene()->clearSelection();
        w.scene()->clientItem(QStringLiteral("consumer"))->setSelected(true);
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->subject(), QStringLiteral("client:2"), 5000);
    }

    void pending_entries_appear_on_delivery_and_go_on_ack()
    {
        MainWindow w;
        for (const char *c :
            {"XADD orders 1-0 item book", "XADD orders 2-0 item pen", "XGROUP CREATE orders billing 0"})
            type(w, QStringLiteral("producer"), QString::fromLatin1(c));
        type(w, QStringLiteral("consumer"),
            QStringLiteral("XREADGROUP GROUP billing consumer COUNT 1 STREAMS orders >"));
        auto pendingIds = [&w] {
            QStringList ids;
            if (StreamItem *s = w.scene()->streamItem(QStringLiteral("orders")))
                for (const auto &g : s->data().groups)
                    for (const auto &p : g.pending)
                        ids << p.id;
            return ids;
        };
        QTRY_COMPARE_WITH_TIMEOUT(pendingIds(), QStringList {QStringLiteral("1-0")}, 5000);
        const auto &group = w.scene()->streamItem(QStringLiteral("orders"))->data().groups.front();
        QCOMPARE(group.lastDeliveredId, QStringLiteral("1-0"));
        QCOMPARE(group.pending.front().color, w.colorOf(ClientId(2)));
        type(w, QStringLiteral("consumer"), QStringLiteral("XACK orders billing 1-0"));
        QTRY_COMPARE_WITH_TIMEOUT(pendingIds(), QStringList {}, 5000);
    }

    void a_message_nobody_hears_is_counted_as_lost()
    {
        MainWindow w;
        type(w, QStringLiteral("producer"), QStringLiteral("PUBLISH news first"));
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->channelItem(QStringLiteral("news")), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(w.scene()->channelItem(QStringLiteral("news"))->data().lost, qint64(1), 5000);
        type(w, QStringLiteral("consumer"), QStringLiteral("SUBSCRIBE news"));
        type(w, QStringLiteral("producer"), QStringLiteral("PUBLISH news second"));
        QTRY_COMPARE_WITH_TIMEOUT(w.scene()->channelItem(QStringLiteral("news"))->data().delivered, qint64(1), 5000);
        const auto &d = w.scene()->channelItem(QStringLiteral("news"))->data();
        QCOMPARE(d.published, qint64(2));
        QCOMPARE(d.lost, qint64(1));
        QCOMPARE(d.subscribers.size(), qsizetype(1));
        QCOMPARE(d.subscribers.front().name, QStringLiteral("consumer"));
    }

    void clicking_a_stream_entry_shows_its_history()
    {
        MainWindow w;
        QVERIFY(showAtProjectorSize(w));
        type(w, QStringLiteral("producer"), QStringLiteral("XADD orders 1-0 item book"));
        type(w, QStringLiteral("producer"), QStringLiteral("XGROUP CREATE orders billing 0"));
        type(w, QStringLiteral("consumer"), QStringLiteral("XREADGROUP GROUP billing consumer STREAMS orders >"));
        QTRY_COMPARE_WITH_TIMEOUT(w.scene()->model().seq() > 0 && w.scene()->streamItem(QStringLiteral("orders"))
                && !w.scene()->streamItem(QStringLiteral("orders"))->data().groups.isEmpty()
                && !w.scene()->streamItem(QStringLiteral("orders"))->data().groups.front().pending.isEmpty(),
            true, 5000);
        clickScene(w, w.scene()->streamItem(QStringLiteral("orders"))->entryPoint(QStringLiteral("1-0")));
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->page(), InspectorPanel::Page::Message, 5000);
        QCOMPARE(w.inspector()->subject(), QStringLiteral("entry:0:orders:1-0"));
        QCOMPARE(w.inspector()->title(), QStringLiteral("Entry 1-0 of orders"));
        auto steps = [&w] {
            QStringList out;
            for (int r = 0; r < w.inspector()->historyModel()->rowCount(); ++r)
                out << w.inspector()->historyModel()->index(r, PropertiesModel::ValueColumn).data().toString();
            return out;
        };
        QCOMPARE(steps().size(), 2);
        QVERIFY2(steps()[0].startsWith(QStringLiteral("XADD 1-0 to orders by producer")), qPrintable(steps()[0]));
        QVERIFY2(steps()[1].contains(QStringLiteral("delivered to consumer")), qPrintable(steps()[1]));
        // The history follows what happens next.
        type(w, QStringLiteral("consumer"), QStringLiteral("XACK orders billing 1-0"));
        QTRY_COMPARE_WITH_TIMEOUT(steps().size(), 3, 5000);
        QVERIFY2(steps()[2].startsWith(QStringLiteral("XACK by consumer")), qPrintable(steps()[2]));
        // A click beside the tape shows the stream again.
        StreamItem *orders = w.scene()->streamItem(QStringLiteral("orders"));
        clickScene(w, orders->mapToScene(QPointF(orders->boundingRect().width() - 20, 8)));
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->page(), InspectorPanel::Page::Stream, 5000);
    }

    void clicking_a_list_element_shows_where_it_came_from()
    {
        MainWindow w;
        QVERIFY(showAtProjectorSize(w));
        type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs a"));
        type(w, QStringLiteral("consumer"), QStringLiteral("RPUSH jobs b"));
        QTRY_COMPARE_WITH_TIMEOUT(w.scene()->listItem(QStringLiteral("jobs"))
                ? w.scene()->listItem(QStringLiteral("jobs"))->data().elements
                : QStringList(),
            (QStringList {QStringLiteral("a"), QStringLiteral("b")}), 5000);
        ListItem *jobs = w.scene()->listItem(QStringLiteral("jobs"));
        // The second tile: its element was pushed by consumer.
        QPointF second;
        for (qreal x = 0; x < jobs->boundingRect().width(); x += 4)
            if (jobs->elementIndexAt(QPointF(x, jobs->headPoint().y() - jobs->scenePos().y())) == 1) {
                second = jobs->mapToScene(QPointF(x + 8, jobs->headPoint().y() - jobs->scenePos().y()));
                break;
            }
        QVERIFY(!second.isNull());
        clickScene(w, second);
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->page(), InspectorPanel::Page::Message, 5000);
        QCOMPARE(w.inspector()->historyModel()->rowCount(), 1);
        const QString pushed = w.inspector()->historyModel()->index(0, PropertiesModel::ValueColumn).data().toString();
        QVERIFY2(pushed.contains(QStringLiteral("by consumer")), qPrintable(pushed));
        // Popped from the head, "b" is now element 0, and the history still follows it.
        type(w, QStringLiteral("producer"), QStringLiteral("LPOP jobs"));
        type(w, QStringLiteral("producer"), QStringLiteral("LMOVE jobs done LEFT RIGHT"));
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->historyModel()->rowCount(), 2, 5000);
        const QString moved = w.inspector()->historyModel()->index(1, PropertiesModel::ValueColumn).data().toString();
        QVERIFY2(moved.contains(QStringLiteral("moved to done")), qPrintable(moved));
    }

    void a_channel_lists_its_latest_messages_and_their_fate()
    {
        MainWindow w;
        type(w, QStringLiteral("producer"), QStringLiteral("PUBLISH news first"));
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->channelItem(QStringLiteral("news")), 5000);
        w.scene()->channelItem(QStringLiteral("news"))->setSelected(true);
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->recentMessagesModel()->rowCount(), 1, 5000);
        const QString fate
            = w.inspector()->recentMessagesModel()->index(0, PropertiesModel::ValueColumn).data().toString();
        QVERIFY2(fate.contains(QStringLiteral("lost")), qPrintable(fate));
    }

    void a_deleted_entry_falls_off_the_tape()
    {
        MainWindow w;
        for (const char *c : {"XADD s 1-0 f v", "XADD s 2-0 f v", "XADD s 3-0 f v"})
            type(w, QStringLiteral("producer"), QString::fromLatin1(c));
        QTRY_COMPARE_WITH_TIMEOUT(w.scene()->streamItem(QStringLiteral("s"))
                ? w.scene()->streamItem(QStringLiteral("s"))->data().ids.size()
                : 0,
            qsizetype(3), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(w.scene()->tokens()->inFlight(), std::size_t(0), 5000);
        type(w, QStringLiteral("producer"), QStringLiteral("XDEL s 2-0"));
        // XDEL flies no other token: what flies is the entry falling away.
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->tokens()->inFlight() > 0, 5000);
        QCOMPARE(w.scene()->streamItem(QStringLiteral("s"))->data().ids,
            (QStringList {QStringLiteral("1-0"), QStringLiteral("3-0")}));
        QTRY_COMPARE_WITH_TIMEOUT(w.scene()->tokens()->inFlight(), std::size_t(0), 5000);
        type(w, QStringLiteral("producer"), QStringLiteral("XTRIM s MAXLEN 1"));
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->tokens()->inFlight() > 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(
            w.scene()->streamItem(QStringLiteral("s"))->data().ids, QStringList {QStringLiteral("3-0")}, 5000);
    }

    void the_event_log_shows_one_client_when_asked()
    {
        MainWindow w;
        type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs a"));
        type(w, QStringLiteral("consumer"), QStringLiteral("LPOP jobs"));
        QComboBox *choice = w.eventLog()->clientChoice();
        QTRY_VERIFY_WITH_TIMEOUT(choice->findText(QStringLiteral("consumer")) > 0, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(w.eventLog()->filter()->rowCount() >= 5, 5000);
        choice->setCurrentIndex(choice->findText(QStringLiteral("consumer")));
        const QAbstractItemModel *rows = w.eventLog()->filter();
        QVERIFY(rows->rowCount() > 0);
        for (int r = 0; r < rows->rowCount(); ++r)
            QCOMPARE(rows->index(r, EventLogModel::ClientColumn).data().toString(), QStringLiteral("consumer"));
        choice->setCurrentIndex(0);
        QVERIFY(rows->rowCount() >= 5);
    }

    void a_trim_and_a_new_type_in_one_step_do_not_crash()
    {
        MainWindow w;
        for (const char *c : {"XADD s 1-0 f v", "XADD s 2-0 f v"})
            type(w, QStringLiteral("producer"), QString::fromLatin1(c));
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->streamItem(QStringLiteral("s")), 5000);
        for (const char *c : {"MULTI", "XTRIM s MAXLEN 1", "SET s x", "EXEC"})
            type(w, QStringLiteral("producer"), QString::fromLatin1(c));
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->stringItem(QStringLiteral("s")), 5000);
        QVERIFY(!w.scene()->streamItem(QStringLiteral("s")));
    }

    // Keys of other databases, and keys named like channels, get their own items.
    void names_that_look_alike_stay_apart()
    {
        MainWindow w;
        type(w, QStringLiteral("producer"), QStringLiteral("SET db1:x zero"));
        type(w, QStringLiteral("producer"), QStringLiteral("SET \"channel:news\" key"));
        type(w, QStringLiteral("consumer"), QStringLiteral("SELECT 1"));
        type(w, QStringLiteral("consumer"), QStringLiteral("SET x one"));
        type(w, QStringLiteral("producer"), QStringLiteral("PUBLISH news hi"));
        auto strings = [&w] {
            QStringList values;
            for (QGraphicsItem *item : w.scene()->items())
                if (auto *s = dynamic_cast<StringItem *>(item))
                    values << s->data().value;
            values.sort();
            return values;
        };
        QTRY_COMPARE_WITH_TIMEOUT(
            strings(), (QStringList {QStringLiteral("key"), QStringLiteral("one"), QStringLiteral("zero")}), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->channelItem(QStringLiteral("news")), 5000);
        type(w, QStringLiteral("producer"), QStringLiteral("DEL \"channel:news\""));
        QTRY_COMPARE_WITH_TIMEOUT(strings().size(), qsizetype(2), 5000);
        QCOMPARE(w.scene()->channelItem(QStringLiteral("news"))->data().lost, qint64(1));
    }

    // The window's model keeps the ends of long lists; tiles map to the right index even
    // when it knows fewer elements at one end than it would show.
    void tiles_of_a_long_list_know_their_index()
    {
        MainWindow w;
        QStringList push {QStringLiteral("RPUSH jobs")};
        for (int i = 0; i < 2001; ++i)
            push << QStringLiteral("e%1").arg(i);
        w.consoleOf(QStringLiteral("producer"))->run(push.join(QLatin1Char(' ')));
        w.consoleOf(QStringLiteral("producer"))->run(QStringLiteral("RPOP jobs 999"));
        QTRY_COMPARE_WITH_TIMEOUT(w.scene()->listItem(QStringLiteral("jobs"))
                ? w.scene()->listItem(QStringLiteral("jobs"))->data().length
                : qint64(0),
            qint64(1002), 5000);
        ListItem *jobs = w.scene()->listItem(QStringLiteral("jobs"));
        const qreal y = jobs->headPoint().y() - jobs->scenePos().y();
        QStringList seen;
        qint64 last = -2;
        for (qreal x = 0; x < jobs->boundingRect().width(); x += 2) {
            const qint64 index = jobs->elementIndexAt(QPointF(x, y));
            if (index < 0 || index == last)
                continue;
            last = index;
            seen << QStringLiteral("%1=e%2").arg(index).arg(index);
        }
        QStringList drawn;
        const auto &d = jobs->data();
        last = -2;
        for (qreal x = 0; x < jobs->boundingRect().width(); x += 2) {
            const qint64 index = jobs->elementIndexAt(QPointF(x, y));
            if (index < 0 || index == last)
                continue;
            last = index;
            drawn << QStringLiteral("%1=%2").arg(index).arg(d.elements.at(drawn.size()));
        }
        QVERIFY(!seen.isEmpty());
        QCOMPARE(drawn, seen);
        QVERIFY(seen.contains(QStringLiteral("1001=e1001")));
    }

    void a_history_follows_its_message_when_the_key_is_renamed()
    {
        MainWindow w;
        type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs a"));
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->listItem(QStringLiteral("jobs")), 5000);
        w.scene()->listItem(QStringLiteral("jobs"))->setSelected(true);
        w.selectMessage(QStringLiteral("element:0:jobs:0"));
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->historyModel()->rowCount(), 1, 5000);
        type(w, QStringLiteral("producer"), QStringLiteral("RENAME jobs queue"));
        type(w, QStringLiteral("consumer"), QStringLiteral("LPOP queue"));
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->historyModel()->rowCount(), 3, 5000);
        QCOMPARE(w.inspector()->page(), InspectorPanel::Page::Message);
    }

    void a_class_of_twenty_clients_stands_in_columns()
    {
        MainWindow w;
        for (int i = 1; i <= 18; ++i)
            w.addClient(QStringLiteral("student-%1").arg(i));
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->clientItem(QStringLiteral("student-18")), 5000);
        QSet<qreal> columns;
        qreal bottom = 0;
        for (int i = 1; i <= 18; ++i) {
            ClientItem *c = w.scene()->clientItem(QStringLiteral("student-%1").arg(i));
            columns.insert(c->pos().x());
            bottom = std::max(bottom, c->pos().y() + ClientItem::kHeight);
        }
        QCOMPARE(columns.size(), qsizetype(3));
        QVERIFY2(bottom < 10 * ClientItem::kHeight, qPrintable(QString::number(bottom)));
        // Keys start right of the last client column.
        type(w, QStringLiteral("producer"), QStringLiteral("SET k v"));
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->stringItem(QStringLiteral("k")), 5000);
        QVERIFY(w.scene()->stringItem(QStringLiteral("k"))->pos().x()
            > *std::max_element(columns.begin(), columns.end()) + ClientItem::kWidth);
    }

    void tokens_fly_and_land()
    {
        MainWindow w;
        type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs a"));
        QTRY_VERIFY_WITH_TIMEOUT(w.scene()->tokens()->inFlight() > 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(w.scene()->tokens()->inFlight(), std::size_t(0), 5000);
    }

    void a_flood_of_tokens_is_bundled()
    {
        TokenLayer layer;
        for (int i = 0; i < 1000; ++i)
            layer.launch(QPointF(0, 0), QPointF(100, 0), Qt::blue, QStringLiteral("m"));
        QCOMPARE(layer.inFlight(), TokenLayer::kMaxTokens);
        QVERIFY(layer.bundled() >= 800);
        layer.advance(10000);
        QCOMPARE(layer.inFlight(), std::size_t(0));
    }
};

QTEST_MAIN(TestScene)
#include "tst_scene.moc"

// Renders the main window offscreen with a small fixed world and checks the picture: not
// blank, and each key's card is drawn where the scene says the key is (its title bar tint
// is there in the grabbed image). Saves the image as scene-test.png in the working
// directory for a look.
#include "console/console_widget.h"
#include "main/main_window.h"
#include "scene/channel_item.h"
#include "scene/list_item.h"
#include "scene/scene_view.h"
#include "scene/stream_item.h"
#include "scene/world_scene.h"

#include <QApplication>
#include <QLineEdit>
#include <QPalette>
#include <QSet>
#include <QTest>

using namespace ql;

class TestScreenshot : public QObject {
    Q_OBJECT

private:
    void type(MainWindow &w, const QString &client, const QString &line)
    {
        QLineEdit *input = w.consoleOf(client)->input();
        QTest::keyClicks(input, line);
        QTest::keyClick(input, Qt::Key_Return);
    }

private Q_SLOTS:
    void the_window_draws_the_world_where_the_scene_says()
    {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        type(w, QStringLiteral("producer"), QStringLiteral("RPUSH jobs job-1 job-2"));
        type(w, QStringLiteral("producer"), QStringLiteral("XADD orders 1-0 item book"));
        QTRY_VERIFY_WITH_TIMEOUT(
            w.scene()->listItem(QStringLiteral("jobs")) && w.scene()->streamItem(QStringLiteral("orders")), 5000);
        QTest::qWait(100); // a frame or two for the fit
        QImage shot = w.grab().toImage();
        QVERIFY(!shot.isNull());
        shot.save(QStringLiteral("scene-test.png"));

        // Not blank: a real picture has many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height(); y += 4)
            for (int x = 0; x < shot.width(); x += 4)
                colours.insert(shot.pixel(x, y));
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));

        // Each card's title bar (a tint of the key type's colour) is where the scene puts it.
        auto titleTintAt = [&](QGraphicsItem *item, QColor accent) {
            QRectF sceneRect = item->mapRectToScene(QRectF(20, 4, 60, 14));
            QRect viewRect = w.sceneView()->mapFromScene(sceneRect).boundingRect();
            QPoint topLeft = w.sceneView()->viewport()->mapTo(&w, viewRect.center());
            QColor seen = shot.pixelColor(topLeft);
            // The tint is the accent over the base colour: closer to the accent than white is.
            auto distance = [](QColor a, QColor b) {
                return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
            };
            return distance(seen, accent) < distance(QColor(Qt::white), accent) && seen != QColor(Qt::white);
        };
        QVERIFY(titleTintAt(w.scene()->listItem(QStringLiteral("jobs")), QColor(0x00, 0x72, 0xb2)));
        QVERIFY(titleTintAt(w.scene()->streamItem(QStringLiteral("orders")), QColor(0x00, 0x9e, 0x73)));
    }

    // The scene takes its colours from the palette: under a dark system palette the cards
    // are dark and their text light, not white boxes on a dark window.
    void the_scene_follows_a_dark_palette()
    {
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x2f, 0x2f, 0x2f));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Mid, QColor(0x60, 0x60, 0x60));
        dark.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
        QApplication::setPalette(dark);
        {
            MainWindow w;
            w.resize(1280, 720);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            type(w, QStringLiteral("producer"), QStringLiteral("SET greeting hello"));
            QTRY_VERIFY_WITH_TIMEOUT(w.scene()->stringItem(QStringLiteral("greeting")), 5000);
            QTest::qWait(100);
            QImage shot = w.grab().toImage();
            shot.save(QStringLiteral("scene-dark-test.png"));
            QGraphicsItem *card = w.scene()->stringItem(QStringLiteral("greeting"));
            // A point in the card's body, below its title bar and left of its text.
            QRectF body = card->mapRectToScene(QRectF(4, card->boundingRect().height() - 6, 4, 2));
            QPoint at = w.sceneView()->viewport()->mapTo(&w, w.sceneView()->mapFromScene(body).boundingRect().center());
            QVERIFY2(shot.pixelColor(at).lightness() < 80, qPrintable(shot.pixelColor(at).name()));
            // Its name is drawn in the light text colour somewhere in the title bar.
            QRectF title = card->mapRectToScene(QRectF(8, 2, 80, 22));
            QRect r = w.sceneView()->mapFromScene(title).boundingRect();
            int light = 0;
            for (int y = r.top(); y <= r.bottom(); ++y)
                for (int x = r.left(); x <= r.right(); ++x)
                    light += shot.pixelColor(w.sceneView()->viewport()->mapTo(&w, QPoint(x, y))).lightness() > 180;
            QVERIFY2(light > 10, qPrintable(QString::number(light)));
        }
        QApplication::setPalette(light);
    }
};

QTEST_MAIN(TestScreenshot)
#include "tst_screenshot.moc"

// Drives the console offscreen: typing a command shows the reply as redis-cli prints it.
#include "console/console_widget.h"
#include "main/main_window.h"

#include <QLineEdit>
#include <QTest>

using ql::MainWindow;

class TestConsole : public QObject {
    Q_OBJECT

private:
    void type(MainWindow &w, const QString &line)
    {
        QLineEdit *input = w.console()->input();
        QTest::keyClicks(input, line);
        QTest::keyClick(input, Qt::Key_Return);
    }

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(
            QRegularExpression(QStringLiteral("^(?!This plugin does not support propagateSizeHints).*")));
    }

    void replies_are_formatted_like_redis_cli_data()
    {
        QTest::addColumn<QStringList>("commands");
        QTest::addColumn<QString>("expectedTail");
        QTest::newRow("rpush returns the new length")
            << QStringList {QStringLiteral("RPUSH q a b")} << QStringLiteral("(integer) 2");
        QTest::newRow("lrange lists elements numbered") << QStringList {QStringLiteral("RPUSH q a b"),
            QStringLiteral("LRANGE q 0 -1")} << QStringLiteral("1) \"a\"\n2) \"b\"");
        QTest::newRow("missing key gives nil")
            << QStringList {QStringLiteral("GET nothing")} << QStringLiteral("(nil)");
        QTest::newRow("empty range gives empty array")
            << QStringList {QStringLiteral("LRANGE nothing 0 -1")} << QStringLiteral("(empty array)");
        QTest::newRow("errors are marked") << QStringList {QStringLiteral("GET")}
                                           << QStringLiteral("(error) ERR wrong number of arguments for 'get' command");
        QTest::newRow("status replies are bare") << QStringList {QStringLiteral("SET k v")} << QStringLiteral("OK");
        QTest::newRow("quoting follows redis-cli") << QStringList {QStringLiteral("SET k \"a b\\n\""),
            QStringLiteral("GET k")} << QStringLiteral("\"a b\\n\"");
        QTest::newRow("a blocking pop really waits, then times out with nil")
            << QStringList {QStringLiteral("BLPOP nothing 0.2")} << QStringLiteral("BLPOP nothing 0.2\n(nil)");
        QTest::newRow("unbalanced quotes are rejected")
            << QStringList {QStringLiteral("SET k \"oops")} << QStringLiteral("Invalid argument(s)");
    }

    void replies_are_formatted_like_redis_cli()
    {
        QFETCH(QStringList, commands);
        QFETCH(QString, expectedTail);
        MainWindow w;
        w.show();
        for (const QString &c : commands)
            type(w, c);
        QTRY_VERIFY2_WITH_TIMEOUT(
            w.console()->transcript().endsWith(expectedTail), qPrintable(w.console()->transcript()), 5000);
    }

    void history_recalls_previous_commands()
    {
        MainWindow w;
        w.show();
        type(w, QStringLiteral("PING"));
        type(w, QStringLiteral("ECHO hi"));
        QLineEdit *input = w.console()->input();
        QTest::keyClick(input, Qt::Key_Up);
        QCOMPARE(input->text(), QStringLiteral("ECHO hi"));
        QTest::keyClick(input, Qt::Key_Up);
        QCOMPARE(input->text(), QStringLiteral("PING"));
        QTest::keyClick(input, Qt::Key_Down);
        QCOMPARE(input->text(), QStringLiteral("ECHO hi"));
        QTest::keyClick(input, Qt::Key_Down);
        QCOMPARE(input->text(), QString());
    }

    void each_reply_prints_under_its_command_even_when_typed_ahead()
    {
        MainWindow w;
        // Three commands typed before any reply arrives; a blocking one in the middle.
        type(w, QStringLiteral("RPUSH q a"));
        type(w, QStringLiteral("BLPOP nothing 0.3"));
        type(w, QStringLiteral("RPUSH q b"));
        const QString expected = QStringLiteral(
            "producer> RPUSH q a\n(integer) 1\nproducer> BLPOP nothing 0.3\n(nil)\nproducer> RPUSH q b\n(integer) 2");
        QTRY_COMPARE_WITH_TIMEOUT(w.console()->transcript(), expected, 5000);
    }
};

QTEST_MAIN(TestConsole)
#include "tst_console.moc"

// FeedPump: the broker's events reach the GUI thread in order, in a few batches rather than
// one call per event, and a window that falls behind is told how many it missed.
#include "broker/broker.h"
#include "feed/feed_pump.h"

#include <QTest>

using namespace ql;

class TestFeedPump : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void events_arrive_in_order_and_in_batches()
    {
        Broker broker(std::make_shared<SystemClock>());
        FeedPump pump(broker.events());
        std::vector<Event> seen;
        int batches = 0;
        connect(&pump, &FeedPump::batch, this, [&](const std::vector<Event> &events, std::uint64_t dropped) {
            QCOMPARE(dropped, std::uint64_t(0));
            seen.insert(seen.end(), events.begin(), events.end());
            ++batches;
        });
        ClientId c = broker.open("producer", ClientSink {});
        for (int i = 0; i < 5000; ++i)
            broker.send(c, {"RPUSH", "jobs", std::to_string(i)});
        broker.sync();
        QTRY_COMPARE_WITH_TIMEOUT(seen.size(), std::size_t(5002), 5000); // ClientOpened, KeyCreated, 5000 pushes
        for (std::size_t i = 1; i < seen.size(); ++i)
            QCOMPARE(seen[i].seq, seen[i - 1].seq + 1);
        QCOMPARE(seen.back().kind, EventKind::Pushed);
        QCOMPARE(seen.back().values, std::vector<std::string> {"4999"});
        QVERIFY2(batches < 100, qPrintable(QString::number(batches)));
    }

    void a_window_that_falls_behind_is_told_what_it_missed()
    {
        Broker broker(std::make_shared<SystemClock>(), 1024); // a small ring
        FeedPump pump(broker.events());
        std::uint64_t dropped = 0;
        std::size_t received = 0;
        connect(&pump, &FeedPump::batch, this, [&](const std::vector<Event> &events, std::uint64_t d) {
            dropped += d;
            received += events.size();
        });
        ClientId c = broker.open("producer", ClientSink {});
        for (int i = 0; i < 10000; ++i)
            broker.send(c, {"RPUSH", "jobs", "x"});
        broker.sync(); // the GUI thread is busy here: nothing is drained meanwhile
        QTRY_VERIFY_WITH_TIMEOUT(received + dropped == 10002, 5000);
        QVERIFY(dropped > 0);
    }
};

QTEST_GUILESS_MAIN(TestFeedPump)
#include "tst_feed_pump.moc"

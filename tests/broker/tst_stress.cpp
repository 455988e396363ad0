// Many threads through one broker: every list message is delivered exactly once and every
// stream entry acknowledged exactly once; nothing lost, nothing duplicated.
#include "broker/broker.h"
#include "reply_collector.h"

#include <QTest>

#include <atomic>
#include <set>
#include <thread>

using namespace ql;
using ql::test::ReplyCollector;

namespace {

constexpr int kProducers = 4;
constexpr int kConsumers = 4;
// 200,000 messages; QUEUELAB_STRESS_MESSAGES lowers it for the slow sanitizer builds.
const int kPerProducer = qEnvironmentVariableIsSet("QUEUELAB_STRESS_MESSAGES")
    ? qEnvironmentVariableIntValue("QUEUELAB_STRESS_MESSAGES") / kProducers
    : 50'000;

std::string msg(int p, int n)
{
    return "p" + std::to_string(p) + "-" + std::to_string(n);
}

} // namespace

class TestStress : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lists_deliver_each_message_exactly_once()
    {
        Broker broker(std::make_shared<SystemClock>());
        std::vector<std::vector<std::string>> got(kConsumers);
        std::vector<std::thread> threads;
        for (int c = 0; c < kConsumers; ++c) {
            threads.emplace_back([&, c] {
                ReplyCollector r;
                ClientId id = broker.open("consumer-" + std::to_string(c), r.sink());
                const bool viaMove = c % 2 == 1; // half use the reliable-queue pattern
                const std::string processing = "processing-" + std::to_string(c);
                std::size_t expected = 0;
                while (true) {
                    if (viaMove)
                        broker.send(id, {"BLMOVE", "jobs", processing, "LEFT", "RIGHT", "0"});
                    else
                        broker.send(id, {"BLPOP", "jobs", "0"});
                    if (!r.waitFor(++expected, 30000))
                        return;
                    Reply reply = r.at(expected - 1);
                    std::string value = viaMove ? reply.str() : reply.items().at(1).str();
                    if (viaMove) {
                        broker.send(id, {"LREM", processing, "1", value});
                        r.waitFor(++expected, 30000);
                    }
                    if (value == "stop")
                        break;
                    got[static_cast<std::size_t>(c)].push_back(value);
                }
                broker.close(id);
            });
        }
        std::vector<std::thread> producers;
        for (int p = 0; p < kProducers; ++p) {
            producers.emplace_back([&, p] {
                ReplyCollector r;
                ClientId id = broker.open("producer-" + std::to_string(p), r.sink());
                for (int n = 0; n < kPerProducer; ++n)
                    broker.send(id, {"RPUSH", "jobs", msg(p, n)});
                r.waitFor(kPerProducer, 60000);
            });
        }
        for (auto &t : producers)
            t.join();
        ReplyCollector closer;
        ClientId cid = broker.open("closer", closer.sink());
        for (int c = 0; c < kConsumers; ++c)
            broker.send(cid, {"RPUSH", "jobs", "stop"});
        for (auto &t : threads)
            t.join();

        std::set<std::string> all;
        std::size_t total = 0;
        for (const auto &v : got) {
            total += v.size();
            all.insert(v.begin(), v.end());
        }
        QCOMPARE(total, std::size_t(kProducers * kPerProducer));
        QCOMPARE(all.size(), total); // no duplicates
        for (int p = 0; p < kProducers; ++p) {
            QVERIFY(all.count(msg(p, 0)));
            QVERIFY(all.count(msg(p, kPerProducer - 1)));
        }
        broker.send(cid, {"EXISTS", "jobs", "processing-1", "processing-3"});
        QVERIFY(closer.waitFor(kConsumers + 1));
        QCOMPARE(closer.last(), Reply::integer(0));
    }

    void stream_group_acks_each_entry_exactly_once()
    {
        Broker broker(std::make_shared<SystemClock>());
        const int total = kProducers * kPerProducer;
        ReplyCollector setup;
        ClientId sid = broker.open("setup", setup.sink());
        broker.send(sid, {"XGROUP", "CREATE", "events", "workers", "$", "MKSTREAM"});
        QVERIFY(setup.waitFor(1));
        QCOMPARE(setup.at(0), Reply::ok());

        std::atomic<int> acked {0};
        std::atomic<int> duplicateAcks {0};
        std::vector<std::thread> consumers;
        for (int c = 0; c < kConsumers; ++c) {
            consumers.emplace_back([&, c] {
                ReplyCollector r;
                ClientId id = broker.open("worker-" + std::to_string(c), r.sink());
                std::size_t expected = 0;
                while (acked.load() < total) {
                    broker.send(id,
                        {"XREADGROUP", "GROUP", "workers", "w" + std::to_string(c), "COUNT", "100", "BLOCK", "100",
                            "STREAMS", "events", ">"});
                    if (!r.waitFor(++expected, 30000))
                        return;
                    Reply reply = r.at(expected - 1);
                    if (reply.isNull())
                        continue;
                    const auto &entries = reply.items().at(0).items().at(1).items();
                    std::vector<std::string> ack {"XACK", "events", "workers"};
                    for (const auto &entry : entries)
                        ack.push_back(entry.items().at(0).str());
                    broker.send(id, ack);
                    if (!r.waitFor(++expected, 30000))
                        return;
                    auto n = static_cast<int>(r.at(expected - 1).integerValue());
                    if (n != static_cast<int>(entries.size()))
                        duplicateAcks += static_cast<int>(entries.size()) - n;
                    acked += n;
                }
                broker.close(id);
            });
        }
        std::vector<std::thread> producers;
        for (int p = 0; p < kProducers; ++p) {
            producers.emplace_back([&, p] {
                ReplyCollector r;
                ClientId id = broker.open("producer-" + std::to_string(p), r.sink());
                for (int n = 0; n < kPerProducer; ++n)
                    broker.send(id, {"XADD", "events", "*", "msg", msg(p, n)});
                r.waitFor(kPerProducer, 60000);
            });
        }
        for (auto &t : producers)
            t.join();
        for (auto &t : consumers)
            t.join();
        QCOMPARE(acked.load(), total);
        QCOMPARE(duplicateAcks.load(), 0);
        broker.send(sid, {"XLEN", "events"});
        broker.send(sid, {"XPENDING", "events", "workers"});
        QVERIFY(setup.waitFor(3));
        QCOMPARE(setup.at(1), Reply::integer(total));
        QCOMPARE(setup.at(2).items().at(0), Reply::integer(0));
    }
};

QTEST_APPLESS_MAIN(TestStress)
#include "tst_stress.moc"

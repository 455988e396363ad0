// The recorder (core/scenario/recorder.h): what was typed becomes a scenario that parses,
// keeps the timings, and replays on an empty broker to the same world.
#include "scenario/recorder.h"
#include "scenario/scenario_parser.h"
#include "scenario/scenario_runner.h"

#include <QTest>

#include <memory>

using namespace ql;
using namespace ql::scenario;

class TstRecorder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writesTheScenario();
    void namesBecomeScenarioNames();
    void replaysToTheSameWorld();
};

namespace {

// Keys with their contents and who waits on them (by name), and the clock.
std::string describe(Broker &broker)
{
    WorldSnapshot s = broker.snapshot().get();
    std::map<ClientId, std::string> names;
    for (const auto &c : s.clients)
        names[c.id] = Recorder::scenarioName(c.name);
    std::string out = "t=" + std::to_string(s.nowMs - kScenarioEpochMs) + "\n";
    for (const auto &k : s.keys) {
        out += k.name + ":" + k.stringValue;
        for (const auto &e : k.elements)
            out += " " + e;
        for (const auto &e : k.entries)
            out += " " + e.id;
        for (const auto &g : k.groups) {
            out += " [" + g.name + " " + g.lastDeliveredId;
            for (const auto &p : g.pending)
                out += " " + p.id + "@" + p.consumer + "x" + std::to_string(p.deliveryCount);
            out += "]";
        }
        for (ClientId w : k.waiters)
            out += " waiter " + names[w];
        out += "\n";
    }
    return out;
}

} // namespace

void TstRecorder::writesTheScenario()
{
    Recorder r(kScenarioEpochMs);
    r.command(kScenarioEpochMs, "producer", {"LPUSH", "jobs", "a b"});
    r.command(kScenarioEpochMs + 1500, "consumer", {"BRPOP", "jobs", "0"});
    r.command(kScenarioEpochMs + 1750, "producer", {"SET", "empty", ""});
    r.closed(kScenarioEpochMs + 3750, "consumer");
    r.command(kScenarioEpochMs + 3750 + 25LL * 3600 * 1000, "producer", {"SET", "price", "$5"});
    r.flushAll(kScenarioEpochMs + 3750 + 25LL * 3600 * 1000);
    QCOMPARE(QByteArray::fromStdString(r.text("Session")),
        QByteArray("# title: Session\n"
                   "# summary: Recorded in QueueLab: the commands as typed, with their timings.\n"
                   "\n"
                   "client producer\n" // declared where it first typed: it connects then
                   "producer> LPUSH jobs \"a b\"\n"
                   "wait 1500ms\n"
                   "client consumer\n"
                   "consumer> BRPOP jobs 0\n"
                   "wait 250ms\n"
                   "producer> SET empty \"\"\n"
                   "wait 2s\n"
                   "close consumer\n"
                   "wait 86400s\n" // a wait is at most 24 hours
                   "wait 3600s\n"
                   "producer> SET price $$5\n" // a typed $ is literal
                   "flushall\n"));
    QVERIFY(parse(r.text("Session"), "r.qls").ok());
}

void TstRecorder::namesBecomeScenarioNames()
{
    QCOMPARE(Recorder::scenarioName("worker:1"), std::string("worker_1"));
    QCOMPARE(Recorder::scenarioName(""), std::string("client"));
    QCOMPARE(Recorder::scenarioName(std::string(100, 'x')).size(), std::size_t(64));
    Recorder r(0);
    r.command(0, "a:b", {"PING"});
    r.command(0, "a_b", {"PING"}); // a different connection that maps to the same name
    r.command(0, "a:b", {"ECHO", "\xff\n"});
    const std::string text = r.text("t");
    QVERIFY2(text.find("client a_b\na_b> PING\nclient a_b-2\na_b-2> PING\n") != std::string::npos, text.c_str());
    QVERIFY2(text.find("a_b> ECHO \"\\xff\\n\"\n") != std::string::npos, text.c_str());
    ParseResult parsed = parse(text, "r.qls");
    QVERIFY(parsed.ok());
}

void TstRecorder::replaysToTheSameWorld()
{
    // A live session: commands at chosen virtual times, timeouts on the way.
    auto clock = std::make_shared<VirtualClock>(kScenarioEpochMs);
    Broker live(clock);
    Recorder r(kScenarioEpochMs);
    std::map<std::string, ClientId> ids;
    auto type = [&](const std::string &who, std::vector<std::string> argv) {
        if (!ids.count(who))
            ids[who] = live.open(who, ClientSink {[](const Reply &, int) {}, [](const std::string &) {}, {}});
        r.command(clock->nowMs(), who, argv);
        live.send(ids[who], std::move(argv));
        live.sync();
    };
    auto wait = [&](std::int64_t ms) {
        live.advanceTime(ms);
        live.sync();
    };
    type("producer", {"SET", "cost", "$i $$"}); // dollars are not counters here
    type("producer", {"XADD", "orders", "*", "n", "1"});
    type("worker:1", {"XGROUP", "CREATE", "orders", "billing", "0"});
    wait(120);
    type("producer", {"XADD", "orders", "*", "n", "2"});
    type("worker:1", {"XREADGROUP", "GROUP", "billing", "w1", "COUNT", "1", "STREAMS", "orders", ">"});
    type("worker-2", {"BLPOP", "jobs", "1.5"});
    wait(700);
    type("worker-3", {"BLPOP", "jobs", "0"});
    wait(2000); // worker-2 times out on the way
    type("producer", {"RPUSH", "jobs", "a", "b"});
    type("worker-2", {"BLPOP", "jobs", "0"});
    wait(40);
    const std::string world = describe(live);
    QVERIFY2(world.find("1767225600000-0@w1x1") != std::string::npos, world.c_str());

    ParseResult parsed = parse(r.text("replay"), "r.qls");
    QVERIFY(parsed.ok());
    auto clock2 = std::make_shared<VirtualClock>(kScenarioEpochMs);
    Broker replay(clock2);
    {
        Runner runner(std::move(parsed.scenario), replay, *clock2);
        runner.runToEnd();
        QVERIFY(!runner.stoppedByError());
        replay.advanceTime(40); // the live session went on 40 ms after its last command
        replay.sync();
        QCOMPARE(describe(replay), world);
    }
}

QTEST_GUILESS_MAIN(TstRecorder)
#include "tst_recorder.moc"

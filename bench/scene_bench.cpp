// scene_bench: how fast the main window's scene keeps up with broker traffic. It opens the
// real ql::MainWindow at 1280x720, 20 clients and 10 keys (4 lists, 3 streams with a group
// each, 3 channels with 2-3 subscribers each), drives commands into the broker from a
// separate thread at 1k, 10k and 100k commands per second and measures the GUI thread:
// frame time (scene frame-timer tick -> end of the window paint that follows), paint time,
// frames per second, GUI-thread CPU time and where it goes, the wait of a queued event,
// events drained per frame, tokens in flight / bundled and events the feed dropped. Also
// the start-up time from main() to the first painted frame. Prints figures and whether the
// targets were met; it fails only on setup errors. App code is used as is, only watched.
//
// Usage: scene_bench [--rates 0,1000,10000,100000] [--seconds 5] [--empty-lists] [--no-console-traffic]
//   --rates: commands per second, one phase each (0 = idle); --seconds: length of a phase;
//   --empty-lists: no seed element, so each list is deleted by its pop and made again by
//     the next push; --no-console-traffic: only the 16 clients without a console send
//     (the consoles stay open and idle), which leaves out printing replies in consoles.
// Run with QT_QPA_PLATFORM=offscreen or under xvfb-run (with neither a platform nor a
// display set, it picks offscreen).
#include "scene_bench_probe.h"
#include "scene_bench_traffic.h"

#include "api/world_snapshot.h"
#include "broker/broker.h"
#include "feed/feed_pump.h"
#include "main/main_window.h"
#include "scene/scene_view.h"
#include "scene/world_scene.h"

#include <QApplication>
#include <QEventLoop>
#include <QScreen>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace scenebench;

namespace {

constexpr double kFrameTargetMs = 16.0; // p99 frame time at 10k/s
constexpr double kResponsiveWaitMs = 100.0; // p99 wait of a queued event at 100k/s
constexpr double kResponsiveFps = 20.0; // and the scene still animates
constexpr double kStartupTargetMs = 1000.0;

[[noreturn]] void setupError(const char *what)
{
    std::fprintf(stderr, "scene_bench: setup error: %s\n", what);
    std::exit(2);
}

// Runs the event loop until `done` holds (checked every 5 ms) or `timeoutMs` passes.
bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(5);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start();
    loop.exec();
    return done();
}

void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Seconds since the process started (from /proc, 10 ms resolution); -1 if unknown.
double processAgeSeconds()
{
    std::ifstream statFile("/proc/self/stat");
    std::ifstream uptimeFile("/proc/uptime");
    std::string stat;
    double uptime = 0;
    if (!std::getline(statFile, stat) || !(uptimeFile >> uptime))
        return -1;
    auto paren = stat.rfind(')');
    if (paren == std::string::npos)
        return -1;
    std::istringstream fields(stat.substr(paren + 2)); // field 3 onwards
    std::string field;
    for (int i = 3; i < 22 && fields >> field; ++i) { }
    unsigned long long startTicks = 0;
    if (!(fields >> startTicks))
        return -1;
    return uptime - static_cast<double>(startTicks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string parentCommand()
{
    std::ifstream f("/proc/" + std::to_string(getppid()) + "/cmdline");
    std::string cmd((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    for (char &c : cmd)
        if (c == '\0')
            c = ' ';
    return cmd;
}

struct Options {
    std::vector<double> rates {0, 1000, 10000, 100000};
    int seconds = 5;
    bool emptyLists = false;
    bool consoleTraffic = true; // the four console clients send commands too (their replies are printed)
};

Options parseOptions(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--rates" && i + 1 < argc) {
            o.rates.clear();
            std::stringstream list(argv[++i]);
            std::string r;
            while (std::getline(list, r, ','))
                o.rates.push_back(std::atof(r.c_str()));
        } else if (a == "--seconds" && i + 1 < argc) {
            o.seconds = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--empty-lists") {
            o.emptyLists = true;
        } else if (a == "--no-console-traffic") {
            o.consoleTraffic = false;
        } else {
            std::fprintf(stderr,
                "usage: scene_bench [--rates 0,1000,10000,100000] [--seconds 5] [--empty-lists] "
                "[--no-console-traffic]\n");
            std::exit(2);
        }
    }
    return o;
}

struct PhaseRow {
    double rate = 0;
    TrafficResult traffic;
    PhaseStats gui;
};

std::string rateName(double rate)
{
    if (rate <= 0)
        return "idle";
    char buf[32];
    if (rate >= 1000 && std::fmod(rate, 1000) == 0)
        std::snprintf(buf, sizeof buf, "%.0fk/s", rate / 1000);
    else
        std::snprintf(buf, sizeof buf, "%.0f/s", rate);
    return buf;
}

double fps(const PhaseStats &s)
{
    return s.seconds > 0 ? static_cast<double>(s.frames) / s.seconds : 0;
}

void printPhase(const PhaseRow &r)
{
    const PhaseStats &s = r.gui;
    const double sent = r.traffic.sendSeconds > 0 ? static_cast<double>(r.traffic.sent) / r.traffic.sendSeconds : 0;
    const double done = r.traffic.sendSeconds > 0
        ? static_cast<double>(r.traffic.sent) / (r.traffic.sendSeconds + r.traffic.drainMs / 1000)
        : 0;
    std::printf("  %-6s sent %8.0f cmd/s, broker done %8.0f cmd/s (backlog drained %.0f ms after stop)\n",
        rateName(r.rate).c_str(), sent, done, r.traffic.drainMs);
    std::printf("         frames %llu in %.1f s (%.1f fps), scene timer ticks %.1f/s, other window paints %llu\n",
        static_cast<unsigned long long>(s.frames), s.seconds, fps(s), static_cast<double>(s.ticks) / s.seconds,
        static_cast<unsigned long long>(s.otherPaints));
    std::printf("         frame (tick->painted) median %.2f p99 %.2f max %.2f ms over %zu frames; paint alone median "
                "%.2f p99 %.2f ms\n",
        percentile(s.frameMs, 50), percentile(s.frameMs, 99), percentile(s.frameMs, 100), s.frameMs.size(),
        percentile(s.paintMs, 50), percentile(s.paintMs, 99));
    std::printf("         paint-to-paint interval median %.2f p99 %.2f max %.2f ms; CPU: GUI thread %.0f%%, whole "
                "process %.0f%% (of one core)\n",
        percentile(s.intervalMs, 50), percentile(s.intervalMs, 99), percentile(s.intervalMs, 100), 100 * s.guiCpu,
        100 * s.processCpu);
    std::printf("         queued-event wait median %.2f p99 %.2f max %.2f ms (%zu probes)\n", percentile(s.pingMs, 50),
        percentile(s.pingMs, 99), percentile(s.pingMs, 100), s.pingMs.size());
    std::printf("         feed: %llu events (%.0f/s) in %llu batches, per frame median %.0f max %.0f, dropped %llu\n",
        static_cast<unsigned long long>(s.events), static_cast<double>(s.events) / s.seconds,
        static_cast<unsigned long long>(s.batches), percentile(s.eventsPerFrame, 50), percentile(s.eventsPerFrame, 100),
        static_cast<unsigned long long>(s.dropped));
    std::printf("         GUI thread time per second: paints %.0f ms, feed drains (scene + event log) %.0f ms, scene "
                "frame ticks %.0f ms, queued calls to the app (console replies) %.0f ms; consoles printed %.0f "
                "replies/s, skipped %.0f/s\n",
        s.allPaintsMs / s.seconds, s.feedMs / s.seconds, s.sceneTickMs / s.seconds, s.appCallsMs / s.seconds,
        static_cast<double>(s.consoleLines) / s.seconds, static_cast<double>(s.consoleSkipped) / s.seconds);
    std::vector<std::pair<double, std::string>> painted; // by time spent
    for (const auto &[name, p] : s.paintedWidgets)
        painted.emplace_back(p.ms, name);
    std::sort(painted.rbegin(), painted.rend());
    std::printf("         paint events per second by widget (paints/s, ms/s):");
    for (std::size_t i = 0; i < painted.size() && i < 6; ++i)
        std::printf("%s %s %.0f, %.0f", i ? ";" : "", painted[i].second.c_str(),
            static_cast<double>(s.paintedWidgets.at(painted[i].second).count) / s.seconds,
            painted[i].first / s.seconds);
    std::printf("\n");
    std::printf("         tokens in flight mean %.0f max %zu; bundled mean %.0f max %zu\n", s.meanInFlight,
        s.maxInFlight, s.meanBundled, s.maxBundled);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    const auto mainStart = Steady::now();
    const double ageAtMain = processAgeSeconds();
    const Options options = parseOptions(argc, argv);

    const bool chosePlatform = qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    if (chosePlatform)
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    // Not the app's own settings: the window starts at its default size and saves nothing.
    QCoreApplication::setOrganizationName(QStringLiteral("QueueLabSceneBench"));
    QCoreApplication::setApplicationName(QStringLiteral("scene_bench"));
    const auto appReady = Steady::now();

    ql::MainWindow window;
    const auto windowBuilt = Steady::now();

    // The scene view's frame timer and the feed pump's (each has exactly one 16 ms timer).
    auto timerOf = [](QObject *owner, const char *what) {
        QTimer *found = nullptr;
        for (QTimer *t : owner->findChildren<QTimer *>(Qt::FindDirectChildrenOnly))
            if (t->interval() == 16) {
                if (found)
                    setupError(what);
                found = t;
            }
        if (!found)
            setupError(what);
        return found;
    };
    QTimer *sceneTimer = timerOf(window.sceneView(), "the scene view has not exactly one 16 ms frame timer");
    QTimer *feedTimer = timerOf(window.feed(), "the feed pump has not exactly one 16 ms timer");
    if (!sceneTimer->isActive())
        setupError("the scene view's frame timer does not run");
    FrameProbe probe(window, sceneTimer, feedTimer);

    window.resize(1280, 720);
    window.show();
    if (!runUntil([&] { return probe.firstFrameEnd() != Steady::time_point {}; }, 10000))
        setupError(probe.sawWindowUpdates() ? "the window painted, but never the scene view"
                                            : "the window never painted (no UpdateRequest reached it)");

    // Platform.
    std::string platform = QGuiApplication::platformName().toStdString();
    std::string where;
    if (platform == "offscreen")
        where = chosePlatform ? "offscreen (chosen: no QT_QPA_PLATFORM and no DISPLAY)"
                              : "offscreen (QT_QPA_PLATFORM=offscreen)";
    else
        where = platform + " on DISPLAY=" + qEnvironmentVariable("DISPLAY").toStdString()
            + (parentCommand().find("xvfb-run") != std::string::npos ? " (under xvfb-run)" : "");
    const QScreen *screen = QGuiApplication::primaryScreen();
    std::printf("scene_bench: platform %s; screen %dx%d; window %dx%d, scene view %dx%d\n", where.c_str(),
        screen ? screen->size().width() : 0, screen ? screen->size().height() : 0, window.width(), window.height(),
        window.sceneView()->viewport()->width(), window.sceneView()->viewport()->height());

    // Clients: the two default consoles, two more consoles, 16 without a console.
    ql::Broker &broker = window.broker();
    std::vector<TrafficClient> producers, consumers, subscribers;
    {
        ql::WorldSnapshot w = broker.snapshot().get();
        for (const auto &c : w.clients) {
            if (c.name == "producer")
                producers.push_back({c.id, c.name});
            else if (c.name == "consumer")
                consumers.push_back({c.id, c.name});
        }
        if (producers.size() != 1 || consumers.size() != 1)
            setupError("the window has no default 'producer' and 'consumer' clients");
    }
    producers.push_back({window.addClient(QStringLiteral("producer-2")), "producer-2"});
    consumers.push_back({window.addClient(QStringLiteral("consumer-2")), "consumer-2"});
    for (int i = 3; i <= 6; ++i) {
        std::string p = "producer-" + std::to_string(i), c = "consumer-" + std::to_string(i);
        producers.push_back({broker.open(p, ql::ClientSink {}), p});
        consumers.push_back({broker.open(c, ql::ClientSink {}), c});
    }
    for (int i = 1; i <= 8; ++i) {
        std::string s = "sub-" + std::to_string(i);
        subscribers.push_back({broker.open(s, ql::ClientSink {}), s});
    }
    const std::size_t clientCount = producers.size() + consumers.size() + subscribers.size();
    probe.watchConsoles();

    // Keys: streams with a group, seeded lists, channels with 2, 3 and 3 subscribers.
    const ql::ClientId admin = producers[2].id;
    for (int i = 0; i < Traffic::kStreams; ++i)
        broker.send(admin, {"XGROUP", "CREATE", Traffic::streamKey(i), Traffic::group(), "$", "MKSTREAM"});
    if (!options.emptyLists)
        for (int i = 0; i < Traffic::kLists; ++i)
            broker.send(admin, {"RPUSH", Traffic::listKey(i), "seed"});
    const int firstSub[Traffic::kChannels + 1] = {0, 2, 5, 8};
    for (int ch = 0; ch < Traffic::kChannels; ++ch)
        for (int s = firstSub[ch]; s < firstSub[ch + 1]; ++s)
            broker.send(subscribers[static_cast<std::size_t>(s)].id, {"SUBSCRIBE", Traffic::channel(ch)});
    broker.sync();
    ql::WorldScene *scene = window.scene();
    auto sceneComplete = [&] {
        for (int i = 0; i < Traffic::kStreams; ++i)
            if (!scene->streamItem(QString::fromStdString(Traffic::streamKey(i))))
                return false;
        for (int i = 0; !options.emptyLists && i < Traffic::kLists; ++i)
            if (!scene->listItem(QString::fromStdString(Traffic::listKey(i))))
                return false;
        for (int i = 0; i < Traffic::kChannels; ++i)
            if (!scene->channelItem(QString::fromStdString(Traffic::channel(i))))
                return false;
        for (const auto *group : {&producers, &consumers, &subscribers})
            for (const auto &c : *group)
                if (!scene->clientItem(QString::fromStdString(c.name)))
                    return false;
        return true;
    };
    if (!runUntil(sceneComplete, 5000))
        setupError("the scene did not show every client and key within 5 s");
    std::printf("scene_bench: %zu clients (4 with a console tab), %d lists%s, %d streams (group '%s'), %d channels "
                "(2+3+3 subscribers); %d commands per round; rates are commands per second\n",
        clientCount, Traffic::kLists, options.emptyLists ? " (empty between jobs)" : " (one seed element each)",
        Traffic::kStreams, Traffic::group(), Traffic::kChannels, Traffic::kRound);
    std::printf("scene_bench: frame = scene frame-timer tick -> end of the window paint that follows (ticks while "
                "tokens fly); paint = that window paint alone; wait = how long a queued call posted every 10 ms from "
                "another thread waits on the GUI thread\n");
    std::fflush(stdout);
    runFor(1000);

    if (!options.consoleTraffic) { // the consoles are the first two of each role
        producers.erase(producers.begin(), producers.begin() + 2);
        consumers.erase(consumers.begin(), consumers.begin() + 2);
    }
    std::printf("scene_bench: traffic from %zu producers and %zu consumers%s\n", producers.size(), consumers.size(),
        options.consoleTraffic ? " (4 of them consoles, which print every reply)" : " (none of them a console)");
    std::fflush(stdout);
    Traffic traffic(broker, producers, consumers);
    std::vector<PhaseRow> rows;
    for (double rate : options.rates) {
        PhaseRow row;
        row.rate = rate;
        probe.begin();
        if (rate > 0)
            traffic.start(rate);
        runFor(options.seconds * 1000);
        row.gui = probe.end();
        if (rate > 0)
            row.traffic = traffic.stop();
        printPhase(row);
        rows.push_back(std::move(row));
        runFor(1500); // the scene settles before the next rate
    }

    // Start-up.
    const double startupMs = ms(probe.firstFrameEnd() - mainStart);
    std::printf(
        "\nstart-up: main() -> first scene frame painted %.0f ms (QApplication %.0f ms, MainWindow %.0f ms, "
        "then resize, show and first paint start %.0f ms, first paint end %.0f ms); exec -> main() about %.0f ms\n",
        startupMs, ms(appReady - mainStart), ms(windowBuilt - appReady), ms(probe.firstPaintStart() - windowBuilt),
        ms(probe.firstFrameEnd() - windowBuilt), ageAtMain >= 0 ? ageAtMain * 1000 : -1.0);

    // Table.
    std::printf("\n%-7s %10s %10s %9s %9s %9s %6s %7s %9s %8s %8s %8s\n", "rate", "sent/s", "done/s", "frame p50",
        "frame p99", "paint p99", "fps", "gui cpu", "wait p99", "ev/frame", "tokens", "dropped");
    for (const PhaseRow &r : rows) {
        const PhaseStats &s = r.gui;
        const double sent = r.traffic.sendSeconds > 0 ? static_cast<double>(r.traffic.sent) / r.traffic.sendSeconds : 0;
        const double done = r.traffic.sendSeconds > 0
            ? static_cast<double>(r.traffic.sent) / (r.traffic.sendSeconds + r.traffic.drainMs / 1000)
            : 0;
        char tokens[32];
        std::snprintf(tokens, sizeof tokens, "%zu/%zu", s.maxInFlight, s.maxBundled);
        std::printf("%-7s %10.0f %10.0f %9.2f %9.2f %9.2f %6.1f %6.0f%% %9.2f %8.0f %8s %8llu\n",
            rateName(r.rate).c_str(), sent, done, percentile(s.frameMs, 50), percentile(s.frameMs, 99),
            percentile(s.paintMs, 99), fps(s), 100 * s.guiCpu, percentile(s.pingMs, 99),
            percentile(s.eventsPerFrame, 50), tokens, static_cast<unsigned long long>(s.dropped));
    }
    std::printf("(times in ms; tokens = most in flight / most bundled in one frame; ev/frame = median feed events "
                "drained per frame)\n\n");

    // Targets.
    auto find = [&](double rate) -> const PhaseRow * {
        for (const PhaseRow &r : rows)
            if (r.rate == rate)
                return &r;
        return nullptr;
    };
    if (const PhaseRow *r = find(10000)) {
        const double p99 = percentile(r->gui.frameMs, 99);
        std::printf("target: frame p99 < %.0f ms at 10k/s: %s (%.2f ms)\n", kFrameTargetMs,
            p99 < kFrameTargetMs ? "MET" : "MISSED", p99);
    } else {
        std::printf("target: frame p99 < %.0f ms at 10k/s: not measured\n", kFrameTargetMs);
    }
    if (const PhaseRow *r = find(100000)) {
        const double wait = percentile(r->gui.pingMs, 99);
        const bool ok = wait < kResponsiveWaitMs && fps(r->gui) >= kResponsiveFps;
        std::printf("target: responsive at 100k/s (queued-event wait p99 < %.0f ms and >= %.0f fps): %s (%.1f ms, "
                    "%.1f fps)\n",
            kResponsiveWaitMs, kResponsiveFps, ok ? "MET" : "MISSED", wait, fps(r->gui));
    } else {
        std::printf("target: responsive at 100k/s: not measured\n");
    }
    std::printf("target: start-up < %.0f ms: %s (%.0f ms)\n", kStartupTargetMs,
        startupMs < kStartupTargetMs ? "MET" : "MISSED", startupMs);
    return 0;
}

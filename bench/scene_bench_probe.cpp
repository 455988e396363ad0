// FrameProbe (scene_bench): see scene_bench_probe.h for what it measures and how.
#include "scene_bench_probe.h"

#include "console/console_client.h"
#include "feed/feed_pump.h"
#include "main/main_window.h"
#include "scene/scene_view.h"
#include "scene/token_layer.h"
#include "scene/world_scene.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <limits>

namespace scenebench {

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return std::numeric_limits<double>::quiet_NaN();
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

double ms(Steady::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

namespace {

double cpuSeconds(clockid_t clock)
{
    timespec t {};
    clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

} // namespace

FrameProbe::FrameProbe(ql::MainWindow &window, QTimer *sceneTimer, QTimer *feedTimer)
    : m_window(window), m_sceneTimer(sceneTimer), m_feedTimer(feedTimer), m_viewport(window.sceneView()->viewport())
{
    // One application-wide filter (it sees every event of the GUI thread first).
    qApp->installEventFilter(this);
    connect(m_window.feed(), &ql::FeedPump::batch, this, [this](const std::vector<ql::Event> &, std::uint64_t dropped) {
        if (m_measuring) {
            ++m_stats.batches;
            m_stats.dropped += dropped;
        }
    });
}

FrameProbe::~FrameProbe()
{
    qApp->removeEventFilter(this);
    m_pinging = false;
    if (m_pinger.joinable())
        m_pinger.join();
}

void FrameProbe::watchConsoles()
{
    for (ql::ConsoleClient *c : m_window.findChildren<ql::ConsoleClient *>()) {
        connect(c, &ql::ConsoleClient::replyReceived, this, [this] {
            if (m_measuring)
                ++m_stats.consoleLines;
        });
        connect(c, &ql::ConsoleClient::repliesSkipped, this, [this](qsizetype n) {
            if (m_measuring)
                m_stats.consoleSkipped += static_cast<std::uint64_t>(n);
        });
    }
}

double FrameProbe::deliverTimed(QObject *watched, QEvent *event)
{
    const bool outer = m_delivering;
    m_delivering = true;
    const auto start = Steady::now();
    QCoreApplication::sendEvent(watched, event);
    const double took = ms(Steady::now() - start);
    m_delivering = outer;
    return took;
}

bool FrameProbe::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type == QEvent::Paint) {
        if (watched == m_viewport) {
            if (m_firstPaintStart == Steady::time_point {})
                m_firstPaintStart = Steady::now();
            m_viewportPainted = true;
        }
        if (!m_measuring || m_inPaint)
            return false;
        // Viewports and plain widgets are named after what holds them.
        std::string name = watched->metaObject()->className();
        if (QObject *parent = watched->parent();
            parent && (name == "QWidget" || watched->objectName() == QLatin1String("qt_scrollarea_viewport")))
            name = parent->metaObject()->className() + std::string("/") + name;
        m_inPaint = true;
        const auto start = Steady::now();
        QCoreApplication::sendEvent(watched, event);
        PhaseStats::Painted &p = m_stats.paintedWidgets[name];
        p.ms += ms(Steady::now() - start);
        ++p.count;
        m_inPaint = false;
        return true; // painted already
    }
    if (m_delivering)
        return false;
    if (watched == &m_window && type == QEvent::UpdateRequest) {
        // Painting and flushing the whole window happen inside this delivery.
        ++m_windowUpdates;
        m_viewportPainted = false;
        const auto start = Steady::now();
        deliverTimed(watched, event);
        const auto end = Steady::now();
        if (m_measuring)
            m_stats.allPaintsMs += ms(end - start);
        windowPainted(start, end, m_viewportPainted);
        return true; // delivered already
    }
    if (watched == m_sceneTimer && type == QEvent::Timer) {
        // SceneView::frame() runs in this delivery; with tokens flying it asks for a paint.
        if (m_measuring)
            ++m_stats.ticks;
        if (!m_tickPending && m_window.scene()->tokens()->inFlight() > 0) {
            m_tickPending = true;
            m_tickAt = Steady::now();
        }
        const double took = deliverTimed(watched, event);
        if (m_measuring)
            m_stats.sceneTickMs += took;
        return true;
    }
    if (watched == m_feedTimer && type == QEvent::Timer) {
        const double took = deliverTimed(watched, event);
        if (m_measuring)
            m_stats.feedMs += took;
        return true;
    }
    if (watched == qApp && type == QEvent::MetaCall) {
        const double took = deliverTimed(watched, event);
        if (m_measuring)
            m_stats.appCallsMs += took;
        return true;
    }
    return false;
}

void FrameProbe::windowPainted(Steady::time_point start, Steady::time_point end, bool sceneRepainted)
{
    if (!sceneRepainted) {
        if (m_measuring)
            ++m_stats.otherPaints;
        return;
    }
    if (m_firstFrameEnd == Steady::time_point {})
        m_firstFrameEnd = end;
    const std::uint64_t seen = m_window.feed()->eventsSeen();
    if (m_measuring) {
        ++m_stats.frames;
        m_stats.paintMs.push_back(ms(end - start));
        if (m_tickPending)
            m_stats.frameMs.push_back(ms(end - m_tickAt));
        if (m_lastFrameEnd != Steady::time_point {})
            m_stats.intervalMs.push_back(ms(end - m_lastFrameEnd));
        m_stats.eventsPerFrame.push_back(static_cast<double>(seen - m_seenAtLastFrame));
        const ql::TokenLayer *tokens = m_window.scene()->tokens();
        m_stats.maxInFlight = std::max(m_stats.maxInFlight, tokens->inFlight());
        m_stats.maxBundled = std::max(m_stats.maxBundled, tokens->bundled());
        m_sumInFlight += static_cast<double>(tokens->inFlight());
        m_sumBundled += static_cast<double>(tokens->bundled());
        m_lastFrameEnd = end;
    }
    m_tickPending = false;
    m_seenAtLastFrame = seen;
}

void FrameProbe::begin()
{
    m_stats = PhaseStats {};
    m_sumInFlight = m_sumBundled = 0;
    m_lastFrameEnd = {};
    m_tickPending = false;
    m_seenAtBegin = m_seenAtLastFrame = m_window.feed()->eventsSeen();
    m_begin = Steady::now();
    m_threadCpuAtBegin = cpuSeconds(CLOCK_THREAD_CPUTIME_ID); // begin() and end() run on the GUI thread
    m_processCpuAtBegin = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
    m_measuring = true;

    // Every 10 ms a queued call from another thread, as input from the window system
    // would come: how long it waits says how responsive the window is.
    m_pinging = true;
    m_pinger = std::thread([this] {
        auto next = Steady::now();
        while (m_pinging) {
            const auto posted = Steady::now();
            QMetaObject::invokeMethod(
                this,
                [this, posted] {
                    if (m_measuring)
                        m_stats.pingMs.push_back(ms(Steady::now() - posted));
                },
                Qt::QueuedConnection);
            next += std::chrono::milliseconds(10);
            std::this_thread::sleep_until(next);
        }
    });
}

PhaseStats FrameProbe::end()
{
    m_pinging = false;
    m_pinger.join();
    const auto now = Steady::now();
    m_measuring = false;
    PhaseStats s = std::move(m_stats);
    s.seconds = std::chrono::duration<double>(now - m_begin).count();
    s.guiCpu = (cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - m_threadCpuAtBegin) / s.seconds;
    s.processCpu = (cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - m_processCpuAtBegin) / s.seconds;
    s.events = m_window.feed()->eventsSeen() - m_seenAtBegin;
    if (s.frames) {
        s.meanInFlight = m_sumInFlight / static_cast<double>(s.frames);
        s.meanBundled = m_sumBundled / static_cast<double>(s.frames);
    }
    m_stats = PhaseStats {};
    return s;
}

} // namespace scenebench

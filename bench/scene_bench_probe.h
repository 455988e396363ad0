// FrameProbe (scene_bench): watches the main window's GUI thread without changing it. It
// times every frame from the scene view's own frame-timer tick to the end of the window
// paint that follows, the CPU time of the GUI thread and of the process, how long a
// queued event waits (a stand-in for a click), the events the feed pump drains per frame,
// the tokens in flight and the events the feed dropped. It also splits the GUI thread's
// time into the window paints, the feed pump's drains (scene, event log), the scene's
// frame ticks, the queued calls to the application object (console replies) and the paint
// events of each widget class, by delivering those events itself from an application-wide
// event filter and timing the delivery (the filter then swallows the original delivery).
#pragma once

#include <QObject>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <thread>
#include <vector>

class QTimer;
class QWidget;

namespace ql {
class MainWindow;
}

namespace scenebench {

using Steady = std::chrono::steady_clock;

double percentile(std::vector<double> v, double p); // nearest rank; NaN when empty
double ms(Steady::duration d);

struct PhaseStats {
    double seconds = 0;
    std::uint64_t ticks = 0; // scene frame-timer ticks
    std::uint64_t frames = 0; // window paints that repainted the scene view
    std::uint64_t otherPaints = 0; // window paints without the scene view (consoles, docks)
    std::vector<double> frameMs; // tick -> end of the paint that followed it
    std::vector<double> paintMs; // the window paint alone (scene frames only)
    std::vector<double> intervalMs; // end of a scene paint -> end of the next one
    std::vector<double> pingMs; // a queued event's wait on the GUI thread
    std::vector<double> eventsPerFrame; // drained by the feed pump between two scene paints
    double guiCpu = 0; // GUI thread CPU time / wall time
    double processCpu = 0; // every thread of the process (broker, traffic, GUI) / wall time
    std::uint64_t events = 0; // feed events the window drained
    std::uint64_t batches = 0;
    std::uint64_t dropped = 0; // feed events the window never saw
    std::size_t maxInFlight = 0, maxBundled = 0;
    double meanInFlight = 0, meanBundled = 0;
    // Where the GUI thread's time went (ms in total over the phase).
    double allPaintsMs = 0; // every window paint and flush
    double feedMs = 0; // FeedPump drains: WorldScene::onEvents, the event log, the rest of `batch`
    double sceneTickMs = 0; // SceneView's frame timer: snapshots applied, tokens launched and moved
    double appCallsMs = 0; // queued calls to the application object: console replies mostly
    std::uint64_t consoleLines = 0, consoleSkipped = 0; // replies printed / counted only by the consoles
    struct Painted {
        std::uint64_t count = 0;
        double ms = 0; // in its paintEvent (children are painted apart, so nothing counts twice)
    };
    std::map<std::string, Painted> paintedWidgets; // by widget class ("Holder/QWidget" for viewports)
};

class FrameProbe : public QObject {
public:
    // `sceneTimer` is the scene view's 16 ms animation timer, `feedTimer` the feed pump's.
    FrameProbe(ql::MainWindow &window, QTimer *sceneTimer, QTimer *feedTimer);
    ~FrameProbe() override;

    // Counts what the window's consoles print (call after the clients are added).
    void watchConsoles();

    // The first scene paint since construction (start-up); zero time_point until then.
    Steady::time_point firstPaintStart() const { return m_firstPaintStart; }
    Steady::time_point firstFrameEnd() const { return m_firstFrameEnd; }
    bool sawWindowUpdates() const { return m_windowUpdates > 0; }

    void begin(); // starts a measured phase
    PhaseStats end();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Delivers `event` now (the filter then swallows the original delivery); returns ms.
    double deliverTimed(QObject *watched, QEvent *event);
    void windowPainted(Steady::time_point start, Steady::time_point end, bool sceneRepainted);

    ql::MainWindow &m_window;
    QTimer *m_sceneTimer;
    QTimer *m_feedTimer;
    QWidget *m_viewport;
    bool m_delivering = false; // inside deliverTimed: let events through untouched
    bool m_inPaint = false; // inside a timed paint event

    Steady::time_point m_firstPaintStart {};
    Steady::time_point m_firstFrameEnd {};
    std::uint64_t m_windowUpdates = 0;

    bool m_viewportPainted = false;
    bool m_tickPending = false;
    Steady::time_point m_tickAt {};
    Steady::time_point m_lastFrameEnd {};
    std::uint64_t m_seenAtLastFrame = 0;

    bool m_measuring = false;
    PhaseStats m_stats;
    Steady::time_point m_begin {};
    std::uint64_t m_seenAtBegin = 0;
    double m_threadCpuAtBegin = 0, m_processCpuAtBegin = 0;
    double m_sumInFlight = 0, m_sumBundled = 0;

    std::atomic<bool> m_pinging {false};
    std::thread m_pinger;
};

} // namespace scenebench

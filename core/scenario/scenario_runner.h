// Runs a parsed scenario against a broker on a virtual clock, one statement at a time.
//
// - Every command is sent as its client and the runner waits until the broker has run it;
//   a command that blocks (BRPOP jobs 0) leaves that client waiting and the script goes on.
// - Time moves only through `wait`, `at` and `repeat ... every`; the runner advances the
//   VirtualClock itself (the clock must stay paused), so timeouts end at their deadlines
//   and a run is repeatable to the byte.
// - `expect` compares in redis-cli notation: both sides are printed as redis-cli prints
//   them and must be equal. A failed expectation is reported and the run goes on; a script
//   error (an `at` in the past, an unsupported statement) stops it.
// - What happens is reported as TranscriptEntry values, stamped with the virtual time
//   since the run began, to the sink given with setSink().
//
// One statement per step(); a long wait may be split with step(maxAdvanceMs), which the
// window uses to animate time. `repeat` lines are not statements: their bodies run.
// The caller's thread drives the runner; sinks of the broker's clients only queue output.
#pragma once

#include "scenario/scenario.h"
#include "scenario/transcript.h"

#include "broker/broker.h"

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ql::scenario {

// Virtual time at which headless runs start: 2026-01-01 00:00:00 UTC, so `XADD s *`
// gives ids that look like real ones ("1767225600000-0") and are the same on every run.
inline constexpr std::int64_t kScenarioEpochMs = 1'767'225'600'000;

// The name of the connection that runs `expect COMMAND == REPLY` and `flushall`. It cannot
// clash with a declared client: scenario names have no colon.
inline constexpr const char *kObserverName = "queuelab:check";

// Statements the runner cannot run (crash broker, restart broker), as errors.
std::vector<Diagnostic> checkRunnable(const Scenario &scenario);

class Runner {
public:
    using Sink = std::function<void(const TranscriptEntry &)>;

    // `clock` is the broker's clock; it must be paused. Time 0 of the run is its time now.
    Runner(Scenario scenario, Broker &broker, VirtualClock &clock);
    ~Runner(); // closes the run's connections
    Runner(const Runner &) = delete;
    Runner &operator=(const Runner &) = delete;

    void setSink(Sink sink) { m_sink = std::move(sink); }
    // Told whenever the run opens a connection for a client (the window colours it).
    void setConnectHook(std::function<void(const std::string &name, ClientId id)> hook)
    {
        m_connectHook = std::move(hook);
    }

    // Runs the next statement, or moves a pending wait on by at most maxAdvanceMs.
    void step(std::int64_t maxAdvanceMs = std::numeric_limits<std::int64_t>::max());
    void runToEnd();

    // Gives up the run's open connections without closing them: (name, id) in declaration
    // order. The caller rebinds each (Backend::rebind) before the runner goes away.
    std::vector<std::pair<std::string, ClientId>> release();

    bool finished() const { return m_done; }
    bool stoppedByError() const { return m_error; }
    // Where the next step() continues (a wait in progress: the wait). Line 0 at the end.
    SourceLocation nextLocation() const;
    // Milliseconds of virtual time still to pass before the next statement runs.
    std::int64_t pendingWaitMs() const { return m_waitUntil > m_now ? m_waitUntil - m_now : 0; }
    // The next statement declares a client (the window runs leading ones at once, so the
    // clients are on the scene before the story starts).
    bool nextIsDeclaration() const
    {
        return m_waitUntil <= m_now && m_next && std::holds_alternative<DeclareClient>(m_next->body);
    }
    // The statement the last step() ran was `pause`.
    bool pausedByScript() const { return m_paused; }
    std::int64_t elapsedMs() const { return m_now; }
    // Statements run so far (a wait counts once, when it starts). Running a fresh runner of
    // the same scenario on an emptied broker to the same count rebuilds the same world.
    std::int64_t statementsRun() const { return m_statementsRun; }
    int expectationsPassed() const { return m_passed; }
    int expectationsFailed() const { return m_failed; }
    const Scenario &scenario() const { return m_scenario; }

private:
    struct Connection {
        std::string name;
        ClientId id = kNoClient;
        bool alive = false;
        std::int64_t sent = 0;
        std::int64_t replied = 0;
        std::optional<Reply> last;
        std::vector<Reply> pushes;
        std::size_t pushesMatched = 0; // pushes before this were matched or skipped
        std::size_t pushesAtCommand = 0; // pushes received before its latest command
    };
    struct Output {
        std::string name;
        std::int64_t ms = 0;
        bool closed = false;
        Reply reply;
        std::string reason;
    };
    struct Frame {
        const std::vector<Step> *steps = nullptr;
        std::size_t index = 0;
        std::int64_t iteration = 1;
        std::int64_t count = 1;
        std::int64_t everyMs = 0;
        std::int64_t firstStartMs = 0;
        std::int64_t blockStartMs = 0;
    };

    void prepareNext();
    void execute(const Step &step);
    void advance(std::int64_t ms);
    void fail(SourceLocation where, std::string message);
    void emit(TranscriptEntry entry);
    std::vector<std::int64_t> counters() const;

    Connection &connection(const std::string &name);
    void connect(Connection &c);
    void sendAndWait(Connection &c, std::vector<std::string> argv);
    void drainOutputs(SourceLocation where);
    std::optional<Reply> observe(std::vector<std::string> argv);

    void runCommand(const Command &cmd, SourceLocation where);
    void expectReply(const ExpectReply &e, SourceLocation where);
    void expectPush(const ExpectPush &e, SourceLocation where);
    void expectState(const ExpectState &e, SourceLocation where);
    void expectObserved(const ExpectObserved &e, SourceLocation where);
    void disconnect(const std::string &name, bool kill, SourceLocation where);
    void report(SourceLocation where, std::string text, const std::string &expected, const std::string &actual,
        bool showPassed = true);

    Scenario m_scenario;
    Broker &m_broker;
    VirtualClock &m_clock;
    std::int64_t m_epoch = 0;
    Sink m_sink;
    std::function<void(const std::string &, ClientId)> m_connectHook;
    std::int64_t m_statementsRun = 0;

    std::vector<Frame> m_frames;
    const Step *m_next = nullptr; // the statement step() runs next
    std::int64_t m_now = 0;
    std::int64_t m_waitUntil = 0;
    SourceLocation m_waitWhere;
    bool m_needPrepare = false; // the statement ran; the cursor moves on after its wait
    bool m_done = false;
    bool m_error = false;
    bool m_paused = false;
    int m_passed = 0;
    int m_failed = 0;

    std::map<std::string, Connection> m_connections;
    Connection m_observer;

    std::mutex m_outMutex;
    std::vector<Output> m_outputs; // filled by the broker thread
};

// Reads, checks and runs a .qls file on a fresh broker, printing the transcript to `out`
// and problems to `err`. Returns 0 when every expectation held, 1 when one failed, 2 when
// the file could not be read or has errors.
int runHeadless(const std::string &path, std::FILE *out, std::FILE *err);

} // namespace ql::scenario

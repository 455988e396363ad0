// ScenarioPlayer: plays a scenario in the window, on the window's broker. It drives a
// scenario::Runner from the GUI thread: statements run at a readable pace (a beat after
// each command), waits pass in slices so the scene animates them (a long wait faster, so
// it lasts at most about 3 s), `pause` stops until the presenter presses Play, and the
// speed scales all of it. Virtual time and the transcript are the same as headless.
//
// Time travel: a run is deterministic, so any earlier moment is rebuilt by emptying the
// world and running the same scenario again, at full speed, up to that many statements
// (seek). The timeline therefore covers every statement run since the scenario loaded.
//
// The player asks its owner to prepare the world before each (re)start: close the window's
// own clients and empty the broker. It then sets the clock to the scenario epoch, so ids
// and times match a headless run.
#pragma once

#include "scenario/scenario_runner.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QTimer;

namespace ql {

class Broker;
class VirtualClock;

class ScenarioPlayer : public QObject {
    Q_OBJECT
public:
    struct Error {
        int line = 0;
        int column = 0;
        QString message;
    };
    enum class State { Empty, Paused, Playing, Seeking, Finished };

    ScenarioPlayer(Broker &broker, VirtualClock &clock, QObject *parent = nullptr);
    ~ScenarioPlayer() override;

    // Called before every run starts: the window closes its clients and empties the world.
    void setPrepareWorld(std::function<void()> prepare) { m_prepareWorld = std::move(prepare); }

    // Parses `text` and, when it has no errors, starts it from the beginning (paused).
    // With errors the run stops (nothing can play a script that does not parse).
    bool load(const QString &text, const QString &fileName);
    bool load(const QByteArray &utf8, const QString &fileName);
    // Stops the run and forgets the scenario; the world stays. Its connections close, or
    // with `adopt`, each open one is handed over (adopt must rebind it at once).
    void unload(const std::function<void(const QString &name, ClientId id)> &adopt = {});
    QList<Error> errors() const { return m_errors; }
    bool isLoaded() const { return m_runner != nullptr; }
    QString fileName() const { return m_fileName; } // of the last load, also one with errors
    QString text() const { return m_text; }

    void play();
    void pause();
    void togglePlay();
    // One statement; a wait passes whole.
    void step();
    // Back to just before the last statement.
    void stepBack();
    // Rebuilds the moment after `statements` statements (at least startPosition()).
    void seek(std::int64_t statements);
    void restart() { seek(0); }
    void setSpeed(double speed);
    double speed() const { return m_speed; }

    State state() const { return m_state; }
    std::int64_t position() const; // statements run
    std::int64_t furthest() const { return m_furthest; } // the timeline's end so far
    std::int64_t startPosition() const { return m_startPosition; } // after the leading declarations
    std::int64_t elapsedMs() const;
    int currentLine() const; // the line the next step runs (0: none)
    int passed() const;
    int failed() const;
    // The run's virtual time after each statement, for the timeline's labels.
    std::int64_t timeAt(std::int64_t statements) const;

    // How long the player lingers after a command, in wall-clock ms at 1x.
    static constexpr int kCommandBeatMs = 450;
    static constexpr int kSectionBeatMs = 900;
    // A wait longer than this plays in this much wall time (at 1x): a minute in 3 s.
    static constexpr double kLongWaitWallMs = 3000;

Q_SIGNALS:
    void transcriptCleared();
    void entryAdded(const ql::scenario::TranscriptEntry &entry);
    void clientConnected(const QString &name, ql::ClientId id, const QString &color);
    void stateChanged(ql::ScenarioPlayer::State state);
    void positionChanged();
    void errorsChanged();
    void speedChanged(double speed);

private:
    void startFresh();
    void tick();
    void runOne(std::int64_t maxAdvanceMs);
    void setState(State state);
    void continueSeek();

    Broker &m_broker;
    VirtualClock &m_clock;
    std::function<void()> m_prepareWorld;
    scenario::Scenario m_scenario;
    std::unique_ptr<scenario::Runner> m_runner;
    QString m_fileName;
    QString m_text;
    QList<Error> m_errors;
    State m_state = State::Empty;
    double m_speed = 1.0;
    QTimer *m_timer;
    QElapsedTimer m_wall;
    double m_beatLeftMs = 0; // wall ms at 1x before the next statement
    std::int64_t m_furthest = 0;
    std::int64_t m_seekTarget = -1;
    std::int64_t m_startPosition = 0;
    std::vector<std::int64_t> m_times; // elapsed ms after statement k (index k)
    std::int64_t m_waitTotalMs = 0; // the length of the wait in progress
    bool m_producedCommand = false;
    bool m_producedSection = false;
};

} // namespace ql

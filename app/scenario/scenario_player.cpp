#include "scenario_player.h"

#include "broker/broker.h"
#include "scenario/scenario_parser.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

namespace ql {

namespace {
constexpr int kTickMs = 16;
constexpr int kMaxStatementsPerTick = 200; // a tick never holds the GUI for long
constexpr int kSeekChunk = 2000; // statements replayed per event-loop turn while seeking
} // namespace

ScenarioPlayer::ScenarioPlayer(Broker &broker, VirtualClock &clock, QObject *parent)
    : QObject(parent), m_broker(broker), m_clock(clock), m_timer(new QTimer(this))
{
    m_timer->setInterval(kTickMs);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &ScenarioPlayer::tick);
}

ScenarioPlayer::~ScenarioPlayer() = default;

bool ScenarioPlayer::load(const QString &text, const QString &fileName)
{
    return load(text.toUtf8(), fileName);
}

bool ScenarioPlayer::load(const QByteArray &utf8, const QString &fileName)
{
    scenario::ParseResult parsed = scenario::parse(
        std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())), fileName.toStdString());
    std::vector<scenario::Diagnostic> problems = parsed.errors;
    if (parsed.ok())
        problems = scenario::checkRunnable(parsed.scenario);
    m_fileName = fileName;
    m_errors.clear();
    for (const auto &d : problems)
        m_errors.append({d.where.line, d.where.column, QString::fromStdString(d.message)});
    Q_EMIT errorsChanged();
    if (!m_errors.isEmpty()) {
        if (m_runner)
            unload();
        return false;
    }
    m_scenario = std::move(parsed.scenario);
    m_text = QString::fromUtf8(utf8);
    m_furthest = 0;
    m_seekTarget = -1;
    startFresh();
    m_furthest = m_startPosition;
    setState(State::Paused);
    Q_EMIT positionChanged();
    return true;
}

void ScenarioPlayer::unload(const std::function<void(const QString &name, ClientId id)> &adopt)
{
    m_timer->stop();
    if (m_runner && adopt)
        for (const auto &[name, id] : m_runner->release())
            adopt(QString::fromStdString(name), id);
    m_runner.reset(); // its sync: the rebinds are done before its sinks go
    m_times.clear();
    m_furthest = 0;
    setState(State::Empty);
    Q_EMIT positionChanged();
}

void ScenarioPlayer::startFresh()
{
    m_runner.reset(); // its connections close first
    if (m_prepareWorld)
        m_prepareWorld();
    m_clock.pause();
    m_broker.resetTime(scenario::kScenarioEpochMs);
    m_broker.sync();
    Q_EMIT transcriptCleared();
    m_runner = std::make_unique<scenario::Runner>(m_scenario, m_broker, m_clock);
    m_runner->setSink([this](const scenario::TranscriptEntry &e) {
        using K = scenario::TranscriptEntry::Kind;
        m_producedCommand = m_producedCommand || e.kind == K::Command;
        m_producedSection = m_producedSection || e.kind == K::Section;
        Q_EMIT entryAdded(e);
    });
    m_runner->setConnectHook([this](const std::string &name, ClientId id) {
        QString color;
        for (const auto &c : m_scenario.clients)
            if (c.name == name)
                color = QString::fromStdString(c.color);
        Q_EMIT clientConnected(QString::fromStdString(name), id, color);
    });
    m_times.assign(1, 0);
    m_beatLeftMs = 0;
    // The clients declared at the top connect at once: the scene shows the cast before
    // the first line of the story. The start of the timeline is after them.
    while (m_runner->nextIsDeclaration())
        m_runner->step();
    m_startPosition = m_runner->statementsRun();
    m_times.assign(static_cast<std::size_t>(m_startPosition) + 1, 0);
}

void ScenarioPlayer::setState(State state)
{
    if (state == State::Playing || state == State::Seeking) {
        if (!m_timer->isActive()) {
            m_wall.start();
            m_timer->start();
        }
    } else {
        m_timer->stop();
    }
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ScenarioPlayer::play()
{
    if (!m_runner || m_state == State::Seeking)
        return;
    if (m_state == State::Finished)
        seek(0);
    m_beatLeftMs = 0;
    setState(State::Playing);
}

void ScenarioPlayer::pause()
{
    if (m_state == State::Playing)
        setState(State::Paused);
}

void ScenarioPlayer::togglePlay()
{
    m_state == State::Playing ? pause() : play();
}

void ScenarioPlayer::setSpeed(double speed)
{
    m_speed = std::clamp(speed, 0.1, 100.0);
    Q_EMIT speedChanged(m_speed);
}

std::int64_t ScenarioPlayer::position() const
{
    return m_runner ? m_runner->statementsRun() : 0;
}

std::int64_t ScenarioPlayer::elapsedMs() const
{
    return m_runner ? m_runner->elapsedMs() : 0;
}

int ScenarioPlayer::currentLine() const
{
    return m_runner && !m_runner->finished() ? m_runner->nextLocation().line : 0;
}

int ScenarioPlayer::passed() const
{
    return m_runner ? m_runner->expectationsPassed() : 0;
}

int ScenarioPlayer::failed() const
{
    return m_runner ? m_runner->expectationsFailed() : 0;
}

std::int64_t ScenarioPlayer::timeAt(std::int64_t statements) const
{
    if (m_times.empty())
        return 0;
    auto k = static_cast<std::size_t>(std::clamp<std::int64_t>(statements, 0, std::int64_t(m_times.size()) - 1));
    return m_times[k];
}

void ScenarioPlayer::runOne(std::int64_t maxAdvanceMs)
{
    m_producedCommand = m_producedSection = false;
    const bool waiting = m_runner->pendingWaitMs() > 0;
    m_runner->step(maxAdvanceMs);
    if (!waiting && m_runner->pendingWaitMs() > 0)
        m_waitTotalMs = m_runner->pendingWaitMs();
    const auto pos = static_cast<std::size_t>(m_runner->statementsRun());
    if (m_times.size() <= pos)
        m_times.resize(pos + 1, m_runner->elapsedMs());
    m_times[pos] = m_runner->elapsedMs();
    m_furthest = std::max<std::int64_t>(m_furthest, std::int64_t(pos));
    if (m_producedSection)
        m_beatLeftMs = kSectionBeatMs;
    else if (m_producedCommand)
        m_beatLeftMs = kCommandBeatMs;
}

void ScenarioPlayer::step()
{
    if (!m_runner || m_state == State::Seeking)
        return;
    pause();
    if (m_runner->finished() && m_runner->pendingWaitMs() == 0)
        return;
    runOne(std::numeric_limits<std::int64_t>::max());
    m_beatLeftMs = 0;
    if (m_runner->finished() && m_runner->pendingWaitMs() == 0)
        setState(State::Finished);
    Q_EMIT positionChanged();
}

void ScenarioPlayer::stepBack()
{
    if (m_runner && position() > m_startPosition)
        seek(position() - 1);
}

void ScenarioPlayer::seek(std::int64_t statements)
{
    if (m_scenario.steps.empty() && !m_runner)
        return;
    m_timer->stop();
    statements = std::max<std::int64_t>(m_startPosition, statements);
    if (!m_runner || statements < position() || (statements == position() && m_runner->pendingWaitMs() > 0))
        startFresh();
    m_seekTarget = statements;
    continueSeek();
}

void ScenarioPlayer::continueSeek()
{
    int n = 0;
    while (m_runner->statementsRun() < m_seekTarget && !(m_runner->finished() && m_runner->pendingWaitMs() == 0)) {
        if (++n > kSeekChunk) { // go on after the event loop had a turn
            setState(State::Seeking);
            Q_EMIT positionChanged();
            return;
        }
        runOne(std::numeric_limits<std::int64_t>::max());
    }
    if (m_runner->pendingWaitMs() > 0) // the target statement was a wait: let it pass
        runOne(std::numeric_limits<std::int64_t>::max());
    m_seekTarget = -1;
    m_beatLeftMs = 0;
    setState(m_runner->finished() ? State::Finished : State::Paused);
    Q_EMIT positionChanged();
}

void ScenarioPlayer::tick()
{
    if (!m_runner)
        return;
    if (m_state == State::Seeking) {
        continueSeek();
        return;
    }
    // Wall time since the last tick, scaled by the speed: waits pass in virtual ms, beats
    // in wall ms at 1x.
    double budget = static_cast<double>(m_wall.restart()) * m_speed;
    int statements = 0;
    while (m_state == State::Playing && statements < kMaxStatementsPerTick) {
        if (std::int64_t pending = m_runner->pendingWaitMs(); pending > 0) {
            // A long wait plays faster, so `wait 60s` does not hold a class for a minute.
            const double fast = std::max(1.0, static_cast<double>(m_waitTotalMs) / kLongWaitWallMs);
            auto slice = std::min<std::int64_t>(static_cast<std::int64_t>(std::floor(budget * fast)), pending);
            if (slice < 1)
                break;
            runOne(slice);
            budget -= static_cast<double>(slice) / fast;
            continue;
        }
        if (m_runner->finished()) {
            setState(State::Finished);
            break;
        }
        if (m_beatLeftMs > 0) {
            double use = std::min(budget, m_beatLeftMs);
            m_beatLeftMs -= use;
            budget -= use;
            if (m_beatLeftMs > 0)
                break;
            continue;
        }
        runOne(0);
        ++statements;
        if (m_runner->pausedByScript())
            setState(State::Paused);
    }
    Q_EMIT positionChanged();
}

} // namespace ql

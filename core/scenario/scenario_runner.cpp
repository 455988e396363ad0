#include "scenario/scenario_runner.h"

#include "scenario/runner_text.h"

#include "cli/reply_formatter.h"

#include <algorithm>
#include <type_traits>

namespace ql::scenario {
namespace {

template <class... Ts> struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

void checkSteps(const std::vector<Step> &steps, const std::string &file, std::vector<Diagnostic> &out)
{
    for (const Step &s : steps) {
        if (std::holds_alternative<CrashBroker>(s.body))
            out.push_back({file, s.where, "'crash broker' is not supported by the runner yet"});
        else if (std::holds_alternative<RestartBroker>(s.body))
            out.push_back({file, s.where, "'restart broker' is not supported by the runner yet"});
        else if (const auto *r = std::get_if<Repeat>(&s.body))
            checkSteps(r->body, file, out);
    }
}

} // namespace

std::vector<Diagnostic> checkRunnable(const Scenario &scenario)
{
    std::vector<Diagnostic> out;
    checkSteps(scenario.steps, scenario.fileName, out);
    return out;
}

Runner::Runner(Scenario scenario, Broker &broker, VirtualClock &clock)
    : m_scenario(std::move(scenario)), m_broker(broker), m_clock(clock)
{
    m_broker.sync();
    m_epoch = m_clock.nowMs();
    m_frames.push_back(Frame {&m_scenario.steps});
    prepareNext();
}

Runner::~Runner()
{
    for (auto &[name, c] : m_connections)
        if (c.alive)
            m_broker.close(c.id);
    if (m_observer.alive)
        m_broker.close(m_observer.id);
    m_broker.sync(); // no sink of ours runs after this
}

std::vector<std::pair<std::string, ClientId>> Runner::release()
{
    std::vector<std::pair<std::string, ClientId>> out;
    auto take = [&](Connection &c) {
        if (c.alive)
            out.emplace_back(c.name, c.id);
        c.alive = false;
    };
    for (const DeclareClient &d : m_scenario.clients)
        if (auto it = m_connections.find(d.name); it != m_connections.end())
            take(it->second);
    return out;
}

SourceLocation Runner::nextLocation() const
{
    if (m_waitUntil > m_now)
        return m_waitWhere;
    return m_next ? m_next->where : SourceLocation {};
}

std::vector<std::int64_t> Runner::counters() const
{
    std::vector<std::int64_t> out;
    for (std::size_t i = 1; i < m_frames.size(); ++i)
        out.push_back(m_frames[i].iteration);
    return out;
}

void Runner::emit(TranscriptEntry entry)
{
    if (m_sink)
        m_sink(entry);
}

void Runner::fail(SourceLocation where, std::string message)
{
    TranscriptEntry e;
    e.kind = TranscriptEntry::Kind::Error;
    e.ms = m_now;
    e.where = where;
    e.text = std::move(message);
    emit(std::move(e));
    m_error = true;
    m_done = true;
    m_next = nullptr;
}

// Moves the cursor to the next statement, entering repeat blocks and starting their next
// iterations (an `every` iteration waits for its start time).
void Runner::prepareNext()
{
    m_next = nullptr;
    while (!m_done) {
        Frame &f = m_frames.back();
        if (f.index == f.steps->size()) {
            if (m_frames.size() == 1) {
                m_done = true;
                return;
            }
            if (f.iteration < f.count) {
                ++f.iteration;
                f.index = 0;
                if (f.everyMs > 0) {
                    std::int64_t start = f.firstStartMs + (f.iteration - 1) * f.everyMs;
                    if (start < m_now) {
                        const Step &first = f.steps->front();
                        fail(first.where,
                            "iteration " + std::to_string(f.iteration) + " of this repeat should start at "
                                + seconds(start) + ", but the one before ran until " + seconds(m_now)
                                + " (make 'every' longer or the waits inside shorter)");
                        return;
                    }
                    f.blockStartMs = start;
                    m_waitUntil = start;
                    m_waitWhere = f.steps->front().where;
                } else {
                    f.blockStartMs = m_now;
                }
            } else {
                m_frames.pop_back();
            }
            continue;
        }
        const Step &s = (*f.steps)[f.index++];
        if (const auto *r = std::get_if<Repeat>(&s.body)) {
            if (r->body.empty())
                continue;
            Frame inner {&r->body};
            inner.count = r->count;
            inner.everyMs = r->everyMs;
            inner.firstStartMs = m_now;
            inner.blockStartMs = m_now;
            m_frames.push_back(inner);
            continue;
        }
        m_next = &s;
        return;
    }
}

void Runner::advance(std::int64_t ms)
{
    if (ms <= 0)
        return;
    m_broker.advanceTime(ms);
    m_broker.sync();
    m_now += ms;
    drainOutputs(m_waitWhere);
}

void Runner::step(std::int64_t maxAdvanceMs)
{
    const bool unlimited = maxAdvanceMs == std::numeric_limits<std::int64_t>::max();
    m_paused = false;
    if (m_waitUntil > m_now) {
        advance(std::min(std::max<std::int64_t>(maxAdvanceMs, 1), m_waitUntil - m_now));
    } else if (!m_done && m_next) {
        ++m_statementsRun;
        execute(*m_next);
        m_needPrepare = !m_done;
    }
    if (m_waitUntil > m_now && unlimited)
        advance(m_waitUntil - m_now);
    // The cursor moves on only once a wait is over: a repeat's next `every` start is
    // measured from where the time really is.
    if (m_waitUntil <= m_now && m_needPrepare) {
        m_needPrepare = false;
        prepareNext();
        if (m_waitUntil > m_now && unlimited)
            advance(m_waitUntil - m_now);
    }
}

void Runner::runToEnd()
{
    while (!m_done || m_waitUntil > m_now)
        step();
}

void Runner::execute(const Step &step)
{
    const SourceLocation where = step.where;
    using K = TranscriptEntry::Kind;
    auto note = [&](K kind, std::string text) {
        TranscriptEntry e;
        e.kind = kind;
        e.ms = m_now;
        e.where = where;
        e.text = std::move(text);
        emit(std::move(e));
    };
    std::visit(Overloaded {
                   [&](const DeclareClient &d) { connect(connection(d.name)); },
                   [&](const Command &c) { runCommand(c, where); },
                   [&](const Wait &w) {
                       m_waitUntil = m_now + w.ms;
                       m_waitWhere = where;
                   },
                   [&](const At &a) {
                       std::int64_t target = (a.relative ? m_frames.back().blockStartMs : 0) + a.ms;
                       if (target < m_now) {
                           fail(where,
                               "this 'at' means " + seconds(target) + ", but the run is already at " + seconds(m_now)
                                   + " (time only moves forward)");
                           return;
                       }
                       m_waitUntil = target;
                       m_waitWhere = where;
                   },
                   [&](const Say &s) { note(K::Say, expand(s.text, counters())); },
                   [&](const Section &s) { note(K::Section, expand(s.title, counters())); },
                   [&](const Pause &) {
                       note(K::Pause, {});
                       m_paused = true;
                   },
                   [&](const ExpectReply &e) { expectReply(e, where); },
                   [&](const ExpectPush &e) { expectPush(e, where); },
                   [&](const ExpectState &e) { expectState(e, where); },
                   [&](const ExpectObserved &e) { expectObserved(e, where); },
                   [&](const Kill &k) { disconnect(k.client, true, where); },
                   [&](const Close &c) { disconnect(c.client, false, where); },
                   [&](const FlushAll &) {
                       note(K::Flush, {});
                       observe({"FLUSHALL"});
                   },
                   [&](const CrashBroker &) { fail(where, "'crash broker' is not supported by the runner yet"); },
                   [&](const RestartBroker &) { fail(where, "'restart broker' is not supported by the runner yet"); },
                   [&](const Repeat &) {},
               },
        step.body);
}

// ---- connections ------------------------------------------------------------------------

Runner::Connection &Runner::connection(const std::string &name)
{
    Connection &c = m_connections[name];
    c.name = name;
    return c;
}

void Runner::connect(Connection &c)
{
    if (c.alive)
        return;
    ClientSink sink;
    sink.reply = [this, name = c.name](const Reply &reply, int protocol) {
        Output o;
        o.name = name;
        o.ms = m_clock.nowMs() - m_epoch;
        o.reply = replyAsReceived(reply, protocol);
        std::lock_guard lock(m_outMutex);
        m_outputs.push_back(std::move(o));
    };
    sink.closed = [this, name = c.name](const std::string &reason) {
        Output o;
        o.name = name;
        o.ms = m_clock.nowMs() - m_epoch;
        o.closed = true;
        o.reason = reason;
        std::lock_guard lock(m_outMutex);
        m_outputs.push_back(std::move(o));
    };
    c.id = m_broker.open(c.name, std::move(sink));
    c.alive = true;
    if (m_connectHook && &c != &m_observer)
        m_connectHook(c.name, c.id);
    c.sent = c.replied = 0;
    c.last.reset();
}

void Runner::sendAndWait(Connection &c, std::vector<std::string> argv)
{
    ++c.sent;
    c.pushesAtCommand = c.pushes.size();
    m_broker.send(c.id, std::move(argv));
    m_broker.sync();
}

void Runner::drainOutputs(SourceLocation where)
{
    std::vector<Output> outputs;
    {
        std::lock_guard lock(m_outMutex);
        outputs.swap(m_outputs);
    }
    using K = TranscriptEntry::Kind;
    for (Output &o : outputs) {
        const std::string &name = o.name;
        bool observer = name == kObserverName;
        Connection &c = observer ? m_observer : m_connections[name];
        TranscriptEntry e;
        e.ms = o.ms;
        e.client = name;
        e.where = where;
        if (o.closed) {
            c.alive = false;
            if (observer)
                continue;
            e.kind = K::Connection;
            e.text = "connection " + o.reason;
        } else if (isMessagePush(o.reply)) {
            c.pushes.push_back(o.reply);
            if (observer)
                continue;
            e.kind = K::Push;
            e.text = formatReplyForCli(o.reply);
        } else {
            ++c.replied;
            c.last = o.reply.type() == Reply::Type::Sequence && !o.reply.items().empty() ? o.reply.items().back()
                                                                                         : o.reply;
            if (observer)
                continue;
            e.kind = K::Reply;
            e.text = formatReplyForCli(o.reply);
        }
        emit(std::move(e));
    }
}

// A short-lived connection outside the story, as a second redis-cli would be: opened for
// one check and closed right after, so it never shows up as a waiting client.
std::optional<Reply> Runner::observe(std::vector<std::string> argv)
{
    m_observer = Connection {};
    m_observer.name = kObserverName;
    connect(m_observer);
    sendAndWait(m_observer, std::move(argv));
    drainOutputs({});
    bool answered = m_observer.replied == m_observer.sent;
    if (answered)
        m_broker.close(m_observer.id);
    else // it blocks (BLPOP q 0): end it as CLIENT KILL would
        m_broker.post([this, id = m_observer.id](Engine &) { m_broker.closeNow(id, "killed"); });
    m_broker.sync();
    drainOutputs({});
    m_observer.alive = false;
    if (!answered)
        return std::nullopt;
    return m_observer.last;
}

void Runner::runCommand(const Command &cmd, SourceLocation where)
{
    std::vector<std::string> argv;
    auto values = counters();
    for (const Arg &a : cmd.args)
        argv.push_back(expand(a, values));
    Connection &c = connection(cmd.client);
    using K = TranscriptEntry::Kind;
    if (!c.alive) {
        connect(c);
        TranscriptEntry e;
        e.kind = K::Connection;
        e.ms = m_now;
        e.client = c.name;
        e.where = where;
        e.text = "connects again";
        emit(std::move(e));
    }
    TranscriptEntry e;
    e.kind = K::Command;
    e.ms = m_now;
    e.client = c.name;
    e.where = where;
    e.text = commandText(argv);
    emit(std::move(e));
    sendAndWait(c, std::move(argv));
    drainOutputs(where);
    if (c.alive && c.replied < c.sent) {
        TranscriptEntry b;
        b.kind = K::Blocked;
        b.ms = m_now;
        b.client = c.name;
        b.where = where;
        emit(std::move(b));
    }
}

void Runner::disconnect(const std::string &name, bool kill, SourceLocation where)
{
    Connection &c = connection(name);
    TranscriptEntry e;
    e.kind = TranscriptEntry::Kind::Connection;
    e.ms = m_now;
    e.client = name;
    e.where = where;
    if (!c.alive) {
        e.text = "not connected";
        emit(std::move(e));
        return;
    }
    if (kill)
        m_broker.post([this, id = c.id](Engine &) { m_broker.closeNow(id, "killed"); });
    else
        m_broker.close(c.id);
    m_broker.sync();
    drainOutputs(where);
    c.alive = false;
    e.text = kill ? "connection killed" : "connection closed";
    emit(std::move(e));
}

} // namespace ql::scenario

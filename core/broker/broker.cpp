#include "broker.h"

#include "engine/number_parse.h"
#include "resp/resp_encoder.h"

#include <future>

namespace ql {

namespace {
constexpr int kSpinMicros = 50;

// Whether Redis 7.0 marks WATCHed copies of the event's key dirty (signalModifiedKey). The
// consumer-group commands (XREADGROUP, XACK, XCLAIM, XAUTOCLAIM, XGROUP without MKSTREAM)
// and XSETID change a stream without it, so a WATCH on the stream survives them.
bool touchesWatchedKey(EventKind kind)
{
    switch (kind) {
    case EventKind::KeyCreated:
    case EventKind::KeyRemoved:
    case EventKind::KeyRenamed:
    case EventKind::KeyExpireSet:
    case EventKind::StringSet:
    case EventKind::Pushed:
    case EventKind::Popped:
    case EventKind::ListMoved:
    case EventKind::ListChanged:
    case EventKind::StreamAdded:
    case EventKind::StreamTrimmed:
    case EventKind::StreamDeleted: return true;
    case EventKind::StreamIdSet:
    case EventKind::GroupCreated:
    case EventKind::GroupDestroyed:
    case EventKind::GroupIdSet:
    case EventKind::ConsumerCreated:
    case EventKind::ConsumerDeleted:
    case EventKind::GroupDelivered:
    case EventKind::Acked:
    case EventKind::Claimed:
    case EventKind::PendingDropped:
    case EventKind::Subscribed: // pub/sub names are not keys
    case EventKind::Unsubscribed:
    case EventKind::Published:
    case EventKind::Delivered:
    case EventKind::NoReceiver:
    case EventKind::Flushed: // watchersOfExistingKeys decides
    case EventKind::BlockRequested: // no key
    case EventKind::Unblocked:
    case EventKind::ClientOpened:
    case EventKind::ClientClosed:
    case EventKind::ClientRenamed:
    case EventKind::CommandQueued:
    case EventKind::TransactionRun:
    case EventKind::TransactionStarted:
    case EventKind::TransactionDiscarded: return false;
    }
    return false;
}
} // namespace

Broker::Broker(std::shared_ptr<Clock> clock, std::size_t feedCapacity) : m_clock(std::move(clock)), m_feed(feedCapacity)
{
    const CommandTable &t = m_engine.commands();
    m_specs = {t.find("multi"), t.find("exec"), t.find("discard"), t.find("watch"), t.find("unwatch"), t.find("quit"),
        t.find("reset"), t.find("info"), t.find("flushall"), t.find("flushdb"), t.find("client")};
    m_thread = std::thread([this] { loop(); });
}

Broker::~Broker()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_one();
    m_thread.join();
}

void Broker::enqueue(Task task)
{
    {
        std::lock_guard lock(m_mutex);
        m_inbox.push_back(std::move(task));
        m_hasWork.store(true, std::memory_order_release);
        if (m_inPoll)
            m_inPoll->wakeUp();
    }
    m_cv.notify_one();
}

void Broker::attachPoller(IoPoller *poller)
{
    {
        std::lock_guard lock(m_mutex);
        m_poller = poller;
    }
    m_cv.notify_one();
}

void Broker::detachPoller(IoPoller *poller)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_poller != poller)
            return;
        m_poller = nullptr;
        if (m_inPoll)
            m_inPoll->wakeUp();
    }
    m_cv.notify_one();
    sync(); // the loop has left poll() and will not enter it again
}

ClientId Broker::open(std::string name, ClientSink sink)
{
    ClientId id = m_nextId++;
    enqueue([this, id, name = std::move(name), sink = std::move(sink)]() mutable {
        addSession(id, name, std::move(sink), true);
        afterStep();
    });
    return id;
}

ClientId Broker::openRemote(ClientSink sink, std::string address, std::string localAddress, int fd)
{
    ClientId id = m_nextId++;
    BrokerSession &s = m_sessions[id];
    s.address = std::move(address);
    s.localAddress = std::move(localAddress);
    s.fd = fd;
    addSession(id, std::string(), std::move(sink), false);
    afterStep();
    return id;
}

ClientId Broker::addSession(ClientId id, const std::string &name, ClientSink sink, bool trusted)
{
    BrokerSession &s = m_sessions[id];
    s.id = id;
    s.sink = std::move(sink);
    s.lastCommandMs = now(); // CLIENT LIST idle= counts from the connection, as in Redis
    m_engine.openClient(id, name, now(), trusted);
    ++m_stats.connectionsReceived;
    emit(EventKind::ClientOpened, id).text = name;
    return id;
}

void Broker::closeNow(ClientId client, const std::string &reason, std::int64_t number)
{
    closeSession(client, reason, false, number);
    afterStep();
}

void Broker::send(ClientId client, std::vector<std::string> argv)
{
    enqueue([this, client, argv = std::move(argv)] { handleCommand(client, argv); });
}

void Broker::sendBatch(ClientId client, std::vector<std::vector<std::string>> commands)
{
    enqueue([this, client, commands = std::move(commands)]() mutable {
        for (auto &argv : commands)
            handleCommand(client, argv);
    });
}

void Broker::close(ClientId client)
{
    enqueue([this, client] {
        closeSession(client, "closed", false);
        afterStep();
    });
}

void Broker::rebind(ClientId client, ClientSink sink)
{
    enqueue([this, client, sink = std::move(sink)]() mutable {
        if (auto it = m_sessions.find(client); it != m_sessions.end())
            it->second.sink = std::move(sink);
    });
}

void Broker::post(std::function<void(Engine &)> task)
{
    enqueue([this, task = std::move(task)] { task(m_engine); });
}

void Broker::sync()
{
    std::promise<void> done;
    auto f = done.get_future();
    enqueue([&done] { done.set_value(); });
    f.wait();
}

void Broker::advanceTime(std::int64_t ms)
{
    enqueue([this, ms] {
        if (auto *v = dynamic_cast<VirtualClock *>(m_clock.get())) {
            // Step through every moment something happens on the way: wait deadlines, so
            // waits end in deadline order, each at its own virtual time, and the 100 ms
            // active-expiry cycles, so keys expire at the same times however the wait is
            // sliced (the window plays a wait in frames, headless in one go).
            const std::int64_t target = v->nowMs() + ms;
            while (true) {
                std::optional<std::int64_t> next = m_blocking.nextDeadline();
                if (std::optional<std::int64_t> due = m_engine.nextExpiry()) {
                    // The first cycle on the 100 ms grid at which a key is due (the
                    // cycles before it would find nothing to remove).
                    std::int64_t cycle = m_lastExpireCycle + kExpireCycleMs;
                    if (*due > cycle)
                        cycle = m_lastExpireCycle
                            + (*due - m_lastExpireCycle + kExpireCycleMs - 1) / kExpireCycleMs * kExpireCycleMs;
                    cycle = std::max(cycle, v->nowMs());
                    next = next ? std::min(*next, cycle) : cycle;
                }
                if (!next || *next > target)
                    break;
                v->advanceTo(*next);
                expireWaits();
            }
            v->advanceTo(target);
            expireWaits();
        }
    });
}

void Broker::resetTime(std::int64_t t)
{
    enqueue([this, t] {
        if (auto *v = dynamic_cast<VirtualClock *>(m_clock.get())) {
            v->resetTo(t);
            m_lastExpireCycle = 0;
        }
    });
}

void Broker::stepToNextDeadline()
{
    enqueue([this] {
        auto *v = dynamic_cast<VirtualClock *>(m_clock.get());
        auto next = m_blocking.nextDeadline();
        if (v && next) {
            v->advanceTo(*next);
            expireWaits();
        }
    });
}

void Broker::wake()
{
    std::lock_guard lock(m_mutex);
    if (m_inPoll)
        m_inPoll->wakeUp();
    m_cv.notify_one();
}

void Broker::loop()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        if (m_inbox.empty() && !m_stop && !m_poller) {
            // A client waiting for a reply usually sends again within microseconds; a short
            // spin saves the two futex hops of going to sleep and being woken.
            lock.unlock();
            auto spinUntil = std::chrono::steady_clock::now() + std::chrono::microseconds(kSpinMicros);
            while (!m_hasWork.load(std::memory_order_acquire) && std::chrono::steady_clock::now() < spinUntil)
                std::this_thread::yield();
            lock.lock();
        }
        std::int64_t delay = 0;
        if (m_inbox.empty() && !m_stop) {
            auto next = m_blocking.nextDeadline();
            delay = next ? m_clock->wallDelayUntil(*next) : -1;
            // Keys with a TTL expire actively too (Redis runs its cycle 10 times a second).
            bool anyTtl = false;
            for (int i = 0; i < kDatabaseCount && !anyTtl; ++i)
                anyTtl = m_engine.database(i).hasExpires();
            if (anyTtl && m_clock->wallDelayUntil(now() + 100) >= 0)
                delay = delay < 0 ? 100 : std::min<std::int64_t>(delay, 100);
            if (!m_poller) {
                if (delay < 0)
                    m_cv.wait(lock, [this] { return !m_inbox.empty() || m_stop || m_poller; });
                else if (delay > 0)
                    m_cv.wait_for(lock, std::chrono::milliseconds(delay),
                        [this] { return !m_inbox.empty() || m_stop || m_poller; });
            }
        }
        if (m_stop)
            break;
        if (IoPoller *poller = m_poller) {
            // Sockets are served every round, so a flood of tasks cannot starve them.
            m_inPoll = poller;
            lock.unlock();
            poller->poll(static_cast<int>(std::min<std::int64_t>(delay, 1000)));
            publishEvents();
            lock.lock();
            m_inPoll = nullptr;
        }
        std::deque<Task> tasks;
        tasks.swap(m_inbox);
        m_hasWork.store(false, std::memory_order_relaxed);
        lock.unlock();
        for (auto &t : tasks) {
            t();
            publishEvents(); // before whoever waits on this task (sync) looks at the feed
        }
        expireWaits();
        publishEvents();
        lock.lock();
    }
}

void Broker::expireWaits()
{
    std::int64_t t = now();
    auto woken = m_blocking.expire(m_engine, t);
    for (auto &w : woken) {
        deliver(w.client, w.reply);
        m_runnable.push_back(w.client);
    }
    if (t - m_lastExpireCycle >= kExpireCycleMs) {
        // Cycles stay on a fixed 100 ms grid, whenever they get to run, and remove what was
        // due at their grid time: the result does not depend on when the broker got here.
        m_lastExpireCycle += (t - m_lastExpireCycle) / kExpireCycleMs * kExpireCycleMs;
        m_engine.expireKeys(m_lastExpireCycle);
    }
    afterStep();
}

Event &Broker::emit(EventKind kind, ClientId client)
{
    auto &events = m_engine.pendingEvents();
    events.emplace_back();
    Event &e = events.back();
    e.timeMs = now();
    e.kind = kind;
    e.client = client;
    return e;
}

void Broker::deliver(ClientId client, const Reply &reply)
{
    auto it = m_sessions.find(client);
    if (it == m_sessions.end() || !it->second.sink.reply)
        return;
    const ClientState *cs = m_engine.client(client);
    it->second.sink.reply(reply, cs ? cs->protocol : 2);
}

void Broker::deliverAll(std::vector<Delivery> &deliveries)
{
    // Receivers share the message: encode it once per protocol for sinks that take bytes.
    const Reply *encodedFor[2] = {nullptr, nullptr};
    std::string bytes[2];
    for (auto &d : deliveries) {
        auto it = m_sessions.find(d.client);
        if (it == m_sessions.end())
            continue;
        const ClientSink &sink = it->second.sink;
        const ClientState *cs = m_engine.client(d.client);
        int protocol = cs ? cs->protocol : 2;
        if (!sink.message) {
            if (sink.reply)
                sink.reply(*d.message, protocol);
            continue;
        }
        std::size_t slot = protocol == 3 ? 1 : 0;
        if (encodedFor[slot] != d.message.get()) {
            bytes[slot].clear();
            encodeReply(*d.message, protocol, bytes[slot]);
            encodedFor[slot] = d.message.get();
        }
        sink.message(bytes[slot]);
    }
    deliveries.clear();
}

void Broker::handleCommand(ClientId client, const std::vector<std::string> &argv)
{
    auto it = m_sessions.find(client);
    if (it == m_sessions.end())
        return; // closed meanwhile
    BrokerSession &s = it->second;
    if (m_blocking.isBlocked(client) || !s.pending.empty()) {
        s.pending.push_back(argv);
        return;
    }
    FreezeTime frozen(*this);
    runClient(client, argv);
    afterStep();
}

// The name CLIENT LIST shows in cmd=: "xinfo|stream" for a subcommand, empty (NULL) for an
// unknown command or subcommand; known even when the arguments are wrong, as in Redis.
std::string Broker::fullCommandName(const std::vector<std::string> &argv)
{
    if (argv.empty())
        return {};
    // The same name again and again (a pipeline) is looked up once.
    if (argv[0] != m_lastLookup.first)
        m_lastLookup = {argv[0].size() <= 32 ? argv[0] : std::string(), m_engine.commands().find(argv[0])};
    const CommandSpec *spec = argv[0] == m_lastLookup.first ? m_lastLookup.second : m_engine.commands().find(argv[0]);
    if (!spec)
        return {};
    if (spec->subcommands.empty() || argv.size() < 2)
        return std::string(spec->name);
    const CommandSpec *sub = CommandTable::findSub(*spec, argv[1]);
    return sub ? std::string(spec->name) + "|" + std::string(sub->name) : std::string();
}

void Broker::runClient(ClientId client, const std::vector<std::string> &argv)
{
    auto it = m_sessions.find(client);
    if (it == m_sessions.end())
        return;
    BrokerSession &s = it->second;
    s.lastCommandMs = now();
    s.lastCommand = fullCommandName(argv);
    bool blocked = false;
    ++m_stats.commandsProcessed;
    Reply r = runInline(s, argv, false, blocked);
    if (r.isError())
        ++m_stats.errorReplies;
    if (!blocked && m_sessions.count(client))
        deliver(client, r);
}

// Runs one command for `s`: transactions and CLIENT here, the rest in the engine. Sets
// `blocked` when the client now waits (no reply yet).
Reply Broker::runInline(BrokerSession &s, const std::vector<std::string> &argv, bool inExec, bool &blocked)
{
    blocked = false;
    Reply error;
    const CommandSpec *container = nullptr;
    const CommandSpec *spec = m_engine.resolve(s.id, argv, error, &container);
    const CommandSpec *top = container ? container : spec;
    const BrokerSpecs &k = m_specs;
    bool txControl
        = top == k.exec || top == k.discard || top == k.multi || top == k.watch || top == k.quit || top == k.reset;
    if (s.inMulti && !inExec && !txControl) {
        if (!spec) {
            s.multiError = true;
            return error;
        }
        // Like Redis, a transaction that can no longer succeed (a queueing error, or a
        // WATCHed key changed) still answers QUEUED but keeps nothing.
        if (!s.multiError && !s.watchDirty) {
            s.queued.push_back(argv);
            emit(EventKind::CommandQueued, s.id).values = argv;
        }
        return Reply::status("QUEUED");
    }
    if (!spec)
        return error;
    if (spec == k.multi) {
        if (s.inMulti)
            return Reply::error("ERR MULTI calls can not be nested");
        s.inMulti = true;
        emit(EventKind::TransactionStarted, s.id);
        return Reply::ok();
    }
    if (spec == k.exec) {
        if (!s.inMulti)
            return Reply::error("ERR EXEC without MULTI");
        return execTransaction(s);
    }
    if (spec == k.discard) {
        if (!s.inMulti)
            return Reply::error("ERR DISCARD without MULTI");
        endTransaction(s);
        emit(EventKind::TransactionDiscarded, s.id).text = "discard";
        return Reply::ok();
    }
    if (spec == k.watch) {
        if (s.inMulti)
            return Reply::error("ERR WATCH inside MULTI is not allowed");
        const ClientState *cs = m_engine.client(s.id);
        for (std::size_t i = 1; i < argv.size(); ++i)
            s.watched.emplace(cs ? cs->db : 0, argv[i]);
        m_watching.insert(s.id);
        return Reply::ok();
    }
    if (spec == k.unwatch) {
        unwatch(s);
        return Reply::ok();
    }
    if (spec == k.reset) {
        if (s.inMulti)
            emit(EventKind::TransactionDiscarded, s.id).text = "reset";
        endTransaction(s);
    }
    if (spec == k.info)
        return infoCommand(argv);
    if (container == k.client && spec->name != "id" && spec->name != "getname" && spec->name != "setname")
        return clientCommand(s, argv, std::string(spec->name));
    if (spec == k.quit) {
        ClientId id = s.id;
        deliver(id, Reply::ok());
        closeSession(id, "quit", true);
        blocked = true; // reply already sent
        return Reply::ok();
    }
    // Redis 7.0 marks a WATCHed key dirty on FLUSHDB/FLUSHALL only if it existed.
    std::vector<ClientId> flushTouched;
    if ((spec == k.flushall || spec == k.flushdb) && !m_watching.empty())
        flushTouched = watchersOfExistingKeys(spec == k.flushall ? -1 : m_engine.client(s.id)->db);
    ExecResult r = m_engine.executeResolved(s.id, *spec, argv, now(), ExecOptions {!inExec});
    if (!r.reply.isError())
        for (ClientId id : flushTouched)
            m_sessions[id].watchDirty = true;
    deliverAll(r.deliveries);
    if (r.block) {
        m_blocking.block(m_engine, s.id, std::move(*r.block), now());
        blocked = true;
        return Reply();
    }
    return std::move(r.reply);
}

Reply Broker::execTransaction(BrokerSession &s)
{
    bool abortErrors = s.multiError;
    bool abortWatch = s.watchDirty;
    Event &e = emit(EventKind::TransactionRun, s.id);
    if (abortErrors || abortWatch) {
        endTransaction(s);
        e.number = -1;
        return abortErrors ? Reply::error("EXECABORT Transaction discarded because of previous errors.")
                           : Reply::nullArray();
    }
    e.number = static_cast<std::int64_t>(s.queued.size());
    // As in Redis, the client stays in MULTI (flags=x, multi=N) while EXEC runs its queue;
    // its WATCHes end first.
    unwatch(s);
    const auto queued = s.queued;
    Reply results = Reply::array();
    ClientId id = s.id;
    for (const auto &argv : queued) {
        auto it = m_sessions.find(id);
        if (it == m_sessions.end())
            break;
        bool blocked = false;
        results.add(runInline(it->second, argv, true, blocked));
    }
    if (auto it = m_sessions.find(id); it != m_sessions.end())
        endTransaction(it->second);
    return results;
}

void Broker::unwatch(BrokerSession &s)
{
    s.watched.clear();
    s.watchDirty = false;
    m_watching.erase(s.id);
}

void Broker::endTransaction(BrokerSession &s)
{
    s.inMulti = false;
    s.multiError = false;
    s.queued.clear();
    unwatch(s);
}

void Broker::markWatched(const std::vector<Event> &events, std::size_t from)
{
    for (ClientId id : m_watching) {
        BrokerSession &s = m_sessions.at(id);
        if (s.watchDirty)
            continue;
        for (std::size_t i = from; i < events.size(); ++i) {
            const Event &e = events[i];
            if (touchesWatchedKey(e.kind) && s.watched.count({e.db, e.key}))
                s.watchDirty = true;
            if (e.kind == EventKind::KeyRenamed && s.watched.count({e.db, e.text}))
                s.watchDirty = true;
            if (s.watchDirty)
                break;
        }
    }
}

std::vector<ClientId> Broker::watchersOfExistingKeys(int db)
{
    std::vector<ClientId> out;
    for (ClientId id : m_watching) {
        for (const auto &[wdb, key] : m_sessions.at(id).watched) {
            if ((db == -1 || db == wdb) && m_engine.database(wdb).findRaw(key)) {
                out.push_back(id);
                break;
            }
        }
    }
    return out;
}

void Broker::afterStep()
{
    // Serve waiters of keys that got data, then let served clients run what they queued.
    while (true) {
        auto woken = m_blocking.serveReadyKeys(m_engine, now());
        for (auto &w : woken) {
            deliverAll(w.deliveries);
            deliver(w.client, w.reply);
            m_runnable.push_back(w.client);
        }
        if (m_runnable.empty())
            break;
        ClientId c = m_runnable.front();
        m_runnable.pop_front();
        drainPending(c);
    }
    // WATCH sees every change at once; the feed gets the events once per loop round.
    auto &events = m_engine.pendingEvents();
    if (events.size() > m_eventsChecked && !m_watching.empty())
        markWatched(events, m_eventsChecked);
    m_eventsChecked = events.size();
}

void Broker::publishEvents()
{
    m_feed.publish(m_engine.pendingEvents());
    m_eventsChecked = 0;
}

void Broker::drainPending(ClientId client)
{
    while (true) {
        auto it = m_sessions.find(client);
        if (it == m_sessions.end() || m_blocking.isBlocked(client) || it->second.pending.empty())
            return;
        auto argv = std::move(it->second.pending.front());
        it->second.pending.pop_front();
        runClient(client, std::move(argv));
        // Serve anything this command made ready before the next one runs.
        auto woken = m_blocking.serveReadyKeys(m_engine, now());
        for (auto &w : woken) {
            deliverAll(w.deliveries);
            deliver(w.client, w.reply);
            if (w.client != client)
                m_runnable.push_back(w.client);
        }
    }
}

void Broker::closeSession(ClientId client, const std::string &reason, bool notify, std::int64_t number)
{
    auto it = m_sessions.find(client);
    if (it == m_sessions.end())
        return;
    m_blocking.unblock(m_engine, client, reason == "killed" ? UnblockReason::Killed : UnblockReason::Closed, now());
    ClientSink sink = std::move(it->second.sink);
    m_watching.erase(client);
    m_sessions.erase(it);
    m_engine.closeClient(client, now());
    Event &e = emit(EventKind::ClientClosed, client);
    e.text = reason;
    e.number = number;
    if (notify && sink.closed)
        sink.closed(reason);
}

} // namespace ql

// Broker: one Engine on its own thread, many clients. Callers on any thread open clients,
// send commands and close them; replies and pub/sub pushes go to each client's sink on the
// broker thread, in order. Commands of one client run in the order sent, and a client
// waiting in a blocking command holds its later commands until it is served, as a Redis
// connection does. Every mutation, wait and wake-up is published on the event feed.
//
// Only the broker thread touches the engine. Time comes from the injected Clock; with a
// VirtualClock, advanceTime() is ordered with the commands, so a script that sends the
// same commands at the same virtual times gets the same replies and events.
#pragma once

#include "api/backend.h"
#include "blocking_manager.h"
#include "broker_session.h"
#include "broker_stats.h"
#include "clock.h"
#include "event_feed.h"
#include "io_poller.h"

#include "engine/engine.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace ql {

class Broker final : public Backend {
public:
    explicit Broker(std::shared_ptr<Clock> clock, std::size_t feedCapacity = 1 << 16);
    Broker(const Broker &) = delete;
    Broker &operator=(const Broker &) = delete;
    ~Broker() override;

    // Thread-safe. The id is valid at once; the client exists for later sends.
    ClientId open(std::string name, ClientSink sink) override;
    void send(ClientId client, std::vector<std::string> argv) override;
    // Several commands of one client in one hand-over (a pipelined read from a socket).
    void sendBatch(ClientId client, std::vector<std::vector<std::string>> commands);
    void close(ClientId client) override;
    void rebind(ClientId client, ClientSink sink) override;
    EventFeed &events() override { return m_feed; }
    // The world after everything queued before; answered on the broker thread.
    std::future<WorldSnapshot> snapshot(SnapshotLimits limits = {}) override;
    Clock &clock() { return *m_clock; }

    // Runs `task` on the broker thread after everything queued before it.
    void post(std::function<void(Engine &)> task);
    // Waits until everything queued before has run. Never call it from a sink.
    void sync();
    // Moves a VirtualClock forward, in order with the commands around it; waits that
    // reach their deadline time out. No effect on other clocks.
    void advanceTime(std::int64_t ms);
    // Sets a VirtualClock to `t`, also backwards, for a world just emptied (a scenario that
    // starts in the window starts at the same time as headless). No effect on other clocks.
    void resetTime(std::int64_t t);
    // Moves a VirtualClock to the next wait deadline, if any (the "step" button).
    void stepToNextDeadline();
    // The clock was played, paused or sped up: re-plan the next wake-up.
    void wake();

    // Attaches a poller the broker thread waits in (see io_poller.h); one at a time.
    // detachPoller() returns once the broker thread no longer uses it.
    void attachPoller(IoPoller *poller);
    void detachPoller(IoPoller *poller);

    // ---- Broker thread only (pollers, sinks and posted tasks) -------------------------
    // A client from the network: it must AUTH first when a password is set.
    ClientId openRemote(ClientSink sink, std::string address = {}, std::string localAddress = {}, int fd = -1);
    // Runs one command now (or queues it behind the client's blocking command).
    void runNow(ClientId client, const std::vector<std::string> &argv) { handleCommand(client, argv); }
    // Ends a client now; `number` goes into the ClientClosed event (messages lost).
    void closeNow(ClientId client, const std::string &reason, std::int64_t number = 0);
    // The clock read once per command, or per network round (as Redis caches its time).
    // Broker thread only.
    std::int64_t now() const { return m_timeFrozen ? m_frozenNow : m_clock->nowMs(); }
    struct FreezeTime {
        Broker &b;
        bool outer;
        explicit FreezeTime(Broker &broker) : b(broker), outer(!broker.m_timeFrozen)
        {
            if (outer) {
                b.m_frozenNow = b.m_clock->nowMs();
                b.m_timeFrozen = true;
            }
        }
        ~FreezeTime()
        {
            if (outer)
                b.m_timeFrozen = false;
        }
    };
    Engine &engine() { return m_engine; }
    BrokerStats &stats() { return m_stats; }

private:
    using Task = std::function<void()>;
    void enqueue(Task task);
    void loop();
    void handleCommand(ClientId client, const std::vector<std::string> &argv);
    void runClient(ClientId client, const std::vector<std::string> &argv);
    std::string fullCommandName(const std::vector<std::string> &argv);
    Reply runInline(BrokerSession &s, const std::vector<std::string> &argv, bool inExec, bool &blocked);
    void afterStep();
    void drainPending(ClientId client);
    // Appends a broker event (stamped now) to the engine's pending events, in order.
    Event &emit(EventKind kind, ClientId client);
    void deliver(ClientId client, const Reply &reply);
    void deliverAll(std::vector<Delivery> &deliveries);
    void closeSession(ClientId client, const std::string &reason, bool notify, std::int64_t number = 0);
    ClientId addSession(ClientId id, const std::string &name, ClientSink sink, bool trusted);
    Reply infoCommand(const std::vector<std::string> &argv);
    void expireWaits();
    void markWatched(const std::vector<Event> &events, std::size_t from);
    void publishEvents(); // hands the pending events to the feed
    void unwatch(BrokerSession &s); // forget its WATCHed keys
    void endTransaction(BrokerSession &s); // leave MULTI, drop the queue, unwatch
    std::vector<ClientId> watchersOfExistingKeys(int db); // -1: every database
    Reply execTransaction(BrokerSession &s);
    Reply clientCommand(BrokerSession &s, const std::vector<std::string> &argv, const std::string &sub);
    WorldSnapshot buildSnapshot(const SnapshotLimits &limits);
    // Table entries the broker runs itself, found once.
    struct BrokerSpecs {
        const CommandSpec *multi, *exec, *discard, *watch, *unwatch, *quit, *reset, *info, *flushall, *flushdb, *client;
    };

    std::shared_ptr<Clock> m_clock;
    EventFeed m_feed;
    Engine m_engine;
    BlockingManager m_blocking;
    std::map<ClientId, BrokerSession> m_sessions;
    std::set<ClientId> m_watching; // sessions with WATCHed keys: only they are checked per command
    std::deque<ClientId> m_runnable;
    static constexpr std::int64_t kExpireCycleMs = 100; // active expiry, as Redis's hz 10
    std::int64_t m_lastExpireCycle = 0;

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Task> m_inbox;
    bool m_stop = false;
    std::atomic<bool> m_hasWork {false}; // lets the loop spin briefly before sleeping
    IoPoller *m_poller = nullptr; // guarded by m_mutex; used by the broker thread
    IoPoller *m_inPoll = nullptr; // guarded by m_mutex: the poller the broker thread is in
    BrokerStats m_stats; // broker thread
    std::size_t m_eventsChecked = 0; // pending events markWatched has seen
    bool m_timeFrozen = false;
    std::int64_t m_frozenNow = 0;
    BrokerSpecs m_specs {};
    std::pair<std::string, const CommandSpec *> m_lastLookup; // fullCommandName's cache
    std::atomic<ClientId> m_nextId {1};
    std::thread m_thread; // last: starts after everything above exists
};

} // namespace ql

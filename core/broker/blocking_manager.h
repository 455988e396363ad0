// BlockingManager: clients waiting in BLPOP, BLMOVE, XREAD BLOCK, XREADGROUP BLOCK ...
// Modelled on Redis's blocked.c: per-key FIFO queues of waiters; after each command the
// keys that got data ("ready keys", reported by the engine) are served in the order they
// became ready, each waiter in the order it blocked, by running its command again narrowed
// to that key; deadlines come from the injected clock. Single-threaded and pure: the
// broker calls it on its thread, tests call it directly.
#pragma once

#include "engine/engine.h"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ql {

enum class UnblockReason : std::uint8_t { Served, Timeout, Unblocked, Error, Killed, Closed };
const char *unblockReasonName(UnblockReason r);

struct Waiter {
    ClientId client = kNoClient;
    BlockRequest request;
    std::int64_t sinceMs = 0;
    std::uint64_t order = 0; // global blocking order, breaks deadline ties
};

// A waiter that stopped waiting and what it receives.
struct WakeUp {
    ClientId client = kNoClient;
    Reply reply;
    UnblockReason reason = UnblockReason::Served;
    std::vector<Delivery> deliveries; // pushes caused by the re-run command (none today)
};

class BlockingManager {
public:
    // Starts a wait. The engine learns which keys now have waiters.
    void block(Engine &engine, ClientId client, BlockRequest request, std::int64_t now);
    bool isBlocked(ClientId client) const { return m_waiters.count(client) != 0; }
    const Waiter *waiter(ClientId client) const;
    std::size_t blockedCount() const { return m_waiters.size(); }

    // Ends a wait without serving it (CLIENT UNBLOCK, KILL, close); emits the event.
    std::optional<Waiter> unblock(Engine &engine, ClientId client, UnblockReason reason, std::int64_t now);

    // Serves waiters of keys that got data, until no key is ready any more.
    std::vector<WakeUp> serveReadyKeys(Engine &engine, std::int64_t now);
    // Ends every wait whose deadline is at or before `now` with its timeout reply.
    std::vector<WakeUp> expire(Engine &engine, std::int64_t now);
    std::optional<std::int64_t> nextDeadline() const;

    // Waiters of one key in the order Redis serves them.
    std::vector<ClientId> waitersOn(int db, const std::string &key) const;

private:
    void detach(Engine &engine, const Waiter &w);
    void emitUnblocked(Engine &engine, const Waiter &w, UnblockReason reason, std::int64_t now);

    std::map<ClientId, Waiter> m_waiters;
    std::map<ReadyKey, std::deque<ClientId>> m_byKey;
    std::set<std::pair<std::int64_t, std::uint64_t>> m_deadlines; // (deadline, order)
    std::map<std::uint64_t, ClientId> m_byOrder;
    std::uint64_t m_nextOrder = 1;
};

} // namespace ql

#include "blocking_manager.h"

#include "blocked_command.h"

#include <algorithm>

namespace ql {

const char *unblockReasonName(UnblockReason r)
{
    switch (r) {
    case UnblockReason::Served: return "served";
    case UnblockReason::Timeout: return "timeout";
    case UnblockReason::Unblocked: return "unblocked";
    case UnblockReason::Error: return "error";
    case UnblockReason::Killed: return "killed";
    case UnblockReason::Closed: return "closed";
    }
    return "unknown";
}

void BlockingManager::block(Engine &engine, ClientId client, BlockRequest request, std::int64_t now)
{
    Waiter w;
    w.client = client;
    w.sinceMs = now;
    w.order = m_nextOrder++;
    w.request = std::move(request);
    for (const auto &key : w.request.keys) {
        ReadyKey rk {w.request.db, key};
        auto &queue = m_byKey[rk];
        if (std::find(queue.begin(), queue.end(), client) != queue.end())
            continue; // BLPOP a a 0 waits once on a
        queue.push_back(client);
        engine.addBlockingInterest(rk.db, rk.key);
    }
    if (w.request.deadlineMs > 0)
        m_deadlines.emplace(w.request.deadlineMs, w.order);
    m_byOrder.emplace(w.order, client);
    m_waiters[client] = std::move(w);
}

const Waiter *BlockingManager::waiter(ClientId client) const
{
    auto it = m_waiters.find(client);
    return it == m_waiters.end() ? nullptr : &it->second;
}

void BlockingManager::detach(Engine &engine, const Waiter &w)
{
    for (const auto &key : w.request.keys) {
        ReadyKey rk {w.request.db, key};
        auto it = m_byKey.find(rk);
        if (it == m_byKey.end())
            continue;
        auto pos = std::find(it->second.begin(), it->second.end(), w.client);
        if (pos == it->second.end())
            continue;
        it->second.erase(pos);
        engine.removeBlockingInterest(rk.db, rk.key);
        if (it->second.empty())
            m_byKey.erase(it);
    }
    if (w.request.deadlineMs > 0)
        m_deadlines.erase({w.request.deadlineMs, w.order});
    m_byOrder.erase(w.order);
}

void BlockingManager::emitUnblocked(Engine &engine, const Waiter &w, UnblockReason reason, std::int64_t now)
{
    Event e;
    e.timeMs = now;
    e.kind = EventKind::Unblocked;
    e.client = w.client;
    e.db = w.request.db;
    e.text = unblockReasonName(reason);
    e.values = w.request.keys;
    e.number = now - w.sinceMs;
    engine.pendingEvents().push_back(std::move(e));
}

std::optional<Waiter> BlockingManager::unblock(Engine &engine, ClientId client, UnblockReason reason, std::int64_t now)
{
    auto it = m_waiters.find(client);
    if (it == m_waiters.end())
        return std::nullopt;
    Waiter w = std::move(it->second);
    m_waiters.erase(it);
    detach(engine, w);
    emitUnblocked(engine, w, reason, now);
    return w;
}

std::vector<WakeUp> BlockingManager::serveReadyKeys(Engine &engine, std::int64_t now)
{
    std::vector<WakeUp> served;
    for (auto ready = engine.takeReadyKeys(); !ready.empty(); ready = engine.takeReadyKeys()) {
        for (const ReadyKey &rk : ready) {
            auto queueIt = m_byKey.find(rk);
            if (queueIt == m_byKey.end())
                continue;
            const std::deque<ClientId> queue = queueIt->second; // serving edits the real one
            for (ClientId client : queue) {
                auto wit = m_waiters.find(client);
                if (wit == m_waiters.end())
                    continue;
                const Value *v = engine.database(rk.db).findRaw(rk.key);
                bool wantsStream = wit->second.request.streamWait;
                auto argv = argvForReadyKey(wit->second.request.argv, rk.key);
                if (wantsStream && isXreadgroup(argv) && (!v || v->type != ValueType::Stream)) {
                    // Redis 7.0.15: a group reader whose stream was deleted, renamed away or
                    // overwritten is woken with an error; plain XREAD readers keep waiting.
                    unblock(engine, client, UnblockReason::Error, now);
                    served.push_back(WakeUp {
                        client, Reply::error("UNBLOCKED the stream key no longer exists"), UnblockReason::Error, {}});
                    continue;
                }
                if (!v)
                    break; // deleted, or emptied by earlier waiters
                if ((v->type == ValueType::Stream) != wantsStream || v->type == ValueType::String)
                    continue; // Redis 7.0 leaves waiters of another type blocked
                ExecResult r = engine.execute(client, argv, now, ExecOptions {false});
                if (r.reply.isNull())
                    continue; // nothing new for this waiter yet
                if (r.reply.isError() && isXreadgroup(argv) && r.reply.str().rfind("NOGROUP", 0) == 0)
                    r.reply = Reply::error("NOGROUP the consumer group this client was blocked on no longer exists");
                UnblockReason reason = r.reply.isError() ? UnblockReason::Error : UnblockReason::Served;
                unblock(engine, client, reason, now);
                served.push_back(WakeUp {client, std::move(r.reply), reason, std::move(r.deliveries)});
            }
        }
    }
    return served;
}

std::vector<WakeUp> BlockingManager::expire(Engine &engine, std::int64_t now)
{
    std::vector<WakeUp> out;
    while (!m_deadlines.empty() && m_deadlines.begin()->first <= now) {
        ClientId client = m_byOrder.at(m_deadlines.begin()->second);
        auto w = unblock(engine, client, UnblockReason::Timeout, now);
        out.push_back(WakeUp {client, w->request.timeoutReply, UnblockReason::Timeout, {}});
    }
    return out;
}

std::optional<std::int64_t> BlockingManager::nextDeadline() const
{
    if (m_deadlines.empty())
        return std::nullopt;
    return m_deadlines.begin()->first;
}

std::vector<ClientId> BlockingManager::waitersOn(int db, const std::string &key) const
{
    auto it = m_byKey.find(ReadyKey {db, key});
    if (it == m_byKey.end())
        return {};
    return {it->second.begin(), it->second.end()};
}

} // namespace ql

// Broker::buildSnapshot: the whole world as plain values, on the broker thread.
#include "broker.h"

#include <map>

#include "engine/stream.h"

#include <algorithm>
#include <future>

namespace ql {
namespace {

void snapshotList(const PackedList &list, const SnapshotLimits &limits, KeySnapshot &k)
{
    k.length = list.size();
    if (list.size() <= limits.maxElementsPerKey) {
        list.forEach([&](std::string_view v) {
            k.elements.emplace_back(v);
            return true;
        });
        k.elidedFrom = k.elements.size();
        return;
    }
    std::size_t half = limits.maxElementsPerKey / 2;
    k.elements = list.range(0, half - 1);
    k.elidedFrom = k.elements.size();
    auto tail = list.range(list.size() - half, list.size() - 1);
    k.elements.insert(k.elements.end(), tail.begin(), tail.end());
}

void snapshotStream(const Stream &s, const SnapshotLimits &limits, std::int64_t now, KeySnapshot &k)
{
    (void)now;
    k.length = static_cast<std::size_t>(s.length());
    k.lastId = s.lastId().toString();
    k.entriesAdded = s.entriesAdded();
    k.maxDeletedId = s.maxDeletedId().toString();
    k.firstId = s.firstId().toString();
    auto collect = [&](bool reverse, std::size_t max, std::vector<StreamEntrySnapshot> &out) {
        Stream::Iterator it(s, StreamId {0, 0}, StreamId::max(), reverse);
        StreamId id;
        std::vector<std::string_view> fv;
        while (out.size() < max && it.next(id, fv)) {
            StreamEntrySnapshot e;
            e.id = id.toString();
            e.fieldsValues.assign(fv.begin(), fv.end());
            out.push_back(std::move(e));
        }
    };
    if (k.length <= limits.maxElementsPerKey) {
        collect(false, limits.maxElementsPerKey, k.entries);
        k.elidedFrom = k.entries.size();
    } else {
        std::size_t half = limits.maxElementsPerKey / 2;
        collect(false, half, k.entries);
        k.elidedFrom = k.entries.size();
        std::vector<StreamEntrySnapshot> newest;
        collect(true, half, newest);
        k.entries.insert(k.entries.end(), newest.rbegin(), newest.rend());
    }
    for (const auto &[name, group] : s.groups()) {
        GroupSnapshot g;
        g.name = name;
        g.lastDeliveredId = group->lastId().toString();
        if (group->entriesRead() != StreamGroup::kInvalidEntriesRead)
            g.entriesRead = group->entriesRead();
        g.lag = s.lag(*group);
        g.pendingCount = group->pel().size();
        for (const auto &[cname, consumer] : group->consumers())
            g.consumers.push_back(ConsumerSnapshot {cname, consumer->seenTime(), consumer->pending().size()});
        for (const auto &[id, nack] : group->pel()) {
            if (g.pending.size() >= limits.maxPendingPerGroup)
                break;
            g.pending.push_back(PendingSnapshot {id.toString(), nack.consumer ? nack.consumer->name() : std::string(),
                nack.deliveryTime, nack.deliveryCount});
        }
        k.groups.push_back(std::move(g));
    }
}

} // namespace

std::future<WorldSnapshot> Broker::snapshot(SnapshotLimits limits)
{
    auto promise = std::make_shared<std::promise<WorldSnapshot>>();
    auto future = promise->get_future();
    enqueue([this, promise, limits] { promise->set_value(buildSnapshot(limits)); });
    return future;
}

WorldSnapshot Broker::buildSnapshot(const SnapshotLimits &limits)
{
    afterStep();
    publishEvents(); // so that `seq` covers everything before the snapshot
    WorldSnapshot w;
    w.seq = m_feed.lastSeq();
    w.nowMs = now();
    for (const auto &[id, session] : m_sessions) {
        const ClientState *cs = m_engine.client(id);
        if (!cs)
            continue;
        ClientSnapshot c;
        c.id = id;
        c.name = cs->name;
        c.db = cs->db;
        c.protocol = cs->protocol;
        c.channels.assign(cs->channels.begin(), cs->channels.end());
        c.patterns.assign(cs->patterns.begin(), cs->patterns.end());
        c.shardChannels.assign(cs->shardChannels.begin(), cs->shardChannels.end());
        c.inMulti = session.inMulti;
        c.queuedCommands = session.queued.size();
        if (const Waiter *wt = m_blocking.waiter(id)) {
            c.blocked = true;
            c.blockedKeys = wt->request.keys;
            c.blockedSinceMs = wt->sinceMs;
            c.blockDeadlineMs = wt->request.deadlineMs;
        }
        w.clients.push_back(std::move(c));
    }
    if (limits.keysOnly) {
        w.keysOnly = true;
        w.coveredKeys = limits.onlyKeys;
        std::sort(w.coveredKeys.begin(), w.coveredKeys.end());
        w.coveredKeys.erase(std::unique(w.coveredKeys.begin(), w.coveredKeys.end()), w.coveredKeys.end());
    }
    for (int db = 0; db < kDatabaseCount; ++db) {
        const Database &d = m_engine.database(db);
        std::vector<std::string> names;
        auto live = [&](const std::string &name) {
            std::int64_t at = d.expireAt(name);
            return at < 0 || at > w.nowMs;
        };
        if (limits.keysOnly) {
            for (const auto &[kdb, name] : w.coveredKeys)
                if (kdb == db && d.keys().count(name) && live(name))
                    names.push_back(name);
        } else {
            names.reserve(d.size());
            for (const auto &[name, value] : d.keys())
                if (live(name))
                    names.push_back(name);
            std::sort(names.begin(), names.end());
        }
        for (const auto &name : names) {
            const Value &v = d.keys().at(name);
            KeySnapshot k;
            k.db = db;
            k.name = name;
            k.type = v.type;
            k.expireAtMs = d.expireAt(name);
            if (v.type == ValueType::String) {
                k.length = v.str.size();
                k.stringValue = v.str.substr(0, 1024);
            } else if (v.type == ValueType::List) {
                snapshotList(*v.list, limits, k);
            } else {
                snapshotStream(*v.stream, limits, w.nowMs, k);
            }
            k.waiters = m_blocking.waitersOn(db, name);
            w.keys.push_back(std::move(k));
        }
    }
    std::map<std::pair<int, std::string>, bool> missing; // waited-on keys that do not exist -> stream wait
    for (const auto &c : w.clients) {
        const Waiter *wt = c.blocked ? m_blocking.waiter(c.id) : nullptr;
        if (!wt)
            continue;
        for (const auto &key : wt->request.keys)
            if (!m_engine.database(wt->request.db).findRaw(key))
                missing[{wt->request.db, key}] = wt->request.streamWait;
    }
    for (const auto &[dbKey, stream] : missing) {
        WaitedKeySnapshot k;
        k.db = dbKey.first;
        k.name = dbKey.second;
        k.stream = stream;
        k.waiters = m_blocking.waitersOn(k.db, k.name);
        w.waitedMissingKeys.push_back(std::move(k));
    }
    auto addChannels = [&](auto &registry, bool pattern, bool shard) {
        for (const auto &[name, subscribers] : registry) {
            ChannelSnapshot ch;
            ch.name = name;
            ch.pattern = pattern;
            ch.shard = shard;
            ch.subscribers.assign(subscribers.begin(), subscribers.end());
            w.channels.push_back(std::move(ch));
        }
    };
    addChannels(m_engine.channelSubscribers(), false, false);
    addChannels(m_engine.patternSubscribers(), true, false);
    addChannels(m_engine.shardSubscribers(), false, true);
    return w;
}

} // namespace ql

// WorldModel: streams. Entries (XADD, XTRIM, XDEL, XSETID), consumer groups, consumers and
// pending entries, and Redis 7.0's entries-read / lag rules (as core/engine/stream.cpp
// implements them), replayed when the model knows the stream's counters.
#include "world_model.h"

#include <algorithm>

namespace ql {
namespace {

StreamId idOf(const std::string &s)
{
    return parseStreamId(s, 0, true).id;
}

// The recorded first id: the first live entry, 0-0 when empty; nullopt when the head of
// the stream is elided.
std::optional<StreamId> firstId(const StreamKeyView &s)
{
    if (s.length() == 0)
        return StreamId {};
    const auto &e = s.entries;
    if (!e.head().empty())
        return e.head().front().id;
    if (e.complete())
        return e.tail().front().id;
    return std::nullopt;
}

// Redis 7.0 (streamRangeHasTombstones): whether a deleted entry could lie in [start, +inf).
bool rangeHasTombstones(const StreamKeyView &s, StreamId first, StreamId start)
{
    if (s.length() == 0 || s.maxDeletedId.isZero())
        return false;
    if (first > s.maxDeletedId)
        return false;
    return start <= s.maxDeletedId;
}

// Redis 7.0 (streamEstimateDistanceFromFirstEverEntry); nullopt = invalid.
std::optional<std::int64_t> estimateEntriesRead(const StreamKeyView &s, StreamId first, StreamId id)
{
    const auto added = static_cast<std::int64_t>(s.entriesAdded);
    const auto length = static_cast<std::int64_t>(s.length());
    if (s.entriesAdded == 0)
        return 0;
    if (length == 0 && id <= s.lastId)
        return added;
    if (id == s.lastId)
        return added;
    if (id > s.lastId)
        return std::nullopt;
    if (s.maxDeletedId.isZero() || s.maxDeletedId < first) {
        if (id < first)
            return added - length;
        if (id == first)
            return added - length + 1;
    }
    return std::nullopt;
}

std::optional<std::int64_t> lagOf(const StreamKeyView &s, StreamId first, const GroupView &g)
{
    const auto added = static_cast<std::int64_t>(s.entriesAdded);
    if (s.entriesAdded == 0)
        return 0;
    if (g.entriesRead && !rangeHasTombstones(s, first, g.lastDeliveredId))
        return added - *g.entriesRead;
    if (auto read = estimateEntriesRead(s, first, g.lastDeliveredId))
        return added - *read;
    return std::nullopt;
}

// Redis 7.0: the group cursor moves to an entry a ">" read delivered.
void advanceGroup(const StreamKeyView &s, StreamId first, GroupView &g, StreamId delivered)
{
    if (delivered <= g.lastDeliveredId)
        return;
    if (g.entriesRead && !rangeHasTombstones(s, first, delivered))
        ++*g.entriesRead;
    else if (s.entriesAdded)
        g.entriesRead = estimateEntriesRead(s, first, delivered);
    g.lastDeliveredId = delivered;
}

// Position of `id` in a sorted run of entries, or npos.
std::size_t find(const std::deque<StreamEntryView> &run, StreamId id)
{
    auto it = std::lower_bound(
        run.begin(), run.end(), id, [](const StreamEntryView &e, const StreamId &x) { return e.id < x; });
    return it != run.end() && it->id == id ? static_cast<std::size_t>(it - run.begin()) : SIZE_MAX;
}

void removePending(GroupView &g, std::map<StreamId, PendingView>::iterator it)
{
    if (auto c = g.consumers.find(it->second.consumer); c != g.consumers.end()) {
        c->second.pending.erase(it->first);
        if (c->second.pendingCount > 0)
            --c->second.pendingCount;
    }
    if (g.pendingCount > 0)
        --g.pendingCount;
    g.pending.erase(it);
}

} // namespace

bool WorldModel::countersComputable(const StreamKeyView &s, const GroupView &g) const
{
    return s.countersKnown && g.entriesReadKnown && firstId(s).has_value();
}

void WorldModel::streamCountersChanged(KeyView &k)
{
    StreamKeyView &s = *k.stream;
    const std::optional<StreamId> first = firstId(s);
    for (auto &[name, g] : s.groups) {
        if (countersComputable(s, g))
            g.lag = lagOf(s, *first, g);
        else
            markDirty(k.db, k.name);
    }
}

void WorldModel::applyStreamEvent(const Event &e)
{
    KeyView *k = keyOfType(e, ValueType::Stream);
    if (!k)
        return;
    StreamKeyView &s = *k->stream;
    GroupView *g = nullptr;
    switch (e.kind) {
    case EventKind::GroupDestroyed:
    case EventKind::GroupIdSet:
    case EventKind::ConsumerCreated:
    case EventKind::ConsumerDeleted:
    case EventKind::GroupDelivered:
    case EventKind::Acked:
    case EventKind::Claimed:
    case EventKind::PendingDropped: {
        auto it = s.groups.find(e.text);
        if (it == s.groups.end()) {
            markDirty(e.db, e.key);
            return;
        }
        g = &it->second;
        break;
    }
    default: break;
    }

    switch (e.kind) {
    case EventKind::StreamAdded:
        s.entries.pushBack(StreamEntryView {idOf(e.text), e.values});
        s.lastId = idOf(e.text);
        ++s.entriesAdded;
        streamCountersChanged(*k);
        break;
    case EventKind::StreamTrimmed:
        if (e.number < 0 || static_cast<std::size_t>(e.number) > s.length())
            markDirty(e.db, e.key);
        s.entries.dropFront(static_cast<std::size_t>(std::max<std::int64_t>(e.number, 0)));
        if (s.entries.frontUnknown())
            markDirty(e.db, e.key);
        streamCountersChanged(*k);
        break;
    case EventKind::StreamDeleted: onStreamDeleted(*k, e); break;
    case EventKind::StreamIdSet:
        // XSETID may also have set ENTRIESADDED / MAXDELETEDID: the event does not say.
        s.lastId = idOf(e.text);
        s.countersKnown = false;
        streamCountersChanged(*k);
        break;
    case EventKind::GroupCreated: {
        GroupView ng;
        ng.name = e.text;
        ng.lastDeliveredId = e.values.empty() ? StreamId {} : idOf(e.values[0]);
        ng.entriesReadKnown = false; // ENTRIESREAD given or not: the event does not say
        s.groups.insert_or_assign(e.text, std::move(ng));
        markDirty(e.db, e.key);
        break;
    }
    case EventKind::GroupDestroyed: s.groups.erase(e.text); break;
    case EventKind::GroupIdSet:
        // SETID sets entries-read (ENTRIESREAD or invalid), XCLAIM LASTID keeps it.
        g->lastDeliveredId = e.values.empty() ? g->lastDeliveredId : idOf(e.values[0]);
        g->entriesReadKnown = false;
        markDirty(e.db, e.key);
        break;
    case EventKind::ConsumerCreated:
        if (!e.values.empty()) {
            auto [it, added] = g->consumers.try_emplace(e.values[0]);
            if (!added)
                markDirty(e.db, e.key);
            it->second.name = e.values[0];
            it->second.seenTimeMs = e.timeMs;
        }
        break;
    case EventKind::ConsumerDeleted: {
        auto c = e.values.empty() ? g->consumers.end() : g->consumers.find(e.values[0]);
        if (c == g->consumers.end()) {
            markDirty(e.db, e.key);
            break;
        }
        if (c->second.pendingCount != static_cast<std::size_t>(e.number))
            markDirty(e.db, e.key);
        for (StreamId id : c->second.pending)
            g->pending.erase(id);
        g->pendingCount -= std::min(g->pendingCount, static_cast<std::size_t>(std::max<std::int64_t>(e.number, 0)));
        g->consumers.erase(c);
        break;
    }
    case EventKind::GroupDelivered: onGroupDelivered(*k, *g, e); break;
    case EventKind::Acked: onAcked(*k, *g, e.values, 0); break;
    case EventKind::PendingDropped: onAcked(*k, *g, e.values, 0); break;
    case EventKind::Claimed: onClaimed(*k, *g, e); break;
    default: break;
    }
}

void WorldModel::onStreamDeleted(KeyView &k, const Event &e)
{
    StreamKeyView &s = *k.stream;
    auto &seq = s.entries;
    bool ok = true;
    for (const std::string &text : e.values) {
        const StreamId id = idOf(text);
        if (id > s.maxDeletedId)
            s.maxDeletedId = id;
        if (std::size_t i = find(seq.head(), id); i != SIZE_MAX) {
            seq.erase(i);
        } else if (std::size_t j = find(seq.tail(), id); j != SIZE_MAX) {
            seq.erase(seq.tailStart() + j);
        } else if (seq.elided() > 0 && (seq.head().empty() || seq.head().back().id < id)
            && (seq.tail().empty() || id < seq.tail().front().id)) {
            seq.erase(seq.head().size()); // one of the elided entries
        } else {
            ok = false;
        }
    }
    // An end that became unknown (the known tail deleted) comes back with a refresh.
    if (!ok || seq.frontUnknown() || seq.backUnknown())
        markDirty(k.db, k.name);
    streamCountersChanged(k);
}

void WorldModel::onGroupDelivered(KeyView &k, GroupView &g, const Event &e)
{
    if (e.values.empty()) {
        markDirty(k.db, k.name);
        return;
    }
    StreamKeyView &s = *k.stream;
    const std::string &owner = e.values[0];
    auto [cit, added] = g.consumers.try_emplace(owner);
    if (added) {
        cit->second.name = owner;
        markDirty(k.db, k.name); // its ConsumerCreated should have come first
    }
    ConsumerView &c = cit->second;
    c.seenTimeMs = e.timeMs;

    if (e.number == 2) { // history: the consumer's own pending entries, delivered again
        for (std::size_t i = 1; i < e.values.size(); ++i) {
            auto p = g.pending.find(idOf(e.values[i]));
            if (p == g.pending.end() || p->second.consumer != owner) {
                markDirty(k.db, k.name);
                continue;
            }
            ++p->second.deliveryCount;
            p->second.deliveryTimeMs = e.timeMs;
        }
        return;
    }

    const bool computable = countersComputable(s, g);
    const std::optional<StreamId> first = firstId(s);
    for (std::size_t i = 1; i < e.values.size(); ++i) {
        const StreamId id = idOf(e.values[i]);
        if (computable)
            advanceGroup(s, *first, g, id);
        else if (id > g.lastDeliveredId)
            g.lastDeliveredId = id;
        if (e.number == 1)
            continue; // NOACK: nothing enters the pending list
        auto p = g.pending.find(id);
        if (p != g.pending.end()) {
            // Taken over from its previous owner, delivery count back to 1.
            if (p->second.consumer != owner) {
                if (auto old = g.consumers.find(p->second.consumer); old != g.consumers.end()) {
                    old->second.pending.erase(id);
                    if (old->second.pendingCount > 0)
                        --old->second.pendingCount;
                }
                c.pending.insert(id);
                ++c.pendingCount;
            }
            p->second = PendingView {owner, e.timeMs, 1};
            continue;
        }
        if (!g.certainlyNotPending(id))
            markDirty(k.db, k.name); // perhaps pending under an owner the model does not know
        g.pending.emplace(id, PendingView {owner, e.timeMs, 1});
        c.pending.insert(id);
        ++c.pendingCount;
        ++g.pendingCount;
    }
    if (computable)
        g.lag = lagOf(s, *first, g);
    else
        markDirty(k.db, k.name);
}

void WorldModel::onAcked(KeyView &k, GroupView &g, const std::vector<std::string> &ids, std::size_t from)
{
    for (std::size_t i = from; i < ids.size(); ++i) {
        const StreamId id = idOf(ids[i]);
        auto p = g.pending.find(id);
        if (p != g.pending.end()) {
            removePending(g, p);
            continue;
        }
        // Not known: a contradiction, or an entry whose owner the model never saw.
        markDirty(k.db, k.name);
        if (!g.certainlyNotPending(id) && g.pendingCount > 0)
            --g.pendingCount;
    }
}

void WorldModel::onClaimed(KeyView &k, GroupView &g, const Event &e)
{
    // The new owner is exact; the delivery time and count depend on options the event does
    // not carry (IDLE, TIME, RETRYCOUNT, JUSTID), so they stay as they were until a refresh.
    markDirty(k.db, k.name);
    if (e.values.empty())
        return;
    const std::string &owner = e.values[0];
    auto [cit, added] = g.consumers.try_emplace(owner);
    cit->second.name = owner;
    ConsumerView &c = cit->second;
    c.seenTimeMs = e.timeMs;
    for (std::size_t i = 1; i < e.values.size(); ++i) {
        const StreamId id = idOf(e.values[i]);
        auto p = g.pending.find(id);
        if (p == g.pending.end()) {
            if (!g.certainlyNotPending(id))
                continue; // pending under an owner the model does not know
            // XCLAIM FORCE made it pending.
            p = g.pending.emplace(id, PendingView {owner, e.timeMs, 0}).first;
            ++g.pendingCount;
        } else if (p->second.consumer != owner) {
            if (auto old = g.consumers.find(p->second.consumer); old != g.consumers.end()) {
                old->second.pending.erase(id);
                if (old->second.pendingCount > 0)
                    --old->second.pendingCount;
            }
        } else {
            continue; // claimed by its owner: only time and count change
        }
        p->second.consumer = owner;
        c.pending.insert(id);
        ++c.pendingCount;
    }
}

} // namespace ql

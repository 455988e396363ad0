#include "model_snapshots.h"

namespace ql {

namespace {

// The elements the model knows, head ... tail, and where the unknown middle was.
template <typename T, typename Out, typename F>
void knownElements(const ElidedSequence<T> &seq, std::vector<Out> &out, std::size_t &elidedFrom, F convert)
{
    for (const T &v : seq.head())
        out.push_back(convert(v));
    elidedFrom = seq.complete() ? 0 : out.size();
    for (const T &v : seq.tail())
        out.push_back(convert(v));
}

} // namespace

KeySnapshot keySnapshot(const WorldModel &model, const KeyView &k)
{
    KeySnapshot s;
    s.db = k.db;
    s.name = k.name;
    s.type = k.type;
    s.expireAtMs = k.expireAtMs;
    s.length = k.length();
    s.stringValue = k.stringValue;
    s.waiters = model.waiters(k.db, k.name);
    if (k.type == ValueType::List) {
        knownElements(*k.list, s.elements, s.elidedFrom, [](const std::string &v) { return v; });
    } else if (k.type == ValueType::Stream) {
        const StreamKeyView &st = *k.stream;
        knownElements(st.entries, s.entries, s.elidedFrom, [](const StreamEntryView &e) {
            return StreamEntrySnapshot {e.id.toString(), e.fieldsValues};
        });
        s.lastId = st.lastId.toString();
        s.entriesAdded = st.entriesAdded;
        s.maxDeletedId = st.maxDeletedId.toString();
        if (const StreamEntryView *first = st.entries.at(0))
            s.firstId = first->id.toString();
        for (const auto &[name, g] : st.groups) {
            GroupSnapshot gs;
            gs.name = name;
            gs.lastDeliveredId = g.lastDeliveredId.toString();
            gs.entriesRead = g.entriesRead;
            gs.lag = g.lag;
            gs.pendingCount = g.pendingCount;
            for (const auto &[cname, c] : g.consumers)
                gs.consumers.push_back({cname, c.seenTimeMs, c.pendingCount});
            for (const auto &[id, p] : g.pending) { // oldest first, as many as a broker snapshot holds
                if (gs.pending.size() >= SnapshotLimits {}.maxPendingPerGroup)
                    break;
                gs.pending.push_back({id.toString(), p.consumer, p.deliveryTimeMs, p.deliveryCount});
            }
            s.groups.push_back(std::move(gs));
        }
    }
    return s;
}

ClientSnapshot clientSnapshot(const ClientView &c)
{
    ClientSnapshot s;
    s.id = c.id;
    s.name = c.name;
    // No event says which database or protocol a client uses: unknown, not a guess.
    s.db = -1;
    s.protocol = 0;
    if (c.blocked) {
        s.blocked = true;
        s.db = c.blocked->db;
        s.blockedKeys = c.blocked->keys;
        s.blockedSinceMs = c.blocked->sinceMs;
        s.blockDeadlineMs = c.blocked->deadlineMs;
    }
    for (const auto &[name, order] : c.channels)
        s.channels.push_back(name);
    for (const auto &[name, order] : c.patterns)
        s.patterns.push_back(name);
    for (const auto &[name, order] : c.shardChannels)
        s.shardChannels.push_back(name);
    s.inMulti = c.inMulti;
    s.queuedCommands = c.queuedCommands;
    return s;
}

ChannelSnapshot channelSnapshot(const ChannelView &ch)
{
    ChannelSnapshot s;
    s.name = ch.name;
    s.pattern = ch.kind == ChannelKind::Pattern;
    s.shard = ch.kind == ChannelKind::Shard;
    s.subscribers = ch.subscriberList();
    return s;
}

} // namespace ql

// WorldModel: attaching from a snapshot, the event dispatch, dirty-key refreshes, and the
// client side of the world: connections, blocking waits, pub/sub, transactions.
#include "world_model.h"

#include <algorithm>

namespace ql {
namespace {

ChannelKind subscriptionKind(const std::string &text)
{
    return text == "pattern" ? ChannelKind::Pattern : text == "shard" ? ChannelKind::Shard : ChannelKind::Channel;
}

std::map<std::string, std::uint64_t, std::less<>> &subscriptionsOf(ClientView &c, ChannelKind kind)
{
    return kind == ChannelKind::Pattern ? c.patterns : kind == ChannelKind::Shard ? c.shardChannels : c.channels;
}

} // namespace

WorldModel::WorldModel() : WorldModel(Limits {})
{
}

WorldModel::WorldModel(Limits limits) : m_limits(limits)
{
}

// ---- attaching ----------------------------------------------------------------------------

void WorldModel::apply(const WorldSnapshot &snapshot)
{
    m_feed = FeedPosition {snapshot.seq, false};
    m_snapshotSeq = snapshot.seq;
    m_nowMs = snapshot.nowMs;
    m_clients.clear();
    m_keys.clear();
    m_dirty.clear();
    m_waitQueues.clear();
    // Channels keep their counters (they count since the window attached); subscribers
    // come from the snapshot.
    for (auto it = m_channels.begin(); it != m_channels.end();) {
        it->second.subscribers.clear();
        if (it->second.published == 0 && it->second.delivered == 0 && it->second.lost == 0)
            it = m_channels.erase(it);
        else
            ++it;
    }

    for (const ClientSnapshot &cs : snapshot.clients) {
        ClientView &c = clientFor(cs.id);
        c.name = cs.name;
        c.inMulti = cs.inMulti;
        c.queuedCommands = cs.queuedCommands;
        if (cs.blocked) {
            BlockedView b;
            b.db = cs.db;
            b.keys = cs.blockedKeys;
            b.sinceMs = cs.blockedSinceMs;
            b.deadlineMs = cs.blockDeadlineMs;
            for (const auto &k : b.keys)
                if (std::find(b.queuedOn.begin(), b.queuedOn.end(), k) == b.queuedOn.end())
                    b.queuedOn.push_back(k);
            b.order.assign(b.queuedOn.size(), 0);
            c.blocked = std::move(b);
        }
    }

    for (const KeySnapshot &ks : snapshot.keys) {
        m_keys.insert_or_assign(KeyId {ks.db, ks.name}, keyFromSnapshot(ks));
        for (ClientId id : ks.waiters) {
            auto cit = m_clients.find(id);
            if (cit == m_clients.end() || !cit->second.blocked)
                continue;
            BlockedView &b = *cit->second.blocked;
            auto pos = std::find(b.queuedOn.begin(), b.queuedOn.end(), ks.name);
            if (pos == b.queuedOn.end())
                continue;
            std::uint64_t order = m_nextOrder++;
            b.order[static_cast<std::size_t>(pos - b.queuedOn.begin())] = order;
            m_waitQueues[KeyId {b.db, ks.name}].emplace(order, id);
        }
    }
    // Waits on keys that do not exist: the snapshot has no queue for them; blocking order
    // is taken as (since, id).
    std::vector<ClientView *> blocked;
    for (auto &[id, c] : m_clients)
        if (c.blocked)
            blocked.push_back(&c);
    std::stable_sort(blocked.begin(), blocked.end(),
        [](const ClientView *a, const ClientView *b) { return a->blocked->sinceMs < b->blocked->sinceMs; });
    for (ClientView *c : blocked) {
        BlockedView &b = *c->blocked;
        for (std::size_t i = 0; i < b.queuedOn.size(); ++i) {
            if (b.order[i] != 0)
                continue;
            b.order[i] = m_nextOrder++;
            m_waitQueues[KeyId {b.db, b.queuedOn[i]}].emplace(b.order[i], c->id);
        }
    }

    for (const ChannelSnapshot &chs : snapshot.channels) {
        ChannelKind kind = chs.pattern ? ChannelKind::Pattern : chs.shard ? ChannelKind::Shard : ChannelKind::Channel;
        ChannelView &ch = channelFor(kind, chs.name);
        for (ClientId id : chs.subscribers) {
            std::uint64_t order = m_nextOrder++;
            ch.subscribers.emplace(order, id);
            auto cit = m_clients.find(id);
            if (cit != m_clients.end())
                subscriptionsOf(cit->second, kind)[chs.name] = order;
        }
    }
}

void WorldModel::apply(std::span<const Event> events)
{
    for (const Event &e : events)
        apply(e);
}

void WorldModel::apply(const Event &e)
{
    if (!m_feed.take(e.seq))
        return;
    m_nowMs = std::max(m_nowMs, e.timeMs);
    switch (e.kind) {
    case EventKind::KeyCreated:
    case EventKind::KeyRemoved:
    case EventKind::KeyRenamed:
    case EventKind::KeyExpireSet:
    case EventKind::Flushed:
    case EventKind::StringSet:
    case EventKind::Pushed:
    case EventKind::Popped:
    case EventKind::ListMoved:
    case EventKind::ListChanged: applyKeyEvent(e); break;
    case EventKind::StreamAdded:
    case EventKind::StreamTrimmed:
    case EventKind::StreamDeleted:
    case EventKind::StreamIdSet:
    case EventKind::GroupCreated:
    case EventKind::GroupDestroyed:
    case EventKind::GroupIdSet:
    case EventKind::ConsumerCreated:
    case EventKind::ConsumerDeleted:
    case EventKind::GroupDelivered:
    case EventKind::Acked:
    case EventKind::Claimed:
    case EventKind::PendingDropped: applyStreamEvent(e); break;
    case EventKind::Subscribed: onSubscribed(e); break;
    case EventKind::Unsubscribed: onUnsubscribed(e); break;
    case EventKind::Published: onPublished(e); break;
    case EventKind::Delivered: onDelivered(e); break;
    case EventKind::NoReceiver: onNoReceiver(e); break;
    case EventKind::BlockRequested: onBlockRequested(e); break;
    case EventKind::Unblocked: onUnblocked(e); break;
    case EventKind::ClientOpened: onClientOpened(e); break;
    case EventKind::ClientClosed: onClientClosed(e); break;
    case EventKind::ClientRenamed: clientFor(e.client).name = e.text; break;
    case EventKind::CommandQueued: {
        ClientView &c = clientFor(e.client);
        c.inMulti = true;
        ++c.queuedCommands;
        break;
    }
    case EventKind::TransactionStarted: {
        ClientView &c = clientFor(e.client);
        c.inMulti = true;
        c.queuedCommands = 0;
        break;
    }
    case EventKind::TransactionRun:
    case EventKind::TransactionDiscarded: {
        ClientView &c = clientFor(e.client);
        c.inMulti = false;
        c.queuedCommands = 0;
        break;
    }
    }
}

// ---- dirty keys ---------------------------------------------------------------------------

void WorldModel::markDirty(int db, std::string_view name)
{
    if (m_dirty.find(KeyIdLess::Ref {db, name}) == m_dirty.end())
        m_dirty.insert(KeyId {db, std::string(name)});
}

void WorldModel::refresh(const KeySnapshot &ks)
{
    auto it = m_keys.find(KeyIdLess::Ref {ks.db, ks.name});
    KeyView fresh = keyFromSnapshot(ks);
    if (it == m_keys.end())
        m_keys.emplace(KeyId {ks.db, ks.name}, std::move(fresh));
    else
        it->second = std::move(fresh);
    if (auto d = m_dirty.find(KeyIdLess::Ref {ks.db, ks.name}); d != m_dirty.end())
        m_dirty.erase(d);
}

void WorldModel::removeKey(int db, std::string_view name)
{
    if (auto it = m_keys.find(KeyIdLess::Ref {db, name}); it != m_keys.end())
        m_keys.erase(it);
    if (auto d = m_dirty.find(KeyIdLess::Ref {db, name}); d != m_dirty.end())
        m_dirty.erase(d);
}

bool WorldModel::refreshDirty(const WorldSnapshot &snapshot)
{
    if (snapshot.seq != m_feed.seq)
        return false;
    m_nowMs = std::max(m_nowMs, snapshot.nowMs);
    const auto dirty = m_dirty;
    for (const KeyId &id : dirty) {
        // A snapshot of some keys only says nothing of the others: they stay dirty.
        if (snapshot.keysOnly
            && !std::binary_search(snapshot.coveredKeys.begin(), snapshot.coveredKeys.end(), std::pair(id.db, id.name)))
            continue;
        auto it = std::lower_bound(
            snapshot.keys.begin(), snapshot.keys.end(), id, [](const KeySnapshot &k, const KeyId &x) {
                return KeyIdLess::Ref {k.db, k.name} < KeyIdLess::Ref {x.db, x.name};
            });
        if (it != snapshot.keys.end() && it->db == id.db && it->name == id.name)
            refresh(*it);
        else
            removeKey(id.db, id.name);
    }
    return true;
}

// ---- reading ------------------------------------------------------------------------------

const ClientView *WorldModel::client(ClientId id) const
{
    auto it = m_clients.find(id);
    return it == m_clients.end() ? nullptr : &it->second;
}

const KeyView *WorldModel::key(int db, std::string_view name) const
{
    auto it = m_keys.find(KeyIdLess::Ref {db, name});
    return it == m_keys.end() ? nullptr : &it->second;
}

std::vector<ClientId> WorldModel::waiters(int db, std::string_view key) const
{
    std::vector<ClientId> out;
    auto it = m_waitQueues.find(KeyIdLess::Ref {db, key});
    if (it != m_waitQueues.end())
        for (const auto &[order, id] : it->second)
            out.push_back(id);
    return out;
}

std::vector<KeyId> WorldModel::keysWithWaiters() const
{
    std::vector<KeyId> out;
    out.reserve(m_waitQueues.size());
    for (const auto &[id, queue] : m_waitQueues)
        out.push_back(id);
    return out;
}

const ChannelView *WorldModel::channel(ChannelKind kind, std::string_view name) const
{
    auto it = m_channels.find(ChannelKeyLess::Ref {kind, name});
    return it == m_channels.end() ? nullptr : &it->second;
}

// ---- clients ------------------------------------------------------------------------------

int WorldModel::colourFor(ClientId id)
{
    auto [it, added] = m_colours.try_emplace(id, 0);
    if (added)
        it->second = m_nextColour++ % kModelColourCount;
    return it->second;
}

ClientView &WorldModel::clientFor(ClientId id)
{
    auto [it, added] = m_clients.try_emplace(id);
    if (added) {
        it->second.id = id;
        it->second.colour = colourFor(id);
    }
    return it->second;
}

void WorldModel::onClientOpened(const Event &e)
{
    ClientView &c = clientFor(e.client);
    c.name = e.text;
}

void WorldModel::onClientClosed(const Event &e)
{
    if (e.text == "output-buffer-limit")
        m_totals.lostSlowSubscriber += static_cast<std::uint64_t>(std::max<std::int64_t>(e.number, 0));
    ClosedClientView closed;
    closed.id = e.client;
    closed.reason = e.text;
    closed.timeMs = e.timeMs;
    closed.messagesLost = e.text == "output-buffer-limit" ? e.number : 0;
    closed.colour = colourFor(e.client);
    auto it = m_clients.find(e.client);
    if (it != m_clients.end()) {
        ClientView &c = it->second;
        closed.name = c.name;
        // The broker ends waits and subscriptions with their own events first; whatever
        // is left goes now.
        endWait(c);
        for (ChannelKind kind : {ChannelKind::Channel, ChannelKind::Pattern, ChannelKind::Shard}) {
            auto subs = subscriptionsOf(c, kind);
            for (const auto &[name, order] : subs)
                unsubscribe(c, kind, name);
        }
        m_clients.erase(it);
    }
    m_closed.push_back(std::move(closed));
    while (m_closed.size() > m_limits.closedClients)
        m_closed.pop_front();
}

// ---- blocking -----------------------------------------------------------------------------

void WorldModel::onBlockRequested(const Event &e)
{
    ClientView &c = clientFor(e.client);
    endWait(c);
    BlockedView b;
    b.db = e.db;
    b.keys = e.values;
    b.sinceMs = e.timeMs;
    b.deadlineMs = e.number;
    for (const auto &k : b.keys) {
        if (std::find(b.queuedOn.begin(), b.queuedOn.end(), k) != b.queuedOn.end())
            continue; // BLPOP a a 0 waits once on a
        b.queuedOn.push_back(k);
        b.order.push_back(m_nextOrder);
        m_waitQueues[KeyId {b.db, k}].emplace(m_nextOrder++, c.id);
    }
    c.blocked = std::move(b);
}

void WorldModel::onUnblocked(const Event &e)
{
    auto it = m_clients.find(e.client);
    if (it != m_clients.end())
        endWait(it->second);
}

void WorldModel::endWait(ClientView &c)
{
    if (!c.blocked)
        return;
    const BlockedView &b = *c.blocked;
    for (std::size_t i = 0; i < b.queuedOn.size(); ++i) {
        auto q = m_waitQueues.find(KeyIdLess::Ref {b.db, b.queuedOn[i]});
        if (q == m_waitQueues.end())
            continue;
        q->second.erase(b.order[i]);
        if (q->second.empty())
            m_waitQueues.erase(q);
    }
    c.blocked.reset();
}

// ---- pub/sub ------------------------------------------------------------------------------

ChannelView &WorldModel::channelFor(ChannelKind kind, const std::string &name)
{
    auto it = m_channels.find(ChannelKeyLess::Ref {kind, name});
    if (it == m_channels.end()) {
        it = m_channels.emplace(ChannelKey {kind, name}, ChannelView {}).first;
        it->second.kind = kind;
        it->second.name = name;
    }
    return it->second;
}

void WorldModel::dropChannelIfUnused(ChannelKind kind, const std::string &name)
{
    auto it = m_channels.find(ChannelKeyLess::Ref {kind, name});
    if (it == m_channels.end())
        return;
    const ChannelView &ch = it->second;
    if (ch.subscribers.empty() && ch.published == 0 && ch.delivered == 0 && ch.lost == 0)
        m_channels.erase(it);
}

void WorldModel::subscribe(ClientView &c, ChannelKind kind, const std::string &name, std::uint64_t order)
{
    auto &subs = subscriptionsOf(c, kind);
    if (subs.count(name))
        return;
    subs.emplace(name, order);
    channelFor(kind, name).subscribers.emplace(order, c.id);
}

void WorldModel::unsubscribe(ClientView &c, ChannelKind kind, const std::string &name)
{
    auto &subs = subscriptionsOf(c, kind);
    auto it = subs.find(name);
    if (it == subs.end())
        return;
    std::uint64_t order = it->second;
    subs.erase(it);
    auto ch = m_channels.find(ChannelKeyLess::Ref {kind, name});
    if (ch != m_channels.end()) {
        ch->second.subscribers.erase(order);
        dropChannelIfUnused(kind, name);
    }
}

void WorldModel::onSubscribed(const Event &e)
{
    subscribe(clientFor(e.client), subscriptionKind(e.text), e.key, m_nextOrder++);
}

void WorldModel::onUnsubscribed(const Event &e)
{
    auto it = m_clients.find(e.client);
    if (it != m_clients.end())
        unsubscribe(it->second, subscriptionKind(e.text), e.key);
}

void WorldModel::onPublished(const Event &e)
{
    m_publishedKind = e.text == "shard" ? ChannelKind::Shard : ChannelKind::Channel;
    ++channelFor(m_publishedKind, e.key).published;
    ++m_totals.published;
}

void WorldModel::onDelivered(const Event &e)
{
    if (auto it = m_clients.find(e.client); it != m_clients.end())
        ++it->second.messagesReceived;
    ++channelFor(m_publishedKind, e.key).delivered;
    if (!e.text.empty())
        ++channelFor(ChannelKind::Pattern, e.text).delivered;
    ++m_totals.delivered;
}

void WorldModel::onNoReceiver(const Event &e)
{
    ++channelFor(m_publishedKind, e.key).lost;
    ++m_totals.lostNoReceiver;
}

} // namespace ql

// MessageLineage: the records and their bound, client names, keyspace events (removal,
// rename, flush) and pub/sub. Lists and streams are in message_lineage_lists.cpp and
// message_lineage_streams.cpp, the text in message_lineage_describe.cpp.
#include "message_lineage.h"

#include <algorithm>

namespace ql {
namespace {

// The first `max` bytes (not splitting a UTF-8 sequence), "..." when cut.
std::string cut(std::string_view s, std::size_t max)
{
    if (s.size() <= max)
        return std::string(s);
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n;
    return std::string(s.substr(0, n)) + "...";
}

} // namespace

MessageLineage::MessageLineage() : MessageLineage(Limits {})
{
}

MessageLineage::MessageLineage(Limits limits) : m_limits(limits)
{
    m_limits.histories = std::max<std::size_t>(m_limits.histories, 1);
    m_limits.perChannel = std::max<std::size_t>(m_limits.perChannel, 1);
    m_limits.steps = std::max<std::size_t>(m_limits.steps, 2);
}

void MessageLineage::clear()
{
    *this = MessageLineage(m_limits);
}

void MessageLineage::apply(std::span<const Event> events)
{
    for (const Event &e : events)
        apply(e);
}

void MessageLineage::apply(const Event &e)
{
    if (!m_feed.take(e.seq))
        return;
    if (e.kind != EventKind::Unblocked && e.client != m_touchedBy) {
        m_touched.clear();
        m_touchedBy = e.client;
    }
    if (e.kind != EventKind::Delivered && e.kind != EventKind::NoReceiver)
        m_publishing = 0;
    switch (e.kind) {
    case EventKind::KeyCreated: onKeyCreated(e); break;
    case EventKind::KeyRemoved: onKeyRemoved(e, e.key, e.text); break;
    case EventKind::KeyRenamed: onKeyRenamed(e); break;
    case EventKind::Flushed: onFlushed(e); break;
    case EventKind::Pushed:
    case EventKind::Popped:
    case EventKind::ListMoved:
    case EventKind::ListChanged: onListEvent(e); break;
    case EventKind::StreamAdded:
    case EventKind::StreamTrimmed:
    case EventKind::StreamDeleted:
    case EventKind::GroupDestroyed:
    case EventKind::ConsumerDeleted:
    case EventKind::GroupDelivered:
    case EventKind::Acked:
    case EventKind::Claimed:
    case EventKind::PendingDropped: onStreamEvent(e); break;
    case EventKind::Published:
    case EventKind::Delivered:
    case EventKind::NoReceiver: onPubSub(e); break;
    case EventKind::BlockRequested: m_touched.clear(); break;
    case EventKind::Unblocked: onUnblocked(e); break;
    case EventKind::ClientOpened:
    case EventKind::ClientRenamed: m_names[e.client] = e.text; break;
    case EventKind::ClientClosed: m_names.erase(e.client); break;
    default: break;
    }
}

// ---- records ----------------------------------------------------------------------------

HistoryId MessageLineage::create(MessageHistory::Kind kind, int db, const std::string &key, std::string_view label)
{
    while (m_records.size() >= m_limits.histories)
        evictOne();
    const HistoryId id = m_nextId++;
    Record &r = m_records.emplace_hint(m_records.end(), id, Record {})->second;
    r.h.id = id;
    r.h.kind = kind;
    r.h.db = db;
    r.h.key = key;
    r.h.label = cut(label, m_limits.labelBytes);
    return id;
}

MessageLineage::Record *MessageLineage::record(HistoryId id)
{
    auto it = m_records.find(id);
    return it == m_records.end() ? nullptr : &it->second;
}

const MessageLineage::Record *MessageLineage::record(HistoryId id) const
{
    auto it = m_records.find(id);
    return it == m_records.end() ? nullptr : &it->second;
}

void MessageLineage::addStep(Record &r, LineageStep step)
{
    auto &steps = r.h.steps;
    if (steps.size() >= m_limits.steps) {
        steps.erase(steps.begin() + 1);
        ++r.h.stepsDropped;
    }
    steps.push_back(std::move(step));
    if (m_touched.size() < m_limits.histories)
        m_touched.push_back(r.h.id);
    settle(r);
}

LineageStep MessageLineage::stepOf(const Event &e, LineageStep::What what, std::string where) const
{
    LineageStep s;
    s.what = what;
    s.timeMs = e.timeMs;
    s.client = e.client;
    s.clientName = clientName(e.client);
    s.where = std::move(where);
    return s;
}

// Settled histories are evicted first: nothing will happen to them any more, or the
// lineage no longer follows them.
void MessageLineage::settle(Record &r)
{
    const bool settled = !r.followed || r.h.gone
        || (r.h.kind == MessageHistory::Kind::StreamEntry && r.delivered && r.h.pending.empty());
    if (settled)
        m_settled.insert(r.h.id);
    else
        m_settled.erase(r.h.id);
}

void MessageLineage::evictOne()
{
    auto it = m_settled.empty() ? m_records.begin() : m_records.find(*m_settled.begin());
    const MessageHistory::Kind kind = it->second.h.kind;
    const std::string key = it->second.h.key;
    if (it->second.followed && kind == MessageHistory::Kind::StreamEntry)
        forgetStreamEntry(it->second);
    m_settled.erase(it->first);
    m_records.erase(it);
    // List slots keep the id (lookups of it return null); a channel drops its oldest.
    if (kind == MessageHistory::Kind::PubSub) {
        auto c = m_channels.find(key);
        if (c == m_channels.end())
            return;
        while (!c->second.empty() && !m_records.count(c->second.front()))
            c->second.pop_front();
        if (c->second.empty())
            m_channels.erase(c);
    }
}

std::string MessageLineage::clientName(ClientId id) const
{
    if (id == kNoClient)
        return "server";
    auto it = m_names.find(id);
    if (it != m_names.end() && !it->second.empty())
        return it->second;
    return "client #" + std::to_string(id);
}

// ---- keyspace ---------------------------------------------------------------------------

void MessageLineage::onKeyCreated(const Event &e)
{
    const std::string type = e.values.empty() ? std::string() : e.values[0];
    KeyName key {e.db, e.key};
    if (type == "list") {
        removeList(e, key, "overwritten"); // a stale track (there should be none)
        m_lists.emplace(key, ListTrack {});
    } else if (type == "stream") {
        removeStream(e, key, "overwritten");
        StreamTrack t;
        t.lengthKnown = true; // created under our eyes: every entry comes with an event
        m_streams.emplace(key, std::move(t));
    }
}

void MessageLineage::onKeyRemoved(const Event &e, const std::string &key, const std::string &why)
{
    removeList(e, {e.db, key}, why);
    removeStream(e, {e.db, key}, why);
}

void MessageLineage::onKeyRenamed(const Event &e)
{
    const KeyName from {e.db, e.key};
    if (m_lists.count(from))
        renameList(e, from, e.text);
    if (m_streams.count(from))
        renameStream(e, from, e.text);
}

void MessageLineage::onFlushed(const Event &e)
{
    auto hit = [&](const KeyName &k) { return e.number < 0 || k.first == e.number; };
    std::vector<KeyName> keys;
    for (const auto &[k, t] : m_lists)
        if (hit(k))
            keys.push_back(k);
    for (const auto &[k, t] : m_streams)
        if (hit(k))
            keys.push_back(k);
    for (const KeyName &k : keys) {
        removeList(e, k, "flushed");
        removeStream(e, k, "flushed");
    }
}

// ---- pub/sub ----------------------------------------------------------------------------

void MessageLineage::onPubSub(const Event &e)
{
    if (e.kind == EventKind::Published) {
        const HistoryId id
            = create(MessageHistory::Kind::PubSub, 0, e.key, e.values.empty() ? std::string_view() : e.values[0]);
        Record &r = *record(id);
        r.h.gone = true; // Redis keeps nothing: it is delivered or lost at once
        LineageStep s = stepOf(e, LineageStep::What::Published, e.key);
        s.count = e.number > 0 ? static_cast<std::uint64_t>(e.number) : 0;
        s.note = e.text;
        addStep(r, std::move(s));
        auto c = m_channels.find(e.key);
        if (c == m_channels.end())
            c = m_channels.emplace(e.key, std::deque<HistoryId> {}).first;
        c->second.push_back(id);
        while (c->second.size() > m_limits.perChannel) {
            m_settled.erase(c->second.front());
            m_records.erase(c->second.front());
            c->second.pop_front();
        }
        m_publishing = id;
        return;
    }
    Record *r = record(m_publishing);
    if (!r || r->h.key != e.key)
        return;
    if (e.kind == EventKind::Delivered)
        addStep(*r, stepOf(e, LineageStep::What::Received, e.text));
    else
        addStep(*r, stepOf(e, LineageStep::What::Lost, e.key));
}

// A blocking command re-run after a wake-up: its events came just before, from the same client.
void MessageLineage::onUnblocked(const Event &e)
{
    if (e.text == "served") {
        for (HistoryId id : m_touched) {
            Record *r = record(id);
            if (r && !r->h.steps.empty() && r->h.steps.back().client == e.client)
                r->h.steps.back().afterBlocking = true;
        }
    }
    m_touched.clear();
}

// ---- reading ----------------------------------------------------------------------------

const MessageHistory *MessageLineage::history(HistoryId id) const
{
    const Record *r = record(id);
    return r ? &r->h : nullptr;
}

const MessageHistory *MessageLineage::streamEntry(int db, std::string_view key, StreamId id) const
{
    auto t = m_streams.find(KeyLess::Ref {db, key});
    if (t == m_streams.end())
        return nullptr;
    auto it = t->second.live.find(id);
    if (it == t->second.live.end()) {
        it = t->second.gone.find(id);
        if (it == t->second.gone.end())
            return nullptr;
    }
    return history(it->second);
}

const MessageHistory *MessageLineage::listElement(int db, std::string_view key, std::size_t index) const
{
    auto t = m_lists.find(KeyLess::Ref {db, key});
    if (t == m_lists.end() || !t->second.followed || index >= t->second.slots.size())
        return nullptr;
    return history(t->second.slots[index].id);
}

bool MessageLineage::listFollowed(int db, std::string_view key) const
{
    auto t = m_lists.find(KeyLess::Ref {db, key});
    return t != m_lists.end() && t->second.followed;
}

std::vector<const MessageHistory *> MessageLineage::recentPublished(std::string_view channel) const
{
    std::vector<const MessageHistory *> out;
    auto c = m_channels.find(channel);
    if (c == m_channels.end())
        return out;
    for (HistoryId id : c->second)
        if (const MessageHistory *h = history(id))
            out.push_back(h);
    return out;
}

} // namespace ql

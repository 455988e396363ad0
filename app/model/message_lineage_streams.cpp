// MessageLineage: stream entries. Per stream, the followed entries by id (`live`), and the
// deleted or trimmed ones (`gone`: XACK, XCLAIM and XAUTOCLAIM may still name them while
// they are pending, and streamEntry() still finds them until they are evicted). Delivery counts follow Redis 7.0:
// XREADGROUP ">" sets 1 (NOACK adds nothing to the pending list), a history read adds 1, XCLAIM / XAUTOCLAIM add 1
// unless JUSTID (Claimed number 1) and, for a pending entry they create (XCLAIM FORCE),
// start from 1 as Redis's streamCreateNACK does.
//
// Trimming names only how many entries went, the oldest ones. When the stream was created
// under the feed's eyes its length is known; with the entries not followed (evicted) all
// older than the followed ones, which entries went is exact. Otherwise the followed
// entries that may have gone are no longer followed.
#include "message_lineage.h"

#include <algorithm>

namespace ql {
namespace {

using What = LineageStep::What;

StreamId idOf(const std::string &s)
{
    return parseStreamId(s, 0, true).id;
}

MessageHistory::Pending *pendingIn(MessageHistory &h, const std::string &group)
{
    auto it = std::find_if(h.pending.begin(), h.pending.end(), [&](const auto &p) { return p.group == group; });
    return it == h.pending.end() ? nullptr : &*it;
}

} // namespace

void MessageLineage::onStreamEvent(const Event &e)
{
    auto it = m_streams.find(KeyLess::Ref {e.db, e.key});
    if (it == m_streams.end()) {
        if (e.kind != EventKind::StreamAdded)
            return;
        // No KeyCreated seen: a stream older than the feed, its length unknown.
        it = m_streams.emplace(KeyName {e.db, e.key}, StreamTrack {}).first;
    }
    StreamTrack &t = it->second;
    switch (e.kind) {
    case EventKind::StreamAdded: onStreamAdded(t, e); break;
    case EventKind::StreamTrimmed: onStreamTrimmed(t, e); break;
    case EventKind::StreamDeleted: onStreamDeleted(t, e); break;
    case EventKind::GroupDelivered: onGroupDelivered(t, e); break;
    case EventKind::Claimed: onClaimed(t, e); break;
    case EventKind::Acked:
    case EventKind::PendingDropped: onAcked(t, e); break;
    case EventKind::GroupDestroyed: dropPending(t, e, nullptr, "group destroyed"); break;
    case EventKind::ConsumerDeleted:
        if (e.number > 0 && !e.values.empty())
            dropPending(t, e, &e.values[0], "consumer deleted");
        break;
    default: break;
    }
}

void MessageLineage::onStreamAdded(StreamTrack &t, const Event &e)
{
    const StreamId id = idOf(e.text);
    for (bool live : {true, false}) { // the key was made again (ids only grow otherwise)
        auto &m = live ? t.live : t.gone;
        if (auto old = m.find(id); old != m.end())
            unfollowEntry(t, live, old);
    }
    if (t.lengthKnown)
        ++t.length;
    const HistoryId hid = create(MessageHistory::Kind::StreamEntry, e.db, e.key, e.text);
    Record &r = *record(hid);
    r.h.streamId = id;
    addStep(r, stepOf(e, What::Added, e.key));
    t.live[id] = hid;
}

void MessageLineage::onStreamTrimmed(StreamTrack &t, const Event &e)
{
    const std::uint64_t n = e.number > 0 ? static_cast<std::uint64_t>(e.number) : 0;
    const std::uint64_t followed = t.live.size();
    std::uint64_t certain = 0, uncertain = std::min(n, followed);
    if (t.lengthKnown) {
        const std::uint64_t others = t.length > followed ? t.length - followed : 0;
        certain = std::min(n > others ? n - others : 0, followed);
        const bool othersOlder
            = others == 0 || (t.untrackedBounded && (t.live.empty() || t.untrackedMax < t.live.begin()->first));
        uncertain = othersOlder ? 0 : std::min(n, followed) - certain;
        t.length = t.length > n ? t.length - n : 0;
    }
    LineageStep step = stepOf(e, What::Trimmed, e.text);
    for (std::uint64_t i = 0; i < certain; ++i) {
        auto it = t.live.begin();
        if (Record *r = record(it->second)) {
            r->h.gone = true;
            addStep(*r, step);
        }
        t.gone.emplace(it->first, it->second);
        t.live.erase(it);
    }
    for (std::uint64_t i = 0; i < uncertain; ++i)
        unfollowEntry(t, true, t.live.begin());
    if (t.lengthKnown && t.length == t.live.size())
        t.untrackedBounded = false; // every entry is followed again
}

void MessageLineage::onStreamDeleted(StreamTrack &t, const Event &e)
{
    const LineageStep step = stepOf(e, What::Deleted, e.key);
    for (const std::string &text : e.values) {
        if (t.lengthKnown && t.length > 0)
            --t.length;
        auto it = t.live.find(idOf(text));
        if (it == t.live.end())
            continue;
        if (Record *r = record(it->second)) {
            r->h.gone = true;
            addStep(*r, step);
        }
        t.gone.emplace(it->first, it->second);
        t.live.erase(it);
    }
}

// values[0] = consumer, values[1..] = ids; number 0: new entries, 1: NOACK, 2: history read.
void MessageLineage::onGroupDelivered(StreamTrack &t, const Event &e)
{
    if (e.values.empty())
        return;
    const std::string &consumer = e.values[0];
    for (std::size_t i = 1; i < e.values.size(); ++i) {
        Record *r = streamRecord(t, e.values[i]);
        if (!r)
            continue;
        LineageStep s = stepOf(e, e.number == 2 ? What::Redelivered : What::Delivered, e.text);
        s.consumer = consumer;
        MessageHistory::Pending *p = pendingIn(r->h, e.text);
        if (e.number == 1) {
            s.note = "noack";
        } else if (e.number == 2 && p) {
            p->consumer = consumer;
            s.count = p->count ? ++p->count : 0;
        } else if (e.number == 2) {
            r->h.pending.push_back({e.text, consumer, 0}); // pending all along, count unknown
        } else if (p) { // ">" over an entry already pending (after SETID): Redis resets it
            p->consumer = consumer;
            s.count = p->count = 1;
        } else {
            r->h.pending.push_back({e.text, consumer, 1});
            s.count = 1;
        }
        r->delivered = true;
        addStep(*r, std::move(s));
    }
}

// values[0] = new owner, values[1..] = ids; number 1: JUSTID (the count stays).
void MessageLineage::onClaimed(StreamTrack &t, const Event &e)
{
    if (e.values.empty())
        return;
    const bool justId = e.number == 1;
    for (std::size_t i = 1; i < e.values.size(); ++i) {
        Record *r = streamRecord(t, e.values[i]);
        if (!r)
            continue;
        MessageHistory::Pending *p = pendingIn(r->h, e.text);
        if (!p) { // XCLAIM FORCE made the pending entry: count 1, then the claim's increment
            r->h.pending.push_back({e.text, e.values[0], 1});
            p = &r->h.pending.back();
        }
        p->consumer = e.values[0];
        if (!justId && p->count)
            ++p->count;
        LineageStep s = stepOf(e, What::Claimed, e.text);
        s.consumer = e.values[0];
        s.count = p->count;
        s.note = justId ? "justid" : "";
        r->delivered = true;
        addStep(*r, std::move(s));
    }
}

// Acked and PendingDropped: values = ids leaving the group's pending list.
void MessageLineage::onAcked(StreamTrack &t, const Event &e)
{
    const bool acked = e.kind == EventKind::Acked;
    for (const std::string &text : e.values) {
        Record *r = streamRecord(t, text);
        if (!r)
            continue;
        LineageStep s = stepOf(e, acked ? What::Acked : What::Dropped, e.text);
        if (!acked)
            s.note = "entry deleted";
        if (MessageHistory::Pending *p = pendingIn(r->h, e.text)) {
            s.consumer = p->consumer;
            r->h.pending.erase(r->h.pending.begin() + (p - r->h.pending.data()));
        }
        addStep(*r, std::move(s));
    }
}

// XGROUP DESTROY (every pending entry of the group) and DELCONSUMER (the consumer's):
// the event names no ids, so every followed entry is looked at.
void MessageLineage::dropPending(StreamTrack &t, const Event &e, const std::string *consumer, const char *why)
{
    std::vector<std::pair<StreamId, HistoryId>> all(t.live.begin(), t.live.end());
    all.insert(all.end(), t.gone.begin(), t.gone.end());
    for (const auto &[id, hid] : all) {
        Record *r = record(hid);
        MessageHistory::Pending *p = r ? pendingIn(r->h, e.text) : nullptr;
        if (!p || (consumer && p->consumer != *consumer))
            continue;
        LineageStep s = stepOf(e, What::Dropped, e.text);
        s.consumer = p->consumer;
        s.note = why;
        r->h.pending.erase(r->h.pending.begin() + (p - r->h.pending.data()));
        addStep(*r, std::move(s));
    }
}

MessageLineage::Record *MessageLineage::streamRecord(StreamTrack &t, const std::string &text)
{
    const StreamId id = idOf(text);
    auto it = t.live.find(id);
    if (it == t.live.end()) {
        it = t.gone.find(id);
        if (it == t.gone.end())
            return nullptr;
    }
    return record(it->second);
}

// The entry may still be in the stream, but the lineage no longer knows.
void MessageLineage::unfollowEntry(StreamTrack &t, bool live, std::map<StreamId, HistoryId>::iterator it)
{
    if (Record *r = record(it->second)) {
        r->followed = false;
        settle(*r);
    }
    if (live) {
        if (!t.untrackedBounded || t.untrackedMax < it->first)
            t.untrackedMax = it->first;
        t.untrackedBounded = true;
        t.live.erase(it);
    } else {
        t.gone.erase(it);
    }
}

// An evicted history: its stream forgets it (a live entry becomes one not followed).
void MessageLineage::forgetStreamEntry(const Record &r)
{
    auto t = m_streams.find(KeyLess::Ref {r.h.db, r.h.key});
    if (t == m_streams.end())
        return;
    for (bool live : {true, false}) {
        auto &m = live ? t->second.live : t->second.gone;
        auto it = m.find(r.h.streamId);
        if (it != m.end() && it->second == r.h.id) {
            unfollowEntry(t->second, live, it);
            return;
        }
    }
}

void MessageLineage::removeStream(const Event &e, const KeyName &key, const std::string &why)
{
    auto it = m_streams.find(key);
    if (it == m_streams.end())
        return;
    const LineageStep step = stepOf(e, What::Removed, why);
    for (auto *m : {&it->second.live, &it->second.gone}) {
        const bool live = m == &it->second.live;
        for (const auto &[id, hid] : *m) {
            Record *r = record(hid);
            if (!r)
                continue;
            r->h.pending.clear(); // the groups went with the key
            r->followed = false;
            if (live) {
                r->h.gone = true;
                addStep(*r, step);
            } else {
                settle(*r);
            }
        }
    }
    m_streams.erase(it);
}

void MessageLineage::renameStream(const Event &e, const KeyName &from, const std::string &to)
{
    auto node = m_streams.extract(from);
    KeyName target {from.first, to};
    removeStream(e, target, "overwritten"); // KeyRemoved "overwritten" came first; a safety net
    node.key() = target;
    StreamTrack &t = m_streams.insert(std::move(node)).position->second;
    const LineageStep step = stepOf(e, What::Renamed, to);
    for (auto *m : {&t.live, &t.gone}) {
        for (const auto &[id, hid] : *m) {
            if (Record *r = record(hid)) {
                r->h.key = to;
                addStep(*r, step);
            }
        }
    }
}

} // namespace ql

// MessageLineage: the history of single messages, for "click a message to see its history".
// Built only from the broker's ordered event feed (docs/events.md), like the WorldModel,
// but it follows messages instead of keys:
//   - a stream entry from its XADD through deliveries, re-deliveries, claims, acks and its
//     deletion (XDEL, trimming, the key's removal);
//   - a list element from its push through moves to its pop or removal. Lists have no
//     element identity, so the lineage keeps, per list, a sequence of history ids parallel
//     to the list (head ... tail) with a hash of each value, and replays pushes, pops,
//     moves, LSET, LINSERT, LREM and LTRIM on it. Events carry every value and index this
//     needs; when the sequence would disagree with an event (a list older than the feed,
//     a hash mismatch) or grows past Limits::listLength, the list is no longer followed
//     and listElement() returns null ("history not known") until the key is removed;
//   - a pub/sub message from PUBLISH to its receivers, or to its loss.
//
// Client names come from ClientOpened / ClientRenamed ("client #N" when unknown or empty).
//
// Memory is bounded: at most Limits::histories histories (settled ones go first: popped,
// removed, deleted, trimmed, delivered or lost pub/sub messages, stream entries pending in
// no group after a delivery; then the oldest), Limits::perChannel per pub/sub channel,
// Limits::steps steps per history (the first is kept, then the latest), labels cut at
// Limits::labelBytes. An evicted history's lookups return null.
//
// What the events do not say, so the lineage cannot know (see docs/events.md):
//   - a delivery count set by XCLAIM RETRYCOUNT (the count is taken as incremented);
//   - XCLAIM IDLE/TIME (the claim's time is taken as its delivery time);
//   - which command popped or moved an element: the ends are known (LPOP vs RPOP,
//     LMOVE LEFT RIGHT ...), and a Unblocked "served" right after marks the step as done by
//     a blocking command (BLPOP, BLMOVE, XREADGROUP BLOCK) that waited for the data;
//   - MINID's threshold: trimming removes the oldest entries, which is exact when every
//     entry of the stream is followed or the ones not followed are older; otherwise the
//     entries that may have gone are no longer followed (their histories stay, unfinished).
#pragma once

#include "feed_position.h"

#include "engine/event.h"
#include "engine/stream_id.h"

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ql {

using HistoryId = std::uint64_t; // 0: none

struct LineageStep {
    // where / consumer / count / note per step:
    //   Added        where = stream                               (XADD)
    //   Pushed       where = list, note = "left"/"right"           (LPUSH/RPUSH)
    //   Inserted     where = list, note = "lset"/"linsert", count = index
    //   Moved        where = destination list, note = "<from> <to>" ends ("right left")
    //   Popped       where = list, note = "left"/"right"
    //   Delivered    where = group, consumer, count (0 with note "noack": not pending)
    //   Redelivered  where = group, consumer, count                (XREADGROUP with an id)
    //   Claimed      where = group, consumer = new owner, count, note = "justid" or ""
    //   Acked        where = group, consumer = the owner
    //   Dropped      where = group, consumer = the owner, note = "entry deleted",
    //                "consumer deleted" or "group destroyed"      (left the pending list)
    //   Deleted      where = stream                               (XDEL)
    //   Trimmed      where = "maxlen"/"minid"
    //   Removed      where = why: del, expired, overwritten, flushed, lset, lrem, ltrim
    //   Renamed      where = the new key name
    //   Published    where = channel, count = receivers, note = "shard" for SPUBLISH
    //   Received     client = the receiver, where = the pattern ("" for the channel)
    //   Lost         where = channel                              (no receiver)
    enum class What : std::uint8_t {
        Added,
        Pushed,
        Inserted,
        Moved,
        Popped,
        Delivered,
        Redelivered,
        Claimed,
        Acked,
        Dropped,
        Deleted,
        Trimmed,
        Removed,
        Renamed,
        Published,
        Received,
        Lost,
    };
    What what = What::Added;
    std::int64_t timeMs = 0;
    ClientId client = kNoClient;
    std::string clientName;
    std::string where;
    std::string consumer;
    std::uint64_t count = 0;
    std::string note;
    bool afterBlocking = false; // by a blocking command woken up by this data (Unblocked "served")
};

struct MessageHistory {
    enum class Kind : std::uint8_t { StreamEntry, ListElement, PubSub };
    struct Pending {
        std::string group;
        std::string consumer;
        std::uint64_t count = 0; // delivery count
    };

    HistoryId id = 0;
    Kind kind = Kind::StreamEntry;
    int db = 0; // 0 for pub/sub
    std::string key; // the stream, list or channel it is in now (it moves with LMOVE, RENAME)
    std::string label; // the stream id, the element, the payload (cut at Limits::labelBytes)
    StreamId streamId; // StreamEntry
    std::vector<LineageStep> steps;
    std::size_t stepsDropped = 0; // steps left out after the first one (Limits::steps)
    std::vector<Pending> pending; // StreamEntry: the groups whose pending list holds it
    bool gone = false; // popped, removed, deleted, trimmed; pub/sub: always once published
};

class MessageLineage {
public:
    struct Limits {
        std::size_t histories = 20'000;
        std::size_t listLength = 100'000; // longer lists are no longer followed
        std::size_t perChannel = 200; // pub/sub histories kept per channel
        std::size_t labelBytes = 200;
        std::size_t steps = 256; // per history
    };

    MessageLineage();
    explicit MessageLineage(Limits limits);

    void apply(const Event &event);
    void apply(std::span<const Event> events);
    void clear();

    // ---- reading
    const MessageHistory *streamEntry(int db, std::string_view key, StreamId id) const;
    // index from the head, as LRANGE; null when the list or that element is not followed.
    const MessageHistory *listElement(int db, std::string_view key, std::size_t index) const;
    // The latest Limits::perChannel messages published to the channel, oldest first.
    std::vector<const MessageHistory *> recentPublished(std::string_view channel) const;
    // Any history still held (also one that left its stream, list or channel).
    const MessageHistory *history(HistoryId id) const;
    // True when the list's elements are followed one by one (false for an unknown key).
    bool listFollowed(int db, std::string_view key) const;
    std::string clientName(ClientId id) const;
    std::size_t size() const { return m_records.size(); }
    const Limits &limits() const { return m_limits; }
    bool missedEvents() const { return m_feed.missed; } // the feed skipped a seq

private:
    struct Record {
        MessageHistory h;
        bool followed = true; // reachable from its stream / list / channel
        bool delivered = false; // StreamEntry: delivered at least once
    };
    struct KeyLess {
        using is_transparent = void;
        using Ref = std::pair<int, std::string_view>;
        static Ref ref(const std::pair<int, std::string> &k) { return {k.first, k.second}; }
        static Ref ref(const Ref &r) { return r; }
        template <class A, class B> bool operator()(const A &a, const B &b) const { return ref(a) < ref(b); }
    };
    using KeyName = std::pair<int, std::string>;
    struct StreamTrack {
        std::map<StreamId, HistoryId> live; // entries in the stream that are followed
        std::map<StreamId, HistoryId> gone; // deleted or trimmed, until evicted
        bool lengthKnown = false; // the stream was created under the feed's eyes
        std::uint64_t length = 0; // entries in the stream, when lengthKnown
        bool untrackedBounded = false; // every entry not followed is <= untrackedMax
        StreamId untrackedMax;
    };
    struct Slot {
        HistoryId id = 0; // 0: an element whose history is not known
        std::uint64_t hash = 0; // of the whole value
    };
    struct ListTrack {
        std::deque<Slot> slots; // head ... tail
        bool followed = true;
    };
    static ListTrack unknownList() { return {{}, false}; }

    // message_lineage.cpp: records, clients, keyspace, pub/sub
    HistoryId create(MessageHistory::Kind kind, int db, const std::string &key, std::string_view label);
    Record *record(HistoryId id);
    const Record *record(HistoryId id) const;
    void addStep(Record &r, LineageStep step);
    LineageStep stepOf(const Event &e, LineageStep::What what, std::string where = {}) const;
    void settle(Record &r);
    void evictOne();
    void onKeyCreated(const Event &e);
    void onKeyRemoved(const Event &e, const std::string &key, const std::string &why);
    void onKeyRenamed(const Event &e);
    void onFlushed(const Event &e);
    void onPubSub(const Event &e);
    void onUnblocked(const Event &e);

    // message_lineage_lists.cpp
    void onListEvent(const Event &e);
    void onPushed(ListTrack &t, const Event &e);
    bool onPopped(ListTrack &t, const Event &e);
    void onListMoved(const Event &e);
    bool onListChanged(ListTrack &t, const Event &e);
    bool onListRemove(ListTrack &t, const Event &e);
    void endSlot(const Slot &s, LineageStep step);
    void unfollowList(ListTrack &t);
    void removeList(const Event &e, const KeyName &key, const std::string &why);
    void renameList(const Event &e, const KeyName &from, const std::string &to);

    // message_lineage_streams.cpp
    void onStreamEvent(const Event &e);
    void onStreamAdded(StreamTrack &t, const Event &e);
    void onStreamTrimmed(StreamTrack &t, const Event &e);
    void onStreamDeleted(StreamTrack &t, const Event &e);
    void onGroupDelivered(StreamTrack &t, const Event &e);
    void onClaimed(StreamTrack &t, const Event &e);
    void onAcked(StreamTrack &t, const Event &e);
    void dropPending(StreamTrack &t, const Event &e, const std::string *consumer, const char *why);
    Record *streamRecord(StreamTrack &t, const std::string &id);
    void unfollowEntry(StreamTrack &t, bool live, std::map<StreamId, HistoryId>::iterator it);
    void removeStream(const Event &e, const KeyName &key, const std::string &why);
    void renameStream(const Event &e, const KeyName &from, const std::string &to);
    void forgetStreamEntry(const Record &r);

    Limits m_limits;
    FeedPosition m_feed;
    HistoryId m_nextId = 1;
    std::map<HistoryId, Record> m_records; // oldest first
    std::set<HistoryId> m_settled; // evicted first
    std::unordered_map<ClientId, std::string> m_names;
    std::map<KeyName, StreamTrack, KeyLess> m_streams;
    std::map<KeyName, ListTrack, KeyLess> m_lists;
    std::map<std::string, std::deque<HistoryId>, std::less<>> m_channels;
    HistoryId m_publishing = 0; // the Published event the following Delivered belong to
    // Histories stepped by the latest events of one client: a Unblocked "served" marks them.
    std::vector<HistoryId> m_touched;
    ClientId m_touchedBy = kNoClient;
};

// One line: the steps joined with " -> ", "idle N s" after a delivery when more than a second
// passed before the next step; e.g. `XADD 1-0 to s by producer -> delivered to c1 in group g
// (count 1) -> idle 30 s -> claimed by c2 (count 2) -> XACK by c2`.
std::string describe(const MessageHistory &history);
// One row per step for a table: when ("+1.250 s", relative to originMs; empty for the row
// that counts the steps not kept) and what ("delivered to c1 in group g (count 1)").
struct StepRow {
    std::string when;
    std::string what;
};
std::vector<StepRow> describeSteps(const MessageHistory &history, std::int64_t originMs);

} // namespace ql

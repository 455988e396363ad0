// The plain values a WorldModel holds and the window draws: clients, keys (strings, lists,
// streams with their consumer groups and pending entries), pub/sub channels, and the
// counters of messages published, delivered and lost. See world_model.h for how they are
// kept up to date.
#pragma once

#include "elided_sequence.h"

#include "engine/database.h"
#include "engine/event.h"
#include "engine/stream_id.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ql {

inline constexpr int kModelColourCount = 12; // as kClientColorCount (app/clients/client_colors.h)
inline constexpr std::size_t kStringPreviewBytes = 1024; // as much of a string as a snapshot holds

// ---- keys -------------------------------------------------------------------------------

struct KeyId {
    int db = 0;
    std::string name;
    friend bool operator==(const KeyId &, const KeyId &) = default;
};

// Orders KeyIds by db, then name; lookups with (db, string_view) need no copy.
struct KeyIdLess {
    using is_transparent = void;
    using Ref = std::pair<int, std::string_view>;
    static Ref ref(const KeyId &k) { return {k.db, k.name}; }
    static Ref ref(const Ref &r) { return r; }
    template <class A, class B> bool operator()(const A &a, const B &b) const { return ref(a) < ref(b); }
};

struct StreamEntryView {
    StreamId id;
    std::vector<std::string> fieldsValues;
    friend bool operator==(const StreamEntryView &, const StreamEntryView &) = default;
};

// One entry of a group's pending entries list (delivered, not acknowledged yet).
struct PendingView {
    std::string consumer;
    std::int64_t deliveryTimeMs = 0;
    std::uint64_t deliveryCount = 0;
    friend bool operator==(const PendingView &, const PendingView &) = default;
};

struct ConsumerView {
    std::string name;
    std::int64_t seenTimeMs = 0; // last read or claim the model saw (see world_model.h)
    std::size_t pendingCount = 0; // exact
    std::set<StreamId> pending; // the ids of its pending entries the model knows
};

struct GroupView {
    std::string name;
    StreamId lastDeliveredId;
    std::optional<std::int64_t> entriesRead; // nullopt: Redis has no valid counter (nil)
    std::optional<std::int64_t> lag; // nullopt: unknown to Redis too (XINFO shows nil)
    std::size_t pendingCount = 0; // exact
    std::map<std::string, ConsumerView, std::less<>> consumers;
    // Pending entries the model knows, oldest first: every one with id <= pendingKnownThrough,
    // and any with a greater id. Others may exist in (pendingKnownThrough, pendingUnknownUpTo]
    // (a snapshot that showed only the oldest ones). StreamId::max(): all are known.
    std::map<StreamId, PendingView> pending;
    StreamId pendingKnownThrough = StreamId::max();
    StreamId pendingUnknownUpTo;
    // entriesRead is exact (false after XGROUP CREATE / SETID until a refresh: the events
    // do not say whether ENTRIESREAD was given).
    bool entriesReadKnown = true;

    bool pendingComplete() const { return pendingKnownThrough >= pendingUnknownUpTo; }
    // An id missing from `pending` is certainly not pending.
    bool certainlyNotPending(StreamId id) const { return id <= pendingKnownThrough || id > pendingUnknownUpTo; }
};

struct StreamKeyView {
    explicit StreamKeyView(std::size_t bound) : entries(bound) { }
    ElidedSequence<StreamEntryView> entries; // oldest ... newest
    StreamId lastId; // last generated id
    std::map<std::string, GroupView, std::less<>> groups;
    // Redis 7.0's counters behind entries-read and lag: from a snapshot, or followed since
    // the model saw the stream created; unknown after an XSETID (whose event does not say
    // whether ENTRIESADDED / MAXDELETEDID were given) until a refresh.
    bool countersKnown = false;
    std::uint64_t entriesAdded = 0;
    StreamId maxDeletedId;

    std::size_t length() const { return entries.size(); }
};

struct KeyView {
    int db = 0;
    std::string name;
    ValueType type = ValueType::String;
    std::int64_t expireAtMs = -1; // absolute ms, -1 = no TTL
    // strings
    std::string stringValue; // the first kStringPreviewBytes bytes
    std::size_t stringLength = 0;
    // lists (head ... tail)
    std::unique_ptr<ElidedSequence<std::string>> list;
    // streams
    std::unique_ptr<StreamKeyView> stream;

    // The length Redis reports: bytes, elements or entries.
    std::size_t length() const
    {
        return type == ValueType::String ? stringLength : type == ValueType::List ? list->size() : stream->length();
    }
    // A key past its TTL no longer exists for Redis even before its removal event.
    bool expiredAt(std::int64_t nowMs) const { return expireAtMs >= 0 && expireAtMs <= nowMs; }
};

// ---- clients ----------------------------------------------------------------------------

struct BlockedView {
    int db = 0;
    std::vector<std::string> keys; // as the command named them
    std::int64_t sinceMs = 0;
    std::int64_t deadlineMs = 0; // 0 = forever
    std::vector<std::uint64_t> order; // per distinct key: its place in that key's queue
    std::vector<std::string> queuedOn; // the distinct keys, parallel to `order`
};

struct ClientView {
    enum class State : std::uint8_t { Idle, Blocked, InMulti, Subscribed };

    ClientId id = kNoClient;
    std::string name;
    int colour = 0; // 0 .. kModelColourCount-1, in order of first appearance
    std::optional<BlockedView> blocked;
    // Subscriptions, name -> the subscriber's place in the channel's delivery order.
    std::map<std::string, std::uint64_t, std::less<>> channels;
    std::map<std::string, std::uint64_t, std::less<>> patterns;
    std::map<std::string, std::uint64_t, std::less<>> shardChannels;
    bool inMulti = false;
    std::size_t queuedCommands = 0;
    std::uint64_t messagesReceived = 0; // pub/sub pushes since the model attached

    bool subscribed() const { return !channels.empty() || !patterns.empty() || !shardChannels.empty(); }
    // What to draw first: blocked, then in MULTI, then subscribed.
    State state() const
    {
        return blocked ? State::Blocked : inMulti ? State::InMulti : subscribed() ? State::Subscribed : State::Idle;
    }
};

struct ClosedClientView {
    ClientId id = kNoClient;
    std::string name;
    int colour = 0;
    std::string reason; // ClientClosed text: closed, quit, killed, output-buffer-limit ...
    std::int64_t timeMs = 0;
    std::int64_t messagesLost = 0; // output-buffer-limit: pub/sub messages it never got
};

// ---- pub/sub ----------------------------------------------------------------------------

enum class ChannelKind : std::uint8_t { Channel, Pattern, Shard };

struct ChannelView {
    ChannelKind kind = ChannelKind::Channel;
    std::string name;
    std::map<std::uint64_t, ClientId> subscribers; // delivery order
    // Since the model attached. For a channel: messages published to it, pushes delivered
    // (direct and through patterns) and messages that reached nobody. For a pattern:
    // pushes delivered through it (published and lost stay 0).
    std::uint64_t published = 0;
    std::uint64_t delivered = 0;
    std::uint64_t lost = 0;

    std::vector<ClientId> subscriberList() const
    {
        std::vector<ClientId> out;
        out.reserve(subscribers.size());
        for (const auto &[order, id] : subscribers)
            out.push_back(id);
        return out;
    }
};

struct PubSubTotals {
    std::uint64_t published = 0;
    std::uint64_t delivered = 0;
    std::uint64_t lostNoReceiver = 0; // NoReceiver events
    std::uint64_t lostSlowSubscriber = 0; // ClientClosed "output-buffer-limit": number
};

} // namespace ql

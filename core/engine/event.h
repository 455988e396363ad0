// Events: every mutation the engine performs appends one typed event where it happens.
// The broker stamps sequence numbers and publishes them; the window, recorder and charts
// are built only from these. docs/events.md describes each kind.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ql {

using ClientId = std::int64_t;
inline constexpr ClientId kNoClient = 0;

enum class EventKind : std::uint8_t {
    KeyCreated, // key, values[0] = type name
    KeyRemoved, // key, text = reason: "del", "expired", "emptied", "renamed", "flushed", "overwritten"
    KeyRenamed, // key = old name, text = new name
    KeyExpireSet, // key, number = absolute expiry ms (-1 = persisted)
    StringSet, // key, values[0] = value
    Pushed, // key, text = "left"/"right", values = elements in push order
    Popped, // key, text = "left"/"right", values = popped elements
    ListMoved, // key = source, text = destination, values[0] = element (LMOVE and friends)
    ListChanged, // key, text = operation (lset, linsert, lrem, ltrim), number = elements affected
    Subscribed, // key = channel or pattern, text = "channel"/"pattern"/"shard"
    Unsubscribed, // key = channel or pattern, text = "channel"/"pattern"/"shard"
    Published, // key = channel, values[0] = message, number = receivers
    Delivered, // client = receiver, key = channel, text = pattern ("" for channel match); the message is
               // in the Published event just before
    NoReceiver, // key = channel: the message of the Published event just before is lost
    StreamAdded, // key, text = id, values = field, value, field, value...
    StreamTrimmed, // key, number = entries removed, text = "maxlen"/"minid"
    StreamDeleted, // key, values = deleted ids
    StreamIdSet, // key, text = new last id
    GroupCreated, // key, text = group, values[0] = last delivered id
    GroupDestroyed, // key, text = group
    GroupIdSet, // key, text = group, values[0] = new last delivered id
    ConsumerCreated, // key, text = group, values[0] = consumer
    ConsumerDeleted, // key, text = group, values[0] = consumer, number = pending dropped
    GroupDelivered, // key, text = group, values[0] = consumer, values[1..] = ids; number = 1 when NOACK,
                    // 2 for a history read (XREADGROUP with an id: the consumer's own PEL; may list no ids)
    Acked, // key, text = group, values = acknowledged ids
    Claimed, // key, text = group, values[0] = new owner, values[1..] = ids; number = 1 when JUSTID was given
             // (the delivery count was not incremented), else 0
    Flushed, // number = db index, or -1 for FLUSHALL
    BlockRequested, // client, values = keys, number = deadline ms (0 = forever)
    PendingDropped, // key, text = group, values = ids dropped from the PEL because their entries were deleted
                    // (XCLAIM / XAUTOCLAIM)
    Unblocked, // client, values = keys, text = served/timeout/unblocked/error/killed/closed, number = ms waited
    ClientOpened, // client, text = name
    ClientClosed, // client, text = reason ("closed", "killed", "quit", "protocol-error", "server-stopped",
                  // "output-buffer-limit": number = pub/sub messages it lost)
    ClientRenamed, // client, text = new name ("" = cleared): CLIENT SETNAME, HELLO ... SETNAME, RESET
    CommandQueued, // client, values = argv (inside MULTI)
    TransactionRun, // client, number = commands executed (-1 = aborted by WATCH or EXECABORT)
    TransactionStarted, // client: MULTI
    TransactionDiscarded, // client, text = "discard" (DISCARD) or "reset" (RESET inside MULTI)
};

// How many kinds there are: EventKind(0) .. EventKind(kEventKindCount - 1).
inline constexpr int kEventKindCount = static_cast<int>(EventKind::TransactionDiscarded) + 1;

const char *eventKindName(EventKind k);

struct Event {
    std::uint64_t seq = 0; // assigned by the broker's feed
    std::int64_t timeMs = 0;
    EventKind kind = EventKind::KeyCreated;
    ClientId client = kNoClient;
    int db = 0;
    std::string key;
    std::string text;
    std::vector<std::string> values;
    std::int64_t number = 0;
};

} // namespace ql

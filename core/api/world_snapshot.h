// WorldSnapshot: everything needed to draw the world at one moment (keys with their
// contents up to a limit, groups, pending entries, consumers, channels, clients and their
// blocked/subscribed state), so a window can attach late and then follow the event feed
// from `seq` on. Plain values: safe to hand across threads.
#pragma once

#include "engine/database.h"
#include "engine/event.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ql {

struct SnapshotLimits {
    std::size_t maxElementsPerKey = 200; // list elements / stream entries (head and tail halves)
    std::size_t maxPendingPerGroup = 200;
    // Only these keys (db, name), e.g. the ones a window must refresh; the rest of the
    // keyspace is not copied. Clients and channels are always there.
    bool keysOnly = false;
    std::vector<std::pair<int, std::string>> onlyKeys;
};

struct ClientSnapshot {
    ClientId id = kNoClient;
    std::string name;
    int db = 0; // -1 when not known (a window's model)
    int protocol = 2; // 0 when not known
    bool blocked = false;
    std::vector<std::string> blockedKeys;
    std::int64_t blockedSinceMs = 0;
    std::int64_t blockDeadlineMs = 0; // 0 = forever
    std::vector<std::string> channels;
    std::vector<std::string> patterns;
    std::vector<std::string> shardChannels;
    bool inMulti = false;
    std::size_t queuedCommands = 0;
};

struct StreamEntrySnapshot {
    std::string id;
    std::vector<std::string> fieldsValues;
};

struct PendingSnapshot {
    std::string id;
    std::string consumer;
    std::int64_t deliveryTimeMs = 0;
    std::uint64_t deliveryCount = 0;
};

struct ConsumerSnapshot {
    std::string name;
    std::int64_t seenTimeMs = 0;
    std::size_t pending = 0;
};

struct GroupSnapshot {
    std::string name;
    std::string lastDeliveredId;
    std::optional<std::int64_t> entriesRead;
    std::optional<std::int64_t> lag;
    std::size_t pendingCount = 0;
    std::vector<ConsumerSnapshot> consumers;
    std::vector<PendingSnapshot> pending; // oldest first, up to the limit
};

struct KeySnapshot {
    int db = 0;
    std::string name;
    ValueType type = ValueType::String;
    std::int64_t expireAtMs = -1;
    std::size_t length = 0; // list length / stream length / string bytes
    std::string stringValue; // strings
    std::vector<std::string> elements; // lists: head ... tail (elided middle when long)
    std::size_t elidedFrom = 0; // index in `elements` where the middle was left out
    std::vector<StreamEntrySnapshot> entries; // streams: oldest ... newest (elided middle)
    std::string lastId; // streams: last generated id
    std::uint64_t entriesAdded = 0; // streams: XADDs ever (XINFO STREAM entries-added)
    std::string maxDeletedId = "0-0"; // streams: max-deleted-entry-id
    std::string firstId = "0-0"; // streams: recorded-first-entry-id
    std::vector<GroupSnapshot> groups;
    std::vector<ClientId> waiters; // clients blocked on this key, in service order
};

// A key some client waits on that does not exist (yet): BLPOP on an empty list is the most
// common first wait, and a learner should see the queue of waiters there too.
struct WaitedKeySnapshot {
    int db = 0;
    std::string name;
    bool stream = false; // waited on by XREAD / XREADGROUP
    std::vector<ClientId> waiters; // in service order
};

struct ChannelSnapshot {
    std::string name;
    bool pattern = false;
    bool shard = false;
    std::vector<ClientId> subscribers; // in delivery order
};

struct WorldSnapshot {
    std::uint64_t seq = 0; // the last event included; follow the feed from seq + 1
    std::int64_t nowMs = 0;
    std::vector<ClientSnapshot> clients;
    std::vector<KeySnapshot> keys; // sorted by db, then name
    // Taken with SnapshotLimits::keysOnly: `keys` holds only those of `coveredKeys` (sorted)
    // that exist; nothing is said about any other key.
    bool keysOnly = false;
    std::vector<std::pair<int, std::string>> coveredKeys;
    std::vector<WaitedKeySnapshot> waitedMissingKeys; // sorted by db, then name
    std::vector<ChannelSnapshot> channels;
};

} // namespace ql

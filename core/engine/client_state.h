// What the engine knows about one connected client: selected database, protocol,
// name and pub/sub subscriptions. Connections, queues and blocking live in the broker.
#pragma once

#include "event.h"
#include "ordered_set.h"

#include <cstdint>
#include <set>
#include <string>

namespace ql {

struct CommandSpec;

struct ClientState {
    ClientId id = kNoClient;
    std::string name;
    int db = 0;
    int protocol = 2; // RESP2 until HELLO 3
    std::int64_t createdMs = 0;
    bool trusted = true; // embedded clients (console, scenarios) never need AUTH
    bool authenticated = true; // false until AUTH when a password is set
    std::string lastName; // argv[0] of the last command, and what it resolved to
    const CommandSpec *lastSpec = nullptr;
    std::set<std::string> channels;
    OrderedSet<std::string> patterns; // subscription order: PUNSUBSCRIBE without arguments walks it
    std::set<std::string> shardChannels;

    std::size_t subscriptionCount() const { return channels.size() + patterns.size(); }
    bool inPubSubMode() const { return !channels.empty() || !patterns.empty() || !shardChannels.empty(); }
};

} // namespace ql

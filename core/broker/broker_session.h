// What the broker keeps per client connection: where its replies go, the commands that
// wait behind a blocking one, and its MULTI/WATCH state.
#pragma once

#include "engine/engine.h"

#include <deque>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ql {

// Where a client's output goes, called on the broker thread: replies and pushes in wire
// order with the protocol (2 or 3) the client speaks at that moment, then `closed` once
// when the broker ends the connection (QUIT, CLIENT KILL).
struct ClientSink {
    std::function<void(const Reply &, int protocol)> reply;
    std::function<void(const std::string &reason)> closed;
    // Optional, for network clients: a pub/sub message already encoded in the client's
    // protocol. One PUBLISH to many subscribers is then encoded once per protocol.
    std::function<void(std::string_view resp)> message;
};

struct BrokerSession {
    ClientId id = kNoClient;
    ClientSink sink;
    std::deque<std::vector<std::string>> pending; // sent while blocked
    bool inMulti = false;
    bool multiError = false; // a queued command was rejected: EXEC aborts
    std::vector<std::vector<std::string>> queued;
    std::set<std::pair<int, std::string>> watched;
    bool watchDirty = false;
    std::int64_t lastCommandMs = 0;
    std::string lastCommand;
    // A network client's socket (ip:port of both ends, fd); empty and -1 inside QueueLab.
    std::string address;
    std::string localAddress;
    int fd = -1;
};

} // namespace ql

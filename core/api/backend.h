// Backend: how the app and the scenario runner talk to "a Redis": open and close named
// clients, send commands whose replies arrive later (never blocking the caller), follow
// the event feed, and take a snapshot of the world. The embedded broker implements it;
// a real Redis may later.
#pragma once

#include "world_snapshot.h"

#include "broker/broker_session.h"
#include "broker/event_feed.h"

#include <future>
#include <string>
#include <vector>

namespace ql {

class Backend {
public:
    virtual ~Backend() = default;
    virtual ClientId open(std::string name, ClientSink sink) = 0;
    virtual void send(ClientId client, std::vector<std::string> argv) = 0;
    virtual void close(ClientId client) = 0;
    // Hands an open client's replies and pushes to a new sink, after everything queued
    // before (the window takes over a scenario's connections to go on from there).
    virtual void rebind(ClientId client, ClientSink sink) = 0;
    virtual EventFeed &events() = 0;
    virtual std::future<WorldSnapshot> snapshot(SnapshotLimits limits = {}) = 0;
};

} // namespace ql

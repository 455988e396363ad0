// Counters INFO reports (Redis's names), kept on the broker thread. The network server adds
// its own (connections, bytes) from the same thread.
#pragma once

#include <chrono>
#include <cstdint>

namespace ql {

struct BrokerStats {
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::uint64_t connectionsReceived = 0;
    std::uint64_t rejectedConnections = 0;
    std::uint64_t commandsProcessed = 0;
    std::uint64_t errorReplies = 0;
    std::uint64_t netInputBytes = 0;
    std::uint64_t netOutputBytes = 0;
    std::uint64_t outputLimitDisconnections = 0;
    std::uint64_t peakMemory = 0;
    int tcpPort = 0; // 0: not serving the network
};

} // namespace ql

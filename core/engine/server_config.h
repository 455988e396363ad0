// The server settings QueueLab honours, under their Redis names (CONFIG GET/SET). The
// engine keeps them; the network server reads them on the broker thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace ql {

// client-output-buffer-limit for one class: disconnect at `hard` bytes queued, or after
// more than `softSeconds` above `soft` bytes (0 = no limit).
struct OutputBufferLimit {
    std::uint64_t hard = 0;
    std::uint64_t soft = 0;
    std::int64_t softSeconds = 0;
};

enum class ClientClass : std::uint8_t { Normal, Replica, PubSub };

struct ServerConfig {
    std::string requirePass; // empty: the default user needs no password
    std::array<OutputBufferLimit, 3> outputLimits {{
        {0, 0, 0}, // normal
        {256ull << 20, 64ull << 20, 60}, // replica
        {32ull << 20, 8ull << 20, 60}, // pubsub
    }};
    std::uint64_t protoMaxBulkLen = 512ull << 20;
    std::int64_t maxClients = 10000;

    const OutputBufferLimit &limit(ClientClass c) const { return outputLimits[static_cast<std::size_t>(c)]; }
};

} // namespace ql

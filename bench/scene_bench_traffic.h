// Traffic (scene_bench): one std::thread sending commands to the broker at a target rate,
// paced with sleep_until in 1 ms steps. One round is 20 commands over 10 keys:
//   4 lists:   RPUSH by a producer, then BLPOP (every other round) or LPOP by a consumer;
//   3 streams: XADD (explicit ids 1-N, MAXLEN ~ 1000) by a producer, then XREADGROUP
//              COUNT 1 and XACK of that id by a consumer of the stream's group;
//   3 channels: PUBLISH by a producer (each channel has 2 or 3 subscribers).
// The broker runs a client's commands in the order sent and all commands in the order
// queued, so every pop finds the element pushed just before and nothing ever blocks.
#pragma once

#include "engine/event.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace ql {
class Broker;
}

namespace scenebench {

struct TrafficClient {
    ql::ClientId id = ql::kNoClient;
    std::string name; // also its consumer name in the stream groups
};

struct TrafficResult {
    std::uint64_t sent = 0;
    double sendSeconds = 0; // first send -> stop
    double drainMs = 0; // stop -> the broker has run everything sent (Broker::sync)
};

class Traffic {
public:
    static constexpr int kLists = 4, kStreams = 3, kChannels = 3;
    static constexpr int kRound = 2 * kLists + 3 * kStreams + kChannels; // commands per round

    static std::string listKey(int i) { return "jobs:" + std::to_string(i); }
    static std::string streamKey(int i) { return "events:" + std::to_string(i); }
    static std::string channel(int i) { return "chat:" + std::to_string(i); }
    static const char *group() { return "workers"; }

    Traffic(ql::Broker &broker, std::vector<TrafficClient> producers, std::vector<TrafficClient> consumers);
    ~Traffic();

    void start(double commandsPerSecond);
    TrafficResult stop();

private:
    void run(double rate);
    void sendNext();

    ql::Broker &m_broker;
    std::vector<TrafficClient> m_producers, m_consumers;
    std::uint64_t m_step = 0; // commands sent over all phases
    std::uint64_t m_streamSeq[kStreams] = {};
    std::atomic<bool> m_stop {false};
    std::thread m_thread;
    TrafficResult m_result;
};

} // namespace scenebench

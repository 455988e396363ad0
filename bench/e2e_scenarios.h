// The end-to-end scenarios of server_e2e_bench, each run against one server (QueueLab's
// --serve or a real redis-server) on a loopback port. Each prints "RESULT <name> <value>"
// lines (read by bench/server_vs_redis.sh) after a human-readable line, and returns false if
// the server lost, duplicated or garbled something.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace qlbench {

struct E2eOptions {
    int port = 0;
    int pid = 0; // server process, for VmRSS; 0: unknown
    std::size_t streamMessages = 200'000;
    std::size_t fanoutMessages = 300'000;
    int subscribers = 10;
    int latencyRounds = 5'000;
    std::size_t memoryEntries = 1'000'000;
    std::size_t window = 1'000; // commands a pipelining producer keeps in flight
};

bool runStreamGroup(const E2eOptions &o); // 1 producer, 2 consumers, XREADGROUP + XACK
bool runPubSubFanout(const E2eOptions &o); // 1 publisher, N subscribers
bool runLatency(const E2eOptions &o); // BLPOP wake-up and PING round trip
bool runMemory(const E2eOptions &o); // RSS (and INFO used_memory) around 1M XADDs

using Steady = std::chrono::steady_clock;

inline double secondsBetween(Steady::time_point a, Steady::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

inline void result(const char *name, double value)
{
    std::printf("RESULT %s %.2f\n", name, value);
}

inline void result(const char *name, const std::string &value)
{
    std::printf("RESULT %s %s\n", name, value.c_str());
}

// Percentile p (0..100) of the samples (sorted in place).
double percentile(std::vector<double> &samples, double p);

// VmRSS of a process in bytes, or -1 if /proc does not tell.
double processRssBytes(int pid);

} // namespace qlbench

// server_e2e_bench: end-to-end figures for one server reachable on a loopback port (QueueLab's
// `--serve` or a real redis-server): a stream consumer group, pub/sub fan-out, BLPOP wake-up
// and PING latency, and memory after 1M XADDs. bench/server_vs_redis.sh runs it against both
// servers and prints them side by side.
//
//   server_e2e_bench --port P [--pid PID] [--part all|stream|fanout|latency|memory]
//                    [--stream-messages N] [--fanout-messages N] [--subscribers N]
//                    [--latency-rounds N] [--memory-entries N] [--window N]
//
// Prints one human-readable line per part and "RESULT <name> <value>" lines; exits 1 if any
// part found lost, duplicated or garbled data.
#include "e2e_scenarios.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

void usage()
{
    std::fprintf(stderr,
        "usage: server_e2e_bench --port P [--pid PID] [--part all|stream|fanout|latency|memory]\n"
        "       [--stream-messages N] [--fanout-messages N] [--subscribers N] [--latency-rounds N]\n"
        "       [--memory-entries N] [--window N]\n");
}

} // namespace

int main(int argc, char **argv)
{
    qlbench::E2eOptions o;
    std::string part = "all";
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (i + 1 >= argc) {
            usage();
            return 2;
        }
        const char *value = argv[++i];
        long long n = std::atoll(value);
        if (arg == "--port")
            o.port = static_cast<int>(n);
        else if (arg == "--pid")
            o.pid = static_cast<int>(n);
        else if (arg == "--part")
            part = value;
        else if (arg == "--stream-messages")
            o.streamMessages = static_cast<std::size_t>(n);
        else if (arg == "--fanout-messages")
            o.fanoutMessages = static_cast<std::size_t>(n);
        else if (arg == "--subscribers")
            o.subscribers = static_cast<int>(n);
        else if (arg == "--latency-rounds")
            o.latencyRounds = static_cast<int>(n);
        else if (arg == "--memory-entries")
            o.memoryEntries = static_cast<std::size_t>(n);
        else if (arg == "--window")
            o.window = static_cast<std::size_t>(n);
        else {
            usage();
            return 2;
        }
    }
    if (o.port <= 0 || o.subscribers <= 0 || o.window == 0 || o.latencyRounds <= 0 || o.streamMessages == 0
        || o.fanoutMessages == 0 || o.memoryEntries == 0) {
        usage();
        return 2;
    }
    bool all = part == "all", ok = true, ran = false;
    if (all || part == "memory") {
        ok = qlbench::runMemory(o) && ok;
        ran = true;
    }
    if (all || part == "stream") {
        ok = qlbench::runStreamGroup(o) && ok;
        ran = true;
    }
    if (all || part == "fanout") {
        ok = qlbench::runPubSubFanout(o) && ok;
        ran = true;
    }
    if (all || part == "latency") {
        ok = qlbench::runLatency(o) && ok;
        ran = true;
    }
    if (!ran) {
        usage();
        return 2;
    }
    std::fflush(stdout);
    return ok ? 0 : 1;
}

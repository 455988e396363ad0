// broker_bench: commands per second through the threaded broker (1 and 4 client threads,
// pipelined and one at a time) beside the engine in-process; BLPOP wake-up latency beside
// a real redis-server over loopback; how fast a consumer drains the event feed while
// producers run flat out.
#include "broker/broker.h"
#include "redis_connection.h"
#include "redis_server.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

using namespace ql;
using Steady = std::chrono::steady_clock;

namespace {

struct Waitable {
    std::mutex m;
    std::condition_variable cv;
    std::size_t replies = 0;
    Steady::time_point lastAt;
    ClientSink sink()
    {
        ClientSink s;
        s.reply = [this](const Reply &, int) {
            std::lock_guard lock(m);
            ++replies;
            lastAt = Steady::now();
            cv.notify_all();
        };
        return s;
    }
    void waitFor(std::size_t n)
    {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return replies >= n; });
    }
};

double seconds(Steady::time_point a, Steady::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

double throughput(int threads, std::size_t perThread, bool pipelined)
{
    Broker broker(std::make_shared<SystemClock>());
    std::vector<std::thread> ts;
    auto start = Steady::now();
    for (int t = 0; t < threads; ++t) {
        ts.emplace_back([&, t] {
            Waitable w;
            ClientId id = broker.open("c" + std::to_string(t), w.sink());
            std::string key = "q" + std::to_string(t);
            const std::size_t batch = pipelined ? 1000 : 1;
            for (std::size_t sent = 0; sent < perThread;) {
                for (std::size_t i = 0; i < batch && sent < perThread; ++i, ++sent)
                    broker.send(id, {"LPUSH", key, "v"});
                w.waitFor(sent);
            }
        });
    }
    for (auto &t : ts)
        t.join();
    return static_cast<double>(perThread * static_cast<std::size_t>(threads)) / seconds(start, Steady::now());
}

double engineInProcess(std::size_t n)
{
    Engine e;
    e.openClient(1);
    std::vector<std::string> argv {"LPUSH", "q", "v"};
    auto start = Steady::now();
    for (std::size_t i = 0; i < n; ++i) {
        e.execute(1, argv, 0);
        if ((i & 1023) == 0)
            e.pendingEvents().clear();
    }
    return static_cast<double>(n) / seconds(start, Steady::now());
}

void percentiles(const char *name, std::vector<double> us)
{
    std::sort(us.begin(), us.end());
    auto at = [&](double p) { return us[static_cast<std::size_t>(p * static_cast<double>(us.size() - 1))]; };
    std::printf("  %-34s p50 %7.1f us   p99 %7.1f us   (%zu rounds)\n", name, at(0.5), at(0.99), us.size());
}

std::vector<double> brokerWakeups(int rounds)
{
    Broker broker(std::make_shared<SystemClock>());
    Waitable waiter, producer;
    ClientId w = broker.open("waiter", waiter.sink());
    ClientId p = broker.open("producer", producer.sink());
    std::vector<double> us;
    us.reserve(static_cast<std::size_t>(rounds));
    for (int i = 0; i < rounds; ++i) {
        broker.send(w, {"BLPOP", "q", "0"});
        broker.sync(); // the waiter is blocked now
        auto t0 = Steady::now();
        broker.send(p, {"RPUSH", "q", "x"});
        waiter.waitFor(static_cast<std::size_t>(i + 1));
        auto t1 = Steady::now();
        us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
    return us;
}

std::vector<double> redisWakeups(int port, int rounds, std::vector<double> &ping)
{
    test::RedisConnection a, b;
    a.connect(port);
    b.connect(port);
    std::vector<double> us;
    for (int i = 0; i < rounds; ++i) {
        a.send({"BLPOP", "q", "0"});
        // Make sure the BLPOP is parked before pushing: a round trip on b orders it.
        b.send({"PING"});
        auto tp = Steady::now();
        b.readReply(1000);
        ping.push_back(std::chrono::duration<double, std::micro>(Steady::now() - tp).count());
        auto t0 = Steady::now();
        b.send({"RPUSH", "q", "x"});
        a.readReply(5000);
        auto t1 = Steady::now();
        b.readReply(1000);
        us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
    return us;
}

void eventFeedDrain()
{
    Broker broker(std::make_shared<SystemClock>(), 1 << 16);
    int consumer = broker.events().subscribe();
    std::atomic<bool> done {false};
    std::uint64_t drained = 0, dropped = 0;
    std::thread reader([&] {
        while (!done.load()) {
            EventBatch b = broker.events().drain(consumer, 4096);
            drained += b.events.size();
            dropped += b.dropped;
            if (b.events.empty())
                std::this_thread::yield();
        }
    });
    const std::size_t perThread = 250'000;
    auto start = Steady::now();
    std::vector<std::thread> producers;
    for (int t = 0; t < 4; ++t) {
        producers.emplace_back([&, t] {
            Waitable w;
            ClientId id = broker.open("p" + std::to_string(t), w.sink());
            for (std::size_t sent = 0; sent < perThread;) {
                for (int i = 0; i < 1000; ++i, ++sent)
                    broker.send(id, {"RPUSH", "q" + std::to_string(t), "v"});
                w.waitFor(sent);
            }
        });
    }
    for (auto &t : producers)
        t.join();
    broker.sync();
    double secs = seconds(start, Steady::now());
    done = true;
    reader.join();
    EventBatch rest = broker.events().drain(consumer);
    drained += rest.events.size();
    dropped += rest.dropped;
    std::printf("  %-34s %10.0f events/s drained, %llu drained, %llu dropped (ring of %zu)\n",
        "event feed, 4 producers flat out", static_cast<double>(drained) / secs,
        static_cast<unsigned long long>(drained), static_cast<unsigned long long>(dropped), broker.events().capacity());
}

} // namespace

int main()
{
    std::printf("QueueLab broker benchmark\n\nThroughput (LPUSH)\n");
    std::printf("  %-34s %10.0f ops/s\n", "engine in-process (reference)", engineInProcess(2'000'000));
    std::printf("  %-34s %10.0f ops/s\n", "broker, 1 thread, pipelined", throughput(1, 1'000'000, true));
    std::printf("  %-34s %10.0f ops/s\n", "broker, 4 threads, pipelined", throughput(4, 500'000, true));
    std::printf("  %-34s %10.0f ops/s\n", "broker, 1 thread, one at a time", throughput(1, 100'000, false));
    std::printf("  %-34s %10.0f ops/s\n", "broker, 4 threads, one at a time", throughput(4, 50'000, false));

    std::printf("\nBLPOP wake-up latency (RPUSH from another thread / connection)\n");
    percentiles("broker, in-process", brokerWakeups(10'000));
    test::RedisServer server;
    if (server.start()) {
        std::vector<double> ping;
        percentiles("redis-server 7.0, loopback", redisWakeups(server.port(), 10'000, ping));
        percentiles("redis-server PING round trip", ping);
    } else {
        std::printf("  (redis-server unavailable: %s)\n", server.error().c_str());
    }

    std::printf("\nEvent feed\n");
    eventFeedDrain();
    return 0;
}

// engine_bench: in-process throughput of the engine and memory per list element and
// stream entry, printed beside the same memory figures from a real redis-server.
//   engine_bench [--ops N] [--entries N] [--no-redis]
#include "engine/engine.h"
#include "redis_connection.h"
#include "redis_server.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <malloc.h>
#include <string>
#include <vector>

using namespace ql;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;

std::size_t heapInUse()
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

struct Result {
    double opsPerSec = 0;
    std::size_t errors = 0;
};

// Runs `n` commands produced by make(i) on a fresh engine (after setup) and times them.
Result timeCommands(Engine &engine, ClientId client, std::size_t n,
    const std::function<void(std::size_t, std::vector<std::string> &)> &make)
{
    std::vector<std::vector<std::string>> argvs(n);
    for (std::size_t i = 0; i < n; ++i)
        make(i, argvs[i]);
    Result r;
    auto start = Clock::now();
    for (std::size_t i = 0; i < n; ++i) {
        ExecResult res = engine.execute(client, argvs[i], kNow);
        if (res.reply.isError())
            ++r.errors;
        if ((i & 1023) == 1023)
            engine.pendingEvents().clear(); // the broker drains events in batches
    }
    double secs = std::chrono::duration<double>(Clock::now() - start).count();
    r.opsPerSec = static_cast<double>(n) / secs;
    engine.pendingEvents().clear();
    return r;
}

void report(const char *name, const Result &r)
{
    std::printf("  %-26s %12.0f ops/s  (%.2f x the 3.6M target)%s\n", name, r.opsPerSec, r.opsPerSec / 3.6e6,
        r.errors ? "  ERRORS!" : "");
    if (r.errors)
        std::printf("    %zu commands replied with an error\n", r.errors);
}

std::size_t redisUsedMemory(test::RedisConnection &c)
{
    c.send({"INFO", "memory"});
    auto r = c.readReply(5000);
    if (!r)
        return 0;
    auto pos = r->find("used_memory:");
    return pos == std::string::npos ? 0 : std::stoull(r->substr(pos + 12));
}

// Sends `n` commands in pipelined batches and reads every reply.
void redisPipeline(
    test::RedisConnection &c, std::size_t n, const std::function<void(std::size_t, std::vector<std::string> &)> &make)
{
    const std::size_t batch = 10000;
    std::vector<std::string> argv;
    for (std::size_t base = 0; base < n; base += batch) {
        std::string out;
        std::size_t end = std::min(n, base + batch);
        for (std::size_t i = base; i < end; ++i) {
            make(i, argv);
            out += "*" + std::to_string(argv.size()) + "\r\n";
            for (const auto &a : argv)
                out += "$" + std::to_string(a.size()) + "\r\n" + a + "\r\n";
        }
        c.sendRaw(out);
        for (std::size_t i = base; i < end; ++i)
            c.readReply(10000);
    }
}

} // namespace

int main(int argc, char **argv)
{
    std::size_t ops = 1'000'000, entries = 1'000'000;
    bool withRedis = true;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--ops") && i + 1 < argc)
            ops = std::stoull(argv[++i]);
        else if (!std::strcmp(argv[i], "--entries") && i + 1 < argc)
            entries = std::stoull(argv[++i]);
        else if (!std::strcmp(argv[i], "--no-redis"))
            withRedis = false;
    }

    std::printf("QueueLab engine benchmark (%zu ops per command, in-process, one thread)\n", ops);
    {
        Engine e;
        e.openClient(1, "bench");
        report("LPUSH", timeCommands(e, 1, ops, [](std::size_t i, auto &a) { a = {"LPUSH", "q", std::to_string(i)}; }));
        report("RPOP", timeCommands(e, 1, ops, [](std::size_t, auto &a) { a = {"RPOP", "q"}; }));
    }
    {
        Engine e;
        e.openClient(1, "bench");
        report("XADD *", timeCommands(e, 1, ops, [](std::size_t i, auto &a) {
            a = {"XADD", "s", "*", "f", std::to_string(i)};
        }));
        e.execute(1, {"XGROUP", "CREATE", "s", "g", "0"}, kNow);
        // One XREADGROUP COUNT 1 + one XACK per message: 2 commands per message.
        std::string lastId;
        std::size_t half = ops / 2;
        std::vector<std::vector<std::string>> acks;
        Result read = timeCommands(e, 1, half, [](std::size_t, auto &a) {
            a = {"XREADGROUP", "GROUP", "g", "c1", "COUNT", "1", "STREAMS", "s", ">"};
        });
        Result ack = timeCommands(e, 1, half, [](std::size_t i, auto &a) {
            a = {"XACK", "s", "g", std::to_string(kNow) + "-" + std::to_string(i)};
        });
        Result both;
        both.opsPerSec = 2.0 / (1.0 / read.opsPerSec + 1.0 / ack.opsPerSec);
        both.errors = read.errors + ack.errors;
        report("XREADGROUP COUNT 1", read);
        report("XACK", ack);
        report("XREADGROUP+XACK (mean)", both);
    }
    {
        Engine e;
        e.openClient(1, "publisher");
        e.openClient(2, "subscriber");
        e.execute(2, {"SUBSCRIBE", "news"}, kNow);
        report("PUBLISH (1 subscriber)", timeCommands(e, 1, ops, [](std::size_t i, auto &a) {
            a = {"PUBLISH", "news", std::to_string(i)};
        }));
    }

    std::printf("\nMemory for %zu entries (heap in use, malloc accounting)\n", entries);
    auto listElement = [](std::size_t i, std::vector<std::string> &a) { a = {"RPUSH", "list", std::to_string(i)}; };
    auto streamEntry = [](std::size_t i, std::vector<std::string> &a) {
        a = {"XADD", "stream", "*", "f", std::to_string(i)};
    };
    double engineList = 0, engineStream = 0;
    {
        Engine e;
        e.openClient(1, "bench");
        std::size_t before = heapInUse();
        std::vector<std::string> a;
        for (std::size_t i = 0; i < entries; ++i) {
            listElement(i, a);
            e.execute(1, a, kNow);
            if ((i & 1023) == 0)
                e.pendingEvents().clear();
        }
        e.pendingEvents().clear();
        engineList = static_cast<double>(heapInUse() - before) / static_cast<double>(entries);
        before = heapInUse();
        for (std::size_t i = 0; i < entries; ++i) {
            streamEntry(i, a);
            e.execute(1, a, kNow + static_cast<std::int64_t>(i / 1000));
            if ((i & 1023) == 0)
                e.pendingEvents().clear();
        }
        e.pendingEvents().clear();
        engineStream = static_cast<double>(heapInUse() - before) / static_cast<double>(entries);
    }
    std::printf("  %-26s %8.1f B/element\n", "engine list", engineList);
    std::printf("  %-26s %8.1f B/entry\n", "engine stream", engineStream);

    if (!withRedis)
        return 0;
    test::RedisServer server;
    if (!server.start()) {
        std::printf("  (redis-server unavailable: %s)\n", server.error().c_str());
        return 0;
    }
    test::RedisConnection c;
    c.connect(server.port());
    std::size_t before = redisUsedMemory(c);
    redisPipeline(c, entries, listElement);
    std::size_t afterList = redisUsedMemory(c);
    redisPipeline(c, entries, streamEntry);
    std::size_t afterStream = redisUsedMemory(c);
    double redisList = static_cast<double>(afterList - before) / static_cast<double>(entries);
    double redisStream = static_cast<double>(afterStream - afterList) / static_cast<double>(entries);
    std::printf("  %-26s %8.1f B/element   engine/redis = %.2f (target <= 2)\n", "redis-server list", redisList,
        engineList / redisList);
    std::printf("  %-26s %8.1f B/entry     engine/redis = %.2f (target <= 2)\n", "redis-server stream", redisStream,
        engineStream / redisStream);
    return 0;
}

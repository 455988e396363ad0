// Stream consumer group end to end: one producer pipelines XADDs while two consumers read
// with XREADGROUP ... COUNT 100 BLOCK and XACK each batch (the XACK is pipelined with the
// next XREADGROUP). Measures messages/s from the first XADD to the last ack and checks that
// every message was acked exactly once, in order within each consumer.
#include "e2e_resp_client.h"
#include "e2e_scenarios.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>

namespace qlbench {

namespace {

constexpr std::string_view kKey = "e2e:stream";
constexpr std::string_view kGroup = "g";

struct Shared {
    explicit Shared(std::size_t n) : seen(n) { }
    std::vector<std::atomic<std::uint8_t>> seen; // per message: times it was delivered and acked
    std::atomic<std::size_t> acked {0};
    std::atomic<bool> done {false};
    std::atomic<bool> failed {false};
    std::atomic<int> ready {0};
    std::atomic<bool> go {false};
    Steady::time_point lastAck;
    std::mutex errorMutex;
    std::string error;

    void fail(const std::string &why)
    {
        std::lock_guard lock(errorMutex);
        if (error.empty())
            error = why;
        failed = true;
        done = true;
    }
};

struct ConsumerStats {
    std::size_t messages = 0;
    std::size_t batches = 0;
    bool outOfOrder = false;
};

void appendReadGroup(RespClient &c, std::string_view consumer)
{
    c.append({"XREADGROUP", "GROUP", kGroup, consumer, "COUNT", "100", "BLOCK", "100", "STREAMS", kKey, ">"});
}

void consume(int port, std::string name, Shared &shared, ConsumerStats &stats)
{
    RespClient c;
    if (!c.connect(port)) {
        shared.fail(name + ": " + c.error());
        ++shared.ready;
        return;
    }
    ++shared.ready;
    while (!shared.go)
        std::this_thread::yield();
    RespValue r;
    std::vector<std::string_view> ack;
    long long lastSeq = -1;
    const std::size_t total = shared.seen.size();
    appendReadGroup(c, name);
    while (!shared.done) {
        if (!c.read(r, 20000)) {
            shared.fail(name + " XREADGROUP: " + c.error());
            return;
        }
        if (r.type == 'n') { // BLOCK ran out with nothing new
            appendReadGroup(c, name);
            continue;
        }
        if (!r.isArray(1) || !r[0].isArray(2) || r[0][1].type != '*') {
            shared.fail(name + ": unexpected XREADGROUP reply");
            return;
        }
        const RespValue &entries = r[0][1];
        ack.assign({"XACK", kKey, kGroup});
        for (std::size_t i = 0; i < entries.count; ++i) {
            const RespValue &e = entries[i];
            if (!e.isArray(2) || !e[1].isArray(2)) {
                shared.fail(name + ": unexpected stream entry");
                return;
            }
            std::string_view seqText = e[1][1].text;
            std::size_t seq = 0;
            auto [p, ec] = std::from_chars(seqText.data(), seqText.data() + seqText.size(), seq);
            if (ec != std::errc() || seq >= total) {
                shared.fail(name + ": entry with a bad sequence number");
                return;
            }
            if (static_cast<long long>(seq) <= lastSeq)
                stats.outOfOrder = true;
            lastSeq = static_cast<long long>(seq);
            shared.seen[seq].fetch_add(1, std::memory_order_relaxed);
            ack.push_back(e[0].text);
        }
        const long long batch = static_cast<long long>(entries.count);
        c.append(ack); // copies the ids before the next read moves the buffer
        appendReadGroup(c, name);
        if (!c.read(r, 20000)) {
            shared.fail(name + " XACK: " + c.error());
            return;
        }
        if (r.type != ':' || r.integer != batch) {
            shared.fail(name + ": XACK did not ack the whole batch");
            return;
        }
        stats.messages += static_cast<std::size_t>(batch);
        ++stats.batches;
        std::size_t now = shared.acked.fetch_add(static_cast<std::size_t>(batch)) + static_cast<std::size_t>(batch);
        if (now >= total) {
            shared.lastAck = Steady::now();
            shared.done = true;
        }
    }
}

} // namespace

bool runStreamGroup(const E2eOptions &o)
{
    const std::size_t n = o.streamMessages;
    RespClient producer;
    RespValue r;
    if (!producer.connect(o.port)) {
        std::printf("stream group: cannot connect: %s\n", producer.error().c_str());
        result("stream_check", std::string("FAIL"));
        return false;
    }
    if (!producer.call({"DEL", kKey}, r) || !producer.call({"XGROUP", "CREATE", kKey, kGroup, "$", "MKSTREAM"}, r)
        || r.type != '+') {
        std::printf("stream group: setup failed (%s)\n",
            r.type == '-' ? std::string(r.text).c_str() : producer.error().c_str());
        result("stream_check", std::string("FAIL"));
        return false;
    }

    auto shared = std::make_unique<Shared>(n);
    ConsumerStats stats[2];
    std::thread consumers[2];
    for (int i = 0; i < 2; ++i)
        consumers[i] = std::thread(consume, o.port, "c" + std::to_string(i + 1), std::ref(*shared), std::ref(stats[i]));
    while (shared->ready < 2)
        std::this_thread::yield();
    // Let both consumers park in XREADGROUP before the first message.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    shared->go = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));

    auto start = Steady::now();
    std::size_t sent = 0, replied = 0;
    char seqBuf[24];
    auto lastProgress = Steady::now();
    while (replied < n && !shared->failed) {
        while (sent < n && sent - replied < o.window) {
            auto [end, ec] = std::to_chars(seqBuf, seqBuf + sizeof(seqBuf), sent);
            (void)ec;
            producer.append({"XADD", kKey, "*", "n", std::string_view(seqBuf, static_cast<std::size_t>(end - seqBuf))});
            ++sent;
        }
        int moved = producer.pump(1000);
        if (moved < 0) {
            shared->fail("producer: " + producer.error());
            break;
        }
        while (producer.next(r)) {
            if (r.type != '$') {
                shared->fail("producer: XADD replied with something other than an id");
                break;
            }
            ++replied;
        }
        if (moved > 0)
            lastProgress = Steady::now();
        else if (secondsBetween(lastProgress, Steady::now()) > 20)
            shared->fail("producer: no progress for 20 s");
    }
    auto produced = Steady::now();
    for (auto &t : consumers)
        t.join();

    bool ok = !shared->failed;
    std::size_t missing = 0, duplicated = 0;
    for (auto &s : shared->seen) {
        auto v = s.load();
        missing += v == 0;
        duplicated += v > 1;
    }
    long long pending = -1;
    if (producer.call({"XPENDING", kKey, kGroup}, r) && r.type == '*' && r.count >= 1 && r[0].type == ':')
        pending = r[0].integer;
    producer.call({"DEL", kKey}, r);
    ok = ok && missing == 0 && duplicated == 0 && pending == 0 && !stats[0].outOfOrder && !stats[1].outOfOrder;

    double secs = ok ? secondsBetween(start, shared->lastAck) : 0;
    double rate = ok ? static_cast<double>(n) / secs : 0;
    std::printf(
        "stream group: %zu messages, 1 producer (window %zu), 2 consumers (COUNT 100): %.0f msg/s first XADD to "
        "last XACK (%.3f s; producer done after %.3f s); split %zu/%zu in %zu/%zu batches; missing %zu, "
        "duplicated %zu, pending after %lld%s%s\n",
        n, o.window, rate, secs, secondsBetween(start, produced), stats[0].messages, stats[1].messages,
        stats[0].batches, stats[1].batches, missing, duplicated, pending,
        stats[0].outOfOrder || stats[1].outOfOrder ? ", OUT OF ORDER" : "",
        shared->error.empty() ? "" : (", error: " + shared->error).c_str());
    result("stream_msgs_per_s", rate);
    result("stream_check", ok ? std::string("ok") : std::string("FAIL"));
    return ok;
}

} // namespace qlbench

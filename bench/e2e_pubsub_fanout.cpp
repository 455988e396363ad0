// Pub/sub fan-out end to end: N subscriber connections on one channel, one publisher
// pipelining PUBLISH <channel> <sequence number>. Measures delivered messages/s summed over
// the subscribers (first PUBLISH sent to last message received) and checks that every
// subscriber got every message, in order, and that every PUBLISH reached N receivers.
#include "e2e_resp_client.h"
#include "e2e_scenarios.h"

#include <atomic>
#include <charconv>
#include <cstdio>
#include <mutex>
#include <thread>

namespace qlbench {

namespace {

constexpr std::string_view kChannel = "e2e:fanout";

struct Subscriber {
    std::size_t received = 0;
    bool inOrder = true;
    Steady::time_point lastAt;
    std::string error;
};

struct Shared {
    std::atomic<int> subscribed {0};
    std::atomic<bool> stop {false};
};

void subscribe(int port, std::size_t expected, Shared &shared, Subscriber &me)
{
    RespClient c;
    RespValue r;
    if (!c.connect(port)) {
        me.error = c.error();
        ++shared.subscribed;
        return;
    }
    if (!c.call({"SUBSCRIBE", kChannel}, r) || !r.isArray(3) || r[0].text != "subscribe") {
        me.error = "SUBSCRIBE was not confirmed: " + c.error();
        ++shared.subscribed;
        return;
    }
    ++shared.subscribed;
    auto lastProgress = Steady::now();
    while (me.received < expected && !shared.stop) {
        bool got = false;
        while (me.received < expected && c.next(r)) {
            got = true;
            if (!r.isArray(3) || r[0].text != "message" || r[1].text != kChannel) {
                me.error = "unexpected push";
                return;
            }
            std::size_t seq = 0;
            std::string_view payload = r[2].text;
            auto [p, ec] = std::from_chars(payload.data(), payload.data() + payload.size(), seq);
            if (ec != std::errc() || seq != me.received)
                me.inOrder = false;
            ++me.received;
        }
        if (me.received >= expected)
            break;
        if (got)
            lastProgress = Steady::now();
        int moved = c.pump(500);
        if (moved < 0) {
            me.error = c.error();
            return;
        }
        if (moved > 0)
            lastProgress = Steady::now();
        else if (secondsBetween(lastProgress, Steady::now()) > 20) {
            me.error = "no message for 20 s";
            return;
        }
    }
    me.lastAt = Steady::now();
}

} // namespace

bool runPubSubFanout(const E2eOptions &o)
{
    const std::size_t n = o.fanoutMessages;
    const int subs = o.subscribers;
    Shared shared;
    std::vector<Subscriber> subscribers(static_cast<std::size_t>(subs));
    std::vector<std::thread> threads;
    for (int i = 0; i < subs; ++i)
        threads.emplace_back(
            subscribe, o.port, n, std::ref(shared), std::ref(subscribers[static_cast<std::size_t>(i)]));
    while (shared.subscribed < subs)
        std::this_thread::yield();

    RespClient pub;
    RespValue r;
    bool ok = pub.connect(o.port);
    std::string error = ok ? "" : pub.error();
    if (ok && (!pub.call({"PUBSUB", "NUMSUB", kChannel}, r) || !r.isArray(2) || r[1].integer != subs)) {
        ok = false;
        error = "PUBSUB NUMSUB does not count every subscriber";
    }

    auto start = Steady::now();
    std::size_t sent = 0, replied = 0, wrongReceivers = 0;
    char seqBuf[24];
    auto lastProgress = Steady::now();
    while (ok && replied < n) {
        while (sent < n && sent - replied < o.window) {
            auto [end, ec] = std::to_chars(seqBuf, seqBuf + sizeof(seqBuf), sent);
            (void)ec;
            pub.append({"PUBLISH", kChannel, std::string_view(seqBuf, static_cast<std::size_t>(end - seqBuf))});
            ++sent;
        }
        int moved = pub.pump(1000);
        if (moved < 0) {
            ok = false;
            error = "publisher: " + pub.error();
            break;
        }
        while (pub.next(r)) {
            if (r.type != ':' || r.integer != subs)
                ++wrongReceivers;
            ++replied;
        }
        if (moved > 0)
            lastProgress = Steady::now();
        else if (secondsBetween(lastProgress, Steady::now()) > 20) {
            ok = false;
            error = "publisher: no progress for 20 s";
        }
    }
    auto published = Steady::now();
    if (!ok)
        shared.stop = true;
    for (auto &t : threads)
        t.join();

    Steady::time_point last = start;
    std::size_t delivered = 0, short_ = 0, disordered = 0;
    for (auto &s : subscribers) {
        delivered += s.received;
        short_ += s.received != n;
        disordered += !s.inOrder;
        if (s.lastAt > last)
            last = s.lastAt;
        if (!s.error.empty() && error.empty())
            error = "subscriber: " + s.error;
    }
    ok = ok && error.empty() && short_ == 0 && disordered == 0 && wrongReceivers == 0;
    double secs = secondsBetween(start, last);
    double rate = ok ? static_cast<double>(delivered) / secs : 0;
    std::printf(
        "pub/sub fan-out: %zu PUBLISH x %d subscribers (window %zu): %.0f delivered/s (%.3f s; publisher done "
        "after %.3f s = %.0f PUBLISH/s); delivered %zu of %zu; subscribers short %zu, out of order %zu; PUBLISH "
        "replies not %d: %zu%s%s\n",
        n, subs, o.window, rate, secs, secondsBetween(start, published),
        static_cast<double>(replied) / secondsBetween(start, published), delivered, n * static_cast<std::size_t>(subs),
        short_, disordered, subs, wrongReceivers, error.empty() ? "" : ", error: ", error.c_str());
    result("fanout_delivered_per_s", rate);
    result("fanout_publish_per_s", ok ? static_cast<double>(n) / secondsBetween(start, published) : 0);
    result("fanout_check", ok ? std::string("ok") : std::string("FAIL"));
    return ok;
}

} // namespace qlbench

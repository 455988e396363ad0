// Latency over loopback: BLPOP wake-up (one connection parked in BLPOP, another RPUSHes; time
// from sending RPUSH to receiving the BLPOP reply) and, for reference, PING round trips.
// Before each RPUSH, CLIENT LIST must show the waiter blocked (flags=b), so every round
// measures a real wake-up.
#include "e2e_resp_client.h"
#include "e2e_scenarios.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qlbench {

namespace {

constexpr std::string_view kKey = "e2e:latency";

double micros(Steady::time_point a, Steady::time_point b)
{
    return std::chrono::duration<double, std::micro>(b - a).count();
}

// Asks CLIENT LIST until the waiter shows as blocked; false if it never does.
bool waitUntilBlocked(RespClient &c, RespValue &r)
{
    for (int attempt = 0; attempt < 2000; ++attempt) {
        if (!c.call({"CLIENT", "LIST"}, r) || r.type != '$')
            return false;
        if (r.text.find("flags=b ") != std::string_view::npos)
            return true;
    }
    return false;
}

} // namespace

double percentile(std::vector<double> &samples, double p)
{
    if (samples.empty())
        return 0;
    std::sort(samples.begin(), samples.end());
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(samples.size())));
    return samples[std::min(samples.size() - 1, rank == 0 ? 0 : rank - 1)];
}

bool runLatency(const E2eOptions &o)
{
    RespClient waiter, pusher;
    RespValue r;
    if (!waiter.connect(o.port) || !pusher.connect(o.port)) {
        std::printf("latency: cannot connect\n");
        result("latency_check", std::string("FAIL"));
        return false;
    }
    pusher.call({"DEL", kKey}, r);

    std::vector<double> ping;
    for (int i = 0; i < o.latencyRounds; ++i) {
        auto t0 = Steady::now();
        if (!pusher.call({"PING"}, r) || r.text != "PONG") {
            std::printf("latency: PING failed: %s\n", pusher.error().c_str());
            result("latency_check", std::string("FAIL"));
            return false;
        }
        ping.push_back(micros(t0, Steady::now()));
    }

    std::vector<double> wake;
    std::string error;
    int unconfirmed = 0;
    for (int i = 0; i < o.latencyRounds && error.empty(); ++i) {
        waiter.append({"BLPOP", kKey, "0"});
        if (!waiter.flush(1000)) {
            error = "BLPOP not sent: " + waiter.error();
            break;
        }
        if (!waitUntilBlocked(pusher, r))
            ++unconfirmed;
        pusher.append({"RPUSH", kKey, "x"});
        auto t0 = Steady::now();
        if (!pusher.flush(1000)) {
            error = "RPUSH not sent: " + pusher.error();
            break;
        }
        if (!waiter.read(r, 10000)) {
            error = "BLPOP did not wake up: " + waiter.error();
            break;
        }
        auto t1 = Steady::now();
        if (!r.isArray(2) || r[0].text != kKey || r[1].text != "x")
            error = "unexpected BLPOP reply";
        wake.push_back(micros(t0, t1));
        if (!pusher.read(r, 10000) || r.type != ':' || r.integer != 1)
            error = "RPUSH after the wake-up did not reply 1";
    }
    pusher.call({"DEL", kKey}, r);
    bool ok = error.empty() && unconfirmed == 0;
    double wake50 = percentile(wake, 50), wake99 = percentile(wake, 99), ping50 = percentile(ping, 50),
           ping99 = percentile(ping, 99);
    std::printf("latency: BLPOP wake-up p50 %.1f us, p99 %.1f us over %zu rounds (%d not seen blocked first); PING "
                "round trip p50 %.1f us, p99 %.1f us%s%s\n",
        wake50, wake99, wake.size(), unconfirmed, ping50, ping99, error.empty() ? "" : "; error: ", error.c_str());
    result("blpop_wake_p50_us", wake50);
    result("blpop_wake_p99_us", wake99);
    result("ping_p50_us", ping50);
    result("ping_p99_us", ping99);
    result("latency_check", ok ? std::string("ok") : std::string("FAIL"));
    return ok;
}

} // namespace qlbench

// Memory: the server process's RSS (from /proc/PID/status) and, where the server has INFO,
// its used_memory, before and after 1,000,000 pipelined `XADD key * f v`. Also reports the
// rate of those XADDs.
#include "e2e_resp_client.h"
#include "e2e_scenarios.h"

#include <cstdio>
#include <fstream>

namespace qlbench {

namespace {

constexpr std::string_view kKey = "e2e:memory";

// INFO memory's used_memory in bytes, or -1 if the server has no INFO.
double usedMemory(RespClient &c)
{
    RespValue r;
    if (!c.call({"INFO", "memory"}, r) || r.type != '$')
        return -1;
    std::string_view text = r.text;
    constexpr std::string_view field = "\nused_memory:";
    auto at = text.find(field);
    if (at == std::string_view::npos)
        return -1;
    return std::stod(std::string(text.substr(at + field.size(), text.find('\r', at + 1) - at - field.size())));
}

double mib(double bytes)
{
    return bytes < 0 ? -1 : bytes / (1024.0 * 1024.0);
}

} // namespace

double processRssBytes(int pid)
{
    if (pid <= 0)
        return -1;
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stod(line.substr(6)) * 1024.0;
    }
    return -1;
}

bool runMemory(const E2eOptions &o)
{
    RespClient c;
    RespValue r;
    if (!c.connect(o.port)) {
        std::printf("memory: cannot connect: %s\n", c.error().c_str());
        result("memory_check", std::string("FAIL"));
        return false;
    }
    c.call({"DEL", kKey}, r);
    double rssBefore = processRssBytes(o.pid), usedBefore = usedMemory(c);

    const std::size_t n = o.memoryEntries;
    std::size_t sent = 0, replied = 0, bad = 0;
    std::string error;
    auto start = Steady::now(), lastProgress = start;
    while (replied < n && error.empty()) {
        while (sent < n && sent - replied < o.window) {
            c.append({"XADD", kKey, "*", "f", "v"});
            ++sent;
        }
        int moved = c.pump(1000);
        if (moved < 0)
            error = c.error();
        while (c.next(r)) {
            bad += r.type != '$';
            ++replied;
        }
        if (moved > 0)
            lastProgress = Steady::now();
        else if (secondsBetween(lastProgress, Steady::now()) > 20)
            error = "no progress for 20 s";
    }
    double secs = secondsBetween(start, Steady::now());
    long long length = -1;
    if (error.empty() && c.call({"XLEN", kKey}, r) && r.type == ':')
        length = r.integer;
    double rssAfter = processRssBytes(o.pid), usedAfter = usedMemory(c);
    c.call({"DEL", kKey}, r);

    bool ok = error.empty() && bad == 0 && length == static_cast<long long>(n);
    double growth = rssBefore >= 0 && rssAfter >= 0 ? rssAfter - rssBefore : -1;
    char used[64] = "no INFO";
    if (usedBefore >= 0)
        std::snprintf(used, sizeof(used), "%.1f -> %.1f MiB", mib(usedBefore), mib(usedAfter));
    std::printf("memory: %zu x XADD %s * f v at %.0f/s (window %zu), XLEN %lld; RSS %.1f -> %.1f MiB (+%.1f MiB, %.0f "
                "bytes/entry); INFO used_memory: %s%s%s\n",
        n, std::string(kKey).c_str(), static_cast<double>(n) / secs, o.window, length, mib(rssBefore), mib(rssAfter),
        mib(growth), growth / static_cast<double>(n), used, error.empty() ? "" : "; error: ", error.c_str());
    result("memory_xadd_per_s", ok ? static_cast<double>(n) / secs : 0);
    result("memory_rss_before_mib", mib(rssBefore));
    result("memory_rss_after_mib", mib(rssAfter));
    result("memory_rss_growth_mib", mib(growth));
    result("memory_rss_bytes_per_entry", growth < 0 ? -1 : growth / static_cast<double>(n));
    result("memory_used_before_mib", mib(usedBefore));
    result("memory_used_after_mib", mib(usedAfter));
    result("memory_check", ok ? std::string("ok") : std::string("FAIL"));
    return ok;
}

} // namespace qlbench

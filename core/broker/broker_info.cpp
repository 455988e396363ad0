// INFO [section ...]: the server, clients, memory, persistence, stats, replication, cpu and
// keyspace sections under Redis 7.0's field names, filled with what QueueLab really measures
// (fields it has no counterpart for are left out rather than invented).
#include "broker.h"

#include "engine/number_parse.h"

#include <malloc.h>
#include <set>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace ql {
namespace {

std::uint64_t rssBytes()
{
    std::ifstream statm("/proc/self/statm");
    std::uint64_t pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

std::string human(std::uint64_t bytes)
{
    char buf[32];
    double b = static_cast<double>(bytes);
    if (bytes < 1024)
        std::snprintf(buf, sizeof(buf), "%lluB", static_cast<unsigned long long>(bytes));
    else if (bytes < 1024ull * 1024)
        std::snprintf(buf, sizeof(buf), "%.2fK", b / 1024);
    else if (bytes < 1024ull * 1024 * 1024)
        std::snprintf(buf, sizeof(buf), "%.2fM", b / (1024.0 * 1024));
    else
        std::snprintf(buf, sizeof(buf), "%.2fG", b / (1024.0 * 1024 * 1024));
    return buf;
}

double cpuSeconds(const timeval &tv)
{
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

} // namespace

Reply Broker::infoCommand(const std::vector<std::string> &argv)
{
    static const std::vector<std::string> kDefault
        = {"server", "clients", "memory", "persistence", "stats", "replication", "cpu", "keyspace"};
    std::set<std::string> wanted;
    if (argv.size() == 1)
        wanted.insert(kDefault.begin(), kDefault.end());
    for (std::size_t i = 1; i < argv.size(); ++i) {
        std::string s = toLower(argv[i]);
        if (s == "all" || s == "everything" || s == "default")
            wanted.insert(kDefault.begin(), kDefault.end());
        else
            wanted.insert(s);
    }
    std::string out;
    auto section = [&](const char *name) {
        if (!wanted.count(toLower(name)))
            return false;
        if (!out.empty())
            out += "\r\n";
        out += "# ";
        out += name;
        out += "\r\n";
        return true;
    };
    auto field = [&](const char *name, const std::string &value) {
        out += name;
        out += ':';
        out += value;
        out += "\r\n";
    };
    auto num = [&](const char *name, std::uint64_t v) { field(name, std::to_string(v)); };
    const ServerConfig &config = m_engine.config();
    auto uptime
        = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - m_stats.started).count();

    if (section("Server")) {
        field("redis_version", "7.0.15");
        field("redis_mode", "standalone");
        field("queuelab_version", QUEUELAB_VERSION_STRING);
        field("os", "Linux");
        num("arch_bits", sizeof(void *) * 8);
        field("multiplexing_api", "epoll");
        num("process_id", static_cast<std::uint64_t>(::getpid()));
        num("tcp_port", static_cast<std::uint64_t>(m_stats.tcpPort));
        num("uptime_in_seconds", static_cast<std::uint64_t>(uptime));
        num("uptime_in_days", static_cast<std::uint64_t>(uptime / 86400));
        num("hz", 10);
        field("clock", dynamic_cast<const VirtualClock *>(m_clock.get()) ? "virtual" : "system");
    }
    if (section("Clients")) {
        num("connected_clients", m_sessions.size());
        num("maxclients", static_cast<std::uint64_t>(config.maxClients));
        num("blocked_clients", m_blocking.blockedCount());
        std::size_t subscribers = 0;
        for (const auto &[id, c] : m_engine.clients())
            subscribers += c.inPubSubMode() ? 1 : 0;
        num("pubsub_clients", subscribers);
        num("watching_clients", m_watching.size());
    }
    if (section("Memory")) {
        struct mallinfo2 mi = ::mallinfo2();
        std::uint64_t used = mi.uordblks + mi.hblkhd;
        std::uint64_t rss = rssBytes();
        m_stats.peakMemory = std::max(m_stats.peakMemory, used);
        num("used_memory", used);
        field("used_memory_human", human(used));
        num("used_memory_rss", rss);
        field("used_memory_rss_human", human(rss));
        num("used_memory_peak", m_stats.peakMemory);
        field("used_memory_peak_human", human(m_stats.peakMemory));
        num("maxmemory", 0);
        field("maxmemory_human", "0B");
        field("maxmemory_policy", "noeviction");
        field("mem_allocator", "libc");
    }
    if (section("Persistence")) {
        num("loading", 0);
        num("rdb_changes_since_last_save", 0);
        num("aof_enabled", 0);
    }
    if (section("Stats")) {
        num("total_connections_received", m_stats.connectionsReceived);
        num("total_commands_processed", m_stats.commandsProcessed);
        num("total_net_input_bytes", m_stats.netInputBytes);
        num("total_net_output_bytes", m_stats.netOutputBytes);
        num("rejected_connections", m_stats.rejectedConnections);
        num("expired_keys", m_engine.expiredKeys());
        num("evicted_keys", 0);
        num("pubsub_channels", m_engine.channelSubscribers().size());
        num("pubsub_patterns", m_engine.patternSubscribers().size());
        num("pubsubshard_channels", m_engine.shardSubscribers().size());
        num("total_error_replies", m_stats.errorReplies);
        num("client_output_buffer_limit_disconnections", m_stats.outputLimitDisconnections);
    }
    if (section("Replication")) {
        field("role", "master");
        num("connected_slaves", 0);
    }
    if (section("CPU")) {
        rusage self {};
        ::getrusage(RUSAGE_SELF, &self);
        char buf[64];
        std::snprintf(buf, sizeof(buf), "%.6f", cpuSeconds(self.ru_stime));
        field("used_cpu_sys", buf);
        std::snprintf(buf, sizeof(buf), "%.6f", cpuSeconds(self.ru_utime));
        field("used_cpu_user", buf);
    }
    if (section("Keyspace")) {
        for (int i = 0; i < kDatabaseCount; ++i) {
            const Database &db = m_engine.database(i);
            if (db.size() == 0)
                continue;
            std::string name = "db" + std::to_string(i);
            field(name.c_str(),
                "keys=" + std::to_string(db.size()) + ",expires=" + std::to_string(db.expiresCount()) + ",avg_ttl=0");
        }
    }
    return Reply::verbatim(std::move(out));
}

} // namespace ql

// CONFIG GET/SET: the settings QueueLab honours, with their Redis names, so tools that ask
// (redis-benchmark asks for save and appendonly) get real answers. CONFIG SET changes what
// QueueLab can change (requirepass, client-output-buffer-limit, maxclients,
// proto-max-bulk-len) and refuses the rest with Redis's error shape.
#include "engine.h"
#include "glob.h"
#include "number_parse.h"

#include <cctype>
#include <functional>
#include <optional>
#include <set>
#include <sstream>

namespace ql {
namespace {

// Redis's memtoull: digits and an optional unit (b, k, kb, m, mb, g, gb; k = 1000, kb = 1024).
std::optional<std::uint64_t> parseMemory(const std::string &text)
{
    std::size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])))
        ++digits;
    std::string unit = toLower(text.substr(digits));
    std::uint64_t mul = 0;
    static const std::pair<const char *, std::uint64_t> kUnits[] = {{"", 1}, {"b", 1}, {"k", 1000}, {"kb", 1024},
        {"m", 1000 * 1000}, {"mb", 1024 * 1024}, {"g", 1000ull * 1000 * 1000}, {"gb", 1024ull * 1024 * 1024}};
    for (const auto &[name, factor] : kUnits)
        if (unit == name)
            mul = factor;
    if (mul == 0 || digits > 19)
        return std::nullopt;
    std::uint64_t n = digits ? std::stoull(text.substr(0, digits)) : 0;
    return n * mul;
}

std::string formatLimits(const ServerConfig &c)
{
    static const char *kNames[] = {"normal", "slave", "pubsub"};
    std::string out;
    for (std::size_t i = 0; i < c.outputLimits.size(); ++i) {
        const auto &l = c.outputLimits[i];
        if (!out.empty())
            out += ' ';
        out += std::string(kNames[i]) + " " + std::to_string(l.hard) + " " + std::to_string(l.soft) + " "
            + std::to_string(l.softSeconds);
    }
    return out;
}

// Applies "class hard soft seconds [class hard soft seconds ...]" or returns Redis's reason.
std::optional<std::string> setLimits(ServerConfig &c, const std::string &value)
{
    std::istringstream in(value);
    std::vector<std::string> words;
    for (std::string w; in >> w;)
        words.push_back(w);
    if (words.empty() || words.size() % 4 != 0)
        return std::string("Wrong number of arguments in buffer limit configuration.");
    auto next = c.outputLimits;
    for (std::size_t i = 0; i < words.size(); i += 4) {
        std::string cls = toLower(words[i]);
        std::size_t index = cls == "normal" ? 0 : cls == "slave" || cls == "replica" ? 1 : cls == "pubsub" ? 2 : 3;
        if (index == 3)
            return std::string("Invalid client class specified in buffer limit configuration.");
        auto hard = parseMemory(words[i + 1]);
        auto soft = parseMemory(words[i + 2]);
        auto seconds = parseInt64(words[i + 3]);
        if (!hard || !soft || !seconds || *seconds < 0)
            return std::string("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
        next[index] = {*hard, *soft, *seconds};
    }
    c.outputLimits = next;
    return std::nullopt;
}

struct ConfigEntry {
    const char *name;
    std::function<std::string(const ServerConfig &)> get;
    // Sets the value or returns why not; empty: Redis would change it, QueueLab cannot.
    std::function<std::optional<std::string>(ServerConfig &, const std::string &)> set;
    bool immutable = false;
};

std::function<std::string(const ServerConfig &)> fixed(const char *value)
{
    return [value](const ServerConfig &) { return std::string(value); };
}

const std::vector<ConfigEntry> &configEntries()
{
    static const std::vector<ConfigEntry> kEntries = {
        // QueueLab keeps everything in memory and never writes to disk.
        {"appendonly", fixed("no"), {}},
        {"client-output-buffer-limit", formatLimits, setLimits},
        {"databases", fixed("16"), {}, true},
        {"maxclients", [](const ServerConfig &c) { return std::to_string(c.maxClients); },
            [](ServerConfig &c, const std::string &v) -> std::optional<std::string> {
                auto n = parseInt64(v);
                if (!n)
                    return std::string("argument couldn't be parsed into an integer");
                if (*n < 1 || *n > 4294967295ll)
                    return std::string("argument must be between 1 and 4294967295 inclusive");
                c.maxClients = *n;
                return std::nullopt;
            }},
        {"maxmemory", fixed("0"), {}},
        {"proto-max-bulk-len", [](const ServerConfig &c) { return std::to_string(c.protoMaxBulkLen); },
            [](ServerConfig &c, const std::string &v) -> std::optional<std::string> {
                auto n = parseMemory(v);
                if (!n)
                    return std::string("argument must be a memory value");
                if (*n < 1024 * 1024 || *n > 9223372036854775807ull)
                    return std::string("argument must be between 1048576 and 9223372036854775807 inclusive");
                c.protoMaxBulkLen = *n;
                return std::nullopt;
            }},
        {"requirepass", [](const ServerConfig &c) { return c.requirePass; },
            [](ServerConfig &c, const std::string &v) -> std::optional<std::string> {
                c.requirePass = v; // clients already connected stay authenticated, as in Redis
                return std::nullopt;
            }},
        {"save", fixed(""), {}},
        {"stream-node-max-bytes", fixed("4096"), {}},
        {"stream-node-max-entries", fixed("100"), {}},
    };
    return kEntries;
}

const ConfigEntry *findEntry(const std::string &name)
{
    for (const auto &e : configEntries())
        if (equalsIgnoreCase(name, e.name))
            return &e;
    return nullptr;
}

// CONFIG GET parameter [parameter ...]
void configGetCommand(CommandContext &ctx)
{
    std::set<std::string> seen;
    Reply r = Reply::map();
    for (std::size_t i = 2; i < ctx.argv.size(); ++i) {
        const std::string &pattern = ctx.argv[i];
        // A plain name is looked up and echoed as given; a glob lists the matching names.
        bool glob = pattern.find_first_of("*?[") != std::string::npos;
        for (const auto &entry : configEntries()) {
            bool match = glob ? globMatch(pattern, entry.name, true) : equalsIgnoreCase(pattern, entry.name);
            if (!match || seen.count(entry.name))
                continue;
            seen.insert(entry.name);
            r.addPair(glob ? std::string(entry.name) : pattern, Reply::bulk(entry.get(ctx.engine.config())));
        }
    }
    ctx.reply(std::move(r));
}

// CONFIG SET parameter value [parameter value ...]: all or nothing, as in Redis 7.
void configSetCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    if (argv.size() % 2 != 0) {
        ctx.error("ERR wrong number of arguments for 'config|set' command");
        return;
    }
    auto failed = [&](const std::string &name, const std::string &why) {
        ctx.error("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + why);
    };
    std::set<const ConfigEntry *> seen;
    for (std::size_t i = 2; i < argv.size(); i += 2) {
        const ConfigEntry *e = findEntry(argv[i]);
        if (!e) {
            ctx.error("ERR Unknown option or number of arguments for CONFIG SET - '" + argv[i] + "'");
            return;
        }
        if (!seen.insert(e).second) {
            failed(argv[i], "duplicate parameter");
            return;
        }
        if (e->immutable) {
            failed(argv[i], "can't set immutable config");
            return;
        }
        if (!e->set) {
            failed(argv[i], "QueueLab does not let this setting change");
            return;
        }
    }
    ServerConfig next = ctx.engine.config();
    for (std::size_t i = 2; i < argv.size(); i += 2) {
        if (auto why = findEntry(argv[i])->set(next, argv[i + 1])) {
            failed(argv[i], *why);
            return;
        }
    }
    ctx.engine.config() = std::move(next);
    ctx.ok();
}

// CONFIG RESETSTAT
void configResetstatCommand(CommandContext &ctx)
{
    ctx.ok();
}

// CONFIG HELP
void configHelpCommand(CommandContext &ctx)
{
    static constexpr const char *kLines[] = {
        "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "GET <pattern>",
        "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>",
        "    Set the configuration <directive> to <value>.",
        "RESETSTAT",
        "    Reset statistics reported by the INFO command.",
        "REWRITE",
        "    Rewrite the configuration file.",
        "HELP",
        "    Prints this help.",
    };
    ctx.reply(Reply::statusLines(kLines));
}

} // namespace

void registerConfigCommands(std::vector<CommandSpec> &out)
{
    constexpr std::uint32_t kFlags = kCmdAdmin | kCmdNoScript | kCmdLoading | kCmdStale;
    CommandSpec config {"config", -2, 0, "<subcommand> [arg ...]", "A container for server configuration commands.",
        "server", "2.0.0", 0, 0, 0, nullptr, {}, "Depends on subcommand."};
    config.subcommands = {
        {"get", -3, kFlags, "parameter [parameter ...]", "Returns the effective values of configuration parameters.",
            "server", "2.0.0", 0, 0, 0, configGetCommand, {},
            "O(N) when N is the number of configuration parameters provided"},
        {"set", -4, kFlags, "parameter value [parameter value ...]", "Sets configuration parameters in-flight.",
            "server", "2.0.0", 0, 0, 0, configSetCommand, {},
            "O(N) when N is the number of configuration parameters provided"},
        {"resetstat", 2, kFlags, "", "Resets the server's statistics.", "server", "2.0.0", 0, 0, 0,
            configResetstatCommand, {}, "O(1)"},
        {"help", 2, kCmdLoading | kCmdStale, "", "Returns helpful text about the different subcommands.", "server",
            "5.0.0", 0, 0, 0, configHelpCommand, {}, "O(1)"},
    };
    out.push_back(std::move(config));
}

} // namespace ql

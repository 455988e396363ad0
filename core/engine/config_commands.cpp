// CONFIG GET: the settings QueueLab honours, with their Redis names, so tools that ask
// (redis-benchmark asks for save and appendonly) get real answers. CONFIG SET only
// accepts what QueueLab can change (nothing yet) and says so as Redis does.
#include "engine.h"
#include "glob.h"
#include "number_parse.h"

#include <set>

namespace ql {
namespace {

struct ConfigEntry {
    const char *name;
    const char *value;
};

// QueueLab keeps everything in memory and never writes to disk.
constexpr ConfigEntry kConfig[] = {
    {"appendonly", "no"},
    {"client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"},
    {"databases", "16"},
    {"maxmemory", "0"},
    {"proto-max-bulk-len", "536870912"},
    {"save", ""},
    {"stream-node-max-bytes", "4096"},
    {"stream-node-max-entries", "100"},
};

// CONFIG GET parameter [parameter ...]
void configGetCommand(CommandContext &ctx)
{
    std::set<std::string> seen;
    Reply r = Reply::map();
    for (std::size_t i = 2; i < ctx.argv.size(); ++i) {
        const std::string &pattern = ctx.argv[i];
        // A plain name is looked up and echoed as given; a glob lists the matching names.
        bool glob = pattern.find_first_of("*?[") != std::string::npos;
        for (const auto &entry : kConfig) {
            bool match = glob ? globMatch(pattern, entry.name, true) : equalsIgnoreCase(pattern, entry.name);
            if (!match || seen.count(entry.name))
                continue;
            seen.insert(entry.name);
            r.addPair(glob ? std::string(entry.name) : pattern, Reply::bulk(entry.value));
        }
    }
    ctx.reply(std::move(r));
}

// CONFIG SET parameter value [parameter value ...]
void configSetCommand(CommandContext &ctx)
{
    if (ctx.argv.size() % 2 != 0) {
        ctx.error("ERR wrong number of arguments for 'config|set' command");
        return;
    }
    ctx.error("ERR Unknown option or number of arguments for CONFIG SET - '" + ctx.argv[2] + "'");
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

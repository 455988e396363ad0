// Introspection of the command table: COMMAND, COMMAND COUNT / INFO / DOCS / LIST / HELP.
// redis-cli asks COMMAND DOCS on connect; the console uses the same table for help.
#include "engine.h"
#include "errors.h"
#include "number_parse.h"

namespace ql {
namespace {

struct FlagName {
    std::uint32_t flag;
    const char *name;
};
constexpr FlagName kFlagNames[] = {
    {kCmdWrite, "write"},
    {kCmdReadOnly, "readonly"},
    {kCmdDenyOom, "denyoom"},
    {kCmdAdmin, "admin"},
    {kCmdPubSub, "pubsub"},
    {kCmdNoScript, "noscript"},
    {kCmdBlocking, "blocking"},
    {kCmdLoading, "loading"},
    {kCmdStale, "stale"},
    {kCmdFast, "fast"},
    {kCmdNoAuth, "no_auth"},
    {kCmdSentinel, "sentinel"},
    {kCmdNoMulti, "no_multi"},
    {kCmdAllowBusy, "allow_busy"},
};

std::string fullName(const CommandSpec *parent, const CommandSpec &spec)
{
    return parent ? std::string(parent->name) + "|" + std::string(spec.name) : std::string(spec.name);
}

Reply commandInfo(const CommandSpec &spec, const CommandSpec *parent)
{
    Reply r = Reply::array();
    r.addBulk(fullName(parent, spec));
    r.addInt(spec.arity);
    Reply flags = Reply::set();
    for (const auto &f : kFlagNames)
        if (spec.flags & f.flag)
            flags.add(Reply::status(f.name));
    r.add(std::move(flags));
    r.addInt(spec.firstKey);
    r.addInt(spec.lastKey);
    r.addInt(spec.keyStep);
    Reply acl = Reply::set();
    if (spec.flags & kCmdWrite)
        acl.add(Reply::status("@write"));
    if (spec.flags & kCmdReadOnly)
        acl.add(Reply::status("@read"));
    std::string group = spec.group == "generic" ? "keyspace" : std::string(spec.group);
    acl.add(Reply::status("@" + group));
    acl.add(Reply::status((spec.flags & kCmdFast) ? "@fast" : "@slow"));
    if (spec.flags & kCmdBlocking)
        acl.add(Reply::status("@blocking"));
    r.add(std::move(acl));
    r.add(Reply::set()); // tips
    r.add(Reply::array()); // key specs
    Reply subs = Reply::array();
    for (const auto &s : spec.subcommands)
        subs.add(commandInfo(s, &spec));
    r.add(std::move(subs));
    return r;
}

Reply commandDocs(const CommandSpec &spec, const CommandSpec *parent)
{
    Reply d = Reply::map();
    d.addPair("summary", Reply::bulk(std::string(spec.summary)));
    d.addPair("since", Reply::bulk(std::string(spec.since.empty() ? "1.0.0" : spec.since)));
    d.addPair("group", Reply::bulk(std::string(spec.group)));
    if (!spec.complexity.empty())
        d.addPair("complexity", Reply::bulk(std::string(spec.complexity)));
    if (!spec.subcommands.empty()) {
        Reply subs = Reply::map();
        for (const auto &s : spec.subcommands)
            subs.addPair(fullName(&spec, s), commandDocs(s, &spec));
        d.addPair("subcommands", std::move(subs));
    }
    (void)parent;
    return d;
}

// COMMAND
void commandCommand(CommandContext &ctx)
{
    Reply r = Reply::array();
    for (const auto &spec : ctx.engine.commands().all())
        r.add(commandInfo(spec, nullptr));
    ctx.reply(std::move(r));
}

// COMMAND COUNT
void commandCountCommand(CommandContext &ctx)
{
    ctx.reply(Reply::integer(static_cast<std::int64_t>(ctx.engine.commands().all().size())));
}

// Finds "name" or "container|sub".
const CommandSpec *findFull(const CommandTable &table, const std::string &name, const CommandSpec **parent)
{
    *parent = nullptr;
    auto bar = name.find('|');
    if (bar == std::string::npos)
        return table.find(name);
    const CommandSpec *container = table.find(std::string_view(name).substr(0, bar));
    if (!container)
        return nullptr;
    *parent = container;
    return CommandTable::findSub(*container, std::string_view(name).substr(bar + 1));
}

// COMMAND INFO [command-name [command-name ...]]
void commandInfoCommand(CommandContext &ctx)
{
    if (ctx.argv.size() == 2) {
        commandCommand(ctx);
        return;
    }
    Reply r = Reply::array();
    for (std::size_t i = 2; i < ctx.argv.size(); ++i) {
        const CommandSpec *parent = nullptr;
        const CommandSpec *spec = findFull(ctx.engine.commands(), ctx.argv[i], &parent);
        r.add(spec ? commandInfo(*spec, parent) : Reply::nullArray());
    }
    ctx.reply(std::move(r));
}

// COMMAND DOCS [command-name [command-name ...]]
void commandDocsCommand(CommandContext &ctx)
{
    Reply r = Reply::map();
    if (ctx.argv.size() == 2) {
        for (const auto &spec : ctx.engine.commands().all())
            r.addPair(std::string(spec.name), commandDocs(spec, nullptr));
    } else {
        for (std::size_t i = 2; i < ctx.argv.size(); ++i) {
            const CommandSpec *parent = nullptr;
            const CommandSpec *spec = findFull(ctx.engine.commands(), ctx.argv[i], &parent);
            if (spec)
                r.addPair(fullName(parent, *spec), commandDocs(*spec, parent));
        }
    }
    ctx.reply(std::move(r));
}

// COMMAND LIST
void commandListCommand(CommandContext &ctx)
{
    Reply r = Reply::array();
    for (const auto &spec : ctx.engine.commands().all())
        r.addBulk(std::string(spec.name));
    ctx.reply(std::move(r));
}

// COMMAND HELP
void commandHelpCommand(CommandContext &ctx)
{
    static constexpr const char *kLines[]
        = {"COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", "(no subcommand)",
            "    Return details about all Redis commands.", "COUNT",
            "    Return the total number of commands in this Redis server.", "LIST",
            "    Return a list of all commands in this Redis server.", "INFO [<command-name> ...]",
            "    Return details about multiple Redis commands.",
            "    If no command names are given, documentation details for all", "    commands are returned.",
            "DOCS [<command-name> ...]", "    Return documentation details about multiple Redis commands.",
            "    If no command names are given, documentation details for all", "    commands are returned.", "HELP",
            "    Print this help."};
    ctx.reply(Reply::statusLines(kLines));
}

} // namespace

void registerServerCommands(std::vector<CommandSpec> &out)
{
    CommandSpec command {"command", -1, kCmdLoading | kCmdStale, "[subcommand [arg ...]]",
        "Returns detailed information about all commands.", "server", "2.8.13", 0, 0, 0, commandCommand, {}, "O(N)"};
    command.subcommands = {
        {"count", 2, kCmdLoading | kCmdStale, "", "Returns a count of commands.", "server", "2.8.13", 0, 0, 0,
            commandCountCommand, {}, "O(1)"},
        {"info", -2, kCmdLoading | kCmdStale, "[command-name [command-name ...]]",
            "Returns information about one, multiple or all commands.", "server", "2.8.13", 0, 0, 0, commandInfoCommand,
            {}, "O(N)"},
        {"docs", -2, kCmdLoading | kCmdStale, "[command-name [command-name ...]]",
            "Returns documentary information about one, multiple or all commands.", "server", "7.0.0", 0, 0, 0,
            commandDocsCommand, {}, "O(N)"},
        {"list", -2, kCmdLoading | kCmdStale, "", "Returns a list of command names.", "server", "7.0.0", 0, 0, 0,
            commandListCommand, {}, "O(N)"},
        {"help", 2, kCmdLoading | kCmdStale, "", "Returns helpful text about the different subcommands.", "server",
            "7.0.0", 0, 0, 0, commandHelpCommand, {}, "O(1)"},
    };
    out.push_back(std::move(command));
}

} // namespace ql

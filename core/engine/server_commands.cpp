// Introspection of the command table: COMMAND, COMMAND COUNT / INFO / DOCS / LIST / HELP.
// redis-cli asks COMMAND DOCS on connect and builds its help and hints from the arguments
// (command_docs.h); the console uses the same table for help.
#include "command_docs.h"
#include "engine.h"
#include "errors.h"
#include "glob.h"
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

// The ACL categories COMMAND INFO reports for `spec`.
std::vector<std::string> aclCategories(const CommandSpec &spec)
{
    std::vector<std::string> out;
    if (spec.flags & kCmdWrite)
        out.emplace_back("write");
    if (spec.flags & kCmdReadOnly)
        out.emplace_back("read");
    out.push_back(spec.group == "generic" ? std::string("keyspace") : std::string(spec.group));
    out.emplace_back((spec.flags & kCmdFast) ? "fast" : "slow");
    if (spec.flags & kCmdBlocking)
        out.emplace_back("blocking");
    return out;
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
    for (const auto &category : aclCategories(spec))
        acl.add(Reply::status("@" + category));
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
    // A container's arguments are its subcommands.
    if (spec.subcommands.empty()) {
        auto args = commandArguments(fullName(parent, spec), spec.syntax);
        if (!args.empty())
            d.addPair("arguments", argumentsReply(args));
    } else {
        Reply subs = Reply::map();
        for (const auto &s : spec.subcommands)
            subs.addPair(fullName(&spec, s), commandDocs(s, &spec));
        d.addPair("subcommands", std::move(subs));
    }
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

// COMMAND LIST [FILTERBY MODULE module-name|ACLCAT category|PATTERN pattern]: every
// command and subcommand by its full name ("xgroup|create"). QueueLab has no modules.
void commandListCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    enum class Filter { None, Module, AclCategory, Pattern } filter = Filter::None;
    if (argv.size() == 5 && equalsIgnoreCase(argv[2], "filterby")) {
        if (equalsIgnoreCase(argv[3], "module"))
            filter = Filter::Module;
        else if (equalsIgnoreCase(argv[3], "aclcat"))
            filter = Filter::AclCategory;
        else if (equalsIgnoreCase(argv[3], "pattern"))
            filter = Filter::Pattern;
    }
    if (argv.size() != 2 && filter == Filter::None) {
        ctx.error(err::kSyntax);
        return;
    }
    auto matches = [&](const CommandSpec &spec, const std::string &name) {
        switch (filter) {
        case Filter::None: return true;
        case Filter::Module: return false;
        case Filter::Pattern: return globMatch(argv[4], name, true);
        case Filter::AclCategory:
            if (!spec.subcommands.empty())
                return false; // a container has no categories of its own
            for (const auto &category : aclCategories(spec))
                if (equalsIgnoreCase(category, argv[4]))
                    return true;
            return false;
        }
        return false;
    };
    Reply r = Reply::array();
    for (const auto &spec : ctx.engine.commands().all()) {
        if (matches(spec, std::string(spec.name)))
            r.addBulk(std::string(spec.name));
        for (const auto &sub : spec.subcommands) {
            std::string name = fullName(&spec, sub);
            if (matches(sub, name))
                r.addBulk(std::move(name));
        }
    }
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
            "    Prints this help."};
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
        {"list", -2, kCmdLoading | kCmdStale, "[FILTERBY MODULE module-name|ACLCAT category|PATTERN pattern]",
            "Returns a list of command names.", "server", "7.0.0", 0, 0, 0, commandListCommand, {}, "O(N)"},
        {"help", 2, kCmdLoading | kCmdStale, "", "Returns helpful text about the different subcommands.", "server",
            "5.0.0", 0, 0, 0, commandHelpCommand, {}, "O(1)"},
    };
    out.push_back(std::move(command));
}

} // namespace ql

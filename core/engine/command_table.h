// The declarative command table: one entry per command (name, arity, flags, syntax,
// handler). It drives dispatch, arity and unknown-command errors, COMMAND INFO/DOCS,
// and the console's completion and help. Arity follows Redis: N = exactly N arguments
// including the name, -N = at least N.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ql {

struct CommandContext;
using CommandHandler = void (*)(CommandContext &);

enum CommandFlag : std::uint32_t {
    kCmdWrite = 1u << 0,
    kCmdReadOnly = 1u << 1,
    kCmdFast = 1u << 2,
    kCmdBlocking = 1u << 3, // may block the client
    kCmdPubSub = 1u << 4, // allowed in RESP2 subscribed context
    kCmdDenyOom = 1u << 5,
    kCmdNoMulti = 1u << 6, // not allowed inside MULTI
    kCmdLoading = 1u << 7,
    kCmdStale = 1u << 8,
    kCmdNoScript = 1u << 9,
    kCmdAdmin = 1u << 10,
    kCmdNoAuth = 1u << 11,
    kCmdSentinel = 1u << 12,
    kCmdAllowBusy = 1u << 13,
};

struct CommandSpec {
    std::string_view name; // lowercase; for subcommands just the subcommand ("create")
    int arity = 0;
    std::uint32_t flags = 0;
    std::string_view syntax; // arguments after the name, redis docs style
    std::string_view summary; // one line
    std::string_view group; // "list", "stream", "pubsub", "generic", "string", "connection", "server"
    std::string_view since; // Redis version that introduced it
    int firstKey = 0, lastKey = 0, keyStep = 0;
    CommandHandler handler = nullptr;
    std::vector<CommandSpec> subcommands;
    std::string_view complexity = {};
};

class CommandTable {
public:
    CommandTable();
    // Case-insensitive lookup of a top-level command.
    const CommandSpec *find(std::string_view name) const;
    // Case-insensitive lookup of a subcommand of `parent`.
    static const CommandSpec *findSub(const CommandSpec &parent, std::string_view name);
    const std::vector<CommandSpec> &all() const { return m_specs; }

private:
    struct NameHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
    };
    std::vector<CommandSpec> m_specs;
    std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> m_index;
};

// Each family registers its commands (one file per family).
void registerConnectionCommands(std::vector<CommandSpec> &out);
void registerKeyCommands(std::vector<CommandSpec> &out);
void registerStringCommands(std::vector<CommandSpec> &out);
void registerListCommands(std::vector<CommandSpec> &out);
void registerPubSubCommands(std::vector<CommandSpec> &out);
void registerStreamCommands(std::vector<CommandSpec> &out);
void registerServerCommands(std::vector<CommandSpec> &out);
void registerBrokerCommands(std::vector<CommandSpec> &out);
void registerConfigCommands(std::vector<CommandSpec> &out);

} // namespace ql

// Commands that belong to a connection rather than to the data: transactions (MULTI,
// EXEC, DISCARD, WATCH, UNWATCH), CLIENT and INFO. They are in the table so that dispatch,
// arity errors, COMMAND and the console's help know them; the broker runs them (it owns
// the connections, queues and waits). CLIENT ID / GETNAME / SETNAME only touch client
// state and run here.
#include "engine.h"
#include "errors.h"

namespace ql {
namespace {

void needsBroker(CommandContext &ctx)
{
    ctx.error("ERR '" + std::string(ctx.spec.name) + "' needs a connection to the broker");
}

// CLIENT ID
void clientIdCommand(CommandContext &ctx)
{
    ctx.reply(Reply::integer(ctx.client.id));
}

// CLIENT GETNAME
void clientGetnameCommand(CommandContext &ctx)
{
    ctx.reply(ctx.client.name.empty() ? Reply::nullBulk() : Reply::bulk(ctx.client.name));
}

// CLIENT SETNAME connection-name
void clientSetnameCommand(CommandContext &ctx)
{
    const std::string &name = ctx.argv[2];
    for (unsigned char ch : name) {
        if (ch < '!' || ch > '~') {
            ctx.error("ERR Client names cannot contain spaces, newlines or special characters.");
            return;
        }
    }
    ctx.client.name = name;
    ctx.emit(EventKind::ClientRenamed, {}).text = name;
    ctx.ok();
}

} // namespace

void registerBrokerCommands(std::vector<CommandSpec> &out)
{
    constexpr std::uint32_t kTx = kCmdNoScript | kCmdLoading | kCmdStale;
    out.push_back({"multi", 1, kTx | kCmdFast | kCmdAllowBusy, "", "Starts a transaction.", "transactions", "1.2.0", 0,
        0, 0, needsBroker, {}, "O(1)"});
    out.push_back({"exec", 1, kTx, "", "Executes all commands in a transaction.", "transactions", "1.2.0", 0, 0, 0,
        needsBroker, {}, "Depends on commands in the transaction"});
    out.push_back({"discard", 1, kTx | kCmdFast | kCmdAllowBusy, "", "Discards a transaction.", "transactions", "2.0.0",
        0, 0, 0, needsBroker, {}, "O(N)"});
    out.push_back({"watch", -2, kTx | kCmdFast | kCmdAllowBusy, "key [key ...]",
        "Monitors changes to keys to determine the execution of a transaction.", "transactions", "2.2.0", 1, -1, 1,
        needsBroker, {}, "O(1) for every key"});
    out.push_back({"unwatch", 1, kTx | kCmdFast | kCmdAllowBusy, "", "Forgets about watched keys of a transaction.",
        "transactions", "2.2.0", 0, 0, 0, needsBroker, {}, "O(1)"});

    out.push_back({"info", -1, kCmdLoading | kCmdStale, "[section [section ...]]",
        "Returns information and statistics about the server.", "server", "1.0.0", 0, 0, 0, needsBroker, {}, "O(1)"});

    constexpr std::uint32_t kClient = kCmdNoScript | kCmdLoading | kCmdStale;
    CommandSpec client {"client", -2, 0, "<subcommand> [arg ...]", "A container for client connection commands.",
        "connection", "2.4.0", 0, 0, 0, nullptr, {}, "Depends on subcommand."};
    client.subcommands = {
        {"id", 2, kClient, "", "Returns the unique client ID of the connection.", "connection", "5.0.0", 0, 0, 0,
            clientIdCommand, {}, "O(1)"},
        {"getname", 2, kClient, "", "Returns the name of the connection.", "connection", "2.6.9", 0, 0, 0,
            clientGetnameCommand, {}, "O(1)"},
        {"setname", 3, kClient, "connection-name", "Sets the connection name.", "connection", "2.6.9", 0, 0, 0,
            clientSetnameCommand, {}, "O(1)"},
        {"list", -2, kClient | kCmdAdmin, "[TYPE NORMAL|MASTER|REPLICA|PUBSUB] [ID client-id [client-id ...]]",
            "Lists open connections.", "connection", "2.4.0", 0, 0, 0, needsBroker, {}, "O(N)"},
        {"info", 2, kClient, "", "Returns information about the connection.", "connection", "6.2.0", 0, 0, 0,
            needsBroker, {}, "O(1)"},
        {"kill", -3, kClient | kCmdAdmin,
            "ip:port|[ID client-id]|[TYPE NORMAL|MASTER|SLAVE|REPLICA|PUBSUB]|[USER username]|[ADDR ip:port]|[LADDR "
            "ip:port]|[SKIPME yes/no] [[ID client-id]|[TYPE NORMAL|MASTER|SLAVE|REPLICA|PUBSUB]|[USER username]|[ADDR "
            "ip:port]|[LADDR ip:port]|[SKIPME yes/no] ...]",
            "Terminates open connections.", "connection", "2.4.0", 0, 0, 0, needsBroker, {}, "O(N)"},
        {"unblock", -3, kClient | kCmdAdmin, "client-id [TIMEOUT|ERROR]",
            "Unblocks a client blocked by a blocking command from a different connection.", "connection", "5.0.0", 0, 0,
            0, needsBroker, {}, "O(log N)"},
        {"help", 2, kClient, "", "Returns helpful text about the different subcommands.", "connection", "5.0.0", 0, 0,
            0, needsBroker, {}, "O(1)"},
    };
    out.push_back(std::move(client));
}

} // namespace ql

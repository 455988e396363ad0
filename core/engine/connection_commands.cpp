// Connection commands: PING, ECHO, SELECT, AUTH, HELLO, QUIT, RESET.
#include "engine.h"
#include "errors.h"
#include "number_parse.h"

namespace ql {
namespace {

// PING [message]
void pingCommand(CommandContext &ctx)
{
    if (ctx.argv.size() > 2) {
        ctx.error(arityError("ping"));
        return;
    }
    if (ctx.client.protocol == 2 && ctx.client.inPubSubMode()) {
        Reply r = Reply::array();
        r.addBulk("pong");
        r.addBulk(ctx.argv.size() == 2 ? ctx.argv[1] : std::string());
        ctx.reply(std::move(r));
        return;
    }
    ctx.reply(ctx.argv.size() == 2 ? Reply::bulk(ctx.argv[1]) : Reply::status("PONG"));
}

// ECHO message
void echoCommand(CommandContext &ctx)
{
    ctx.reply(Reply::bulk(ctx.argv[1]));
}

// SELECT index
void selectCommand(CommandContext &ctx)
{
    auto idx = parseInt64(ctx.argv[1]);
    if (!idx || *idx < INT32_MIN || *idx > INT32_MAX) {
        ctx.error(err::kNotInteger);
        return;
    }
    if (*idx < 0 || *idx >= kDatabaseCount) {
        ctx.error(err::kDbIndexOutOfRange);
        return;
    }
    ctx.client.db = static_cast<int>(*idx);
    ctx.ok();
}

constexpr const char *kWrongPass = "WRONGPASS invalid username-password pair or user is disabled.";

// The only user is "default"; with no requirepass it takes any password (nopass).
bool credentialsOk(const ServerConfig &config, const std::string &user, const std::string &pass)
{
    return user == "default" && (config.requirePass.empty() || pass == config.requirePass);
}

// AUTH [username] password
void authCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    if (argv.size() > 3) {
        ctx.error("ERR syntax error");
        return;
    }
    const ServerConfig &config = ctx.engine.config();
    if (argv.size() == 2 && config.requirePass.empty()) {
        ctx.error("ERR AUTH <password> called without any password configured for the default user. Are you sure "
                  "your configuration is correct?");
        return;
    }
    const std::string &user = argv.size() == 3 ? argv[1] : std::string("default");
    if (!credentialsOk(config, user, argv.back())) {
        ctx.error(kWrongPass); // a failed AUTH leaves the client as it was
        return;
    }
    ctx.client.authenticated = true;
    ctx.ok();
}

// HELLO [protover [AUTH username password] [SETNAME clientname]]
void helloCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    int proto = ctx.client.protocol;
    std::size_t i = 1;
    if (argv.size() >= 2) {
        auto v = parseInt64(argv[1]);
        if (!v) {
            ctx.error("ERR Protocol version is not an integer or out of range");
            return;
        }
        if (*v < 2 || *v > 3) {
            ctx.error("NOPROTO unsupported protocol version");
            return;
        }
        proto = static_cast<int>(*v);
        i = 2;
    }
    std::string newName;
    bool setName = false;
    const std::string *user = nullptr;
    const std::string *pass = nullptr;
    for (; i < argv.size(); ++i) {
        bool more = i + 1 < argv.size();
        if (equalsIgnoreCase(argv[i], "AUTH") && i + 2 < argv.size()) {
            user = &argv[i + 1];
            pass = &argv[i + 2];
            i += 2;
        } else if (equalsIgnoreCase(argv[i], "SETNAME") && more) {
            newName = argv[++i];
            setName = true;
        } else {
            ctx.error("ERR Syntax error in HELLO option '" + argv[i] + "'");
            return;
        }
    }
    if (user) {
        if (!credentialsOk(ctx.engine.config(), *user, *pass)) {
            ctx.error(kWrongPass);
            return;
        }
        ctx.client.authenticated = true;
    }
    if (!ctx.client.authenticated) {
        ctx.error("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH "
                  "<user> <pass> option can be used to authenticate the client and select the RESP protocol "
                  "version at the same time");
        return;
    }
    if (setName) {
        for (unsigned char ch : newName)
            if (ch < '!' || ch > '~') {
                ctx.error("ERR Client names cannot contain spaces, newlines or special characters.");
                return;
            }
        ctx.client.name = newName;
        ctx.emit(EventKind::ClientRenamed, {}).text = newName; // as CLIENT SETNAME: even when unchanged
    }
    ctx.client.protocol = proto;
    Reply r = Reply::map();
    r.addPair("server", Reply::bulk("redis"));
    r.addPair("version", Reply::bulk("7.0.15"));
    r.addPair("proto", Reply::integer(proto));
    r.addPair("id", Reply::integer(ctx.client.id));
    r.addPair("mode", Reply::bulk("standalone"));
    r.addPair("role", Reply::bulk("master"));
    r.addPair("modules", Reply::array());
    ctx.reply(std::move(r));
}

// QUIT
void quitCommand(CommandContext &ctx)
{
    ctx.ok();
}

// RESET
void resetCommand(CommandContext &ctx)
{
    ClientId id = ctx.client.id;
    std::string name;
    std::int64_t created = ctx.client.createdMs;
    bool trusted = ctx.client.trusted;
    if (!ctx.client.name.empty())
        ctx.emit(EventKind::ClientRenamed, {}); // text "": the name is cleared
    ctx.engine.closeClient(id, ctx.now);
    ctx.engine.openClient(id, name, created, trusted); // back to the default user: AUTH again
    ctx.reply(Reply::status("RESET"));
}

} // namespace

void registerConnectionCommands(std::vector<CommandSpec> &out)
{
    out.push_back({"ping", -1, kCmdFast | kCmdPubSub, "[message]", "Returns the server's liveliness response.",
        "connection", "1.0.0", 0, 0, 0, pingCommand, {}, "O(1)"});
    out.push_back({"echo", 2, kCmdFast, "message", "Returns the given string.", "connection", "1.0.0", 0, 0, 0,
        echoCommand, {}, "O(1)"});
    out.push_back({"select", 2, kCmdFast | kCmdLoading | kCmdStale, "index", "Changes the selected database.",
        "connection", "1.0.0", 0, 0, 0, selectCommand, {}, "O(1)"});
    out.push_back({"auth", -2, kCmdFast | kCmdNoAuth | kCmdLoading | kCmdStale, "[username] password",
        "Authenticates the connection.", "connection", "1.0.0", 0, 0, 0, authCommand, {}, "O(N)"});
    out.push_back({"hello", -1, kCmdFast | kCmdNoAuth | kCmdLoading | kCmdStale,
        "[protover [AUTH username password] [SETNAME clientname]]", "Handshakes with the Redis server.", "connection",
        "6.0.0", 0, 0, 0, helloCommand, {}, "O(1)"});
    out.push_back({"quit", -1, kCmdFast | kCmdNoAuth | kCmdLoading | kCmdStale, "", "Closes the connection.",
        "connection", "1.0.0", 0, 0, 0, quitCommand, {}, "O(1)"});
    out.push_back({"reset", 1, kCmdFast | kCmdNoAuth | kCmdLoading | kCmdStale, "", "Resets the connection.",
        "connection", "6.2.0", 0, 0, 0, resetCommand, {}, "O(1)"});
}

} // namespace ql

// CLIENT LIST / INFO / KILL / UNBLOCK / HELP: the parts of CLIENT that need to see every
// connection. (ID, GETNAME and SETNAME only touch client state and run in the engine.)
// Replies, filters, error texts and the order of the checks follow Redis 7.0's
// clientCommand(); the lines of CLIENT LIST / INFO have the fields of catClientInfoString().
#include "broker.h"

#include "engine/number_parse.h"

#include <algorithm>

namespace ql {
namespace {

// What C's "%s" sees of an argument: Redis formats these errors with printf, so they stop
// at the first NUL byte.
std::string cText(const std::string &s)
{
    return s.substr(0, std::min(s.size(), s.find('\0')));
}

// Redis's addReplySubcommandSyntaxError(): the subcommand as the user typed it.
Reply subcommandSyntaxError(const std::vector<std::string> &argv)
{
    return Reply::error("ERR unknown subcommand or wrong number of arguments for '" + cText(argv[1]).substr(0, 128)
        + "'. Try " + toUpper(cText(argv[0])) + " HELP.");
}

// Redis's client types (getClientTypeByName): QueueLab has no replication, so there are
// never master or replica clients; a client with any subscription is a pubsub client.
enum class ClientType { Normal, Replica, PubSub, Master };

std::optional<ClientType> clientTypeByName(const std::string &name)
{
    if (equalsIgnoreCase(name, "normal"))
        return ClientType::Normal;
    if (equalsIgnoreCase(name, "slave") || equalsIgnoreCase(name, "replica"))
        return ClientType::Replica;
    if (equalsIgnoreCase(name, "pubsub"))
        return ClientType::PubSub;
    if (equalsIgnoreCase(name, "master"))
        return ClientType::Master;
    return std::nullopt;
}

ClientType clientTypeOf(const ClientState &cs)
{
    return cs.inPubSubMode() ? ClientType::PubSub : ClientType::Normal;
}

Reply unknownClientType(const std::string &name)
{
    return Reply::error("ERR Unknown client type '" + cText(name) + "'");
}

// The addresses CLIENT LIST shows and CLIENT KILL ADDR / LADDR match: a network client's
// socket addresses, or for a client inside QueueLab (the console, a scenario) made-up ones.
std::string peerAddress(const BrokerSession &s)
{
    return s.address.empty() ? "queuelab:" + std::to_string(s.id) : s.address;
}
std::string localAddress(const BrokerSession &s)
{
    return s.localAddress.empty() ? std::string("queuelab:0") : s.localAddress;
}

// The only ACL user QueueLab knows; every connection is authenticated as it.
const char *const kDefaultUser = "default";

// In Redis's order: P(ubsub) x(MULTI) b(locked) d(irty CAS), or N when none.
std::string flagsOf(const ClientState &cs, const BrokerSession &s, bool blocked)
{
    std::string f;
    if (cs.inPubSubMode())
        f += 'P';
    if (s.inMulti)
        f += 'x';
    if (blocked)
        f += 'b';
    if (s.watchDirty)
        f += 'd';
    return f.empty() ? "N" : f;
}

} // namespace

Reply Broker::clientCommand(BrokerSession &s, const std::vector<std::string> &argv, const std::string &sub)
{
    // One line of CLIENT LIST / INFO, with the fields of Redis 7.0 in its order. The broker
    // has no query or output buffers per client: those sizes are 0.
    auto describe = [this](const BrokerSession &session) {
        const ClientState *cs = m_engine.client(session.id);
        if (!cs)
            return std::string();
        std::int64_t t = now();
        std::string cmd = session.lastCommand;
        // An unknown command leaves no last command in Redis.
        if (cmd.empty() || (cmd.find('|') == std::string::npos && !m_engine.commands().find(cmd)))
            cmd = "NULL";
        return "id=" + std::to_string(cs->id) + " addr=" + peerAddress(session) + " laddr=" + localAddress(session)
            + " fd=" + std::to_string(session.fd) + " name=" + cs->name + " age="
            + std::to_string((t - cs->createdMs) / 1000) + " idle=" + std::to_string((t - session.lastCommandMs) / 1000)
            + " flags=" + flagsOf(*cs, session, m_blocking.isBlocked(session.id)) + " db=" + std::to_string(cs->db)
            + " sub=" + std::to_string(cs->channels.size()) + " psub=" + std::to_string(cs->patterns.size())
            + " ssub=" + std::to_string(cs->shardChannels.size())
            + " multi=" + (session.inMulti ? std::to_string(session.queued.size()) : std::string("-1"))
            + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=" + cmd
            + " user=" + kDefaultUser + " redir=-1 resp=" + std::to_string(cs->protocol) + "\n";
    };

    if (sub == "info")
        return Reply::verbatim(describe(s));

    if (sub == "list") {
        // CLIENT LIST [TYPE type | ID id [id ...]]
        std::string out;
        if (argv.size() == 4 && equalsIgnoreCase(argv[2], "type")) {
            auto type = clientTypeByName(argv[3]);
            if (!type)
                return unknownClientType(argv[3]);
            for (const auto &[id, session] : m_sessions) {
                const ClientState *cs = m_engine.client(id);
                if (cs && clientTypeOf(*cs) == *type)
                    out += describe(session);
            }
        } else if (argv.size() > 3 && equalsIgnoreCase(argv[2], "id")) {
            // In the order asked, once per mention; unknown ids are left out.
            for (std::size_t i = 3; i < argv.size(); ++i) {
                auto id = parseInt64(argv[i]);
                if (!id)
                    return Reply::error("ERR Invalid client ID");
                auto it = m_sessions.find(static_cast<ClientId>(*id));
                if (*id > 0 && it != m_sessions.end())
                    out += describe(it->second);
            }
        } else if (argv.size() != 2) {
            return Reply::error("ERR syntax error");
        } else {
            for (const auto &[id, session] : m_sessions)
                out += describe(session);
        }
        return Reply::verbatim(out);
    }

    if (sub == "unblock") {
        // CLIENT UNBLOCK client-id [TIMEOUT|ERROR]
        if (argv.size() > 4)
            return subcommandSyntaxError(argv);
        bool asError = false;
        if (argv.size() == 4) {
            if (equalsIgnoreCase(argv[3], "timeout"))
                asError = false;
            else if (equalsIgnoreCase(argv[3], "error"))
                asError = true;
            else
                return Reply::error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
        }
        auto id = parseInt64(argv[2]);
        if (!id)
            return Reply::error("ERR value is not an integer or out of range");
        if (!m_blocking.isBlocked(*id))
            return Reply::integer(0);
        auto w = m_blocking.unblock(m_engine, *id, asError ? UnblockReason::Error : UnblockReason::Unblocked, now());
        deliver(*id, asError ? Reply::error("UNBLOCKED client unblocked via CLIENT UNBLOCK") : w->request.timeoutReply);
        m_runnable.push_back(*id);
        return Reply::integer(1);
    }

    if (sub == "kill") {
        // CLIENT KILL ip:port  |  CLIENT KILL <filter> <value> [<filter> <value> ...]
        // with the filters ID, TYPE, ADDR, LADDR, USER and SKIPME (default yes).
        const bool oldStyle = argv.size() == 3;
        std::optional<std::string> addr, laddr;
        std::optional<ClientType> type;
        ClientId wantedId = 0;
        bool skipMe = !oldStyle;
        if (oldStyle) {
            addr = argv[2]; // the old form may kill the caller itself
        } else {
            for (std::size_t i = 2; i < argv.size(); i += 2) {
                const bool moreArgs = i + 1 < argv.size();
                const std::string &opt = argv[i];
                if (moreArgs && equalsIgnoreCase(opt, "id")) {
                    auto v = parseInt64(argv[i + 1]);
                    if (!v || *v <= 0)
                        return Reply::error("ERR client-id should be greater than 0");
                    wantedId = static_cast<ClientId>(*v);
                } else if (moreArgs && equalsIgnoreCase(opt, "type")) {
                    type = clientTypeByName(argv[i + 1]);
                    if (!type)
                        return unknownClientType(argv[i + 1]);
                } else if (moreArgs && equalsIgnoreCase(opt, "addr")) {
                    addr = argv[i + 1];
                } else if (moreArgs && equalsIgnoreCase(opt, "laddr")) {
                    laddr = argv[i + 1];
                } else if (moreArgs && equalsIgnoreCase(opt, "user")) {
                    // Every connection is the default user's, so the filter keeps them all.
                    if (argv[i + 1] != kDefaultUser)
                        return Reply::error("ERR No such user '" + cText(argv[i + 1]) + "'");
                } else if (moreArgs && equalsIgnoreCase(opt, "skipme")) {
                    if (equalsIgnoreCase(argv[i + 1], "yes"))
                        skipMe = true;
                    else if (equalsIgnoreCase(argv[i + 1], "no"))
                        skipMe = false;
                    else
                        return Reply::error("ERR syntax error");
                } else {
                    return Reply::error("ERR syntax error");
                }
            }
        }
        std::vector<ClientId> victims;
        for (const auto &[id, session] : m_sessions) {
            const ClientState *cs = m_engine.client(id);
            if (addr && *addr != peerAddress(session))
                continue;
            if (laddr && *laddr != localAddress(session))
                continue;
            if (type && (!cs || clientTypeOf(*cs) != *type))
                continue;
            if (wantedId != 0 && wantedId != id)
                continue;
            if (skipMe && id == s.id)
                continue;
            victims.push_back(id);
        }
        ClientId self = s.id;
        bool killSelf = false;
        for (ClientId v : victims) {
            if (v == self)
                killSelf = true;
            else
                closeSession(v, "killed", true);
        }
        Reply r;
        if (oldStyle)
            r = victims.empty() ? Reply::error("ERR No such client") : Reply::ok();
        else
            r = Reply::integer(static_cast<std::int64_t>(victims.size()));
        if (killSelf) {
            deliver(self, r);
            closeSession(self, "killed", true);
        }
        return r;
    }

    // CLIENT HELP: Redis 7.0's text, for the subcommands QueueLab has.
    static constexpr const char *kHelp[]
        = {"CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", "GETNAME",
            "    Return the name of the current connection.", "ID", "    Return the ID of the current connection.",
            "INFO", "    Return information about the current client connection.", "KILL <ip:port>",
            "    Kill connection made from <ip:port>.", "KILL <option> <value> [<option> <value> [...]]",
            "    Kill connections. Options are:", "    * ADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made from the specified address", "    * LADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made to specified local address", "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Kill connections by type.", "    * USER <username>",
            "      Kill connections authenticated by <username>.", "    * SKIPME (YES|NO)",
            "      Skip killing current connection (default: yes).", "LIST [options ...]",
            "    Return information about client connections. Options:", "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Return clients of specified type.", "SETNAME <name>",
            "    Assign the name <name> to the current connection.", "UNBLOCK <clientid> [TIMEOUT|ERROR]",
            "    Unblock the specified blocked client.", "HELP", "    Prints this help."};
    return Reply::statusLines(kHelp);
}

} // namespace ql

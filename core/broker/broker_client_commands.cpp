// CLIENT LIST / INFO / KILL / UNBLOCK / HELP: the parts of CLIENT that need to see every
// connection. (ID, GETNAME and SETNAME only touch client state and run in the engine.)
#include "broker.h"

#include "engine/number_parse.h"

namespace ql {
namespace {

std::string flagsOf(const ClientState &cs, const BrokerSession &s, bool blocked)
{
    std::string f;
    if (blocked)
        f += 'b';
    if (s.inMulti)
        f += 'x';
    if (cs.inPubSubMode())
        f += 'P';
    return f.empty() ? "N" : f;
}

} // namespace

Reply Broker::clientCommand(BrokerSession &s, const std::vector<std::string> &argv, const std::string &sub)
{
    auto describe = [this](const BrokerSession &session) {
        const ClientState *cs = m_engine.client(session.id);
        if (!cs)
            return std::string();
        std::int64_t t = now();
        std::string line = "id=" + std::to_string(cs->id) + " addr=queuelab:" + std::to_string(cs->id)
            + " laddr=queuelab:0 fd=-1 name=" + cs->name + " age=" + std::to_string((t - cs->createdMs) / 1000)
            + " idle=" + std::to_string((t - session.lastCommandMs) / 1000)
            + " flags=" + flagsOf(*cs, session, m_blocking.isBlocked(session.id)) + " db=" + std::to_string(cs->db)
            + " sub=" + std::to_string(cs->channels.size()) + " psub=" + std::to_string(cs->patterns.size())
            + " ssub=" + std::to_string(cs->shardChannels.size())
            + " multi=" + (session.inMulti ? std::to_string(session.queued.size()) : std::string("-1"))
            + " cmd=" + (session.lastCommand.empty() ? std::string("NULL") : session.lastCommand)
            + " user=default resp=" + std::to_string(cs->protocol) + "\n";
        return line;
    };
    if (sub == "list") {
        std::string out;
        for (const auto &[id, session] : m_sessions)
            out += describe(session);
        return Reply::bulk(out);
    }
    if (sub == "info")
        return Reply::bulk(describe(s));
    if (sub == "unblock") {
        if (argv.size() > 4)
            return Reply::error("ERR unknown subcommand or wrong number of arguments for 'unblock'. Try CLIENT HELP.");
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
        // CLIENT KILL addr  |  CLIENT KILL ID id [SKIPME yes|no] ...
        std::vector<ClientId> victims;
        bool oldStyle = argv.size() == 3;
        bool skipMe = !oldStyle;
        if (oldStyle) {
            for (const auto &[id, session] : m_sessions)
                if ("queuelab:" + std::to_string(id) == argv[2])
                    victims.push_back(id);
            if (victims.empty())
                return Reply::error("ERR No such client");
        } else {
            std::optional<ClientId> wantedId;
            for (std::size_t i = 2; i < argv.size(); i += 2) {
                if (i + 1 >= argv.size())
                    return Reply::error("ERR syntax error");
                if (equalsIgnoreCase(argv[i], "id")) {
                    auto v = parseInt64(argv[i + 1]);
                    if (!v || *v <= 0)
                        return Reply::error("ERR client-id should be greater than 0");
                    wantedId = *v;
                } else if (equalsIgnoreCase(argv[i], "skipme")) {
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
            for (const auto &[id, session] : m_sessions)
                if ((!wantedId || *wantedId == id) && !(skipMe && id == s.id))
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
        Reply r = oldStyle ? Reply::ok() : Reply::integer(static_cast<std::int64_t>(victims.size()));
        if (killSelf) {
            deliver(self, r);
            closeSession(self, "killed", true);
        }
        return r;
    }
    static constexpr const char *kHelp[]
        = {"CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", "GETNAME",
            "    Return the name of the current connection.", "ID", "    Return the ID of the current connection.",
            "INFO", "    Return information about the current client connection.", "KILL <ip:port>",
            "    Kill connection made from <ip:port>.", "KILL <option> <value> [<option> <value> [...]]",
            "    Kill connections. Options are:", "    * ID <client-id>", "    * SKIPME (YES|NO)", "LIST [options ...]",
            "    Return information about client connections.", "SETNAME <name>",
            "    Assign the name <name> to the current connection.", "UNBLOCK <clientid> [TIMEOUT|ERROR]",
            "    Unblock the specified blocked client.", "HELP", "    Print this help."};
    return Reply::statusLines(kHelp);
}

} // namespace ql

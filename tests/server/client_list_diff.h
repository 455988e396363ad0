// Differential runner for CLIENT LIST / INFO / KILL, whose replies cannot be equal byte for
// byte: ids, addresses, ages and buffer sizes belong to each server. Both servers run the
// same script through their own named connections. In every CLIENT LIST / INFO reply the id
// and addr become the name of the script's connection they belong to ("?" for any other),
// and laddr, fd, age, idle and the buffer and memory sizes become "*"; what is left must be
// equal: the reply type (bulk or RESP3 verbatim), the lines in their order, every field
// name in its order, and the values of name, flags, db, sub, psub, ssub, multi, events, cmd,
// user, redir and resp. Every other reply is compared byte for byte.
//
// Script lines (arguments in redis-cli quoting):
//   @name CMD args       run as connection `name` (default `main`; opened on first use with a
//                        CLIENT INFO that learns its id and addresses). In the arguments
//                        {id:x}, {addr:x} and {laddr:x} are that server's values for x.
//   @name !send CMD ...  send without reading the reply (a blocking command)
//   @name !read          read the reply the last !send left behind
//   @name !skip CMD ...  run it and read the reply, compare nothing (HELLO: it tells the id)
//   @name !closed        the server must have closed the connection (a PING gets no answer)
//   !blocked x           wait until x shows flag b in CLIENT LIST (compares nothing)
//   !settle              wait until CLIENT LIST holds only the script's connections
#pragma once

#include "diff_runner.h"
#include "redis_connection.h"
#include "resp/reply_reader.h"
#include "resp/split_args.h"

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace ql::test {

class ClientListDiff {
public:
    ClientListDiff(int redisPort, int otherPort)
    {
        m_sides[0].port = redisPort;
        m_sides[1].port = otherPort;
    }

    std::size_t compared() const { return m_compared; }
    const std::vector<std::string> &mismatches() const { return m_mismatches; }

    void runLine(const std::string &rawLine, const std::string &where)
    {
        std::string line = rawLine;
        if (line.empty() || line[0] == '#')
            return;
        std::string conn = "main";
        if (line[0] == '@') {
            std::size_t sp = line.find(' ');
            conn = line.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
            line = sp == std::string::npos ? std::string() : line.substr(sp + 1);
        }
        auto args = splitArgs(line);
        if (!args || args->empty()) {
            m_mismatches.push_back(where + ": cannot parse the line " + rawLine);
            return;
        }
        std::vector<std::string> argv = std::move(*args);
        const std::string word = argv[0];
        if (word == "!blocked" || word == "!settle") {
            for (int i = 0; i < 2; ++i)
                if (!waitFor(i, word, argv.size() > 1 ? argv[1] : std::string()))
                    m_mismatches.push_back(
                        where + ": " + rawLine + " never happened on port " + std::to_string(m_sides[i].port));
            return;
        }
        if (word == "!closed") {
            // Replies still unread come first; a connection that is open answers the PING.
            std::string got[2];
            for (int i = 0; i < 2; ++i) {
                RedisConnection &c = connection(m_sides[i], conn);
                c.send({"PING"});
                got[i] = "(closed)";
                while (auto r = c.readReply(5000)) {
                    if (r->find("PONG") != std::string::npos || r->find("pong") != std::string::npos) {
                        got[i] = *r;
                        break;
                    }
                }
            }
            ++m_compared;
            if (got[0] != "(closed)" || got[1] != "(closed)")
                fail(where, rawLine, "the connection should be closed", got[0], got[1]);
            return;
        }
        if (word == "!read") {
            compareReplies(where, rawLine, conn);
            return;
        }
        const bool sendOnly = word == "!send";
        const bool skip = word == "!skip";
        if (sendOnly || skip)
            argv.erase(argv.begin());
        for (Side &side : m_sides) {
            std::vector<std::string> expanded;
            for (const auto &a : argv)
                expanded.push_back(expand(side, a));
            connection(side, conn).send(expanded);
        }
        if (skip) {
            for (Side &side : m_sides)
                connection(side, conn).readReply(5000);
        } else if (!sendOnly) {
            compareReplies(where, rawLine, conn);
        }
    }

    // Names the values of a CLIENT LIST / INFO reply that belong to `side` (see the top).
    // Other replies come back unchanged.
    std::string normalizedLines(int sideIndex, const std::string &resp) const
    {
        const Side &side = m_sides[sideIndex];
        if (!resp.empty() && resp[0] == '*') {
            // An array (EXEC): each element on its own.
            std::size_t pos = resp.find("\r\n");
            if (pos == std::string::npos)
                return resp;
            std::string out = resp.substr(0, pos + 2);
            pos += 2;
            while (pos < resp.size()) {
                auto len = completeReplyLength(std::string_view(resp).substr(pos));
                if (!len || *len == 0)
                    return out + resp.substr(pos);
                out += normalizedLines(sideIndex, resp.substr(pos, *len));
                pos += *len;
            }
            return out;
        }
        if (resp.empty() || (resp[0] != '$' && resp[0] != '='))
            return resp;
        std::size_t start = resp.find("\r\n");
        if (start == std::string::npos || resp.size() < start + 4)
            return resp;
        std::string body = resp.substr(start + 2, resp.size() - start - 4);
        if (resp[0] == '=') {
            if (body.rfind("txt:", 0) != 0)
                return resp;
            body = body.substr(4);
        }
        if (body.rfind("id=", 0) != 0 && !body.empty())
            return resp; // some other bulk
        static const std::set<std::string> kServerOwn = {"laddr", "fd", "age", "idle", "qbuf", "qbuf-free", "argv-mem",
            "multi-mem", "rbs", "rbp", "obl", "oll", "omem", "tot-mem"};
        std::string out = std::string(1, resp[0]) + (resp[0] == '=' ? "txt:" : "") + "\n";
        std::size_t pos = 0;
        while (pos < body.size()) {
            std::size_t nl = body.find('\n', pos);
            if (nl == std::string::npos) {
                out += "(line without newline) ";
                nl = body.size();
            }
            std::string line = body.substr(pos, nl - pos);
            pos = nl + 1;
            std::size_t f = 0;
            while (f <= line.size()) {
                std::size_t sp = line.find(' ', f);
                if (sp == std::string::npos)
                    sp = line.size();
                std::string field = line.substr(f, sp - f);
                std::size_t eq = field.find('=');
                std::string key = field.substr(0, eq);
                std::string value = eq == std::string::npos ? std::string() : field.substr(eq + 1);
                if (key == "id" || key == "addr")
                    value = nameOf(side, key, value);
                else if (kServerOwn.count(key))
                    value = "*";
                out += key + "=" + value + " ";
                f = sp + 1;
            }
            out += "\n";
        }
        return out;
    }

private:
    struct Side {
        int port = 0;
        std::map<std::string, RedisConnection> conns;
        std::map<std::string, std::map<std::string, std::string>> fields; // name -> id, addr, laddr
    };

    static std::map<std::string, std::string> parseFields(const std::string &resp)
    {
        std::map<std::string, std::string> out;
        std::size_t start = resp.find("id=");
        if (start == std::string::npos)
            return out;
        std::size_t end = resp.find('\n', start);
        std::string line = resp.substr(start, end == std::string::npos ? std::string::npos : end - start);
        std::size_t f = 0;
        while (f < line.size()) {
            std::size_t sp = line.find(' ', f);
            if (sp == std::string::npos)
                sp = line.size();
            std::string field = line.substr(f, sp - f);
            std::size_t eq = field.find('=');
            if (eq != std::string::npos)
                out[field.substr(0, eq)] = field.substr(eq + 1);
            f = sp + 1;
        }
        return out;
    }

    RedisConnection &connection(Side &side, const std::string &name)
    {
        auto it = side.conns.find(name);
        if (it != side.conns.end())
            return it->second;
        RedisConnection &c = side.conns[name];
        if (c.connect(side.port)) {
            c.send({"CLIENT", "INFO"});
            side.fields[name] = parseFields(c.readReply(5000).value_or(""));
        }
        return c;
    }

    std::string nameOf(const Side &side, const std::string &key, const std::string &value) const
    {
        for (const auto &[name, f] : side.fields) {
            auto it = f.find(key);
            if (it != f.end() && it->second == value)
                return "<" + name + ">";
        }
        return "?";
    }

    std::string expand(Side &side, const std::string &arg)
    {
        if (arg.size() < 5 || arg.front() != '{' || arg.back() != '}')
            return arg;
        std::size_t colon = arg.find(':');
        if (colon == std::string::npos)
            return arg;
        std::string key = arg.substr(1, colon - 1);
        std::string name = arg.substr(colon + 1, arg.size() - colon - 2);
        connection(side, name);
        return side.fields[name][key];
    }

    // Polls (at most about ten seconds) until the condition of `what` holds on `side`.
    bool waitFor(int sideIndex, const std::string &what, const std::string &name)
    {
        Side &side = m_sides[sideIndex];
        RedisConnection &probe = connection(side, "!probe");
        for (int attempt = 0; attempt < 1000; ++attempt) {
            if (what == "!blocked") {
                probe.send({"CLIENT", "LIST", "ID", expand(side, "{id:" + name + "}")});
                auto f = parseFields(probe.readReply(5000).value_or(""));
                if (f["flags"].find('b') != std::string::npos)
                    return true;
            } else {
                probe.send({"CLIENT", "LIST"});
                std::string list = normalizedLines(sideIndex, probe.readReply(5000).value_or(""));
                if (list.find("id=? ") == std::string::npos)
                    return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return false;
    }

    void compareReplies(const std::string &where, const std::string &line, const std::string &conn)
    {
        std::string got[2];
        for (int i = 0; i < 2; ++i)
            got[i] = normalizedLines(i, connection(m_sides[i], conn).readReply(5000).value_or("(no reply)"));
        ++m_compared;
        if (got[0] != got[1])
            fail(where, line, "reply differs", got[0], got[1]);
    }

    void fail(const std::string &where, const std::string &line, const std::string &what, const std::string &redis,
        const std::string &other)
    {
        m_mismatches.push_back(where + ": " + line + "\n    " + what + "\n    redis:  " + DiffRunner::printable(redis)
            + "\n    server: " + DiffRunner::printable(other));
    }

    Side m_sides[2];
    std::size_t m_compared = 0;
    std::vector<std::string> m_mismatches;
};

} // namespace ql::test

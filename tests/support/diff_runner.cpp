#include "diff_runner.h"

#include "resp/reply_reader.h"
#include "resp/resp_encoder.h"
#include "resp/split_args.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>

namespace ql::test {
namespace {

std::int64_t wallMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

bool isPublish(const std::vector<std::string> &argv)
{
    std::string c = argv.empty() ? std::string() : argv[0];
    for (auto &ch : c)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return c == "publish" || c == "spublish";
}

void normalizeReply(Reply &r, unsigned norm, bool top)
{
    static const std::regex kClockId("[0-9]{12,}-[0-9]+");
    switch (r.type()) {
    case Reply::Type::Bulk:
    case Reply::Type::Status:
        if ((norm & kNormIds) && std::regex_search(r.str(), kClockId))
            r = Reply::bulk(std::regex_replace(r.str(), kClockId, "<id>"));
        break;
    case Reply::Type::Integer:
        if (norm & kNormInts)
            r = Reply::integer(0);
        break;
    default: break;
    }
    if (r.isAggregate()) {
        for (auto &item : r.items())
            normalizeReply(item, norm, false);
        if (top && (norm & kNormSort)) {
            auto &items = r.items();
            std::sort(items.begin(), items.end(),
                [](const Reply &a, const Reply &b) { return encodeReply(a, 3) < encodeReply(b, 3); });
        }
    }
}

} // namespace

DiffRunner::DiffRunner(int redisPort) : m_port(redisPort)
{
}

DiffRunner::Conn &DiffRunner::connection(const std::string &name)
{
    auto it = m_conns.find(name);
    if (it != m_conns.end())
        return it->second;
    Conn &c = m_conns[name];
    c.redis.connect(m_port);
    c.id = m_nextId++;
    m_engine.openClient(c.id, name, wallMs());
    return c;
}

void DiffRunner::resetCase()
{
    for (auto &[name, c] : m_conns) {
        c.redis.close();
        m_engine.closeClient(c.id, wallMs());
    }
    m_conns.clear();
    Conn &main = connection("main");
    main.redis.send({"FLUSHALL"});
    main.redis.readReply(5000);
    m_engine.execute(main.id, {"FLUSHALL"}, wallMs());
    m_engine.takeEvents();
}

std::string DiffRunner::printable(const std::string &bytes)
{
    std::string out;
    for (unsigned char c : bytes) {
        if (c == '\r')
            out += "\\r";
        else if (c == '\n')
            out += "\\n";
        else if (c < 32 || c > 126) {
            char buf[8];
            std::snprintf(buf, sizeof(buf), "\\x%02x", c);
            out += buf;
        } else
            out += static_cast<char>(c);
    }
    if (out.size() > 600)
        out = out.substr(0, 600) + "...";
    return out;
}

std::string DiffRunner::normalize(const std::string &resp, unsigned norm) const
{
    if (!(norm & (kNormSort | kNormIds | kNormInts)))
        return resp;
    Reply r = decodeReply(resp);
    normalizeReply(r, norm, true);
    return encodeReply(r, 3);
}

void DiffRunner::fail(const std::string &where, const std::vector<std::string> &argv, const std::string &what,
    const std::string &redis, const std::string &engine)
{
    std::string cmd;
    for (const auto &a : argv)
        cmd += (cmd.empty() ? "" : " ") + printable(a);
    m_mismatches.push_back(where + ": " + cmd + "\n    " + what + "\n    redis:  " + printable(redis)
        + "\n    engine: " + printable(engine));
}

bool DiffRunner::compare(
    const std::string &connName, const std::vector<std::string> &argv, unsigned norm, const std::string &where)
{
    Conn &c = connection(connName);
    c.redis.send(argv);
    ExecResult res = m_engine.execute(c.id, argv, wallMs());
    m_engine.takeEvents();
    const ClientState *state = m_engine.client(c.id);
    int proto = state ? state->protocol : 2;
    Reply engineReply = res.block ? res.block->timeoutReply : res.reply;
    std::size_t frames
        = engineReply.type() == Reply::Type::Sequence ? std::max<std::size_t>(1, engineReply.items().size()) : 1;
    std::string redisBytes;
    for (std::size_t i = 0; i < frames; ++i) {
        auto r = c.redis.readReply(res.block ? 5000 : 3000);
        if (!r) {
            fail(where, argv, "redis-server sent no (complete) reply", redisBytes, encodeReply(engineReply, proto));
            c.redis.close();
            m_conns.erase(connName);
            return false;
        }
        redisBytes += *r;
    }
    bool ok = true;
    if (!(norm & kNormSkip)) {
        ++m_compared;
        std::string engineBytes = encodeReply(engineReply, proto);
        if (normalize(redisBytes, norm) != normalize(engineBytes, norm)) {
            fail(where, argv, "reply differs", redisBytes, engineBytes);
            ok = false;
        }
    }
    // Pushes to other connections (pub/sub deliveries).
    std::map<ClientId, std::vector<const Reply *>> expected;
    for (const auto &d : res.deliveries)
        expected[d.client].push_back(&d.message);
    bool pollAll = isPublish(argv) || !res.deliveries.empty();
    for (auto &[name, other] : m_conns) {
        auto it = expected.find(other.id);
        if (it != expected.end()) {
            const ClientState *os = m_engine.client(other.id);
            int op = os ? os->protocol : 2;
            // Redis walks matching patterns in hash order, so the pmessages one connection
            // gets from one PUBLISH are compared as a set; everything else in order.
            std::vector<std::string> got, want;
            for (const Reply *msg : it->second) {
                auto r = other.redis.readReply(2000);
                got.push_back(r ? *r : std::string("(nothing)"));
                want.push_back(encodeReply(*msg, op));
            }
            if (got.size() > 1) {
                std::sort(got.begin(), got.end());
                std::sort(want.begin(), want.end());
            }
            for (std::size_t i = 0; i < got.size(); ++i) {
                ++m_compared;
                if (got[i] != want[i]) {
                    fail(where, argv, "push to @" + name + " differs", got[i], want[i]);
                    ok = false;
                }
            }
        }
        if (pollAll && other.redis.hasPendingData(it == expected.end() ? 5 : 1)) {
            auto r = other.redis.readReply(100);
            fail(where, argv, "@" + name + " got a push the engine did not send", r ? *r : std::string("?"), "");
            ok = false;
        }
    }
    return ok;
}

void DiffRunner::runLine(const std::string &rawLine, const std::string &where)
{
    std::string line = rawLine;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.pop_back();
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#')
        return;
    line = line.substr(first);
    if (line.rfind("===", 0) == 0) {
        resetCase();
        return;
    }
    std::string conn = "main";
    unsigned norm = kNormNone;
    while (!line.empty() && (line[0] == '@' || line[0] == '!')) {
        std::size_t sp = line.find(' ');
        std::string word = line.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
        if (line[0] == '@')
            conn = word;
        else if (word == "sort")
            norm |= kNormSort;
        else if (word == "ids")
            norm |= kNormIds;
        else if (word == "ints")
            norm |= kNormInts;
        else if (word == "skip")
            norm |= kNormSkip;
        else {
            m_mismatches.push_back(where + ": unknown directive !" + word);
            return;
        }
        line = sp == std::string::npos ? std::string() : line.substr(sp + 1);
    }
    auto argv = splitArgs(line);
    if (!argv || argv->empty()) {
        m_mismatches.push_back(where + ": cannot parse line: " + rawLine);
        return;
    }
    compare(conn, *argv, norm, where);
}

std::size_t DiffRunner::runFile(const std::string &path)
{
    std::ifstream in(path);
    if (!in) {
        m_mismatches.push_back(path + ": cannot open");
        return 0;
    }
    std::size_t before = m_compared;
    resetCase();
    std::string line;
    int lineNo = 0;
    std::string base = path.substr(path.find_last_of('/') + 1);
    while (std::getline(in, line)) {
        ++lineNo;
        runLine(line, base + ":" + std::to_string(lineNo));
    }
    return m_compared - before;
}

} // namespace ql::test

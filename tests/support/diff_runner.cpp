#include "diff_runner.h"

#include "resp/reply_reader.h"
#include "resp/resp_encoder.h"
#include "resp/split_args.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
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

// Socket mode timing: the first frame may take as long as a blocking command waits; frames
// that belong with it, or pushes known to be on their way, get the second.
constexpr int kFirstFrameMs = 5000;
constexpr int kPushWaitMs = 2000;
constexpr int kLateFrameMs = 300;

// The frames one command produced: the first may take `firstMs`, the rest are already there.
std::vector<std::string> readFrames(RedisConnection &c, int firstMs)
{
    std::vector<std::string> frames;
    auto r = c.readReply(firstMs);
    if (!r)
        return frames;
    frames.push_back(std::move(*r));
    while (c.hasPendingData(0)) {
        auto more = c.readReply(kLateFrameMs);
        if (!more)
            break;
        frames.push_back(std::move(*more));
    }
    return frames;
}

// Reads until `frames` holds `n` frames or nothing comes within `waitMs`.
void topUp(RedisConnection &c, std::vector<std::string> &frames, std::size_t n, int waitMs)
{
    while (frames.size() < n) {
        auto r = c.readReply(waitMs);
        if (!r)
            return;
        frames.push_back(std::move(*r));
    }
}

std::string joined(const std::vector<std::string> &frames)
{
    std::string out;
    for (const auto &f : frames)
        out += f;
    return out.empty() ? std::string("(nothing)") : out;
}

} // namespace

DiffRunner::DiffRunner(int redisPort) : m_port(redisPort)
{
}

DiffRunner::DiffRunner(int redisPort, int otherPort) : m_port(redisPort), m_otherPort(otherPort)
{
}

DiffRunner::Conn &DiffRunner::connection(const std::string &name)
{
    auto it = m_conns.find(name);
    if (it != m_conns.end())
        return it->second;
    Conn &c = m_conns[name];
    if (!c.redis.connect(m_port))
        m_mismatches.push_back("@" + name + ": cannot connect to redis-server");
    if (socketMode()) {
        if (!c.other.connect(m_otherPort))
            m_mismatches.push_back("@" + name + ": cannot connect to the server under test");
        return c;
    }
    c.id = m_nextId++;
    m_engine.openClient(c.id, name, wallMs());
    return c;
}

void DiffRunner::resetCase()
{
    if (socketMode()) {
        // Whatever a connection still got before the case ends is compared too.
        comparePushes(std::string(), {}, -1, "end of case");
        for (auto &[name, c] : m_conns) {
            c.redis.close();
            c.other.close();
        }
        m_conns.clear();
        Conn &main = connection("main");
        main.redis.send({"FLUSHALL"});
        main.other.send({"FLUSHALL"});
        auto r = main.redis.readReply(5000);
        auto o = main.other.readReply(5000);
        if (r != o)
            fail("reset", {"FLUSHALL"}, "reply differs", r.value_or("(nothing)"), o.value_or("(nothing)"));
        return;
    }
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
        + (socketMode() ? "\n    server: " : "\n    engine: ") + printable(engine));
}

bool DiffRunner::compare(
    const std::string &connName, const std::vector<std::string> &argv, unsigned norm, const std::string &where)
{
    return socketMode() ? compareSocket(connName, argv, norm, where) : compareEngine(connName, argv, norm, where);
}

bool DiffRunner::compareEngine(
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
        expected[d.client].push_back(d.message.get());
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

// Socket mode: the command goes to both servers; each side's frames are read until the
// other side's count is reached (or a side stays silent), so a late write on one side is
// not mistaken for a difference and a missing or extra frame is.
bool DiffRunner::compareSocket(
    const std::string &connName, const std::vector<std::string> &argv, unsigned norm, const std::string &where)
{
    Conn &c = connection(connName);
    c.redis.send(argv);
    c.other.send(argv);
    std::vector<std::string> rf, of;
    try {
        rf = readFrames(c.redis, kFirstFrameMs);
        of = readFrames(c.other, kFirstFrameMs);
        topUp(c.other, of, rf.size(), kLateFrameMs);
        topUp(c.redis, rf, of.size(), kLateFrameMs);
    } catch (const RespError &e) {
        fail(where, argv, std::string("unreadable reply: ") + e.what(), joined(rf), joined(of));
        m_conns.erase(connName);
        return false;
    }
    bool ok = true;
    bool silent = rf.empty() || of.empty();
    if (silent && !(rf.empty() && of.empty())) {
        fail(where, argv, (rf.empty() ? "redis-server" : "the server") + std::string(" sent no (complete) reply"),
            joined(rf), joined(of));
        ok = false;
    } else if (!(norm & kNormSkip)) {
        // Both answered (or both closed the connection / keep waiting): compare.
        ++m_compared;
        std::string rb, ob;
        for (const auto &f : rf)
            rb += normalize(f, norm);
        for (const auto &f : of)
            ob += normalize(f, norm);
        if (rb != ob) {
            fail(where, argv, "reply differs", joined(rf), joined(of));
            ok = false;
        }
    }
    // PUBLISH's count tells how many pushes redis-server sent (the sender's own included).
    std::int64_t pushes = -1;
    if (isPublish(argv) && !rf.empty() && rf.back().size() > 3 && rf.back()[0] == ':')
        pushes = std::strtoll(rf.back().c_str() + 1, nullptr, 10) - static_cast<std::int64_t>(rf.size() - 1);
    if (silent)
        m_conns.erase(connName); // both sides start that connection anew
    return comparePushes(silent ? std::string() : connName, argv, pushes, where) && ok;
}

// Compares what the connections other than `except` got since their last command: on the
// Redis side whatever is there (waiting until `publishCount` pushes arrived, if known), on the
// other side as many frames, then anything extra either side sent.
bool DiffRunner::comparePushes(const std::string &except, const std::vector<std::string> &argv,
    std::int64_t publishCount, const std::string &where)
{
    bool ok = true;
    try {
        std::map<std::string, std::vector<std::string>> redisGot;
        std::int64_t total = 0;
        auto collect = [&](int waitMs) {
            for (auto &[name, o] : m_conns) {
                if (name == except)
                    continue;
                while (o.redis.hasPendingData(waitMs)) {
                    auto r = o.redis.readReply(kLateFrameMs);
                    if (!r)
                        break;
                    redisGot[name].push_back(std::move(*r));
                    ++total;
                }
            }
        };
        collect(0);
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kPushWaitMs);
        while (total < publishCount && std::chrono::steady_clock::now() < deadline)
            collect(1);
        for (auto &[name, o] : m_conns) {
            if (name == except)
                continue;
            std::vector<std::string> &want = redisGot[name];
            std::vector<std::string> got;
            while (o.other.hasPendingData(0)) {
                auto r = o.other.readReply(kLateFrameMs);
                if (!r)
                    break;
                got.push_back(std::move(*r));
            }
            topUp(o.other, got, want.size(), kPushWaitMs);
            topUp(o.redis, want, got.size(), kLateFrameMs);
            // Redis walks matching patterns in hash order, so the pmessages one connection
            // gets from one PUBLISH are compared as a set; everything else in order.
            if (got.size() > 1 && want.size() > 1) {
                std::sort(got.begin(), got.end());
                std::sort(want.begin(), want.end());
            }
            for (std::size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
                ++m_compared;
                std::string r = i < want.size() ? want[i] : std::string();
                std::string g = i < got.size() ? got[i] : std::string();
                if (r == g)
                    continue;
                ok = false;
                if (r.empty())
                    fail(where, argv, "@" + name + " got a push redis-server did not send", "(nothing)", g);
                else if (g.empty())
                    fail(where, argv, "@" + name + " did not get a push redis-server sent", r, "(nothing)");
                else
                    fail(where, argv, "push to @" + name + " differs", r, g);
            }
        }
    } catch (const RespError &e) {
        fail(where, argv, std::string("unreadable push: ") + e.what(), "", "");
        ok = false;
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

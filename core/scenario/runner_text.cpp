#include "scenario/runner_text.h"

#include "scenario/scenario_text.h"

#include <cstdio>

namespace ql::scenario {

std::string seconds(std::int64_t ms)
{
    char buf[48];
    std::snprintf(
        buf, sizeof(buf), "%lld.%03lld s", static_cast<long long>(ms / 1000), static_cast<long long>(ms % 1000));
    return buf;
}

namespace {

bool needsQuotes(const std::string &arg)
{
    if (arg.empty() || text::findInvalidUtf8(arg) != std::string::npos)
        return true;
    for (unsigned char c : arg)
        if (c <= ' ' || c == '"' || c == '\'' || c == '\\' || c == 127)
            return true;
    return false;
}

// Double-quoted for splitArgs: escapes for quotes, backslashes and control bytes; valid
// UTF-8 text (Korean captions, for instance) stays readable.
std::string quoted(const std::string &arg)
{
    bool utf8 = text::findInvalidUtf8(arg) == std::string::npos;
    std::string out = "\"";
    for (unsigned char c : arg) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < ' ' || c == 127 || (c >= 0x80 && !utf8)) {
                char buf[8];
                std::snprintf(buf, sizeof(buf), "\\x%02x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

} // namespace

std::string commandText(const std::vector<std::string> &argv)
{
    std::string out;
    for (const std::string &a : argv) {
        if (!out.empty())
            out += ' ';
        out += needsQuotes(a) ? quoted(a) : a;
    }
    return out;
}

bool isMessagePush(const Reply &reply)
{
    if (reply.type() != Reply::Type::Push || reply.items().empty())
        return false;
    const Reply &kind = reply.items().front();
    return kind.type() == Reply::Type::Bulk
        && (kind.str() == "message" || kind.str() == "pmessage" || kind.str() == "smessage");
}

Reply toReply(const ExpectedReply &e, const std::vector<std::int64_t> &counters)
{
    using K = ExpectedReply::Kind;
    switch (e.kind) {
    case K::Status: return Reply::status(expand(e.text, counters));
    case K::Bulk: return Reply::bulk(expand(e.text, counters));
    case K::Integer: return Reply::integer(e.integer);
    case K::Nil: return Reply::nullBulk();
    case K::Error: return Reply::error(expand(e.text, counters));
    case K::Array: break;
    }
    Reply out = Reply::array();
    for (const ExpectedReply &item : e.elements)
        out.add(toReply(item, counters));
    return out;
}

} // namespace ql::scenario

#include "resp/resp_encoder.h"

#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace ql {

namespace {

void appendNumberLine(std::string &out, char prefix, std::int64_t value)
{
    char buf[24];
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    out.push_back(prefix);
    out.append(buf, result.ptr);
    out.append("\r\n", 2);
}

// Status and error lines cannot carry CR or LF; Redis replaces them with spaces.
void appendSimpleLine(std::string &out, char prefix, const std::string &text)
{
    out.push_back(prefix);
    const std::size_t start = out.size();
    out.append(text);
    for (std::size_t i = start; i < out.size(); ++i) {
        if (out[i] == '\r' || out[i] == '\n')
            out[i] = ' ';
    }
    out.append("\r\n", 2);
}

void appendBulk(std::string &out, const char *data, std::size_t size)
{
    appendNumberLine(out, '$', static_cast<std::int64_t>(size));
    out.append(data, size);
    out.append("\r\n", 2);
}

// Redis 7.0 addReplyDouble(): infinities are spelled out explicitly, everything else goes
// through "%.17g".
void appendDouble(std::string &out, double value, int protocol)
{
    if (std::isinf(value)) {
        const char *text = value > 0 ? "inf" : "-inf";
        if (protocol == 3) {
            out.push_back(',');
            out.append(text);
            out.append("\r\n", 2);
        } else {
            appendBulk(out, text, value > 0 ? 3 : 4);
        }
        return;
    }
    char buf[64];
    const int length = std::snprintf(buf, sizeof buf, "%.17g", value);
    const auto size = static_cast<std::size_t>(length > 0 ? length : 0);
    if (protocol == 3) {
        out.push_back(',');
        out.append(buf, size);
        out.append("\r\n", 2);
    } else {
        appendBulk(out, buf, size);
    }
}

void appendItems(std::string &out, const Reply &reply, int protocol)
{
    for (const Reply &item : reply.items())
        encodeReply(item, protocol, out);
}

void appendAggregate(std::string &out, char resp3Prefix, const Reply &reply, int protocol)
{
    appendNumberLine(out, protocol == 3 ? resp3Prefix : '*', static_cast<std::int64_t>(reply.items().size()));
    appendItems(out, reply, protocol);
}

} // namespace

void encodeReply(const Reply &reply, int protocol, std::string &out)
{
    const bool resp3 = protocol == 3;
    switch (reply.type()) {
    case Reply::Type::Status: appendSimpleLine(out, '+', reply.str()); break;
    case Reply::Type::Error: appendSimpleLine(out, '-', reply.str()); break;
    case Reply::Type::Integer: appendNumberLine(out, ':', reply.integerValue()); break;
    case Reply::Type::Bulk: appendBulk(out, reply.str().data(), reply.str().size()); break;
    case Reply::Type::Verbatim:
        if (resp3) {
            appendNumberLine(out, '=', static_cast<std::int64_t>(reply.str().size() + 4));
            out.append("txt:");
            out.append(reply.str());
            out.append("\r\n");
        } else {
            appendBulk(out, reply.str().data(), reply.str().size());
        }
        break;
    case Reply::Type::NullBulk: out.append(resp3 ? "_\r\n" : "$-1\r\n"); break;
    case Reply::Type::NullArray: out.append(resp3 ? "_\r\n" : "*-1\r\n"); break;
    case Reply::Type::Array: appendAggregate(out, '*', reply, protocol); break;
    case Reply::Type::Map: {
        const std::size_t count = reply.items().size();
        assert(count % 2 == 0 && "a map holds key/value pairs");
        appendNumberLine(out, resp3 ? '%' : '*', static_cast<std::int64_t>(resp3 ? count / 2 : count));
        appendItems(out, reply, protocol);
        break;
    }
    case Reply::Type::Set: appendAggregate(out, '~', reply, protocol); break;
    case Reply::Type::Double: appendDouble(out, reply.doubleValue(), protocol); break;
    case Reply::Type::Bool:
        if (resp3)
            out.append(reply.integerValue() != 0 ? "#t\r\n" : "#f\r\n");
        else
            out.append(reply.integerValue() != 0 ? ":1\r\n" : ":0\r\n");
        break;
    case Reply::Type::Push: appendAggregate(out, '>', reply, protocol); break;
    case Reply::Type::Sequence: appendItems(out, reply, protocol); break;
    }
}

std::string encodeReply(const Reply &reply, int protocol)
{
    std::string out;
    encodeReply(reply, protocol, out);
    return out;
}

} // namespace ql

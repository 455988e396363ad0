#include "reply_formatter.h"

#include <cmath>
#include <cstdio>

namespace ql {
namespace {

std::string formatDouble(double d)
{
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.17g", d);
    return buf;
}

std::string formatTty(const Reply &r, const std::string &prefix)
{
    switch (r.type()) {
    case Reply::Type::Error: return "(error) " + r.str() + "\n";
    case Reply::Type::Status: return r.str() + "\n";
    case Reply::Type::Integer: return "(integer) " + std::to_string(r.integerValue()) + "\n";
    case Reply::Type::Double: return "(double) " + formatDouble(r.doubleValue()) + "\n";
    case Reply::Type::Bool: return r.integerValue() ? "(true)\n" : "(false)\n";
    case Reply::Type::Bulk: return quoteForCli(r.str()) + "\n";
    case Reply::Type::Verbatim: { // redis-cli prints INFO raw
        std::string text;
        for (char ch : r.str())
            if (ch != '\r')
                text += ch;
        return text.empty() || text.back() != '\n' ? text + "\n" : text;
    }
    case Reply::Type::NullBulk:
    case Reply::Type::NullArray: return "(nil)\n";
    case Reply::Type::Sequence: {
        std::string out;
        for (const auto &item : r.items())
            out += formatTty(item, prefix);
        return out;
    }
    case Reply::Type::Array:
    case Reply::Type::Map:
    case Reply::Type::Set:
    case Reply::Type::Push: break;
    }
    const auto &items = r.items();
    if (items.empty()) {
        switch (r.type()) {
        case Reply::Type::Map: return "(empty hash)\n";
        case Reply::Type::Set: return "(empty set)\n";
        case Reply::Type::Push: return "(empty push)\n";
        default: return "(empty array)\n";
        }
    }
    std::size_t count = r.type() == Reply::Type::Map ? items.size() / 2 : items.size();
    int idxlen = 0;
    for (std::size_t i = count;; i /= 10) {
        ++idxlen;
        if (i / 10 == 0)
            break;
    }
    const std::string nested = prefix + std::string(static_cast<std::size_t>(idxlen) + 2, ' ');
    const char sep = r.type() == Reply::Type::Set ? '~' : r.type() == Reply::Type::Map ? '#' : ')';
    std::string out;
    std::size_t shown = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        char num[32];
        std::snprintf(num, sizeof(num), "%*zu%c ", idxlen, ++shown, sep);
        out += (i == 0 ? std::string() : prefix) + num;
        out += formatTty(items[i], nested);
        if (r.type() == Reply::Type::Map && i + 1 < items.size()) {
            out.pop_back();
            out += " => ";
            // As redis-cli does: a non-empty aggregate value starts on the next line.
            const Reply &value = items[++i];
            if (value.isAggregate() && value.type() != Reply::Type::Sequence && !value.items().empty())
                out += "\n" + nested;
            out += formatTty(value, nested);
        }
    }
    return out;
}

} // namespace

std::string quoteForCli(const std::string &s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '"': out += "\\\""; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        default:
            if (c >= 32 && c < 127) {
                out += static_cast<char>(c);
            } else {
                char buf[8];
                std::snprintf(buf, sizeof(buf), "\\x%02x", c);
                out += buf;
            }
        }
    }
    out += '"';
    return out;
}

Reply replyAsReceived(const Reply &reply, int protocol)
{
    if (protocol == 3)
        return reply;
    switch (reply.type()) {
    case Reply::Type::Double: {
        const double d = reply.doubleValue();
        return Reply::bulk(std::isinf(d) ? (d > 0 ? "inf" : "-inf") : formatDouble(d));
    }
    case Reply::Type::Bool: return Reply::integer(reply.integerValue() != 0 ? 1 : 0);
    case Reply::Type::Map:
    case Reply::Type::Set:
    case Reply::Type::Array: {
        Reply out = Reply::array();
        for (const Reply &item : reply.items())
            out.add(replyAsReceived(item, protocol));
        return out;
    }
    case Reply::Type::Push:
    case Reply::Type::Sequence: { // keep the kind: pushes are told apart from replies
        Reply out = reply.type() == Reply::Type::Push ? Reply::push() : Reply::sequence();
        for (const Reply &item : reply.items())
            out.add(replyAsReceived(item, protocol));
        return out;
    }
    default: return reply;
    }
}

std::string formatReplyForCli(const Reply &reply)
{
    return formatTty(reply, std::string());
}

} // namespace ql

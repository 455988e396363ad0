#include "resp/reply_reader.h"

#include "resp/resp_numbers.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace ql {

namespace {

constexpr auto npos = std::string_view::npos;

[[noreturn]] void fail(const std::string &what)
{
    throw RespError("RESP: " + what);
}

// One type byte and what belongs to it: the whole value for scalars and blobs, only the
// header for aggregates (whose elements follow as further tokens).
struct Token {
    char type = 0;
    std::string_view text; // the line, or the payload of a blob type
    std::int64_t children = 0; // elements that follow (aggregates and attributes)
    bool null = false;
    std::size_t end = 0; // offset just past the token
};

bool isAggregate(char type)
{
    return type == '*' || type == '%' || type == '~' || type == '>' || type == '|';
}

bool isKnownType(char type)
{
    return isAggregate(type) || std::string_view("+-:,#_($!=").find(type) != npos;
}

bool parseDouble(std::string_view text, double &value)
{
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text == "inf" || text == "nan") {
        value = text == "inf" ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
    } else {
        if (text.empty() || text[0] < '0' || text[0] > '9')
            return false;
        const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
        if (result.ec != std::errc() || result.ptr != text.data() + text.size())
            return false;
    }
    if (negative)
        value = std::copysign(value, -1.0);
    return true;
}

bool isBigNumber(std::string_view text)
{
    if (!text.empty() && text[0] == '-')
        text.remove_prefix(1);
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "-1" (null) or a non-negative length.
std::int64_t parseLength(std::string_view text)
{
    std::int64_t length = 0;
    if (text == "-1")
        return -1;
    if (!parseStrictInt64(text, length) || length < 0)
        fail("invalid length '" + std::string(text) + "'");
    return length;
}

void validateLine(char type, std::string_view text)
{
    std::int64_t integer = 0;
    double dbl = 0;
    switch (type) {
    case ':':
        if (!parseStrictInt64(text, integer))
            fail("invalid integer '" + std::string(text) + "'");
        break;
    case ',':
        if (!parseDouble(text, dbl))
            fail("invalid double '" + std::string(text) + "'");
        break;
    case '#':
        if (text != "t" && text != "f")
            fail("invalid boolean '" + std::string(text) + "'");
        break;
    case '_':
        if (!text.empty())
            fail("null with a payload");
        break;
    case '(':
        if (!isBigNumber(text))
            fail("invalid big number '" + std::string(text) + "'");
        break;
    default: break;
    }
}

// Reads the blob after a "$", "!" or "=" header line ending at `start`.
std::optional<Token> readBlob(std::string_view buf, Token token, std::size_t start)
{
    const std::int64_t length = parseLength(token.text);
    if (length < 0) {
        if (token.type != '$')
            fail(std::string("null is not allowed for type '") + token.type + "'");
        token.null = true;
        return token;
    }
    const auto size = static_cast<std::uint64_t>(length);
    const std::size_t available = buf.size() - start;
    if (size > available || available - size < 2)
        return std::nullopt;
    if (buf[start + size] != '\r' || buf[start + size + 1] != '\n')
        fail("blob not followed by CRLF");
    token.text = buf.substr(start, size);
    token.end = start + size + 2;
    if (token.type == '=') {
        if (token.text.size() < 4 || token.text[3] != ':')
            fail("verbatim string without a format prefix");
        token.text.remove_prefix(4);
    }
    return token;
}

std::optional<Token> readToken(std::string_view buf, std::size_t pos)
{
    if (pos >= buf.size())
        return std::nullopt;
    Token token;
    token.type = buf[pos];
    if (!isKnownType(token.type))
        fail(std::string("unknown type byte 0x") + "0123456789abcdef"[(token.type >> 4) & 0xf]
            + "0123456789abcdef"[token.type & 0xf]);
    const std::size_t cr = buf.find('\r', pos + 1);
    if (cr == npos || cr + 1 >= buf.size())
        return std::nullopt;
    if (buf[cr + 1] != '\n')
        fail("CR not followed by LF");
    token.text = buf.substr(pos + 1, cr - pos - 1);
    token.end = cr + 2;

    switch (token.type) {
    case '+':
    case '-':
    case ':':
    case ',':
    case '#':
    case '_':
    case '(':
        validateLine(token.type, token.text);
        token.null = token.type == '_';
        return token;
    case '$':
    case '!':
    case '=': return readBlob(buf, token, token.end);
    default: break;
    }
    const std::int64_t count = parseLength(token.text);
    if (count < 0) {
        if (token.type != '*')
            fail(std::string("null is not allowed for type '") + token.type + "'");
        token.null = true;
        return token;
    }
    const bool pairs = token.type == '%' || token.type == '|';
    if (pairs && count > std::numeric_limits<std::int64_t>::max() / 2)
        fail("map too large");
    token.children = pairs ? count * 2 : count;
    return token;
}

Reply makeScalar(const Token &token)
{
    const std::string text(token.text);
    std::int64_t integer = 0;
    double dbl = 0;
    switch (token.type) {
    case '+': return Reply::status(text);
    case '-':
    case '!': return Reply::error(text);
    case ':': parseStrictInt64(token.text, integer); return Reply::integer(integer);
    case ',': parseDouble(token.text, dbl); return Reply::dbl(dbl);
    case '#': return Reply::boolean(token.text == "t");
    case '_': return Reply::nullBulk();
    case '$': return token.null ? Reply::nullBulk() : Reply::bulk(text);
    case '=': return Reply::verbatim(text);
    default: // '('
        return Reply::bulk(text);
    }
}

Reply decodeAt(std::string_view buf, std::size_t &pos, std::size_t depth)
{
    for (;;) {
        const std::optional<Token> token = readToken(buf, pos);
        if (!token)
            fail("incomplete reply");
        pos = token->end;
        if (!isAggregate(token->type))
            return makeScalar(*token);
        if (token->null)
            return Reply::nullArray();
        if (depth + 1 > kMaxReplyNesting)
            fail("nesting too deep");

        // Every element takes at least 3 bytes, so the remaining input bounds the reservation.
        std::vector<Reply> items;
        const auto children = static_cast<std::uint64_t>(token->children);
        items.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(children, (buf.size() - pos) / 3)));
        for (std::uint64_t i = 0; i < children; ++i)
            items.push_back(decodeAt(buf, pos, depth + 1));

        switch (token->type) {
        case '|': continue; // attributes are dropped; the reply itself follows
        case '%': return Reply::map(std::move(items));
        case '~': return Reply::set(std::move(items));
        case '>': return Reply::push(std::move(items));
        default: return Reply::array(std::move(items));
        }
    }
}

} // namespace

std::optional<std::size_t> completeReplyLength(std::string_view buf)
{
    // Elements still expected at each open nesting level; the bottom one is the reply itself.
    std::vector<std::uint64_t> pending {1};
    std::size_t pos = 0;
    for (;;) {
        const std::optional<Token> token = readToken(buf, pos);
        if (!token)
            return std::nullopt;
        pos = token->end;
        if (token->type != '|')
            --pending.back(); // an attribute does not count as the element it annotates
        if (token->children > 0) {
            pending.push_back(static_cast<std::uint64_t>(token->children));
            if (pending.size() - 1 > kMaxReplyNesting)
                fail("nesting too deep");
        }
        while (!pending.empty() && pending.back() == 0)
            pending.pop_back();
        if (pending.empty())
            return pos;
    }
}

Reply decodeReply(std::string_view oneReply)
{
    std::size_t pos = 0;
    Reply reply = decodeAt(oneReply, pos, 0);
    if (pos != oneReply.size())
        fail("bytes after the reply");
    return reply;
}

std::vector<Reply> decodeReplies(std::string_view buf)
{
    std::vector<Reply> replies;
    std::size_t pos = 0;
    while (pos < buf.size())
        replies.push_back(decodeAt(buf, pos, 0));
    return replies;
}

} // namespace ql

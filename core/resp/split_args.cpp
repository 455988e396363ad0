#include "resp/split_args.h"

namespace ql {

namespace {

// isspace() in the C locale.
bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return c - 'A' + 10;
}

char unescape(char c)
{
    switch (c) {
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'b': return '\b';
    case 'a': return '\a';
    default: return c;
    }
}

// Reads like a C string: past the end there is a NUL.
class Cursor {
public:
    explicit Cursor(std::string_view text) : m_text(text) { }
    char at(std::size_t offset = 0) const
    {
        const std::size_t i = m_pos + offset;
        return i < m_text.size() ? m_text[i] : '\0';
    }
    void advance(std::size_t n = 1) { m_pos += n; }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

// A closing quote is fine at the end of the line or before a blank.
bool closingQuoteOk(const Cursor &cur)
{
    const char next = cur.at(1);
    return next == '\0' || isBlank(next);
}

// Reads one argument starting at a non-blank character. Returns false on unbalanced quotes.
bool readArgument(Cursor &cur, std::string &arg)
{
    bool inDouble = false;
    bool inSingle = false;
    for (bool done = false; !done;) {
        const char c = cur.at();
        if (inDouble) {
            if (c == '\\' && cur.at(1) == 'x' && isHexDigit(cur.at(2)) && isHexDigit(cur.at(3))) {
                arg.push_back(static_cast<char>(hexValue(cur.at(2)) * 16 + hexValue(cur.at(3))));
                cur.advance(3);
            } else if (c == '\\' && cur.at(1) != '\0') {
                cur.advance();
                arg.push_back(unescape(cur.at()));
            } else if (c == '"') {
                if (!closingQuoteOk(cur))
                    return false;
                done = true;
            } else if (c == '\0') {
                return false;
            } else {
                arg.push_back(c);
            }
        } else if (inSingle) {
            if (c == '\\' && cur.at(1) == '\'') {
                cur.advance();
                arg.push_back('\'');
            } else if (c == '\'') {
                if (!closingQuoteOk(cur))
                    return false;
                done = true;
            } else if (c == '\0') {
                return false;
            } else {
                arg.push_back(c);
            }
        } else {
            switch (c) {
            case ' ':
            case '\n':
            case '\r':
            case '\t':
            case '\0': done = true; break;
            case '"': inDouble = true; break;
            case '\'': inSingle = true; break;
            default: arg.push_back(c); break;
            }
        }
        if (cur.at() != '\0')
            cur.advance();
    }
    return true;
}

} // namespace

std::optional<std::vector<std::string>> splitArgs(std::string_view line)
{
    if (const auto nul = line.find('\0'); nul != std::string_view::npos)
        line = line.substr(0, nul);

    std::vector<std::string> args;
    Cursor cur(line);
    for (;;) {
        while (cur.at() != '\0' && isBlank(cur.at()))
            cur.advance();
        if (cur.at() == '\0')
            return args;
        std::string arg;
        if (!readArgument(cur, arg))
            return std::nullopt;
        args.push_back(std::move(arg));
    }
}

} // namespace ql

#include "scenario/scenario_text.h"

#include <algorithm>

namespace ql::scenario::text {

std::size_t skipBlanks(std::string_view s, std::size_t pos)
{
    while (pos < s.size() && isBlank(s[pos]))
        ++pos;
    return pos;
}

std::size_t wordEnd(std::string_view s, std::size_t pos)
{
    while (pos < s.size() && !isBlank(s[pos]))
        ++pos;
    return pos;
}

std::string_view trimRight(std::string_view s)
{
    while (!s.empty() && isBlank(s.back()))
        s.remove_suffix(1);
    return s;
}

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
        || c == '.';
}

std::size_t nameEnd(std::string_view s, std::size_t pos)
{
    while (pos < s.size() && isNameChar(s[pos]))
        ++pos;
    return pos;
}

std::string checkName(std::string_view name)
{
    if (name.empty())
        return "missing client name";
    if (nameEnd(name, 0) != name.size())
        return "invalid client name '" + std::string(name) + "' (use letters, digits, '_', '-' and '.')";
    if (name.size() > kMaxNameLength)
        return "client name is longer than " + std::to_string(kMaxNameLength) + " characters";
    return {};
}

std::size_t findInvalidUtf8(std::string_view s)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = byte(i);
        std::size_t len = 0;
        unsigned min = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4, min = 0x10000;
        } else {
            return i;
        }
        if (i + len > s.size())
            return i;
        unsigned cp = c & (0xFFu >> (len + 1));
        for (std::size_t k = 1; k < len; ++k) {
            if ((byte(i + k) & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (byte(i + k) & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

int columnOf(std::string_view line, std::size_t byteOffset)
{
    byteOffset = std::min(byteOffset, line.size());
    int column = 1;
    for (std::size_t i = 0; i < byteOffset; ++i)
        if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80)
            ++column;
    return column;
}

bool parseCount(std::string_view word, std::int64_t &value)
{
    if (word.empty() || word.size() > 15)
        return false;
    value = 0;
    for (char c : word) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    return true;
}

bool parseDuration(std::string_view word, std::int64_t &ms, std::string &error)
{
    const std::string shown(word);
    error = "invalid duration '" + shown + "' (write e.g. 500ms, 2s or 1.5s)";
    const bool millis = word.size() > 2 && word.substr(word.size() - 2) == "ms";
    if (!millis && (word.size() < 2 || word.back() != 's'))
        return false;
    const std::string_view number = word.substr(0, word.size() - (millis ? 2 : 1));
    const std::size_t dot = number.find('.');
    const std::string_view whole = number.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
    std::int64_t value = 0;
    std::int64_t fractionValue = 0;
    if (!parseCount(whole, value) || (dot != std::string_view::npos && !parseCount(fraction, fractionValue)))
        return false;
    if (!fraction.empty() && (millis || fraction.size() > 3)) {
        error = "duration '" + shown + "' is finer than a millisecond";
        return false;
    }
    for (std::size_t i = fraction.size(); i < 3; ++i)
        fractionValue *= 10;
    ms = millis ? value : value * 1000 + (fraction.empty() ? 0 : fractionValue);
    if (value > kMaxDurationMs || ms > kMaxDurationMs) {
        error = "duration '" + shown + "' is longer than 24 hours";
        return false;
    }
    error.clear();
    return true;
}

bool makeArg(std::string_view value, int depth, Arg &out, std::string &error, std::string &badToken)
{
    out.parts.clear();
    std::string literal;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char next = i + 1 < value.size() ? value[i + 1] : '\0';
        if (value[i] != '$' || !((next >= 'i' && next <= 'p') || next == '$')) {
            literal += value[i];
            continue;
        }
        ++i;
        if (next == '$') {
            literal += '$';
            continue;
        }
        const int counter = next - 'i';
        if (counter >= depth) {
            badToken = std::string("$") + next;
            error = depth == 0
                ? "'" + badToken + "' used outside a repeat block (write $$ for a literal $)"
                : "'" + badToken + "' is not defined here: " + std::to_string(depth) + " enclosing repeat(s) give "
                    + (depth == 1 ? "$i" : "$i to $" + std::string(1, char('i' + depth - 1)));
            return false;
        }
        if (!literal.empty())
            out.parts.push_back(ArgPart {std::move(literal), -1});
        literal.clear();
        out.parts.push_back(ArgPart {std::string(), counter});
    }
    if (!literal.empty() || out.parts.empty())
        out.parts.push_back(ArgPart {std::move(literal), -1});
    return true;
}

namespace {

std::size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const bool same = (a[i - 1] | 0x20) == (b[j - 1] | 0x20);
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::string suggest(std::string_view word, const std::vector<std::string_view> &candidates)
{
    if (word.size() > 64)
        return {};
    std::string best;
    std::size_t bestDistance = 3;
    for (std::string_view candidate : candidates) {
        const std::size_t d = editDistance(word, candidate);
        if (d < bestDistance && d < std::max<std::size_t>(candidate.size(), 2)) {
            bestDistance = d;
            best = std::string(candidate);
        }
    }
    return best;
}

std::size_t findOutsideQuotes(std::string_view s, std::string_view token)
{
    char quote = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == '\\' && i + 1 < s.size() && (quote == '"' || s[i + 1] == '\''))
                ++i;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (s.substr(i, token.size()) == token && (i == 0 || isBlank(s[i - 1]))
            && (i + token.size() == s.size() || isBlank(s[i + token.size()]))) {
            return i;
        }
    }
    return std::string_view::npos;
}

} // namespace ql::scenario::text

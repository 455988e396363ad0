#include "scenario/reply_notation.h"

#include "resp/split_args.h"
#include "scenario/scenario_text.h"

#include <charconv>

namespace ql::scenario {

namespace {

// Length of an element marker ("12)") at text[pos], followed by a blank or the end; 0 if none.
std::size_t markerLength(std::string_view text, std::size_t pos, std::int64_t &number)
{
    std::size_t end = pos;
    while (end < text.size() && end - pos < 9 && text[end] >= '0' && text[end] <= '9')
        ++end;
    if (end == pos || end >= text.size() || text[end] != ')')
        return 0;
    if (end + 1 < text.size() && !text::isBlank(text[end + 1]))
        return 0;
    text::parseCount(text.substr(pos, end - pos), number);
    return end + 1 - pos;
}

bool looksLikeNumber(std::string_view text)
{
    std::size_t i = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
    if (i == text.size())
        return false;
    for (; i < text.size(); ++i)
        if ((text[i] < '0' || text[i] > '9') && text[i] != '.')
            return false;
    return true;
}

} // namespace

bool ReplyNotationParser::fail(int column, std::string message)
{
    m_error = std::move(message);
    m_errorColumn = column;
    return false;
}

bool ReplyNotationParser::begin(std::string_view text, int column)
{
    text = text::trimRight(text);
    std::int64_t number = 0;
    const std::size_t length = markerLength(text, 0, number);
    if (length == 0)
        return parseScalar(text, column, m_root);
    m_root.kind = ExpectedReply::Kind::Array;
    m_levels.push_back(Level {column + static_cast<int>(length) - 1, &m_root.elements});
    return addElements(text, column, 0);
}

bool ReplyNotationParser::addLine(std::string_view text, int column)
{
    text = text::trimRight(text);
    if (m_levels.empty())
        return fail(column, "'...' continues only an array reply (one that starts with '1)')");
    std::int64_t number = 0;
    const std::size_t length = markerLength(text, 0, number);
    if (length == 0)
        return fail(column, "expected an array element such as '2) \"a\"' after '...'");
    // redis-cli right-aligns element numbers (" 9)" above "10)"): the ')' lines up.
    const int close = column + static_cast<int>(length) - 1;
    for (std::size_t level = m_levels.size(); level-- > 0;) {
        if (m_levels[level].column == close)
            return addElements(text, column, level);
    }
    std::string columns;
    for (const Level &level : m_levels)
        columns += (columns.empty() ? "" : ", ") + std::to_string(level.column);
    return fail(close,
        "array element does not line up with an open array (the ')' of its numbers is at column " + columns + ")");
}

bool ReplyNotationParser::addElements(std::string_view text, int column, std::size_t level)
{
    std::size_t pos = 0;
    for (;;) {
        std::int64_t number = 0;
        const std::size_t length = markerLength(text, pos, number);
        const auto expected = static_cast<std::int64_t>(m_levels[level].items->size()) + 1;
        if (number != expected) {
            return fail(column + static_cast<int>(pos),
                "expected element " + std::to_string(expected) + ") here, found " + std::to_string(number) + ")");
        }
        const std::size_t valuePos = text::skipBlanks(text, pos + length);
        m_levels.resize(level + 1);
        std::vector<ExpectedReply> &items = *m_levels[level].items;
        std::int64_t nestedNumber = 0;
        if (valuePos < text.size() && markerLength(text, valuePos, nestedNumber) > 0) {
            items.push_back(ExpectedReply {ExpectedReply::Kind::Array, {}, 0, {}});
            m_levels.push_back(
                Level {column + static_cast<int>(valuePos + markerLength(text, valuePos, nestedNumber)) - 1,
                    &items.back().elements});
            ++level;
            pos = valuePos;
            continue;
        }
        if (valuePos == text.size()) {
            return fail(
                column + static_cast<int>(pos), "missing value after '" + std::string(text.substr(pos, length)) + "'");
        }
        ExpectedReply value;
        if (!parseScalar(text.substr(valuePos), column + static_cast<int>(valuePos), value))
            return false;
        items.push_back(std::move(value));
        return true;
    }
}

bool ReplyNotationParser::parseScalar(std::string_view text, int column, ExpectedReply &out)
{
    std::string error;
    std::string badToken;
    const auto textArg = [&](std::string_view value) {
        return text::makeArg(value, m_depth, out.text, error, badToken) || fail(column, error);
    };
    if (text.empty())
        return fail(column, "missing reply (write e.g. (integer) 1, \"hello\", (nil) or OK)");
    if (text[0] == '"') {
        const auto args = splitArgs(text);
        if (!args)
            return fail(column, "unbalanced quotes in the reply");
        if (args->size() != 1)
            return fail(column, "unexpected text after the quoted reply");
        out.kind = ExpectedReply::Kind::Bulk;
        return textArg((*args)[0]);
    }
    if (text[0] == '(') {
        const std::size_t close = text.find(')');
        const std::string_view tag = text.substr(0, close == std::string_view::npos ? text.size() : close + 1);
        const std::string_view rest = text.substr(text::skipBlanks(text, tag.size()));
        const bool noRest = rest.empty();
        if (tag == "(integer)") {
            const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), out.integer);
            if (noRest || ec != std::errc() || end != rest.data() + rest.size())
                return fail(column, "expected a whole number after (integer)");
            out.kind = ExpectedReply::Kind::Integer;
            return true;
        }
        if (tag == "(error)") {
            if (noRest)
                return fail(column, "expected the error text after (error), e.g. (error) ERR ...");
            out.kind = ExpectedReply::Kind::Error;
            return textArg(rest);
        }
        if ((tag == "(nil)" || tag == "(empty array)" || tag == "(empty list or set)") && !noRest)
            return fail(column, "unexpected text after " + std::string(tag));
        if (tag == "(nil)") {
            out.kind = ExpectedReply::Kind::Nil;
            return true;
        }
        if (tag == "(empty array)" || tag == "(empty list or set)") {
            out.kind = ExpectedReply::Kind::Array;
            return true;
        }
        return fail(column,
            "unknown reply notation '" + std::string(tag)
                + "' (use (integer) N, (nil), (error) TEXT, (empty array), \"bulk\", N) for arrays, or a status "
                  "such as OK)");
    }
    if (looksLikeNumber(text)) {
        const std::string shown(text);
        return fail(
            column, "'" + shown + "' is not redis-cli notation: write (integer) " + shown + " or \"" + shown + "\"");
    }
    out.kind = ExpectedReply::Kind::Status;
    return textArg(text);
}

} // namespace ql::scenario

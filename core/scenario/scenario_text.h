// Small text helpers of the scenario parser: blanks and words, client names, UTF-8 and
// columns, durations, `$i` counter templates, spelling suggestions. Each returns an error
// text instead of throwing; the parser adds the position.
#pragma once

#include "scenario/scenario.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ql::scenario::text {

inline constexpr std::size_t kMaxLineBytes = std::size_t(1) << 20; // 1 MiB
inline constexpr std::size_t kMaxFileBytes = std::size_t(64) << 20;
inline constexpr std::int64_t kMaxRepeatIterations = 1'000'000; // also the product of nested counts
inline constexpr int kMaxRepeatDepth = 8; // counters $i .. $p
inline constexpr std::int64_t kMaxDurationMs = 24LL * 3600 * 1000;
inline constexpr std::size_t kMaxNameLength = 64;
inline constexpr std::size_t kMaxErrors = 20;

inline bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}
std::size_t skipBlanks(std::string_view s, std::size_t pos);
// End of the word starting at pos (the next blank or the end).
std::size_t wordEnd(std::string_view s, std::size_t pos);
std::string_view trimRight(std::string_view s);

// Client names: letters, digits, '_', '-', '.', at most kMaxNameLength characters.
bool isNameChar(char c);
std::size_t nameEnd(std::string_view s, std::size_t pos);
// Empty when the name is fine, else why not.
std::string checkName(std::string_view name);

// Byte offset of the first byte that is not valid UTF-8, or npos.
std::size_t findInvalidUtf8(std::string_view s);
// 1-based column of a byte offset, counting Unicode characters (the line is valid UTF-8).
int columnOf(std::string_view line, std::size_t byteOffset);

// "500ms", "2s", "1.5s" -> milliseconds. On failure returns false and sets error.
bool parseDuration(std::string_view word, std::int64_t &ms, std::string &error);
// A decimal count without sign: false when it is not one (or is absurdly long).
bool parseCount(std::string_view word, std::int64_t &value);

// Splits a value into literal text and counter references for `depth` enclosing repeats:
// `$i` is the counter of the outermost repeat, `$j` the next ... `$$` a literal `$`.
// A `$` before any other character is literal. On failure sets error and the offending
// `$x` text (for the caller to locate in the line).
bool makeArg(std::string_view value, int depth, Arg &out, std::string &error, std::string &badToken);

// The candidate closest to word (edit distance <= 2), or empty.
std::string suggest(std::string_view word, const std::vector<std::string_view> &candidates);

// Byte offset of `token` standing alone (blanks or line ends around it) outside quotes, or npos.
std::size_t findOutsideQuotes(std::string_view s, std::string_view token);

} // namespace ql::scenario::text

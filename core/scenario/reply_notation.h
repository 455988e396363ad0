// Expected replies in redis-cli notation, as written after `expect NAME>` or `==`:
//
//   (integer) 1        "hello"        (nil)        (error) ERR wrong number ...
//   OK                 (empty array)  1) "jobs"    (other text is a status reply; a bare
//                                                   number is rejected as ambiguous)
//
// Arrays are written the way redis-cli prints them, one element per line; lines after the
// first start with `...` and their markers line up with the markers of the array they
// belong to: the `)` of each number stands in the same column, since redis-cli
// right-aligns numbers (" 9)" above "10)"). Nested replies read like redis-cli's output:
//
//   expect reader> 1) 1) "1-0"
//   ...               2) 1) "field"
//   ...                  2) "value"
//
// Element numbers must count 1, 2, 3... at each level. Texts may use repeat counters ($i).
#pragma once

#include "scenario/scenario.h"

#include <string>
#include <string_view>
#include <vector>

namespace ql::scenario {

class ReplyNotationParser {
public:
    // `depth`: enclosing repeats (for $i). `column`: the column of text[0] in the file.
    explicit ReplyNotationParser(int depth) : m_depth(depth) { }
    // Levels point into m_root: not copyable, not movable.
    ReplyNotationParser(const ReplyNotationParser &) = delete;
    ReplyNotationParser &operator=(const ReplyNotationParser &) = delete;

    // The first line. False on error (see error(), errorColumn()).
    bool begin(std::string_view text, int column);
    // True when the reply is an array, so `...` lines may follow.
    bool isArray() const { return !m_levels.empty(); }
    // A continuation line: the text after `...`, starting at `column`.
    bool addLine(std::string_view text, int column);
    ExpectedReply take() { return std::move(m_root); }

    const std::string &error() const { return m_error; }
    int errorColumn() const { return m_errorColumn; }

private:
    struct Level {
        int column = 0; // of the ')' of its element numbers
        std::vector<ExpectedReply> *items = nullptr;
    };
    bool fail(int column, std::string message);
    bool parseScalar(std::string_view text, int column, ExpectedReply &out);
    bool addElements(std::string_view text, int column, std::size_t level);

    int m_depth = 0;
    ExpectedReply m_root;
    std::vector<Level> m_levels;
    std::string m_error;
    int m_errorColumn = 0;
};

} // namespace ql::scenario

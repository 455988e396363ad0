// Internal to the scenario parser: the state of one parse and the statement handlers,
// split over scenario_parser.cpp (lines, blocks, simple statements) and
// scenario_statements.cpp (client, commands, expect).
#pragma once

#include "scenario/reply_notation.h"
#include "scenario/scenario_parser.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ql::scenario {

class ParserState {
public:
    explicit ParserState(std::string fileName);
    ParseResult run(std::string_view text);

private:
    // scenario_parser.cpp
    void handleLine(std::string_view line);
    void handleStatement(std::size_t start);
    void unknownStatement(std::size_t start, std::string_view word);
    void repeatStatement(std::size_t start, std::size_t pos);
    void endStatement(std::size_t start, std::size_t pos);
    void textStatement(std::size_t start, std::size_t pos, std::string_view keyword);
    bool durationAt(std::size_t pos, std::int64_t &ms, bool allowPlus, bool &relative);
    void closeOpenBlocks();

    // scenario_statements.cpp
    void clientStatement(std::size_t start, std::size_t pos);
    bool clientOptionValue(std::size_t &pos, std::string &value);
    void commandStatement(std::size_t start, std::size_t nameEnd);
    void clientOnlyStatement(std::size_t start, std::size_t pos, std::string_view keyword);
    void expectStatement(std::size_t start, std::size_t pos);
    void beginReply(Step step, std::size_t pos);
    void continuationLine(std::size_t start);
    void flushPending();
    bool parseArgs(std::size_t begin, std::size_t end, std::vector<Arg> &out);
    bool requireClient(std::string_view name, std::size_t pos);
    bool isClient(std::string_view name) const { return m_clientLines.count(std::string(name)) > 0; }

    // shared
    void error(std::size_t byteOffset, std::string message) { errorAtColumn(column(byteOffset), std::move(message)); }
    void errorAtColumn(int column, std::string message);
    int column(std::size_t byteOffset) const;
    SourceLocation at(std::size_t byteOffset) const { return SourceLocation {m_lineNo, column(byteOffset)}; }
    bool expectLineEnd(std::size_t pos, std::string_view after);
    std::string_view wordAt(std::size_t pos) const;
    std::vector<Step> &currentSteps();
    int depth() const { return static_cast<int>(m_blocks.size()); }
    void addStep(std::size_t start, StepBody body);

    struct Block {
        Step step; // holds the Repeat
        std::int64_t iterations = 1; // product of the counts of this and the enclosing repeats
    };

    ParseResult m_result;
    std::string_view m_line;
    int m_lineNo = 0;
    bool m_stopped = false;
    std::vector<Block> m_blocks;
    std::map<std::string, int> m_clientLines;
    std::optional<ReplyNotationParser> m_pendingReply;
    Step m_pendingStep;
    bool m_pendingFailed = false; // its `...` lines are skipped without further errors
};

} // namespace ql::scenario

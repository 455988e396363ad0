#include "scenario/scenario_parser.h"

#include "scenario/parser_state.h"
#include "scenario/scenario_text.h"

namespace ql::scenario {

using namespace text;

namespace {

const std::vector<std::string_view> kKeywords = {"client", "wait", "at", "every", "repeat", "end", "say", "section",
    "pause", "expect", "kill", "close", "flushall", "crash", "restart"};

} // namespace

ParseResult parse(std::string_view text, std::string fileName)
{
    return ParserState(std::move(fileName)).run(text);
}

ParserState::ParserState(std::string fileName)
{
    m_result.scenario.fileName = std::move(fileName);
}

ParseResult ParserState::run(std::string_view text)
{
    if (text.size() > kMaxFileBytes) {
        m_lineNo = 1;
        errorAtColumn(1, "file is larger than " + std::to_string(kMaxFileBytes >> 20) + " MiB");
        return std::move(m_result);
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    std::size_t pos = 0;
    while (pos < text.size() && !m_stopped) {
        const std::size_t newline = text.find('\n', pos);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        ++m_lineNo;
        handleLine(line);
        pos = end + 1;
    }
    m_line = {};
    flushPending();
    closeOpenBlocks();
    return std::move(m_result);
}

void ParserState::errorAtColumn(int column, std::string message)
{
    if (m_stopped)
        return;
    if (m_result.errors.size() == kMaxErrors) {
        message = "too many errors (" + std::to_string(kMaxErrors) + "), stopping here";
        m_stopped = true;
    }
    m_result.errors.push_back(Diagnostic {m_result.scenario.fileName, {m_lineNo, column}, std::move(message)});
}

int ParserState::column(std::size_t byteOffset) const
{
    return columnOf(m_line, byteOffset);
}

std::string_view ParserState::wordAt(std::size_t pos) const
{
    const std::string_view word = m_line.substr(pos, wordEnd(m_line, pos) - pos);
    return word.size() > 40 ? word.substr(0, 40) : word;
}

bool ParserState::expectLineEnd(std::size_t pos, std::string_view after)
{
    pos = skipBlanks(m_line, pos);
    if (pos == m_line.size())
        return true;
    error(pos, "unexpected '" + std::string(wordAt(pos)) + "' after " + std::string(after));
    return false;
}

std::vector<Step> &ParserState::currentSteps()
{
    return m_blocks.empty() ? m_result.scenario.steps : std::get<Repeat>(m_blocks.back().step.body).body;
}

void ParserState::addStep(std::size_t start, StepBody body)
{
    currentSteps().push_back(Step {at(start), std::move(body)});
}

void ParserState::handleLine(std::string_view line)
{
    m_line = line;
    if (line.size() > kMaxLineBytes) {
        m_line = {};
        flushPending();
        errorAtColumn(1, "line is longer than 1 MiB (" + std::to_string(line.size()) + " bytes)");
        return;
    }
    const std::size_t invalid = findInvalidUtf8(line);
    const std::size_t nul = line.find('\0');
    if (invalid != std::string_view::npos || nul != std::string_view::npos) {
        flushPending();
        const bool utf8 = invalid < nul;
        error(utf8 ? invalid : nul, utf8 ? "invalid UTF-8 (the file must be UTF-8 text)" : "NUL byte in the line");
        m_pendingFailed = true;
        return;
    }
    const std::size_t start = skipBlanks(line, 0);
    if (start == line.size() || line[start] == '#')
        return;
    if (line.substr(start, 3) == "..." && (start + 3 == line.size() || isBlank(line[start + 3]))) {
        continuationLine(start);
        return;
    }
    flushPending();
    m_pendingFailed = false;
    handleStatement(start);
}

void ParserState::handleStatement(std::size_t start)
{
    const std::size_t nameStop = nameEnd(m_line, start);
    if (nameStop > start && nameStop < m_line.size() && m_line[nameStop] == '>') {
        commandStatement(start, nameStop);
        return;
    }
    const std::string_view word = m_line.substr(start, wordEnd(m_line, start) - start);
    const std::size_t rest = skipBlanks(m_line, start + word.size());
    std::int64_t ms = 0;
    bool relative = false;
    if (word == "client") {
        clientStatement(start, rest);
    } else if (word == "wait") {
        if (durationAt(rest, ms, false, relative))
            addStep(start, Wait {ms});
    } else if (word == "at") {
        if (durationAt(rest, ms, true, relative))
            addStep(start, At {ms, relative});
    } else if (word == "every") {
        error(
            start, "'every' goes with repeat: write 'repeat COUNT every " + std::string(wordAt(rest)) + "' ... 'end'");
    } else if (word == "repeat") {
        repeatStatement(start, rest);
    } else if (word == "end") {
        endStatement(start, rest);
    } else if (word == "say" || word == "section") {
        textStatement(start, rest, word);
    } else if (word == "pause" || word == "flushall") {
        if (expectLineEnd(rest, "'" + std::string(word) + "'"))
            addStep(start, word == "pause" ? StepBody(Pause {}) : StepBody(FlushAll {}));
    } else if (word == "kill" || word == "close" || word == "crash" || word == "restart") {
        clientOnlyStatement(start, rest, word);
    } else if (word == "expect") {
        expectStatement(start, rest);
    } else {
        unknownStatement(start, word);
    }
}

void ParserState::unknownStatement(std::size_t start, std::string_view word)
{
    const std::string shown(word.substr(0, 40));
    if (isClient(word)) {
        error(start, "a command as '" + shown + "' needs '>': write '" + shown + "> COMMAND ...'");
        return;
    }
    const std::string keyword = suggest(word, kKeywords);
    if (!keyword.empty()) {
        error(start, "unknown statement '" + shown + "'; did you mean '" + keyword + "'?");
        return;
    }
    const bool upper = !word.empty() && word[0] >= 'A' && word[0] <= 'Z';
    error(start,
        upper ? "unknown statement '" + shown + "': a Redis command needs a client, as in 'NAME> " + shown + " ...'"
              : "unknown statement '" + shown
                + "' (expected client, NAME> COMMAND, wait, at, repeat, end, "
                  "say, section, pause, expect, kill, close, flushall)");
}

bool ParserState::durationAt(std::size_t pos, std::int64_t &ms, bool allowPlus, bool &relative)
{
    std::string_view word = m_line.substr(pos, wordEnd(m_line, pos) - pos);
    if (word.empty()) {
        error(pos, "missing duration (write e.g. 500ms, 2s or 1.5s)");
        return false;
    }
    relative = allowPlus && word[0] == '+';
    if (relative)
        word.remove_prefix(1);
    std::string message;
    if (!parseDuration(word, ms, message)) {
        error(pos, message);
        return false;
    }
    return expectLineEnd(pos + word.size() + (relative ? 1 : 0), "the duration");
}

void ParserState::repeatStatement(std::size_t start, std::size_t pos)
{
    const std::string_view word = wordAt(pos);
    std::int64_t count = 0;
    if (!parseCount(word, count) || count < 1 || count > kMaxRepeatIterations) {
        error(pos, "expected a repeat count from 1 to 1000000, found '" + std::string(word) + "'");
        return;
    }
    if (depth() >= kMaxRepeatDepth) {
        error(start, "repeat blocks nest at most " + std::to_string(kMaxRepeatDepth) + " deep");
        return;
    }
    const std::int64_t iterations = count * (m_blocks.empty() ? 1 : m_blocks.back().iterations);
    if (iterations > kMaxRepeatIterations) {
        error(pos, "nested repeats would run " + std::to_string(iterations) + " times in all (at most 1000000)");
        return;
    }
    Repeat repeat;
    repeat.count = count;
    repeat.depth = depth();
    std::size_t next = skipBlanks(m_line, pos + word.size());
    if (wordAt(next) == "every") {
        bool relative = false;
        const std::size_t durationPos = skipBlanks(m_line, next + 5);
        if (!durationAt(durationPos, repeat.everyMs, false, relative))
            return;
        if (repeat.everyMs == 0) {
            error(durationPos, "'every' needs a duration above 0");
            return;
        }
    } else if (!expectLineEnd(next, "the repeat count (only 'every DURATION' may follow)")) {
        return;
    }
    m_blocks.push_back(Block {Step {at(start), std::move(repeat)}, iterations});
}

void ParserState::endStatement(std::size_t start, std::size_t pos)
{
    if (m_blocks.empty()) {
        error(start, "'end' without an open 'repeat'");
        return;
    }
    expectLineEnd(pos, "'end'");
    Step step = std::move(m_blocks.back().step);
    m_blocks.pop_back();
    currentSteps().push_back(std::move(step));
}

void ParserState::closeOpenBlocks()
{
    for (const Block &block : m_blocks) {
        m_lineNo = block.step.where.line;
        errorAtColumn(block.step.where.column, "'repeat' is never closed with 'end'");
    }
    m_blocks.clear();
}

void ParserState::textStatement(std::size_t start, std::size_t pos, std::string_view keyword)
{
    std::vector<Arg> args;
    if (!parseArgs(pos, m_line.size(), args))
        return;
    if (args.size() != 1) {
        error(args.empty() ? pos : start,
            std::string(keyword) + " takes one quoted text, e.g. " + std::string(keyword) + " \"Two consumers\"");
        return;
    }
    if (keyword == "say")
        addStep(start, Say {std::move(args[0])});
    else
        addStep(start, Section {std::move(args[0])});
}

} // namespace ql::scenario

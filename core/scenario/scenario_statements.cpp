// The statements that name clients or carry arguments: client, NAME> COMMAND, kill, close,
// crash/restart broker, expect (and its `...` continuation lines).
#include "resp/split_args.h"
#include "scenario/parser_state.h"
#include "scenario/scenario_text.h"

namespace ql::scenario {

using namespace text;

namespace {

bool isColor(std::string_view value)
{
    if (value.size() != 7 || value[0] != '#')
        return false;
    for (char c : value.substr(1))
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    return true;
}

} // namespace

bool ParserState::requireClient(std::string_view name, std::size_t pos)
{
    if (const std::string problem = checkName(name); !problem.empty()) {
        error(pos, problem);
        return false;
    }
    if (isClient(name))
        return true;
    std::string declared;
    std::size_t listed = 0;
    for (const DeclareClient &client : m_result.scenario.clients) {
        if (++listed > 10) {
            declared += ", ...";
            break;
        }
        declared += (declared.empty() ? "" : ", ") + client.name;
    }
    const std::string shown(name);
    error(pos,
        "unknown client '" + shown + "' "
            + (declared.empty() ? "(no clients declared yet; add 'client " + shown + "' first)"
                                : "(declared: " + declared + ")"));
    return false;
}

bool ParserState::parseArgs(std::size_t begin, std::size_t end, std::vector<Arg> &out)
{
    const std::string_view text = m_line.substr(begin, end - begin);
    const auto values = splitArgs(text);
    if (!values) {
        const std::size_t quote = text.find_last_of("\"'");
        error(quote == std::string_view::npos ? begin : begin + quote,
            "unbalanced quotes (redis-cli: Invalid argument(s))");
        return false;
    }
    for (const std::string &value : *values) {
        Arg arg;
        std::string message;
        std::string badToken;
        if (!makeArg(value, depth(), arg, message, badToken)) {
            const std::size_t found = text.find(badToken);
            error(found == std::string_view::npos ? begin : begin + found, message);
            return false;
        }
        out.push_back(std::move(arg));
    }
    return true;
}

// A word, or a quoted string decoded by the redis-cli rules.
bool ParserState::clientOptionValue(std::size_t &pos, std::string &value)
{
    std::size_t end = wordEnd(m_line, pos);
    if (pos < m_line.size() && (m_line[pos] == '"' || m_line[pos] == '\'')) {
        const char quote = m_line[pos];
        end = pos + 1;
        while (end < m_line.size() && m_line[end] != quote)
            end += m_line[end] == '\\' && end + 1 < m_line.size() && (quote == '"' || m_line[end + 1] == '\'') ? 2 : 1;
        end = std::min(end + 1, m_line.size());
    }
    const auto values = splitArgs(m_line.substr(pos, end - pos));
    if (!values || values->size() != 1) {
        error(pos, values ? "missing value" : "unbalanced quotes (redis-cli: Invalid argument(s))");
        return false;
    }
    value = (*values)[0];
    pos = skipBlanks(m_line, end);
    return true;
}

void ParserState::clientStatement(std::size_t start, std::size_t pos)
{
    const std::string_view name = m_line.substr(pos, wordEnd(m_line, pos) - pos);
    if (const std::string problem = checkName(name); !problem.empty()) {
        error(pos, problem);
        return;
    }
    if (depth() > 0) {
        error(start, "clients are declared outside repeat blocks");
        return;
    }
    if (const auto it = m_clientLines.find(std::string(name)); it != m_clientLines.end()) {
        error(pos, "client '" + std::string(name) + "' is already declared on line " + std::to_string(it->second));
        return;
    }
    DeclareClient client {std::string(name), {}, {}};
    for (pos = skipBlanks(m_line, pos + name.size()); pos < m_line.size();) {
        const std::string_view option = wordAt(pos);
        const std::size_t optionPos = pos;
        pos = skipBlanks(m_line, pos + option.size());
        if (option != "color" && option != "role") {
            error(optionPos, "unknown client option '" + std::string(option) + "' (use color #rrggbb or role TEXT)");
            return;
        }
        if (pos == m_line.size()) {
            error(pos, "missing value after '" + std::string(option) + "'");
            return;
        }
        const std::size_t valuePos = pos;
        std::string &value = option == "color" ? client.color : client.role;
        if (!clientOptionValue(pos, value))
            return;
        if (option == "color" && !isColor(value)) {
            error(valuePos, "invalid color '" + value + "' (write #rrggbb, e.g. #1f77b4)");
            return;
        }
    }
    m_clientLines.emplace(client.name, m_lineNo);
    m_result.scenario.clients.push_back(client);
    addStep(start, std::move(client));
}

void ParserState::commandStatement(std::size_t start, std::size_t nameStop)
{
    const std::string_view name = m_line.substr(start, nameStop - start);
    if (!requireClient(name, start))
        return;
    const std::size_t argsPos = skipBlanks(m_line, nameStop + 1);
    if (argsPos == m_line.size()) {
        error(argsPos, "missing command after '" + std::string(name) + ">'");
        return;
    }
    std::vector<Arg> args;
    if (parseArgs(argsPos, m_line.size(), args))
        addStep(start, Command {std::string(name), std::move(args)});
}

void ParserState::clientOnlyStatement(std::size_t start, std::size_t pos, std::string_view keyword)
{
    const std::string_view word = m_line.substr(pos, wordEnd(m_line, pos) - pos);
    const std::string after = "'" + std::string(keyword) + " " + std::string(word) + "'";
    if (keyword == "crash" || keyword == "restart") {
        if (word != "broker") {
            error(pos, "expected 'broker' after '" + std::string(keyword) + "'");
            return;
        }
        if (expectLineEnd(pos + word.size(), after))
            addStep(start, keyword == "crash" ? StepBody(CrashBroker {}) : StepBody(RestartBroker {}));
        return;
    }
    if (!requireClient(word, pos) || !expectLineEnd(pos + word.size(), after))
        return;
    if (keyword == "kill")
        addStep(start, Kill {std::string(word)});
    else
        addStep(start, Close {std::string(word)});
}

void ParserState::expectStatement(std::size_t start, std::size_t pos)
{
    if (pos == m_line.size()) {
        error(pos, "expect what? (NAME> REPLY, NAME push VALUE..., NAME blocked, NAME idle, or COMMAND ... == REPLY)");
        return;
    }
    const std::size_t nameStop = nameEnd(m_line, pos);
    if (nameStop > pos && nameStop < m_line.size() && m_line[nameStop] == '>') {
        const std::string_view name = m_line.substr(pos, nameStop - pos);
        if (requireClient(name, pos))
            beginReply(Step {at(start), ExpectReply {std::string(name), {}}}, skipBlanks(m_line, nameStop + 1));
        return;
    }
    const std::string_view first = wordAt(pos);
    const std::size_t secondPos = skipBlanks(m_line, pos + first.size());
    const std::string_view second = wordAt(secondPos);
    if (second == "no" && isClient(first)) { // expect NAME no push
        const std::size_t thirdPos = skipBlanks(m_line, secondPos + second.size());
        if (wordAt(thirdPos) != "push") {
            error(thirdPos, "expected 'push' after 'no': expect " + std::string(first) + " no push");
            return;
        }
        if (expectLineEnd(thirdPos + 4, "'no push'"))
            addStep(start, ExpectPush {std::string(first), {}});
        return;
    }
    if (second == "push" || second == "blocked" || second == "idle") {
        if (!requireClient(first, pos))
            return;
        const std::string client(first);
        const std::size_t rest = secondPos + second.size();
        if (second != "push") {
            const auto state = second == "blocked" ? ClientStateKind::Blocked : ClientStateKind::Idle;
            if (expectLineEnd(rest, "'" + std::string(second) + "'"))
                addStep(start, ExpectState {client, state});
            return;
        }
        std::vector<Arg> values;
        if (!parseArgs(rest, m_line.size(), values))
            return;
        if (values.empty())
            error(rest, "expected the push's values, e.g. expect " + client + " push \"message\" \"news\" \"hi\"");
        else
            addStep(start, ExpectPush {client, std::move(values)});
        return;
    }
    if (isClient(first)) {
        error(secondPos,
            "expected 'push', 'no push', 'blocked' or 'idle' after the client name, or '" + std::string(first)
                + "> REPLY' for its last reply");
        return;
    }
    const std::size_t equals = findOutsideQuotes(m_line.substr(pos), "==");
    if (equals == std::string_view::npos) {
        error(pos, "an observer expectation needs '==': expect COMMAND ARG... == REPLY");
        return;
    }
    if (equals == 0) {
        error(pos, "missing command before '=='");
        return;
    }
    std::vector<Arg> command;
    if (parseArgs(pos, pos + equals, command))
        beginReply(Step {at(start), ExpectObserved {std::move(command), {}}}, skipBlanks(m_line, pos + equals + 2));
}

void ParserState::beginReply(Step step, std::size_t pos)
{
    m_pendingReply.emplace(depth());
    if (!m_pendingReply->begin(m_line.substr(pos), column(pos))) {
        errorAtColumn(m_pendingReply->errorColumn(), m_pendingReply->error());
        m_pendingReply.reset();
        m_pendingFailed = true;
        return;
    }
    m_pendingStep = std::move(step);
    if (!m_pendingReply->isArray())
        flushPending();
}

void ParserState::continuationLine(std::size_t start)
{
    if (m_pendingFailed)
        return;
    if (!m_pendingReply) {
        error(start, "'...' continues an array reply, but no 'expect' with one comes before it");
        return;
    }
    const std::size_t pos = skipBlanks(m_line, start + 3);
    if (!m_pendingReply->addLine(m_line.substr(pos), column(pos))) {
        errorAtColumn(m_pendingReply->errorColumn(), m_pendingReply->error());
        m_pendingReply.reset();
        m_pendingFailed = true;
    }
}

void ParserState::flushPending()
{
    if (!m_pendingReply)
        return;
    ExpectedReply reply = m_pendingReply->take();
    m_pendingReply.reset();
    if (auto *expect = std::get_if<ExpectReply>(&m_pendingStep.body))
        expect->reply = std::move(reply);
    else if (auto *observed = std::get_if<ExpectObserved>(&m_pendingStep.body))
        observed->reply = std::move(reply);
    currentSteps().push_back(std::move(m_pendingStep));
}

} // namespace ql::scenario

// The runner's `expect` statements. Each prints both sides with the redis-cli formatter
// and compares the texts, so a check means exactly what the transcript shows.
#include "scenario/runner_text.h"
#include "scenario/scenario_runner.h"

#include "cli/reply_formatter.h"

namespace ql::scenario {

void Runner::report(
    SourceLocation where, std::string text, const std::string &expected, const std::string &actual, bool showPassed)
{
    TranscriptEntry e;
    e.ms = m_now;
    e.where = where;
    e.text = std::move(text);
    e.expected = expected;
    if (expected == actual) {
        e.kind = TranscriptEntry::Kind::ExpectPassed;
        if (!showPassed)
            e.expected.clear(); // the statement says it all
        ++m_passed;
    } else {
        e.kind = TranscriptEntry::Kind::ExpectFailed;
        e.actual = actual;
        ++m_failed;
    }
    emit(std::move(e));
}

namespace {

std::string waitingText(const std::string &name, bool alive, std::int64_t sent)
{
    if (!alive)
        return "(no reply: " + name + " is not connected)";
    if (sent == 0)
        return "(no reply: " + name + " has not sent a command yet)";
    return "(no reply yet: " + name + " is blocked)";
}

} // namespace

void Runner::expectReply(const ExpectReply &e, SourceLocation where)
{
    Connection &c = connection(e.client);
    std::string expected = formatReplyForCli(toReply(e.reply, counters()));
    std::string actual;
    if (c.alive && c.sent > 0 && c.replied == c.sent && c.last)
        actual = formatReplyForCli(*c.last);
    else
        actual = waitingText(c.name, c.alive, c.sent);
    report(where, "expect " + c.name + ">", expected, actual);
}

void Runner::expectPush(const ExpectPush &e, SourceLocation where)
{
    Connection &c = connection(e.client);
    if (e.values.empty()) { // no push since its last command
        std::string actual = "(no push)";
        const std::size_t since = std::min(c.pushesAtCommand, c.pushes.size());
        if (c.pushes.size() > since) {
            actual = std::to_string(c.pushes.size() - since) + " push(es), the first:\n"
                + formatReplyForCli(c.pushes[since]);
        }
        report(where, "expect " + c.name + " no push", "(no push)", actual, false);
        return;
    }
    Reply want = Reply::push();
    auto values = counters();
    for (const Arg &a : e.values)
        want.addBulk(expand(a, values));
    std::string expected = formatReplyForCli(want);
    // Like `expect` in a terminal: the first push since the last match that equals the
    // expected one; the pushes before it are passed over. Order therefore counts.
    for (std::size_t i = c.pushesMatched; i < c.pushes.size(); ++i) {
        if (formatReplyForCli(c.pushes[i]) == expected) {
            c.pushesMatched = i + 1;
            report(where, "expect " + c.name + " push", expected, expected);
            return;
        }
    }
    std::string actual;
    std::size_t unmatched = c.pushes.size() - c.pushesMatched;
    if (unmatched == 0) {
        actual = c.pushesMatched == 0 ? "(no push received)" : "(no push since the last one expected)";
    } else {
        std::size_t from = c.pushes.size() - std::min<std::size_t>(unmatched, 5);
        actual = std::to_string(unmatched) + (unmatched == 1 ? " other push" : " other pushes")
            + (from > c.pushesMatched ? ", the last 5:" : ":") + "\n";
        for (std::size_t i = from; i < c.pushes.size(); ++i)
            actual += formatReplyForCli(c.pushes[i]);
    }
    report(where, "expect " + c.name + " push", expected, actual);
}

void Runner::expectState(const ExpectState &e, SourceLocation where)
{
    Connection &c = connection(e.client);
    std::string expected = e.state == ClientStateKind::Blocked ? "blocked" : "idle";
    std::string actual = !c.alive ? "not connected" : c.replied < c.sent ? "blocked" : "idle";
    report(where, "expect " + c.name, expected, actual);
}

void Runner::expectObserved(const ExpectObserved &e, SourceLocation where)
{
    std::vector<std::string> argv;
    auto values = counters();
    for (const Arg &a : e.command)
        argv.push_back(expand(a, values));
    std::string text = "expect " + commandText(argv) + " ==";
    std::string expected = formatReplyForCli(toReply(e.reply, values));
    std::optional<Reply> reply = observe(std::move(argv));
    report(where, text, expected, reply ? formatReplyForCli(*reply) : "(blocked: the check would wait forever)");
}

} // namespace ql::scenario

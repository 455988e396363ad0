// Renders a parsed scenario as one line per step, so test tables can spell out what they
// expect: "3:5 command p [LPUSH] [job-{i}]". Arguments are bracketed, counter references
// shown as {i}/{j}, bytes outside printable ASCII (and not UTF-8) as \xHH; repeat bodies
// are indented by two blanks and closed with "}".
#pragma once

#include "scenario/scenario.h"

#include <cstdio>
#include <string>

namespace scenario_test {

using namespace ql::scenario;

inline std::string escaped(const std::string &s)
{
    std::string out;
    for (char c : s) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 0x20 && byte < 0x7f) || byte >= 0x80) {
            out += c;
        } else {
            char buf[8];
            std::snprintf(buf, sizeof(buf), "\\x%02x", byte);
            out += buf;
        }
    }
    return out;
}

inline std::string argText(const Arg &arg)
{
    std::string out = "[";
    for (const ArgPart &part : arg.parts)
        out += part.counter < 0 ? escaped(part.text) : "{" + std::string(1, char('i' + part.counter)) + "}";
    return out + "]";
}

inline std::string argsText(const std::vector<Arg> &args)
{
    std::string out;
    for (const Arg &arg : args)
        out += (out.empty() ? "" : " ") + argText(arg);
    return out;
}

inline std::string replyText(const ExpectedReply &reply)
{
    switch (reply.kind) {
    case ExpectedReply::Kind::Status: return "status" + argText(reply.text);
    case ExpectedReply::Kind::Bulk: return "bulk" + argText(reply.text);
    case ExpectedReply::Kind::Integer: return "int:" + std::to_string(reply.integer);
    case ExpectedReply::Kind::Nil: return "nil";
    case ExpectedReply::Kind::Error: return "error" + argText(reply.text);
    case ExpectedReply::Kind::Array: break;
    }
    std::string out = "array(";
    for (std::size_t i = 0; i < reply.elements.size(); ++i)
        out += (i ? ", " : "") + replyText(reply.elements[i]);
    return out + ")";
}

inline std::string stepText(const StepBody &body)
{
    if (const auto *s = std::get_if<DeclareClient>(&body))
        return "client " + s->name + (s->color.empty() ? "" : " color=" + s->color)
            + (s->role.empty() ? "" : " role=" + s->role);
    if (const auto *s = std::get_if<Command>(&body))
        return "command " + s->client + " " + argsText(s->args);
    if (const auto *s = std::get_if<Wait>(&body))
        return "wait " + std::to_string(s->ms);
    if (const auto *s = std::get_if<At>(&body))
        return std::string("at ") + (s->relative ? "+" : "") + std::to_string(s->ms);
    if (const auto *s = std::get_if<Say>(&body))
        return "say " + argText(s->text);
    if (std::holds_alternative<Pause>(body))
        return "pause";
    if (const auto *s = std::get_if<Section>(&body))
        return "section " + argText(s->title);
    if (const auto *s = std::get_if<ExpectReply>(&body))
        return "expect " + s->client + "> " + replyText(s->reply);
    if (const auto *s = std::get_if<ExpectPush>(&body))
        return s->values.empty() ? "expect " + s->client + " no push"
                                 : "expect " + s->client + " push " + argsText(s->values);
    if (const auto *s = std::get_if<ExpectState>(&body))
        return "expect " + s->client + (s->state == ClientStateKind::Blocked ? " blocked" : " idle");
    if (const auto *s = std::get_if<ExpectObserved>(&body))
        return "expect " + argsText(s->command) + " == " + replyText(s->reply);
    if (const auto *s = std::get_if<Kill>(&body))
        return "kill " + s->client;
    if (const auto *s = std::get_if<Close>(&body))
        return "close " + s->client;
    if (std::holds_alternative<FlushAll>(body))
        return "flushall";
    if (std::holds_alternative<CrashBroker>(body))
        return "crash broker";
    if (std::holds_alternative<RestartBroker>(body))
        return "restart broker";
    const auto &repeat = std::get<Repeat>(body);
    return "repeat " + std::to_string(repeat.count) + (repeat.everyMs ? " every=" + std::to_string(repeat.everyMs) : "")
        + " depth=" + std::to_string(repeat.depth) + " {";
}

inline void describeSteps(const std::vector<Step> &steps, const std::string &indent, std::string &out)
{
    for (const Step &step : steps) {
        out += indent + std::to_string(step.where.line) + ":" + std::to_string(step.where.column) + " "
            + stepText(step.body) + "\n";
        if (const auto *repeat = std::get_if<Repeat>(&step.body)) {
            describeSteps(repeat->body, indent + "  ", out);
            out += indent + "}\n";
        }
    }
}

inline std::string describe(const Scenario &scenario)
{
    std::string out;
    describeSteps(scenario.steps, "", out);
    return out;
}

} // namespace scenario_test

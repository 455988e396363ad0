// A parsed scenario (.qls file): plain C++ values, no Qt. scenario_parser.h turns text into
// this; the runner walks it. The language itself is described in scenario_parser.h and, for
// users, in docs/scenarios.md.
//
// Shape: a Scenario is a list of Steps; every Step knows where it was written (line and
// column, 1-based, columns counted in Unicode characters) and holds one of the statement
// types below. `repeat` stays a block (Repeat::body): the runner expands it, the parser
// never does, so `repeat 1000000` costs one step.
//
// Arguments may refer to the counters of enclosing repeats (`job-$i`). An Arg is therefore
// a list of parts, each a literal text or a counter reference; expand() gives the text for
// given counter values.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace ql::scenario {

struct SourceLocation {
    int line = 0;
    int column = 0;
    friend bool operator==(const SourceLocation &, const SourceLocation &) = default;
};

// One piece of an argument: literal text, or (counter >= 0) the counter of the enclosing
// repeat at that nesting depth (0 = outermost, written $i; 1 = $j; ... 7 = $p).
struct ArgPart {
    std::string text;
    int counter = -1;
    friend bool operator==(const ArgPart &, const ArgPart &) = default;
};

struct Arg {
    std::vector<ArgPart> parts;
    friend bool operator==(const Arg &, const Arg &) = default;
};

// The text of an argument with counters[d] as the value of the counter at depth d.
// A reference to a depth without a value expands to an empty text.
std::string expand(const Arg &arg, const std::vector<std::int64_t> &counters);
// The argument as written, with counter references back as `$i`, `$j`... (and `$` as `$$`).
std::string toTemplateText(const Arg &arg);

// An expected reply in redis-cli notation.
struct ExpectedReply {
    enum class Kind { Status, Bulk, Integer, Nil, Error, Array };
    Kind kind = Kind::Nil;
    Arg text; // Status, Bulk, Error (error text without "(error) ")
    std::int64_t integer = 0; // Integer
    std::vector<ExpectedReply> elements; // Array (empty: "(empty array)")
    friend bool operator==(const ExpectedReply &, const ExpectedReply &) = default;
};

enum class ClientStateKind { Blocked, Idle };

// client NAME [color #rrggbb] [role TEXT]
struct DeclareClient {
    std::string name;
    std::string color; // "#rrggbb" or empty
    std::string role; // empty when not given
};
// NAME> COMMAND args...
struct Command {
    std::string client;
    std::vector<Arg> args; // never empty
};
// wait DURATION
struct Wait {
    std::int64_t ms = 0;
};
// at +DURATION (relative: from the start of the enclosing block) / at DURATION (absolute)
struct At {
    std::int64_t ms = 0;
    bool relative = true;
};
struct Say {
    Arg text;
};
struct Pause { };
struct Section {
    Arg title;
};
// expect NAME> REPLY
struct ExpectReply {
    std::string client;
    ExpectedReply reply;
};
// expect NAME push VALUE... / expect NAME no push (values empty)
struct ExpectPush {
    std::string client;
    std::vector<Arg> values; // empty: no push arrived since NAME's last command
};
// expect NAME blocked | expect NAME idle
struct ExpectState {
    std::string client;
    ClientStateKind state = ClientStateKind::Idle;
};
// expect COMMAND args... == REPLY (run by an observer connection)
struct ExpectObserved {
    std::vector<Arg> command;
    ExpectedReply reply;
};
struct Kill {
    std::string client;
};
struct Close {
    std::string client;
};
struct FlushAll { };
// Parsed so that lessons can be written, but not supported by the runner yet.
struct CrashBroker { };
struct RestartBroker { };

struct Step;
// repeat COUNT [every DURATION] ... end
struct Repeat {
    std::int64_t count = 0;
    std::int64_t everyMs = 0; // 0: iterations run back to back
    int depth = 0; // 0 for an outermost repeat: its counter is $i
    std::vector<Step> body;
};

using StepBody = std::variant<DeclareClient, Command, Wait, At, Say, Pause, Section, ExpectReply, ExpectPush,
    ExpectState, ExpectObserved, Kill, Close, FlushAll, CrashBroker, RestartBroker, Repeat>;

struct Step {
    SourceLocation where;
    StepBody body;
};

struct Scenario {
    std::string fileName;
    std::vector<DeclareClient> clients; // in declaration order (also present as steps)
    std::vector<Step> steps;
};

// An error in a scenario file, printed like a compiler's: "jobs.qls:7:12: message".
struct Diagnostic {
    std::string fileName;
    SourceLocation where;
    std::string message;
    std::string toString() const;
};

} // namespace ql::scenario

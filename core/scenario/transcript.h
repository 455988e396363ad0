// What a scenario run says, line by line: commands, replies, pushes, captions and the
// result of each expectation, each stamped with the virtual time since the run began.
// The headless runner prints these; the window shows captions and pass/fail marks.
#pragma once

#include "scenario/scenario.h"

#include <cstdint>
#include <string>

namespace ql::scenario {

struct TranscriptEntry {
    enum class Kind {
        Command, // text: the command as typed (redis-cli quoting)
        Reply, // text: redis-cli notation, may span lines
        Blocked, // the client waits for its reply
        Push, // text: the pushed message in redis-cli notation
        Connection, // text: what happened ("connection killed", "connects again")
        Say,
        Section,
        Pause,
        Flush, // flushall
        ExpectPassed, // text: "expect NAME>" (what is checked); expected: the value
        ExpectFailed, // the same, and actual: what was found
        Error, // a script error met while running (the run stops)
    };
    Kind kind = Kind::Say;
    std::int64_t ms = 0; // virtual time since the start of the run
    std::string client; // for commands, replies, pushes, states
    std::string text;
    std::string expected; // expectations: redis-cli notation ("blocked" for states)
    std::string actual; // ExpectFailed
    SourceLocation where; // the statement that produced it (replies: the command's)
};

// "[   1.250] producer> LPUSH jobs job-1" and so on; always ends with a newline.
std::string formatEntry(const TranscriptEntry &entry, const std::string &fileName);

} // namespace ql::scenario

// The scenario language (.qls): text -> Scenario, or errors that point at file:line:column.
// docs/scenarios.md is the user's reference; this is the exact grammar.
//
// A file is a sequence of lines (LF or CRLF; a UTF-8 byte-order mark is skipped; the last
// line needs no newline). Blank lines and lines whose first non-blank character is `#` are
// ignored; a `#` anywhere else is ordinary text (Redis arguments may contain it). Blanks
// are spaces and tabs. Every other line is one statement:
//
//   client NAME [color #rrggbb] [role TEXT]   declare a client (top level only, before use;
//                                             options in any order; TEXT one word or quoted)
//   NAME> COMMAND ARG...                      a command sent as NAME (redis-cli quoting)
//   wait DURATION                             advance virtual time
//   at +DURATION | at DURATION                a time mark: +D after the start of the enclosing
//                                             block (the file, or the current repeat
//                                             iteration); D alone from the start of the run
//   repeat COUNT [every DURATION]             a block up to its `end`, run COUNT times; with
//     ...                                     `every`, iteration k starts (k-1) x DURATION
//   end                                       after the block's start
//   say TEXT | section TEXT                   caption / chapter; TEXT is one quoted argument
//   pause                                     wait for the presenter
//   expect NAME> REPLY                        NAME's last reply, in redis-cli notation
//   expect NAME push VALUE...                 NAME received this push (e.g. "message" "news" "hi")
//   expect NAME no push                       no push reached NAME since its last command
//   expect NAME blocked | expect NAME idle    NAME's state
//   expect COMMAND ARG... == REPLY            an observer runs COMMAND; its reply is REPLY
//   ... N) VALUE                              the next line of an array REPLY (reply_notation.h)
//   kill NAME | close NAME                    drop NAME's connection abruptly / NAME quits
//   flushall                                  empty the broker
//   crash broker | restart broker             parsed; the runner does not support them yet
//
// NAME: letters, digits, '_', '-', '.' (at most 64). DURATION: digits with `ms`, or digits
// with an optional fraction of up to 3 places and `s` (500ms, 2s, 1.5s), at most 24 hours.
// COUNT: 1 to 1,000,000, and the product of the counts of nested repeats at most 1,000,000;
// repeats nest at most 8 deep. Counters are 1-based: `$i` is the outermost repeat's
// iteration number, `$j` the next one inside it, ... `$p`; they may appear in any argument,
// TEXT or REPLY (`job-$i`, "caption $i"), `$$` is a literal `$`, and a `$` before any other
// character is literal. Arguments are split with redis-cli's rules (resp/split_args.h).
//
// Limits: a line at most 1 MiB, a file at most 64 MiB. Columns count Unicode characters,
// 1-based. The parser never throws; it reports every error (at most 20, then stops).
#pragma once

#include "scenario/scenario.h"

#include <string>
#include <string_view>
#include <vector>

namespace ql::scenario {

struct ParseResult {
    Scenario scenario; // as far as it parsed; use only when ok()
    std::vector<Diagnostic> errors; // in file order
    bool ok() const { return errors.empty(); }
};

ParseResult parse(std::string_view text, std::string fileName);

} // namespace ql::scenario

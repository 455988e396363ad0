// The `arguments` of COMMAND DOCS, read from the command table's syntax strings. The
// notation is Redis's: `[x]` optional, `a|b` one of, `x [x ...]` repeated, `TOKEN value`
// a value after its keyword, and, for the docs only, `{x y}` a block that renders without
// braces. redis-cli (7.0) builds its `help` line and its typing hints from this tree, so
// rendering the tree the way redis-cli does gives back the syntax string.
#pragma once

#include "reply.h"

#include <string>
#include <string_view>
#include <vector>

namespace ql {

struct DocArgument {
    std::string name;
    std::string type; // key, string, integer, double, unix-time, pattern, pure-token, oneof, block
    std::string token; // the keyword before the value; empty: none
    int keySpecIndex = -1; // keys only: the index of its key spec
    bool optional = false;
    bool multiple = false;
    bool multipleToken = false; // each repetition repeats the token too
    std::vector<DocArgument> arguments; // the members of a oneof or a block
};

// The arguments written in `syntax`, with default names and types: a value is named as
// written and typed by its name, a keyword by itself in lowercase, a group by its members'
// names joined with '_'.
std::vector<DocArgument> parseSyntax(std::string_view syntax);

// The arguments of the command `fullName` ("xadd", "xgroup|create") whose syntax string is
// `syntax`, with the names and types Redis 7.0 gives them where the notation cannot tell.
std::vector<DocArgument> commandArguments(std::string_view fullName, std::string_view syntax);

// The syntax line redis-cli prints for `args` (the inverse of parseSyntax).
std::string renderArguments(const std::vector<DocArgument> &args);

// The `arguments` value of a COMMAND DOCS reply: an array of maps.
Reply argumentsReply(const std::vector<DocArgument> &args);

} // namespace ql

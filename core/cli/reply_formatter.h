// Formats a Reply the way redis-cli prints it in a terminal: `(integer) 1`, `"a"`,
// `(nil)`, `(error) ERR ...`, `(empty array)`, numbered nested arrays.
#pragma once

#include "engine/reply.h"

#include <string>

namespace ql {

// Text as redis-cli shows it, ending with a newline.
std::string formatReplyForCli(const Reply &reply);
// A bulk string quoted and escaped as redis-cli does ("a\nb" -> "\"a\\nb\"").
std::string quoteForCli(const std::string &s);

} // namespace ql

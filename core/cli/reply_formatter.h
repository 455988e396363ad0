// Formats a Reply the way redis-cli prints it in a terminal: `(integer) 1`, `"a"`,
// `(nil)`, `(error) ERR ...`, `(empty array)`, numbered nested arrays.
#pragma once

#include "engine/reply.h"

#include <string>

namespace ql {

// The reply as a client speaking `protocol` (2 or 3) receives it. Under RESP2 the types
// RESP3 added fall back as on the wire (resp/resp_encoder.h): maps arrive as flat arrays,
// sets and pushes as arrays, doubles as bulk strings, booleans as 1/0. redis-cli prints
// what arrived, so `XINFO GROUPS` reads `1) "name" 2) "g" ...` in RESP2.
Reply replyAsReceived(const Reply &reply, int protocol);
// Text as redis-cli shows it, ending with a newline.
std::string formatReplyForCli(const Reply &reply);
// A bulk string quoted and escaped as redis-cli does ("a\nb" -> "\"a\\nb\"").
std::string quoteForCli(const std::string &s);

} // namespace ql

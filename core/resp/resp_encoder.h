// RESP encoder: turns a protocol-neutral ql::Reply into the bytes Redis 7.0 would send for it,
// in RESP2 (protocol 2) or RESP3 (protocol 3).
//
// Where RESP2 has no type of its own, the reply falls back the way Redis's addReply* helpers
// do: maps become flat arrays of 2N, sets and pushes plain arrays, doubles bulk strings,
// booleans the integers 1/0, and both nulls keep their RESP2 spellings ($-1 and *-1).
// A Sequence has no header: its items are written back to back (SUBSCRIBE a b answers with
// one push per channel); it is meant for the top level of a reply.
#pragma once

#include "engine/reply.h"

#include <string>

namespace ql {

// Appends the encoding of `reply` to `out`. `protocol` is 2 or 3 (anything but 3 means RESP2).
void encodeReply(const Reply &reply, int protocol, std::string &out);

std::string encodeReply(const Reply &reply, int protocol);

} // namespace ql

// Reply reader: the client side of RESP. Finds where a reply ends in a byte stream and turns
// RESP2/RESP3 bytes back into a ql::Reply (for the console, outside-client tests and the
// comparison with a real redis-server).
//
// Mapping: "+" Status, "-" and "!" Error, ":" Integer, "$" Bulk ("$-1" NullBulk), "*" Array
// ("*-1" NullArray), "_" NullBulk, "," Double (inf, -inf, nan accepted), "#" Bool, "%" Map,
// "~" Set, ">" Push. A verbatim string "=" becomes a Bulk without its "txt:" prefix, a big
// number "(" a Bulk of its digits. An attribute "|" is read and dropped; it counts as part
// of the reply it precedes. Streamed RESP3 aggregates ("$?", "*?") are not supported.
#pragma once

#include "engine/reply.h"

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace ql {

// Thrown on bytes that are not RESP (and by decodeReply on an incomplete reply).
class RespError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Nesting deeper than this is refused (RespError) rather than risking the stack.
inline constexpr std::size_t kMaxReplyNesting = 512;

// Byte length of the first complete reply in `buf`, or std::nullopt if more bytes are needed.
// Throws RespError on bytes no reply can start or continue with.
std::optional<std::size_t> completeReplyLength(std::string_view buf);

// Decodes exactly one reply; throws RespError if it is malformed, incomplete, or followed by
// more bytes.
Reply decodeReply(std::string_view oneReply);

// Decodes every reply in `buf`, which must end on a reply boundary.
std::vector<Reply> decodeReplies(std::string_view buf);

} // namespace ql

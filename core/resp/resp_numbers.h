// Decimal integer parsing with the exact acceptance rules of Redis's string2ll(): the rules
// that decide whether a "*N" or "$N" header is a protocol error. Internal to queuelab_resp.
#pragma once

#include <cstdint>
#include <string_view>

namespace ql {

// Accepts an optional '-' followed by digits with no leading zero ("0" itself is fine), nothing
// else: no '+', no spaces, no "-0", no empty string, and the value must fit in int64.
bool parseStrictInt64(std::string_view text, std::int64_t &value);

} // namespace ql

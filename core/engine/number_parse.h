// Strict number parsing with Redis's rules (string2ll / string2ld): no spaces, no '+',
// no leading zeros for integers, the whole string must be consumed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ql {

std::optional<std::int64_t> parseInt64(std::string_view s);
std::optional<std::uint64_t> parseUInt64(std::string_view s);
std::optional<double> parseDouble(std::string_view s); // like Redis's getDoubleFromObject
std::string formatInt(std::int64_t v);

// Blocking command timeout (seconds, may be fractional) as milliseconds, or an error text.
// 0 means wait forever.
struct TimeoutParse {
    std::int64_t ms = 0;
    const char *error = nullptr;
};
TimeoutParse parseTimeoutSeconds(std::string_view s);
// Millisecond timeout (XREAD BLOCK ms).
TimeoutParse parseTimeoutMillis(std::string_view s);
// The deadline of a wait of `timeoutMs` starting `now` (0 = forever; saturates).
std::int64_t deadlineAfter(std::int64_t now, std::int64_t timeoutMs);

// ASCII case-insensitive comparison for option names.
bool equalsIgnoreCase(std::string_view a, std::string_view b);
std::string toLower(std::string_view s);
std::string toUpper(std::string_view s);

} // namespace ql

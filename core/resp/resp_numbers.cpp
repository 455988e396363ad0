#include "resp/resp_numbers.h"

#include <limits>

namespace ql {

bool parseStrictInt64(std::string_view text, std::int64_t &value)
{
    // The longest valid text is "-9223372036854775808" (20 characters).
    if (text.empty() || text.size() > 20)
        return false;
    if (text == "0") {
        value = 0;
        return true;
    }
    std::size_t i = 0;
    const bool negative = text[0] == '-';
    if (negative && ++i == text.size())
        return false;
    if (text[i] < '1' || text[i] > '9')
        return false;

    constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t magnitude = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c < '0' || c > '9')
            return false;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (magnitude > (kMax - digit) / 10)
            return false;
        magnitude = magnitude * 10 + digit;
    }

    constexpr auto kPositiveMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (negative) {
        if (magnitude > kPositiveMax + 1)
            return false;
        value = magnitude == kPositiveMax + 1 ? std::numeric_limits<std::int64_t>::min()
                                              : -static_cast<std::int64_t>(magnitude);
    } else {
        if (magnitude > kPositiveMax)
            return false;
        value = static_cast<std::int64_t>(magnitude);
    }
    return true;
}

} // namespace ql

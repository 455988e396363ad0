#include "number_parse.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace ql {

std::optional<std::int64_t> parseInt64(std::string_view s)
{
    if (s.empty() || s.size() > 20)
        return std::nullopt;
    std::size_t i = 0;
    bool negative = false;
    if (s.size() == 1 && s[0] == '0')
        return 0;
    if (s[0] == '-') {
        negative = true;
        i = 1;
        if (s.size() == 1)
            return std::nullopt;
    }
    if (s[i] < '1' || s[i] > '9')
        return std::nullopt;
    std::uint64_t v = 0;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c < '0' || c > '9')
            return std::nullopt;
        if (v > (std::numeric_limits<std::uint64_t>::max() / 10))
            return std::nullopt;
        v *= 10;
        std::uint64_t d = static_cast<std::uint64_t>(c - '0');
        if (v > std::numeric_limits<std::uint64_t>::max() - d)
            return std::nullopt;
        v += d;
    }
    if (negative) {
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1)
            return std::nullopt;
        return static_cast<std::int64_t>(0 - v);
    }
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return std::nullopt;
    return static_cast<std::int64_t>(v);
}

std::optional<std::uint64_t> parseUInt64(std::string_view s)
{
    // Redis's string2ull: strtoull semantics on the whole string (used by stream IDs).
    if (s.empty() || s.size() > 20)
        return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9')
            return std::nullopt;
    std::string tmp(s);
    errno = 0;
    char *end = nullptr;
    unsigned long long v = std::strtoull(tmp.c_str(), &end, 10);
    if (errno == ERANGE || end != tmp.c_str() + tmp.size())
        return std::nullopt;
    return static_cast<std::uint64_t>(v);
}

std::optional<double> parseDouble(std::string_view s)
{
    if (s.empty() || s.size() > 5000)
        return std::nullopt;
    if (std::isspace(static_cast<unsigned char>(s[0])))
        return std::nullopt;
    std::string tmp(s);
    errno = 0;
    char *end = nullptr;
    double v = std::strtod(tmp.c_str(), &end);
    if (end != tmp.c_str() + tmp.size() || (errno == ERANGE && (v == HUGE_VAL || v == -HUGE_VAL || v == 0))
        || std::isnan(v))
        return std::nullopt;
    return v;
}

std::string formatInt(std::int64_t v)
{
    return std::to_string(v);
}

TimeoutParse parseTimeoutSeconds(std::string_view s)
{
    // Redis 7.0 getTimeoutFromObjectOrReply, seconds: the whole argument must be a long
    // double (strtold syntax, so hex and "inf" pass), no leading space, no overflow to
    // infinity or underflow to zero. seconds * 1000 is rounded up (0.0001 waits 1 ms) and
    // cast to long long: out-of-range values become LLONG_MIN on x86-64 and are reported
    // as negative; there is no upper bound check.
    TimeoutParse r;
    constexpr std::size_t kMaxLongDoubleChars = 5 * 1024;
    if (s.empty() || s.size() >= kMaxLongDoubleChars || std::isspace(static_cast<unsigned char>(s[0]))) {
        r.error = "ERR timeout is not a float or out of range";
        return r;
    }
    std::string tmp(s);
    errno = 0;
    char *end = nullptr;
    long double seconds = std::strtold(tmp.c_str(), &end);
    bool rangeError = errno == ERANGE && (std::isinf(seconds) || seconds == 0);
    if (end != tmp.c_str() + tmp.size() || rangeError || errno == EINVAL || std::isnan(seconds)) {
        r.error = "ERR timeout is not a float or out of range";
        return r;
    }
    long double ms = std::ceil(seconds * 1000.0L);
    std::int64_t tval = std::numeric_limits<std::int64_t>::min();
    if (ms >= -9223372036854775808.0L && ms < 9223372036854775808.0L)
        tval = static_cast<std::int64_t>(ms);
    if (tval < 0) {
        r.error = "ERR timeout is negative";
        return r;
    }
    r.ms = tval;
    return r;
}

TimeoutParse parseTimeoutMillis(std::string_view s)
{
    // Redis 7.0 getTimeoutFromObjectOrReply, milliseconds: a long long, not negative.
    TimeoutParse r;
    auto v = parseInt64(s);
    if (!v) {
        r.error = "ERR timeout is not an integer or out of range";
        return r;
    }
    if (*v < 0) {
        r.error = "ERR timeout is negative";
        return r;
    }
    r.ms = *v;
    return r;
}

std::int64_t deadlineAfter(std::int64_t now, std::int64_t timeoutMs)
{
    if (timeoutMs == 0)
        return 0;
    if (now > 0 && timeoutMs > std::numeric_limits<std::int64_t>::max() - now)
        return std::numeric_limits<std::int64_t>::max();
    return now + timeoutMs;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

std::string toLower(std::string_view s)
{
    std::string r(s);
    for (char &c : r)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return r;
}

std::string toUpper(std::string_view s)
{
    std::string r(s);
    for (char &c : r)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return r;
}

} // namespace ql

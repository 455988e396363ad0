// StreamId: the <ms>-<seq> identifier of a stream entry, with Redis 7.0's parsing rules.
//
// Parsing follows t_stream.c exactly, quirks included: the argument is read as a C string
// (it ends at the first NUL byte), at most 127 bytes long; each part goes through
// string2ull, which accepts what strtoull accepts ("007", "+5", " 5", "-0") but rejects
// values string2ll reads as negative. "-" and "+" mean the smallest and largest ids
// unless the parse is strict; "<ms>" alone takes a caller-chosen sequence; "<ms>-*"
// (XADD only) leaves the sequence to the stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace ql {

struct StreamId {
    std::uint64_t ms = 0;
    std::uint64_t seq = 0;

    static constexpr std::uint64_t kMaxPart = std::numeric_limits<std::uint64_t>::max();
    static constexpr StreamId min() { return {0, 0}; }
    static constexpr StreamId max() { return {kMaxPart, kMaxPart}; }

    // Ordered by ms, then seq. (Spelled out: <compare> trips up moc in the tests.)
    friend constexpr bool operator==(const StreamId &a, const StreamId &b) { return a.ms == b.ms && a.seq == b.seq; }
    friend constexpr bool operator!=(const StreamId &a, const StreamId &b) { return !(a == b); }
    friend constexpr bool operator<(const StreamId &a, const StreamId &b)
    {
        return a.ms != b.ms ? a.ms < b.ms : a.seq < b.seq;
    }
    friend constexpr bool operator>(const StreamId &a, const StreamId &b) { return b < a; }
    friend constexpr bool operator<=(const StreamId &a, const StreamId &b) { return !(b < a); }
    friend constexpr bool operator>=(const StreamId &a, const StreamId &b) { return !(a < b); }

    bool isZero() const { return ms == 0 && seq == 0; }
    bool isMax() const { return ms == kMaxPart && seq == kMaxPart; }

    // The next id (Redis streamIncrID). At the largest id it wraps to 0-0 and returns false.
    bool increment();
    // The previous id (Redis streamDecrID). At 0-0 it wraps to the largest id and returns false.
    bool decrement();

    // "<ms>-<seq>" into buf (at least kMaxFormatted bytes); returns the length written.
    static constexpr std::size_t kMaxFormatted = 41;
    std::size_t format(char *buf) const;
    std::string toString() const;
};

struct StreamIdParse {
    bool ok = false;
    StreamId id;
    bool seqGiven = true; // false for "<ms>-*"
};

// The general parser (Redis streamGenericParseIDOrReply). `missingSeq` is the sequence
// used when only "<ms>" is given; `strict` rejects "-" and "+"; `allowAutoSeq` accepts
// "<ms>-*" (XADD).
StreamIdParse parseStreamId(std::string_view text, std::uint64_t missingSeq, bool strict, bool allowAutoSeq = false);

// A range bound: "(" before an id makes it exclusive (the rest is then parsed strictly).
struct StreamIntervalParse {
    bool ok = false;
    StreamId id;
    bool exclusive = false;
};
StreamIntervalParse parseStreamIntervalId(std::string_view text, std::uint64_t missingSeq);

// Redis's string2ull on a C string (parts of ids).
bool parseStreamIdPart(std::string_view cstr, std::uint64_t &out);

} // namespace ql

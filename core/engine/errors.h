// Every error text the engine replies with, byte for byte as Redis 7.0 sends them
// (without the leading '-' and trailing CRLF). Family-specific texts are grouped below.
#pragma once

namespace ql::err {

// Generic
inline constexpr const char *kSyntax = "ERR syntax error";
inline constexpr const char *kWrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
inline constexpr const char *kNotInteger = "ERR value is not an integer or out of range";
inline constexpr const char *kNotFloat = "ERR value is not a valid float";
inline constexpr const char *kOutOfRange = "ERR index out of range";
inline constexpr const char *kNoSuchKey = "ERR no such key";
inline constexpr const char *kMustBePositive = "ERR value is out of range, must be positive";
inline constexpr const char *kDbIndexOutOfRange = "ERR DB index is out of range";
inline constexpr const char *kOverflow = "ERR increment or decrement would overflow";
inline constexpr const char *kTimeoutNotFloat = "ERR timeout is not a float or out of range";
inline constexpr const char *kTimeoutNegative = "ERR timeout is negative";
inline constexpr const char *kTimeoutOutOfRange = "ERR timeout is out of range";

// Lists
inline constexpr const char *kListRankZero =
    "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";
inline constexpr const char *kListCountNegative = "ERR COUNT can't be negative";
inline constexpr const char *kListMaxlenNegative = "ERR MAXLEN can't be negative";
inline constexpr const char *kNumkeysPositive = "ERR numkeys should be greater than 0";
inline constexpr const char *kCountPositive = "ERR count should be greater than 0";

// Pub/Sub: (family texts appended here)
inline constexpr const char *kPubSubSsubscribeDenyBlocking = "ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client";

// Streams
inline constexpr const char *kStreamBadId = "ERR Invalid stream ID specified as stream command argument";
inline constexpr const char *kStreamIdTooSmall =
    "ERR The ID specified in XADD is equal or smaller than the target stream top item";
inline constexpr const char *kStreamIdZero = "ERR The ID specified in XADD must be greater than 0-0";
inline constexpr const char *kStreamBusyGroup = "BUSYGROUP Consumer Group name already exists";

} // namespace ql::err

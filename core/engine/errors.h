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
inline constexpr const char *kListRankZero = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the "
                                             "second ... or use negative to start from the end of the list";
inline constexpr const char *kListCountNegative = "ERR COUNT can't be negative";
inline constexpr const char *kListMaxlenNegative = "ERR MAXLEN can't be negative";
inline constexpr const char *kNumkeysPositive = "ERR numkeys should be greater than 0";
inline constexpr const char *kCountPositive = "ERR count should be greater than 0";

// Pub/Sub: (family texts appended here)
inline constexpr const char *kPubSubSsubscribeDenyBlocking = "ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client";

// Streams
inline constexpr const char *kStreamBadId = "ERR Invalid stream ID specified as stream command argument";
inline constexpr const char *kStreamIdTooSmall
    = "ERR The ID specified in XADD is equal or smaller than the target stream top item";
inline constexpr const char *kStreamIdZero = "ERR The ID specified in XADD must be greater than 0-0";
inline constexpr const char *kStreamBusyGroup = "BUSYGROUP Consumer Group name already exists";
inline constexpr const char *kStreamExhausted
    = "ERR The stream has exhausted the last possible ID, unable to add more items";
inline constexpr const char *kStreamTooLarge = "ERR Elements are too large to be stored";
inline constexpr const char *kStreamMaxlenAndMinid
    = "ERR syntax error, MAXLEN and MINID options at the same time are not compatible";
inline constexpr const char *kStreamMaxlenNegative = "ERR The MAXLEN argument must be >= 0.";
inline constexpr const char *kStreamLimitNegative = "ERR The LIMIT argument must be >= 0.";
inline constexpr const char *kStreamLimitWithoutStrategy
    = "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy";
inline constexpr const char *kStreamXtrimWithoutStrategy
    = "ERR syntax error, XTRIM must be called with a trimming strategy";
inline constexpr const char *kStreamLimitWithoutApprox
    = "ERR syntax error, LIMIT cannot be used without the special ~ option";
inline constexpr const char *kStreamBadStart = "ERR invalid start ID for the interval";
inline constexpr const char *kStreamBadEnd = "ERR invalid end ID for the interval";
inline constexpr const char *kStreamGroupOnlyXreadgroup
    = "ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.";
inline constexpr const char *kStreamNoackOnlyXreadgroup
    = "ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.";
inline constexpr const char *kStreamUnbalanced
    = "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.";
inline constexpr const char *kStreamMissingGroup = "ERR Missing GROUP option for XREADGROUP";
inline constexpr const char *kStreamDollarInXreadgroup
    = "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by "
      "specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.";
inline constexpr const char *kStreamGreaterInXread
    = "ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.";
inline constexpr const char *kStreamGroupNeedsKey
    = "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM "
      "option to create an empty stream automatically.";
inline constexpr const char *kStreamEntriesReadRange = "ERR value for ENTRIESREAD must be positive or -1";
inline constexpr const char *kStreamXclaimMinIdle = "ERR Invalid min-idle-time argument for XCLAIM";
inline constexpr const char *kStreamXclaimIdle = "ERR Invalid IDLE option argument for XCLAIM";
inline constexpr const char *kStreamXclaimTime = "ERR Invalid TIME option argument for XCLAIM";
inline constexpr const char *kStreamXclaimRetryCount = "ERR Invalid RETRYCOUNT option argument for XCLAIM";
inline constexpr const char *kStreamXautoclaimMinIdle = "ERR Invalid min-idle-time argument for XAUTOCLAIM";
inline constexpr const char *kStreamXautoclaimCount = "ERR COUNT must be > 0";
inline constexpr const char *kStreamEntriesAddedNegative = "ERR entries_added must be positive";
inline constexpr const char *kStreamSetIdBelowGivenMaxDeleted
    = "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id";
inline constexpr const char *kStreamSetIdBelowTop
    = "ERR The ID specified in XSETID is smaller than the target stream top item";
inline constexpr const char *kStreamEntriesAddedBelowLength
    = "ERR The entries_added specified in XSETID is smaller than the target stream length";

} // namespace ql::err

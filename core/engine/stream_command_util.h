// Shared pieces of the stream command files (stream_*_commands.cpp): the handlers that
// registerStreamCommands() lists, key lookup, id parsing with Redis's error replies, and
// the reply shapes of entries and ranges.
#pragma once

#include "engine.h"
#include "stream.h"

#include <string>
#include <string_view>
#include <vector>

namespace ql::streamcmd {

// ---- handlers (one file per sub-area)
// stream_write_commands.cpp
void xaddCommand(CommandContext &ctx);
void xtrimCommand(CommandContext &ctx);
void xdelCommand(CommandContext &ctx);
void xsetidCommand(CommandContext &ctx);
// stream_read_commands.cpp
void xlenCommand(CommandContext &ctx);
void xrangeCommand(CommandContext &ctx);
void xrevrangeCommand(CommandContext &ctx);
void xreadCommand(CommandContext &ctx);
void xreadgroupCommand(CommandContext &ctx);
// stream_group_commands.cpp
void xgroupCreateCommand(CommandContext &ctx);
void xgroupSetIdCommand(CommandContext &ctx);
void xgroupDestroyCommand(CommandContext &ctx);
void xgroupCreateConsumerCommand(CommandContext &ctx);
void xgroupDelConsumerCommand(CommandContext &ctx);
void xgroupHelpCommand(CommandContext &ctx);
void xackCommand(CommandContext &ctx);
// stream_pending_commands.cpp
void xpendingCommand(CommandContext &ctx);
void xclaimCommand(CommandContext &ctx);
void xautoclaimCommand(CommandContext &ctx);
// stream_info_commands.cpp
void xinfoStreamCommand(CommandContext &ctx);
void xinfoGroupsCommand(CommandContext &ctx);
void xinfoConsumersCommand(CommandContext &ctx);
void xinfoHelpCommand(CommandContext &ctx);

// ---- keys
struct StreamLookup {
    Stream *stream = nullptr; // nullptr: no such key (or another type)
    bool wrongType = false;
};
// A missing key gives no stream; a key of another type replies WRONGTYPE and sets wrongType.
StreamLookup lookupStream(CommandContext &ctx, const std::string &key);

// ---- arguments
// The argument as Redis's C code sees it (strcasecmp, strcmp): up to the first NUL byte.
std::string_view cstr(const std::string &arg);
// Case-insensitive option match with C-string semantics.
bool isOption(const std::string &arg, std::string_view name);
// An argument quoted in an error text (%s): cut at NUL, CR/LF turned into spaces.
std::string quoted(const std::string &arg);

// Strict id (no "-"/"+"), missing sequence 0; on failure replies the invalid-id error.
bool parseStrictIdOrReply(CommandContext &ctx, const std::string &arg, StreamId &out);
// Range bound with "(" exclusion, "-" and "+"; an exclusive bound is moved inwards.
// `isStart` picks the missing sequence (0 or max) and the direction. Replies on error.
bool parseRangeBoundOrReply(CommandContext &ctx, const std::string &arg, bool isStart, StreamId &out);
// Redis's getLongLongFromObjectOrReply: strict integer, else `error` (default
// "value is not an integer or out of range").
bool parseIntOrReply(CommandContext &ctx, const std::string &arg, std::int64_t &out, const char *error = nullptr);

// ---- replies
Reply idReply(StreamId id);
// [id, [field, value, ...]]
Reply entryReply(StreamId id, const std::vector<std::string_view> &fieldsValues);
// Entries of [start, end] in order (or reversed), at most `count` (0 = all).
Reply rangeReply(const Stream &s, StreamId start, StreamId end, std::size_t count, bool reverse);
// The entry as XCLAIM/XINFO show it: the entry, or a null bulk when it is gone.
Reply singleEntryReply(const Stream &s, StreamId id);

// The NOGROUP texts.
std::string noGroupError(const std::string &key, const std::string &group); // "No such key ... or consumer group ..."
std::string noGroupForKeyError(
    const std::string &key, const std::string &group); // "No such consumer group ... for key name ..."
// Redis's addReplySubcommandSyntaxError.
void subcommandSyntaxError(CommandContext &ctx);

// Adds a consumer to the group, emitting ConsumerCreated; returns it (existing or new).
StreamConsumer &consumerFor(CommandContext &ctx, const std::string &key, const std::string &groupName,
    StreamGroup &group, const std::string &name);

} // namespace ql::streamcmd

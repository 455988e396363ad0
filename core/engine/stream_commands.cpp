// The stream family's command table. Handlers live by sub-area:
//   stream_write_commands.cpp    XADD XTRIM XDEL XSETID
//   stream_read_commands.cpp     XLEN XRANGE XREVRANGE XREAD XREADGROUP
//   stream_group_commands.cpp    XGROUP * XACK
//   stream_pending_commands.cpp  XPENDING XCLAIM XAUTOCLAIM
//   stream_info_commands.cpp     XINFO *
// Arity, flags and key positions are Redis 7.0's COMMAND INFO.
#include "command_table.h"
#include "stream_command_util.h"

namespace ql {

void registerStreamCommands(std::vector<CommandSpec> &out)
{
    using namespace streamcmd;
    constexpr std::uint32_t kW = kCmdWrite;
    constexpr std::uint32_t kR = kCmdReadOnly;

    out.push_back({"xadd", -5, kW | kCmdDenyOom | kCmdFast,
        "key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]",
        "Appends a new entry to a stream", "stream", "5.0.0", 1, 1, 1, xaddCommand, {},
        "O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted."});
    out.push_back({"xlen", 2, kR | kCmdFast, "key", "Return the number of entries in a stream", "stream", "5.0.0", 1, 1,
        1, xlenCommand, {}, "O(1)"});
    out.push_back({"xrange", -4, kR, "key start end [COUNT count]",
        "Return a range of elements in a stream, with IDs matching the specified IDs interval", "stream", "5.0.0", 1, 1,
        1, xrangeCommand, {}, "O(N) with N being the number of elements being returned."});
    out.push_back({"xrevrange", -4, kR, "key end start [COUNT count]",
        "Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order "
        "(from greater to smaller IDs) compared to XRANGE",
        "stream", "5.0.0", 1, 1, 1, xrevrangeCommand, {}, "O(N) with N being the number of elements returned."});
    out.push_back({"xdel", -3, kW | kCmdFast, "key id [id ...]",
        "Removes the specified entries from the stream. Returns the number of items actually deleted, that may be "
        "different from the number of IDs passed in case certain IDs do not exist.",
        "stream", "5.0.0", 1, 1, 1, xdelCommand, {},
        "O(1) for each single item to delete in the stream, regardless of the stream size."});
    out.push_back({"xtrim", -4, kW, "key MAXLEN|MINID [=|~] threshold [LIMIT count]",
        "Trims the stream to (approximately if '~' is passed) a certain size", "stream", "5.0.0", 1, 1, 1, xtrimCommand,
        {}, "O(N), with N being the number of evicted entries."});
    out.push_back(
        {"xread", -4, kR | kCmdBlocking, "[COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]",
            "Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for "
            "each stream. Can block.",
            "stream", "5.0.0", 0, 0, 0, xreadCommand, {},
            "For each stream mentioned: O(N) with N being the number of elements being returned."});
    out.push_back({"xreadgroup", -7, kW | kCmdBlocking,
        "GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS key [key ...] id [id ...]",
        "Return new entries from a stream using a consumer group, or access the history of the pending entries for "
        "a given consumer. Can block.",
        "stream", "5.0.0", 0, 0, 0, xreadgroupCommand, {},
        "For each stream mentioned: O(M) with M being the number of elements returned."});
    out.push_back({"xack", -4, kW | kCmdFast, "key group id [id ...]",
        "Marks a pending message as correctly processed, effectively removing it from the pending entries list of "
        "the consumer group.",
        "stream", "5.0.0", 1, 1, 1, xackCommand, {}, "O(1) for each message ID processed."});
    out.push_back({"xpending", -3, kR, "key group [[IDLE min-idle-time] start end count [consumer]]",
        "Return information and entries from a stream consumer group pending entries list, that are messages "
        "fetched but never acknowledged.",
        "stream", "5.0.0", 1, 1, 1, xpendingCommand, {},
        "O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call "
        "is O(1)."});
    out.push_back({"xclaim", -6, kW | kCmdFast,
        "key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-time-milliseconds] [RETRYCOUNT count] "
        "[FORCE] [JUSTID] [LASTID id]",
        "Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the "
        "specified consumer.",
        "stream", "5.0.0", 1, 1, 1, xclaimCommand, {},
        "O(log N) with N being the number of messages in the PEL of the consumer group."});
    out.push_back({"xautoclaim", -6, kW | kCmdFast, "key group consumer min-idle-time start [COUNT count] [JUSTID]",
        "Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the "
        "specified consumer.",
        "stream", "6.2.0", 1, 1, 1, xautoclaimCommand, {}, "O(1) if COUNT is small."});
    out.push_back({"xsetid", -3, kW | kCmdDenyOom | kCmdFast,
        "key last-id [ENTRIESADDED entries_added] [MAXDELETEDID max_deleted_entry_id]",
        "An internal command for replicating stream values", "stream", "5.0.0", 1, 1, 1, xsetidCommand, {}, "O(1)"});

    std::vector<CommandSpec> group;
    group.push_back({"create", -5, kW | kCmdDenyOom, "key groupname id|$ [MKSTREAM] [ENTRIESREAD entries_read]",
        "Create a consumer group.", "stream", "5.0.0", 2, 2, 1, xgroupCreateCommand, {}, "O(1)"});
    group.push_back({"createconsumer", 5, kW | kCmdDenyOom, "key groupname consumername",
        "Create a consumer in a consumer group.", "stream", "6.2.0", 2, 2, 1, xgroupCreateConsumerCommand, {}, "O(1)"});
    group.push_back({"delconsumer", 5, kW, "key groupname consumername", "Delete a consumer from a consumer group.",
        "stream", "5.0.0", 2, 2, 1, xgroupDelConsumerCommand, {}, "O(1)"});
    group.push_back({"destroy", 4, kW, "key groupname", "Destroy a consumer group.", "stream", "5.0.0", 2, 2, 1,
        xgroupDestroyCommand, {}, "O(N) where N is the number of entries in the group's pending entries list (PEL)."});
    group.push_back({"help", 2, kCmdLoading | kCmdStale, "", "Show helpful text about the different subcommands",
        "stream", "5.0.0", 0, 0, 0, xgroupHelpCommand, {}, "O(1)"});
    group.push_back({"setid", -5, kW, "key groupname id|$ [ENTRIESREAD entries_read]",
        "Set a consumer group to an arbitrary last delivered ID value.", "stream", "5.0.0", 2, 2, 1, xgroupSetIdCommand,
        {}, "O(1)"});
    out.push_back({"xgroup", -2, 0, "subcommand [argument ...]", "A container for consumer groups commands", "stream",
        "5.0.0", 0, 0, 0, nullptr, std::move(group), "Depends on subcommand."});

    std::vector<CommandSpec> info;
    info.push_back({"consumers", 4, kR, "key groupname", "List the consumers in a consumer group", "stream", "5.0.0", 2,
        2, 1, xinfoConsumersCommand, {}, "O(1)"});
    info.push_back({"groups", 3, kR, "key", "List the consumer groups of a stream", "stream", "5.0.0", 2, 2, 1,
        xinfoGroupsCommand, {}, "O(1)"});
    info.push_back({"help", 2, kCmdLoading | kCmdStale, "", "Show helpful text about the different subcommands",
        "stream", "5.0.0", 0, 0, 0, xinfoHelpCommand, {}, "O(1)"});
    info.push_back({"stream", -3, kR, "key [FULL [COUNT count]]", "Get information about a stream", "stream", "5.0.0",
        2, 2, 1, xinfoStreamCommand, {}, "O(1)"});
    out.push_back({"xinfo", -2, 0, "subcommand [argument ...]", "A container for stream introspection commands",
        "stream", "5.0.0", 0, 0, 0, nullptr, std::move(info), "Depends on subcommand."});
}

} // namespace ql

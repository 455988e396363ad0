// Consumer group management: XGROUP CREATE / SETID / DESTROY / CREATECONSUMER /
// DELCONSUMER / HELP, and XACK.
#include "errors.h"
#include "stream_command_util.h"

namespace ql::streamcmd {
namespace {

// What every XGROUP subcommand but HELP resolves first, in Redis's order: options,
// key type, key existence (unless MKSTREAM), group existence for the subcommands that
// need one.
struct GroupTarget {
    Stream *stream = nullptr;
    StreamGroup *group = nullptr;
    bool mkstream = false;
    std::int64_t entriesRead = StreamGroup::kInvalidEntriesRead;
};

bool parseEntriesRead(CommandContext &ctx, const std::string &arg, std::int64_t &out)
{
    if (!parseIntOrReply(ctx, arg, out))
        return false;
    if (out < 0 && out != StreamGroup::kInvalidEntriesRead) {
        ctx.error(err::kStreamEntriesReadRange);
        return false;
    }
    return true;
}

bool parseCreateOptions(CommandContext &ctx, GroupTarget &t)
{
    const auto &argv = ctx.argv;
    for (std::size_t i = 5; i < argv.size();) {
        if (isOption(argv[i], "mkstream")) {
            t.mkstream = true;
            ++i;
        } else if (isOption(argv[i], "entriesread") && i + 1 < argv.size()) {
            if (!parseEntriesRead(ctx, argv[i + 1], t.entriesRead))
                return false;
            i += 2;
        } else {
            subcommandSyntaxError(ctx);
            return false;
        }
    }
    return true;
}

bool parseSetIdOptions(CommandContext &ctx, GroupTarget &t)
{
    const auto &argv = ctx.argv;
    if (argv.size() == 7) {
        if (!isOption(argv[5], "entriesread")) {
            subcommandSyntaxError(ctx);
            return false;
        }
        return parseEntriesRead(ctx, argv[6], t.entriesRead);
    }
    if (argv.size() != 5) {
        subcommandSyntaxError(ctx);
        return false;
    }
    return true;
}

bool resolve(CommandContext &ctx, GroupTarget &t, bool needsGroup)
{
    StreamLookup found = lookupStream(ctx, ctx.argv[2]);
    if (found.wrongType)
        return false;
    t.stream = found.stream;
    if (t.mkstream)
        return true;
    if (!t.stream) {
        ctx.error(err::kStreamGroupNeedsKey);
        return false;
    }
    t.group = t.stream->group(ctx.argv[3]);
    if (!t.group && needsGroup) {
        ctx.error(noGroupForKeyError(ctx.argv[2], ctx.argv[3]));
        return false;
    }
    return true;
}

} // namespace

// XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD entries-read]
void xgroupCreateCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    GroupTarget t;
    if (!parseCreateOptions(ctx, t) || !resolve(ctx, t, false))
        return;
    if (argv.size() > 8) {
        subcommandSyntaxError(ctx);
        return;
    }
    StreamId id;
    if (cstr(argv[4]) == "$")
        id = t.stream ? t.stream->lastId() : StreamId {};
    else if (!parseStrictIdOrReply(ctx, argv[4], id))
        return;
    if (!t.stream)
        t.stream = ctx.create(argv[2], ValueType::Stream).stream.get();
    if (!t.stream->createGroup(argv[3], id, t.entriesRead)) {
        ctx.error(err::kStreamBusyGroup);
        return;
    }
    Event &e = ctx.emit(EventKind::GroupCreated, argv[2]);
    e.text = argv[3];
    e.values.push_back(id.toString());
    ctx.ok();
}

// XGROUP SETID key group id|$ [ENTRIESREAD entries-read]
void xgroupSetIdCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    GroupTarget t;
    if (!parseSetIdOptions(ctx, t) || !resolve(ctx, t, true))
        return;
    StreamId id;
    if (cstr(argv[4]) == "$") {
        id = t.stream->lastId();
    } else {
        StreamIdParse p = parseStreamId(argv[4], 0, false);
        if (!p.ok) {
            ctx.error(err::kStreamBadId);
            return;
        }
        id = p.id;
    }
    t.group->setLastId(id);
    t.group->setEntriesRead(t.entriesRead);
    Event &e = ctx.emit(EventKind::GroupIdSet, argv[2]);
    e.text = argv[3];
    e.values.push_back(id.toString());
    ctx.ok();
}

// XGROUP DESTROY key group
void xgroupDestroyCommand(CommandContext &ctx)
{
    GroupTarget t;
    if (!resolve(ctx, t, false))
        return;
    if (!t.group) {
        ctx.reply(Reply::integer(0));
        return;
    }
    t.stream->destroyGroup(ctx.argv[3]);
    ctx.emit(EventKind::GroupDestroyed, ctx.argv[2]).text = ctx.argv[3];
    // Clients blocked in XREADGROUP on this group must learn that it is gone.
    ctx.signalReady(ctx.argv[2]);
    ctx.reply(Reply::integer(1));
}

// XGROUP CREATECONSUMER key group consumer
void xgroupCreateConsumerCommand(CommandContext &ctx)
{
    GroupTarget t;
    if (!resolve(ctx, t, true))
        return;
    if (!t.group->createConsumer(ctx.argv[4], ctx.now)) {
        ctx.reply(Reply::integer(0));
        return;
    }
    Event &e = ctx.emit(EventKind::ConsumerCreated, ctx.argv[2]);
    e.text = ctx.argv[3];
    e.values.push_back(ctx.argv[4]);
    ctx.reply(Reply::integer(1));
}

// XGROUP DELCONSUMER key group consumer
void xgroupDelConsumerCommand(CommandContext &ctx)
{
    GroupTarget t;
    if (!resolve(ctx, t, true))
        return;
    if (!t.group->consumer(ctx.argv[4])) {
        ctx.reply(Reply::integer(0));
        return;
    }
    std::size_t pending = t.group->deleteConsumer(ctx.argv[4]);
    Event &e = ctx.emit(EventKind::ConsumerDeleted, ctx.argv[2]);
    e.text = ctx.argv[3];
    e.values.push_back(ctx.argv[4]);
    e.number = static_cast<std::int64_t>(pending);
    ctx.reply(Reply::integer(static_cast<std::int64_t>(pending)));
}

// XGROUP HELP
void xgroupHelpCommand(CommandContext &ctx)
{
    static const char *const kLines[] = {
        "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CREATE <key> <groupname> <id|$> [option]",
        "    Create a new consumer group. Options are:",
        "    * MKSTREAM",
        "      Create the empty stream if it does not exist.",
        "    * ENTRIESREAD entries_read",
        "      Set the group's entries_read counter (internal use).",
        "CREATECONSUMER <key> <groupname> <consumer>",
        "    Create a new consumer in the specified group.",
        "DELCONSUMER <key> <groupname> <consumer>",
        "    Remove the specified consumer.",
        "DESTROY <key> <groupname>",
        "    Remove the specified group.",
        "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
        "    Set the current group ID and entries_read counter.",
        "HELP",
        "    Prints this help.",
    };
    ctx.reply(Reply::statusLines(kLines));
}

// XACK key group id [id ...]
void xackCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    StreamLookup found = lookupStream(ctx, argv[1]);
    if (found.wrongType)
        return;
    StreamGroup *group = found.stream ? found.stream->group(argv[2]) : nullptr;
    if (!group) {
        ctx.reply(Reply::integer(0));
        return;
    }
    // All ids are checked before any is acknowledged: all or nothing. (Parsed twice
    // rather than stored: XACK of one id is a hot path.)
    StreamId id;
    for (std::size_t j = 3; j < argv.size(); ++j)
        if (!parseStrictIdOrReply(ctx, argv[j], id))
            return;
    std::int64_t acked = 0;
    Event *ev = nullptr;
    for (std::size_t j = 3; j < argv.size(); ++j) {
        id = parseStreamId(argv[j], 0, true).id;
        if (!group->ack(id))
            continue;
        ++acked;
        if (!ev) {
            ev = &ctx.emit(EventKind::Acked, argv[1]);
            ev->text = argv[2];
            ev->values.reserve(argv.size() - 3);
        }
        ev->values.push_back(id.toString());
    }
    ctx.reply(Reply::integer(acked));
}

} // namespace ql::streamcmd

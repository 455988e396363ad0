// Stream introspection: XINFO STREAM [FULL [COUNT n]], XINFO GROUPS, XINFO CONSUMERS,
// XINFO HELP. Replies are maps (RESP2 shows them as flat arrays), as in Redis 7.0.
#include "errors.h"
#include "stream_command_util.h"

namespace ql::streamcmd {
namespace {

// Every XINFO subcommand but HELP starts with the key: missing -> "no such key".
Stream *infoStream(CommandContext &ctx)
{
    StreamLookup found = lookupStream(ctx, ctx.argv[2]);
    if (found.wrongType)
        return nullptr;
    if (!found.stream)
        ctx.error(err::kNoSuchKey);
    return found.stream;
}

Reply nullableInt(std::optional<std::int64_t> v)
{
    return v ? Reply::integer(*v) : Reply::nullBulk();
}

Reply entriesRead(const StreamGroup &g)
{
    return g.entriesRead() != StreamGroup::kInvalidEntriesRead ? Reply::integer(g.entriesRead()) : Reply::nullBulk();
}

void addStreamFacts(Reply &r, const Stream &s)
{
    r.addPair("length", Reply::integer(static_cast<std::int64_t>(s.length())));
    r.addPair("radix-tree-keys", Reply::integer(static_cast<std::int64_t>(s.nodeCount())));
    r.addPair("radix-tree-nodes", Reply::integer(static_cast<std::int64_t>(s.radixTreeNodes())));
    r.addPair("last-generated-id", idReply(s.lastId()));
    r.addPair("max-deleted-entry-id", idReply(s.maxDeletedId()));
    r.addPair("entries-added", Reply::integer(static_cast<std::int64_t>(s.entriesAdded())));
    r.addPair("recorded-first-entry-id", idReply(s.firstId()));
}

Reply fullConsumer(const StreamGroup &g, const StreamConsumer &c, std::size_t count)
{
    Reply m = Reply::map();
    m.addPair("name", Reply::bulk(c.name()));
    m.addPair("seen-time", Reply::integer(c.seenTime()));
    m.addPair("pel-count", Reply::integer(static_cast<std::int64_t>(c.pending().size())));
    Reply pending = Reply::array();
    for (const StreamId &id : c.pending()) {
        if (count && pending.items().size() >= count)
            break;
        const StreamNack *nack = g.findPending(id);
        Reply item = Reply::array();
        item.add(idReply(id));
        item.addInt(nack->deliveryTime);
        item.addInt(static_cast<std::int64_t>(nack->deliveryCount));
        pending.add(std::move(item));
    }
    m.addPair("pending", std::move(pending));
    return m;
}

Reply fullGroup(const Stream &s, const std::string &name, const StreamGroup &g, std::size_t count)
{
    Reply m = Reply::map();
    m.addPair("name", Reply::bulk(name));
    m.addPair("last-delivered-id", idReply(g.lastId()));
    m.addPair("entries-read", entriesRead(g));
    m.addPair("lag", nullableInt(s.lag(g)));
    m.addPair("pel-count", Reply::integer(static_cast<std::int64_t>(g.pel().size())));
    Reply pending = Reply::array();
    for (const auto &[id, nack] : g.pel()) {
        if (count && pending.items().size() >= count)
            break;
        Reply item = Reply::array();
        item.add(idReply(id));
        item.addBulk(nack.consumer ? nack.consumer->name() : std::string());
        item.addInt(nack.deliveryTime);
        item.addInt(static_cast<std::int64_t>(nack.deliveryCount));
        pending.add(std::move(item));
    }
    m.addPair("pending", std::move(pending));
    Reply consumers = Reply::array();
    for (const auto &[cname, c] : g.consumers())
        consumers.add(fullConsumer(g, *c, count));
    m.addPair("consumers", std::move(consumers));
    return m;
}

Reply streamFull(const Stream &s, std::size_t count)
{
    Reply r = Reply::map();
    addStreamFacts(r, s);
    r.addPair("entries", rangeReply(s, StreamId::min(), StreamId::max(), count, false));
    Reply groups = Reply::array();
    for (const auto &[name, g] : s.groups())
        groups.add(fullGroup(s, name, *g, count));
    r.addPair("groups", std::move(groups));
    return r;
}

Reply streamSummary(const Stream &s)
{
    Reply r = Reply::map();
    addStreamFacts(r, s);
    r.addPair("groups", Reply::integer(static_cast<std::int64_t>(s.groups().size())));
    Reply first = rangeReply(s, StreamId::min(), StreamId::max(), 1, false);
    Reply last = rangeReply(s, StreamId::min(), StreamId::max(), 1, true);
    r.addPair("first-entry", first.items().empty() ? Reply::nullBulk() : std::move(first.items()[0]));
    r.addPair("last-entry", last.items().empty() ? Reply::nullBulk() : std::move(last.items()[0]));
    return r;
}

} // namespace

// XINFO STREAM key [FULL [COUNT count]]
void xinfoStreamCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    Stream *s = infoStream(ctx);
    if (!s)
        return;
    if (argv.size() == 3) {
        ctx.reply(streamSummary(*s));
        return;
    }
    if (!isOption(argv[3], "full")) {
        subcommandSyntaxError(ctx);
        return;
    }
    std::int64_t count = 10;
    if (argv.size() > 4) {
        if (argv.size() != 6 || !isOption(argv[4], "count")) {
            subcommandSyntaxError(ctx);
            return;
        }
        if (!parseIntOrReply(ctx, argv[5], count))
            return;
        if (count < 0)
            count = 10;
    }
    ctx.reply(streamFull(*s, static_cast<std::size_t>(count)));
}

// XINFO GROUPS key
void xinfoGroupsCommand(CommandContext &ctx)
{
    Stream *s = infoStream(ctx);
    if (!s)
        return;
    Reply r = Reply::array();
    for (const auto &[name, g] : s->groups()) {
        Reply m = Reply::map();
        m.addPair("name", Reply::bulk(name));
        m.addPair("consumers", Reply::integer(static_cast<std::int64_t>(g->consumers().size())));
        m.addPair("pending", Reply::integer(static_cast<std::int64_t>(g->pel().size())));
        m.addPair("last-delivered-id", idReply(g->lastId()));
        m.addPair("entries-read", entriesRead(*g));
        m.addPair("lag", nullableInt(s->lag(*g)));
        r.add(std::move(m));
    }
    ctx.reply(std::move(r));
}

// XINFO CONSUMERS key group
void xinfoConsumersCommand(CommandContext &ctx)
{
    Stream *s = infoStream(ctx);
    if (!s)
        return;
    const StreamGroup *g = s->group(ctx.argv[3]);
    if (!g) {
        ctx.error(noGroupForKeyError(ctx.argv[2], ctx.argv[3]));
        return;
    }
    Reply r = Reply::array();
    for (const auto &[name, c] : g->consumers()) {
        std::int64_t idle = ctx.now - c->seenTime();
        Reply m = Reply::map();
        m.addPair("name", Reply::bulk(name));
        m.addPair("pending", Reply::integer(static_cast<std::int64_t>(c->pending().size())));
        m.addPair("idle", Reply::integer(idle < 0 ? 0 : idle));
        r.add(std::move(m));
    }
    ctx.reply(std::move(r));
}

// XINFO HELP
void xinfoHelpCommand(CommandContext &ctx)
{
    static const char *const kLines[] = {
        "XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CONSUMERS <key> <groupname>",
        "    Show consumers of <groupname>.",
        "GROUPS <key>",
        "    Show the stream consumer groups.",
        "STREAM <key> [FULL [COUNT <count>]",
        "    Show information about the stream.",
        "HELP",
        "    Prints this help.",
    };
    ctx.reply(Reply::statusLines(kLines));
}

} // namespace ql::streamcmd

// Stream reads: XLEN, XRANGE, XREVRANGE, XREAD and XREADGROUP (both may block).
#include "errors.h"
#include "number_parse.h"
#include "stream_command_util.h"

#include <algorithm>

namespace ql::streamcmd {
namespace {

// Redis's XREAD_BLOCKED_DEFAULT_COUNT: a client woken without COUNT gets at most this.
constexpr std::int64_t kBlockedDefaultCount = 1000;

void rangeGeneric(CommandContext &ctx, bool reverse)
{
    const auto &argv = ctx.argv;
    StreamId start, end;
    if (!parseRangeBoundOrReply(ctx, reverse ? argv[3] : argv[2], true, start)
        || !parseRangeBoundOrReply(ctx, reverse ? argv[2] : argv[3], false, end))
        return;
    std::int64_t count = -1;
    for (std::size_t j = 4; j < argv.size(); ++j) {
        if (isOption(argv[j], "count") && j + 1 < argv.size()) {
            if (!parseIntOrReply(ctx, argv[++j], count))
                return;
            if (count < 0)
                count = 0;
        } else {
            ctx.error(err::kSyntax);
            return;
        }
    }
    StreamLookup found = lookupStream(ctx, argv[1]);
    if (found.wrongType)
        return;
    if (!found.stream) {
        ctx.reply(Reply::array());
        return;
    }
    if (count == 0) {
        ctx.reply(Reply::nullArray());
        return;
    }
    ctx.reply(rangeReply(*found.stream, start, end, count < 0 ? 0 : static_cast<std::size_t>(count), reverse));
}

// Parsed XREAD / XREADGROUP arguments.
struct ReadArgs {
    std::int64_t timeoutMs = -1; // -1: no BLOCK
    std::int64_t count = 0; // 0: no limit
    std::size_t streamsArg = 0;
    std::size_t streams = 0;
    bool noack = false;
    const std::string *group = nullptr;
    const std::string *consumer = nullptr;
};

bool parseReadArgs(CommandContext &ctx, bool xreadgroup, ReadArgs &a)
{
    const auto &argv = ctx.argv;
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::size_t more = argv.size() - i - 1;
        if (isOption(argv[i], "block") && more) {
            TimeoutParse t = parseTimeoutMillis(argv[++i]);
            if (t.error) {
                ctx.error(t.error);
                return false;
            }
            a.timeoutMs = t.ms;
        } else if (isOption(argv[i], "count") && more) {
            if (!parseIntOrReply(ctx, argv[++i], a.count))
                return false;
            if (a.count < 0)
                a.count = 0;
        } else if (isOption(argv[i], "streams") && more) {
            a.streamsArg = i + 1;
            std::size_t n = argv.size() - a.streamsArg;
            if (n % 2 != 0) {
                ctx.error(err::kStreamUnbalanced); // 7.0 says XREAD and '$' for XREADGROUP too
                return false;
            }
            a.streams = n / 2;
            break;
        } else if (isOption(argv[i], "group") && more >= 2) {
            if (!xreadgroup) {
                ctx.error(err::kStreamGroupOnlyXreadgroup);
                return false;
            }
            a.group = &argv[i + 1];
            a.consumer = &argv[i + 2];
            i += 2;
        } else if (isOption(argv[i], "noack")) {
            if (!xreadgroup) {
                ctx.error(err::kStreamNoackOnlyXreadgroup);
                return false;
            }
            a.noack = true;
        } else {
            ctx.error(err::kSyntax);
            return false;
        }
    }
    if (a.streamsArg == 0) {
        ctx.error(err::kSyntax);
        return false;
    }
    if (xreadgroup && !a.group) {
        ctx.error(err::kStreamMissingGroup);
        return false;
    }
    return true;
}

// One stream to read: its key, the id to read after (StreamId::max() = '>'), its group.
struct ReadTarget {
    const std::string *key = nullptr;
    Stream *stream = nullptr;
    StreamGroup *group = nullptr;
    StreamId after;
};

// Buffers reused from call to call: XREADGROUP COUNT 1 is a hot path and should not
// allocate for its bookkeeping.
struct ReadScratch {
    std::vector<ReadTarget> targets;
    std::vector<std::string_view> fields;
};

ReadScratch &scratch()
{
    thread_local ReadScratch s;
    return s;
}

bool resolveTargets(CommandContext &ctx, const ReadArgs &a, std::vector<ReadTarget> &targets)
{
    const auto &argv = ctx.argv;
    targets.assign(a.streams, ReadTarget {}); // the buffer is reused: nothing stale may survive
    for (std::size_t k = 0; k < a.streams; ++k) {
        ReadTarget &t = targets[k];
        t.key = &argv[a.streamsArg + k];
        const std::string &idArg = argv[a.streamsArg + a.streams + k];
        StreamLookup found = lookupStream(ctx, *t.key);
        if (found.wrongType)
            return false;
        t.stream = found.stream;
        if (a.group) {
            if (!t.stream || !(t.group = t.stream->group(*a.group))) {
                ctx.error("NOGROUP No such key '" + quoted(*t.key) + "' or consumer group '" + quoted(*a.group)
                    + "' in XREADGROUP with GROUP option");
                return false;
            }
        }
        std::string_view id = cstr(idArg);
        if (id == "$") {
            if (a.group) {
                ctx.error(err::kStreamDollarInXreadgroup);
                return false;
            }
            t.after = t.stream ? t.stream->lastId() : StreamId {};
        } else if (id == ">") {
            if (!a.group) {
                ctx.error(err::kStreamGreaterInXread);
                return false;
            }
            t.after = StreamId::max();
        } else if (!parseStrictIdOrReply(ctx, idArg, t.after)) {
            return false;
        }
    }
    return true;
}

// New entries for the group's consumer (">"): moves the group cursor, fills the PELs.
Reply deliverNew(CommandContext &ctx, const ReadArgs &a, ReadTarget &t, StreamConsumer &consumer, StreamId start)
{
    Reply entries = Reply::array();
    const auto limit = static_cast<std::size_t>(a.count);
    entries.items().reserve(limit ? std::min<std::size_t>(limit, 64) : 8);
    Event *ev = nullptr;
    Stream::Iterator it(*t.stream, start, StreamId::max());
    StreamId id;
    std::vector<std::string_view> &fv = scratch().fields;
    while ((limit == 0 || entries.items().size() < limit) && it.next(id, fv)) {
        t.stream->advanceGroup(*t.group, id);
        entries.add(entryReply(id, fv));
        if (!a.noack)
            t.group->deliver(consumer, id, ctx.now);
        if (!ev) {
            ev = &ctx.emit(EventKind::GroupDelivered, *t.key);
            ev->text = *a.group;
            ev->values.reserve(1 + entries.items().capacity());
            ev->values.push_back(consumer.name());
            ev->number = a.noack ? 1 : 0;
        }
        ev->values.push_back(entries.items().back().items()[0].str());
    }
    return entries;
}

// The consumer's own pending entries after `start` (history read); entries deleted
// since come back as [id, nil]. The event comes even when nothing is delivered: the read
// still set the consumer's seen-time.
Reply deliverHistory(CommandContext &ctx, const ReadArgs &a, ReadTarget &t, StreamConsumer &consumer, StreamId start)
{
    Reply entries = Reply::array();
    Event &ev = ctx.emit(EventKind::GroupDelivered, *t.key);
    ev.text = *a.group;
    ev.values.push_back(consumer.name());
    ev.number = 2;
    const auto limit = static_cast<std::size_t>(a.count);
    const auto &pending = consumer.pending();
    std::vector<std::string_view> &fv = scratch().fields;
    for (auto it = pending.lower_bound(start); it != pending.end(); ++it) {
        if (limit && entries.items().size() >= limit)
            break;
        StreamId id = *it;
        Stream::Iterator one(*t.stream, id, id);
        StreamId found;
        if (one.next(found, fv)) {
            entries.add(entryReply(id, fv));
            t.group->redeliver(id, ctx.now);
            ev.values.push_back(id.toString());
        } else {
            Reply gone = Reply::array();
            gone.add(idReply(id));
            gone.add(Reply::nullArray());
            entries.add(std::move(gone));
        }
    }
    return entries;
}

// The argv a blocked client re-runs: '$' resolved, the wake-up COUNT made explicit.
std::vector<std::string> blockedArgv(CommandContext &ctx, const ReadArgs &a, const std::vector<ReadTarget> &targets)
{
    std::vector<std::string> out;
    out.reserve(8 + 2 * targets.size());
    out.push_back(ctx.argv[0]);
    if (a.group) {
        out.insert(out.end(), {"GROUP", *a.group, *a.consumer});
        if (a.noack)
            out.push_back("NOACK");
    }
    out.insert(out.end(), {"COUNT", formatInt(a.count ? a.count : kBlockedDefaultCount)});
    out.insert(out.end(), {"BLOCK", formatInt(a.timeoutMs), "STREAMS"});
    for (const ReadTarget &t : targets)
        out.push_back(*t.key);
    for (std::size_t k = 0; k < targets.size(); ++k) {
        const std::string &idArg = ctx.argv[a.streamsArg + a.streams + k];
        out.push_back(cstr(idArg) == "$" ? targets[k].after.toString() : idArg);
    }
    return out;
}

void block(CommandContext &ctx, const ReadArgs &a, const std::vector<ReadTarget> &targets)
{
    BlockRequest req;
    for (const ReadTarget &t : targets)
        req.keys.push_back(*t.key);
    req.db = ctx.client.db;
    req.deadlineMs = deadlineAfter(ctx.now, a.timeoutMs);
    req.argv = blockedArgv(ctx, a, targets);
    req.timeoutReply = Reply::nullArray();
    req.streamWait = true;
    Event &e = ctx.emit(EventKind::BlockRequested, {});
    e.values = req.keys;
    e.number = req.deadlineMs;
    ctx.result.block = std::move(req);
}

void readGeneric(CommandContext &ctx, bool xreadgroup)
{
    ReadArgs a;
    std::vector<ReadTarget> &targets = scratch().targets;
    if (!parseReadArgs(ctx, xreadgroup, a) || !resolveTargets(ctx, a, targets))
        return;
    const bool resp3 = ctx.client.protocol >= 3;
    Reply out = resp3 ? Reply::map() : Reply::array();
    out.items().reserve(resp3 ? 2 * targets.size() : targets.size());
    for (ReadTarget &t : targets) {
        if (!t.stream)
            continue;
        StreamId after = t.after;
        bool serve = false;
        bool history = false;
        if (t.group) {
            if (!after.isMax()) {
                serve = history = true;
            } else if (!t.stream->empty() && t.stream->lastEntryId().value_or(StreamId {}) > t.group->lastId()) {
                serve = true;
                after = t.group->lastId();
            }
        } else if (!t.stream->empty()) {
            serve = t.stream->lastEntryId().value_or(StreamId {}) > after;
        }
        if (!serve)
            continue;
        StreamId start = after;
        start.increment();
        Reply entries;
        if (t.group) {
            StreamConsumer &consumer = consumerFor(ctx, *t.key, *a.group, *t.group, *a.consumer);
            entries = history ? deliverHistory(ctx, a, t, consumer, start) : deliverNew(ctx, a, t, consumer, start);
        } else {
            entries = rangeReply(*t.stream, start, StreamId::max(), static_cast<std::size_t>(a.count), false);
        }
        if (resp3) {
            out.addBulk(*t.key);
            out.add(std::move(entries));
        } else {
            Reply pair = Reply::array();
            pair.items().reserve(2);
            pair.addBulk(*t.key);
            pair.add(std::move(entries));
            out.add(std::move(pair));
        }
    }
    if (!out.items().empty()) {
        ctx.reply(std::move(out));
        return;
    }
    if (a.timeoutMs != -1 && ctx.mayBlock) {
        block(ctx, a, targets);
        return;
    }
    ctx.reply(Reply::nullArray());
}

} // namespace

// XLEN key
void xlenCommand(CommandContext &ctx)
{
    StreamLookup found = lookupStream(ctx, ctx.argv[1]);
    if (found.wrongType)
        return;
    ctx.reply(Reply::integer(found.stream ? static_cast<std::int64_t>(found.stream->length()) : 0));
}

// XRANGE key start end [COUNT count]
void xrangeCommand(CommandContext &ctx)
{
    rangeGeneric(ctx, false);
}

// XREVRANGE key end start [COUNT count]
void xrevrangeCommand(CommandContext &ctx)
{
    rangeGeneric(ctx, true);
}

// XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]
void xreadCommand(CommandContext &ctx)
{
    readGeneric(ctx, false);
}

// XREADGROUP GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS key [key ...] id [id ...]
void xreadgroupCommand(CommandContext &ctx)
{
    readGeneric(ctx, true);
}

} // namespace ql::streamcmd

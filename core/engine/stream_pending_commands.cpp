// Pending entries: XPENDING (summary and extended form), XCLAIM, XAUTOCLAIM.
#include "errors.h"
#include "stream_command_util.h"

#include <limits>

namespace ql::streamcmd {
namespace {

// The stream and group of XPENDING/XCLAIM/XAUTOCLAIM, or the WRONGTYPE/NOGROUP error.
bool resolveGroup(CommandContext &ctx, Stream *&s, StreamGroup *&g)
{
    StreamLookup found = lookupStream(ctx, ctx.argv[1]);
    if (found.wrongType)
        return false;
    s = found.stream;
    g = s ? s->group(ctx.argv[2]) : nullptr;
    if (!g) {
        ctx.error(noGroupError(ctx.argv[1], ctx.argv[2]));
        return false;
    }
    return true;
}

Reply pendingSummary(const StreamGroup &g)
{
    Reply r = Reply::array();
    const auto &pel = g.pel();
    r.addInt(static_cast<std::int64_t>(pel.size()));
    if (pel.empty()) {
        r.add(Reply::nullBulk());
        r.add(Reply::nullBulk());
        r.add(Reply::nullArray());
        return r;
    }
    r.add(idReply(pel.begin()->first));
    r.add(idReply(pel.rbegin()->first));
    Reply consumers = Reply::array();
    for (const auto &[name, c] : g.consumers()) {
        if (c->pending().empty())
            continue;
        Reply pair = Reply::array();
        pair.addBulk(name);
        pair.addBulk(std::to_string(c->pending().size()));
        consumers.add(std::move(pair));
    }
    r.add(std::move(consumers));
    return r;
}

// Emits the events of a claim: the new owner's ids (number 1 with JUSTID, which leaves the
// delivery counts alone), and the PEL entries dropped because their stream entries are gone.
void emitClaims(
    CommandContext &ctx, const std::vector<std::string> &claimed, const std::vector<StreamId> &dropped, bool justId)
{
    const std::string &key = ctx.argv[1];
    if (!claimed.empty()) {
        Event &e = ctx.emit(EventKind::Claimed, key);
        e.text = ctx.argv[2];
        e.values.push_back(ctx.argv[3]);
        e.values.insert(e.values.end(), claimed.begin(), claimed.end());
        e.number = justId ? 1 : 0;
    }
    if (!dropped.empty()) {
        Event &e = ctx.emit(EventKind::PendingDropped, key);
        e.text = ctx.argv[2];
        for (const StreamId &id : dropped)
            e.values.push_back(id.toString());
    }
}

std::int64_t wrappingSub(std::int64_t a, std::int64_t b)
{
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}

struct ClaimOptions {
    std::int64_t minIdle = 0;
    std::int64_t deliveryTime = -1; // -1: IDLE/TIME not given
    std::int64_t retryCount = -1; // -1: RETRYCOUNT not given
    bool force = false;
    bool justId = false;
    StreamId lastId;
};

// The options after XCLAIM's ids, from argument `j` on.
bool parseClaimOptions(CommandContext &ctx, std::size_t j, ClaimOptions &o)
{
    const auto &argv = ctx.argv;
    for (; j < argv.size(); ++j) {
        const bool more = j + 1 < argv.size();
        if (isOption(argv[j], "force")) {
            o.force = true;
        } else if (isOption(argv[j], "justid")) {
            o.justId = true;
        } else if (isOption(argv[j], "idle") && more) {
            if (!parseIntOrReply(ctx, argv[++j], o.deliveryTime, err::kStreamXclaimIdle))
                return false;
            o.deliveryTime = wrappingSub(ctx.now, o.deliveryTime);
        } else if (isOption(argv[j], "time") && more) {
            if (!parseIntOrReply(ctx, argv[++j], o.deliveryTime, err::kStreamXclaimTime))
                return false;
        } else if (isOption(argv[j], "retrycount") && more) {
            if (!parseIntOrReply(ctx, argv[++j], o.retryCount, err::kStreamXclaimRetryCount))
                return false;
        } else if (isOption(argv[j], "lastid") && more) {
            if (!parseStrictIdOrReply(ctx, argv[++j], o.lastId))
                return false;
        } else {
            ctx.error("ERR Unrecognized XCLAIM option '" + quoted(argv[j]) + "'");
            return false;
        }
    }
    return true;
}

} // namespace

// XPENDING key group [[IDLE min-idle-time] start end count [consumer]]
void xpendingCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    const std::size_t argc = argv.size();
    if (argc != 3 && (argc < 6 || argc > 9)) {
        ctx.error(err::kSyntax);
        return;
    }
    std::int64_t minIdle = 0, count = 0;
    StreamId start, end;
    const std::string *consumerName = nullptr;
    if (argc >= 6) {
        std::size_t at = 3;
        if (isOption(argv[3], "idle")) {
            if (!parseIntOrReply(ctx, argv[4], minIdle))
                return;
            if (argc < 8) {
                ctx.error(err::kSyntax);
                return;
            }
            at += 2;
        }
        if (!parseIntOrReply(ctx, argv[at + 2], count))
            return;
        if (count < 0)
            count = 0;
        if (!parseRangeBoundOrReply(ctx, argv[at], true, start)
            || !parseRangeBoundOrReply(ctx, argv[at + 1], false, end))
            return;
        if (at + 3 < argc)
            consumerName = &argv[at + 3];
    }
    Stream *s = nullptr;
    StreamGroup *g = nullptr;
    if (!resolveGroup(ctx, s, g))
        return;
    if (argc == 3) {
        ctx.reply(pendingSummary(*g));
        return;
    }
    const StreamConsumer *consumer = nullptr;
    if (consumerName && !(consumer = g->consumer(*consumerName))) {
        ctx.reply(Reply::array());
        return;
    }
    Reply r = Reply::array();
    auto emit = [&](StreamId id, const StreamNack &nack) {
        std::int64_t idle = ctx.now - nack.deliveryTime;
        if (minIdle && idle < minIdle)
            return;
        --count;
        Reply item = Reply::array();
        item.add(idReply(id));
        item.addBulk(nack.consumer->name());
        item.addInt(idle < 0 ? 0 : idle);
        item.addInt(static_cast<std::int64_t>(nack.deliveryCount));
        r.add(std::move(item));
    };
    if (consumer) {
        for (auto it = consumer->pending().lower_bound(start); count && it != consumer->pending().end() && *it <= end;
             ++it)
            emit(*it, *g->findPending(*it));
    } else {
        for (auto it = g->pel().lower_bound(start); count && it != g->pel().end() && it->first <= end; ++it)
            emit(it->first, it->second);
    }
    ctx.reply(std::move(r));
}

// XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-time-milliseconds]
//        [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID lastid]
void xclaimCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    Stream *s = nullptr;
    StreamGroup *g = nullptr;
    if (!resolveGroup(ctx, s, g))
        return;
    ClaimOptions o;
    if (!parseIntOrReply(ctx, argv[4], o.minIdle, err::kStreamXclaimMinIdle))
        return;
    if (o.minIdle < 0)
        o.minIdle = 0;
    // Ids up to the first argument that is not one; the options follow.
    std::vector<StreamId> ids;
    std::size_t j = 5;
    for (; j < argv.size(); ++j) {
        StreamIdParse p = parseStreamId(argv[j], 0, true);
        if (!p.ok)
            break;
        ids.push_back(p.id);
    }
    if (!parseClaimOptions(ctx, j, o))
        return;
    if (o.lastId > g->lastId()) {
        g->setLastId(o.lastId);
        Event &e = ctx.emit(EventKind::GroupIdSet, argv[1]);
        e.text = argv[2];
        e.values.push_back(o.lastId.toString());
    }
    const std::int64_t now = ctx.now;
    if (o.deliveryTime < 0 || o.deliveryTime > now)
        o.deliveryTime = now;

    StreamConsumer *consumer = nullptr;
    Reply r = Reply::array();
    std::vector<std::string> claimed;
    std::vector<StreamId> dropped;
    for (const StreamId &id : ids) {
        const StreamNack *nack = g->findPending(id);
        if (!s->contains(id)) {
            if (nack) {
                g->ack(id);
                dropped.push_back(id);
            }
            continue;
        }
        if (o.force && !nack) {
            g->createUnowned(id, now);
            nack = g->findPending(id);
        }
        if (!nack)
            continue;
        if (nack->consumer && o.minIdle && now - nack->deliveryTime < o.minIdle)
            continue;
        if (!consumer)
            consumer = &consumerFor(ctx, argv[1], argv[2], *g, argv[3]);
        std::int64_t deliveries = o.retryCount >= 0 ? o.retryCount
            : o.justId                              ? -1
                                                    : static_cast<std::int64_t>(nack->deliveryCount + 1);
        g->claim(id, *consumer, o.deliveryTime, deliveries);
        r.add(o.justId ? idReply(id) : singleEntryReply(*s, id));
        claimed.push_back(id.toString());
    }
    emitClaims(ctx, claimed, dropped, o.justId);
    ctx.reply(std::move(r));
}

// XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]
void xautoclaimCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    std::int64_t minIdle = 0;
    if (!parseIntOrReply(ctx, argv[4], minIdle, err::kStreamXautoclaimMinIdle))
        return;
    if (minIdle < 0)
        minIdle = 0;
    StreamId start;
    if (!parseRangeBoundOrReply(ctx, argv[5], true, start))
        return;
    std::int64_t count = 100;
    bool justId = false;
    constexpr std::int64_t kMaxCount = std::numeric_limits<std::int64_t>::max() / 16;
    for (std::size_t j = 6; j < argv.size(); ++j) {
        if (isOption(argv[j], "count") && j + 1 < argv.size()) {
            if (!parseIntOrReply(ctx, argv[++j], count, err::kStreamXautoclaimCount))
                return;
            if (count < 1 || count > kMaxCount) {
                ctx.error(err::kStreamXautoclaimCount);
                return;
            }
        } else if (isOption(argv[j], "justid")) {
            justId = true;
        } else {
            ctx.error(err::kSyntax);
            return;
        }
    }
    Stream *s = nullptr;
    StreamGroup *g = nullptr;
    if (!resolveGroup(ctx, s, g))
        return;

    const std::int64_t now = ctx.now;
    std::int64_t attempts = count * 10;
    StreamConsumer *consumer = nullptr;
    Reply entries = Reply::array();
    std::vector<std::string> claimed;
    std::vector<StreamId> dropped;
    // `it` is always the next PEL entry not looked at: after the loop, the cursor.
    auto it = g->pel().lower_bound(start);
    while (attempts-- && count && it != g->pel().end()) {
        const StreamId id = it->first;
        const StreamNack nack = it->second;
        ++it;
        if (!s->contains(id)) {
            g->ack(id);
            dropped.push_back(id);
            --count;
            continue;
        }
        if (minIdle && now - nack.deliveryTime < minIdle)
            continue;
        if (!consumer)
            consumer = &consumerFor(ctx, argv[1], argv[2], *g, argv[3]);
        g->claim(id, *consumer, now, justId ? -1 : static_cast<std::int64_t>(nack.deliveryCount + 1));
        entries.add(justId ? idReply(id) : singleEntryReply(*s, id));
        claimed.push_back(id.toString());
        --count;
    }
    Reply r = Reply::array();
    r.add(idReply(it == g->pel().end() ? StreamId {} : it->first));
    r.add(std::move(entries));
    Reply deleted = Reply::array();
    for (const StreamId &id : dropped)
        deleted.add(idReply(id));
    r.add(std::move(deleted));
    emitClaims(ctx, claimed, dropped, justId);
    ctx.reply(std::move(r));
}

} // namespace ql::streamcmd

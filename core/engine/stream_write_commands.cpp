// Stream writes: XADD, XTRIM, XDEL, XSETID.
#include "errors.h"
#include "stream_command_util.h"

namespace ql::streamcmd {
namespace {

// What XADD and XTRIM accept before the id (Redis's streamParseAddOrTrimArgsOrReply).
struct AddTrimArgs {
    Stream::TrimSpec trim;
    bool noMkStream = false;
    bool idGiven = false;
    bool seqGiven = true;
    StreamId id;
    std::size_t idPos = 0; // XADD: the id argument ('*' or explicit)
};

bool parseThreshold(CommandContext &ctx, AddTrimArgs &a, std::size_t &i, std::size_t more)
{
    using Strategy = Stream::TrimSpec::Strategy;
    const auto &argv = ctx.argv;
    const bool byLength = isOption(argv[i], "maxlen");
    if (a.trim.strategy != Strategy::None) {
        ctx.error(err::kStreamMaxlenAndMinid);
        return false;
    }
    a.trim.approx = false;
    std::string_view next = cstr(argv[i + 1]);
    if (more >= 2 && next == "~") {
        a.trim.approx = true;
        ++i;
    } else if (more >= 2 && next == "=") {
        ++i;
    }
    if (byLength) {
        if (!parseIntOrReply(ctx, argv[i + 1], a.trim.maxLen))
            return false;
        if (a.trim.maxLen < 0) {
            ctx.error(err::kStreamMaxlenNegative);
            return false;
        }
        a.trim.strategy = Strategy::MaxLen;
    } else {
        if (!parseStrictIdOrReply(ctx, argv[i + 1], a.trim.minId))
            return false;
        a.trim.strategy = Strategy::MinId;
    }
    ++i;
    return true;
}

bool parseAddTrimArgs(CommandContext &ctx, bool xadd, AddTrimArgs &a)
{
    using Strategy = Stream::TrimSpec::Strategy;
    const auto &argv = ctx.argv;
    bool limitGiven = false;
    std::size_t i = 2;
    for (; i < argv.size(); ++i) {
        const std::size_t more = argv.size() - 1 - i;
        if (xadd && cstr(argv[i]) == "*")
            break;
        if ((isOption(argv[i], "maxlen") || isOption(argv[i], "minid")) && more) {
            if (!parseThreshold(ctx, a, i, more))
                return false;
        } else if (isOption(argv[i], "limit") && more) {
            if (!parseIntOrReply(ctx, argv[i + 1], a.trim.limit))
                return false;
            if (a.trim.limit < 0) {
                ctx.error(err::kStreamLimitNegative);
                return false;
            }
            limitGiven = true;
            ++i;
        } else if (xadd && isOption(argv[i], "nomkstream")) {
            a.noMkStream = true;
        } else if (xadd) {
            StreamIdParse p = parseStreamId(argv[i], 0, true, true);
            if (!p.ok) {
                ctx.error(err::kStreamBadId);
                return false;
            }
            a.id = p.id;
            a.seqGiven = p.seqGiven;
            a.idGiven = true;
            break;
        } else {
            ctx.error(err::kSyntax);
            return false;
        }
    }
    if (a.trim.limit && a.trim.strategy == Strategy::None) {
        ctx.error(err::kStreamLimitWithoutStrategy);
        return false;
    }
    if (!xadd && a.trim.strategy == Strategy::None) {
        ctx.error(err::kStreamXtrimWithoutStrategy);
        return false;
    }
    if (limitGiven) {
        if (!a.trim.approx) {
            ctx.error(err::kStreamLimitWithoutApprox);
            return false;
        }
    } else {
        // Without LIMIT, '~' trims at most 100 nodes' worth of entries; '=' has no limit.
        a.trim.limit = a.trim.approx ? 100 * static_cast<std::int64_t>(StreamNode::kMaxEntries) : 0;
    }
    a.idPos = i;
    return true;
}

void emitTrimmed(CommandContext &ctx, const std::string &key, const Stream::TrimSpec &spec, std::int64_t removed)
{
    if (removed <= 0)
        return;
    Event &e = ctx.emit(EventKind::StreamTrimmed, key);
    e.number = removed;
    e.text = spec.strategy == Stream::TrimSpec::Strategy::MaxLen ? "maxlen" : "minid";
}

} // namespace

// XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]
void xaddCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    const std::string &key = argv[1];
    AddTrimArgs a;
    if (!parseAddTrimArgs(ctx, true, a))
        return;
    const std::size_t fieldPos = a.idPos + 1;
    if (fieldPos > argv.size() || argv.size() - fieldPos < 2 || (argv.size() - fieldPos) % 2 == 1) {
        ctx.error(arityError("xadd"));
        return;
    }
    if (a.idGiven && a.seqGiven && a.id.isZero()) {
        ctx.error(err::kStreamIdZero);
        return;
    }
    StreamLookup found = lookupStream(ctx, key);
    if (found.wrongType)
        return;
    Stream *s = found.stream;
    if (!s) {
        if (a.noMkStream) {
            ctx.reply(Reply::nullBulk());
            return;
        }
        s = ctx.create(key, ValueType::Stream).stream.get();
    }
    if (s->exhausted()) {
        ctx.error(err::kStreamExhausted);
        return;
    }
    std::span<const std::string> fields(argv.data() + fieldPos, argv.size() - fieldPos);
    Stream::AddResult added = s->add(a.idGiven ? &a.id : nullptr, a.seqGiven, ctx.now, fields);
    if (added.status != Stream::AddStatus::Ok) {
        ctx.error(added.status == Stream::AddStatus::IdTooSmall ? err::kStreamIdTooSmall : err::kStreamTooLarge);
        return;
    }
    Reply id = idReply(added.id);
    Event &e = ctx.emit(EventKind::StreamAdded, key);
    e.text = id.str();
    e.values.assign(fields.begin(), fields.end());
    ctx.reply(std::move(id));
    if (a.trim.strategy != Stream::TrimSpec::Strategy::None)
        emitTrimmed(ctx, key, a.trim, s->trim(a.trim));
    ctx.signalReady(key);
}

// XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]
void xtrimCommand(CommandContext &ctx)
{
    AddTrimArgs a;
    if (!parseAddTrimArgs(ctx, false, a))
        return;
    StreamLookup found = lookupStream(ctx, ctx.argv[1]);
    if (found.wrongType)
        return;
    if (!found.stream) {
        ctx.reply(Reply::integer(0));
        return;
    }
    std::int64_t removed = found.stream->trim(a.trim);
    emitTrimmed(ctx, ctx.argv[1], a.trim, removed);
    ctx.reply(Reply::integer(removed));
}

// XDEL key id [id ...]
void xdelCommand(CommandContext &ctx)
{
    StreamLookup found = lookupStream(ctx, ctx.argv[1]);
    if (found.wrongType)
        return;
    if (!found.stream) {
        ctx.reply(Reply::integer(0));
        return;
    }
    std::vector<StreamId> ids(ctx.argv.size() - 2);
    for (std::size_t j = 2; j < ctx.argv.size(); ++j)
        if (!parseStrictIdOrReply(ctx, ctx.argv[j], ids[j - 2]))
            return;
    std::vector<StreamId> removed;
    found.stream->remove(ids, &removed);
    if (!removed.empty()) {
        Event &e = ctx.emit(EventKind::StreamDeleted, ctx.argv[1]);
        for (const StreamId &id : removed)
            e.values.push_back(id.toString());
    }
    ctx.reply(Reply::integer(static_cast<std::int64_t>(removed.size())));
}

// XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]
void xsetidCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    StreamId id;
    StreamId maxDeleted;
    std::int64_t entriesAdded = -1;
    if (!parseStrictIdOrReply(ctx, argv[2], id))
        return;
    for (std::size_t i = 3; i < argv.size(); i += 2) {
        const bool more = i + 1 < argv.size();
        if (isOption(argv[i], "entriesadded") && more) {
            if (!parseIntOrReply(ctx, argv[i + 1], entriesAdded))
                return;
            if (entriesAdded < 0) {
                ctx.error(err::kStreamEntriesAddedNegative);
                return;
            }
        } else if (isOption(argv[i], "maxdeletedid") && more) {
            if (!parseStrictIdOrReply(ctx, argv[i + 1], maxDeleted))
                return;
            if (id < maxDeleted) {
                ctx.error(err::kStreamSetIdBelowGivenMaxDeleted);
                return;
            }
        } else {
            ctx.error(err::kSyntax);
            return;
        }
    }
    StreamLookup found = lookupStream(ctx, argv[1]);
    if (found.wrongType)
        return;
    if (!found.stream) {
        ctx.error(err::kNoSuchKey);
        return;
    }
    switch (found.stream->setLastId(id, entriesAdded, maxDeleted)) {
    case Stream::SetIdStatus::SmallerThanTop: ctx.error(err::kStreamSetIdBelowTop); return;
    case Stream::SetIdStatus::EntriesAddedTooSmall: ctx.error(err::kStreamEntriesAddedBelowLength); return;
    case Stream::SetIdStatus::Ok: break;
    }
    Event &e = ctx.emit(EventKind::StreamIdSet, argv[1]);
    e.text = id.toString();
    ctx.ok();
}

} // namespace ql::streamcmd

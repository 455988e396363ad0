// Lists, edits away from the ends and searches: LSET, LINSERT, LREM, LTRIM, LPOS.
// Each mutation emits one ListChanged event; its values carry what a model of the list
// needs to replay it (see the comment over each handler).
#include "errors.h"
#include "list_command_util.h"
#include "number_parse.h"

namespace ql::list {
namespace {

// Redis does signed arithmetic that may wrap (LPOS RANK -9223372036854775808); do it
// on unsigned values so the wrap is defined and identical.
std::int64_t wrapNeg(std::int64_t v)
{
    return static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(v));
}
std::int64_t wrapSub(std::int64_t a, std::int64_t b)
{
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}

struct LposOptions {
    std::int64_t rank = 1;
    std::int64_t count = -1; // -1: no COUNT option, reply with a single index
    std::int64_t maxlen = 0;
};

bool parseLposOptions(CommandContext &ctx, LposOptions &o)
{
    const auto &argv = ctx.argv;
    for (std::size_t j = 3; j < argv.size(); ++j) {
        const bool moreArgs = j + 1 < argv.size();
        if (equalsIgnoreCase(argv[j], "rank") && moreArgs) {
            auto v = parseInt64(argv[++j]);
            if (!v) {
                ctx.error(err::kNotInteger);
                return false;
            }
            if (*v == 0) {
                ctx.error(err::kListRankZero);
                return false;
            }
            o.rank = *v;
        } else if (equalsIgnoreCase(argv[j], "count") && moreArgs) {
            auto v = parseInt64(argv[++j]);
            if (!v || *v < 0) {
                ctx.error(err::kListCountNegative);
                return false;
            }
            o.count = *v;
        } else if (equalsIgnoreCase(argv[j], "maxlen") && moreArgs) {
            auto v = parseInt64(argv[++j]);
            if (!v || *v < 0) {
                ctx.error(err::kListMaxlenNegative);
                return false;
            }
            o.maxlen = *v;
        } else {
            ctx.error(err::kSyntax);
            return false;
        }
    }
    return true;
}

} // namespace

// LSET key index element
// ListChanged "lset": values = {index (from the head), element}, number = 1.
void lsetCommand(CommandContext &ctx)
{
    const std::string &key = ctx.argv[1];
    Lookup found = lookupList(ctx, key);
    if (found.wrongType)
        return;
    if (!found.value) {
        ctx.error(err::kNoSuchKey);
        return;
    }
    auto index = parseInt64(ctx.argv[2]);
    if (!index) {
        ctx.error(err::kNotInteger);
        return;
    }
    PackedList &l = *found.value->list;
    std::int64_t i = *index < 0 ? *index + static_cast<std::int64_t>(l.size()) : *index;
    if (i < 0 || static_cast<std::uint64_t>(i) >= l.size()) {
        ctx.error(err::kOutOfRange);
        return;
    }
    l.set(static_cast<std::size_t>(i), ctx.argv[3]);
    Event &e = ctx.emit(EventKind::ListChanged, key);
    e.text = "lset";
    e.values = {formatInt(i), ctx.argv[3]};
    e.number = 1;
    ctx.ok();
}

// LINSERT key BEFORE|AFTER pivot element
// ListChanged "linsert": values = {index of the new element, element}, number = 1.
void linsertCommand(CommandContext &ctx)
{
    bool after;
    if (equalsIgnoreCase(ctx.argv[2], "after")) {
        after = true;
    } else if (equalsIgnoreCase(ctx.argv[2], "before")) {
        after = false;
    } else {
        ctx.error(err::kSyntax);
        return;
    }
    const std::string &key = ctx.argv[1];
    Lookup found = lookupList(ctx, key);
    if (found.wrongType)
        return;
    if (!found.value) {
        ctx.reply(Reply::integer(0));
        return;
    }
    PackedList &l = *found.value->list;
    const std::string &pivot = ctx.argv[3];
    std::size_t index = 0;
    bool seen = false;
    l.forEach([&](std::string_view v) {
        if (v == pivot) {
            seen = true;
            return false;
        }
        ++index;
        return true;
    });
    if (!seen) {
        ctx.reply(Reply::integer(-1));
        return;
    }
    if (after)
        ++index;
    l.insert(index, ctx.argv[4]);
    Event &e = ctx.emit(EventKind::ListChanged, key);
    e.text = "linsert";
    e.values = {formatInt(static_cast<std::int64_t>(index)), ctx.argv[4]};
    e.number = 1;
    ctx.reply(Reply::integer(static_cast<std::int64_t>(l.size())));
}

// LREM key count element
// ListChanged "lrem": values = {element, count as given}, number = elements removed.
void lremCommand(CommandContext &ctx)
{
    auto count = parseInt64(ctx.argv[2]);
    if (!count) {
        ctx.error(err::kNotInteger);
        return;
    }
    const std::string &key = ctx.argv[1];
    Lookup found = lookupList(ctx, key);
    if (found.wrongType)
        return;
    if (!found.value) {
        ctx.reply(Reply::integer(0));
        return;
    }
    const bool fromTail = *count < 0;
    const std::uint64_t limit = fromTail ? static_cast<std::uint64_t>(wrapNeg(*count)) : std::uint64_t(*count);
    std::size_t removed = found.value->list->removeEqual(ctx.argv[3], static_cast<std::size_t>(limit), fromTail);
    if (removed > 0) {
        Event &e = ctx.emit(EventKind::ListChanged, key);
        e.text = "lrem";
        e.values = {ctx.argv[3], ctx.argv[2]};
        e.number = static_cast<std::int64_t>(removed);
        ctx.removeIfEmptyList(key, *found.value);
    }
    ctx.reply(Reply::integer(static_cast<std::int64_t>(removed)));
}

// LTRIM key start stop
// ListChanged "ltrim": values = {first kept index, last kept index} in the old list
// ({"0", "-1"} when nothing is kept), number = elements removed.
void ltrimCommand(CommandContext &ctx)
{
    auto start = parseInt64(ctx.argv[2]);
    auto stop = parseInt64(ctx.argv[3]);
    if (!start || !stop) {
        ctx.error(err::kNotInteger);
        return;
    }
    const std::string &key = ctx.argv[1];
    Lookup found = lookupList(ctx, key);
    if (found.wrongType)
        return;
    if (!found.value) {
        ctx.ok();
        return;
    }
    PackedList &l = *found.value->list;
    const auto len = static_cast<std::int64_t>(l.size());
    std::int64_t s = *start < 0 ? len + *start : *start;
    std::int64_t e = *stop < 0 ? len + *stop : *stop;
    if (s < 0)
        s = 0;
    const bool keepNone = s > e || s >= len;
    if (!keepNone && e >= len)
        e = len - 1;
    const std::int64_t removed = keepNone ? len : len - (e - s + 1);
    if (removed > 0) {
        if (keepNone)
            l.clear();
        else
            l.trim(static_cast<std::size_t>(s), static_cast<std::size_t>(e));
        Event &ev = ctx.emit(EventKind::ListChanged, key);
        ev.text = "ltrim";
        ev.values
            = keepNone ? std::vector<std::string> {"0", "-1"} : std::vector<std::string> {formatInt(s), formatInt(e)};
        ev.number = removed;
        ctx.removeIfEmptyList(key, *found.value);
    }
    ctx.ok();
}

// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
void lposCommand(CommandContext &ctx)
{
    LposOptions o;
    if (!parseLposOptions(ctx, o))
        return;
    bool fromTail = false;
    if (o.rank < 0) {
        o.rank = wrapNeg(o.rank); // RANK -9223372036854775808 stays negative, as in Redis
        fromTail = true;
    }
    Lookup found = lookupList(ctx, ctx.argv[1]);
    if (found.wrongType)
        return;
    if (!found.value) {
        ctx.reply(o.count != -1 ? Reply::array() : Reply::nullBulk());
        return;
    }
    const PackedList &l = *found.value->list;
    const auto len = static_cast<std::int64_t>(l.size());
    const std::string &element = ctx.argv[2];
    std::vector<Reply> matches;
    std::int64_t seen = 0, index = 0;
    auto visit = [&](std::string_view v) {
        if (o.maxlen != 0 && index >= o.maxlen)
            return false;
        if (v == element) {
            ++seen;
            if (seen >= o.rank) {
                matches.push_back(Reply::integer(fromTail ? len - index - 1 : index));
                if (o.count == -1 || (o.count != 0 && wrapSub(seen, o.rank) + 1 >= o.count))
                    return false;
            }
        }
        ++index;
        return true;
    };
    if (fromTail)
        l.forEachReverse(visit);
    else
        l.forEach(visit);
    if (o.count != -1)
        ctx.reply(Reply::array(std::move(matches)));
    else
        ctx.reply(matches.empty() ? Reply::nullBulk() : std::move(matches.front()));
}

} // namespace ql::list

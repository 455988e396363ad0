// Lists, blocking forms: BLPOP, BRPOP, BRPOPLPUSH, BLMOVE, BLMPOP.
//
// Arguments (and the timeout) are checked first: errors win over blocking. With data they
// answer exactly like LPOP/RPOP, LMOVE and LMPOP. With nothing to pop they ask the broker
// to block the client (list::block) on the keys until the deadline; the broker re-runs the
// same argv when a key is signalled ready and answers a null array on timeout. Inside
// MULTI (ctx.mayBlock false) they answer at once as Redis 7.0 does: a null array, except
// BLMOVE and BRPOPLPUSH, which answer a null bulk there.
#include "errors.h"
#include "list_command_util.h"
#include "number_parse.h"

namespace ql::list {
namespace {

// BLPOP / BRPOP key [key ...] timeout
void blockingPopGeneric(CommandContext &ctx, End end)
{
    std::int64_t deadline = 0;
    if (!parseTimeout(ctx, ctx.argv.back(), deadline))
        return;
    const std::size_t lastKey = ctx.argv.size() - 2;
    for (std::size_t j = 1; j <= lastKey; ++j) {
        const std::string &key = ctx.argv[j];
        Lookup found = lookupList(ctx, key);
        if (found.wrongType)
            return;
        if (!found.value)
            continue;
        std::vector<std::string> popped = popElements(ctx, key, *found.value, end, 1);
        ctx.reply(Reply::array({Reply::bulk(key), Reply::bulk(std::move(popped.front()))}));
        return;
    }
    if (!ctx.mayBlock) {
        ctx.reply(Reply::nullArray());
        return;
    }
    block(ctx, std::vector<std::string>(ctx.argv.begin() + 1, ctx.argv.begin() + 1 + lastKey), deadline);
}

// BLMOVE / BRPOPLPUSH once the ends and the timeout are parsed.
void blockingMoveGeneric(CommandContext &ctx, End from, End to, std::int64_t deadline)
{
    const std::string &source = ctx.argv[1];
    Lookup src = lookupList(ctx, source);
    if (src.wrongType)
        return;
    if (src.value) {
        moveGeneric(ctx, from, to);
        return;
    }
    if (!ctx.mayBlock) {
        ctx.reply(Reply::nullBulk());
        return;
    }
    block(ctx, {source}, deadline);
}

} // namespace

// BLPOP key [key ...] timeout
void blpopCommand(CommandContext &ctx)
{
    blockingPopGeneric(ctx, End::Left);
}

// BRPOP key [key ...] timeout
void brpopCommand(CommandContext &ctx)
{
    blockingPopGeneric(ctx, End::Right);
}

// BRPOPLPUSH source destination timeout
void brpoplpushCommand(CommandContext &ctx)
{
    std::int64_t deadline = 0;
    if (!parseTimeout(ctx, ctx.argv[3], deadline))
        return;
    blockingMoveGeneric(ctx, End::Right, End::Left, deadline);
}

// BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout
void blmoveCommand(CommandContext &ctx)
{
    auto from = parseEnd(ctx.argv[3]);
    auto to = parseEnd(ctx.argv[4]);
    if (!from || !to) {
        ctx.error(err::kSyntax);
        return;
    }
    std::int64_t deadline = 0;
    if (!parseTimeout(ctx, ctx.argv[5], deadline))
        return;
    blockingMoveGeneric(ctx, *from, *to, deadline);
}

// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]
void blmpopCommand(CommandContext &ctx)
{
    MpopArgs a;
    if (!parseMpopArgs(ctx, 2, a))
        return;
    std::int64_t deadline = 0;
    if (!parseTimeout(ctx, ctx.argv[1], deadline))
        return;
    MpopResult r = mpopServe(ctx, a);
    if (r != MpopResult::NothingToPop)
        return;
    if (!ctx.mayBlock) {
        ctx.reply(Reply::nullArray());
        return;
    }
    block(ctx,
        std::vector<std::string>(ctx.argv.begin() + static_cast<std::ptrdiff_t>(a.firstKey),
            ctx.argv.begin() + static_cast<std::ptrdiff_t>(a.firstKey + a.numKeys)),
        deadline);
}

} // namespace ql::list

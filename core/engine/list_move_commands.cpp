// Lists, moves between lists and pops across keys: RPOPLPUSH, LMOVE, LMPOP. The blocking
// forms in list_blocking_commands.cpp share moveGeneric, parseMpopArgs and mpopServe.
#include "errors.h"
#include "list_command_util.h"
#include "number_parse.h"

namespace ql::list {

void moveGeneric(CommandContext &ctx, End from, End to)
{
    const std::string &source = ctx.argv[1];
    const std::string &destination = ctx.argv[2];
    Lookup src = lookupList(ctx, source);
    if (src.wrongType)
        return;
    if (!src.value) {
        ctx.reply(Reply::nullBulk());
        return;
    }
    Lookup dst = lookupList(ctx, destination);
    if (dst.wrongType)
        return;
    ctx.reply(Reply::bulk(moveElement(ctx, source, *src.value, destination, dst.value, from, to)));
}

bool parseMpopArgs(CommandContext &ctx, std::size_t numkeysIndex, MpopArgs &out)
{
    const auto &argv = ctx.argv;
    auto numkeys = parseInt64(argv[numkeysIndex]);
    if (!numkeys || *numkeys < 1) {
        ctx.error(err::kNumkeysPositive);
        return false;
    }
    // The direction follows the keys; too few arguments for numkeys is a syntax error.
    if (static_cast<std::uint64_t>(*numkeys) >= argv.size() - numkeysIndex - 1) {
        ctx.error(err::kSyntax);
        return false;
    }
    out.firstKey = numkeysIndex + 1;
    out.numKeys = static_cast<std::size_t>(*numkeys);
    const std::size_t whereIndex = out.firstKey + out.numKeys;
    auto end = parseEnd(argv[whereIndex]);
    if (!end) {
        ctx.error(err::kSyntax);
        return false;
    }
    out.end = *end;
    bool countSeen = false;
    for (std::size_t j = whereIndex + 1; j < argv.size(); ++j) {
        const bool moreArgs = j + 1 < argv.size();
        if (!countSeen && equalsIgnoreCase(argv[j], "count") && moreArgs) {
            auto c = parseInt64(argv[++j]);
            if (!c || *c < 1) {
                ctx.error(err::kCountPositive);
                return false;
            }
            out.count = *c;
            countSeen = true;
        } else {
            ctx.error(err::kSyntax);
            return false;
        }
    }
    return true;
}

MpopResult mpopServe(CommandContext &ctx, const MpopArgs &a)
{
    for (std::size_t i = a.firstKey; i < a.firstKey + a.numKeys; ++i) {
        const std::string &key = ctx.argv[i];
        Lookup found = lookupList(ctx, key);
        if (found.wrongType)
            return MpopResult::Error;
        if (!found.value)
            continue;
        std::vector<std::string> popped = popElements(ctx, key, *found.value, a.end, static_cast<std::size_t>(a.count));
        std::vector<Reply> items;
        items.reserve(popped.size());
        for (auto &s : popped)
            items.push_back(Reply::bulk(std::move(s)));
        ctx.reply(Reply::array({Reply::bulk(key), Reply::array(std::move(items))}));
        return MpopResult::Served;
    }
    return MpopResult::NothingToPop;
}

// RPOPLPUSH source destination
void rpoplpushCommand(CommandContext &ctx)
{
    moveGeneric(ctx, End::Right, End::Left);
}

// LMOVE source destination LEFT|RIGHT LEFT|RIGHT
void lmoveCommand(CommandContext &ctx)
{
    auto from = parseEnd(ctx.argv[3]);
    auto to = parseEnd(ctx.argv[4]);
    if (!from || !to) {
        ctx.error(err::kSyntax);
        return;
    }
    moveGeneric(ctx, *from, *to);
}

// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]
void lmpopCommand(CommandContext &ctx)
{
    MpopArgs a;
    if (!parseMpopArgs(ctx, 1, a))
        return;
    if (mpopServe(ctx, a) == MpopResult::NothingToPop)
        ctx.reply(Reply::nullArray());
}

} // namespace ql::list

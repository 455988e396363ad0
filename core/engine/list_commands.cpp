// Lists: the family's command table and the end operations (push, pop, length, reads).
// Middle edits live in list_edit_commands.cpp, moves and multi-key pops in
// list_move_commands.cpp, the blocking forms in list_blocking_commands.cpp. The value is a
// PackedList; a list that becomes empty is deleted, as Redis does.
#include "errors.h"
#include "list_command_util.h"
#include "number_parse.h"

namespace ql {
namespace list {
namespace {

void pushGeneric(CommandContext &ctx, End end, bool onlyIfExists)
{
    const std::string &key = ctx.argv[1];
    Lookup found = lookupList(ctx, key);
    if (found.wrongType)
        return;
    Value *v = found.value;
    if (!v) {
        if (onlyIfExists) {
            ctx.reply(Reply::integer(0));
            return;
        }
        v = &ctx.create(key, ValueType::List);
    }
    PackedList &l = *v->list;
    Event &e = ctx.emit(EventKind::Pushed, key);
    e.text = endName(end);
    e.values.reserve(ctx.argv.size() - 2);
    for (std::size_t j = 2; j < ctx.argv.size(); ++j) {
        if (end == End::Left)
            l.pushFront(ctx.argv[j]);
        else
            l.pushBack(ctx.argv[j]);
        e.values.push_back(ctx.argv[j]);
    }
    ctx.reply(Reply::integer(static_cast<std::int64_t>(l.size())));
    ctx.signalReady(key);
}

void popGeneric(CommandContext &ctx, End end)
{
    if (ctx.argv.size() > 3) {
        ctx.error(arityError(ctx.spec.name));
        return;
    }
    const bool hasCount = ctx.argv.size() == 3;
    std::int64_t count = 1;
    if (hasCount) {
        auto c = parseInt64(ctx.argv[2]);
        if (!c || *c < 0) {
            ctx.error(err::kMustBePositive);
            return;
        }
        count = *c;
    }
    const std::string &key = ctx.argv[1];
    Lookup found = lookupList(ctx, key);
    if (found.wrongType)
        return;
    if (!found.value) {
        ctx.reply(hasCount ? Reply::nullArray() : Reply::nullBulk());
        return;
    }
    if (hasCount && count == 0) {
        ctx.reply(Reply::array());
        return;
    }
    std::vector<std::string> popped = popElements(ctx, key, *found.value, end, static_cast<std::size_t>(count));
    if (!hasCount) {
        ctx.reply(Reply::bulk(std::move(popped.front())));
        return;
    }
    std::vector<Reply> items;
    items.reserve(popped.size());
    for (auto &s : popped)
        items.push_back(Reply::bulk(std::move(s)));
    ctx.reply(Reply::array(std::move(items)));
}

// Redis index arithmetic: negative counts from the end; nullopt when outside the list.
std::optional<std::size_t> resolveIndex(std::int64_t index, std::size_t size)
{
    if (index < 0)
        index += static_cast<std::int64_t>(size);
    if (index < 0 || static_cast<std::uint64_t>(index) >= size)
        return std::nullopt;
    return static_cast<std::size_t>(index);
}

} // namespace

// LPUSH key element [element ...]
void lpushCommand(CommandContext &ctx)
{
    pushGeneric(ctx, End::Left, false);
}

// RPUSH key element [element ...]
void rpushCommand(CommandContext &ctx)
{
    pushGeneric(ctx, End::Right, false);
}

// LPUSHX key element [element ...]
void lpushxCommand(CommandContext &ctx)
{
    pushGeneric(ctx, End::Left, true);
}

// RPUSHX key element [element ...]
void rpushxCommand(CommandContext &ctx)
{
    pushGeneric(ctx, End::Right, true);
}

// LPOP key [count]
void lpopCommand(CommandContext &ctx)
{
    popGeneric(ctx, End::Left);
}

// RPOP key [count]
void rpopCommand(CommandContext &ctx)
{
    popGeneric(ctx, End::Right);
}

// LLEN key
void llenCommand(CommandContext &ctx)
{
    Lookup found = lookupList(ctx, ctx.argv[1]);
    if (found.wrongType)
        return;
    ctx.reply(Reply::integer(found.value ? static_cast<std::int64_t>(found.value->list->size()) : 0));
}

// LRANGE key start stop
void lrangeCommand(CommandContext &ctx)
{
    auto start = parseInt64(ctx.argv[2]);
    auto stop = parseInt64(ctx.argv[3]);
    if (!start || !stop) {
        ctx.error(err::kNotInteger);
        return;
    }
    Lookup found = lookupList(ctx, ctx.argv[1]);
    if (found.wrongType)
        return;
    if (!found.value) {
        ctx.reply(Reply::array());
        return;
    }
    const PackedList &l = *found.value->list;
    const auto len = static_cast<std::int64_t>(l.size());
    std::int64_t s = *start < 0 ? len + *start : *start;
    std::int64_t e = *stop < 0 ? len + *stop : *stop;
    if (s < 0)
        s = 0;
    if (s > e || s >= len) {
        ctx.reply(Reply::array());
        return;
    }
    std::vector<std::string> els = l.range(static_cast<std::size_t>(s), static_cast<std::size_t>(e));
    std::vector<Reply> items;
    items.reserve(els.size());
    for (auto &el : els)
        items.push_back(Reply::bulk(std::move(el)));
    ctx.reply(Reply::array(std::move(items)));
}

// LINDEX key index
void lindexCommand(CommandContext &ctx)
{
    Lookup found = lookupList(ctx, ctx.argv[1]);
    if (found.wrongType)
        return;
    if (!found.value) {
        ctx.reply(Reply::nullBulk());
        return;
    }
    auto index = parseInt64(ctx.argv[2]);
    if (!index) {
        ctx.error(err::kNotInteger);
        return;
    }
    const PackedList &l = *found.value->list;
    auto at = resolveIndex(*index, l.size());
    ctx.reply(at ? Reply::bulk(l.at(*at)) : Reply::nullBulk());
}

} // namespace list

void registerListCommands(std::vector<CommandSpec> &out)
{
    using namespace list;
    constexpr std::uint32_t kW = kCmdWrite, kR = kCmdReadOnly, kOom = kCmdDenyOom, kFast = kCmdFast,
                            kBlock = kCmdBlocking | kCmdNoScript;
    const char *pushCost
        = "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.";
    const char *popCost = "O(N) where N is the number of elements returned";
    const char *mpopCost = "O(N+M) where N is the number of provided keys and M is the number of elements returned.";
    const char *bpopCost = "O(N) where N is the number of provided keys.";
    const char *moveSummary = "Pop an element from a list, push it to another list and return it";
    const char *bmoveSummary
        = "Pop an element from a list, push it to another list and return it; or block until one is available";

    out.push_back({"lpush", -3, kW | kOom | kFast, "key element [element ...]",
        "Prepend one or multiple elements to a list", "list", "1.0.0", 1, 1, 1, lpushCommand, {}, pushCost});
    out.push_back({"rpush", -3, kW | kOom | kFast, "key element [element ...]",
        "Append one or multiple elements to a list", "list", "1.0.0", 1, 1, 1, rpushCommand, {}, pushCost});
    out.push_back({"lpushx", -3, kW | kOom | kFast, "key element [element ...]",
        "Prepend an element to a list, only if the list exists", "list", "2.2.0", 1, 1, 1, lpushxCommand, {},
        pushCost});
    out.push_back({"rpushx", -3, kW | kOom | kFast, "key element [element ...]",
        "Append an element to a list, only if the list exists", "list", "2.2.0", 1, 1, 1, rpushxCommand, {}, pushCost});
    out.push_back({"lpop", -2, kW | kFast, "key [count]", "Remove and get the first elements in a list", "list",
        "1.0.0", 1, 1, 1, lpopCommand, {}, popCost});
    out.push_back({"rpop", -2, kW | kFast, "key [count]", "Remove and get the last elements in a list", "list", "1.0.0",
        1, 1, 1, rpopCommand, {}, popCost});
    out.push_back(
        {"llen", 2, kR | kFast, "key", "Get the length of a list", "list", "1.0.0", 1, 1, 1, llenCommand, {}, "O(1)"});
    out.push_back({"lrange", 4, kR, "key start stop", "Get a range of elements from a list", "list", "1.0.0", 1, 1, 1,
        lrangeCommand, {},
        "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD "
        "or TAIL) for large lists; and N is the number of elements in the specified range."});
    out.push_back({"lindex", 3, kR, "key index", "Get an element from a list by its index", "list", "1.0.0", 1, 1, 1,
        lindexCommand, {},
        "O(N) where N is the number of elements to traverse to get to the element at index. This makes "
        "asking for the first or the last element of the list O(1)."});
    out.push_back({"lset", 4, kW | kOom, "key index element", "Set the value of an element in a list by its index",
        "list", "1.0.0", 1, 1, 1, lsetCommand, {},
        "O(N) where N is the length of the list. Setting either the first or the last element of the list "
        "is O(1)."});
    out.push_back({"linsert", 5, kW | kOom, "key BEFORE|AFTER pivot element",
        "Insert an element before or after another element in a list", "list", "2.2.0", 1, 1, 1, linsertCommand, {},
        "O(N) where N is the number of elements to traverse before seeing the value pivot. This means that "
        "inserting somewhere on the left end on the list (head) can be considered O(1) and inserting "
        "somewhere on the right end (tail) is O(N)."});
    out.push_back({"lrem", 4, kW, "key count element", "Remove elements from a list", "list", "1.0.0", 1, 1, 1,
        lremCommand, {}, "O(N+M) where N is the length of the list and M is the number of elements removed."});
    out.push_back({"ltrim", 4, kW, "key start stop", "Trim a list to the specified range", "list", "1.0.0", 1, 1, 1,
        ltrimCommand, {}, "O(N) where N is the number of elements to be removed by the operation."});
    out.push_back({"lpos", -3, kR, "key element [RANK rank] [COUNT num-matches] [MAXLEN len]",
        "Return the index of matching elements on a list", "list", "6.0.6", 1, 1, 1, lposCommand, {},
        "O(N) where N is the number of elements in the list, for the average case. When searching for "
        "elements near the head or the tail of the list, or when the MAXLEN option is provided, the "
        "command may run in constant time."});
    out.push_back({"rpoplpush", 3, kW | kOom, "source destination",
        "Remove the last element in a list, prepend it to another list and return it", "list", "1.2.0", 1, 2, 1,
        rpoplpushCommand, {}, "O(1)"});
    out.push_back({"lmove", 5, kW | kOom, "source destination LEFT|RIGHT LEFT|RIGHT", moveSummary, "list", "6.2.0", 1,
        2, 1, lmoveCommand, {}, "O(1)"});
    out.push_back({"lmpop", -4, kW, "numkeys key [key ...] LEFT|RIGHT [COUNT count]", "Pop elements from a list",
        "list", "7.0.0", 0, 0, 0, lmpopCommand, {}, mpopCost});
    out.push_back({"blpop", -3, kW | kBlock, "key [key ...] timeout",
        "Remove and get the first element in a list, or block until one is available", "list", "2.0.0", 1, -2, 1,
        blpopCommand, {}, bpopCost});
    out.push_back({"brpop", -3, kW | kBlock, "key [key ...] timeout",
        "Remove and get the last element in a list, or block until one is available", "list", "2.0.0", 1, -2, 1,
        brpopCommand, {}, bpopCost});
    out.push_back({"brpoplpush", 4, kW | kOom | kBlock, "source destination timeout", bmoveSummary, "list", "2.2.0", 1,
        2, 1, brpoplpushCommand, {}, "O(1)"});
    out.push_back({"blmove", 6, kW | kOom | kBlock, "source destination LEFT|RIGHT LEFT|RIGHT timeout", bmoveSummary,
        "list", "6.2.0", 1, 2, 1, blmoveCommand, {}, "O(1)"});
    out.push_back({"blmpop", -5, kW | kCmdBlocking, "timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]",
        "Pop elements from a list, or block until one is available", "list", "7.0.0", 0, 0, 0, blmpopCommand, {},
        mpopCost});
}

} // namespace ql

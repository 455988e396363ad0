#include "list_command_util.h"

#include "errors.h"
#include "number_parse.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace ql::list {

std::optional<End> parseEnd(std::string_view s)
{
    if (equalsIgnoreCase(s, "left"))
        return End::Left;
    if (equalsIgnoreCase(s, "right"))
        return End::Right;
    return std::nullopt;
}

Lookup lookupList(CommandContext &ctx, const std::string &key)
{
    Value *v = ctx.lookup(key);
    if (v && v->type != ValueType::List) {
        ctx.error(err::kWrongType);
        return {nullptr, true};
    }
    return {v, false};
}

std::vector<std::string> popElements(
    CommandContext &ctx, const std::string &key, Value &list, End end, std::size_t count)
{
    PackedList &l = *list.list;
    count = std::min(count, l.size());
    std::vector<std::string> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        out.push_back(end == End::Left ? l.popFront() : l.popBack());
    Event &e = ctx.emit(EventKind::Popped, key);
    e.text = endName(end);
    e.values = out;
    ctx.removeIfEmptyList(key, list);
    return out;
}

std::string moveElement(CommandContext &ctx, const std::string &source, Value &sourceList,
    const std::string &destination, Value *destinationList, End from, End to)
{
    std::string element = from == End::Left ? sourceList.list->popFront() : sourceList.list->popBack();
    if (!destinationList)
        destinationList = &ctx.create(destination, ValueType::List);
    if (to == End::Left)
        destinationList->list->pushFront(element);
    else
        destinationList->list->pushBack(element);
    Event &e = ctx.emit(EventKind::ListMoved, source);
    e.text = destination;
    e.values = {element, endName(from), endName(to)};
    // A source that is also the destination is never empty here.
    ctx.removeIfEmptyList(source, sourceList);
    ctx.signalReady(destination);
    return element;
}

bool parseTimeout(CommandContext &ctx, const std::string &arg, std::int64_t &deadline)
{
    TimeoutParse t = parseTimeoutSeconds(arg);
    if (t.error) {
        ctx.error(t.error);
        return false;
    }
    deadline = deadlineAfter(ctx.now, t.ms);
    return true;
}

void block(CommandContext &ctx, const std::vector<std::string> &keys, std::int64_t deadline)
{
    BlockRequest req;
    req.keys.reserve(keys.size());
    for (const auto &k : keys)
        if (std::find(req.keys.begin(), req.keys.end(), k) == req.keys.end())
            req.keys.push_back(k);
    req.db = ctx.client.db;
    req.deadlineMs = deadline;
    req.argv = ctx.argv;
    req.timeoutReply = Reply::nullArray();
    Event &e = ctx.emit(EventKind::BlockRequested, std::string());
    e.values = req.keys;
    e.number = deadline;
    ctx.result.block = std::move(req);
}

} // namespace ql::list

#include "stream_command_util.h"

#include "errors.h"
#include "number_parse.h"

namespace ql::streamcmd {

StreamLookup lookupStream(CommandContext &ctx, const std::string &key)
{
    StreamLookup r;
    Value *v = ctx.lookup(key);
    if (!v)
        return r;
    if (v->type != ValueType::Stream) {
        ctx.error(err::kWrongType);
        r.wrongType = true;
        return r;
    }
    r.stream = v->stream.get();
    return r;
}

std::string_view cstr(const std::string &arg)
{
    std::string_view s(arg);
    std::size_t nul = s.find('\0');
    return nul == std::string_view::npos ? s : s.substr(0, nul);
}

bool isOption(const std::string &arg, std::string_view name)
{
    // strcasecmp on C strings: the argument may go on after a NUL byte.
    if (arg.size() < name.size() || (arg.size() > name.size() && arg[name.size()] != '\0'))
        return false;
    if (!name.empty() && (arg[0] | 0x20) != (name[0] | 0x20))
        return false;
    return equalsIgnoreCase(std::string_view(arg).substr(0, name.size()), name);
}

std::string quoted(const std::string &arg)
{
    std::string s(cstr(arg));
    for (char &c : s)
        if (c == '\r' || c == '\n')
            c = ' ';
    return s;
}

bool parseStrictIdOrReply(CommandContext &ctx, const std::string &arg, StreamId &out)
{
    StreamIdParse p = parseStreamId(arg, 0, true);
    if (!p.ok) {
        ctx.error(err::kStreamBadId);
        return false;
    }
    out = p.id;
    return true;
}

bool parseRangeBoundOrReply(CommandContext &ctx, const std::string &arg, bool isStart, StreamId &out)
{
    StreamIntervalParse p = parseStreamIntervalId(arg, isStart ? 0 : StreamId::kMaxPart);
    if (!p.ok) {
        ctx.error(err::kStreamBadId);
        return false;
    }
    out = p.id;
    if (p.exclusive) {
        bool moved = isStart ? out.increment() : out.decrement();
        if (!moved) {
            ctx.error(isStart ? err::kStreamBadStart : err::kStreamBadEnd);
            return false;
        }
    }
    return true;
}

bool parseIntOrReply(CommandContext &ctx, const std::string &arg, std::int64_t &out, const char *error)
{
    auto v = parseInt64(arg);
    if (!v) {
        ctx.error(error ? error : err::kNotInteger);
        return false;
    }
    out = *v;
    return true;
}

Reply idReply(StreamId id)
{
    char buf[StreamId::kMaxFormatted];
    return Reply::bulk(std::string(buf, id.format(buf)));
}

Reply entryReply(StreamId id, const std::vector<std::string_view> &fieldsValues)
{
    Reply fv = Reply::array();
    fv.items().reserve(fieldsValues.size());
    for (std::string_view s : fieldsValues)
        fv.add(Reply::bulk(std::string(s)));
    Reply e = Reply::array();
    e.items().reserve(2);
    e.add(idReply(id));
    e.add(std::move(fv));
    return e;
}

Reply rangeReply(const Stream &s, StreamId start, StreamId end, std::size_t count, bool reverse)
{
    Reply r = Reply::array();
    Stream::Iterator it(s, start, end, reverse);
    StreamId id;
    std::vector<std::string_view> fv;
    while ((count == 0 || r.items().size() < count) && it.next(id, fv))
        r.add(entryReply(id, fv));
    return r;
}

Reply singleEntryReply(const Stream &s, StreamId id)
{
    Stream::Iterator it(s, id, id);
    StreamId found;
    std::vector<std::string_view> fv;
    if (it.next(found, fv))
        return entryReply(found, fv);
    return Reply::nullBulk();
}

std::string noGroupError(const std::string &key, const std::string &group)
{
    return "NOGROUP No such key '" + quoted(key) + "' or consumer group '" + quoted(group) + "'";
}

std::string noGroupForKeyError(const std::string &key, const std::string &group)
{
    return "NOGROUP No such consumer group '" + quoted(group) + "' for key name '" + quoted(key) + "'";
}

void subcommandSyntaxError(CommandContext &ctx)
{
    std::string e = "ERR unknown subcommand or wrong number of arguments for '";
    std::string sub = quoted(ctx.argv[1]);
    e.append(sub, 0, std::min<std::size_t>(128, sub.size()));
    e += "'. Try ";
    e += toUpper(cstr(ctx.argv[0]));
    e += " HELP.";
    ctx.error(std::move(e));
}

StreamConsumer &consumerFor(CommandContext &ctx, const std::string &key, const std::string &groupName,
    StreamGroup &group, const std::string &name)
{
    if (StreamConsumer *c = group.consumer(name)) {
        c->touch(ctx.now);
        return *c;
    }
    StreamConsumer *c = group.createConsumer(name, ctx.now);
    Event &e = ctx.emit(EventKind::ConsumerCreated, key);
    e.text = groupName;
    e.values.push_back(name);
    return *c;
}

} // namespace ql::streamcmd

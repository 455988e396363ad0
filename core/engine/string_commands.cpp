// Strings, enough for a learner's first commands and for WRONGTYPE cases:
// SET, GET, INCR, DECR, INCRBY, DECRBY, APPEND, STRLEN.
#include "engine.h"
#include "errors.h"
#include "number_parse.h"

#include <limits>

namespace ql {
namespace {

enum SetFlag {
    kSetNx = 1,
    kSetXx = 2,
    kSetGet = 4,
    kSetKeepTtl = 8,
    kSetEx = 16,
    kSetPx = 32,
    kSetExAt = 64,
    kSetPxAt = 128
};

void storeString(CommandContext &ctx, const std::string &key, std::string value, bool keepTtl)
{
    Value *old = ctx.lookup(key);
    std::int64_t expire = keepTtl && old ? ctx.db().expireAt(key) : -1;
    if (old && old->type != ValueType::String) {
        ctx.remove(key, "overwritten");
        old = nullptr;
    }
    if (!old) {
        old = &ctx.create(key, ValueType::String);
    } else if (!keepTtl) {
        ctx.db().removeExpire(key);
    }
    ctx.emit(EventKind::StringSet, key).values.push_back(value);
    old->str = std::move(value);
    if (expire >= 0)
        ctx.db().setExpire(key, expire);
}

// SET key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]
void setCommand(CommandContext &ctx)
{
    const auto &argv = ctx.argv;
    int flags = 0;
    const std::string *expireArg = nullptr;
    for (std::size_t j = 3; j < argv.size(); ++j) {
        const std::string &a = argv[j];
        bool hasNext = j + 1 < argv.size();
        auto isUnit = [&](const char *name) { return equalsIgnoreCase(a, name); };
        if (isUnit("nx") && !(flags & kSetXx)) {
            flags |= kSetNx;
        } else if (isUnit("xx") && !(flags & kSetNx)) {
            flags |= kSetXx;
        } else if (isUnit("get")) {
            flags |= kSetGet;
        } else if (isUnit("keepttl") && !(flags & (kSetEx | kSetPx | kSetExAt | kSetPxAt))) {
            flags |= kSetKeepTtl;
        } else if (hasNext && (isUnit("ex") || isUnit("px") || isUnit("exat") || isUnit("pxat"))) {
            int unit = isUnit("ex") ? kSetEx : isUnit("px") ? kSetPx : isUnit("exat") ? kSetExAt : kSetPxAt;
            int others = (kSetKeepTtl | kSetEx | kSetPx | kSetExAt | kSetPxAt) & ~unit;
            if (flags & others) {
                ctx.error(err::kSyntax);
                return;
            }
            flags |= unit;
            expireArg = &argv[++j];
        } else {
            ctx.error(err::kSyntax);
            return;
        }
    }
    std::int64_t expireAt = -1;
    if (expireArg) {
        auto v = parseInt64(*expireArg);
        if (!v) {
            ctx.error(err::kNotInteger);
            return;
        }
        const std::string invalid = "ERR invalid expire time in 'set' command";
        std::int64_t ms = *v;
        bool secondsUnit = flags & (kSetEx | kSetExAt);
        if (ms <= 0 || (secondsUnit && ms > std::numeric_limits<std::int64_t>::max() / 1000)) {
            ctx.error(invalid);
            return;
        }
        if (secondsUnit)
            ms *= 1000;
        if (flags & (kSetEx | kSetPx)) {
            if (ms > std::numeric_limits<std::int64_t>::max() - ctx.now) {
                ctx.error(invalid);
                return;
            }
            ms += ctx.now;
        }
        expireAt = ms;
    }
    const std::string &key = argv[1];
    Value *current = ctx.lookup(key);
    if (flags & kSetGet) {
        if (current && current->type != ValueType::String) {
            ctx.error(err::kWrongType);
            return;
        }
        ctx.reply(current ? Reply::bulk(current->str) : Reply::nullBulk());
    }
    if (((flags & kSetNx) && current) || ((flags & kSetXx) && !current)) {
        if (!(flags & kSetGet))
            ctx.reply(Reply::nullBulk());
        return;
    }
    storeString(ctx, key, argv[2], flags & kSetKeepTtl);
    if (expireAt >= 0) {
        if (expireAt <= ctx.now) {
            ctx.remove(key, "expired");
        } else {
            ctx.db().setExpire(key, expireAt);
            ctx.emit(EventKind::KeyExpireSet, key).number = expireAt;
        }
    }
    if (!(flags & kSetGet))
        ctx.ok();
}

// GET key
void getCommand(CommandContext &ctx)
{
    Value *v = ctx.lookup(ctx.argv[1]);
    if (!v) {
        ctx.reply(Reply::nullBulk());
    } else if (v->type != ValueType::String) {
        ctx.error(err::kWrongType);
    } else {
        ctx.reply(Reply::bulk(v->str));
    }
}

void incrBy(CommandContext &ctx, std::int64_t by)
{
    const std::string &key = ctx.argv[1];
    Value *v = ctx.lookup(key);
    std::int64_t current = 0;
    if (v) {
        if (v->type != ValueType::String) {
            ctx.error(err::kWrongType);
            return;
        }
        auto parsed = parseInt64(v->str);
        if (!parsed) {
            ctx.error(err::kNotInteger);
            return;
        }
        current = *parsed;
    }
    if ((by < 0 && current < 0 && by < std::numeric_limits<std::int64_t>::min() - current)
        || (by > 0 && current > 0 && by > std::numeric_limits<std::int64_t>::max() - current)) {
        ctx.error(err::kOverflow);
        return;
    }
    std::int64_t result = current + by;
    storeString(ctx, key, formatInt(result), true);
    ctx.reply(Reply::integer(result));
}

// INCR key
void incrCommand(CommandContext &ctx)
{
    incrBy(ctx, 1);
}
// DECR key
void decrCommand(CommandContext &ctx)
{
    incrBy(ctx, -1);
}

// INCRBY key increment  /  DECRBY key decrement
void incrbyCommand(CommandContext &ctx)
{
    auto by = parseInt64(ctx.argv[2]);
    if (!by) {
        ctx.error(err::kNotInteger);
        return;
    }
    bool decr = ctx.spec.name == "decrby";
    if (decr && *by == std::numeric_limits<std::int64_t>::min()) {
        ctx.error("ERR decrement would overflow");
        return;
    }
    incrBy(ctx, decr ? -*by : *by);
}

// APPEND key value
void appendCommand(CommandContext &ctx)
{
    const std::string &key = ctx.argv[1];
    Value *v = ctx.lookup(key);
    if (v && v->type != ValueType::String) {
        ctx.error(err::kWrongType);
        return;
    }
    std::string joined = v ? v->str + ctx.argv[2] : ctx.argv[2];
    std::int64_t len = static_cast<std::int64_t>(joined.size());
    storeString(ctx, key, std::move(joined), true);
    ctx.reply(Reply::integer(len));
}

// STRLEN key
void strlenCommand(CommandContext &ctx)
{
    Value *v = ctx.lookup(ctx.argv[1]);
    if (v && v->type != ValueType::String) {
        ctx.error(err::kWrongType);
        return;
    }
    ctx.reply(Reply::integer(v ? static_cast<std::int64_t>(v->str.size()) : 0));
}

} // namespace

void registerStringCommands(std::vector<CommandSpec> &out)
{
    out.push_back({"set", -3, kCmdWrite | kCmdDenyOom,
        "key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT "
        "unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]",
        "Sets the string value of a key, ignoring its type.", "string", "1.0.0", 1, 1, 1, setCommand, {}, "O(1)"});
    out.push_back({"get", 2, kCmdReadOnly | kCmdFast, "key", "Returns the string value of a key.", "string", "1.0.0", 1,
        1, 1, getCommand, {}, "O(1)"});
    out.push_back({"incr", 2, kCmdWrite | kCmdDenyOom | kCmdFast, "key",
        "Increments the integer value of a key by one.", "string", "1.0.0", 1, 1, 1, incrCommand, {}, "O(1)"});
    out.push_back({"decr", 2, kCmdWrite | kCmdDenyOom | kCmdFast, "key",
        "Decrements the integer value of a key by one.", "string", "1.0.0", 1, 1, 1, decrCommand, {}, "O(1)"});
    out.push_back({"incrby", 3, kCmdWrite | kCmdDenyOom | kCmdFast, "key increment",
        "Increments the integer value of a key by a number.", "string", "1.0.0", 1, 1, 1, incrbyCommand, {}, "O(1)"});
    out.push_back({"decrby", 3, kCmdWrite | kCmdDenyOom | kCmdFast, "key decrement",
        "Decrements a number from the integer value of a key.", "string", "1.0.0", 1, 1, 1, incrbyCommand, {}, "O(1)"});
    out.push_back({"append", 3, kCmdWrite | kCmdDenyOom | kCmdFast, "key value",
        "Appends a string to the value of a key.", "string", "2.0.0", 1, 1, 1, appendCommand, {}, "O(1)"});
    out.push_back({"strlen", 2, kCmdReadOnly | kCmdFast, "key", "Returns the length of a string value.", "string",
        "2.2.0", 1, 1, 1, strlenCommand, {}, "O(1)"});
}

} // namespace ql

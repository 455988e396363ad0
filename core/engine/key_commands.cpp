// Generic key commands: DEL, UNLINK, EXISTS, TYPE, KEYS, RENAME, EXPIRE, PEXPIRE, TTL,
// PTTL, PERSIST, DBSIZE, FLUSHDB, FLUSHALL.
#include "engine.h"
#include "errors.h"
#include "glob.h"
#include "number_parse.h"

#include <limits>

namespace ql {
namespace {

// DEL key [key ...]  /  UNLINK key [key ...]
void delCommand(CommandContext &ctx)
{
    std::int64_t removed = 0;
    for (std::size_t i = 1; i < ctx.argv.size(); ++i) {
        if (ctx.lookup(ctx.argv[i])) {
            ctx.remove(ctx.argv[i], "del");
            ++removed;
        }
    }
    ctx.reply(Reply::integer(removed));
}

// EXISTS key [key ...]
void existsCommand(CommandContext &ctx)
{
    std::int64_t n = 0;
    for (std::size_t i = 1; i < ctx.argv.size(); ++i)
        if (ctx.lookup(ctx.argv[i]))
            ++n;
    ctx.reply(Reply::integer(n));
}

// TYPE key
void typeCommand(CommandContext &ctx)
{
    Value *v = ctx.lookup(ctx.argv[1]);
    ctx.reply(Reply::status(v ? valueTypeName(v->type) : "none"));
}

// KEYS pattern
void keysCommand(CommandContext &ctx)
{
    const std::string &pattern = ctx.argv[1];
    bool all = pattern == "*";
    Database &d = ctx.db();
    Reply r = Reply::array();
    for (const auto &[key, value] : d.keys()) {
        (void)value;
        std::int64_t at = d.expireAt(key);
        if (at >= 0 && at <= ctx.now)
            continue;
        if (all || globMatch(pattern, key))
            r.addBulk(key);
    }
    ctx.reply(std::move(r));
}

// RENAME key newkey
void renameCommand(CommandContext &ctx)
{
    const std::string &from = ctx.argv[1];
    const std::string &to = ctx.argv[2];
    Value *v = ctx.lookup(from);
    if (!v) {
        ctx.error(err::kNoSuchKey);
        return;
    }
    if (from == to) {
        ctx.ok();
        return;
    }
    Database &d = ctx.db();
    std::int64_t expire = d.expireAt(from);
    Value moved = std::move(*v);
    d.erase(from);
    ctx.signalReady(from);
    if (ctx.lookup(to))
        ctx.remove(to, "overwritten");
    ValueType type = moved.type;
    d.insert(to, std::move(moved));
    if (expire >= 0)
        d.setExpire(to, expire);
    ctx.emit(EventKind::KeyRenamed, from).text = to;
    if (type != ValueType::String)
        ctx.signalReady(to);
    ctx.ok();
}

enum ExpireFlag { kExpireNone = 0, kExpireNx = 1, kExpireXx = 2, kExpireGt = 4, kExpireLt = 8 };

// Shared by EXPIRE and PEXPIRE: key time [NX|XX|GT|LT]
void expireGeneric(CommandContext &ctx, bool seconds)
{
    int flags = kExpireNone;
    for (std::size_t i = 3; i < ctx.argv.size(); ++i) {
        const std::string &o = ctx.argv[i];
        if (equalsIgnoreCase(o, "nx"))
            flags |= kExpireNx;
        else if (equalsIgnoreCase(o, "xx"))
            flags |= kExpireXx;
        else if (equalsIgnoreCase(o, "gt"))
            flags |= kExpireGt;
        else if (equalsIgnoreCase(o, "lt"))
            flags |= kExpireLt;
        else {
            ctx.error("ERR Unsupported option " + o.substr(0, o.find('\0'))); // Redis formats with %s
            return;
        }
    }
    if ((flags & kExpireNx) && (flags & (kExpireXx | kExpireGt | kExpireLt))) {
        ctx.error("ERR NX and XX, GT or LT options at the same time are not compatible");
        return;
    }
    if ((flags & kExpireGt) && (flags & kExpireLt)) {
        ctx.error("ERR GT and LT options at the same time are not compatible");
        return;
    }
    auto when = parseInt64(ctx.argv[2]);
    if (!when) {
        ctx.error(err::kNotInteger);
        return;
    }
    const std::string invalid = "ERR invalid expire time in '" + std::string(ctx.spec.name) + "' command";
    std::int64_t ms = *when;
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    if (seconds) {
        if (ms > kMax / 1000 || ms < kMin / 1000) {
            ctx.error(invalid);
            return;
        }
        ms *= 1000;
    }
    if (ms > kMax - ctx.now) {
        ctx.error(invalid);
        return;
    }
    ms += ctx.now;
    const std::string &key = ctx.argv[1];
    if (!ctx.lookup(key)) {
        ctx.reply(Reply::integer(0));
        return;
    }
    std::int64_t current = ctx.db().expireAt(key);
    if (((flags & kExpireNx) && current != -1) || ((flags & kExpireXx) && current == -1)
        || ((flags & kExpireGt) && (current == -1 || ms <= current))
        || ((flags & kExpireLt) && current != -1 && ms >= current)) {
        ctx.reply(Reply::integer(0));
        return;
    }
    if (ms <= ctx.now) {
        ctx.remove(key, "expired");
        ctx.reply(Reply::integer(1));
        return;
    }
    ctx.db().setExpire(key, ms);
    ctx.emit(EventKind::KeyExpireSet, key).number = ms;
    ctx.reply(Reply::integer(1));
}

// EXPIRE key seconds [NX|XX|GT|LT]
void expireCommand(CommandContext &ctx)
{
    expireGeneric(ctx, true);
}
// PEXPIRE key milliseconds [NX|XX|GT|LT]
void pexpireCommand(CommandContext &ctx)
{
    expireGeneric(ctx, false);
}

void ttlGeneric(CommandContext &ctx, bool seconds)
{
    const std::string &key = ctx.argv[1];
    if (!ctx.lookup(key)) {
        ctx.reply(Reply::integer(-2));
        return;
    }
    std::int64_t at = ctx.db().expireAt(key);
    if (at < 0) {
        ctx.reply(Reply::integer(-1));
        return;
    }
    std::int64_t ttl = at - ctx.now;
    if (ttl < 0)
        ttl = 0;
    ctx.reply(Reply::integer(seconds ? (ttl + 500) / 1000 : ttl));
}

// TTL key
void ttlCommand(CommandContext &ctx)
{
    ttlGeneric(ctx, true);
}
// PTTL key
void pttlCommand(CommandContext &ctx)
{
    ttlGeneric(ctx, false);
}

// PERSIST key
void persistCommand(CommandContext &ctx)
{
    const std::string &key = ctx.argv[1];
    if (!ctx.lookup(key) || !ctx.db().removeExpire(key)) {
        ctx.reply(Reply::integer(0));
        return;
    }
    ctx.emit(EventKind::KeyExpireSet, key).number = -1;
    ctx.reply(Reply::integer(1));
}

// DBSIZE
void dbsizeCommand(CommandContext &ctx)
{
    ctx.reply(Reply::integer(static_cast<std::int64_t>(ctx.db().size())));
}

bool parseFlushMode(CommandContext &ctx)
{
    if (ctx.argv.size() > 2) {
        ctx.error(err::kSyntax);
        return false;
    }
    if (ctx.argv.size() == 2 && !equalsIgnoreCase(ctx.argv[1], "sync") && !equalsIgnoreCase(ctx.argv[1], "async")) {
        ctx.error(err::kSyntax);
        return false;
    }
    return true;
}

// FLUSHDB [ASYNC|SYNC]
void flushdbCommand(CommandContext &ctx)
{
    if (!parseFlushMode(ctx))
        return;
    ctx.db().clear();
    ctx.engine.signalAllWaitedKeys(ctx.client.db);
    ctx.emit(EventKind::Flushed, {}).number = ctx.client.db;
    ctx.ok();
}

// FLUSHALL [ASYNC|SYNC]
void flushallCommand(CommandContext &ctx)
{
    if (!parseFlushMode(ctx))
        return;
    for (int i = 0; i < kDatabaseCount; ++i)
        ctx.engine.database(i).clear();
    ctx.engine.signalAllWaitedKeys(-1);
    ctx.emit(EventKind::Flushed, {}).number = -1;
    ctx.ok();
}

} // namespace

void registerKeyCommands(std::vector<CommandSpec> &out)
{
    out.push_back({"del", -2, kCmdWrite, "key [key ...]", "Deletes one or more keys.", "generic", "1.0.0", 1, -1, 1,
        delCommand, {}, "O(N)"});
    out.push_back({"unlink", -2, kCmdWrite | kCmdFast, "key [key ...]", "Asynchronously deletes one or more keys.",
        "generic", "4.0.0", 1, -1, 1, delCommand, {}, "O(1)"});
    out.push_back({"exists", -2, kCmdReadOnly | kCmdFast, "key [key ...]", "Determines whether one or more keys exist.",
        "generic", "1.0.0", 1, -1, 1, existsCommand, {}, "O(N)"});
    out.push_back({"type", 2, kCmdReadOnly | kCmdFast, "key", "Determines the type of value stored at a key.",
        "generic", "1.0.0", 1, 1, 1, typeCommand, {}, "O(1)"});
    out.push_back({"keys", 2, kCmdReadOnly, "pattern", "Returns all key names that match a pattern.", "generic",
        "1.0.0", 0, 0, 0, keysCommand, {}, "O(N)"});
    out.push_back({"rename", 3, kCmdWrite, "key newkey", "Renames a key and overwrites the destination.", "generic",
        "1.0.0", 1, 2, 1, renameCommand, {}, "O(1)"});
    out.push_back({"expire", -3, kCmdWrite | kCmdFast, "key seconds [NX|XX|GT|LT]",
        "Sets the expiration time of a key in seconds.", "generic", "1.0.0", 1, 1, 1, expireCommand, {}, "O(1)"});
    out.push_back({"pexpire", -3, kCmdWrite | kCmdFast, "key milliseconds [NX|XX|GT|LT]",
        "Sets the expiration time of a key in milliseconds.", "generic", "2.6.0", 1, 1, 1, pexpireCommand, {}, "O(1)"});
    out.push_back({"ttl", 2, kCmdReadOnly | kCmdFast, "key", "Returns the expiration time in seconds of a key.",
        "generic", "1.0.0", 1, 1, 1, ttlCommand, {}, "O(1)"});
    out.push_back({"pttl", 2, kCmdReadOnly | kCmdFast, "key", "Returns the expiration time in milliseconds of a key.",
        "generic", "2.6.0", 1, 1, 1, pttlCommand, {}, "O(1)"});
    out.push_back({"persist", 2, kCmdWrite | kCmdFast, "key", "Removes the expiration time of a key.", "generic",
        "2.2.0", 1, 1, 1, persistCommand, {}, "O(1)"});
    out.push_back({"dbsize", 1, kCmdReadOnly | kCmdFast, "", "Returns the number of keys in the database.", "server",
        "1.0.0", 0, 0, 0, dbsizeCommand, {}, "O(1)"});
    out.push_back({"flushdb", -1, kCmdWrite, "[ASYNC|SYNC]", "Removes all keys from the current database.", "server",
        "1.0.0", 0, 0, 0, flushdbCommand, {}, "O(N)"});
    out.push_back({"flushall", -1, kCmdWrite, "[ASYNC|SYNC]", "Removes all keys from all databases.", "server", "1.0.0",
        0, 0, 0, flushallCommand, {}, "O(N)"});
}

} // namespace ql

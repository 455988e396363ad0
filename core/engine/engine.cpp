#include "engine.h"

#include "errors.h"
#include "number_parse.h"

#include <algorithm>

namespace ql {

// ---- CommandContext -------------------------------------------------------------------

Database &CommandContext::db()
{
    return engine.database(client.db);
}

Event &CommandContext::emit(EventKind kind, std::string key)
{
    auto &events = engine.pendingEvents();
    events.emplace_back();
    Event &e = events.back();
    e.timeMs = now;
    e.kind = kind;
    e.client = client.id;
    e.db = client.db;
    e.key = std::move(key);
    return e;
}

Value *CommandContext::lookup(const std::string &key)
{
    Database &d = db();
    Value *v = d.findRaw(key);
    if (v && d.hasExpires()) {
        std::int64_t at = d.expireAt(key);
        if (at >= 0 && at <= now) {
            remove(key, "expired");
            engine.countExpired();
            return nullptr;
        }
    }
    return v;
}

Value &CommandContext::create(const std::string &key, ValueType type)
{
    emit(EventKind::KeyCreated, key).values.emplace_back(valueTypeName(type));
    return db().insert(key, Value(type));
}

void CommandContext::remove(const std::string &key, const char *reason)
{
    if (db().erase(key)) {
        emit(EventKind::KeyRemoved, key).text = reason;
        signalReady(key); // XREADGROUP waiters learn that their stream is gone
    }
}

void CommandContext::removeIfEmptyList(const std::string &key, Value &v)
{
    if (v.type == ValueType::List && v.list->empty())
        remove(key, "emptied");
}

void CommandContext::signalReady(const std::string &key)
{
    engine.signalReady(client.db, key);
}

// ---- Engine ---------------------------------------------------------------------------

Engine::Engine() = default;

void Engine::openClient(ClientId id, std::string name, std::int64_t nowMs, bool trusted)
{
    ClientState &c = m_clients[id];
    c.id = id;
    c.name = std::move(name);
    c.createdMs = nowMs;
    c.trusted = trusted;
    c.authenticated = trusted || m_config.requirePass.empty();
}

void Engine::closeClient(ClientId id, std::int64_t nowMs)
{
    auto it = m_clients.find(id);
    if (it == m_clients.end())
        return;
    ClientState &c = it->second;
    auto drop = [&](auto &subs, SubscriberRegistry &registry, const char *what) {
        for (const auto &name : subs) {
            auto r = registry.find(name);
            if (r != registry.end()) {
                r->second.erase(id);
                if (r->second.empty())
                    registry.erase(r);
            }
            Event e;
            e.timeMs = nowMs;
            e.kind = EventKind::Unsubscribed;
            e.client = id;
            e.key = name;
            e.text = what;
            m_events.push_back(std::move(e));
        }
        subs.clear();
    };
    drop(c.channels, m_channels, "channel");
    drop(c.patterns, m_patterns, "pattern");
    drop(c.shardChannels, m_shardChannels, "shard");
    m_clients.erase(it);
}

ClientState *Engine::client(ClientId id)
{
    auto it = m_clients.find(id);
    return it == m_clients.end() ? nullptr : &it->second;
}

namespace {

// What C's "%s" sees of an argument: Redis formats these errors with printf, so they stop
// at the first NUL byte.
std::string_view cText(const std::string &s)
{
    return std::string_view(s.data(), std::min(s.size(), s.find('\0')));
}

} // namespace

std::string unknownCommandError(const std::vector<std::string> &argv)
{
    std::string args;
    for (std::size_t i = 1; i < argv.size() && args.size() < 128; ++i) {
        std::size_t room = 128 - args.size();
        args += '\'';
        std::string_view arg = cText(argv[i]);
        args.append(arg.substr(0, std::min(room, arg.size())));
        args += "' ";
    }
    std::string err = "ERR unknown command '";
    err.append(cText(argv[0]).substr(0, 128));
    err += "', with args beginning with: ";
    err += args;
    return err;
}

std::string unknownSubcommandError(const std::vector<std::string> &argv)
{
    std::string err = "ERR unknown subcommand '";
    err.append(cText(argv[1]).substr(0, 128));
    err += "'. Try ";
    err += toUpper(argv[0]);
    err += " HELP.";
    return err;
}

std::string arityError(std::string_view fullName)
{
    std::string err = "ERR wrong number of arguments for '";
    err += fullName;
    err += "' command";
    return err;
}

namespace {

bool arityOk(int arity, std::size_t argc)
{
    return arity > 0 ? static_cast<int>(argc) == arity : static_cast<int>(argc) >= -arity;
}

// Exactly the commands Redis 7.0's processCommand lets through; PUBLISH and PUBSUB carry the
// "pubsub" flag but are refused here.
bool allowedInSubscribedContext(const CommandSpec &spec)
{
    static constexpr std::string_view kAllowed[] = {"subscribe", "ssubscribe", "unsubscribe", "sunsubscribe",
        "psubscribe", "punsubscribe", "ping", "quit", "reset"};
    return std::find(std::begin(kAllowed), std::end(kAllowed), spec.name) != std::end(kAllowed);
}

} // namespace

const CommandSpec *Engine::resolve(
    ClientId id, const std::vector<std::string> &argv, Reply &error, const CommandSpec **container)
{
    if (container)
        *container = nullptr;
    if (argv.empty()) {
        error = Reply::error("ERR empty command");
        return nullptr;
    }
    // A connection tends to send the same command again and again (a pipeline of LPUSH):
    // the same bytes name the same command, so the last lookup is remembered per client.
    ClientState *cached = client(id);
    const CommandSpec *spec = nullptr;
    if (cached && cached->lastSpec && cached->lastName == argv[0]) {
        spec = cached->lastSpec;
    } else {
        spec = m_table.find(argv[0]);
        if (cached && spec && argv[0].size() <= 32) {
            cached->lastName = argv[0];
            cached->lastSpec = spec;
        }
    }
    if (!spec) {
        error = Reply::error(unknownCommandError(argv));
        return nullptr;
    }
    if (!arityOk(spec->arity, argv.size())) {
        error = Reply::error(arityError(spec->name));
        return nullptr;
    }
    const CommandSpec *run = spec;
    if (!spec->subcommands.empty() && (argv.size() >= 2 || !spec->handler)) {
        run = CommandTable::findSub(*spec, argv[1]);
        if (!run) {
            error = Reply::error(unknownSubcommandError(argv));
            return nullptr;
        }
        if (!arityOk(run->arity, argv.size())) {
            error = Reply::error(arityError(std::string(spec->name) + "|" + std::string(run->name)));
            return nullptr;
        }
        if (container)
            *container = spec;
    }
    const ClientState *c = cached;
    if (c && !c->authenticated && !(spec->flags & kCmdNoAuth)) {
        error = Reply::error("NOAUTH Authentication required.");
        return nullptr;
    }
    if (c && c->protocol == 2 && c->inPubSubMode() && !allowedInSubscribedContext(*spec)) {
        std::string full(spec->name);
        if (run != spec)
            full += "|" + std::string(run->name);
        error = Reply::error("ERR Can't execute '" + full
            + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in "
              "this context");
        return nullptr;
    }
    return run;
}

ExecResult Engine::execute(ClientId id, const std::vector<std::string> &argv, std::int64_t nowMs, ExecOptions opts)
{
    ExecResult result;
    ClientState *c = client(id);
    if (!c) {
        openClient(id, {}, nowMs);
        c = client(id);
    }
    const CommandSpec *run = resolve(id, argv, result.reply);
    if (!run)
        return result;
    CommandContext ctx {*this, *c, argv, nowMs, opts.mayBlock, *run, result};
    run->handler(ctx);
    return result;
}

ExecResult Engine::executeResolved(
    ClientId id, const CommandSpec &spec, const std::vector<std::string> &argv, std::int64_t nowMs, ExecOptions opts)
{
    ExecResult result;
    ClientState *c = client(id);
    if (!c) {
        openClient(id, {}, nowMs);
        c = client(id);
    }
    CommandContext ctx {*this, *c, argv, nowMs, opts.mayBlock, spec, result};
    spec.handler(ctx);
    return result;
}

std::vector<Event> Engine::takeEvents()
{
    std::vector<Event> out;
    out.swap(m_events);
    m_events.reserve(out.capacity());
    return out;
}

void Engine::addBlockingInterest(int db, const std::string &key)
{
    ++m_blockingInterest[ReadyKey {db, key}];
}

void Engine::removeBlockingInterest(int db, const std::string &key)
{
    auto it = m_blockingInterest.find(ReadyKey {db, key});
    if (it != m_blockingInterest.end() && --it->second <= 0)
        m_blockingInterest.erase(it);
}

void Engine::signalReady(int db, const std::string &key)
{
    if (m_blockingInterest.empty())
        return;
    ReadyKey rk {db, key};
    if (m_blockingInterest.find(rk) == m_blockingInterest.end())
        return;
    if (std::find(m_readyKeys.begin(), m_readyKeys.end(), rk) == m_readyKeys.end())
        m_readyKeys.push_back(std::move(rk));
}

void Engine::signalAllWaitedKeys(int db)
{
    for (const auto &[rk, count] : m_blockingInterest)
        if (db < 0 || rk.db == db)
            if (std::find(m_readyKeys.begin(), m_readyKeys.end(), rk) == m_readyKeys.end())
                m_readyKeys.push_back(rk);
}

std::vector<ReadyKey> Engine::takeReadyKeys()
{
    std::vector<ReadyKey> out;
    out.swap(m_readyKeys);
    return out;
}

std::optional<std::int64_t> Engine::nextExpiry() const
{
    std::optional<std::int64_t> out;
    for (const Database &d : m_dbs)
        if (std::int64_t at = d.earliestExpire(); at >= 0 && (!out || at < *out))
            out = at;
    return out;
}

void Engine::expireKeys(std::int64_t nowMs)
{
    for (int i = 0; i < kDatabaseCount; ++i) {
        Database &d = m_dbs[static_cast<std::size_t>(i)];
        if (!d.hasExpires())
            continue;
        std::vector<std::string> due;
        for (const auto &[key, value] : d.keys()) {
            (void)value;
            std::int64_t at = d.expireAt(key);
            if (at >= 0 && at <= nowMs)
                due.push_back(key);
        }
        for (const auto &key : due) {
            d.erase(key);
            signalReady(i, key);
            ++m_expiredKeys;
            Event e;
            e.timeMs = nowMs;
            e.kind = EventKind::KeyRemoved;
            e.db = i;
            e.key = key;
            e.text = "expired";
            m_events.push_back(std::move(e));
        }
    }
}

} // namespace ql

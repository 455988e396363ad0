// Engine: Redis 7.0 semantics for the supported commands. Single-threaded and pure:
// no threads, no I/O, no clock of its own. Input: a client, argv and the time now.
// Output: a Reply, the events of every mutation, push deliveries to other clients
// (pub/sub), and for blocking commands that found nothing a BlockRequest. Keys that got
// data while some client waits on them are collected as "ready keys" for the broker.
#pragma once

#include "client_state.h"
#include "command_table.h"
#include "database.h"
#include "event.h"
#include "reply.h"
#include "server_config.h"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace ql {

inline constexpr int kDatabaseCount = 16;

// "Block this client on these keys until deadline" (deadline 0 = forever).
struct BlockRequest {
    std::vector<std::string> keys;
    int db = 0;
    std::int64_t deadlineMs = 0;
    // What to run again when a key becomes ready (XREAD '$' already resolved to an id).
    std::vector<std::string> argv;
    // What the client receives when the deadline passes.
    Reply timeoutReply = Reply::nullArray();
    bool streamWait = false; // woken by XADD (streams) rather than pushes (lists)
};

// A push to another client (pub/sub message). Every receiver of one PUBLISH shares the
// same message.
struct Delivery {
    ClientId client = kNoClient;
    std::shared_ptr<const Reply> message;
};

struct ExecResult {
    Reply reply;
    std::optional<BlockRequest> block;
    std::vector<Delivery> deliveries;
};

struct ExecOptions {
    bool mayBlock = true; // false inside MULTI/EXEC: blocking commands answer at once
};

struct ReadyKey {
    int db = 0;
    std::string key;
    bool operator<(const ReadyKey &o) const { return db != o.db ? db < o.db : key < o.key; }
    bool operator==(const ReadyKey &o) const = default;
};

class Engine;

// What a command handler sees.
struct CommandContext {
    Engine &engine;
    ClientState &client;
    const std::vector<std::string> &argv;
    std::int64_t now;
    bool mayBlock;
    const CommandSpec &spec;
    ExecResult &result;

    Database &db();
    void reply(Reply r) { result.reply = std::move(r); }
    void error(std::string text) { result.reply = Reply::error(std::move(text)); }
    void ok() { result.reply = Reply::ok(); }
    // Emit an event stamped with this client, db and time.
    Event &emit(EventKind kind, std::string key);

    // Keyspace helpers (lazy expiry, events). lookup returns nullptr for a missing key.
    Value *lookup(const std::string &key);
    Value &create(const std::string &key, ValueType type);
    void remove(const std::string &key, const char *reason);
    // Deletes the key if its list/stream emptied (lists only: streams stay).
    void removeIfEmptyList(const std::string &key, Value &v);
    // A list or stream key got data; wakes clients waiting on it.
    void signalReady(const std::string &key);
};

class Engine {
public:
    Engine();

    // An untrusted client (from the network) must AUTH first when a password is set.
    void openClient(ClientId id, std::string name = {}, std::int64_t nowMs = 0, bool trusted = true);
    void closeClient(ClientId id, std::int64_t nowMs = 0);
    ClientState *client(ClientId id);
    const std::map<ClientId, ClientState> &clients() const { return m_clients; }

    ExecResult execute(ClientId id, const std::vector<std::string> &argv, std::int64_t nowMs, ExecOptions opts = {});
    // Runs a command resolve() already accepted for this client (skips the checks).
    ExecResult executeResolved(ClientId id, const CommandSpec &spec, const std::vector<std::string> &argv,
        std::int64_t nowMs, ExecOptions opts = {});
    // The checks execute() makes before running a command (unknown command, arity,
    // subcommand, RESP2 subscribed context): the spec to run, or nullptr with `error` set.
    // `container` receives the parent of a subcommand.
    const CommandSpec *resolve(
        ClientId id, const std::vector<std::string> &argv, Reply &error, const CommandSpec **container = nullptr);

    // Events appended since the last call, in order.
    std::vector<Event> takeEvents();
    std::vector<Event> &pendingEvents() { return m_events; }

    // The broker tells the engine which keys have waiters; only those become ready.
    void addBlockingInterest(int db, const std::string &key);
    void removeBlockingInterest(int db, const std::string &key);
    std::vector<ReadyKey> takeReadyKeys();
    void signalReady(int db, const std::string &key);
    // Every key someone waits on in `db` (-1: all databases) is ready (FLUSHDB, FLUSHALL).
    void signalAllWaitedKeys(int db);

    const CommandTable &commands() const { return m_table; }
    Database &database(int i) { return m_dbs[static_cast<std::size_t>(i)]; }
    const Database &database(int i) const { return m_dbs[static_cast<std::size_t>(i)]; }

    // Pub/sub registry: channel -> subscribers, pattern -> subscribers.
    // Subscribers are kept in subscription order: Redis 7.0 delivers in that order.
    using SubscriberRegistry = std::map<std::string, OrderedSet<ClientId>>;
    SubscriberRegistry &channelSubscribers() { return m_channels; }
    SubscriberRegistry &patternSubscribers() { return m_patterns; }
    SubscriberRegistry &shardSubscribers() { return m_shardChannels; }

    // Removes every key whose expiry time has passed (an active expire cycle).
    void expireKeys(std::int64_t nowMs);
    // The soonest time a key in any database expires, if any has a time to live.
    std::optional<std::int64_t> nextExpiry() const;

    ServerConfig &config() { return m_config; }
    const ServerConfig &config() const { return m_config; }

    // Counters for INFO-like reports.
    std::uint64_t expiredKeys() const { return m_expiredKeys; }
    void countExpired() { ++m_expiredKeys; }

private:
    CommandTable m_table;
    std::array<Database, kDatabaseCount> m_dbs;
    std::map<ClientId, ClientState> m_clients;
    std::vector<Event> m_events;
    std::map<ReadyKey, int> m_blockingInterest;
    std::vector<ReadyKey> m_readyKeys;
    SubscriberRegistry m_channels;
    SubscriberRegistry m_patterns;
    SubscriberRegistry m_shardChannels;
    std::uint64_t m_expiredKeys = 0;
    ServerConfig m_config;
};

// Helpers shared by the command families.
std::string unknownCommandError(const std::vector<std::string> &argv);
std::string unknownSubcommandError(const std::vector<std::string> &argv);
std::string arityError(std::string_view fullName);

} // namespace ql

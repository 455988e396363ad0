// Pub/Sub: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH, the sharded
// SSUBSCRIBE / SUNSUBSCRIBE / SPUBLISH, and PUBSUB introspection, as Redis 7.0 does them.
//
// State: each ClientState holds its channels, patterns and shard channels; the Engine holds
// the reverse registries (name -> subscribers in subscription order). Both sides change
// together here (and in Engine::closeClient).
//
// Replies: (un)subscribe commands answer one push frame per argument, e.g. SUBSCRIBE a b
// -> [subscribe a 1] [subscribe b 2], as a Reply::sequence of Reply::push frames (RESP2
// writes them as arrays, RESP3 as pushes). The count is the client's channels + patterns,
// or its shard channels for the s-commands. Without arguments an unsubscribe walks every
// subscription; with none it still answers one frame with a nil name.
//
// Messages: PUBLISH does not write to other clients. It appends one Delivery per receiver
// to ctx.result.deliveries in Redis's order (channel subscribers in subscription order,
// then each matching pattern's subscribers) and the broker pushes them. A delivery to the
// publishing client itself (RESP3, or inside MULTI) must reach it before the reply, as
// Redis writes it first.
//
// Events: Subscribed/Unsubscribed on every real change; one Published per PUBLISH, then
// one Delivered per receiver, and NoReceiver when nobody got the message (it is lost).
// docs/events.md has the field by field description.
#include "engine.h"
#include "errors.h"
#include "glob.h"
#include "number_parse.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace ql {
namespace {

enum class SubKind { Channel, Pattern, Shard };

struct SubKindInfo {
    const char *subscribeFrame;
    const char *unsubscribeFrame;
    const char *eventText;
};

const SubKindInfo &info(SubKind k)
{
    static const SubKindInfo kInfo[] = {
        {"subscribe", "unsubscribe", "channel"},
        {"psubscribe", "punsubscribe", "pattern"},
        {"ssubscribe", "sunsubscribe", "shard"},
    };
    return kInfo[static_cast<int>(k)];
}

Engine::SubscriberRegistry &registry(Engine &e, SubKind k)
{
    switch (k) {
    case SubKind::Pattern: return e.patternSubscribers();
    case SubKind::Shard: return e.shardSubscribers();
    case SubKind::Channel: break;
    }
    return e.channelSubscribers();
}

// Shard subscriptions are counted apart, as Redis 7.0 does.
std::int64_t frameCount(const ClientState &c, SubKind k)
{
    return static_cast<std::int64_t>(k == SubKind::Shard ? c.shardChannels.size() : c.subscriptionCount());
}

Reply frame(const char *kind, Reply name, std::int64_t count)
{
    std::vector<Reply> items;
    items.reserve(3);
    items.push_back(Reply::bulk(kind));
    items.push_back(std::move(name));
    items.push_back(Reply::integer(count));
    return Reply::push(std::move(items));
}

// Adds `name` to the client's own set; true when it was not there yet.
bool addOwn(ClientState &c, SubKind k, const std::string &name)
{
    switch (k) {
    case SubKind::Pattern: return c.patterns.insert(name).second;
    case SubKind::Shard: return c.shardChannels.insert(name).second;
    case SubKind::Channel: break;
    }
    return c.channels.insert(name).second;
}

bool removeOwn(ClientState &c, SubKind k, const std::string &name)
{
    switch (k) {
    case SubKind::Pattern: return c.patterns.erase(name) > 0;
    case SubKind::Shard: return c.shardChannels.erase(name) > 0;
    case SubKind::Channel: break;
    }
    return c.channels.erase(name) > 0;
}

// The client's subscriptions of one kind, in the order an argument-less unsubscribe
// walks them (patterns: subscription order, as Redis 7.0; channels: name order, where
// Redis uses its hash order).
std::vector<std::string> ownNames(const ClientState &c, SubKind k)
{
    switch (k) {
    case SubKind::Pattern: return {c.patterns.begin(), c.patterns.end()};
    case SubKind::Shard: return {c.shardChannels.begin(), c.shardChannels.end()};
    case SubKind::Channel: break;
    }
    return {c.channels.begin(), c.channels.end()};
}

void subscribeOne(CommandContext &ctx, SubKind k, const std::string &name, std::vector<Reply> &frames)
{
    if (addOwn(ctx.client, k, name)) {
        registry(ctx.engine, k)[name].insert(ctx.client.id);
        Event &e = ctx.emit(EventKind::Subscribed, name);
        e.text = info(k).eventText;
        e.number = frameCount(ctx.client, k);
    }
    frames.push_back(frame(info(k).subscribeFrame, Reply::bulk(name), frameCount(ctx.client, k)));
}

void unsubscribeOne(CommandContext &ctx, SubKind k, const std::string &name, std::vector<Reply> &frames)
{
    if (removeOwn(ctx.client, k, name)) {
        auto &reg = registry(ctx.engine, k);
        auto it = reg.find(name);
        if (it != reg.end()) {
            it->second.erase(ctx.client.id);
            if (it->second.empty())
                reg.erase(it);
        }
        Event &e = ctx.emit(EventKind::Unsubscribed, name);
        e.text = info(k).eventText;
        e.number = frameCount(ctx.client, k);
    }
    frames.push_back(frame(info(k).unsubscribeFrame, Reply::bulk(name), frameCount(ctx.client, k)));
}

void subscribeGeneric(CommandContext &ctx, SubKind k)
{
    std::vector<Reply> frames;
    frames.reserve(ctx.argv.size() - 1);
    for (std::size_t i = 1; i < ctx.argv.size(); ++i)
        subscribeOne(ctx, k, ctx.argv[i], frames);
    ctx.reply(Reply::sequence(std::move(frames)));
}

void unsubscribeGeneric(CommandContext &ctx, SubKind k)
{
    std::vector<Reply> frames;
    if (ctx.argv.size() > 1) {
        frames.reserve(ctx.argv.size() - 1);
        for (std::size_t i = 1; i < ctx.argv.size(); ++i)
            unsubscribeOne(ctx, k, ctx.argv[i], frames);
    } else {
        for (const auto &name : ownNames(ctx.client, k))
            unsubscribeOne(ctx, k, name, frames);
        if (frames.empty())
            frames.push_back(frame(info(k).unsubscribeFrame, Reply::nullBulk(), frameCount(ctx.client, k)));
    }
    ctx.reply(Reply::sequence(std::move(frames)));
}

Reply message3(const char *kind, const std::string &channel, const std::string &msg)
{
    std::vector<Reply> items;
    items.reserve(3);
    items.push_back(Reply::bulk(kind));
    items.push_back(Reply::bulk(channel));
    items.push_back(Reply::bulk(msg));
    return Reply::push(std::move(items));
}

Reply pmessage(const std::string &pattern, const std::string &channel, const std::string &msg)
{
    std::vector<Reply> items;
    items.reserve(4);
    items.push_back(Reply::bulk("pmessage"));
    items.push_back(Reply::bulk(pattern));
    items.push_back(Reply::bulk(channel));
    items.push_back(Reply::bulk(msg));
    return Reply::push(std::move(items));
}

// The message itself is in the Published event just before (one copy, not one per receiver).
void delivered(CommandContext &ctx, ClientId receiver, const std::string &channel, std::string_view pattern)
{
    Event &e = ctx.emit(EventKind::Delivered, channel);
    e.client = receiver;
    e.text.assign(pattern);
}

void publishGeneric(CommandContext &ctx, bool shard)
{
    const std::string &channel = ctx.argv[1];
    const std::string &msg = ctx.argv[2];
    const auto &subscribers = shard ? ctx.engine.shardSubscribers() : ctx.engine.channelSubscribers();
    const auto direct = subscribers.find(channel);
    const std::size_t directCount = direct == subscribers.end() ? 0 : direct->second.size();
    auto &events = ctx.engine.pendingEvents();
    const std::size_t publishedAt = events.size();
    // Room for Published + one Delivered per direct subscriber (+ NoReceiver), growing
    // geometrically so batches of PUBLISH stay amortised O(1).
    if (events.capacity() - events.size() < directCount + 2)
        events.reserve(std::max(events.size() + directCount + 2, 2 * events.capacity()));
    {
        Event &e = ctx.emit(EventKind::Published, channel);
        e.values.push_back(msg);
        if (shard)
            e.text = "shard";
    }
    std::int64_t receivers = 0;
    auto &deliveries = ctx.result.deliveries;
    if (direct != subscribers.end()) {
        const char *kind = shard ? "smessage" : "message";
        deliveries.reserve(deliveries.size() + directCount);
        auto message = std::make_shared<const Reply>(message3(kind, channel, msg));
        for (ClientId id : direct->second) {
            deliveries.push_back(Delivery {id, message});
            delivered(ctx, id, channel, {});
            ++receivers;
        }
    }
    if (!shard) {
        for (const auto &[pattern, subs] : ctx.engine.patternSubscribers()) {
            if (!globMatch(pattern, channel))
                continue;
            auto message = std::make_shared<const Reply>(pmessage(pattern, channel, msg));
            for (ClientId id : subs) {
                deliveries.push_back(Delivery {id, message});
                delivered(ctx, id, channel, pattern);
                ++receivers;
            }
        }
    }
    events[publishedAt].number = receivers;
    if (receivers == 0)
        ctx.emit(EventKind::NoReceiver, channel); // the message is in the Published event
    ctx.reply(Reply::integer(receivers));
}

// SUBSCRIBE channel [channel ...]
void subscribeCommand(CommandContext &ctx)
{
    subscribeGeneric(ctx, SubKind::Channel);
}

// UNSUBSCRIBE [channel [channel ...]]
void unsubscribeCommand(CommandContext &ctx)
{
    unsubscribeGeneric(ctx, SubKind::Channel);
}

// PSUBSCRIBE pattern [pattern ...]
void psubscribeCommand(CommandContext &ctx)
{
    subscribeGeneric(ctx, SubKind::Pattern);
}

// PUNSUBSCRIBE [pattern [pattern ...]]
void punsubscribeCommand(CommandContext &ctx)
{
    unsubscribeGeneric(ctx, SubKind::Pattern);
}

// SSUBSCRIBE shardchannel [shardchannel ...]
void ssubscribeCommand(CommandContext &ctx)
{
    // Inside MULTI/EXEC Redis 7.0 refuses SSUBSCRIBE (SUBSCRIBE and PSUBSCRIBE are let
    // through there for backward compatibility).
    if (!ctx.mayBlock) {
        ctx.error(err::kPubSubSsubscribeDenyBlocking);
        return;
    }
    subscribeGeneric(ctx, SubKind::Shard);
}

// SUNSUBSCRIBE [shardchannel [shardchannel ...]]
void sunsubscribeCommand(CommandContext &ctx)
{
    unsubscribeGeneric(ctx, SubKind::Shard);
}

// PUBLISH channel message
void publishCommand(CommandContext &ctx)
{
    publishGeneric(ctx, false);
}

// SPUBLISH shardchannel message
void spublishCommand(CommandContext &ctx)
{
    publishGeneric(ctx, true);
}

// Redis's addReplySubcommandSyntaxError: the subcommand is known, its arguments are not.
void subcommandSyntaxError(CommandContext &ctx)
{
    std::string e = "ERR unknown subcommand or wrong number of arguments for '";
    e.append(ctx.argv[1], 0, std::min<std::size_t>(128, ctx.argv[1].size()));
    e += "'. Try ";
    e += toUpper(ctx.argv[0]);
    e += " HELP.";
    ctx.error(std::move(e));
}

void channelList(CommandContext &ctx, const Engine::SubscriberRegistry &reg)
{
    if (ctx.argv.size() > 3) {
        subcommandSyntaxError(ctx);
        return;
    }
    Reply r = Reply::array();
    for (const auto &[name, subs] : reg) {
        (void)subs;
        if (ctx.argv.size() == 2 || globMatch(ctx.argv[2], name))
            r.addBulk(name);
    }
    ctx.reply(std::move(r));
}

void numSub(CommandContext &ctx, const Engine::SubscriberRegistry &reg)
{
    Reply r = Reply::array();
    r.items().reserve((ctx.argv.size() - 2) * 2);
    for (std::size_t i = 2; i < ctx.argv.size(); ++i) {
        auto it = reg.find(ctx.argv[i]);
        r.addBulk(ctx.argv[i]);
        r.addInt(it == reg.end() ? 0 : static_cast<std::int64_t>(it->second.size()));
    }
    ctx.reply(std::move(r));
}

// PUBSUB CHANNELS [pattern]
void pubsubChannelsCommand(CommandContext &ctx)
{
    channelList(ctx, ctx.engine.channelSubscribers());
}

// PUBSUB SHARDCHANNELS [pattern]
void pubsubShardChannelsCommand(CommandContext &ctx)
{
    channelList(ctx, ctx.engine.shardSubscribers());
}

// PUBSUB NUMSUB [channel [channel ...]]
void pubsubNumSubCommand(CommandContext &ctx)
{
    numSub(ctx, ctx.engine.channelSubscribers());
}

// PUBSUB SHARDNUMSUB [shardchannel [shardchannel ...]]
void pubsubShardNumSubCommand(CommandContext &ctx)
{
    numSub(ctx, ctx.engine.shardSubscribers());
}

// PUBSUB NUMPAT (distinct patterns, not pattern subscriptions)
void pubsubNumPatCommand(CommandContext &ctx)
{
    ctx.reply(Reply::integer(static_cast<std::int64_t>(ctx.engine.patternSubscribers().size())));
}

// PUBSUB HELP
void pubsubHelpCommand(CommandContext &ctx)
{
    static const char *const kLines[] = {
        "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CHANNELS [<pattern>]",
        "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT",
        "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]",
        "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).",
        "SHARDCHANNELS [<pattern>]",
        "    Return the currently active shard level channels matching a <pattern> (default: '*').",
        "SHARDNUMSUB [<shardchannel> ...]",
        "    Return the number of subscribers for the specified shard level channel(s)",
        "HELP",
        "    Prints this help.",
    };
    ctx.reply(Reply::statusLines(kLines));
}

constexpr std::uint32_t kSubscribeFlags = kCmdPubSub | kCmdNoScript | kCmdLoading | kCmdStale;
constexpr std::uint32_t kPublishFlags = kCmdPubSub | kCmdLoading | kCmdStale | kCmdFast;
constexpr std::uint32_t kIntrospectFlags = kCmdPubSub | kCmdLoading | kCmdStale;

} // namespace

void registerPubSubCommands(std::vector<CommandSpec> &out)
{
    out.push_back({"subscribe", -2, kSubscribeFlags, "channel [channel ...]",
        "Listen for messages published to the given channels", "pubsub", "2.0.0", 0, 0, 0, subscribeCommand, {},
        "O(N) where N is the number of channels to subscribe to."});
    out.push_back({"unsubscribe", -1, kSubscribeFlags, "[channel [channel ...]]",
        "Stop listening for messages posted to the given channels", "pubsub", "2.0.0", 0, 0, 0, unsubscribeCommand, {},
        "O(N) where N is the number of clients already subscribed to a channel."});
    out.push_back({"psubscribe", -2, kSubscribeFlags, "pattern [pattern ...]",
        "Listen for messages published to channels matching the given patterns", "pubsub", "2.0.0", 0, 0, 0,
        psubscribeCommand, {}, "O(N) where N is the number of patterns the client is already subscribed to."});
    out.push_back({"punsubscribe", -1, kSubscribeFlags, "[pattern [pattern ...]]",
        "Stop listening for messages posted to channels matching the given patterns", "pubsub", "2.0.0", 0, 0, 0,
        punsubscribeCommand, {},
        "O(N+M) where N is the number of patterns the client is already subscribed and M is the number "
        "of total patterns subscribed in the system (by any client)."});
    out.push_back({"publish", 3, kPublishFlags, "channel message", "Post a message to a channel", "pubsub", "2.0.0", 0,
        0, 0, publishCommand, {},
        "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total "
        "number of subscribed patterns (by any client)."});
    out.push_back({"ssubscribe", -2, kSubscribeFlags, "shardchannel [shardchannel ...]",
        "Listen for messages published to the given shard channels", "pubsub", "7.0.0", 1, -1, 1, ssubscribeCommand, {},
        "O(N) where N is the number of shard channels to subscribe to."});
    out.push_back({"sunsubscribe", -1, kSubscribeFlags, "[shardchannel [shardchannel ...]]",
        "Stop listening for messages posted to the given shard channels", "pubsub", "7.0.0", 1, -1, 1,
        sunsubscribeCommand, {}, "O(N) where N is the number of clients already subscribed to a shard channel."});
    out.push_back({"spublish", 3, kPublishFlags, "shardchannel message", "Post a message to a shard channel", "pubsub",
        "7.0.0", 1, 1, 1, spublishCommand, {},
        "O(N) where N is the number of clients subscribed to the receiving shard channel."});

    std::vector<CommandSpec> subs;
    subs.push_back({"channels", -2, kIntrospectFlags, "[pattern]", "List active channels", "pubsub", "2.8.0", 0, 0, 0,
        pubsubChannelsCommand, {},
        "O(N) where N is the number of active channels, and assuming constant time pattern matching "
        "(relatively short channels and patterns)"});
    subs.push_back({"help", 2, kCmdLoading | kCmdStale, "", "Show helpful text about the different subcommands",
        "pubsub", "6.2.0", 0, 0, 0, pubsubHelpCommand, {}, "O(1)"});
    subs.push_back({"numpat", 2, kIntrospectFlags, "", "Get the count of unique patterns pattern subscriptions",
        "pubsub", "2.8.0", 0, 0, 0, pubsubNumPatCommand, {}, "O(1)"});
    subs.push_back({"numsub", -2, kIntrospectFlags, "[channel [channel ...]]",
        "Get the count of subscribers for channels", "pubsub", "2.8.0", 0, 0, 0, pubsubNumSubCommand, {},
        "O(N) for the NUMSUB subcommand, where N is the number of requested channels"});
    subs.push_back({"shardchannels", -2, kIntrospectFlags, "[pattern]", "List active shard channels", "pubsub", "7.0.0",
        0, 0, 0, pubsubShardChannelsCommand, {},
        "O(N) where N is the number of active shard channels, and assuming constant time pattern "
        "matching (relatively short shard channels)."});
    subs.push_back({"shardnumsub", -2, kIntrospectFlags, "[shardchannel [shardchannel ...]]",
        "Get the count of subscribers for shard channels", "pubsub", "7.0.0", 0, 0, 0, pubsubShardNumSubCommand, {},
        "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels"});
    out.push_back({"pubsub", -2, 0, "subcommand [argument ...]", "A container for Pub/Sub commands", "pubsub", "2.8.0",
        0, 0, 0, nullptr, std::move(subs), "Depends on subcommand."});
}

} // namespace ql

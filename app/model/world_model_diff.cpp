// firstDifference / checkInvariants: see world_model_diff.h.
#include "world_model_diff.h"

#include <algorithm>
#include <sstream>

namespace ql {
namespace {

std::string describe(const KeyId &id)
{
    return "key " + std::to_string(id.db) + ":'" + id.name + "'";
}

std::string str(const std::string &s)
{
    return "\"" + s + "\"";
}
std::string str(const StreamId &id)
{
    return id.toString();
}
std::string str(const StreamEntryView &e)
{
    std::string out = e.id.toString() + " {";
    for (std::size_t i = 0; i < e.fieldsValues.size(); ++i)
        out += (i ? " " : "") + e.fieldsValues[i];
    return out + "}";
}
template <class T> std::string str(const std::optional<T> &v)
{
    return v ? std::to_string(*v) : std::string("nil");
}
template <class T> std::string str(const std::vector<T> &v)
{
    std::ostringstream out;
    out << "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        out << (i ? " " : "") << v[i];
    out << "]";
    return out.str();
}
template <class M> std::vector<std::string> names(const M &m)
{
    std::vector<std::string> out;
    for (const auto &[k, v] : m)
        out.push_back(k);
    return out;
}

// The elements both sequences know must agree.
template <class T> std::string compareSequences(const ElidedSequence<T> &a, const ElidedSequence<T> &b)
{
    if (a.size() != b.size())
        return "length " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
    auto check = [&](std::size_t i) -> std::string {
        const T *x = a.at(i);
        const T *y = b.at(i);
        if (x && y && !(*x == *y))
            return "element " + std::to_string(i) + ": " + str(*x) + " vs " + str(*y);
        return {};
    };
    for (std::size_t i = 0; i < a.head().size(); ++i)
        if (auto d = check(i); !d.empty())
            return d;
    for (std::size_t i = a.tailStart(); i < a.size(); ++i)
        if (auto d = check(i); !d.empty())
            return d;
    return {};
}

std::string compareGroups(const GroupView &a, const GroupView &b, const ModelDiffOptions &o)
{
    if (a.lastDeliveredId != b.lastDeliveredId)
        return "last-delivered-id " + str(a.lastDeliveredId) + " vs " + str(b.lastDeliveredId);
    if (a.entriesRead != b.entriesRead)
        return "entries-read " + str(a.entriesRead) + " vs " + str(b.entriesRead);
    if (a.lag != b.lag)
        return "lag " + str(a.lag) + " vs " + str(b.lag);
    if (a.pendingCount != b.pendingCount)
        return "pending count " + std::to_string(a.pendingCount) + " vs " + std::to_string(b.pendingCount);
    if (names(a.consumers) != names(b.consumers))
        return "consumers " + str(names(a.consumers)) + " vs " + str(names(b.consumers));
    for (const auto &[name, ca] : a.consumers) {
        const ConsumerView &cb = b.consumers.at(name);
        if (ca.pendingCount != cb.pendingCount)
            return "consumer " + name + " pending " + std::to_string(ca.pendingCount) + " vs "
                + std::to_string(cb.pendingCount);
        if (o.seenTimes && ca.seenTimeMs != cb.seenTimeMs)
            return "consumer " + name + " seen-time " + std::to_string(ca.seenTimeMs) + " vs "
                + std::to_string(cb.seenTimeMs);
    }
    auto oneWay = [](const GroupView &x, const GroupView &y, const char *which) -> std::string {
        for (const auto &[id, px] : x.pending) {
            if (id > y.pendingKnownThrough)
                break;
            auto py = y.pending.find(id);
            if (py == y.pending.end())
                return std::string("pending ") + str(id) + " only in the " + which + " model";
            if (!(px == py->second))
                return "pending " + str(id) + ": " + px.consumer + " t=" + std::to_string(px.deliveryTimeMs)
                    + " n=" + std::to_string(px.deliveryCount) + " vs " + py->second.consumer + " t="
                    + std::to_string(py->second.deliveryTimeMs) + " n=" + std::to_string(py->second.deliveryCount);
        }
        return {};
    };
    if (auto d = oneWay(a, b, "first"); !d.empty())
        return d;
    return oneWay(b, a, "second");
}

std::string compareKeys(const KeyView &a, const KeyView &b, const ModelDiffOptions &o)
{
    if (a.type != b.type)
        return std::string("type ") + valueTypeName(a.type) + " vs " + valueTypeName(b.type);
    if (a.expireAtMs != b.expireAtMs)
        return "expiry " + std::to_string(a.expireAtMs) + " vs " + std::to_string(b.expireAtMs);
    if (a.type == ValueType::String) {
        if (a.stringLength != b.stringLength || a.stringValue != b.stringValue)
            return "value " + str(a.stringValue) + " vs " + str(b.stringValue);
        return {};
    }
    if (a.type == ValueType::List)
        return compareSequences(*a.list, *b.list);
    const StreamKeyView &sa = *a.stream;
    const StreamKeyView &sb = *b.stream;
    if (sa.lastId != sb.lastId)
        return "last id " + str(sa.lastId) + " vs " + str(sb.lastId);
    if (auto d = compareSequences(sa.entries, sb.entries); !d.empty())
        return "entries: " + d;
    if (names(sa.groups) != names(sb.groups))
        return "groups " + str(names(sa.groups)) + " vs " + str(names(sb.groups));
    for (const auto &[name, ga] : sa.groups)
        if (auto d = compareGroups(ga, sb.groups.at(name), o); !d.empty())
            return "group " + name + ": " + d;
    return {};
}

std::string compareClients(const ClientView &a, const ClientView &b)
{
    if (a.name != b.name)
        return "name " + str(a.name) + " vs " + str(b.name);
    if (a.blocked.has_value() != b.blocked.has_value())
        return std::string("blocked ") + (a.blocked ? "yes" : "no") + " vs " + (b.blocked ? "yes" : "no");
    if (a.blocked) {
        const BlockedView &x = *a.blocked;
        const BlockedView &y = *b.blocked;
        if (x.keys != y.keys)
            return "blocked on " + str(x.keys) + " vs " + str(y.keys);
        if (x.db != y.db || x.sinceMs != y.sinceMs || x.deadlineMs != y.deadlineMs)
            return "blocked db/since/deadline " + std::to_string(x.db) + "/" + std::to_string(x.sinceMs) + "/"
                + std::to_string(x.deadlineMs) + " vs " + std::to_string(y.db) + "/" + std::to_string(y.sinceMs) + "/"
                + std::to_string(y.deadlineMs);
    }
    if (names(a.channels) != names(b.channels))
        return "channels " + str(names(a.channels)) + " vs " + str(names(b.channels));
    if (names(a.patterns) != names(b.patterns))
        return "patterns " + str(names(a.patterns)) + " vs " + str(names(b.patterns));
    if (names(a.shardChannels) != names(b.shardChannels))
        return "shard channels " + str(names(a.shardChannels)) + " vs " + str(names(b.shardChannels));
    if (a.inMulti != b.inMulti || a.queuedCommands != b.queuedCommands)
        return "MULTI " + std::to_string(a.inMulti) + "/" + std::to_string(a.queuedCommands) + " vs "
            + std::to_string(b.inMulti) + "/" + std::to_string(b.queuedCommands);
    return {};
}

const char *kindName(ChannelKind k)
{
    return k == ChannelKind::Pattern ? "pattern" : k == ChannelKind::Shard ? "shard channel" : "channel";
}

} // namespace

std::string firstDifference(const WorldModel &a, const WorldModel &b, ModelDiffOptions options)
{
    // Clients
    std::vector<ClientId> ida, idb;
    for (const auto &[id, c] : a.clients())
        ida.push_back(id);
    for (const auto &[id, c] : b.clients())
        idb.push_back(id);
    if (ida != idb)
        return "clients " + str(ida) + " vs " + str(idb);
    for (const auto &[id, ca] : a.clients())
        if (auto d = compareClients(ca, *b.client(id)); !d.empty())
            return "client " + std::to_string(id) + ": " + d;

    // Keys that exist at the later time
    const std::int64_t now = std::max(a.nowMs(), b.nowMs());
    auto live = [&](const WorldModel &m) {
        std::vector<const KeyView *> out;
        for (const auto &[id, k] : m.keys())
            if (!k.expiredAt(now))
                out.push_back(&k);
        return out;
    };
    const auto ka = live(a);
    const auto kb = live(b);
    for (std::size_t i = 0; i < std::max(ka.size(), kb.size()); ++i) {
        if (i >= ka.size())
            return describe({kb[i]->db, kb[i]->name}) + " only in the second model";
        if (i >= kb.size() || ka[i]->db != kb[i]->db || ka[i]->name != kb[i]->name) {
            const KeyView *x = ka[i];
            const KeyView *y = i < kb.size() ? kb[i] : nullptr;
            bool firstOnly = !y || KeyIdLess::Ref {x->db, x->name} < KeyIdLess::Ref {y->db, y->name};
            return firstOnly ? describe({x->db, x->name}) + " only in the first model"
                             : describe({y->db, y->name}) + " only in the second model";
        }
        if (auto d = compareKeys(*ka[i], *kb[i], options); !d.empty())
            return describe({ka[i]->db, ka[i]->name}) + ": " + d;
        if (a.waiters(ka[i]->db, ka[i]->name) != b.waiters(kb[i]->db, kb[i]->name))
            return describe({ka[i]->db, ka[i]->name}) + ": waiters " + str(a.waiters(ka[i]->db, ka[i]->name)) + " vs "
                + str(b.waiters(kb[i]->db, kb[i]->name));
    }

    // Channels with subscribers
    auto subscribed = [](const WorldModel &m) {
        std::vector<const ChannelView *> out;
        for (const auto &[key, ch] : m.channels())
            if (!ch.subscribers.empty())
                out.push_back(&ch);
        return out;
    };
    const auto ca = subscribed(a);
    const auto cb = subscribed(b);
    for (std::size_t i = 0; i < std::max(ca.size(), cb.size()); ++i) {
        if (i >= ca.size())
            return std::string(kindName(cb[i]->kind)) + " " + str(cb[i]->name) + " only in the second model";
        if (i >= cb.size() || ca[i]->kind != cb[i]->kind || ca[i]->name != cb[i]->name)
            return std::string(kindName(ca[i]->kind)) + " " + str(ca[i]->name) + " differs from "
                + (i < cb.size() ? str(cb[i]->name) : std::string("nothing"));
        if (ca[i]->subscriberList() != cb[i]->subscriberList())
            return std::string(kindName(ca[i]->kind)) + " " + str(ca[i]->name) + ": subscribers "
                + str(ca[i]->subscriberList()) + " vs " + str(cb[i]->subscriberList());
    }
    return {};
}

std::string checkInvariants(const WorldModel &m)
{
    for (const auto &[id, k] : m.keys()) {
        if (k.type != ValueType::Stream)
            continue;
        for (const auto &[name, g] : k.stream->groups) {
            const std::string where = describe(id) + " group " + name + ": ";
            std::size_t sum = 0;
            for (const auto &[cname, c] : g.consumers) {
                sum += c.pendingCount;
                if (c.pending.size() > c.pendingCount)
                    return where + "consumer " + cname + " knows more pending entries than it has";
                for (StreamId pid : c.pending) {
                    auto p = g.pending.find(pid);
                    if (p == g.pending.end() || p->second.consumer != cname)
                        return where + "consumer " + cname + " lists " + pid.toString() + " it does not own";
                }
            }
            if (sum != g.pendingCount)
                return where + "consumers hold " + std::to_string(sum) + " pending, the group "
                    + std::to_string(g.pendingCount);
            if (g.pending.size() > g.pendingCount || (g.pendingComplete() && g.pending.size() != g.pendingCount))
                return where + "pending entries known " + std::to_string(g.pending.size()) + " of "
                    + std::to_string(g.pendingCount);
            for (const auto &[pid, p] : g.pending) {
                auto c = g.consumers.find(p.consumer);
                if (c == g.consumers.end() || !c->second.pending.count(pid))
                    return where + "pending " + pid.toString() + " has no consumer " + p.consumer;
            }
        }
    }
    for (const KeyId &id : m.keysWithWaiters()) {
        for (ClientId c : m.waiters(id.db, id.name)) {
            const ClientView *cv = m.client(c);
            if (!cv || !cv->blocked || cv->blocked->db != id.db
                || std::find(cv->blocked->queuedOn.begin(), cv->blocked->queuedOn.end(), id.name)
                    == cv->blocked->queuedOn.end())
                return describe(id) + ": waiter " + std::to_string(c) + " is not blocked on it";
        }
    }
    for (const auto &[cid, c] : m.clients()) {
        if (!c.blocked)
            continue;
        for (const auto &k : c.blocked->queuedOn) {
            auto w = m.waiters(c.blocked->db, k);
            if (std::find(w.begin(), w.end(), cid) == w.end())
                return "client " + std::to_string(cid) + " blocked on " + k + " is not in its queue";
        }
    }
    for (const auto &[key, ch] : m.channels()) {
        for (const auto &[order, cid] : ch.subscribers) {
            const ClientView *cv = m.client(cid);
            bool listed = false;
            if (cv) {
                const auto &subs = ch.kind == ChannelKind::Pattern ? cv->patterns
                    : ch.kind == ChannelKind::Shard                ? cv->shardChannels
                                                                   : cv->channels;
                auto it = subs.find(ch.name);
                listed = it != subs.end() && it->second == order;
            }
            if (!listed)
                return std::string(kindName(ch.kind)) + " " + ch.name + ": subscriber " + std::to_string(cid)
                    + " does not list it";
        }
    }
    for (const auto &[cid, c] : m.clients()) {
        for (ChannelKind kind : {ChannelKind::Channel, ChannelKind::Pattern, ChannelKind::Shard}) {
            const auto &subs = kind == ChannelKind::Pattern ? c.patterns
                : kind == ChannelKind::Shard                ? c.shardChannels
                                                            : c.channels;
            for (const auto &[name, order] : subs) {
                const ChannelView *ch = m.channel(kind, name);
                if (!ch || !ch->subscribers.count(order))
                    return "client " + std::to_string(cid) + ": " + kindName(kind) + " " + name + " does not list it";
            }
        }
    }
    return {};
}

} // namespace ql

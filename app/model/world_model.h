// WorldModel: the state the window draws, built only from one WorldSnapshot (taken when
// the window attaches) and then the broker's ordered event feed (docs/events.md). Scene,
// inspector and charts read it; nothing here touches the engine. Plain C++ values, cheap to
// update: an event costs O(log n) plus O(its own size), never a scan of a long list: lists
// and streams keep up to Limits::*End elements at each end (elided_sequence.h), so LINSERT,
// LREM and XDEL cost at most O(that bound); pending entries live in maps (all of them, as
// the engine keeps them). Exceptions that are O(what they remove): FLUSHDB / FLUSHALL, a
// deleted consumer, a closed client.
//
// Counters (ChannelView published/delivered/lost, PubSubTotals, messagesReceived) count
// since the model attached and survive a later apply(snapshot); colours too.
//
// Attaching:   subscribe to the feed, take a snapshot, apply(snapshot), then apply the
//              drained events in order; events with seq <= the snapshot's seq are skipped.
//              missedEvents() turns true when a seq is skipped (the feed dropped events):
//              attach again.
//
// Dirty keys:  where an event's fields cannot reproduce its effect exactly, the model does
//              not guess. It marks the key in dirtyKeys() and keeps what it can (e.g. a
//              claim's new owner). The window then takes a snapshot, applies events up to
//              exactly that snapshot's seq, and calls refreshDirty(snapshot) (or refresh()
//              / removeKey() per key). Today that happens for:
//              - StringSet on a key with a TTL (SET drops it, INCR/APPEND/SET KEEPTTL keep
//                it; the event does not say which);
//              - ListChanged "lrem" when the removed elements may lie in the elided middle;
//              - Claimed (XCLAIM / XAUTOCLAIM: the new delivery time and count depend on
//                XCLAIM's IDLE/TIME/RETRYCOUNT, which the event does not carry; its
//                number only says whether JUSTID left the counts alone);
//              - GroupCreated and GroupIdSet (entries-read: ENTRIESREAD or not, SETID vs
//                XCLAIM LASTID), and StreamIdSet (XSETID's ENTRIESADDED / MAXDELETEDID);
//              - a stream with consumer groups whose entries-added / max-deleted-id the
//                model does not know (a stream from a snapshot, or after XSETID), on every
//                event that moves entries-read or lag: the snapshot carries neither counter;
//              - a pending entry the model does not know being acked, claimed or re-read
//                (a snapshot that listed only the oldest pending entries);
//              - a list or stream end popped or trimmed into its elided middle (the model
//                shows what it knows; the refresh brings that end back);
//              - any event on a key the model does not have, or that contradicts it.
//              Exact (no dirty mark): pushes, pops, moves, LSET, LINSERT, LTRIM, LREM when
//              the ends decide it, RENAME (the value and TTL move), FLUSHDB/FLUSHALL, DEL,
//              expiry, XADD, XDEL, XTRIM, group reads and acks, consumer changes.
//
// Not in any event, so not followed (a snapshot shows them): a client's db and protocol.
// Whether a transaction is doomed (a command rejected while queuing, a WATCHed key
// changed) is in neither: the model shows it in MULTI with the commands queued before
// that, as a snapshot does. Keys past their TTL stay until their KeyRemoved event;
// KeyView::expiredAt tells whether Redis already considers them gone.
#pragma once

#include "feed_position.h"

#include "world_views.h"

#include "api/world_snapshot.h"

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ql {

class WorldModel {
public:
    struct Limits {
        std::size_t listEnd = 1000; // list elements kept at each end
        std::size_t streamEnd = 1000; // stream entries kept at each end
        std::size_t closedClients = 32; // close reasons remembered
    };
    using KeyMap = std::map<KeyId, KeyView, KeyIdLess>;
    using ChannelKey = std::pair<ChannelKind, std::string>;
    struct ChannelKeyLess {
        using is_transparent = void;
        using Ref = std::pair<ChannelKind, std::string_view>;
        static Ref ref(const ChannelKey &k) { return {k.first, k.second}; }
        static Ref ref(const Ref &r) { return r; }
        template <class A, class B> bool operator()(const A &a, const B &b) const { return ref(a) < ref(b); }
    };
    using ChannelMap = std::map<ChannelKey, ChannelView, ChannelKeyLess>;

    WorldModel();
    explicit WorldModel(Limits limits);

    // Resets the model to the snapshot. Colours of clients still present are kept.
    void apply(const WorldSnapshot &snapshot);
    void apply(const Event &event);
    void apply(std::span<const Event> events);

    // ---- dirty keys
    const std::set<KeyId, KeyIdLess> &dirtyKeys() const { return m_dirty; }
    // Replaces one key by its snapshot (the snapshot must be at seq()); no longer dirty.
    void refresh(const KeySnapshot &key);
    // The key does not exist in a snapshot at seq(): drop it; no longer dirty.
    void removeKey(int db, std::string_view name);
    // Refreshes every dirty key from a snapshot taken at seq(); false (nothing done) when
    // the snapshot is at another seq: apply events up to snapshot.seq first. A snapshot of
    // some keys only (keysOnly) refreshes the dirty keys it covers; the others stay dirty.
    bool refreshDirty(const WorldSnapshot &snapshot);

    // ---- position in the feed
    std::uint64_t seq() const { return m_feed.seq; } // last event applied (or the snapshot's)
    std::uint64_t snapshotSeq() const { return m_snapshotSeq; }
    bool missedEvents() const { return m_feed.missed; }
    std::int64_t nowMs() const { return m_nowMs; } // the latest time seen

    // ---- reading
    const std::map<ClientId, ClientView> &clients() const { return m_clients; }
    const ClientView *client(ClientId id) const;
    const KeyMap &keys() const { return m_keys; }
    const KeyView *key(int db, std::string_view name) const;
    // Clients blocked on a key (existing or not), in the order they will be served.
    std::vector<ClientId> waiters(int db, std::string_view key) const;
    // Every key some client waits on.
    std::vector<KeyId> keysWithWaiters() const;
    const ChannelMap &channels() const { return m_channels; }
    const ChannelView *channel(ChannelKind kind, std::string_view name) const;
    const std::deque<ClosedClientView> &recentlyClosed() const { return m_closed; }
    const PubSubTotals &totals() const { return m_totals; }
    const Limits &limits() const { return m_limits; }

private:
    using WaitQueue = std::map<std::uint64_t, ClientId>;

    // world_model.cpp: clients, blocking, pub/sub, transactions
    void onClientOpened(const Event &e);
    void onClientClosed(const Event &e);
    void onBlockRequested(const Event &e);
    void onUnblocked(const Event &e);
    void onSubscribed(const Event &e);
    void onUnsubscribed(const Event &e);
    void onPublished(const Event &e);
    void onDelivered(const Event &e);
    void onNoReceiver(const Event &e);
    ClientView &clientFor(ClientId id);
    void endWait(ClientView &c);
    void subscribe(ClientView &c, ChannelKind kind, const std::string &name, std::uint64_t order);
    void unsubscribe(ClientView &c, ChannelKind kind, const std::string &name);
    ChannelView &channelFor(ChannelKind kind, const std::string &name);
    void dropChannelIfUnused(ChannelKind kind, const std::string &name);
    int colourFor(ClientId id);

    // world_model_keys.cpp: keyspace, strings, lists; snapshot conversion
    void applyKeyEvent(const Event &e);
    void onListChanged(KeyView &k, const Event &e);
    void onListRemove(KeyView &k, const Event &e);
    KeyView makeKey(int db, const std::string &name, ValueType type) const;
    KeyView keyFromSnapshot(const KeySnapshot &s) const;
    KeyView *findKey(int db, std::string_view name);
    KeyView *keyOfType(const Event &e, ValueType type); // null (and dirty) when absent
    void markDirty(int db, std::string_view name);

    // world_model_streams.cpp
    void applyStreamEvent(const Event &e);
    void onStreamDeleted(KeyView &k, const Event &e);
    void onGroupDelivered(KeyView &k, GroupView &g, const Event &e);
    void onAcked(KeyView &k, GroupView &g, const std::vector<std::string> &ids, std::size_t from);
    void onClaimed(KeyView &k, GroupView &g, const Event &e);
    // entries-read and lag after a change of the stream or a group cursor.
    void streamCountersChanged(KeyView &k);
    bool countersComputable(const StreamKeyView &s, const GroupView &g) const;

    Limits m_limits;
    FeedPosition m_feed;
    std::uint64_t m_snapshotSeq = 0;
    std::int64_t m_nowMs = 0;

    std::map<ClientId, ClientView> m_clients;
    std::map<ClientId, int> m_colours; // every client ever seen
    int m_nextColour = 0;
    std::deque<ClosedClientView> m_closed;

    KeyMap m_keys;
    std::set<KeyId, KeyIdLess> m_dirty;
    std::map<KeyId, WaitQueue, KeyIdLess> m_waitQueues;
    std::uint64_t m_nextOrder = 1; // wait-queue and subscription order

    ChannelMap m_channels;
    PubSubTotals m_totals;
    // The Published event the following Delivered / NoReceiver events belong to.
    ChannelKind m_publishedKind = ChannelKind::Channel;
};

} // namespace ql

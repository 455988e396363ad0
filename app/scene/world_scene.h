// WorldScene: the picture of the broker's world. One item per client (left column) and per
// key or channel (two columns to the right, in order of first appearance, so the layout
// stays put as things are added); message tokens fly between them for every push, pop,
// move, publish, delivery, XADD, XREADGROUP delivery and XACK.
//
// Its input is the event feed (via FeedPump) and world snapshots: after each batch of
// events it asks the broker for a snapshot (one at a time) and redraws from it, then
// launches the tokens for the events that snapshot covers, so tokens always fly to items
// that exist.
#pragma once

#include "api/world_snapshot.h"

#include <QGraphicsScene>
#include <QHash>

#include <array>

#include <functional>
#include <future>
#include <map>
#include <vector>

namespace ql {

class Backend;
class ChannelItem;
class ClientItem;
class ListItem;
class StreamItem;
class StringItem;
class TokenLayer;

class WorldScene : public QGraphicsScene {
    Q_OBJECT
public:
    WorldScene(Backend &backend, std::function<QColor(ClientId)> colorOf, QObject *parent = nullptr);
    ~WorldScene() override;

    void onEvents(const std::vector<Event> &events, std::uint64_t dropped);
    // Called every frame with the animation time that passed (0 while paused).
    void advance(int ms);
    // Takes a snapshot now and waits for it (tests; the window never waits).
    void refreshNow();

    ClientItem *clientItem(const QString &name) const;
    ListItem *listItem(const QString &key) const;
    StreamItem *streamItem(const QString &key) const;
    ChannelItem *channelItem(const QString &name) const;
    StringItem *stringItem(const QString &key) const;
    TokenLayer *tokens() const { return m_tokens; }
    std::uint64_t appliedSeq() const { return m_appliedSeq; }
    // Keys in 1, 2 or 3 columns; sizeFor() says how big the world would be with n columns.
    void setColumns(int columns);
    int columns() const { return m_columns; }
    QSizeF sizeFor(int columns) const;
    // The one-line state the scene shows for a client ("idle", "waiting on jobs (4 s)").
    QString clientState(ClientId id) const;

    // What the user selected in the scene: "key:<db>:<name>", "client:<id>",
    // "channel:<name>" or "pattern:<name>"; empty when nothing is selected.
    QString selectedSubject() const;
    const WorldSnapshot &lastSnapshot() const { return m_last; }
    // published / delivered / lost of a channel since the window opened.
    std::array<qint64, 3> channelCounts(const QString &channel) const;

Q_SIGNALS:
    void layoutChanged();
    void clientsUpdated();
    void snapshotApplied();

private:
    void pollSnapshot();
    void apply(const WorldSnapshot &w);
    void layoutItems();
    void tag(QGraphicsItem *item, const QString &subject); // selectable, with its subject
    void animate(const Event &e);
    QPointF clientPoint(ClientId id) const;
    QString clientName(ClientId id) const;
    QString keyId(int db, const std::string &key) const;

    Backend &m_backend;
    std::function<QColor(ClientId)> m_colorOf;
    std::future<WorldSnapshot> m_inFlight;
    bool m_dirty = false;
    std::uint64_t m_appliedSeq = 0;
    std::vector<Event> m_waiting; // events whose tokens fly once a snapshot covers them

    TokenLayer *m_tokens;
    std::map<ClientId, ClientItem *> m_clients;
    std::map<ClientId, ClientSnapshot> m_clientState;
    QHash<QString, QGraphicsItem *> m_keys; // "db:name" -> item
    QStringList m_keyOrder; // first appearance
    QHash<QString, ChannelItem *> m_channels; // "channel:name" / "pattern:name"
    struct Counters {
        qint64 published = 0, delivered = 0, lost = 0;
    };
    QHash<QString, Counters> m_counters; // per channel name
    std::int64_t m_nowMs = 0;
    WorldSnapshot m_last;
    int m_columns = 2;
    struct {
        EventKind kind = EventKind::KeyCreated;
        std::string key;
    } m_lastAnimated; // what the previous token showed
    int m_sinceRefresh = 0; // animation ms since the last snapshot request
    bool m_countdowns = false; // some client waits with a timeout: refresh as time passes
};

} // namespace ql

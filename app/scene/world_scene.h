// WorldScene: the picture of the broker's world. One item per client (on the left, in up
// to three columns) and per key or channel (in columns to the right, in order of first
// appearance; each keeps the column it was given, and a list that its consumers emptied
// keeps its place until the layout is tidied, so nothing jumps), and message tokens flying
// between them for every push, pop, move, publish, delivery, XADD, XREADGROUP delivery,
// claim and XACK; deleted and trimmed stream entries fall off the tape.
//
// Its only input is the LiveWorld: after each step of the WorldModel it redraws the items
// from the model and launches the tokens for the events of that step, so tokens always fly
// to items that exist.
#pragma once

#include "model/world_model.h"

#include <QGraphicsScene>
#include <QHash>
#include <QSet>

#include <array>
#include <functional>
#include <map>
#include <vector>

namespace ql {

class ChannelItem;
class ClientItem;
class ListItem;
class LiveWorld;
class StreamItem;
class StringItem;
class TokenLayer;

class WorldScene : public QGraphicsScene {
    Q_OBJECT
public:
    using ColorOf = std::function<QColor(ClientId)>;
    using Now = std::function<std::int64_t()>;
    WorldScene(LiveWorld &world, ColorOf colorOf, Now now, QObject *parent = nullptr);
    ~WorldScene() override;

    // Called every frame with the animation time that passed (0 while paused).
    void advance(int ms);
    // Brings the model up to date now (waits for a snapshot in flight) and redraws (tests).
    void refreshNow();

    const WorldModel &model() const;
    ClientItem *clientItem(const QString &name) const;
    ListItem *listItem(const QString &key) const;
    StreamItem *streamItem(const QString &key) const;
    ChannelItem *channelItem(const QString &name) const;
    StringItem *stringItem(const QString &key) const;
    TokenLayer *tokens() const { return m_tokens; }
    // Keys in 1, 2 or 3 columns; sizeFor() says how big the world would be with n columns.
    void setColumns(int columns);
    int columns() const { return m_columns; }
    QSizeF sizeFor(int columns) const;
    // Closes the gaps keys that went away left (View > Tidy layout).
    void tidy();
    // The one-line state the scene shows for a client ("idle", "waiting on jobs (4 s)").
    QString clientState(ClientId id) const;
    QString clientName(ClientId id) const;

    // The subject of a key's item, "key:<db>:<name>", and of a channel's, "channel:<name>" /
    // "pattern:<name>"; names are carried byte for byte as Latin-1 (nameOfSlot() gives
    // the bytes back), as keys need not be UTF-8.
    static QString keySlot(int db, std::string_view key);
    static QString channelSlot(bool pattern, std::string_view name);
    static std::string nameOfSlot(const QString &slotText);

    // What the user selected in the scene: "key:<db>:<name>", "client:<id>",
    // "channel:<name>", "pattern:<name>", or a message in a key:
    // "entry:<db>:<key>:<id>" (stream entry) / "element:<db>:<key>:<index>" (list element).
    // Empty when nothing is selected.
    QString selectedSubject() const;
    // published / delivered / lost of a channel since the window opened.
    std::array<qint64, 3> channelCounts(const QString &channel) const;

Q_SIGNALS:
    void layoutChanged();
    void clientsUpdated();
    void worldUpdated();
    // A click in the scene: the subject of the message (stream entry or list element) it
    // hit, as above, or "" when it hit no message.
    void messageClicked(const QString &subject);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;

private:
    struct Falling {
        QPointF at;
        QString id;
    };
    void onChanged(const std::vector<Event> &applied);
    std::vector<Falling> fallingEntries(const std::vector<Event> &applied) const;
    void rebuild();
    bool buildClients();
    bool buildKeys(QSet<QString> &alive);
    bool buildChannels(QSet<QString> &alive);
    struct ClientGrid {
        int columns = 1;
        int rows = 0;
        qreal keysLeft = 0; // where the key columns start
    };
    ClientGrid clientGrid(qreal keysHeight) const;
    void layoutItems();
    QGraphicsItem *&slotItem(const QString &id, QSet<QString> &alive);
    void tag(QGraphicsItem *item, const QString &subject); // selectable, with its subject
    void animate(const Event &e);
    QPointF clientPoint(ClientId id) const;
    static QString displayName(int db, const std::string &key); // "jobs", "jobs (db 3)"
    QColor colorOfConsumer(const std::string &consumer) const;

    LiveWorld &m_world;
    ColorOf m_colorOf;
    Now m_now;

    TokenLayer *m_tokens;
    std::map<ClientId, ClientItem *> m_clients;
    QHash<QString, QGraphicsItem *> m_keys; // slot (keySlot / channelSlot) -> item
    QStringList m_keyOrder; // slots in order of first appearance
    QSet<QString> m_inOrder; // the same, to look up
    QHash<QString, int> m_keyColumn; // the column each key was given
    QHash<QString, ChannelItem *> m_channels; // the channel items of m_keys
    QString m_selectedMessage;
    QSet<QString> m_emptied; // lists emptied by the events being applied
    int m_columns = 2;
    struct {
        EventKind kind = EventKind::KeyCreated;
        std::string key;
    } m_lastAnimated; // what the previous token showed
    int m_sinceRebuild = 0; // animation ms since the last redraw
    bool m_countdowns = false; // some client waits with a timeout: redraw as time passes
};

} // namespace ql

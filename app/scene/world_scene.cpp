#include "world_scene.h"

#include "api/backend.h"
#include "channel_item.h"
#include "client_item.h"
#include "list_item.h"
#include "scene_style.h"
#include "stream_item.h"
#include "token_layer.h"

#include <chrono>

namespace ql {

namespace {

constexpr qreal kColumnGap = 24;
constexpr qreal kRowGap = 14;
constexpr std::size_t kMaxWaitingEvents = 2000;

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// The item in `slot` as a T: a key that changed type (or is new) gets a fresh item.
template <typename T> T *itemOfType(QGraphicsScene &scene, QGraphicsItem *&slot, bool &created)
{
    if (auto *item = dynamic_cast<T *>(slot))
        return item;
    delete slot;
    auto *item = new T;
    scene.addItem(item);
    slot = item;
    created = true;
    return item;
}

QString seconds(std::int64_t ms)
{
    return ms >= 10000 ? QObject::tr("%1 s").arg(ms / 1000) : QObject::tr("%1 s").arg(ms / 1000.0, 0, 'f', 1);
}

} // namespace

WorldScene::WorldScene(Backend &backend, std::function<QColor(ClientId)> colorOf, QObject *parent)
    : QGraphicsScene(parent), m_backend(backend), m_colorOf(std::move(colorOf)), m_tokens(new TokenLayer)
{
    addItem(m_tokens);
    setItemIndexMethod(QGraphicsScene::NoIndex); // few items, most of them change every frame
}

WorldScene::~WorldScene()
{
    if (m_inFlight.valid())
        m_inFlight.wait(); // the broker fills it; do not leave it writing into a dead future
}

void WorldScene::onEvents(const std::vector<Event> &events, std::uint64_t)
{
    for (const Event &e : events) {
        switch (e.kind) {
        case EventKind::Published: ++m_counters[qs(e.key)].published; break;
        case EventKind::Delivered: ++m_counters[qs(e.key)].delivered; break;
        case EventKind::NoReceiver: ++m_counters[qs(e.key)].lost; break;
        default: break;
        }
    }
    // Under a flood only the newest events fly: copy no more than kMaxWaitingEvents.
    auto from = events.size() > kMaxWaitingEvents ? events.end() - static_cast<std::ptrdiff_t>(kMaxWaitingEvents)
                                                  : events.begin();
    m_waiting.insert(m_waiting.end(), from, events.end());
    if (m_waiting.size() > kMaxWaitingEvents)
        m_waiting.erase(m_waiting.begin(), m_waiting.end() - static_cast<std::ptrdiff_t>(kMaxWaitingEvents));
    m_dirty = true;
    pollSnapshot();
}

void WorldScene::advance(int ms)
{
    // Countdowns move with time even when nothing happens.
    m_sinceRefresh += ms;
    if (m_countdowns && m_sinceRefresh >= 200) {
        m_sinceRefresh = 0;
        m_dirty = true;
    }
    pollSnapshot();
    m_tokens->advance(ms);
}

QString WorldScene::clientState(ClientId id) const
{
    auto it = m_clients.find(id);
    return it == m_clients.end() ? QString() : it->second->data().state;
}

void WorldScene::refreshNow()
{
    if (m_inFlight.valid())
        m_inFlight.wait();
    m_dirty = true;
    pollSnapshot();
    if (m_inFlight.valid())
        m_inFlight.wait();
    pollSnapshot();
}

void WorldScene::pollSnapshot()
{
    if (m_inFlight.valid() && m_inFlight.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        WorldSnapshot w = m_inFlight.get();
        apply(w);
        std::size_t launched = 0;
        for (const Event &e : m_waiting) {
            if (e.seq > w.seq)
                break;
            animate(e);
            ++launched;
        }
        m_waiting.erase(m_waiting.begin(), m_waiting.begin() + static_cast<std::ptrdiff_t>(launched));
    }
    if (m_dirty && !m_inFlight.valid()) {
        m_dirty = false;
        m_inFlight = m_backend.snapshot();
    }
}

QString WorldScene::keyId(int db, const std::string &key) const
{
    return db == 0 ? qs(key) : QStringLiteral("db%1:%2").arg(db).arg(qs(key));
}

QString WorldScene::clientName(ClientId id) const
{
    auto it = m_clientState.find(id);
    if (it != m_clientState.end() && !it->second.name.empty())
        return qs(it->second.name);
    return tr("client #%1").arg(id);
}

QPointF WorldScene::clientPoint(ClientId id) const
{
    auto it = m_clients.find(id);
    return it != m_clients.end() ? it->second->anchor() : QPointF(0, 0);
}

void WorldScene::apply(const WorldSnapshot &w)
{
    m_appliedSeq = w.seq;
    m_nowMs = w.nowMs;
    bool changedLayout = false;

    // Clients.
    std::map<ClientId, ClientSnapshot> clients;
    for (const auto &c : w.clients)
        clients[c.id] = c;
    for (auto it = m_clients.begin(); it != m_clients.end();) {
        if (!clients.count(it->first)) {
            delete it->second;
            it = m_clients.erase(it);
            changedLayout = true;
        } else {
            ++it;
        }
    }
    m_clientState = clients;
    m_countdowns = false;
    for (const auto &[id, c] : clients) {
        m_countdowns = m_countdowns || (c.blocked && c.blockDeadlineMs > 0);
        ClientItem *&item = m_clients[id];
        if (!item) {
            item = new ClientItem;
            item->setFlag(QGraphicsItem::ItemIsSelectable);
            item->QGraphicsItem::setData(0, QStringLiteral("client:%1").arg(id));
            addItem(item);
            changedLayout = true;
        }
        ClientItem::Data d;
        d.name = clientName(id);
        d.color = m_colorOf(id);
        d.blocked = c.blocked;
        if (c.blocked) {
            QStringList keys;
            for (const auto &k : c.blockedKeys)
                keys << qs(k);
            d.state = tr("waiting on %1").arg(keys.join(QStringLiteral(", ")));
            if (c.blockDeadlineMs > 0) {
                std::int64_t total = std::max<std::int64_t>(1, c.blockDeadlineMs - c.blockedSinceMs);
                std::int64_t left = std::max<std::int64_t>(0, c.blockDeadlineMs - w.nowMs);
                d.remaining = static_cast<double>(left) / static_cast<double>(total);
                d.state += QStringLiteral(" (%1)").arg(seconds(left));
            }
        } else if (!c.channels.empty() || !c.patterns.empty()) {
            QStringList subs;
            for (const auto &ch : c.channels)
                subs << qs(ch);
            for (const auto &p : c.patterns)
                subs << qs(p);
            d.state = tr("subscribed to %1").arg(subs.join(QStringLiteral(", ")));
        } else if (c.inMulti) {
            d.state = tr("in MULTI, %n queued", nullptr, static_cast<int>(c.queuedCommands));
        } else {
            d.state = tr("idle");
        }
        item->setData(d);
    }
    auto badge = [&](ClientId id, const QString &note) { return ClientBadge {clientName(id), m_colorOf(id), note}; };
    auto colorOfConsumer = [&](const std::string &consumer) {
        for (const auto &[id, c] : clients)
            if (c.name == consumer)
                return m_colorOf(id);
        return QColor(0x7f, 0x7f, 0x7f);
    };

    // Keys.
    // Waiting clients in service order, each with the time it has left.
    auto waitersOf = [&](const std::vector<ClientId> &ids) {
        QVector<ClientBadge> out;
        for (ClientId c : ids) {
            auto cs = clients.find(c);
            QString note = tr("forever");
            if (cs != clients.end() && cs->second.blockDeadlineMs > 0)
                note = tr("%1 left").arg(seconds(std::max<std::int64_t>(0, cs->second.blockDeadlineMs - w.nowMs)));
            out << badge(c, note);
        }
        return out;
    };
    QSet<QString> alive;
    // The item slot of a key, a channel or a waited-on key; new ones join the layout order.
    auto keySlot = [&](const QString &id) -> QGraphicsItem *& {
        alive.insert(id);
        if (!m_keyOrder.contains(id))
            m_keyOrder << id;
        return m_keys[id];
    };
    for (const auto &k : w.keys) {
        QString id = keyId(k.db, k.name);
        QGraphicsItem *&item = keySlot(id);
        const QVector<ClientBadge> waiters = waitersOf(k.waiters);
        if (k.type == ValueType::List) {
            auto *list = itemOfType<ListItem>(*this, item, changedLayout);
            ListItem::Data d;
            d.name = id;
            d.length = static_cast<qint64>(k.length);
            QStringList all;
            for (const auto &e : k.elements)
                all << qs(e);
            if (all.size() > scene::kMaxTiles) {
                d.elements = all.mid(0, scene::kMaxTiles / 2) + all.mid(all.size() - scene::kMaxTiles / 2);
                d.elided = true;
            } else {
                d.elements = all;
                d.elided = static_cast<qint64>(all.size()) < d.length;
            }
            d.waiters = waiters;
            list->setData(d);
            tag(list, QStringLiteral("key:%1:%2").arg(k.db).arg(qs(k.name)));
        } else if (k.type == ValueType::Stream) {
            auto *stream = itemOfType<StreamItem>(*this, item, changedLayout);
            StreamItem::Data d;
            d.name = id;
            d.length = static_cast<qint64>(k.length);
            for (const auto &e : k.entries)
                d.ids << qs(e.id);
            for (const auto &g : k.groups) {
                StreamItem::Group group;
                group.name = qs(g.name);
                group.lastDeliveredId = qs(g.lastDeliveredId);
                group.lag = g.lag ? QString::number(*g.lag) : QString();
                for (const auto &c : g.consumers)
                    group.consumers << StreamItem::Consumer {
                        qs(c.name), colorOfConsumer(c.name), static_cast<qint64>(c.pending)};
                for (const auto &p : g.pending)
                    group.pending << StreamItem::Pending {
                        qs(p.id), colorOfConsumer(p.consumer), static_cast<qint64>(p.deliveryCount)};
                d.groups << group;
            }
            d.readers = waiters;
            qreal before = stream->boundingRect().height();
            stream->setData(d);
            tag(stream, QStringLiteral("key:%1:%2").arg(k.db).arg(qs(k.name)));
            changedLayout = changedLayout || before != stream->boundingRect().height();
        } else {
            auto *str = itemOfType<StringItem>(*this, item, changedLayout);
            StringItem::Data d;
            d.name = id;
            d.type = k.type == ValueType::String ? tr("string") : tr("other");
            d.value = qs(k.stringValue);
            str->setData(d);
            tag(str, QStringLiteral("key:%1:%2").arg(k.db).arg(qs(k.name)));
        }
    }

    // Keys clients wait on that do not exist yet: an empty list (or stream) with its queue.
    for (const auto &k : w.waitedMissingKeys) {
        QString id = keyId(k.db, k.name);
        auto *list = itemOfType<ListItem>(*this, keySlot(id), changedLayout);
        ListItem::Data d;
        d.name = id;
        d.missing = true;
        d.streamWait = k.stream;
        d.waiters = waitersOf(k.waiters);
        list->setData(d);
        tag(list, QStringLiteral("key:%1:%2").arg(k.db).arg(qs(k.name)));
    }

    // Channels: those with subscribers, and those that saw traffic (lost messages stay shown).
    std::map<QString, ChannelItem::Data> channels;
    for (const auto &c : w.channels) {
        ChannelItem::Data d;
        d.name = qs(c.name);
        d.pattern = c.pattern;
        for (ClientId s : c.subscribers)
            d.subscribers << badge(s, QString());
        channels[(c.pattern ? QStringLiteral("pattern ") : QStringLiteral("channel ")) + d.name] = d;
    }
    for (auto it = m_counters.cbegin(); it != m_counters.cend(); ++it) {
        ChannelItem::Data &d = channels[QStringLiteral("channel ") + it.key()];
        d.name = it.key();
    }
    for (auto &[id, d] : channels) {
        if (!d.pattern) {
            const Counters c = m_counters.value(d.name);
            d.published = c.published;
            d.delivered = c.delivered;
            d.lost = c.lost;
        }
        auto *ch = itemOfType<ChannelItem>(*this, keySlot(id), changedLayout);
        m_channels[id] = ch;
        ch->setData(d);
        tag(ch, (d.pattern ? QStringLiteral("pattern:") : QStringLiteral("channel:")) + d.name);
    }

    for (auto it = m_keys.begin(); it != m_keys.end();) {
        if (!alive.contains(it.key())) {
            m_channels.remove(it.key());
            m_keyOrder.removeAll(it.key());
            delete it.value();
            it = m_keys.erase(it);
            changedLayout = true;
        } else {
            ++it;
        }
    }
    if (changedLayout)
        layoutItems();
    m_last = w;
    Q_EMIT clientsUpdated();
    Q_EMIT snapshotApplied();
}

void WorldScene::tag(QGraphicsItem *item, const QString &subject)
{
    if (item->data(0).toString() != subject) {
        item->setFlag(QGraphicsItem::ItemIsSelectable);
        item->QGraphicsItem::setData(0, subject);
    }
}

QString WorldScene::selectedSubject() const
{
    const auto items = selectedItems();
    return items.isEmpty() ? QString() : items.front()->data(0).toString();
}

std::array<qint64, 3> WorldScene::channelCounts(const QString &channel) const
{
    const Counters c = m_counters.value(channel);
    return {c.published, c.delivered, c.lost};
}

void WorldScene::setColumns(int columns)
{
    columns = std::clamp(columns, 1, 3);
    if (columns == m_columns)
        return;
    m_columns = columns;
    layoutItems();
}

namespace {

// Where each key goes with `columns` columns: the shortest column takes the next key.
template <typename Place>
QSizeF placeKeys(const QStringList &order, const QHash<QString, QGraphicsItem *> &keys, int columns, Place place)
{
    const qreal x0 = ClientItem::kWidth + 80;
    std::vector<qreal> columnY(static_cast<std::size_t>(columns), 0);
    for (const QString &id : order) {
        QGraphicsItem *item = keys.value(id);
        if (!item)
            continue;
        auto col = static_cast<std::size_t>(std::min_element(columnY.begin(), columnY.end()) - columnY.begin());
        place(item, QPointF(x0 + static_cast<qreal>(col) * (scene::kKeyWidth + kColumnGap), columnY[col]));
        columnY[col] += item->boundingRect().height() + kRowGap;
    }
    return QSizeF(x0 + columns * (scene::kKeyWidth + kColumnGap), *std::max_element(columnY.begin(), columnY.end()));
}

} // namespace

QSizeF WorldScene::sizeFor(int columns) const
{
    QSizeF keys = placeKeys(m_keyOrder, m_keys, columns, [](QGraphicsItem *, QPointF) {});
    qreal clientsHeight = static_cast<qreal>(m_clients.size()) * (ClientItem::kHeight + kRowGap);
    return QSizeF(keys.width() + 40, std::max({keys.height(), clientsHeight, 200.0}) + 40);
}

void WorldScene::layoutItems()
{
    qreal y = 0;
    for (auto &[id, item] : m_clients) {
        item->setPos(0, y);
        y += ClientItem::kHeight + kRowGap;
    }
    QSizeF size = placeKeys(m_keyOrder, m_keys, m_columns, [](QGraphicsItem *item, QPointF p) { item->setPos(p); });
    setSceneRect(QRectF(-20, -20, size.width() + 40, std::max({size.height(), y, 200.0}) + 40));
    Q_EMIT layoutChanged();
}

void WorldScene::animate(const Event &e)
{
    // What follows from the previous event (a pop of what was just pushed, a delivery of
    // what was just published) starts when that token has landed.
    const bool follows
        = (e.kind == EventKind::Popped && m_lastAnimated.kind == EventKind::Pushed && m_lastAnimated.key == e.key)
        || ((e.kind == EventKind::Delivered || e.kind == EventKind::NoReceiver)
            && (m_lastAnimated.kind == EventKind::Published || m_lastAnimated.kind == EventKind::Delivered))
        || (e.kind == EventKind::GroupDelivered && m_lastAnimated.kind == EventKind::StreamAdded
            && m_lastAnimated.key == e.key);
    const int delay = follows ? 550 : 0;
    m_lastAnimated.kind = e.kind;
    m_lastAnimated.key = e.key;
    const QColor color = m_colorOf(e.client);
    auto list = [&](const std::string &key) { return dynamic_cast<ListItem *>(m_keys.value(keyId(e.db, key))); };
    auto stream = [&](const std::string &key) { return dynamic_cast<StreamItem *>(m_keys.value(keyId(e.db, key))); };
    auto label = [&](std::size_t i) { return e.values.size() > i ? qs(e.values[i]) : QString(); };
    switch (e.kind) {
    case EventKind::Pushed:
        if (ListItem *l = list(e.key))
            m_tokens->launch(clientPoint(e.client), e.text == "left" ? l->headPoint() : l->tailPoint(), color,
                e.values.size() > 1 ? QStringLiteral("\u00d7%1").arg(e.values.size()) : label(0));
        break;
    case EventKind::Popped:
        if (ListItem *l = list(e.key))
            m_tokens->launch(e.text == "left" ? l->headPoint() : l->tailPoint(), clientPoint(e.client), color, label(0),
                TokenLayer::Shape::Message, 600, delay);
        break;
    case EventKind::ListMoved: {
        ListItem *from = list(e.key);
        ListItem *to = list(e.text);
        if (from && to)
            m_tokens->launch(from->headPoint(), to->tailPoint(), color, label(0));
        break;
    }
    case EventKind::Published:
        if (ChannelItem *c = m_channels.value(QStringLiteral("channel ") + qs(e.key)))
            m_tokens->launch(clientPoint(e.client), c->hubPoint(), color, label(0));
        break;
    case EventKind::Delivered: {
        QString id = e.text.empty() ? QStringLiteral("channel ") + qs(e.key) : QStringLiteral("pattern ") + qs(e.text);
        if (ChannelItem *c = m_channels.value(id))
            m_tokens->launch(
                c->hubPoint(), clientPoint(e.client), color, QString(), TokenLayer::Shape::Message, 700, delay);
        break;
    }
    case EventKind::NoReceiver:
        if (ChannelItem *c = m_channels.value(QStringLiteral("channel ") + qs(e.key)))
            m_tokens->launch(c->hubPoint(), c->hubPoint(), QColor(0xc0, 0x30, 0x30), tr("lost"),
                TokenLayer::Shape::Lost, 1200, delay);
        break;
    case EventKind::StreamAdded:
        if (StreamItem *s = stream(e.key))
            m_tokens->launch(clientPoint(e.client), s->entryPoint(qs(e.text)), color, qs(e.text));
        break;
    case EventKind::GroupDelivered:
        if (StreamItem *s = stream(e.key))
            for (std::size_t i = 1; i < e.values.size() && i < 20; ++i)
                m_tokens->launch(s->entryPoint(qs(e.values[i])), clientPoint(e.client), color, qs(e.values[i]),
                    TokenLayer::Shape::Message, 600, delay);
        break;
    case EventKind::Acked:
        if (StreamItem *s = stream(e.key))
            for (std::size_t i = 0; i < e.values.size() && i < 20; ++i)
                m_tokens->launch(
                    clientPoint(e.client), s->entryPoint(qs(e.values[i])), color, QString(), TokenLayer::Shape::Ack);
        break;
    case EventKind::Claimed:
        if (StreamItem *s = stream(e.key))
            for (std::size_t i = 1; i < e.values.size() && i < 20; ++i)
                m_tokens->launch(s->entryPoint(qs(e.values[i])), clientPoint(e.client), color, qs(e.values[i]));
        break;
    default: break;
    }
}

ClientItem *WorldScene::clientItem(const QString &name) const
{
    for (const auto &[id, item] : m_clients)
        if (item->data().name == name)
            return item;
    return nullptr;
}

ListItem *WorldScene::listItem(const QString &key) const
{
    return dynamic_cast<ListItem *>(m_keys.value(key));
}

StreamItem *WorldScene::streamItem(const QString &key) const
{
    return dynamic_cast<StreamItem *>(m_keys.value(key));
}

ChannelItem *WorldScene::channelItem(const QString &name) const
{
    return m_channels.value(QStringLiteral("channel ") + name);
}

StringItem *WorldScene::stringItem(const QString &key) const
{
    return dynamic_cast<StringItem *>(m_keys.value(key));
}

} // namespace ql

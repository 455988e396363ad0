#include "world_scene.h"

#include "channel_item.h"
#include "client_item.h"
#include "list_item.h"
#include "scene_style.h"
#include "stream_item.h"
#include "token_layer.h"

#include "feed/live_world.h"

namespace ql {

namespace {

constexpr int kCountdownRedrawMs = 200;

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

// Up to `n` elements from the front and the back of a sequence the model may hold only the
// ends of (none from the front when `frontToo` is false); `elided` when some lie between.
// `front` (when given) says how many of them come from the front: fewer than n/2 when the
// model knows fewer elements at that end.
template <typename T>
std::vector<const T *> ends(
    const ElidedSequence<T> &seq, std::size_t n, bool &elided, bool frontToo = true, std::size_t *front = nullptr)
{
    std::vector<const T *> out;
    const std::size_t size = seq.size();
    elided = size > n || !seq.complete();
    if (!elided) {
        for (std::size_t i = 0; i < size; ++i)
            out.push_back(seq.at(i));
        if (front)
            *front = out.size();
        return out;
    }
    const std::size_t wantFront = frontToo ? n / 2 : 0;
    for (std::size_t i = 0; i < wantFront && i < size; ++i) {
        const T *v = seq.at(i);
        if (!v)
            break; // the rest of the front is not known
        out.push_back(v);
    }
    if (front)
        *front = out.size();
    std::vector<const T *> back;
    const std::size_t wantBack = n - out.size();
    for (std::size_t i = 0; i < wantBack && i < size; ++i)
        if (const T *v = seq.at(size - 1 - i))
            back.push_back(v);
    out.insert(out.end(), back.rbegin(), back.rend());
    return out;
}

} // namespace

WorldScene::WorldScene(LiveWorld &world, ColorOf colorOf, Now now, QObject *parent)
    : QGraphicsScene(parent),
      m_world(world),
      m_colorOf(std::move(colorOf)),
      m_now(std::move(now)),
      m_tokens(new TokenLayer)
{
    addItem(m_tokens);
    setItemIndexMethod(QGraphicsScene::NoIndex); // few items, most of them change every frame
    connect(&m_world, &LiveWorld::changed, this, &WorldScene::onChanged);
    rebuild();
}

WorldScene::~WorldScene() = default;

const WorldModel &WorldScene::model() const
{
    return m_world.model();
}

void WorldScene::onChanged(const std::vector<Event> &applied)
{
    for (const Event &e : applied)
        if (e.kind == EventKind::KeyRemoved && e.text == "emptied")
            m_emptied.insert(keySlot(e.db, e.key));
    const std::vector<Falling> falling = fallingEntries(applied);
    rebuild();
    // Deleted and trimmed entries drop off the tape where they were drawn.
    for (const Falling &f : falling)
        m_tokens->launch(f.at, f.at, QColor(0x80, 0x80, 0x80), f.id, TokenLayer::Shape::Lost, 1100);
    // After FLUSHDB / FLUSHALL the places kept for emptied lists go too.
    if (std::any_of(applied.begin(), applied.end(), [](const Event &e) { return e.kind == EventKind::Flushed; }))
        tidy();
    // Under a flood only the newest events fly; the token layer bundles what is left.
    constexpr std::size_t kMaxAnimated = 2000;
    std::size_t from = applied.size() > kMaxAnimated ? applied.size() - kMaxAnimated : 0;
    for (std::size_t i = from; i < applied.size(); ++i)
        animate(applied[i]);
}

// The shown stream entries that the events delete (XDEL) or trim (XTRIM, XADD MAXLEN /
// MINID), with where they are drawn now, before the redraw takes them away.
std::vector<WorldScene::Falling> WorldScene::fallingEntries(const std::vector<Event> &applied) const
{
    std::vector<Falling> out;
    for (const Event &e : applied) {
        if (e.kind != EventKind::StreamDeleted && e.kind != EventKind::StreamTrimmed)
            continue;
        const auto *item = dynamic_cast<const StreamItem *>(m_keys.value(keySlot(e.db, e.key)));
        if (!item)
            continue;
        const KeyView *k = model().key(e.db, e.key);
        // Later events of the batch may have made the key something else, or removed it.
        const bool isStream = k && k->type == ValueType::Stream;
        const StreamEntryView *first = isStream ? k->stream->entries.at(0) : nullptr;
        for (const QString &id : item->data().ids) {
            bool gone = false;
            if (e.kind == EventKind::StreamDeleted) {
                gone = std::find(e.values.begin(), e.values.end(), id.toStdString()) != e.values.end();
            } else {
                const StreamIdParse parsed = parseStreamId(id.toStdString(), 0, true);
                gone = parsed.ok && (!isStream || k->stream->entries.empty() || (first && parsed.id < first->id));
            }
            if (gone && std::none_of(out.begin(), out.end(), [&](const Falling &f) { return f.id == id; }))
                out.push_back({item->entryPoint(id), id});
        }
    }
    return out;
}

void WorldScene::advance(int ms)
{
    // Countdowns move with time even when nothing happens.
    m_sinceRebuild += ms;
    if (m_countdowns && m_sinceRebuild >= kCountdownRedrawMs)
        rebuild();
    m_tokens->advance(ms);
}

void WorldScene::refreshNow()
{
    m_world.syncNow();
    rebuild();
}

QString WorldScene::clientState(ClientId id) const
{
    auto it = m_clients.find(id);
    return it == m_clients.end() ? QString() : it->second->data().state;
}

QString WorldScene::displayName(int db, const std::string &key)
{
    return db == 0 ? qs(key) : tr("%1 (db %2)").arg(qs(key)).arg(db);
}

QString WorldScene::keySlot(int db, std::string_view key)
{
    // Latin-1 carries any bytes there and back (a key need not be UTF-8).
    return QStringLiteral("key:%1:").arg(db) + QString::fromLatin1(key.data(), static_cast<qsizetype>(key.size()));
}

QString WorldScene::channelSlot(bool pattern, std::string_view name)
{
    return (pattern ? QStringLiteral("pattern:") : QStringLiteral("channel:"))
        + QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

std::string WorldScene::nameOfSlot(const QString &slotText)
{
    const QByteArray bytes = slotText.toLatin1();
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

QString WorldScene::clientName(ClientId id) const
{
    const ClientView *c = model().client(id);
    if (c && !c->name.empty())
        return qs(c->name);
    for (const ClosedClientView &closed : model().recentlyClosed())
        if (closed.id == id && !closed.name.empty())
            return qs(closed.name);
    return tr("client #%1").arg(id);
}

QColor WorldScene::colorOfConsumer(const std::string &consumer) const
{
    for (const auto &[id, c] : model().clients())
        if (c.name == consumer)
            return m_colorOf(id);
    return QColor(0x7f, 0x7f, 0x7f);
}

QPointF WorldScene::clientPoint(ClientId id) const
{
    auto it = m_clients.find(id);
    return it != m_clients.end() ? it->second->anchor() : QPointF(0, 0);
}

void WorldScene::rebuild()
{
    m_sinceRebuild = 0;
    bool changedLayout = buildClients();
    QSet<QString> alive;
    changedLayout = buildKeys(alive) || changedLayout;
    changedLayout = buildChannels(alive) || changedLayout;
    for (auto it = m_keys.begin(); it != m_keys.end();) {
        // A list that its consumers emptied leaves an empty placeholder, so the layout stays
        // put and a queue that is drained and filled again keeps its place (tidy() and
        // FLUSHALL clear them). A deleted key just goes.
        auto *list = dynamic_cast<ListItem *>(it.value());
        if (list && !alive.contains(it.key()) && !list->data().gone && m_emptied.contains(it.key())) {
            ListItem::Data ghost;
            ghost.name = list->data().name;
            ghost.gone = true;
            list->setData(ghost);
        }
        if (!alive.contains(it.key()) && !(list && list->data().gone)) {
            m_channels.remove(it.key());
            m_keyOrder.removeAll(it.key());
            m_inOrder.remove(it.key());
            delete it.value();
            it = m_keys.erase(it);
            changedLayout = true;
        } else {
            ++it;
        }
    }
    m_emptied.clear();
    if (changedLayout)
        layoutItems();
    Q_EMIT clientsUpdated();
    Q_EMIT worldUpdated();
}

bool WorldScene::buildClients()
{
    bool changedLayout = false;
    const auto &clients = model().clients();
    for (auto it = m_clients.begin(); it != m_clients.end();) {
        if (!clients.count(it->first)) {
            delete it->second;
            it = m_clients.erase(it);
            changedLayout = true;
        } else {
            ++it;
        }
    }
    const std::int64_t now = m_now();
    m_countdowns = false;
    for (const auto &[id, c] : clients) {
        ClientItem *&item = m_clients[id];
        if (!item) {
            item = new ClientItem;
            tag(item, QStringLiteral("client:%1").arg(id));
            addItem(item);
            changedLayout = true;
        }
        ClientItem::Data d;
        d.name = clientName(id);
        d.color = m_colorOf(id);
        d.blocked = c.blocked.has_value();
        if (c.blocked) {
            QStringList keys;
            for (const auto &k : c.blocked->keys)
                keys << qs(k);
            d.state = tr("waiting on %1").arg(keys.join(QStringLiteral(", ")));
            if (c.blocked->deadlineMs > 0) {
                m_countdowns = true;
                std::int64_t total = std::max<std::int64_t>(1, c.blocked->deadlineMs - c.blocked->sinceMs);
                std::int64_t left = std::clamp<std::int64_t>(c.blocked->deadlineMs - now, 0, total);
                d.remaining = static_cast<double>(left) / static_cast<double>(total);
                d.state += QStringLiteral(" (%1)").arg(seconds(left));
            }
        } else if (c.inMulti) {
            d.state = tr("in MULTI, %n queued", nullptr, static_cast<int>(c.queuedCommands));
        } else if (c.subscribed()) {
            QStringList subs;
            for (const auto &[ch, order] : c.channels)
                subs << qs(ch);
            for (const auto &[p, order] : c.patterns)
                subs << qs(p);
            for (const auto &[ch, order] : c.shardChannels)
                subs << qs(ch);
            d.state = tr("subscribed to %1").arg(subs.join(QStringLiteral(", ")));
        } else {
            d.state = tr("idle");
        }
        item->setData(d);
    }
    return changedLayout;
}

QGraphicsItem *&WorldScene::slotItem(const QString &id, QSet<QString> &alive)
{
    alive.insert(id);
    if (!m_inOrder.contains(id)) {
        m_inOrder.insert(id);
        m_keyOrder << id;
    }
    return m_keys[id];
}

bool WorldScene::buildKeys(QSet<QString> &alive)
{
    bool changedLayout = false;
    const WorldModel &m = model();
    const std::int64_t now = m_now();
    // Waiting clients in service order, each with the time it has left.
    auto waitersOf = [&](int db, const std::string &key) {
        QVector<ClientBadge> out;
        for (ClientId id : m.waiters(db, key)) {
            const ClientView *c = m.client(id);
            QString note = tr("waits forever");
            if (c && c->blocked && c->blocked->deadlineMs > 0)
                note = tr("times out in %1").arg(seconds(std::max<std::int64_t>(0, c->blocked->deadlineMs - now)));
            out << ClientBadge {clientName(id), m_colorOf(id), note};
        }
        return out;
    };
    for (const auto &[kid, k] : m.keys()) {
        const QString subject = keySlot(k.db, k.name);
        const QString shown = displayName(k.db, k.name);
        QGraphicsItem *&item = slotItem(subject, alive);
        if (k.type == ValueType::List) {
            auto *list = itemOfType<ListItem>(*this, item, changedLayout);
            ListItem::Data d;
            d.name = shown;
            d.length = static_cast<qint64>(k.list->size());
            std::size_t front = 0;
            for (const std::string *e :
                ends(*k.list, static_cast<std::size_t>(scene::kMaxTiles), d.elided, true, &front))
                d.elements << qs(*e);
            d.front = static_cast<int>(front);
            d.waiters = waitersOf(k.db, k.name);
            list->setData(d);
            tag(list, subject);
        } else if (k.type == ValueType::Stream) {
            auto *stream = itemOfType<StreamItem>(*this, item, changedLayout);
            const StreamKeyView &s = *k.stream;
            StreamItem::Data d;
            d.name = shown;
            d.length = static_cast<qint64>(s.length());
            d.lastId = qs(s.lastId.toString());
            bool elided = false;
            const auto shown = ends(s.entries, static_cast<std::size_t>(StreamItem::kMaxEntries), elided, false);
            for (const StreamEntryView *e : shown) {
                QStringList pairs;
                for (std::size_t i = 0; i + 1 < e->fieldsValues.size(); i += 2)
                    pairs << QStringLiteral("%1 = %2").arg(qs(e->fieldsValues[i]), qs(e->fieldsValues[i + 1]));
                d.ids << qs(e->id.toString());
                d.fields << pairs.join(QLatin1Char('\n'));
            }
            for (const auto &[gname, g] : s.groups) {
                StreamItem::Group group;
                group.name = qs(gname);
                group.lastDeliveredId = qs(g.lastDeliveredId.toString());
                group.entriesRead = g.entriesRead ? QString::number(*g.entriesRead) : QString();
                group.lag = g.lag ? QString::number(*g.lag) : QString();
                group.pendingCount = static_cast<qint64>(g.pendingCount);
                for (const auto &[cname, c] : g.consumers)
                    group.consumers << StreamItem::Consumer {
                        qs(cname), colorOfConsumer(cname), static_cast<qint64>(c.pendingCount)};
                for (const StreamEntryView *e : shown) {
                    auto pe = g.pending.find(e->id);
                    if (pe != g.pending.end())
                        group.pending << StreamItem::Pending {qs(e->id.toString()),
                            colorOfConsumer(pe->second.consumer), static_cast<qint64>(pe->second.deliveryCount),
                            qs(pe->second.consumer), std::max<std::int64_t>(0, now - pe->second.deliveryTimeMs)};
                }
                d.groups << group;
            }
            d.readers = waitersOf(k.db, k.name);
            qreal before = stream->boundingRect().height();
            stream->setData(d);
            tag(stream, subject);
            changedLayout = changedLayout || before != stream->boundingRect().height();
        } else {
            auto *str = itemOfType<StringItem>(*this, item, changedLayout);
            StringItem::Data d;
            d.name = shown;
            d.type = k.type == ValueType::String ? tr("string") : tr("other");
            d.value = qs(k.stringValue);
            str->setData(d);
            tag(str, subject);
        }
    }
    // Keys clients wait on that do not exist yet: an empty list (or stream) with its queue.
    for (const KeyId &kid : m.keysWithWaiters()) {
        if (m.key(kid.db, kid.name))
            continue;
        const QString subject = keySlot(kid.db, kid.name);
        auto *list = itemOfType<ListItem>(*this, slotItem(subject, alive), changedLayout);
        ListItem::Data d;
        d.name = displayName(kid.db, kid.name);
        d.missing = true;
        d.waiters = waitersOf(kid.db, kid.name);
        list->setData(d);
        tag(list, subject);
    }
    return changedLayout;
}

bool WorldScene::buildChannels(QSet<QString> &alive)
{
    bool changedLayout = false;
    // Channels with subscribers, and those that saw traffic (lost messages stay shown).
    for (const auto &[ckey, c] : model().channels()) {
        if (c.kind == ChannelKind::Shard)
            continue;
        ChannelItem::Data d;
        d.name = qs(c.name);
        d.pattern = c.kind == ChannelKind::Pattern;
        for (ClientId s : c.subscriberList())
            d.subscribers << ClientBadge {clientName(s), m_colorOf(s), QString()};
        d.published = static_cast<qint64>(c.published);
        d.delivered = static_cast<qint64>(c.delivered);
        d.lost = static_cast<qint64>(c.lost);
        const QString id = channelSlot(d.pattern, c.name);
        auto *ch = itemOfType<ChannelItem>(*this, slotItem(id, alive), changedLayout);
        m_channels[id] = ch;
        ch->setData(d);
        tag(ch, id);
    }
    return changedLayout;
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
    if (items.isEmpty())
        return QString();
    return m_selectedMessage.isEmpty() ? items.front()->data(0).toString() : m_selectedMessage;
}

std::array<qint64, 3> WorldScene::channelCounts(const QString &channel) const
{
    const ChannelView *c = model().channel(ChannelKind::Channel, channel.toStdString());
    if (!c)
        return {0, 0, 0};
    return {static_cast<qint64>(c->published), static_cast<qint64>(c->delivered), static_cast<qint64>(c->lost)};
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
    return dynamic_cast<ListItem *>(m_keys.value(QStringLiteral("key:0:") + key));
}

StreamItem *WorldScene::streamItem(const QString &key) const
{
    return dynamic_cast<StreamItem *>(m_keys.value(QStringLiteral("key:0:") + key));
}

ChannelItem *WorldScene::channelItem(const QString &name) const
{
    return m_channels.value(QStringLiteral("channel:") + name);
}

StringItem *WorldScene::stringItem(const QString &key) const
{
    return dynamic_cast<StringItem *>(m_keys.value(QStringLiteral("key:0:") + key));
}

} // namespace ql

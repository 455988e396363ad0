// WorldScene's layout (sticky columns in order of appearance), the tokens it launches for
// each event, and clicks on the messages inside a key.
#include "world_scene.h"

#include "channel_item.h"
#include "client_item.h"
#include "list_item.h"
#include "scene_style.h"
#include "stream_item.h"
#include "token_layer.h"

#include <QGraphicsSceneMouseEvent>

namespace ql {

namespace {

constexpr qreal kColumnGap = 24;
constexpr qreal kRowGap = 14;

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// Where each key goes with `columns` columns. A key keeps the column it was given
// (`sticky`, when given) so that the others stay put when one comes or goes; a new key
// goes to the shortest column.
template <typename Place>
QSizeF placeKeys(const QStringList &order, const QHash<QString, QGraphicsItem *> &keys, int columns,
    QHash<QString, int> *sticky, qreal x0, Place place)
{
    std::vector<qreal> columnY(static_cast<std::size_t>(columns), 0);
    for (const QString &id : order) {
        QGraphicsItem *item = keys.value(id);
        if (!item)
            continue;
        int col = sticky ? sticky->value(id, -1) : -1;
        if (col < 0 || col >= columns) {
            col = static_cast<int>(std::min_element(columnY.begin(), columnY.end()) - columnY.begin());
            if (sticky)
                sticky->insert(id, col);
        }
        auto &y = columnY[static_cast<std::size_t>(col)];
        place(item, QPointF(x0 + static_cast<qreal>(col) * (scene::kKeyWidth + kColumnGap), y));
        y += item->boundingRect().height() + kRowGap;
    }
    return QSizeF(x0 + columns * (scene::kKeyWidth + kColumnGap), *std::max_element(columnY.begin(), columnY.end()));
}

} // namespace

void WorldScene::setColumns(int columns)
{
    columns = std::clamp(columns, 1, 3);
    if (columns == m_columns)
        return;
    m_columns = columns;
    m_keyColumn.clear();
    layoutItems();
}

// Clients stand in a column left of the keys; many clients (a class of twenty) wrap into
// up to three columns rather than making the world too tall to read.
WorldScene::ClientGrid WorldScene::clientGrid(qreal keysHeight) const
{
    constexpr qreal kRow = ClientItem::kHeight + kRowGap;
    const int count = static_cast<int>(m_clients.size());
    const int rows = std::max(1, static_cast<int>((std::max(keysHeight, 6 * kRow) + kRowGap) / kRow));
    const int columns = std::clamp((count + rows - 1) / rows, 1, 3);
    return {columns, (count + columns - 1) / columns, columns * (ClientItem::kWidth + 16) - 16 + 56};
}

QSizeF WorldScene::sizeFor(int columns) const
{
    const QSizeF keys = placeKeys(m_keyOrder, m_keys, columns, nullptr, 0, [](QGraphicsItem *, QPointF) {});
    const ClientGrid grid = clientGrid(keys.height());
    const qreal clientsHeight = grid.rows * (ClientItem::kHeight + kRowGap);
    return QSizeF(grid.keysLeft + keys.width() + 40, std::max({keys.height(), clientsHeight, 200.0}) + 40);
}

void WorldScene::layoutItems()
{
    const QSizeF keys = placeKeys(m_keyOrder, m_keys, m_columns, &m_keyColumn, 0, [](QGraphicsItem *, QPointF) {});
    const ClientGrid grid = clientGrid(keys.height());
    int i = 0;
    for (auto &[id, item] : m_clients) {
        item->setPos((i / grid.rows) * (ClientItem::kWidth + 16), (i % grid.rows) * (ClientItem::kHeight + kRowGap));
        ++i;
    }
    const QSizeF size = placeKeys(m_keyOrder, m_keys, m_columns, &m_keyColumn, grid.keysLeft,
        [](QGraphicsItem *item, QPointF p) { item->setPos(p); });
    const qreal clientsHeight = grid.rows * (ClientItem::kHeight + kRowGap);
    setSceneRect(QRectF(-20, -20, size.width() + 40, std::max({size.height(), clientsHeight, 200.0}) + 40));
    Q_EMIT layoutChanged();
}

void WorldScene::tidy()
{
    for (auto it = m_keys.begin(); it != m_keys.end();) {
        auto *list = dynamic_cast<ListItem *>(it.value());
        if (list && list->data().gone) {
            m_keyOrder.removeAll(it.key());
            m_inOrder.remove(it.key());
            delete it.value();
            it = m_keys.erase(it);
        } else {
            ++it;
        }
    }
    m_keyColumn.clear();
    layoutItems();
}

void WorldScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mousePressEvent(event);
    m_selectedMessage.clear();
    if (event->button() != Qt::LeftButton)
        return;
    for (QGraphicsItem *item : items(event->scenePos())) {
        const QString subject = item->data(0).toString();
        if (!subject.startsWith(QLatin1String("key:")))
            continue;
        const QString rest = subject.mid(4); // "<db>:<name>"
        const QPointF local = item->mapFromScene(event->scenePos());
        if (auto *stream = dynamic_cast<StreamItem *>(item)) {
            const QString id = stream->entryAt(local);
            if (!id.isEmpty())
                m_selectedMessage = QStringLiteral("entry:%1:%2").arg(rest, id);
        } else if (auto *list = dynamic_cast<ListItem *>(item)) {
            const qint64 index = list->elementIndexAt(local);
            if (index >= 0)
                m_selectedMessage = QStringLiteral("element:%1:%2").arg(rest).arg(index);
        }
        break;
    }
    Q_EMIT messageClicked(m_selectedMessage);
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
    auto list = [&](const std::string &key) { return dynamic_cast<ListItem *>(m_keys.value(keySlot(e.db, key))); };
    auto stream = [&](const std::string &key) { return dynamic_cast<StreamItem *>(m_keys.value(keySlot(e.db, key))); };
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
        if (ChannelItem *c = m_channels.value(channelSlot(false, e.key)))
            m_tokens->launch(clientPoint(e.client), c->hubPoint(), color, label(0));
        break;
    case EventKind::Delivered: {
        QString id = e.text.empty() ? channelSlot(false, e.key) : channelSlot(true, e.text);
        if (ChannelItem *c = m_channels.value(id))
            m_tokens->launch(
                c->hubPoint(), clientPoint(e.client), color, QString(), TokenLayer::Shape::Message, 700, delay);
        break;
    }
    case EventKind::NoReceiver:
        if (ChannelItem *c = m_channels.value(channelSlot(false, e.key)))
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

} // namespace ql

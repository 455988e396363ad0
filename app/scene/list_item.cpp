#include "list_item.h"

#include "scene_style.h"

#include <QGraphicsSceneHoverEvent>
#include <QPainter>

namespace ql {

using namespace scene;

namespace {
constexpr qreal kHeight = 118;
constexpr qreal kRowY = kTitleH + 30;
constexpr qreal kWaitW = 150; // the waiting clients' corner
} // namespace

ListItem::ListItem(QGraphicsItem *parent) : QGraphicsItem(parent)
{
    setAcceptHoverEvents(true);
}

qint64 ListItem::elementIndexAt(const QPointF &pos) const
{
    const int n = static_cast<int>(m_data.elements.size());
    const int half = frontTiles();
    for (int i = 0; i < n; ++i)
        if (tileRect(i).contains(pos))
            return i < half ? i : m_data.length - (n - i);
    return -1;
}

int ListItem::frontTiles() const
{
    const int n = static_cast<int>(m_data.elements.size());
    return !m_data.elided ? n : m_data.front >= 0 ? std::min(m_data.front, n) : n / 2;
}

QRectF ListItem::tileRect(int shown) const
{
    const bool afterCount = m_data.elided && shown >= frontTiles();
    return QRectF(12 + (shown + (afterCount ? 1 : 0)) * (kTileW + kGap), kRowY, kTileW, kTileH);
}

void ListItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    const qint64 index = elementIndexAt(event->pos());
    if (index < 0) {
        setToolTip(m_data.gone ? QObject::tr("Redis deletes a list when its last element goes; the next push "
                                             "creates it again.")
                               : QObject::tr("List %1: click an element for its history").arg(m_data.name));
        return;
    }
    const int n = static_cast<int>(m_data.elements.size());
    const int shown = static_cast<int>(index < frontTiles() || !m_data.elided ? index : n - (m_data.length - index));
    setToolTip(QObject::tr("Element %1 (LINDEX %2 %1): %3\nClick for its history.")
                   .arg(index)
                   .arg(m_data.name, m_data.elements.value(shown)));
}

void ListItem::setData(const Data &d)
{
    m_data = d;
    update();
}

QRectF ListItem::boundingRect() const
{
    return QRectF(0, 0, kKeyWidth, kHeight);
}

QPointF ListItem::headPoint() const
{
    return mapToScene(QPointF(24, kRowY + kTileH / 2));
}

QPointF ListItem::tailPoint() const
{
    return mapToScene(QPointF(kKeyWidth - 140, kRowY + kTileH / 2));
}

void ListItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette pal = palette();
    const QColor accent(0x00, 0x72, 0xb2);
    drawCard(p, boundingRect(),
        m_data.gone          ? QObject::tr("no such key now")
            : m_data.missing ? QObject::tr("no such key yet")
                             : QObject::tr("list \u00b7 %n item(s)", nullptr, static_cast<int>(m_data.length)),
        m_data.name, m_data.missing ? pal.color(QPalette::PlaceholderText) : accent, isSelected());
    p->setFont(smallFont());
    p->setPen(pal.color(QPalette::PlaceholderText));
    p->drawText(QRectF(12, kTitleH + 4, 120, 20), Qt::AlignLeft | Qt::AlignVCenter, QObject::tr("head (LPOP)"));
    // Clients wait only while the list is empty, so their corner may take the tail's place.
    const qreal tailRight = m_data.waiters.isEmpty() ? kKeyWidth - 130 : kKeyWidth - kWaitW - 16;
    p->drawText(
        QRectF(tailRight - 140, kTitleH + 4, 140, 20), Qt::AlignRight | Qt::AlignVCenter, QObject::tr("tail (RPUSH)"));
    qreal x = 12;
    const int n = static_cast<int>(m_data.elements.size());
    const int half = frontTiles();
    for (int i = 0; i < n; ++i) {
        if (m_data.elided && i == half) {
            p->setPen(pal.color(QPalette::Text));
            p->setFont(bodyFont());
            qint64 hidden = m_data.length - n;
            p->drawText(QRectF(x, kRowY, kTileW, kTileH), Qt::AlignCenter, QStringLiteral("+%1").arg(hidden));
            x += kTileW + kGap;
        }
        QRectF tile(x, kRowY, kTileW, kTileH);
        p->setPen(QPen(accent.darker(120), 1));
        p->setBrush(accent.lighter(170));
        p->drawRoundedRect(tile, 5, 5);
        p->setPen(Qt::black);
        p->setFont(smallFont());
        p->drawText(tile.adjusted(3, 0, -3, 0), Qt::AlignCenter, elide(m_data.elements[i], smallFont(), kTileW - 6));
        x += kTileW + kGap;
    }
    if (n == 0) {
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->setFont(m_data.missing ? smallFont() : bodyFont());
        QString text = m_data.gone ? QObject::tr("empty, so Redis deleted it; a push creates it again")
            : !m_data.missing      ? QObject::tr("(empty)")
            : m_data.streamWait    ? QObject::tr("waiting for the first XADD to this stream")
                                   : QObject::tr("does not exist yet: clients wait for its first element");
        p->drawText(QRectF(12, kRowY, kKeyWidth - 150, kTileH), Qt::AlignVCenter | Qt::AlignLeft, text);
    }
    // Waiters, first to be served first: the name, and below it the time left.
    QRectF waitArea(kKeyWidth - kWaitW - 8, kTitleH + 6, kWaitW, kHeight - kTitleH - 12);
    p->setFont(smallFont());
    p->setPen(pal.color(QPalette::PlaceholderText));
    if (!m_data.waiters.isEmpty())
        p->drawText(QRectF(waitArea.left(), waitArea.top(), waitArea.width(), 16), Qt::AlignLeft,
            QObject::tr("waiting, in order:"));
    qreal y = waitArea.top() + 18;
    const qreal textW = waitArea.width() - 14;
    // Up to two waiters get two lines (name, then time left); more get one line each.
    const bool twoLines = m_data.waiters.size() <= 2;
    const qreal step = twoLines ? 29 : 16;
    const auto fits = static_cast<qsizetype>((waitArea.bottom() - y) / step);
    const qsizetype shown = m_data.waiters.size() <= fits ? m_data.waiters.size() : fits - 1;
    for (qsizetype i = 0; i < shown; ++i, y += step) {
        const ClientBadge &w = m_data.waiters[i];
        p->setBrush(w.color);
        p->setPen(Qt::NoPen);
        p->drawEllipse(QRectF(waitArea.left(), y + 3, 10, 10));
        p->setPen(pal.color(QPalette::Text));
        const QString name = QStringLiteral("%1. %2").arg(i + 1).arg(w.name);
        p->drawText(QRectF(waitArea.left() + 14, y, textW, 15), Qt::AlignLeft | Qt::AlignVCenter,
            elide(twoLines ? name : name + QStringLiteral(" \u00b7 ") + w.note, smallFont(), textW));
        if (twoLines) {
            p->setPen(pal.color(QPalette::PlaceholderText));
            p->drawText(QRectF(waitArea.left() + 14, y + 13, textW, 14), Qt::AlignLeft | Qt::AlignVCenter,
                elide(w.note, smallFont(), textW));
        }
    }
    if (shown < m_data.waiters.size()) {
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->drawText(QRectF(waitArea.left() + 14, y, textW, 15), Qt::AlignLeft | Qt::AlignVCenter,
            QObject::tr("+%1 more (see the inspector)").arg(m_data.waiters.size() - shown));
    }
}

} // namespace ql

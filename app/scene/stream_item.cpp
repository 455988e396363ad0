#include "stream_item.h"

#include "scene_style.h"

#include <QPainter>

namespace ql {

using namespace scene;

namespace {
constexpr qreal kTapeY = kTitleH + 24;
constexpr qreal kEntryW = 100;
constexpr qreal kGroupLineH = 22;
constexpr int kMaxEntries = 4;
} // namespace

StreamItem::StreamItem(QGraphicsItem *parent) : QGraphicsItem(parent)
{
}

void StreamItem::setData(const Data &d)
{
    prepareGeometryChange();
    m_data = d;
    while (m_data.ids.size() > kMaxEntries)
        m_data.ids.removeFirst();
    update();
}

qreal StreamItem::height() const
{
    return kTapeY + kTileH + 26 + 2 * kGroupLineH * std::max<qsizetype>(1, m_data.groups.size()) + 4;
}

QRectF StreamItem::boundingRect() const
{
    return QRectF(0, 0, kKeyWidth, height());
}

QPointF StreamItem::appendPoint() const
{
    qreal x = 12 + m_data.ids.size() * (kEntryW + kGap) + kEntryW / 2;
    return mapToScene(QPointF(std::min(x, kKeyWidth - 40), kTapeY + kTileH / 2));
}

QPointF StreamItem::entryPoint(const QString &id) const
{
    int i = static_cast<int>(m_data.ids.indexOf(id));
    if (i < 0)
        return appendPoint();
    return mapToScene(QPointF(12 + i * (kEntryW + kGap) + kEntryW / 2, kTapeY + kTileH / 2));
}

void StreamItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette pal = palette();
    const QColor accent(0x00, 0x9e, 0x73);
    drawCard(p, boundingRect(), QObject::tr("stream \u00b7 %n entry(ies)", nullptr, static_cast<int>(m_data.length)),
        m_data.name, accent, isSelected());
    qreal x = 12;
    if (m_data.length > m_data.ids.size()) {
        p->setFont(smallFont());
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->drawText(QRectF(12, kTitleH + 4, 300, 18), Qt::AlignLeft | Qt::AlignVCenter,
            QObject::tr(
                "\u2026 %n older entry(ies) not shown", nullptr, static_cast<int>(m_data.length - m_data.ids.size())));
    }
    for (const QString &id : m_data.ids) {
        QRectF tile(x, kTapeY, kEntryW, kTileH);
        p->setPen(QPen(accent.darker(130), 1));
        p->setBrush(accent.lighter(175));
        p->drawRoundedRect(tile, 5, 5);
        p->setPen(Qt::black);
        p->setFont(smallFont());
        p->drawText(tile.adjusted(2, 0, -2, 0), Qt::AlignCenter, elide(id, smallFont(), kEntryW - 4));
        // Pending marks: one dot per group that has this entry pending, in the owner's colour.
        qreal dx = tile.left() + 4;
        for (const Group &g : m_data.groups)
            for (const Pending &pe : g.pending)
                if (pe.id == id) {
                    p->setPen(Qt::NoPen);
                    p->setBrush(pe.color);
                    p->drawEllipse(QRectF(dx, tile.bottom() + 3, 9, 9));
                    dx += 11;
                }
        // Group cursors point at their last delivered entry, each labelled with its group.
        QStringList here;
        for (const Group &g : m_data.groups)
            if (g.lastDeliveredId == id)
                here << g.name;
        if (!here.isEmpty()) {
            QPolygonF arrow;
            arrow << QPointF(tile.left() + 6, kTapeY - 10) << QPointF(tile.left() + 16, kTapeY - 10)
                  << QPointF(tile.left() + 11, kTapeY - 2);
            p->setPen(Qt::NoPen);
            p->setBrush(pal.color(QPalette::Text));
            p->drawPolygon(arrow);
            p->setPen(pal.color(QPalette::Text));
            p->setFont(smallFont());
            p->drawText(QRectF(tile.left() + 19, kTapeY - 16, kEntryW - 19, 14), Qt::AlignLeft | Qt::AlignVCenter,
                elide(here.join(QStringLiteral(", ")), smallFont(), kEntryW - 19));
        }
        x += kEntryW + kGap;
    }
    if (m_data.ids.isEmpty()) {
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->setFont(bodyFont());
        p->drawText(QRectF(12, kTapeY, 300, kTileH), Qt::AlignVCenter | Qt::AlignLeft, QObject::tr("(no entries)"));
    }
    // One line per group: cursor, lag, and each consumer's pending count.
    qreal y = kTapeY + kTileH + 18;
    p->setFont(smallFont());
    if (m_data.groups.isEmpty()) {
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->drawText(QRectF(12, y, kKeyWidth - 24, kGroupLineH), Qt::AlignVCenter | Qt::AlignLeft,
            QObject::tr("no consumer groups (XGROUP CREATE %1 group $)").arg(m_data.name));
    }
    for (const Group &g : m_data.groups) {
        QString line = QObject::tr("\u25bc group %1: last delivered %2").arg(g.name, g.lastDeliveredId);
        if (!g.lag.isEmpty())
            line += QObject::tr(", lag %1").arg(g.lag);
        p->setPen(pal.color(QPalette::Text));
        p->drawText(QRectF(12, y, kKeyWidth - 24, kGroupLineH), Qt::AlignVCenter | Qt::AlignLeft,
            elide(line, smallFont(), kKeyWidth - 24));
        y += kGroupLineH;
        qreal cx = 24;
        if (g.consumers.isEmpty()) {
            p->setPen(pal.color(QPalette::PlaceholderText));
            p->drawText(QRectF(cx, y, kKeyWidth - 36, kGroupLineH), Qt::AlignVCenter | Qt::AlignLeft,
                QObject::tr("no consumers yet"));
        }
        for (const Consumer &c : g.consumers) {
            p->setPen(Qt::NoPen);
            p->setBrush(c.color);
            p->drawEllipse(QRectF(cx, y + 6, 10, 10));
            p->setPen(pal.color(QPalette::Text));
            QString text = QObject::tr("%1: %2 pending").arg(c.name).arg(c.pending);
            p->drawText(
                QRectF(cx + 13, y, 125, kGroupLineH), Qt::AlignVCenter | Qt::AlignLeft, elide(text, smallFont(), 125));
            cx += 140;
            if (cx > kKeyWidth - 130)
                break;
        }
        y += kGroupLineH;
    }
}

} // namespace ql

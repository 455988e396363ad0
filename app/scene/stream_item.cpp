#include "stream_item.h"

#include "scene_style.h"

#include <QFontMetricsF>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>

namespace ql {

using namespace scene;

namespace {
constexpr qreal kTapeY = kTitleH + 30; // room above the tape for the group cursors
constexpr qreal kTapeLeft = 12;
constexpr qreal kReadersW = 120; // blocked readers wait right of the tape
constexpr qreal kGroupLineH = 20;
constexpr qreal kMinEntryW = 56;
constexpr qreal kMaxEntryW = 150;

QString idleText(qint64 ms)
{
    return ms >= 10000 ? QObject::tr("%1 s").arg(ms / 1000) : QObject::tr("%1 s").arg(ms / 1000.0, 0, 'f', 1);
}
} // namespace

StreamItem::StreamItem(QGraphicsItem *parent) : QGraphicsItem(parent)
{
    setAcceptHoverEvents(true);
}

void StreamItem::setData(const Data &d)
{
    prepareGeometryChange();
    m_data = d;
    while (m_data.ids.size() > kMaxEntries) {
        m_data.ids.removeFirst();
        if (!m_data.fields.isEmpty())
            m_data.fields.removeFirst();
    }
    // Tiles as wide as the longest id needs, so "1712345678901-0" is readable whole; as
    // many of the newest entries as then fit beside the readers' corner.
    const QFontMetricsF fm(smallFont());
    qreal widest = kMinEntryW;
    for (const QString &id : m_data.ids)
        widest = std::max(widest, fm.horizontalAdvance(id) + 12);
    m_entryW = std::min(widest, kMaxEntryW);
    const qreal room = kKeyWidth - kTapeLeft - (m_data.readers.isEmpty() ? 12 : kReadersW);
    m_fit = std::min<int>(kMaxEntries, std::max(2, static_cast<int>((room + kGap) / (m_entryW + kGap))));
    while (m_data.ids.size() > m_fit) {
        m_data.ids.removeFirst();
        if (!m_data.fields.isEmpty())
            m_data.fields.removeFirst();
    }
    update();
}

qreal StreamItem::height() const
{
    qreal groups = 0;
    for (const Group &g : m_data.groups)
        groups += kGroupLineH * (g.consumers.isEmpty() ? 2 : 1 + (g.consumers.size() + 2) / 3);
    return kTapeY + kTileH + 22 + std::max<qreal>(groups, kGroupLineH) + 8;
}

QRectF StreamItem::boundingRect() const
{
    return QRectF(0, 0, kKeyWidth, height());
}

QRectF StreamItem::tileRect(int index) const
{
    return QRectF(kTapeLeft + index * (m_entryW + kGap), kTapeY, m_entryW, kTileH);
}

QPointF StreamItem::appendPoint() const
{
    QRectF next = tileRect(static_cast<int>(std::min<qsizetype>(m_data.ids.size(), m_fit - 1)));
    return mapToScene(next.center());
}

QPointF StreamItem::entryPoint(const QString &id) const
{
    int i = static_cast<int>(m_data.ids.indexOf(id));
    return i < 0 ? appendPoint() : mapToScene(tileRect(i).center());
}

QString StreamItem::entryAt(const QPointF &pos) const
{
    for (int i = 0; i < m_data.ids.size(); ++i)
        if (tileRect(i).adjusted(0, 0, 0, 14).contains(pos))
            return m_data.ids[i];
    return QString();
}

void StreamItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    const int i = static_cast<int>(m_data.ids.indexOf(entryAt(event->pos())));
    if (i < 0) {
        setToolTip(QObject::tr("Stream %1: click an entry for its history").arg(m_data.name));
        return;
    }
    QString tip = QObject::tr("Entry %1").arg(m_data.ids[i]);
    if (i < m_data.fields.size() && !m_data.fields[i].isEmpty())
        tip += QLatin1Char('\n') + m_data.fields[i];
    for (const Group &g : m_data.groups)
        for (const Pending &pe : g.pending)
            if (pe.id == m_data.ids[i])
                tip += QLatin1Char('\n')
                    + QObject::tr("pending in %1 with %2: delivered %3 time(s), idle %4")
                          .arg(g.name, pe.consumer)
                          .arg(pe.deliveries)
                          .arg(idleText(pe.idleMs));
    setToolTip(tip + QLatin1Char('\n') + QObject::tr("Click for its history."));
}

void StreamItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QColor accent(0x00, 0x9e, 0x73);
    QString kind = QObject::tr("stream \u00b7 %n entry(ies)", nullptr, static_cast<int>(m_data.length));
    drawCard(p, boundingRect(), kind, m_data.name, accent, isSelected());
    paintTape(p, accent);
    paintGroups(p);
}

void StreamItem::paintTape(QPainter *p, const QColor &accent)
{
    const QPalette pal = palette();
    p->setFont(smallFont());
    if (m_data.length > m_data.ids.size()) {
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->drawText(QRectF(kTapeLeft, kTitleH + 2, 200, 14), Qt::AlignLeft | Qt::AlignVCenter,
            QObject::tr("\u2190 %n older", nullptr, static_cast<int>(m_data.length - m_data.ids.size())));
    }
    for (int i = 0; i < m_data.ids.size(); ++i) {
        const QString &id = m_data.ids[i];
        const QRectF tile = tileRect(i);
        p->setPen(QPen(accent.darker(130), 1));
        p->setBrush(accent.lighter(175));
        p->drawRoundedRect(tile, 5, 5);
        p->setPen(Qt::black);
        p->setFont(smallFont());
        p->drawText(tile.adjusted(2, 0, -2, 0), Qt::AlignCenter, elide(id, smallFont(), m_entryW - 4));
        // Pending marks: one dot per group that has this entry pending, in the owner's colour.
        qreal dx = tile.left() + 3;
        for (const Group &g : m_data.groups)
            for (const Pending &pe : g.pending)
                if (pe.id == id) {
                    p->setPen(Qt::NoPen);
                    p->setBrush(pe.color);
                    p->drawEllipse(QRectF(dx, tile.bottom() + 3, 10, 10));
                    dx += 12;
                    if (pe.deliveries > 1) {
                        p->setPen(pal.color(QPalette::Text));
                        p->drawText(QRectF(dx - 1, tile.bottom() + 1, 22, 14), Qt::AlignLeft | Qt::AlignVCenter,
                            QStringLiteral("\u00d7%1").arg(pe.deliveries));
                        dx += 20;
                    }
                }
    }
    if (m_data.ids.isEmpty()) {
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->setFont(bodyFont());
        p->drawText(
            QRectF(kTapeLeft, kTapeY, 260, kTileH), Qt::AlignVCenter | Qt::AlignLeft, QObject::tr("(no entries)"));
    }
    // Group cursors point at their last delivered entry (or at the start of the tape when
    // it is older than what is shown), each labelled with its group.
    QMap<int, QStringList> cursors;
    for (const Group &g : m_data.groups) {
        int at = static_cast<int>(m_data.ids.indexOf(g.lastDeliveredId));
        cursors[at] << g.name;
    }
    for (auto it = cursors.cbegin(); it != cursors.cend(); ++it) {
        const bool before = it.key() < 0; // nothing shown is delivered yet, or older
        const qreal x = before ? kTapeLeft - 6 : tileRect(it.key()).center().x();
        QPolygonF arrow;
        arrow << QPointF(x - 6, kTapeY - 11) << QPointF(x + 6, kTapeY - 11) << QPointF(x, kTapeY - 2);
        p->setPen(Qt::NoPen);
        p->setBrush(pal.color(QPalette::Text));
        p->drawPolygon(arrow);
        p->setPen(pal.color(QPalette::Text));
        p->setFont(smallFont());
        const QString label = it.value().join(QStringLiteral(", "));
        p->drawText(
            QRectF(x + 8, kTapeY - 19, 140, 15), Qt::AlignLeft | Qt::AlignVCenter, elide(label, smallFont(), 140));
    }
    // Blocked readers wait for what comes after the newest entry.
    if (!m_data.readers.isEmpty()) {
        const qreal left = kKeyWidth - kReadersW + 4;
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->drawText(QRectF(left, kTapeY - 19, kReadersW - 12, 15), Qt::AlignLeft | Qt::AlignVCenter,
            QObject::tr("waiting for new:"));
        qreal y = kTapeY - 2;
        for (int i = 0; i < m_data.readers.size() && i < 3; ++i, y += 16) {
            const ClientBadge &r = m_data.readers[i];
            p->setPen(Qt::NoPen);
            p->setBrush(r.color);
            p->drawEllipse(QRectF(left, y + 3, 10, 10));
            p->setPen(pal.color(QPalette::Text));
            p->drawText(QRectF(left + 14, y, kReadersW - 26, 16), Qt::AlignLeft | Qt::AlignVCenter,
                elide(QStringLiteral("%1 %2").arg(r.name, r.note), smallFont(), kReadersW - 26));
        }
        if (m_data.readers.size() > 3) {
            p->setPen(pal.color(QPalette::PlaceholderText));
            p->drawText(QRectF(left + 14, y, kReadersW - 26, 16), Qt::AlignLeft | Qt::AlignVCenter,
                QObject::tr("+%1 more").arg(m_data.readers.size() - 3));
        }
    }
}

// One line per group (cursor, entries-read, lag, pending), then its consumers.
void StreamItem::paintGroups(QPainter *p)
{
    const QPalette pal = palette();
    qreal y = kTapeY + kTileH + 18;
    p->setFont(smallFont());
    const qreal width = kKeyWidth - 24;
    if (m_data.groups.isEmpty()) {
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->drawText(QRectF(12, y, width, kGroupLineH), Qt::AlignVCenter | Qt::AlignLeft,
            elide(QObject::tr("no consumer groups (XGROUP CREATE %1 group $)").arg(m_data.name), smallFont(), width));
    }
    for (const Group &g : m_data.groups) {
        QString line = QObject::tr("\u25bc %1: last delivered %2").arg(g.name, g.lastDeliveredId);
        if (!g.entriesRead.isEmpty())
            line += QObject::tr(" \u00b7 read %1").arg(g.entriesRead);
        if (!g.lag.isEmpty())
            line += QObject::tr(" \u00b7 lag %1").arg(g.lag);
        line += QObject::tr(" \u00b7 %1 pending").arg(g.pendingCount);
        p->setPen(pal.color(QPalette::Text));
        p->drawText(
            QRectF(12, y, width, kGroupLineH), Qt::AlignVCenter | Qt::AlignLeft, elide(line, smallFont(), width));
        y += kGroupLineH;
        if (g.consumers.isEmpty()) {
            p->setPen(pal.color(QPalette::PlaceholderText));
            p->drawText(QRectF(24, y, width - 12, kGroupLineH), Qt::AlignVCenter | Qt::AlignLeft,
                QObject::tr("no consumers yet"));
            y += kGroupLineH;
            continue;
        }
        const qreal cellW = (width - 12) / 3;
        for (int i = 0; i < g.consumers.size(); ++i) {
            const Consumer &c = g.consumers[i];
            const qreal cx = 24 + (i % 3) * cellW;
            const qreal cy = y + (i / 3) * kGroupLineH;
            p->setPen(Qt::NoPen);
            p->setBrush(c.color);
            p->drawEllipse(QRectF(cx, cy + 5, 10, 10));
            p->setPen(pal.color(QPalette::Text));
            const QString text = QObject::tr("%1: %2 pending").arg(c.name).arg(c.pending);
            p->drawText(QRectF(cx + 13, cy, cellW - 16, kGroupLineH), Qt::AlignVCenter | Qt::AlignLeft,
                elide(text, smallFont(), cellW - 16));
        }
        y += kGroupLineH * ((g.consumers.size() + 2) / 3);
    }
}

} // namespace ql

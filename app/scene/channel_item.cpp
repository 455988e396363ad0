#include "channel_item.h"

#include "scene_style.h"

#include <QPainter>

namespace ql {

using namespace scene;

namespace {
constexpr qreal kHeight = 112;
constexpr qreal kHubX = 60;
constexpr qreal kHubY = kTitleH + 44;
constexpr qreal kSubX = 150;
constexpr qreal kSubW = 120;
} // namespace

ChannelItem::ChannelItem(QGraphicsItem *parent) : QGraphicsItem(parent)
{
}

void ChannelItem::setData(const Data &d)
{
    m_data = d;
    update();
}

QRectF ChannelItem::boundingRect() const
{
    return QRectF(0, 0, kKeyWidth, kHeight);
}

QPointF ChannelItem::hubPoint() const
{
    return mapToScene(QPointF(kHubX, kHubY));
}

QPointF ChannelItem::subscriberPoint(const QString &name) const
{
    for (int i = 0; i < m_data.subscribers.size(); ++i)
        if (m_data.subscribers[i].name == name)
            return mapToScene(QPointF(kSubX + (i % 3) * (kSubW + 4) + 8, kTitleH + 22 + (i / 3) * 24));
    return hubPoint();
}

void ChannelItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette pal = palette();
    const QColor accent(0xcc, 0x79, 0xa7);
    drawCard(p, boundingRect(), m_data.pattern ? QObject::tr("pattern subscription") : QObject::tr("channel"),
        m_data.name, accent, isSelected());
    // Links from the hub to each subscriber.
    for (int i = 0; i < m_data.subscribers.size() && i < 9; ++i) {
        QPointF s(kSubX + (i % 3) * (kSubW + 4) + 8, kTitleH + 22 + (i / 3) * 24);
        p->setPen(QPen(m_data.subscribers[i].color, 2));
        p->drawLine(QPointF(kHubX + 16, kHubY), s);
        p->setBrush(m_data.subscribers[i].color);
        p->setPen(Qt::NoPen);
        p->drawEllipse(s, 6, 6);
        p->setPen(pal.color(QPalette::Text));
        p->setFont(smallFont());
        p->drawText(QRectF(s.x() + 9, s.y() - 9, kSubW - 12, 18), Qt::AlignVCenter | Qt::AlignLeft,
            elide(m_data.subscribers[i].name, smallFont(), kSubW - 12));
    }
    if (m_data.subscribers.size() > 9) {
        p->setPen(pal.color(QPalette::Text));
        p->drawText(QRectF(kSubX, kHeight - 20, 200, 16), Qt::AlignLeft,
            QObject::tr("and %n more", nullptr, static_cast<int>(m_data.subscribers.size() - 9)));
    }
    if (m_data.subscribers.isEmpty()) {
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->setFont(smallFont());
        p->drawText(QRectF(kSubX - 50, kHubY - 10, 280, 20), Qt::AlignVCenter | Qt::AlignLeft,
            QObject::tr("no subscribers: a PUBLISH now is lost"));
    }
    p->setPen(QPen(accent.darker(130), 2));
    p->setBrush(accent.lighter(160));
    p->drawEllipse(QPointF(kHubX, kHubY), 16, 16);
    // The counts.
    p->setFont(smallFont());
    p->setPen(pal.color(QPalette::Text));
    // A pattern has nothing published to it: only what it delivered counts.
    QString counts = m_data.pattern
        ? QObject::tr("delivered %1 through this pattern").arg(m_data.delivered)
        : QObject::tr("published %1 \u00b7 delivered %2").arg(m_data.published).arg(m_data.delivered);
    p->drawText(QRectF(12, kHeight - 22, 260, 18), Qt::AlignLeft | Qt::AlignVCenter, counts);
    p->setPen(m_data.lost > 0 ? QColor(0xc0, 0x30, 0x30) : pal.color(QPalette::PlaceholderText));
    QFont bold = smallFont();
    bold.setBold(m_data.lost > 0);
    p->setFont(bold);
    if (!m_data.pattern) // a message is lost on a channel (nobody at all heard it)
        p->drawText(QRectF(kKeyWidth - 130, kHeight - 22, 120, 18), Qt::AlignRight | Qt::AlignVCenter,
            QObject::tr("lost %1").arg(m_data.lost));
}

StringItem::StringItem(QGraphicsItem *parent) : QGraphicsItem(parent)
{
}

void StringItem::setData(const Data &d)
{
    m_data = d;
    update();
}

QRectF StringItem::boundingRect() const
{
    return QRectF(0, 0, kKeyWidth, kTitleH + 36);
}

void StringItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    drawCard(p, boundingRect(), m_data.type, m_data.name, QColor(0x7f, 0x7f, 0x7f), isSelected());
    p->setPen(palette().color(QPalette::Text));
    p->setFont(bodyFont());
    p->drawText(QRectF(12, kTitleH + 4, kKeyWidth - 24, 28), Qt::AlignVCenter | Qt::AlignLeft,
        elide(QStringLiteral("\"%1\"").arg(m_data.value), bodyFont(), kKeyWidth - 24));
}

} // namespace ql

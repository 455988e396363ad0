#include "client_item.h"

#include "scene_style.h"

#include <QPainter>

namespace ql {

using namespace scene;

ClientItem::ClientItem(QGraphicsItem *parent) : QGraphicsItem(parent)
{
}

void ClientItem::setData(const Data &d)
{
    m_data = d;
    update();
}

QRectF ClientItem::boundingRect() const
{
    return QRectF(0, 0, kWidth, kHeight);
}

QPointF ClientItem::anchor() const
{
    return mapToScene(QPointF(kWidth, kHeight / 2));
}

void ClientItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette pal = palette();
    p->setRenderHint(QPainter::Antialiasing);
    QColor fill = m_data.color;
    fill.setAlpha(m_data.blocked ? 60 : 30);
    p->setPen(isSelected()
            ? QPen(pal.color(QPalette::Highlight), 3)
            : QPen(m_data.color, m_data.blocked ? 2.5 : 1.5, m_data.blocked ? Qt::DashLine : Qt::SolidLine));
    p->setBrush(fill);
    p->drawRoundedRect(boundingRect().adjusted(1, 1, -1, -1), 10, 10);
    p->setPen(pal.color(QPalette::Text));
    p->setFont(titleFont());
    p->drawText(
        QRectF(12, 4, kWidth - 50, 24), Qt::AlignVCenter | Qt::AlignLeft, elide(m_data.name, titleFont(), kWidth - 50));
    p->setFont(smallFont());
    p->drawText(QRectF(12, 26, kWidth - 50, 20), Qt::AlignVCenter | Qt::AlignLeft,
        elide(m_data.state, smallFont(), kWidth - 50));
    if (!m_data.blocked)
        return;
    QRectF ring(kWidth - 38, kHeight / 2 - 14, 28, 28);
    if (m_data.remaining < 0) {
        // Waits forever: an hourglass.
        QPolygonF glass;
        glass << ring.topLeft() + QPointF(6, 4) << ring.topRight() + QPointF(-6, 4) << ring.center()
              << ring.bottomRight() + QPointF(-6, -4) << ring.bottomLeft() + QPointF(6, -4) << ring.center();
        p->setPen(QPen(m_data.color.darker(120), 2));
        p->setBrush(Qt::NoBrush);
        p->drawPolygon(glass);
        return;
    }
    // A countdown ring: the part left of the timeout.
    p->setPen(QPen(pal.color(QPalette::Mid), 3));
    p->drawEllipse(ring);
    p->setPen(QPen(m_data.color, 3, Qt::SolidLine, Qt::RoundCap));
    p->drawArc(ring, 90 * 16, static_cast<int>(360 * 16 * std::clamp(m_data.remaining, 0.0, 1.0)));
}

} // namespace ql

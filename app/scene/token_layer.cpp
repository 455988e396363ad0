#include "token_layer.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace ql {

namespace {
constexpr qreal kRadius = 9;
// Lost messages drop and fade where they were published.
constexpr qreal kLostFall = 40;
} // namespace

TokenLayer::TokenLayer(QGraphicsItem *parent) : QGraphicsObject(parent)
{
    setZValue(100); // above keys and clients
    setAcceptedMouseButtons(Qt::NoButton);
}

void TokenLayer::launch(
    QPointF from, QPointF to, const QColor &color, const QString &label, Shape shape, int durationMs, int delayMs)
{
    if (m_tokens.size() >= kMaxTokens) {
        // Join the newest token on the same route, or the newest token of all.
        auto same = std::find_if(m_tokens.rbegin(), m_tokens.rend(),
            [&](const Token &t) { return t.from == from && t.to == to && t.shape == shape; });
        Token &bundle = same != m_tokens.rend() ? *same : m_tokens.back();
        ++bundle.count;
        update();
        return;
    }
    Token t;
    t.from = from;
    t.to = shape == Shape::Lost ? from + QPointF(0, kLostFall) : to;
    t.color = color;
    t.label = label;
    t.shape = shape;
    t.durationMs = std::max(1, durationMs);
    t.elapsedMs = -std::max(0, delayMs);
    m_tokens.push_back(t);
    prepareGeometryChange();
    m_bounds = m_bounds.united(QRectF(from, t.to).normalized().adjusted(-40, -40, 40, 40));
    update();
}

void TokenLayer::advance(int ms)
{
    if (m_tokens.empty() || ms <= 0)
        return;
    for (auto &t : m_tokens)
        t.elapsedMs += ms;
    m_tokens.erase(
        std::remove_if(m_tokens.begin(), m_tokens.end(), [](const Token &t) { return t.elapsedMs >= t.durationMs; }),
        m_tokens.end());
    update();
}

std::size_t TokenLayer::bundled() const
{
    std::size_t n = 0;
    for (const auto &t : m_tokens)
        n += t.count > 1 ? static_cast<std::size_t>(t.count) : 0;
    return n;
}

void TokenLayer::clear()
{
    m_tokens.clear();
    update();
}

QPointF TokenLayer::position(const Token &t) const
{
    qreal f = std::clamp(static_cast<qreal>(t.elapsedMs) / t.durationMs, 0.0, 1.0);
    qreal eased = f < 0.5 ? 2 * f * f : 1 - std::pow(-2 * f + 2, 2) / 2; // ease in and out
    return t.from + (t.to - t.from) * eased;
}

QRectF TokenLayer::boundingRect() const
{
    return m_bounds;
}

void TokenLayer::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    p->setRenderHint(QPainter::Antialiasing);
    QFont small = p->font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    p->setFont(small);
    for (const auto &t : m_tokens) {
        if (t.elapsedMs < 0)
            continue; // not started yet
        QPointF c = position(t);
        qreal f = static_cast<qreal>(t.elapsedMs) / t.durationMs;
        QColor fill = t.color;
        if (t.shape == Shape::Lost)
            fill.setAlphaF(std::max(0.0, 1.0 - f));
        p->setPen(QPen(fill.darker(130), 1.5));
        p->setBrush(fill);
        qreal r = t.count > 1 ? kRadius * 1.4 : kRadius;
        if (t.shape == Shape::Ack) {
            // A check mark flying back to the stream.
            QPainterPath tick;
            tick.moveTo(c + QPointF(-6, 0));
            tick.lineTo(c + QPointF(-2, 5));
            tick.lineTo(c + QPointF(7, -6));
            p->setBrush(Qt::NoBrush);
            p->setPen(QPen(fill, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p->drawPath(tick);
            continue;
        }
        p->drawRoundedRect(QRectF(c.x() - r * 1.6, c.y() - r, r * 3.2, r * 2), 5, 5);
        if (t.shape == Shape::Lost) {
            p->setPen(QPen(QColor(200, 40, 40, fill.alpha()), 2.5));
            p->drawLine(c + QPointF(-r, -r), c + QPointF(r, r));
            p->drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
        }
        p->setPen(Qt::white);
        QString text = t.count > 1 ? QStringLiteral("\u00d7%1").arg(t.count) : t.label.left(6);
        p->drawText(QRectF(c.x() - r * 1.6, c.y() - r, r * 3.2, r * 2), Qt::AlignCenter, text);
    }
}

} // namespace ql

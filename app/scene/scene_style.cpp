#include "scene_style.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace ql::scene {

QFont titleFont()
{
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    f.setBold(true);
    return f;
}

QFont bodyFont()
{
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * 1.05);
    return f;
}

QFont smallFont()
{
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * 0.95);
    return f;
}

QPalette palette()
{
    return QApplication::palette();
}

QString elide(const QString &text, const QFont &font, qreal width)
{
    return QFontMetricsF(font).elidedText(text, Qt::ElideRight, width);
}

void drawCard(
    QPainter *p, const QRectF &rect, const QString &kind, const QString &title, const QColor &accent, bool selected)
{
    const QPalette pal = palette();
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(selected ? QPen(pal.color(QPalette::Highlight), 3) : QPen(pal.color(QPalette::Mid), 1));
    p->setBrush(pal.color(QPalette::Base));
    p->drawRoundedRect(rect, 8, 8);
    QRectF bar(rect.left(), rect.top(), rect.width(), kTitleH);
    QPainterPath path;
    path.setFillRule(Qt::WindingFill); // the square lower half overlaps the rounded bar: fill both
    path.addRoundedRect(bar, 8, 8);
    path.addRect(bar.adjusted(0, kTitleH / 2, 0, 0));
    QColor tint = accent;
    tint.setAlpha(40);
    p->fillPath(path.simplified(), tint);
    p->setPen(accent.darker(110));
    p->setFont(smallFont());
    QRectF kindRect = bar.adjusted(10, 0, -10, 0);
    p->drawText(kindRect, Qt::AlignVCenter | Qt::AlignRight, kind);
    p->setPen(pal.color(QPalette::Text));
    p->setFont(titleFont());
    p->drawText(kindRect, Qt::AlignVCenter | Qt::AlignLeft, elide(title, titleFont(), rect.width() - 140));
}

} // namespace ql::scene

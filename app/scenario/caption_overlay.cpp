#include "caption_overlay.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextOption>

#include <algorithm>

namespace ql {

namespace {
constexpr int kPadding = 14;
constexpr int kMargin = 16;
} // namespace

CaptionOverlay::CaptionOverlay(QWidget *view) : QWidget(view)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setObjectName(QStringLiteral("captionOverlay"));
    view->installEventFilter(this);
    hide();
}

void CaptionOverlay::setSection(const QString &title)
{
    m_section = title;
    relayout();
}

void CaptionOverlay::setCaption(const QString &text)
{
    m_caption = text;
    relayout();
}

void CaptionOverlay::clear()
{
    m_section.clear();
    m_caption.clear();
    relayout();
}

bool CaptionOverlay::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        relayout();
    return QWidget::eventFilter(watched, event);
}

// Type grows with the view: about 1/26 of its height, at least 16 px, at most 40 px.
QFont CaptionOverlay::captionFont() const
{
    QFont f = font();
    int h = parentWidget() ? parentWidget()->height() : 600;
    f.setPixelSize(std::clamp(h / 26, 16, 40));
    f.setWeight(QFont::DemiBold);
    return f;
}

QFont CaptionOverlay::sectionFont() const
{
    QFont f = captionFont();
    f.setPixelSize(std::max(12, f.pixelSize() * 3 / 5));
    f.setWeight(QFont::Normal);
    f.setCapitalization(QFont::AllUppercase);
    f.setLetterSpacing(QFont::PercentageSpacing, 108);
    return f;
}

void CaptionOverlay::relayout()
{
    QWidget *view = parentWidget();
    if (!view || (m_caption.isEmpty() && m_section.isEmpty())) {
        hide();
        return;
    }
    const int maxWidth = std::max(200, view->width() * 80 / 100);
    const int textWidth = maxWidth - 2 * kPadding;
    QFontMetrics cm(captionFont());
    QFontMetrics sm(sectionFont());
    QRect captionBox = m_caption.isEmpty()
        ? QRect()
        : cm.boundingRect(QRect(0, 0, textWidth, 10000), Qt::TextWordWrap | Qt::AlignHCenter, m_caption);
    QRect sectionBox = m_section.isEmpty() ? QRect() : sm.boundingRect(m_section);
    int width = std::min(maxWidth, std::max(captionBox.width(), sectionBox.width()) + 2 * kPadding);
    int height = 2 * kPadding + captionBox.height() + (m_section.isEmpty() ? 0 : sm.height())
        + (m_section.isEmpty() || m_caption.isEmpty() ? 0 : 4);
    setGeometry((view->width() - width) / 2, view->height() - height - kMargin, width, height);
    show();
    raise();
    update();
}

void CaptionOverlay::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath box;
    box.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 10, 10);
    p.fillPath(box, QColor(20, 24, 32, 225));
    QRect inner = rect().adjusted(kPadding, kPadding, -kPadding, -kPadding);
    if (!m_section.isEmpty()) {
        p.setFont(sectionFont());
        p.setPen(QColor(150, 200, 255));
        QFontMetrics sm(sectionFont());
        p.drawText(QRect(inner.left(), inner.top(), inner.width(), sm.height()), Qt::AlignHCenter, m_section);
        inner.setTop(inner.top() + sm.height() + (m_caption.isEmpty() ? 0 : 4));
    }
    if (!m_caption.isEmpty()) {
        p.setFont(captionFont());
        p.setPen(Qt::white);
        p.drawText(inner, Qt::TextWordWrap | Qt::AlignHCenter | Qt::AlignTop, m_caption);
    }
}

} // namespace ql

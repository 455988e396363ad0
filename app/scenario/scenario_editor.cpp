#include "scenario_editor.h"

#include "qls_highlighter.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QScrollBar>
#include <QSet>
#include <QTextBlock>
#include <QToolTip>

#include <algorithm>

namespace ql {

namespace {

constexpr int kPadLeft = 6;
constexpr int kGap = 3; // between the number and the mark
constexpr int kPadRight = 5;

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t);
}

// The QString index of 1-based `column`, counted in Unicode characters.
int offsetOfColumn(const QString &text, int column)
{
    int offset = 0;
    for (int c = 1; c < column && offset < text.size(); ++c) {
        const bool pair
            = text[offset].isHighSurrogate() && offset + 1 < text.size() && text[offset + 1].isLowSurrogate();
        offset += pair ? 2 : 1;
    }
    return offset;
}

// A tick or a cross, drawn rather than typed: the glyphs are missing from some fonts.
void drawMark(QPainter &p, const QRectF &cell, bool passed, const QColor &color)
{
    const qreal s = std::min(cell.width(), cell.height()) * 0.62;
    const QRectF box(cell.center().x() - s / 2, cell.center().y() - s / 2, s, s);
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(color, std::max(1.6, s / 6.5), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    auto at = [&](qreal x, qreal y) { return QPointF(box.left() + x * s, box.top() + y * s); };
    if (passed) {
        const QPointF tick[] = {at(0.05, 0.55), at(0.38, 0.88), at(0.95, 0.12)};
        p.drawPolyline(tick, 3);
    } else {
        p.drawLine(at(0.12, 0.12), at(0.88, 0.88));
        p.drawLine(at(0.88, 0.12), at(0.12, 0.88));
    }
    p.restore();
}

} // namespace

// The line numbers and marks, left of the text: painted and explained by the editor.
class ScenarioEditor::Gutter : public QWidget {
public:
    explicit Gutter(ScenarioEditor *editor) : QWidget(editor), m_editor(editor) { }
    QSize sizeHint() const override { return {m_editor->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintGutter(event); }
    bool event(QEvent *event) override
    {
        if (event->type() != QEvent::ToolTip)
            return QWidget::event(event);
        auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = m_editor->gutterToolTip(m_editor->lineAt(QPoint(0, help->pos().y())));
        if (tip.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), tip, this);
        }
        return true;
    }

private:
    ScenarioEditor *m_editor;
};

ScenarioEditor::ScenarioEditor(QWidget *parent)
    : QPlainTextEdit(parent), m_highlighter(new QlsHighlighter(document())), m_gutter(new Gutter(this))
{
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter->setPalette(palette());
    connect(this, &QPlainTextEdit::blockCountChanged, this, &ScenarioEditor::updateGutterGeometry);
    connect(this, &QPlainTextEdit::updateRequest, this, &ScenarioEditor::updateGutter);
    connect(document(), &QTextDocument::contentsChange, this, &ScenarioEditor::followEdit);
    applyFont();
}

// ---- current line, marks, errors ----

void ScenarioEditor::setCurrentLine(int line)
{
    m_currentLine = line > 0 && line <= blockCount() ? line : 0;
    rememberLine(m_currentLine); // one line, not all: this runs for every statement played
    updateSelections();
    m_gutter->update();
    if (m_currentLine > 0)
        revealLine(m_currentLine);
}

void ScenarioEditor::revealLine(int line)
{
    const int first = firstVisibleBlock().blockNumber();
    const int rows = std::max(1, viewport()->height() / std::max(1, fontMetrics().lineSpacing()));
    const int index = line - 1;
    if (index >= first && index <= first + rows - 2)
        return; // fully visible already
    const QTextBlock block = document()->findBlockByNumber(index);
    verticalScrollBar()->setValue(std::max(0, block.firstLineNumber() - rows / 3));
}

void ScenarioEditor::setMark(int line, bool passed, const QString &toolTip)
{
    if (line < 1 || line > blockCount())
        return;
    m_marks.insert(line, Mark {passed, toolTip});
    rememberLine(line); // one line, not all: a long script gets a mark per expectation
    m_gutter->update();
}

std::optional<bool> ScenarioEditor::markAt(int line) const
{
    const auto found = m_marks.constFind(line);
    if (found == m_marks.constEnd())
        return std::nullopt;
    return found->passed;
}

QString ScenarioEditor::markToolTip(int line) const
{
    return m_marks.value(line).toolTip;
}

void ScenarioEditor::clearMarks()
{
    m_marks.clear();
    rememberSpans();
    m_gutter->update();
}

void ScenarioEditor::setErrors(const QList<Error> &errors)
{
    m_errors = errors;
    rememberSpans();
    updateSelections();
    m_gutter->update();
}

void ScenarioEditor::clearErrors()
{
    setErrors({});
}

QString ScenarioEditor::errorToolTip(int line) const
{
    QStringList messages;
    for (const Error &e : m_errors) {
        if (e.line == line && line > 0)
            messages.append(e.message);
    }
    return messages.join(u'\n');
}

QString ScenarioEditor::gutterToolTip(int line) const
{
    QStringList parts;
    if (!markToolTip(line).isEmpty())
        parts.append(markToolTip(line));
    if (!errorToolTip(line).isEmpty())
        parts.append(errorToolTip(line));
    return parts.join(u'\n');
}

void ScenarioEditor::updateSelections()
{
    const Colors c = colors();
    QList<QTextEdit::ExtraSelection> selections;
    const QTextBlock current = document()->findBlockByNumber(m_currentLine - 1);
    if (m_currentLine > 0 && current.isValid()) {
        QTextEdit::ExtraSelection line;
        line.format.setBackground(c.currentLine);
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.cursor = QTextCursor(current);
        selections.append(line);
    }
    for (const Error &e : m_errors) {
        const QTextBlock block = document()->findBlockByNumber(e.line - 1);
        const QString text = block.text();
        if (e.line < 1 || !block.isValid() || text.isEmpty())
            continue; // the gutter shows it
        int from = e.column > 0 ? offsetOfColumn(text, e.column) : 0;
        if (e.column <= 0) {
            while (from < text.size() && (text[from] == u' ' || text[from] == u'\t'))
                ++from;
        }
        if (from >= text.size()) // past the end ("missing duration"): the last character
            from = static_cast<int>(text.size()) - (text.size() > 1 && text.back().isLowSurrogate() ? 2 : 1);
        QTextEdit::ExtraSelection error;
        error.cursor = QTextCursor(block);
        error.cursor.setPosition(block.position() + from);
        error.cursor.setPosition(block.position() + static_cast<int>(text.size()), QTextCursor::KeepAnchor);
        error.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        error.format.setUnderlineColor(c.error);
        selections.append(error);
    }
    setExtraSelections(selections);
}

// ---- following edits ----

void ScenarioEditor::rememberLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (line > 0 && block.isValid())
        m_spans.insert(line, Span {block.position(), block.position() + block.length() - 1});
}

void ScenarioEditor::rememberSpans()
{
    m_spans.clear();
    for (auto it = m_marks.cbegin(); it != m_marks.cend(); ++it)
        rememberLine(it.key());
    for (const Error &e : m_errors)
        rememberLine(e.line);
    rememberLine(m_currentLine);
}

// Where a line is after an edit, or 0 when the edit changed it. A line survives when the
// edit was entirely before or after its text and it still starts a line.
int ScenarioEditor::movedLine(const Span &span, int position, int removed, int added) const
{
    const QTextDocument *doc = document();
    int start = -1;
    const bool newLineAfter
        = span.end == position && removed == 0 && added > 0 && doc->characterAt(position) == QChar::ParagraphSeparator;
    if (span.end < position || newLineAfter)
        start = span.start;
    else if (span.start >= position + removed)
        start = span.start - removed + added;
    if (start < 0)
        return 0;
    const QTextBlock block = doc->findBlock(start);
    return block.isValid() && block.position() == start ? block.blockNumber() + 1 : 0;
}

void ScenarioEditor::followEdit(int position, int removed, int added)
{
    if (m_spans.isEmpty() || (removed == 0 && added == 0))
        return;
    QHash<int, int> moved;
    for (auto it = m_spans.cbegin(); it != m_spans.cend(); ++it)
        moved.insert(it.key(), movedLine(it.value(), position, removed, added));
    QMap<int, Mark> marks;
    for (auto it = m_marks.cbegin(); it != m_marks.cend(); ++it) {
        if (const int to = moved.value(it.key()))
            marks.insert(to, it.value());
    }
    m_marks = marks;
    QList<Error> errors;
    for (Error e : std::as_const(m_errors)) {
        e.line = moved.value(e.line);
        if (e.line > 0)
            errors.append(e);
    }
    m_errors = errors;
    if (m_currentLine > 0) {
        const int to = moved.value(m_currentLine);
        m_currentLine = to > 0 ? to : document()->findBlock(position).blockNumber() + 1;
    }
    rememberSpans();
    updateSelections();
    m_gutter->update();
}

// ---- the gutter ----

ScenarioEditor::Colors ScenarioEditor::colors() const
{
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    if (base.lightness() < 128) {
        return {QColor(0x4a, 0x40, 0x1c), QColor(0xff, 0x6e, 0x6e), QColor(0x3f, 0xb9, 0x50), QColor(0xf8, 0x51, 0x49),
            mix(base, text, 0.04), mix(base, text, 0.18), mix(base, text, 0.5), text};
    }
    return {QColor(0xff, 0xf1, 0xb0), QColor(0xd1, 0x24, 0x2f), QColor(0x1a, 0x7f, 0x37), QColor(0xcf, 0x22, 0x2e),
        mix(base, text, 0.035), mix(base, text, 0.15), mix(base, text, 0.5), text};
}

int ScenarioEditor::gutterWidth() const
{
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fm(bold);
    const int digits = std::max(2, static_cast<int>(QString::number(std::max(1, blockCount())).size()));
    return kPadLeft + fm.horizontalAdvance(QLatin1Char('9')) * digits + kGap + fm.height() + kPadRight;
}

void ScenarioEditor::updateGutterGeometry()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
    const QRect r = contentsRect();
    m_gutter->setGeometry(QRect(r.left(), r.top(), gutterWidth(), r.height()));
}

void ScenarioEditor::updateGutter(const QRect &rect, int dy)
{
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

int ScenarioEditor::lineAt(const QPoint &viewportPos) const
{
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= viewportPos.y()) {
        const qreal bottom = top + blockBoundingRect(block).height();
        if (block.isVisible() && viewportPos.y() < bottom)
            return block.blockNumber() + 1;
        top = bottom;
        block = block.next();
    }
    return 0;
}

void ScenarioEditor::paintGutter(QPaintEvent *event)
{
    const Colors c = colors();
    QPainter p(m_gutter);
    const int width = m_gutter->width();
    p.fillRect(event->rect(), c.gutter);
    p.setPen(c.gutterLine);
    p.drawLine(width - 1, event->rect().top(), width - 1, event->rect().bottom());

    QFont plain = font();
    QFont bold = plain;
    bold.setBold(true);
    const int rowHeight = fontMetrics().height();
    const int numberRight = width - kPadRight - rowHeight - kGap;
    QSet<int> errorLines;
    for (const Error &e : m_errors)
        errorLines.insert(e.line);

    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal height = blockBoundingRect(block).height();
        if (block.isVisible() && top + height >= event->rect().top()) {
            const int line = block.blockNumber() + 1;
            const bool current = line == m_currentLine;
            const bool error = errorLines.contains(line);
            if (current)
                p.fillRect(QRectF(0, top, width - 1, height), c.currentLine);
            p.setFont(current || error ? bold : plain);
            p.setPen(error ? c.error : current ? c.text : c.number);
            p.drawText(
                QRectF(0, top, numberRight, rowHeight), Qt::AlignRight | Qt::AlignVCenter, QString::number(line));
            const auto mark = m_marks.constFind(line);
            if (mark != m_marks.constEnd())
                drawMark(p, QRectF(numberRight + kGap, top, rowHeight, rowHeight), mark->passed,
                    mark->passed ? c.passed : c.failed);
        }
        top += height;
        block = block.next();
    }
}

// ---- events ----

void ScenarioEditor::applyFont()
{
    setTabStopDistance(QFontMetricsF(font()).horizontalAdvance(QLatin1Char(' ')) * 4);
    updateGutterGeometry();
}

void ScenarioEditor::paintEvent(QPaintEvent *event)
{
    QPlainTextEdit::paintEvent(event);
    // The full-width band starts at the document margin: carry it to the gutter. Only when
    // on screen (the geometry of a far block costs a walk to it).
    const QTextBlock block = document()->findBlockByNumber(m_currentLine - 1);
    const int first = firstVisibleBlock().blockNumber();
    const int rows = viewport()->height() / std::max(1, fontMetrics().lineSpacing()) + 2;
    if (m_currentLine < 1 || !block.isVisible() || block.blockNumber() < first || block.blockNumber() > first + rows)
        return;
    const QRectF r = blockBoundingGeometry(block).translated(contentOffset());
    QPainter p(viewport());
    p.fillRect(QRectF(0, r.top(), document()->documentMargin(), r.height()), colors().currentLine);
}

void ScenarioEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    updateGutterGeometry();
}

void ScenarioEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        applyFont();
    } else if (event->type() == QEvent::PaletteChange) {
        m_highlighter->setPalette(palette());
        updateSelections();
        m_gutter->update();
    }
}

bool ScenarioEditor::viewportEvent(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QPlainTextEdit::viewportEvent(event);
    auto *help = static_cast<QHelpEvent *>(event);
    const QString tip = errorToolTip(lineAt(help->pos()));
    if (tip.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
    } else {
        QToolTip::showText(help->globalPos(), tip, viewport());
    }
    return true;
}

} // namespace ql

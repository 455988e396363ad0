// ScenarioEditor: a plain-text editor for scenario files (.qls) with syntax colours
// (QlsHighlighter), a gutter of line numbers and the state of a run drawn on top:
//
// - the current line (the statement a player runs next) has a full-width background and is
//   scrolled into view;
// - each expectation's result is a mark in the gutter, a green tick or a red cross, with a
//   tooltip;
// - parse errors are a red wavy underline from their column to the end of the line, the
//   line number turns red, and hovering the line shows the message.
//
// Lines and columns are 1-based, as the parser reports them; columns count Unicode
// characters. Marks, errors and the current line follow edits: lines inserted or removed
// above them move them, and a mark or an error on a line that was edited is dropped (its
// result is stale). The editor does not wrap lines: arrays in `...` lines line up by column.
// Keep its document: the highlighter and the edit tracking are bound to it.
#pragma once

#include <QHash>
#include <QList>
#include <QMap>
#include <QPlainTextEdit>
#include <QString>

#include <optional>

namespace ql {

class QlsHighlighter;

class ScenarioEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    struct Error {
        int line = 0;
        int column = 0; // 0: from the line's first non-blank character
        QString message;
    };

    explicit ScenarioEditor(QWidget *parent = nullptr);

    QString text() const { return toPlainText(); }
    QlsHighlighter *highlighter() const { return m_highlighter; }

    // Highlights `line` (0: none) and scrolls it into view when it is not visible.
    void setCurrentLine(int line);
    int currentLine() const { return m_currentLine; }

    void setMark(int line, bool passed, const QString &toolTip);
    // true: passed, false: failed, nullopt: no mark.
    std::optional<bool> markAt(int line) const;
    QString markToolTip(int line) const;
    void clearMarks();

    void setErrors(const QList<Error> &errors);
    QList<Error> errors() const { return m_errors; }
    void clearErrors();
    // The messages of the errors on `line`, one per text line: what hovering it shows.
    QString errorToolTip(int line) const;

    int gutterWidth() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    class Gutter;
    struct Mark {
        bool passed = false;
        QString toolTip;
    };
    struct Colors {
        QColor currentLine, error, passed, failed, gutter, gutterLine, number, text;
    };
    struct Span { // where a line with a mark, an error or the current line is
        int start = 0;
        int end = 0; // its separator (or the end of the document)
    };

    Colors colors() const;
    void applyFont();
    void updateGutterGeometry();
    void updateGutter(const QRect &rect, int dy);
    void paintGutter(QPaintEvent *event);
    QString gutterToolTip(int line) const;
    int lineAt(const QPoint &viewportPos) const;
    void updateSelections();
    void revealLine(int line);
    void rememberSpans();
    void rememberLine(int line);
    int movedLine(const Span &span, int position, int removed, int added) const;
    void followEdit(int position, int removed, int added);

    QlsHighlighter *m_highlighter;
    Gutter *m_gutter;
    int m_currentLine = 0;
    QMap<int, Mark> m_marks; // by line
    QList<Error> m_errors;
    QHash<int, Span> m_spans; // by line, as before the next edit
};

} // namespace ql

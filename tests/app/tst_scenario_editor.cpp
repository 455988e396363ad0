// The scenario editor offscreen: what the highlighter colours (read back from each block's
// layout), the current line, the gutter's marks, error underlines and tooltips, how they
// follow edits, and a 100,000-line file. Set QUEUELAB_SCREENSHOT_DIR to keep the light and
// dark renderings (scenario-editor-light.png, scenario-editor-dark.png) for a look.
#include "scenario/qls_highlighter.h"
#include "scenario/scenario_editor.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QScrollBar>
#include <QSet>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolTip>

using ql::QlsHighlighter;
using ql::ScenarioEditor;
using Kind = QlsHighlighter::Kind;

namespace {

const QString kSample = QStringLiteral(R"(# Competing consumers on one list
client producer color #1f77b4 role "web server"
client worker-1 color #2ca02c role worker
client worker-2 color #d62728 role "slow worker"

section "Two workers, one list"
worker-1> BRPOP jobs 0
worker-2> BRPOP jobs 0
expect worker-1 blocked
say "Both workers wait. Who gets job-$i first?"
pause

repeat 4 every 500ms
	producer> LPUSH jobs job-$i
end
wiat 100ms
expect worker-1> 1) "jobs"
...              2) "job-1"
expect LLEN jobs == (integer) 2
producer> SET tag #1
expect GET nothing == (nil)
expect XINFO GROUPS jobs == (error) WRONGTYPE Operation against a key
say "큐의 첫 번째 작업은 먼저 기다린 worker-1에게 갑니다."
)");

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x2f, 0x2f, 0x2f));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Mid, QColor(0x60, 0x60, 0x60));
    dark.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
    return dark;
}

QTextBlock lineOf(const ScenarioEditor &editor, int line)
{
    return editor.document()->findBlockByNumber(line - 1);
}

// The format the highlighter gave `position` of `block` (an empty format: plain).
QTextCharFormat formatAt(const QTextBlock &block, int position)
{
    const QList<QTextLayout::FormatRange> ranges = block.layout()->formats();
    for (const QTextLayout::FormatRange &r : ranges) {
        if (position >= r.start && position < r.start + r.length)
            return r.format;
    }
    return {};
}

// What a reader sees of a format: colour, weight, slant.
QString looks(const QTextCharFormat &f)
{
    return f.foreground().color().name() + (f.fontWeight() > QFont::Normal ? QStringLiteral(" bold") : QString())
        + (f.fontItalic() ? QStringLiteral(" italic") : QString());
}

// Lightness of a colour as seen against `base` (0 = no difference).
int contrast(const QColor &color, const QColor &base)
{
    return std::abs(color.lightness() - base.lightness());
}

void editLine(ScenarioEditor &editor, int line, const QString &text)
{
    QTextCursor c(lineOf(editor, line));
    c.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    c.insertText(text);
}

QList<QTextEdit::ExtraSelection> fullWidth(const ScenarioEditor &editor)
{
    QList<QTextEdit::ExtraSelection> found;
    const QList<QTextEdit::ExtraSelection> all = editor.extraSelections();
    for (const QTextEdit::ExtraSelection &s : all) {
        if (s.format.boolProperty(QTextFormat::FullWidthSelection))
            found.append(s);
    }
    return found;
}

QList<QTextEdit::ExtraSelection> underlines(const ScenarioEditor &editor)
{
    QList<QTextEdit::ExtraSelection> found;
    const QList<QTextEdit::ExtraSelection> all = editor.extraSelections();
    for (const QTextEdit::ExtraSelection &s : all) {
        if (s.format.underlineStyle() == QTextCharFormat::WaveUnderline)
            found.append(s);
    }
    return found;
}

} // namespace

class TestScenarioEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(
            QRegularExpression(QStringLiteral("^(?!This plugin does not support (propagateSizeHints|raise)).*")));
    }

    // The lessons that ship with the app are valid scenarios: every statement starts with
    // something the highlighter knows, and every counter and quote is picked up.
    void every_lesson_line_starts_coloured()
    {
        const QStringList lessons = QDir(QStringLiteral(":/scenarios")).entryList({QStringLiteral("*.qls")});
        QVERIFY(!lessons.isEmpty());
        for (const QString &name : lessons) {
            QFile file(QStringLiteral(":/scenarios/") + name);
            QVERIFY(file.open(QIODevice::ReadOnly));
            ScenarioEditor editor;
            editor.setPlainText(QString::fromUtf8(file.readAll()));
            for (QTextBlock block = editor.document()->begin(); block.isValid(); block = block.next()) {
                const QString text = block.text();
                int first = 0;
                while (first < text.size() && text[first].isSpace())
                    ++first;
                if (first < text.size())
                    QVERIFY2(QlsHighlighter::kindAt(block, first) != Kind::None,
                        qPrintable(QStringLiteral("%1:%2: %3").arg(name).arg(block.blockNumber() + 1).arg(text)));
            }
        }
    }

    void comments_are_whole_lines_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("comment");
        QTest::newRow("a line starting with # is a comment") << QStringLiteral("# x") << true;
        QTest::newRow("indentation before # is allowed") << QStringLiteral(" \t # x") << true;
        QTest::newRow("a # inside a command is Redis text") << QStringLiteral("p> SET tag #1") << false;
        QTest::newRow("a # after a statement is no comment") << QStringLiteral("wait 1s # later") << false;
        QTest::newRow("a # in a caption is text") << QStringLiteral("say \"#1 fan\"") << false;
    }

    void comments_are_whole_lines()
    {
        QFETCH(QString, line);
        QFETCH(bool, comment);
        ScenarioEditor editor;
        editor.setPlainText(line);
        const QTextBlock block = lineOf(editor, 1);
        const int hash = static_cast<int>(line.indexOf(u'#'));
        QCOMPARE(QlsHighlighter::kindAt(block, hash) == Kind::Comment, comment);
        QCOMPARE(QlsHighlighter::kindAt(block, static_cast<int>(line.size()) - 1) == Kind::Comment, comment);
        if (comment)
            QVERIFY(formatAt(block, hash).fontItalic());
    }

    void spans_are_coloured_by_kind_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("span"); // its last occurrence in line
        QTest::addColumn<Kind>("kind");
        auto row = [](const char *name, const char16_t *line, const char16_t *span, Kind kind) {
            QTest::newRow(name) << QString::fromUtf16(line) << QString::fromUtf16(span) << kind;
        };
        row("statement keyword", u"  wait 500ms", u"wait", Kind::Keyword);
        row("duration in ms", u"wait 500ms", u"500ms", Kind::Duration);
        row("fractional duration", u"wait 1.5s", u"1.5s", Kind::Duration);
        row("relative time mark", u"at +1s", u"+1s", Kind::Duration);
        row("repeat count", u"repeat 4 every 500ms", u"4", Kind::Number);
        row("every in repeat", u"repeat 4 every 500ms", u"every", Kind::Keyword);
        row("every's duration", u"repeat 4 every 500ms", u"500ms", Kind::Duration);
        row("a bad duration stays plain", u"wait 1.2345s", u"1.2345s", Kind::None);
        row("durations only where a duration belongs", u"p> SET ttl 500ms", u"500ms", Kind::None);
        row("a word that starts like a keyword", u"waiting 5s", u"waiting", Kind::None);
        row("client keyword", u"client producer color #1f77b4 role \"web server\"", u"client", Kind::Keyword);
        row("declared name", u"client producer color #1f77b4", u"producer", Kind::Prompt);
        row("color option", u"client producer color #1f77b4", u"color", Kind::Keyword);
        row("color value", u"client producer color #1f77b4", u"#1f77b4", Kind::Number);
        row("role option", u"client p role \"web server\"", u"role", Kind::Keyword);
        row("role text", u"client p role \"web server\"", u"\"web server\"", Kind::String);
        row("prompt", u"producer> LPUSH jobs job-$i", u"producer>", Kind::Prompt);
        row("command name", u"producer> LPUSH jobs job-$i", u"LPUSH", Kind::Command);
        row("plain argument", u"producer> LPUSH jobs job-$i", u"jobs", Kind::None);
        row("counter", u"producer> LPUSH jobs job-$i", u"$i", Kind::Counter);
        row("last counter", u"p> SET k $p", u"$p", Kind::Counter);
        row("$$ is a literal dollar", u"p> SET price $$i", u"$$i", Kind::None);
        row("$ before another letter is literal", u"p> SET price $q", u"$q", Kind::None);
        row("caption", u"say \"Both wait for job $i\"", u"\"Both", Kind::String);
        row("counter inside a caption", u"say \"Both wait for job $i\"", u"$i", Kind::Counter);
        row("section keyword", u"section \"Part 2\"", u"section", Kind::Keyword);
        row("escaped quote stays inside", u"p> SET k \"a \\\" b\" tail", u"b\"", Kind::String);
        row("text after the string", u"p> SET k \"a \\\" b\" tail", u"tail", Kind::None);
        row("single quotes", u"p> SET k 'it\\'s'", u"'it\\'s'", Kind::String);
        row("unbalanced quote runs to the end", u"p> SET k \"oops", u"\"oops", Kind::String);
        row("expected reply prompt", u"expect worker-1> 1) \"jobs\"", u"worker-1>", Kind::Prompt);
        row("array marker", u"expect worker-1> 1) \"jobs\"", u"1)", Kind::Reply);
        row("bulk reply", u"expect worker-1> 1) \"jobs\"", u"\"jobs\"", Kind::String);
        row("continuation", u"...              2) \"job-1\"", u"...", Kind::Reply);
        row("continuation marker", u"...              2) \"job-1\"", u"2)", Kind::Reply);
        row("nested markers", u"expect r> 1) 1) \"1-0\"", u"1) 1)", Kind::Reply);
        row("observer command", u"expect LLEN jobs == (integer) 2", u"LLEN", Kind::Command);
        row("observer ==", u"expect LLEN jobs == (integer) 2", u"==", Kind::Operator);
        row("integer tag", u"expect LLEN jobs == (integer) 2", u"(integer)", Kind::Reply);
        row("integer value", u"expect LLEN jobs == (integer) 2", u"2", Kind::Number);
        row("nil", u"expect p> (nil)", u"(nil)", Kind::Reply);
        row("empty array", u"expect LRANGE q 0 -1 == (empty array)", u"(empty array)", Kind::Reply);
        row("error tag", u"expect GET == (error) ERR wrong number", u"(error)", Kind::Reply);
        row("error text", u"expect GET == (error) ERR wrong number", u"ERR wrong number", Kind::ErrorText);
        row("status reply", u"expect p> OK", u"OK", Kind::None);
        row("== in a command is Redis text", u"p> SET k ==", u"==", Kind::None);
        row("== inside quotes is not the operator", u"expect ECHO \"a==b\" == \"x\"", u"\"a==b\"", Kind::String);
        row("the operator after a quoted ==", u"expect ECHO \"a==b\" == \"x\"", u"==", Kind::Operator);
        row("client state", u"expect worker-1 blocked", u"blocked", Kind::Keyword);
        row("client in a state", u"expect worker-1 idle", u"worker-1", Kind::Prompt);
        row("push", u"expect s push \"message\" \"news\"", u"push", Kind::Keyword);
        row("push values", u"expect s push \"message\" \"news\"", u"\"news\"", Kind::String);
        row("kill", u"kill worker-1", u"kill", Kind::Keyword);
        row("killed client", u"kill worker-1", u"worker-1", Kind::Prompt);
        row("close", u"close worker-1", u"close", Kind::Keyword);
        row("flushall", u"flushall", u"flushall", Kind::Keyword);
        row("pause", u"pause", u"pause", Kind::Keyword);
        row("end", u"  end", u"end", Kind::Keyword);
        row("crash broker", u"crash broker", u"crash broker", Kind::Keyword);
        row("restart broker", u"restart broker", u"restart broker", Kind::Keyword);
        row("a Redis command without a client", u"LPUSH jobs a", u"LPUSH", Kind::None);
    }

    void spans_are_coloured_by_kind()
    {
        QFETCH(QString, line);
        QFETCH(QString, span);
        QFETCH(Kind, kind);
        ScenarioEditor editor;
        editor.setPlainText(line);
        const QTextBlock block = lineOf(editor, 1);
        const int from = static_cast<int>(line.lastIndexOf(span));
        QVERIFY(from >= 0);
        for (int i = from; i < from + span.size(); ++i) {
            const Kind seen = QlsHighlighter::kindAt(block, i);
            if (line[i] != u' ' && !(kind == Kind::String && seen == Kind::Counter)) // counters in strings
                QCOMPARE(seen, kind);
        }
    }

    // Keywords, prompts, strings, durations and counters must look different from each
    // other and stand out from the background, on a light and on a dark palette.
    void kinds_look_different_on_light_and_dark_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light palette") << false;
        QTest::newRow("dark palette") << true;
    }

    void kinds_look_different_on_light_and_dark()
    {
        QFETCH(bool, dark);
        ScenarioEditor editor;
        if (dark)
            editor.setPalette(darkPalette());
        QCOMPARE(editor.highlighter()->isDark(), dark);
        const QString line = QStringLiteral("producer> SET k \"v $i\" # wait 500ms");
        editor.setPlainText(QStringLiteral("wait 500ms\n") + line + QStringLiteral("\n# note"));
        const QColor base = editor.palette().color(QPalette::Base);
        struct Seen {
            Kind kind;
            int line;
            int position;
        };
        const Seen seen[] = {{Kind::Keyword, 1, 0}, {Kind::Duration, 1, 6}, {Kind::Prompt, 2, 0},
            {Kind::Command, 2, 10}, {Kind::String, 2, 16}, {Kind::Counter, 2, 19}, {Kind::Comment, 3, 2}};
        QSet<QString> appearances;
        for (const Seen &s : seen) {
            const QTextBlock block = lineOf(editor, s.line);
            QCOMPARE(QlsHighlighter::kindAt(block, s.position), s.kind);
            const QTextCharFormat f = formatAt(block, s.position);
            QVERIFY2(contrast(f.foreground().color(), base) >= 70,
                qPrintable(looks(f) + QStringLiteral(" on ") + base.name()));
            appearances.insert(looks(f));
        }
        QCOMPARE(appearances.size(), static_cast<qsizetype>(std::size(seen)));
        // A # in a command line is ordinary text in the text colour.
        QCOMPARE(formatAt(lineOf(editor, 2), 23).foreground().style(), Qt::NoBrush);
    }

    void a_prompt_takes_its_declared_colour()
    {
        ScenarioEditor editor;
        editor.setPlainText(
            QStringLiteral("client producer color #1f77b4\nclient other\n\nproducer> PING\nother> PING"));
        auto promptColor = [&](int line) { return formatAt(lineOf(editor, line), 0).foreground().color(); };
        const QColor text = editor.palette().color(QPalette::Text);
        QCOMPARE(promptColor(4), QlsHighlighter::readable(QColor(0x1f, 0x77, 0xb4), false));
        QCOMPARE(formatAt(lineOf(editor, 1), 7).foreground().color(), promptColor(4)); // the declared name too
        QCOMPARE(promptColor(5), text);
        QVERIFY(formatAt(lineOf(editor, 4), 0).fontWeight() > QFont::Normal);
        // On a tint of its colour, so that a red client does not pass for a keyword.
        QCOMPARE(formatAt(lineOf(editor, 4), 0).background().color().rgb(), QColor(0x1f, 0x77, 0xb4).rgb());
        QCOMPARE(formatAt(lineOf(editor, 5), 0).background().style(), Qt::NoBrush);

        // Changing the declaration recolours the lines below it.
        editLine(editor, 1, QStringLiteral("client producer color #d62728"));
        QCOMPARE(promptColor(4), QlsHighlighter::readable(QColor(0xd6, 0x27, 0x28), false));
        editLine(editor, 1, QStringLiteral("# no declaration"));
        QCOMPARE(promptColor(4), text);

        // On a dark palette the same colour is lightened to stay readable.
        const QColor dark = QlsHighlighter::readable(QColor(0x1f, 0x77, 0xb4), true);
        QVERIFY(contrast(dark, darkPalette().color(QPalette::Base)) >= 70);
    }

    void current_line_is_one_full_width_selection()
    {
        ScenarioEditor editor;
        editor.setPlainText(kSample);
        editor.setCurrentLine(8);
        QCOMPARE(editor.currentLine(), 8);
        QList<QTextEdit::ExtraSelection> lines = fullWidth(editor);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].cursor.blockNumber(), 7);
        QVERIFY(lines[0].format.background().color() != editor.palette().color(QPalette::Base));
        editor.setCurrentLine(10);
        lines = fullWidth(editor);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].cursor.blockNumber(), 9);
        editor.setCurrentLine(0);
        QVERIFY(fullWidth(editor).isEmpty());
        editor.setCurrentLine(10000); // past the end: none
        QCOMPARE(editor.currentLine(), 0);
        QVERIFY(fullWidth(editor).isEmpty());
    }

    void current_line_scrolls_into_view()
    {
        ScenarioEditor editor;
        QStringList lines;
        for (int i = 1; i <= 400; ++i)
            lines.append(QStringLiteral("p> RPUSH jobs job-%1").arg(i));
        editor.setPlainText(lines.join(u'\n'));
        editor.resize(500, 300);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto visible = [&](int line) {
            const QRect r = editor.cursorRect(QTextCursor(lineOf(editor, line)));
            return r.top() >= 0 && r.bottom() <= editor.viewport()->height();
        };
        QVERIFY(!visible(300));
        editor.setCurrentLine(300);
        QVERIFY(visible(300));
        const int scrolled = editor.verticalScrollBar()->value();
        editor.setCurrentLine(301); // already visible: no jump
        QCOMPARE(editor.verticalScrollBar()->value(), scrolled);
        editor.setCurrentLine(2);
        QVERIFY(visible(2));
    }

    void marks_are_reported()
    {
        ScenarioEditor editor;
        editor.setPlainText(kSample);
        editor.setMark(9, true, QStringLiteral("worker-1 is blocked"));
        editor.setMark(17, false, QStringLiteral("expected \"jobs\", got (nil)"));
        QCOMPARE(editor.markAt(9), std::optional<bool>(true));
        QCOMPARE(editor.markAt(17), std::optional<bool>(false));
        QCOMPARE(editor.markAt(10), std::optional<bool>());
        QCOMPARE(editor.markToolTip(17), QStringLiteral("expected \"jobs\", got (nil)"));
        // Hovering the gutter next to a mark explains it.
        editor.resize(600, 500);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const QRect row17 = editor.cursorRect(QTextCursor(lineOf(editor, 17)));
        const QPoint inGutter(4, editor.viewport()->mapTo(&editor, row17.center()).y());
        QWidget *gutter = editor.childAt(inGutter);
        QVERIFY(gutter && gutter != editor.viewport());
        const QPoint at = gutter->mapFrom(&editor, inGutter);
        QHelpEvent help(QEvent::ToolTip, at, gutter->mapToGlobal(at));
        QApplication::sendEvent(gutter, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), QStringLiteral("expected \"jobs\", got (nil)"));
        QToolTip::hideText();

        editor.setMark(9, false, QStringLiteral("now failed")); // replaces
        QCOMPARE(editor.markAt(9), std::optional<bool>(false));
        editor.setMark(1000, true, QString()); // no such line
        QCOMPARE(editor.markAt(1000), std::optional<bool>());
        editor.clearMarks();
        QCOMPARE(editor.markAt(9), std::optional<bool>());
        QCOMPARE(editor.markAt(17), std::optional<bool>());
    }

    void errors_underline_and_explain_their_line()
    {
        ScenarioEditor editor;
        editor.setPlainText(kSample);
        const QString message = QStringLiteral("unknown statement 'wiat'; did you mean 'wait'?");
        editor.setErrors({{16, 1, message}, {10, 5, QStringLiteral("first")}, {10, 7, QStringLiteral("second")}});
        QCOMPARE(editor.errorToolTip(16), message);
        QCOMPARE(editor.errorToolTip(10), QStringLiteral("first\nsecond"));
        QCOMPARE(editor.errorToolTip(15), QString());
        const QList<QTextEdit::ExtraSelection> waves = underlines(editor);
        QCOMPARE(waves.size(), 3);
        const QTextBlock wiat = lineOf(editor, 16);
        QCOMPARE(waves[0].cursor.selectionStart(), wiat.position());
        QCOMPARE(waves[0].cursor.selectionEnd(), wiat.position() + wiat.length() - 1);
        QCOMPARE(waves[1].cursor.selectionStart(), lineOf(editor, 10).position() + 4);
        QVERIFY(waves[0].format.underlineColor().red() > 150);

        // Hovering the line shows the message.
        editor.resize(700, 500);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto hover = [&](int line) {
            QTextCursor c(lineOf(editor, line));
            c.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, 2);
            const QPoint at = editor.cursorRect(c).center();
            QHelpEvent help(QEvent::ToolTip, at, editor.viewport()->mapToGlobal(at));
            QApplication::sendEvent(editor.viewport(), &help);
        };
        hover(16);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), message);
        hover(15);
        QTRY_VERIFY(!QToolTip::isVisible());

        editor.clearErrors();
        QVERIFY(underlines(editor).isEmpty());
        QCOMPARE(editor.errorToolTip(16), QString());
    }

    void error_columns_count_characters_and_past_the_end_marks_the_last()
    {
        ScenarioEditor editor;
        // U+1F600 takes two QChars but is one column.
        editor.setPlainText(QString::fromUtf16(u"say \"\U0001F600\" oops\nwait"));
        editor.setErrors({{1, 9, QStringLiteral("text after the caption")},
            {2, 5, QStringLiteral("missing duration (write e.g. 500ms, 2s or 1.5s)")}});
        const QList<QTextEdit::ExtraSelection> waves = underlines(editor);
        QCOMPARE(waves.size(), 2);
        QCOMPARE(waves[0].cursor.selectedText(), QStringLiteral("oops"));
        QCOMPARE(waves[1].cursor.selectedText(), QStringLiteral("t"));
    }

    void marks_and_errors_follow_edits()
    {
        ScenarioEditor editor;
        editor.setPlainText(QStringLiteral("l1\nl2\nl3\nl4\nl5\nl6\nl7"));
        editor.setMark(2, true, QStringLiteral("two"));
        editor.setMark(4, false, QStringLiteral("four"));
        editor.setMark(6, true, QStringLiteral("six"));
        editor.setErrors({{5, 1, QStringLiteral("five")}});
        editor.setCurrentLine(7);

        // Rehighlighting (a palette change) is no edit.
        editor.highlighter()->rehighlight();
        QCOMPARE(editor.markAt(2), std::optional<bool>(true));

        // A line inserted above moves everything below it.
        QTextCursor top(editor.document());
        top.insertText(QStringLiteral("new\n"));
        QCOMPARE(editor.markAt(2), std::optional<bool>());
        QCOMPARE(editor.markAt(3), std::optional<bool>(true));
        QCOMPARE(editor.markAt(5), std::optional<bool>(false));
        QCOMPARE(editor.markAt(7), std::optional<bool>(true));
        QCOMPARE(editor.errorToolTip(6), QStringLiteral("five"));
        QCOMPARE(editor.currentLine(), 8);
        QCOMPARE(underlines(editor).size(), 1);
        QCOMPARE(underlines(editor)[0].cursor.blockNumber(), 5);

        // A new line after a marked line leaves it where it is.
        QTextCursor end(lineOf(editor, 3));
        end.movePosition(QTextCursor::EndOfBlock);
        end.insertText(QStringLiteral("\nadded"));
        QCOMPARE(editor.markAt(3), std::optional<bool>(true));
        QCOMPARE(editor.markAt(6), std::optional<bool>(false));

        // Editing a marked line drops its (stale) mark; the others stay.
        editLine(editor, 6, QStringLiteral("l4 changed"));
        QCOMPARE(editor.markAt(6), std::optional<bool>());
        QCOMPARE(editor.markAt(3), std::optional<bool>(true));
        QCOMPARE(editor.markAt(8), std::optional<bool>(true));

        // Removing whole lines moves the lines below them up.
        QTextCursor cut(lineOf(editor, 1));
        cut.setPosition(lineOf(editor, 3).position(), QTextCursor::KeepAnchor);
        cut.removeSelectedText(); // "new" and "l1"
        QCOMPARE(editor.markAt(1), std::optional<bool>(true)); // l2
        QCOMPARE(editor.markAt(6), std::optional<bool>(true)); // l6
        QCOMPARE(editor.errorToolTip(5), QStringLiteral("five"));
        QCOMPARE(editor.currentLine(), 7);
        QCOMPARE(lineOf(editor, 7).text(), QStringLiteral("l7"));

        // New text replaces everything.
        editor.setPlainText(QStringLiteral("a\nb"));
        QCOMPARE(editor.markAt(1), std::optional<bool>());
        QCOMPARE(editor.errors().size(), 0);
    }

    void typing_moves_marks_with_their_lines()
    {
        ScenarioEditor editor;
        editor.setPlainText(QStringLiteral("wait 1s\nexpect p idle\nwait 2s\nexpect p blocked"));
        editor.setMark(2, true, QStringLiteral("idle"));
        editor.setMark(4, false, QStringLiteral("not blocked"));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.setTextCursor(QTextCursor(lineOf(editor, 2)));
        QTest::keyClick(&editor, Qt::Key_Return); // a new line above line 2
        QCOMPARE(editor.markAt(2), std::optional<bool>());
        QCOMPARE(editor.markAt(3), std::optional<bool>(true));
        QCOMPARE(editor.markAt(5), std::optional<bool>(false));
        QTest::keyClick(&editor, Qt::Key_End);
        QTest::keyClick(&editor, Qt::Key_Return); // a new line below it
        QCOMPARE(editor.markAt(3), std::optional<bool>(true));
        QCOMPARE(editor.markAt(6), std::optional<bool>(false));
        editor.setPalette(darkPalette()); // recolours, edits nothing
        QCOMPARE(editor.markAt(3), std::optional<bool>(true));
        QTest::keyClick(&editor, Qt::Key_Up);
        QTest::keyClicks(&editor, QStringLiteral(" x")); // edits line 3: its result is stale
        QCOMPARE(editor.markAt(3), std::optional<bool>());
        QCOMPARE(editor.markAt(6), std::optional<bool>(false));
        QTest::keyClick(&editor, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(editor.text(), QStringLiteral("wait 1s\n\nexpect p idle\n\nwait 2s\nexpect p blocked"));
        QCOMPARE(editor.markAt(6), std::optional<bool>(false));
    }

    void tabs_are_four_spaces()
    {
        ScenarioEditor editor;
        QCOMPARE(editor.tabStopDistance(), QFontMetricsF(editor.font()).horizontalAdvance(QLatin1Char(' ')) * 4);
        QCOMPARE(editor.font().family(), QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
        QFont larger = editor.font();
        larger.setPointSizeF(larger.pointSizeF() > 0 ? larger.pointSizeF() * 1.5 : 15);
        editor.setFont(larger);
        QCOMPARE(editor.tabStopDistance(), QFontMetricsF(editor.font()).horizontalAdvance(QLatin1Char(' ')) * 4);
    }

    void the_gutter_grows_with_the_line_count()
    {
        ScenarioEditor editor;
        editor.setPlainText(QStringLiteral("wait 1s"));
        const int narrow = editor.gutterWidth();
        editor.setPlainText(QString(QStringLiteral("wait 1s\n")).repeated(12000));
        QVERIFY(editor.gutterWidth() > narrow);
        QVERIFY(editor.viewport()->geometry().left() >= editor.gutterWidth());
    }

    void a_100k_line_file_highlights()
    {
        QStringList lines;
        lines.reserve(100000);
        const QStringList pattern = kSample.split(u'\n');
        while (lines.size() < 100000)
            lines.append(pattern[lines.size() % pattern.size()]);
        lines.last() = QStringLiteral("expect LLEN jobs == (integer) $i");
        ScenarioEditor editor;
        editor.resize(800, 600);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QElapsedTimer timer;
        timer.start();
        editor.setPlainText(lines.join(u'\n'));
        QCoreApplication::processEvents();
        qInfo("100,000 lines highlighted in %lld ms", static_cast<long long>(timer.elapsed()));
        QCOMPARE(editor.blockCount(), 100000);
        const QTextBlock last = lineOf(editor, 100000);
        QCOMPARE(QlsHighlighter::kindAt(last, 0), Kind::Keyword);
        QCOMPARE(QlsHighlighter::kindAt(last, 31), Kind::Counter);
        editor.setCurrentLine(99999);
        editor.setMark(99999, true, QStringLiteral("ok"));
        editor.setErrors({{100000, 1, QStringLiteral("late")}});
        QCOMPARE(underlines(editor).size(), 1);
        QVERIFY(!editor.grab().isNull());
    }

    void renders_readably_in_light_and_dark_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void renders_readably_in_light_and_dark()
    {
        QFETCH(bool, dark);
        ScenarioEditor editor;
        if (dark)
            editor.setPalette(darkPalette());
        editor.resize(760, 520);
        editor.setPlainText(kSample);
        editor.setMark(9, true, QStringLiteral("worker-1 is blocked"));
        editor.setMark(17, false, QStringLiteral("expected \"jobs\", got (nil)"));
        editor.setMark(19, true, QStringLiteral("(integer) 2"));
        editor.setErrors({{16, 1, QStringLiteral("unknown statement 'wiat'; did you mean 'wait'?")}});
        editor.setCurrentLine(14);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const QImage shot = editor.grab().toImage();
        const QString dir = qEnvironmentVariable("QUEUELAB_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            shot.save(QDir(dir).filePath(
                dark ? QStringLiteral("scenario-editor-dark.png") : QStringLiteral("scenario-editor-light.png")));

        // The row of `line`, in the grabbed image.
        auto row = [&](int line) {
            const QRect r = editor.cursorRect(QTextCursor(lineOf(editor, line)));
            return QRect(editor.viewport()->mapTo(&editor, r.topLeft()), r.size());
        };
        auto count = [&](QRect area, auto &&test) {
            int n = 0;
            for (int y = area.top(); y <= area.bottom(); ++y)
                for (int x = area.left(); x <= area.right(); ++x)
                    n += test(shot.pixelColor(x, y));
            return n;
        };
        const QRect gutter(0, 0, editor.gutterWidth(), editor.height());
        auto inGutter
            = [&](int line) { return QRect(gutter.left(), row(line).top(), gutter.width(), row(line).height()); };
        auto green = [](QColor c) { return c.green() > c.red() + 50 && c.green() > c.blue() + 30; };
        auto red = [](QColor c) { return c.red() > c.green() + 80 && c.red() > c.blue() + 60; };
        QVERIFY(count(inGutter(9), green) > 4);
        QVERIFY(count(inGutter(17), red) > 4);
        QCOMPARE(count(inGutter(10), green), 0);

        // The current line's band runs to the right edge; other lines show the base colour.
        const QColor base = editor.palette().color(QPalette::Base);
        const int right = editor.viewport()->mapTo(&editor, QPoint(editor.viewport()->width() - 3, 0)).x();
        QVERIFY(shot.pixelColor(right, row(14).center().y()) != base);
        QCOMPARE(shot.pixelColor(right, row(12).center().y()), base);

        // Text stands out from the background in both palettes.
        auto text = [&](QColor c) { return contrast(c, base) > 90; };
        QVERIFY(count(row(7).adjusted(0, 0, 200, 0), text) > 30);
        // The wavy underline under 'wiat 100ms' is red.
        QVERIFY(count(row(16).adjusted(0, row(16).height() - 4, 80, 2), red) > 4);
    }
};

QTEST_MAIN(TestScenarioEditor)
#include "tst_scenario_editor.moc"

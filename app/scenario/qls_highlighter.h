// Syntax colours for scenario files (.qls, grammar in core/scenario/scenario_parser.h).
//
// Each line is coloured on its own, the way the parser reads it: a comment is a line whose
// first non-blank character is `#` (a `#` anywhere else is Redis text); a statement starts
// with a keyword or with a client prompt `NAME>`; durations are coloured only where a
// duration belongs (wait, at, every), so `SET ttl 500ms` stays plain; expected replies
// are coloured in redis-cli notation after `expect NAME>`, after `==` and on `...` lines.
//
// A prompt takes its client's colour, on a tint of it, when the client was declared above
// it with `color #rrggbb`. The declarations seen so far travel from line to line as the block
// state (an index into interned sets of declarations), so editing a declaration recolours
// the lines below it and only those.
//
// Every format carries its Kind in kKindProperty: tests and tools can ask what a character
// was coloured as (kindAt) without comparing colours.
#pragma once

#include <QColor>
#include <QHash>
#include <QList>
#include <QPalette>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

class QTextBlock;

namespace ql {

class QlsHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Kind {
        None, // plain text
        Comment,
        Keyword, // statement keywords, client options (color, role), push/blocked/idle
        Prompt, // a client: `NAME>` and the NAME in client, kill, close and expect lines
        Command, // the Redis command name after a prompt or in an observer expectation
        String, // "..." and '...'
        Duration, // 500ms, 1.5s, +1s
        Number, // repeat counts, the integer of (integer) N, #rrggbb
        Counter, // $i ... $p
        Reply, // (integer) (nil) (error) (empty array), N) markers, `...`
        ErrorText, // the message after (error)
        Operator, // the == of an observer expectation
    };
    Q_ENUM(Kind)
    static constexpr int kKindCount = static_cast<int>(Kind::Operator) + 1;
    static constexpr int kKindProperty = QTextFormat::UserProperty + 0x71;

    explicit QlsHighlighter(QTextDocument *document);

    // Picks the light or dark colour set from the palette's base colour; rehighlights
    // when the choice or the text colour changed.
    void setPalette(const QPalette &palette);
    bool isDark() const { return m_dark; }
    QTextCharFormat format(Kind kind) const { return m_formats[static_cast<std::size_t>(kind)]; }
    // The kind `block` shows at `position` (a QString index inside the block).
    static Kind kindAt(const QTextBlock &block, int position);
    // `color` made readable as text on a light or a dark background (same hue).
    static QColor readable(const QColor &color, bool dark);

protected:
    void highlightBlock(const QString &text) override;

private:
    using ClientColors = QHash<QString, QColor>;

    void buildFormats();
    int skipBlanks(int pos) const;
    int wordEnd(int pos) const;
    int nameEnd(int pos) const;
    bool promptAt(int pos, int &stop) const;
    int quoteEnd(int pos) const;
    void mark(int start, int end, Kind kind);
    void markClient(int start, int end, const QString &name);
    void statement(int start);
    void clientStatement(int pos);
    void expectStatement(int pos);
    void command(int pos, int end);
    void arguments(int pos, int end);
    void counters(int pos, int end);
    void duration(int pos, bool allowPlus);
    void reply(int pos);
    int declare(int set, const QString &name, const QColor &color);

    std::array<QTextCharFormat, kKindCount> m_formats;
    bool m_dark = false;
    QColor m_text;
    // Interned sets of client colours; a block's state is the index of the set declared
    // above and on it (0: none).
    QList<ClientColors> m_clientSets {ClientColors {}};
    QHash<QString, int> m_clientSetIndex;
    // The line being highlighted.
    QString m_line;
    int m_clients = 0;
};

} // namespace ql

#include "qls_highlighter.h"

#include <QGuiApplication>
#include <QTextBlock>
#include <QTextLayout>

#include <algorithm>

namespace ql {

namespace {

constexpr QStringView kKeywords[] = {u"client", u"wait", u"at", u"every", u"repeat", u"end", u"say", u"section",
    u"pause", u"expect", u"kill", u"close", u"flushall", u"crash", u"restart"};

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t';
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// Client names: letters, digits, '_', '-' and '.' (as the parser accepts them).
bool isNameChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || isDigit(c) || c == u'_' || c == u'-' || c == u'.';
}

bool isQuote(QChar c)
{
    return c == u'"' || c == u'\'';
}

bool isKeyword(QStringView word)
{
    return std::find(std::begin(kKeywords), std::end(kKeywords), word) != std::end(kKeywords);
}

bool isColor(QStringView word)
{
    if (word.size() != 7 || word[0] != u'#')
        return false;
    return std::all_of(word.begin() + 1, word.end(),
        [](QChar c) { return isDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F'); });
}

// DURATION: digits with `ms`, or digits with up to three decimals and `s`.
bool isDuration(QStringView word)
{
    qsizetype i = 0;
    while (i < word.size() && isDigit(word[i]))
        ++i;
    if (i == 0)
        return false;
    if (word.mid(i) == u"ms")
        return true;
    if (i < word.size() && word[i] == u'.') {
        const qsizetype fraction = ++i;
        while (i < word.size() && isDigit(word[i]))
            ++i;
        if (i == fraction || i - fraction > 3)
            return false;
    }
    return word.mid(i) == u"s";
}

struct Colors {
    QColor comment, keyword, command, string, constant, counter, reply, errorText;
};

// GitHub's light and dark code colours: tested for contrast on white and on #0d1117.
const Colors kLight {QColor(0x6e, 0x77, 0x81), QColor(0xcf, 0x22, 0x2e), QColor(0x82, 0x50, 0xdf),
    QColor(0x0a, 0x30, 0x69), QColor(0x05, 0x50, 0xae), QColor(0x95, 0x38, 0x00), QColor(0x11, 0x63, 0x29),
    QColor(0x82, 0x07, 0x1e)};
const Colors kDark {QColor(0x8b, 0x94, 0x9e), QColor(0xff, 0x7b, 0x72), QColor(0xd2, 0xa8, 0xff),
    QColor(0xa5, 0xd6, 0xff), QColor(0x79, 0xc0, 0xff), QColor(0xff, 0xa6, 0x57), QColor(0x7e, 0xe7, 0x87),
    QColor(0xff, 0xa1, 0x98)};

} // namespace

QlsHighlighter::QlsHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    const QPalette palette = QGuiApplication::palette();
    m_dark = palette.color(QPalette::Base).lightness() < 128;
    m_text = palette.color(QPalette::Text);
    buildFormats();
}

void QlsHighlighter::setPalette(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    const QColor text = palette.color(QPalette::Text);
    if (dark == m_dark && text == m_text)
        return;
    m_dark = dark;
    m_text = text;
    buildFormats();
    rehighlight();
}

void QlsHighlighter::buildFormats()
{
    const Colors &c = m_dark ? kDark : kLight;
    auto make = [this](Kind kind, const QColor &color, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setProperty(kKindProperty, static_cast<int>(kind));
        if (color.isValid())
            f.setForeground(color);
        if (bold)
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
        m_formats[static_cast<std::size_t>(kind)] = f;
    };
    make(Kind::None, QColor());
    make(Kind::Comment, c.comment, false, true);
    make(Kind::Keyword, c.keyword, true);
    make(Kind::Prompt, m_text, true);
    make(Kind::Command, c.command);
    make(Kind::String, c.string);
    make(Kind::Duration, c.constant);
    make(Kind::Number, c.constant);
    make(Kind::Counter, c.counter, true);
    make(Kind::Reply, c.reply);
    make(Kind::ErrorText, c.errorText);
    make(Kind::Operator, c.keyword, true);
}

QlsHighlighter::Kind QlsHighlighter::kindAt(const QTextBlock &block, int position)
{
    const QTextLayout *layout = block.layout();
    if (!layout)
        return Kind::None;
    const QList<QTextLayout::FormatRange> ranges = layout->formats();
    for (const QTextLayout::FormatRange &r : ranges) {
        if (position >= r.start && position < r.start + r.length && r.format.hasProperty(kKindProperty))
            return static_cast<Kind>(r.format.intProperty(kKindProperty));
    }
    return Kind::None;
}

QColor QlsHighlighter::readable(const QColor &color, bool dark)
{
    float h = 0, s = 0, l = 0, a = 0;
    color.getHslF(&h, &s, &l, &a);
    l = dark ? std::max(l, 0.66f) : std::min(l, 0.40f);
    return QColor::fromHslF(h, s, l);
}

void QlsHighlighter::highlightBlock(const QString &text)
{
    m_line = text;
    m_clients = std::clamp(previousBlockState(), 0, static_cast<int>(m_clientSets.size()) - 1);
    int start = 0;
    while (start < text.size() && isBlank(text[start]))
        ++start;
    if (start < text.size()) {
        const QStringView rest = QStringView(text).mid(start);
        if (rest[0] == u'#') {
            mark(start, static_cast<int>(text.size()), Kind::Comment);
        } else if (rest.startsWith(u"...") && (rest.size() == 3 || isBlank(rest[3]))) {
            mark(start, start + 3, Kind::Reply);
            reply(start + 3);
        } else {
            statement(start);
        }
    }
    setCurrentBlockState(m_clients);
    m_line.clear();
}

// ---- the pieces of a line; positions index m_line ----

int QlsHighlighter::skipBlanks(int pos) const
{
    while (pos < m_line.size() && isBlank(m_line[pos]))
        ++pos;
    return pos;
}

int QlsHighlighter::wordEnd(int pos) const
{
    while (pos < m_line.size() && !isBlank(m_line[pos]))
        ++pos;
    return pos;
}

int QlsHighlighter::nameEnd(int pos) const
{
    while (pos < m_line.size() && isNameChar(m_line[pos]))
        ++pos;
    return pos;
}

bool QlsHighlighter::promptAt(int pos, int &stop) const
{
    stop = nameEnd(pos);
    return stop > pos && stop < m_line.size() && m_line[stop] == u'>';
}

int QlsHighlighter::quoteEnd(int pos) const
{
    // redis-cli: "..." knows backslash escapes; '...' only \'.
    const QChar quote = m_line[pos];
    int i = pos + 1;
    while (i < m_line.size()) {
        const QChar c = m_line[i];
        if (c == u'\\' && i + 1 < m_line.size() && (quote == u'"' || m_line[i + 1] == u'\''))
            i += 2;
        else if (c == quote)
            return i + 1;
        else
            ++i;
    }
    return i; // unbalanced: the rest of the line
}

void QlsHighlighter::mark(int start, int end, Kind kind)
{
    if (end > start)
        setFormat(start, end - start, m_formats[static_cast<std::size_t>(kind)]);
}

void QlsHighlighter::markClient(int start, int end, const QString &name)
{
    QTextCharFormat f = m_formats[static_cast<std::size_t>(Kind::Prompt)];
    const QColor color = m_clientSets[m_clients].value(name);
    if (color.isValid()) {
        // A tint behind the name, as on the scene's cards: a red client is no keyword.
        QColor tint = color;
        tint.setAlphaF(m_dark ? 0.30f : 0.14f);
        f.setForeground(readable(color, m_dark));
        f.setBackground(tint);
    }
    if (end > start)
        setFormat(start, end - start, f);
}

void QlsHighlighter::statement(int start)
{
    int stop = 0;
    if (promptAt(start, stop)) {
        markClient(start, stop + 1, m_line.mid(start, stop - start));
        command(stop + 1, static_cast<int>(m_line.size()));
        return;
    }
    stop = wordEnd(start);
    const QStringView word = QStringView(m_line).mid(start, stop - start);
    if (!isKeyword(word)) {
        arguments(start, static_cast<int>(m_line.size())); // the parser reports it
        return;
    }
    mark(start, stop, Kind::Keyword);
    const int rest = skipBlanks(stop);
    if (word == u"client") {
        clientStatement(rest);
    } else if (word == u"wait" || word == u"every") {
        duration(rest, false);
    } else if (word == u"at") {
        duration(rest, true);
    } else if (word == u"repeat") {
        const int countEnd = wordEnd(rest);
        const QStringView count = QStringView(m_line).mid(rest, countEnd - rest);
        if (!count.isEmpty() && std::all_of(count.begin(), count.end(), isDigit))
            mark(rest, countEnd, Kind::Number);
        const int every = skipBlanks(countEnd);
        const int everyEnd = wordEnd(every);
        if (QStringView(m_line).mid(every, everyEnd - every) == u"every") {
            mark(every, everyEnd, Kind::Keyword);
            duration(skipBlanks(everyEnd), false);
        }
    } else if (word == u"kill" || word == u"close") {
        const int nameStop = wordEnd(rest);
        markClient(rest, nameStop, m_line.mid(rest, nameStop - rest));
    } else if (word == u"crash" || word == u"restart") {
        const int end = wordEnd(rest);
        if (QStringView(m_line).mid(rest, end - rest) == u"broker")
            mark(rest, end, Kind::Keyword);
    } else if (word == u"expect") {
        expectStatement(rest);
    } else {
        arguments(rest, static_cast<int>(m_line.size())); // say, section: the quoted text
    }
}

void QlsHighlighter::clientStatement(int pos)
{
    const int nameStop = wordEnd(pos);
    const QString name = m_line.mid(pos, nameStop - pos);
    QColor color;
    int p = skipBlanks(nameStop);
    while (p < m_line.size()) {
        const int stop = wordEnd(p);
        const QStringView option = QStringView(m_line).mid(p, stop - p);
        const int value = skipBlanks(stop);
        if (option == u"color" || option == u"role") {
            mark(p, stop, Kind::Keyword);
            int valueEnd = wordEnd(value);
            if (option == u"color" && isColor(QStringView(m_line).mid(value, valueEnd - value))) {
                color = QColor(m_line.mid(value, 7));
                mark(value, valueEnd, Kind::Number);
            } else if (value < m_line.size() && isQuote(m_line[value])) {
                valueEnd = quoteEnd(value);
                arguments(value, valueEnd);
            }
            p = skipBlanks(valueEnd);
        } else {
            arguments(p, stop);
            p = value;
        }
    }
    if (color.isValid() && !name.isEmpty())
        m_clients = declare(m_clients, name, color);
    markClient(pos, nameStop, name); // in the colour it was just given
}

void QlsHighlighter::expectStatement(int pos)
{
    int stop = 0;
    if (promptAt(pos, stop)) { // expect NAME> REPLY
        markClient(pos, stop + 1, m_line.mid(pos, stop - pos));
        reply(stop + 1);
        return;
    }
    const int firstEnd = wordEnd(pos);
    const int second = skipBlanks(firstEnd);
    const int secondEnd = wordEnd(second);
    const QStringView state = QStringView(m_line).mid(second, secondEnd - second);
    if (nameEnd(pos) == firstEnd && (state == u"push" || state == u"blocked" || state == u"idle")) {
        markClient(pos, firstEnd, m_line.mid(pos, firstEnd - pos));
        mark(second, secondEnd, Kind::Keyword);
        arguments(secondEnd, static_cast<int>(m_line.size())); // the push's values
        return;
    }
    // expect COMMAND ARG... == REPLY: the first == outside quotes.
    int i = pos;
    while (i < m_line.size() && !(m_line[i] == u'=' && i + 1 < m_line.size() && m_line[i + 1] == u'='))
        i = isQuote(m_line[i]) ? quoteEnd(i) : i + 1;
    command(pos, i);
    if (i < m_line.size()) {
        mark(i, i + 2, Kind::Operator);
        reply(i + 2);
    }
}

void QlsHighlighter::command(int pos, int end)
{
    const int start = skipBlanks(pos);
    if (start < end && !isQuote(m_line[start]))
        mark(start, std::min(wordEnd(start), end), Kind::Command);
    arguments(start, end);
}

void QlsHighlighter::arguments(int pos, int end)
{
    for (int i = pos; i < end;) {
        if (isQuote(m_line[i])) {
            const int stop = std::min(quoteEnd(i), end);
            mark(i, stop, Kind::String);
            i = stop;
        } else {
            ++i;
        }
    }
    counters(pos, end);
}

void QlsHighlighter::counters(int pos, int end)
{
    for (int i = pos; i + 1 < end;) {
        if (m_line[i] != u'$') {
            ++i;
        } else if (m_line[i + 1] == u'$') {
            i += 2; // $$ is a literal $
        } else if (m_line[i + 1] >= u'i' && m_line[i + 1] <= u'p') {
            mark(i, i + 2, Kind::Counter);
            i += 2;
        } else {
            ++i;
        }
    }
}

void QlsHighlighter::duration(int pos, bool allowPlus)
{
    const int end = wordEnd(pos);
    const int digits = allowPlus && pos < end && m_line[pos] == u'+' ? pos + 1 : pos;
    if (isDuration(QStringView(m_line).mid(digits, end - digits)))
        mark(pos, end, Kind::Duration);
}

// A reply in redis-cli notation: N) markers (nested arrays put several on a line), then
// (integer) N, (nil), (empty array), (error) TEXT, "bulk" or status text.
void QlsHighlighter::reply(int pos)
{
    const int size = static_cast<int>(m_line.size());
    int p = skipBlanks(pos);
    for (;;) {
        int digits = p;
        while (digits < size && isDigit(m_line[digits]))
            ++digits;
        if (digits == p || digits == size || m_line[digits] != u')')
            break;
        mark(p, digits + 1, Kind::Reply);
        p = skipBlanks(digits + 1);
    }
    const QStringView rest = QStringView(m_line).mid(p);
    auto tag = [&](QStringView text) {
        if (!rest.startsWith(text))
            return false;
        mark(p, p + static_cast<int>(text.size()), Kind::Reply);
        p += static_cast<int>(text.size());
        return true;
    };
    if (tag(u"(integer)")) {
        const int value = skipBlanks(p);
        mark(value, wordEnd(value), Kind::Number);
        counters(value, size);
    } else if (tag(u"(error)")) {
        mark(p, size, Kind::ErrorText);
        counters(p, size);
    } else {
        if (!tag(u"(nil)"))
            tag(u"(empty array)");
        arguments(p, size); // "bulk", status text, or what the parser will reject
    }
}

int QlsHighlighter::declare(int set, const QString &name, const QColor &color)
{
    if (m_clientSets[set].value(name) == color)
        return set; // declared again, the same: nothing changes
    const QString key = QString::number(set) + u'/' + name + u'/' + color.name();
    const auto found = m_clientSetIndex.constFind(key);
    if (found != m_clientSetIndex.constEnd())
        return *found;
    ClientColors colors = m_clientSets[set];
    colors.insert(name, color);
    m_clientSets.append(colors);
    const int index = static_cast<int>(m_clientSets.size()) - 1;
    m_clientSetIndex.insert(key, index);
    return index;
}

} // namespace ql

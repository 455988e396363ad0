// How the Inspector writes values (see the header).
#include "inspector_format.h"

#include <QCoreApplication>

namespace ql {

namespace {

QString escapedByte(unsigned char c)
{
    switch (c) {
    case '\n': return QStringLiteral("\\n");
    case '\r': return QStringLiteral("\\r");
    case '\t': return QStringLiteral("\\t");
    case '\a': return QStringLiteral("\\a");
    case '\b': return QStringLiteral("\\b");
    default: return QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
    }
}

// Length of the valid UTF-8 sequence starting at s[i] (0 when it is not one).
std::size_t utf8Length(const std::string &s, std::size_t i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size())
        return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2)
            return 0;
    return n;
}

QString decode(const std::string &bytes, bool keepLines)
{
    QString out;
    out.reserve(static_cast<qsizetype>(bytes.size()));
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        const std::size_t n = utf8Length(bytes, i);
        if (n == 0) {
            out += escapedByte(c);
            ++i;
        } else if (n == 1 && (c < 0x20 || c == 0x7F)) {
            if (keepLines && (c == '\n' || c == '\t'))
                out += QLatin1Char(static_cast<char>(c));
            else
                out += escapedByte(c);
            ++i;
        } else {
            out += QString::fromUtf8(bytes.data() + i, static_cast<qsizetype>(n));
            i += n;
        }
    }
    return out;
}

} // namespace

QString printable(const std::string &bytes)
{
    return decode(bytes, false);
}

QString fullText(const std::string &bytes, int maxChars)
{
    QString s = decode(bytes, true);
    if (s.size() > maxChars) {
        s.truncate(maxChars);
        s += QStringLiteral("...");
    }
    return s;
}

QString secondsText(std::int64_t ms)
{
    if (ms < 0)
        ms = 0;
    return QStringLiteral("%1 s").arg(static_cast<double>(ms) / 1000.0, 0, 'f', 1);
}

QString fieldsText(const std::vector<std::string> &fieldsValues)
{
    QString out;
    for (std::size_t i = 0; i + 1 < fieldsValues.size(); i += 2) {
        if (!out.isEmpty())
            out += QStringLiteral(", ");
        out += printable(fieldsValues[i]) + QLatin1Char('=') + printable(fieldsValues[i + 1]);
    }
    return out;
}

QString fieldsToolTip(const std::vector<std::string> &fieldsValues)
{
    QString out;
    for (std::size_t i = 0; i + 1 < fieldsValues.size(); i += 2) {
        if (!out.isEmpty())
            out += QLatin1Char('\n');
        out += fullText(fieldsValues[i], 200) + QStringLiteral(" = ") + fullText(fieldsValues[i + 1], 1000);
    }
    return out;
}

QString clientText(const ClientNameOf &nameOf, ClientId id)
{
    QString name = nameOf ? nameOf(id) : QString();
    return name.isEmpty() ? QCoreApplication::translate("Inspector", "client #%1").arg(id) : name;
}

QString ttlText(std::int64_t expireAtMs, std::int64_t nowMs)
{
    if (expireAtMs < 0)
        return QCoreApplication::translate("Inspector", "none");
    return secondsText(expireAtMs - nowMs);
}

QString moreText(std::size_t n)
{
    return QCoreApplication::translate("Inspector", "... %1 more ...").arg(n);
}

QString countText(std::size_t n, const QString &singular, const QString &plural)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? singular : plural);
}

} // namespace ql

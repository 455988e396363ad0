// Sentences for every EventKind (docs/events.md says what each field holds).
#include "event_text.h"

#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ql {

namespace {

constexpr qsizetype kShownChars = 40;
constexpr std::size_t kShownIds = 5;

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// Control characters, quotes and backslashes escaped; cut after `limit` characters.
QString printable(const std::string &s, qsizetype limit = kShownChars)
{
    const QString in = fromStd(s);
    QString out;
    for (QChar c : in) {
        if (out.size() >= limit) {
            out += QChar(0x2026);
            break;
        }
        const char16_t u = c.unicode();
        switch (u) {
        case u'\n': out += u"\\n"_s; break;
        case u'\r': out += u"\\r"_s; break;
        case u'\t': out += u"\\t"_s; break;
        case u'"': out += u"\\\""_s; break;
        case u'\\': out += u"\\\\"_s; break;
        default:
            if (u < 0x20 || u == 0x7f)
                out += u"\\x"_s + QString::number(u, 16).rightJustified(2, u'0');
            else
                out += c;
        }
    }
    return out;
}

QString quoted(const std::string &s)
{
    return u'"' + printable(s) + u'"';
}

// Bare when it reads as one word (job-7, 1-0), quoted otherwise.
QString item(const std::string &s)
{
    if (s.empty() || s.size() > static_cast<std::size_t>(kShownChars))
        return quoted(s);
    for (unsigned char c : s) {
        if (c <= 0x20 || c == 0x7f || c == '"' || c == '\\')
            return quoted(s);
    }
    return fromStd(s);
}

QString count(std::int64_t n, const QString &one, const QString &many)
{
    return QString::number(n) + u' ' + (n == 1 ? one : many);
}

// "1-0, 2-0, 3-0 and 4 more" from values[from..].
QString itemList(const std::vector<std::string> &values, std::size_t from = 0, std::size_t shown = kShownIds)
{
    QStringList parts;
    for (std::size_t i = from; i < values.size() && i < from + shown; ++i)
        parts << item(values[i]);
    QString s = parts.join(u", "_s);
    if (values.size() > from + shown)
        s += u" and "_s + QString::number(values.size() - from - shown) + u" more"_s;
    return s;
}

// One element by name, several by number.
QString things(const std::vector<std::string> &values)
{
    return values.size() == 1 ? item(values[0])
                              : count(static_cast<std::int64_t>(values.size()), u"item"_s, u"items"_s);
}

QString value(const Event &e, std::size_t i)
{
    return i < e.values.size() ? item(e.values[i]) : u"?"_s;
}

QString subscriptionKind(const std::string &text)
{
    if (text == "pattern")
        return u"pattern"_s;
    if (text == "shard")
        return u"shard channel"_s;
    return u"channel"_s;
}

QString fields(const std::vector<std::string> &values)
{
    QStringList parts;
    for (std::size_t i = 0; i + 1 < values.size() && i < 6; i += 2)
        parts << item(values[i]) + u'=' + item(values[i + 1]);
    if (values.size() > 6)
        parts << QString(QChar(0x2026));
    return parts.join(u", "_s);
}

QString commandLine(const std::vector<std::string> &argv)
{
    QStringList parts;
    for (std::size_t i = 0; i < argv.size() && i < 6; ++i)
        parts << (i == 0 ? item(argv[i]).toUpper() : item(argv[i]));
    if (argv.size() > 6)
        parts << QString(QChar(0x2026));
    return parts.join(u' ');
}

QString keyRemoved(const Event &e, const QString &who, const QString &key)
{
    if (e.text == "del")
        return who + u" deleted "_s + key;
    if (e.text == "expired")
        return key + u" expired and was removed"_s;
    if (e.text == "emptied")
        return key + u" became empty and was removed (Redis deletes empty lists)"_s;
    if (e.text == "overwritten")
        return u"the old value of "_s + key + u" was overwritten by "_s + who;
    if (e.text == "flushed")
        return key + u" was removed by a flush"_s;
    return key + u" was removed ("_s + fromStd(e.text) + u')';
}

QString listChanged(const Event &e, const QString &who, const QString &key)
{
    const QString removed = count(e.number, u"item"_s, u"items"_s);
    if (e.text == "lset")
        return who + u" set element "_s + value(e, 0) + u" of "_s + key + u" to "_s + value(e, 1);
    if (e.text == "linsert")
        return who + u" inserted "_s + value(e, 1) + u" into "_s + key + u" at index "_s + value(e, 0);
    if (e.text == "lrem")
        return who + u" removed "_s + count(e.number, u"copy"_s, u"copies"_s) + u" of "_s + value(e, 0) + u" from "_s
            + key;
    if (e.text == "ltrim" && e.values.size() == 2 && e.values[0] == "0" && e.values[1] == "-1")
        return who + u" trimmed "_s + key + u" to nothing, removing "_s + removed;
    if (e.text == "ltrim")
        return who + u" trimmed "_s + key + u" to indexes "_s + value(e, 0) + u".."_s + value(e, 1) + u", removing "_s
            + removed;
    return who + u" changed "_s + key + u" ("_s + fromStd(e.text) + u')';
}

QString groupDelivered(const Event &e, const QString &group)
{
    if (e.values.size() < 2) // a history read that found nothing to deliver again
        return value(e, 0) + u" read its pending list in group "_s + group + u": nothing to deliver again"_s;
    const QString s = u"group "_s + group + u" delivered "_s + itemList(e.values, 1) + u" to "_s + value(e, 0);
    if (e.number == 1)
        return s + u" without keeping them pending (NOACK)"_s;
    if (e.number == 2)
        return s + u" again (from its pending list)"_s;
    return s;
}

QString unblocked(const Event &e, const QString &who)
{
    const QString keys = itemList(e.values);
    const QString waited = formatDuration(e.number);
    if (e.text == "served")
        return who + u" was served after waiting "_s + waited + u" on "_s + keys;
    if (e.text == "timeout")
        return who + u" stopped waiting on "_s + keys + u" after "_s + waited + u": timeout, it got nil"_s;
    if (e.text == "unblocked")
        return who + u" was unblocked by CLIENT UNBLOCK after "_s + waited + u" (it got nil)"_s;
    if (e.text == "error")
        return who + u" stopped waiting on "_s + keys
            + u" with an error (CLIENT UNBLOCK ERROR, or its stream or "
              u"group was deleted)"_s;
    if (e.text == "killed")
        return who + u" was killed while waiting on "_s + keys;
    if (e.text == "closed")
        return who + u" closed its connection while waiting on "_s + keys;
    return who + u" stopped waiting on "_s + keys + u" ("_s + fromStd(e.text) + u')';
}

QString clientClosed(const Event &e, const QString &who)
{
    if (e.text == "closed")
        return who + u" disconnected"_s;
    if (e.text == "quit")
        return who + u" sent QUIT and disconnected"_s;
    if (e.text == "killed")
        return who + u" was disconnected by CLIENT KILL"_s;
    if (e.text == "protocol-error")
        return who + u" was disconnected: it sent bytes that are not Redis protocol"_s;
    if (e.text == "server-stopped")
        return who + u" was disconnected: the server stopped"_s;
    if (e.text == "output-buffer-limit")
        return who + u" was disconnected: it fell behind and lost "_s + count(e.number, u"message"_s, u"messages"_s)
            + u" (output buffer limit)"_s;
    return who + u" disconnected ("_s + fromStd(e.text) + u')';
}

QString published(const Event &e, const QString &who)
{
    const QString where = (e.text == "shard" ? u"shard channel "_s : QString()) + item(e.key);
    return who + u" published "_s + (e.values.empty() ? u"a message"_s : quoted(e.values[0])) + u" to "_s + where
        + u", reaching "_s + count(e.number, u"subscriber"_s, u"subscribers"_s);
}

QString streamEvent(const Event &e, const QString &who, const QString &key)
{
    const QString group = item(e.text);
    switch (e.kind) {
    case EventKind::StreamAdded: {
        const QString f = fields(e.values);
        return who + u" added entry "_s + item(e.text) + u" to "_s + key + (f.isEmpty() ? QString() : u": "_s + f);
    }
    case EventKind::StreamTrimmed:
        return who + u" trimmed "_s + key + u": "_s + count(e.number, u"oldest entry"_s, u"oldest entries"_s)
            + u" removed ("_s + fromStd(e.text).toUpper() + u')';
    case EventKind::StreamDeleted:
        return who + (e.values.size() == 1 ? u" deleted entry "_s : u" deleted entries "_s) + itemList(e.values)
            + u" from "_s + key;
    case EventKind::StreamIdSet: return who + u" set the last id of "_s + key + u" to "_s + item(e.text);
    case EventKind::GroupCreated:
        return who + u" created group "_s + group + u" on "_s + key + u", delivering entries after "_s + value(e, 0);
    case EventKind::GroupDestroyed:
        return who + u" destroyed group "_s + group + u" of "_s + key + u" with its consumers and pending entries"_s;
    case EventKind::GroupIdSet:
        return who + u" set group "_s + group + u" of "_s + key + u" to deliver entries after "_s + value(e, 0);
    case EventKind::ConsumerCreated:
        return u"consumer "_s + value(e, 0) + u" joined group "_s + group + u" of "_s + key;
    case EventKind::ConsumerDeleted:
        return who + u" removed consumer "_s + value(e, 0) + u" from group "_s + group
            + (e.number > 0 ? u", dropping "_s + count(e.number, u"pending entry"_s, u"pending entries"_s) : QString());
    case EventKind::GroupDelivered: return groupDelivered(e, group);
    case EventKind::Acked: return who + u" acknowledged "_s + itemList(e.values) + u" in group "_s + group;
    case EventKind::Claimed: {
        const QString owner = value(e, 0);
        return owner + u" claimed "_s + itemList(e.values, 1) + u" from the pending list of group "_s + group
            + (owner == who ? QString() : u" (asked by "_s + who + u')');
    }
    case EventKind::PendingDropped:
        return u"group "_s + group + u" dropped "_s + itemList(e.values) + u" from its pending list: "_s
            + (e.values.size() == 1 ? u"the entry was deleted"_s : u"the entries were deleted"_s);
    default: return QString();
    }
}

} // namespace

void ClientNames::set(ClientId id, const QString &name)
{
    if (name.isEmpty())
        m_names.remove(id);
    else
        m_names.insert(id, name);
}

QString ClientNames::name(ClientId id) const
{
    if (id == kNoClient)
        return u"the server"_s;
    const auto it = m_names.constFind(id);
    return it != m_names.cend() ? *it : u"client #"_s + QString::number(id);
}

QString formatEventTime(std::int64_t ms)
{
    const char *sign = ms < 0 ? "-" : "";
    const auto a = static_cast<long long>(ms < 0 ? -ms : ms);
    const long long h = a / 3600000, m = a / 60000 % 60, s = a / 1000 % 60, milli = a % 1000;
    if (h > 0)
        return QString::asprintf("%s%lld:%02lld:%02lld.%03lld", sign, h, m, s, milli);
    return QString::asprintf("%s%02lld:%02lld.%03lld", sign, m, s, milli);
}

QString formatDuration(std::int64_t ms)
{
    if (ms > -1000 && ms < 1000)
        return QString::number(ms) + u" ms"_s;
    if (ms % 1000 == 0)
        return QString::number(ms / 1000) + u" s"_s;
    QString s = QString::number(static_cast<double>(ms) / 1000.0, 'f', 3);
    while (s.endsWith(u'0'))
        s.chop(1);
    return s + u" s"_s;
}

QString describeEvent(const Event &e, const ClientNames &names, const Event *pub)
{
    const QString who = names.name(e.client);
    const QString key = item(e.key);
    const std::string *message = pub && !pub->values.empty() ? &pub->values[0] : nullptr;
    switch (e.kind) {
    case EventKind::KeyCreated:
        return who + u" created "_s + (e.values.empty() ? QString() : u"the "_s + fromStd(e.values[0]) + u' ') + key;
    case EventKind::KeyRemoved: return keyRemoved(e, who, key);
    case EventKind::KeyRenamed: return who + u" renamed "_s + key + u" to "_s + item(e.text);
    case EventKind::KeyExpireSet:
        if (e.number < 0)
            return who + u" removed the expiry of "_s + key + u" (it no longer expires)"_s;
        return who + u" set "_s + key + u" to expire in "_s
            + formatDuration(std::max<std::int64_t>(0, e.number - e.timeMs));
    case EventKind::Flushed:
        if (e.number < 0)
            return who + u" emptied every database (FLUSHALL)"_s;
        return who + u" emptied database "_s + QString::number(e.number) + u" (FLUSHDB)"_s;
    case EventKind::StringSet:
        return who + u" set "_s + key + u" to "_s + (e.values.empty() ? u"?"_s : quoted(e.values[0]));
    case EventKind::Pushed:
        return who + u" pushed "_s + things(e.values) + u" onto "_s + key + u" ("_s + fromStd(e.text) + u')';
    case EventKind::Popped:
        return who + u" popped "_s + things(e.values) + u" from "_s + key + u" ("_s + fromStd(e.text) + u')';
    case EventKind::ListMoved:
        if (e.key == e.text)
            return who + u" moved "_s + value(e, 0) + u" from the "_s + value(e, 1) + u" end of "_s + key
                + u" to its "_s + value(e, 2) + u" end"_s;
        return who + u" moved "_s + value(e, 0) + u" from "_s + key + u" ("_s + value(e, 1) + u") to "_s + item(e.text)
            + u" ("_s + value(e, 2) + u')';
    case EventKind::ListChanged: return listChanged(e, who, key);
    case EventKind::Subscribed:
        return who + u" subscribed to "_s + subscriptionKind(e.text) + u' ' + key + u" (now "_s
            + count(e.number, u"subscription"_s, u"subscriptions"_s) + u')';
    case EventKind::Unsubscribed:
        return who + u" unsubscribed from "_s + subscriptionKind(e.text) + u' ' + key + u" ("_s
            + count(e.number, u"subscription"_s, u"subscriptions"_s) + u" left)"_s;
    case EventKind::Published: return published(e, who);
    case EventKind::Delivered:
        return who + u" received "_s + (message ? quoted(*message) : u"a message"_s) + u" from "_s + key
            + (e.text.empty() ? QString() : u" (through pattern "_s + item(e.text) + u')');
    case EventKind::NoReceiver:
        return (pub && pub->text == "shard" ? u"SPUBLISH to "_s : u"PUBLISH to "_s) + key
            + u" reached 0 subscribers: the message "_s + (message ? quoted(*message) + u' ' : QString())
            + u"is lost"_s;
    case EventKind::StreamAdded:
    case EventKind::StreamTrimmed:
    case EventKind::StreamDeleted:
    case EventKind::StreamIdSet:
    case EventKind::GroupCreated:
    case EventKind::GroupDestroyed:
    case EventKind::GroupIdSet:
    case EventKind::ConsumerCreated:
    case EventKind::ConsumerDeleted:
    case EventKind::GroupDelivered:
    case EventKind::Acked:
    case EventKind::Claimed:
    case EventKind::PendingDropped: return streamEvent(e, who, key);
    case EventKind::BlockRequested:
        return who + u" blocked on "_s + itemList(e.values)
            + (e.number > 0 ? u" (timeout "_s + formatDuration(e.number - e.timeMs) + u')' : u" (no timeout)"_s);
    case EventKind::Unblocked: return unblocked(e, who);
    case EventKind::ClientOpened: return who + u" connected"_s;
    case EventKind::ClientClosed: return clientClosed(e, who);
    case EventKind::ClientRenamed:
        return e.text.empty() ? who + u" cleared its name"_s : who + u" is now called "_s + item(e.text);
    case EventKind::CommandQueued: return who + u" queued "_s + commandLine(e.values) + u" (it runs at EXEC)"_s;
    case EventKind::TransactionRun:
        if (e.number < 0)
            return who
                + u" ran EXEC but the transaction was discarded (a WATCHed key changed or a queued command "
                  u"was rejected)"_s;
        return who + u" ran EXEC: "_s + count(e.number, u"queued command"_s, u"queued commands"_s) + u" executed"_s;
    case EventKind::TransactionStarted: return who + u" started a transaction (MULTI)"_s;
    case EventKind::TransactionDiscarded:
        if (e.text == "reset")
            return who + u" sent RESET: its transaction was discarded"_s;
        return who + u" discarded its transaction (DISCARD)"_s;
    }
    return who + u' ' + QString::fromLatin1(eventKindName(e.kind)) + u' ' + key;
}

QString eventDetails(const Event &e, const QString &clientName, const Event *pub)
{
    constexpr std::size_t kMaxValues = 100;
    QStringList lines;
    lines << u"time "_s + formatEventTime(e.timeMs) + u"   event #"_s + QString::number(e.seq) + u"   db "_s
            + QString::number(e.db);
    lines << u"kind: "_s + QString::fromLatin1(eventKindName(e.kind));
    lines << u"client: "_s + clientName + u" (id "_s + QString::number(e.client) + u')';
    if (!e.key.empty())
        lines << u"key: "_s + printable(e.key, 200);
    if (!e.text.empty())
        lines << u"text: "_s + printable(e.text, 200);
    lines << u"number: "_s + QString::number(e.number);
    if (!e.values.empty())
        lines << u"values ("_s + QString::number(e.values.size()) + u"):"_s;
    for (std::size_t i = 0; i < e.values.size() && i < kMaxValues; ++i)
        lines << u"  "_s + QString::number(i + 1) + u") \""_s + printable(e.values[i], 200) + u'"';
    if (e.values.size() > kMaxValues)
        lines << u"  and "_s + QString::number(e.values.size() - kMaxValues) + u" more"_s;
    if (pub && !pub->values.empty() && (e.kind == EventKind::Delivered || e.kind == EventKind::NoReceiver))
        lines << u"message: \""_s + printable(pub->values[0], 200) + u'"';
    return lines.join(u'\n');
}

} // namespace ql

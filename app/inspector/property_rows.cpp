// The properties of a string key, a client and a channel (see the header).
#include "property_rows.h"

#include "inspector_format.h"

#include <QCoreApplication>
#include <QStringList>

namespace ql {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Inspector", text);
}

QString joined(const std::vector<std::string> &names, const QString &separator)
{
    QStringList out;
    for (const auto &n : names)
        out << printable(n);
    return out.join(separator);
}

} // namespace

std::vector<Property> stringProperties(const KeySnapshot &k, std::int64_t nowMs)
{
    std::vector<Property> p;
    QString tip = fullText(k.stringValue);
    if (k.length > k.stringValue.size())
        tip = tr("First %1 of %2 bytes:\n").arg(k.stringValue.size()).arg(k.length) + tip;
    QString value = printable(k.stringValue);
    if (k.length > k.stringValue.size())
        value += QStringLiteral("...");
    p.push_back({tr("Value"), value, tip, false});
    p.push_back({tr("Length"), countText(k.length, tr("byte"), tr("bytes")), {}, false});
    p.push_back({tr("TTL"), ttlText(k.expireAtMs, nowMs),
        k.expireAtMs < 0 ? tr("No expiry (PERSIST)") : tr("Expires at virtual time %1 ms").arg(k.expireAtMs), false});
    return p;
}

QString clientState(const ClientSnapshot &c, std::int64_t nowMs)
{
    QStringList parts;
    if (c.blocked) {
        QString s = tr("blocked on %1").arg(joined(c.blockedKeys, QStringLiteral(", ")));
        s += c.blockDeadlineMs > 0 ? tr(" (times out in %1)").arg(secondsText(c.blockDeadlineMs - nowMs))
                                   : tr(" (no timeout)");
        parts << s;
    }
    if (!c.channels.empty() || !c.patterns.empty() || !c.shardChannels.empty()) {
        QStringList what;
        if (!c.channels.empty())
            what << countText(c.channels.size(), tr("channel"), tr("channels"));
        if (!c.patterns.empty())
            what << countText(c.patterns.size(), tr("pattern"), tr("patterns"));
        if (!c.shardChannels.empty())
            what << countText(c.shardChannels.size(), tr("shard channel"), tr("shard channels"));
        QString list = what.size() == 1
            ? what[0]
            : what.mid(0, what.size() - 1).join(QStringLiteral(", ")) + tr(" and ") + what.last();
        parts << tr("subscribed to %1").arg(list);
    }
    if (c.inMulti)
        parts << tr("in MULTI, %1 queued").arg(countText(c.queuedCommands, tr("command"), tr("commands")));
    return parts.isEmpty() ? tr("idle") : parts.join(QStringLiteral("; "));
}

std::vector<Property> clientProperties(const ClientSnapshot &c, std::int64_t nowMs)
{
    std::vector<Property> p;
    p.push_back({tr("Name"), c.name.empty() ? tr("(no name)") : printable(c.name), {}, false});
    p.push_back({tr("ID"), QString::number(c.id), {}, true});
    if (c.db >= 0) // -1: not known (the window's model does not follow SELECT)
        p.push_back({tr("Database"), QString::number(c.db), tr("SELECT changes it"), false});
    if (c.protocol > 0) // 0: not known (nor HELLO)
        p.push_back({tr("Protocol"), c.protocol == 3 ? QStringLiteral("RESP3") : QStringLiteral("RESP2"),
            tr("HELLO changes it"), false});
    p.push_back({tr("State"), clientState(c, nowMs), {}, false});
    if (c.blocked) {
        p.push_back({tr("Blocked on"), joined(c.blockedKeys, QStringLiteral(", ")),
            joined(c.blockedKeys, QStringLiteral("\n")), false});
        p.push_back({tr("Waiting for"), secondsText(nowMs - c.blockedSinceMs), {}, false});
        p.push_back({tr("Timeout"),
            c.blockDeadlineMs > 0 ? tr("in %1").arg(secondsText(c.blockDeadlineMs - nowMs))
                                  : tr("none (waits forever)"),
            c.blockDeadlineMs > 0 ? tr("At virtual time %1 ms").arg(c.blockDeadlineMs) : QString(), false});
    }
    if (!c.channels.empty())
        p.push_back({tr("Channels"), joined(c.channels, QStringLiteral(", ")), joined(c.channels, QStringLiteral("\n")),
            false});
    if (!c.patterns.empty())
        p.push_back({tr("Patterns"), joined(c.patterns, QStringLiteral(", ")), joined(c.patterns, QStringLiteral("\n")),
            false});
    if (!c.shardChannels.empty())
        p.push_back({tr("Shard channels"), joined(c.shardChannels, QStringLiteral(", ")),
            joined(c.shardChannels, QStringLiteral("\n")), false});
    if (c.inMulti)
        p.push_back({tr("Queued commands"), QString::number(c.queuedCommands), tr("EXEC runs them, DISCARD drops them"),
            false});
    return p;
}

QString channelKind(const ChannelSnapshot &ch)
{
    return ch.pattern ? tr("pattern") : ch.shard ? tr("shard channel") : tr("channel");
}

std::vector<Property> channelProperties(const ChannelSnapshot &ch, qint64 published, qint64 delivered, qint64 lost)
{
    std::vector<Property> p;
    p.push_back({tr("Kind"), channelKind(ch),
        ch.pattern ? tr("PSUBSCRIBE: matches channel names with glob rules") : QString(), false});
    p.push_back({tr("Subscribers"), QString::number(ch.subscribers.size()), {}, false});
    p.push_back({tr("Published"), QString::number(published), tr("Messages published here"), false});
    p.push_back({tr("Delivered"), QString::number(delivered), tr("Messages handed to subscribers"), false});
    p.push_back({tr("Lost"), QString::number(lost),
        tr("Messages published while nobody listened: pub/sub keeps nothing"), false});
    return p;
}

} // namespace ql

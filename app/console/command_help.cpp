#include "command_help.h"

#include "engine/command_table.h"
#include "resp/split_args.h"

#include <QObject>

namespace ql {

namespace {

const CommandTable &table()
{
    static const CommandTable t;
    return t;
}

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

const QStringList &commandNames()
{
    static const QStringList names = [] {
        QStringList out;
        for (const auto &spec : table().all()) {
            out << text(spec.name).toUpper();
            for (const auto &sub : spec.subcommands)
                out << text(spec.name).toUpper() + QLatin1Char(' ') + text(sub.name).toUpper();
        }
        out.sort();
        return out;
    }();
    return names;
}

QString commandHelp(const QString &line)
{
    const QByteArray utf8 = line.toUtf8();
    auto args = splitArgs(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
    if (!args || args->empty())
        return {};
    const CommandSpec *spec = table().find((*args)[0]);
    if (!spec)
        return QObject::tr("%1 is not a command QueueLab knows").arg(text((*args)[0]).toUpper());
    QString name = text(spec->name).toUpper();
    if (!spec->subcommands.empty() && args->size() >= 2) {
        if (const CommandSpec *sub = CommandTable::findSub(*spec, (*args)[1])) {
            name += QLatin1Char(' ') + text(sub->name).toUpper();
            spec = sub;
        }
    }
    return QStringLiteral("%1 %2 \u2014 %3 (since %4)")
        .arg(name, text(spec->syntax), text(spec->summary), text(spec->since));
}

} // namespace ql

// What the console knows about commands, from QueueLab's own command table: the names for
// completion, and the one-line syntax and summary that F1 shows (as redis-cli's `help`).
#pragma once

#include <QString>
#include <QStringList>

namespace ql {

// Every command and "CONTAINER SUB" subcommand name, upper case, sorted.
const QStringList &commandNames();
// "XADD key [NOMKSTREAM] ... - Appends a new message to a stream. (since 5.0.0)" for the
// command a console line starts with (and its subcommand), or an empty string.
QString commandHelp(const QString &line);

} // namespace ql

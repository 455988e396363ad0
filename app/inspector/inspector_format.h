// How the Inspector writes values: byte strings made printable, durations in seconds,
// stream fields as "f=v, f=v", clients by name.
#pragma once

#include "engine/event.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ql {

// The name the window knows a client by (empty when it does not know).
using ClientNameOf = std::function<QString(ClientId)>;

// Bytes as text on one line: valid UTF-8 stays, control characters and invalid bytes are
// escaped as redis-cli shows them ("\n", "\x00").
QString printable(const std::string &bytes);
// Bytes as text for a tooltip: lines kept, at most `maxChars` characters (then "...").
QString fullText(const std::string &bytes, int maxChars = 4000);
// Milliseconds as seconds with one decimal: "12.3 s" (negative durations are 0).
QString secondsText(std::int64_t ms);
// "f=v, f=v" on one line, and one "f = v" per line for the tooltip.
QString fieldsText(const std::vector<std::string> &fieldsValues);
QString fieldsToolTip(const std::vector<std::string> &fieldsValues);
// The client's name from nameOf, or "client #id" when it has none.
QString clientText(const ClientNameOf &nameOf, ClientId id);
// "none", or the time left: "12.3 s".
QString ttlText(std::int64_t expireAtMs, std::int64_t nowMs);
// The "... N more ..." text of an elided middle.
QString moreText(std::size_t n);
// "1 element" / "3 elements"
QString countText(std::size_t n, const QString &singular, const QString &plural);

} // namespace ql

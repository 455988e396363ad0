// splitArgs: split a command line into arguments with the rules of Redis's sdssplitargs(),
// used for inline requests by the server and for redis-cli input in the console.
//
//   - arguments are separated by blanks; leading blanks are any isspace() character, but an
//     unquoted argument ends only at ' ', '\t', '\r', '\n' (so "\v" and "\f" stay inside it);
//   - "double quotes" understand \xHH, \n, \r, \t, \b, \a, and \<c> for any other c;
//   - 'single quotes' understand only \' ;
//   - a quote may open in the middle of an argument (a"b c" is "ab c"), but a closing quote must
//     be followed by a blank or the end of the line;
//   - the line ends at its first NUL byte, as the C string it is in Redis.
// Returns std::nullopt where Redis reports unbalanced quotes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ql {

std::optional<std::vector<std::string>> splitArgs(std::string_view line);

} // namespace ql

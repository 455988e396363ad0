// Glob-style matching exactly as Redis's stringmatchlen: '*', '?', '[abc]', '[^a]',
// '[a-z]' and '\' escapes. Used by KEYS, PSUBSCRIBE and PUBSUB CHANNELS.
#pragma once

#include <string_view>

namespace ql {

bool globMatch(std::string_view pattern, std::string_view text, bool noCase = false);

} // namespace ql

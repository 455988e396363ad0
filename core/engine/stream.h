// Placeholder: the stream data structure (replaced by the stream implementation).
#pragma once

namespace ql {
class Stream {};
} // namespace ql

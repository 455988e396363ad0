// The colours that tell clients apart everywhere in the window (console tabs, the client
// list, message tokens in the scene). Twelve hues chosen to stay distinct on a projector
// and readable on light and dark palettes; a client keeps its colour for its lifetime.
#pragma once

#include <QColor>

namespace ql {

inline constexpr int kClientColorCount = 12;

QColor clientColor(int index);

} // namespace ql

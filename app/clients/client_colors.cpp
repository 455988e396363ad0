#include "client_colors.h"

namespace ql {

QColor clientColor(int index)
{
    // Based on the Okabe-Ito and Tableau palettes: distinguishable for most colour-blind
    // viewers, and dark enough to read as text on white yet bright enough on dark grey.
    static const QColor kColors[kClientColorCount] = {
        QColor(0x00, 0x72, 0xb2), // blue
        QColor(0xd5, 0x5e, 0x00), // vermilion
        QColor(0x00, 0x9e, 0x73), // green
        QColor(0xcc, 0x79, 0xa7), // purple-pink
        QColor(0xe6, 0x9f, 0x00), // orange
        QColor(0x56, 0xb4, 0xe9), // sky blue
        QColor(0x8c, 0x56, 0x4b), // brown
        QColor(0x94, 0x67, 0xbd), // violet
        QColor(0x2c, 0xa0, 0x2c), // leaf green
        QColor(0xd6, 0x27, 0x28), // red
        QColor(0x17, 0xbe, 0xcf), // cyan
        QColor(0x7f, 0x7f, 0x7f), // grey
    };
    int i = index % kClientColorCount;
    return kColors[i < 0 ? i + kClientColorCount : i];
}

} // namespace ql

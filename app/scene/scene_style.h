// Shared measures and helpers for the scene's items: sizes chosen to stay readable on a
// classroom projector at 1280x720, colours taken from the window's palette so light and
// dark themes both work.
#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QString>

class QPainter;

namespace ql::scene {

inline constexpr qreal kTileW = 64; // a list element / stream entry tile
inline constexpr qreal kTileH = 34;
inline constexpr qreal kGap = 6;
inline constexpr qreal kKeyWidth = 450; // every key item has this width
inline constexpr qreal kTitleH = 26;
inline constexpr int kMaxTiles = 4; // list tiles shown (two at each end when long); the rest are counted

QFont titleFont();
QFont bodyFont();
QFont smallFont();
QPalette palette();
// Text elided to `width` pixels in `font`.
QString elide(const QString &text, const QFont &font, qreal width);
// A rounded card with a title bar, as every key is drawn.
void drawCard(QPainter *p, const QRectF &rect, const QString &kind, const QString &title, const QColor &accent,
    bool selected = false);

} // namespace ql::scene

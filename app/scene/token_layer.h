// TokenLayer: every message in flight in the scene (a pushed job, a delivered pub/sub
// message, an ack) drawn by one item from a plain list, not one QObject and animation per
// message. A frame clock advances them all; when more than kMaxTokens would fly at once,
// new ones join a counted bundle per route instead of adding work per frame.
#pragma once

#include <QColor>
#include <QGraphicsObject>
#include <QPointF>
#include <QString>

#include <vector>

namespace ql {

class TokenLayer : public QGraphicsObject {
    Q_OBJECT
public:
    static constexpr std::size_t kMaxTokens = 200;

    enum class Shape { Message, Ack, Lost };

    explicit TokenLayer(QGraphicsItem *parent = nullptr);

    // A token from `from` to `to`, taking `durationMs` of animation time.
    // `delayMs` holds it back (a delivery waits for its PUBLISH to reach the hub).
    void launch(QPointF from, QPointF to, const QColor &color, const QString &label, Shape shape = Shape::Message,
        int durationMs = 600, int delayMs = 0);
    // Moves every token `ms` forward (the frame clock; 0 while paused).
    void advance(int ms);
    std::size_t inFlight() const { return m_tokens.size(); }
    std::size_t bundled() const; // tokens represented by bundles
    void clear();

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    struct Token {
        QPointF from, to;
        QColor color;
        QString label;
        Shape shape = Shape::Message;
        int durationMs = 600;
        int elapsedMs = 0;
        int count = 1; // > 1: a bundle
    };
    QPointF position(const Token &t) const;
    std::vector<Token> m_tokens;
    QRectF m_bounds;
};

} // namespace ql

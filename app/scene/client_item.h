// A client in the scene: a badge in its colour with its name and what it is doing
// (idle, waiting on keys with a countdown or an hourglass, subscribed, in MULTI).
#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QString>

namespace ql {

class ClientItem : public QGraphicsItem {
public:
    struct Data {
        QString name;
        QColor color;
        QString state; // one line: "idle", "waiting on jobs", "subscribed to news"
        bool blocked = false;
        double remaining = -1; // blocked with a timeout: fraction of it left (0..1); -1 forever
    };
    static constexpr qreal kWidth = 190;
    static constexpr qreal kHeight = 52;

    explicit ClientItem(QGraphicsItem *parent = nullptr);
    void setData(const Data &d);
    const Data &data() const { return m_data; }
    QPointF anchor() const; // where tokens leave and arrive

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    Data m_data;
};

} // namespace ql

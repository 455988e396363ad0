// A pub/sub channel (or pattern) drawn as a hub with one link to every subscriber and the
// counts that matter for at-most-once delivery: published, delivered, lost.
#pragma once

#include "list_item.h"

#include <QGraphicsItem>

namespace ql {

class ChannelItem : public QGraphicsItem {
public:
    struct Data {
        QString name;
        bool pattern = false;
        QVector<ClientBadge> subscribers; // in delivery order
        qint64 published = 0;
        qint64 delivered = 0;
        qint64 lost = 0;
    };

    explicit ChannelItem(QGraphicsItem *parent = nullptr);
    void setData(const Data &d);
    const Data &data() const { return m_data; }
    QPointF hubPoint() const;
    QPointF subscriberPoint(const QString &name) const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    Data m_data;
};

// A string (or other simple) key: name, type and value, so a first SET is not invisible.
class StringItem : public QGraphicsItem {
public:
    struct Data {
        QString name;
        QString type = QStringLiteral("string");
        QString value;
    };
    explicit StringItem(QGraphicsItem *parent = nullptr);
    void setData(const Data &d);
    const Data &data() const { return m_data; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    Data m_data;
};

} // namespace ql

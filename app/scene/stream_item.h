// A stream key drawn as an append-only tape of entries labelled with their ids (newest on
// the right). Each consumer group is a cursor (its last-delivered-id) on the tape with its
// name, entries-read and lag; entries waiting for XACK carry a dot in the colour of the
// consumer that holds them, and each consumer's pending count is listed.
#pragma once

#include "list_item.h"

#include <QGraphicsItem>
#include <QStringList>
#include <QVector>

namespace ql {

class StreamItem : public QGraphicsItem {
public:
    struct Pending {
        QString id;
        QColor color; // the owning consumer's colour
        qint64 deliveries = 1;
    };
    struct Consumer {
        QString name;
        QColor color;
        qint64 pending = 0;
    };
    struct Group {
        QString name;
        QString lastDeliveredId;
        QString lag; // "" when unknown
        QVector<Consumer> consumers;
        QVector<Pending> pending;
    };
    struct Data {
        QString name;
        qint64 length = 0;
        QStringList ids; // oldest ... newest of the shown tail
        QVector<Group> groups;
        QVector<ClientBadge> readers; // blocked XREAD / XREADGROUP clients
    };

    explicit StreamItem(QGraphicsItem *parent = nullptr);
    void setData(const Data &d);
    const Data &data() const { return m_data; }
    QPointF appendPoint() const; // where XADD lands
    QPointF entryPoint(const QString &id) const; // an entry's tile, or the append point

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    qreal height() const;
    Data m_data;
};

} // namespace ql

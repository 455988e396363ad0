// A stream key drawn as an append-only tape of entries labelled with their ids (newest on
// the right; hover an entry for its fields). Each consumer group is a cursor (its
// last-delivered-id) on the tape with its name; a line per group says entries-read, lag
// and how many entries wait for XACK. Pending entries carry a dot per group in the colour
// of the consumer that holds them (with the delivery count once it is over 1). Clients
// blocked in XREAD / XREADGROUP wait at the end of the tape for the next entry.
#pragma once

#include "list_item.h"

#include <QGraphicsItem>
#include <QStringList>
#include <QVector>

namespace ql {

class StreamItem : public QGraphicsItem {
public:
    static constexpr int kMaxEntries = 5; // entries shown on the tape, the newest
    struct Pending {
        QString id;
        QColor color; // the owning consumer's colour
        qint64 deliveries = 1;
        QString consumer;
        qint64 idleMs = 0;
    };
    struct Consumer {
        QString name;
        QColor color;
        qint64 pending = 0;
    };
    struct Group {
        QString name;
        QString lastDeliveredId;
        QString entriesRead; // "" when Redis has no valid counter
        QString lag; // "" when unknown
        qint64 pendingCount = 0;
        QVector<Consumer> consumers;
        QVector<Pending> pending; // of the shown entries
    };
    struct Data {
        QString name;
        qint64 length = 0;
        QString lastId;
        QStringList ids; // oldest ... newest of the shown tail
        QStringList fields; // per shown entry: "field = value" lines
        QVector<Group> groups;
        QVector<ClientBadge> readers; // blocked XREAD / XREADGROUP clients, in service order
    };

    explicit StreamItem(QGraphicsItem *parent = nullptr);
    void setData(const Data &d);
    const Data &data() const { return m_data; }
    QPointF appendPoint() const; // where XADD lands
    QPointF entryPoint(const QString &id) const; // an entry's tile, or the append point
    // The id of the entry drawn at `pos` (item coordinates), or "".
    QString entryAt(const QPointF &pos) const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    qreal height() const;
    QRectF tileRect(int index) const;
    void paintTape(QPainter *p, const QColor &accent);
    void paintGroups(QPainter *p);
    Data m_data;
    qreal m_entryW = 100;
    int m_fit = kMaxEntries; // entries the tape has room for
};

} // namespace ql

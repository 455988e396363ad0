// A list key drawn as a horizontal queue of tiles: the head (LPOP side) on the left, the
// tail (RPUSH side) on the right, marked as such; long lists show both ends and a count.
// Clients blocked on the list wait beside it in the order Redis will serve them.
#pragma once

#include <QGraphicsItem>
#include <QStringList>
#include <QVector>

namespace ql {

struct ClientBadge {
    QString name;
    QColor color;
    QString note; // "5 s left", "forever"
};

class ListItem : public QGraphicsItem {
public:
    struct Data {
        QString name;
        qint64 length = 0;
        QStringList elements; // head ... tail, up to scene::kMaxTiles (ends kept when elided)
        bool elided = false;
        int front = -1; // when elided: how many tiles come from the head (-1: half of them)
        bool missing = false; // the key does not exist: clients wait for its first element
        bool streamWait = false; // ... or its first stream entry
        bool gone = false; // the list was here and went away (emptied, deleted): a placeholder
        QVector<ClientBadge> waiters;
    };

    explicit ListItem(QGraphicsItem *parent = nullptr);
    void setData(const Data &d);
    const Data &data() const { return m_data; }
    // Scene position of the head / tail ends (where pops leave and pushes arrive).
    QPointF headPoint() const;
    QPointF tailPoint() const;
    // The list index (0 = head) of the element drawn at `pos` (item coordinates), or -1.
    qint64 elementIndexAt(const QPointF &pos) const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    QRectF tileRect(int shown) const; // the shown element's tile (the count sits in between)
    int frontTiles() const; // tiles before the count
    Data m_data;
};

} // namespace ql

// The Event log's filter and order over EventLogModel: by client, by key (substring), by
// kind (grouped as keys, lists, pub/sub, streams, clients) and newest or oldest first.
// Rows saying that events were dropped always pass.
#pragma once

#include "engine/event.h"

#include <QSet>
#include <QSortFilterProxyModel>

#include <bitset>

namespace ql {

class EventLogFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class KindGroup { Keys, Lists, PubSub, Streams, Clients };
    static constexpr int kGroupCount = 5;
    using KindSet = std::bitset<64>; // bit i = EventKind(i)
    enum class Order { OldestFirst, NewestFirst };

    static KindGroup groupOf(EventKind kind);
    static KindSet kindsOf(KindGroup group);
    static KindSet allKinds();
    static QString groupName(KindGroup group); // "keys", "lists", "pub/sub", "streams", "clients"

    explicit EventLogFilter(QObject *parent = nullptr);

    void setClients(const QSet<ClientId> &clients); // empty: every client
    QSet<ClientId> clients() const { return m_clients; }
    void setKeyFilter(const QString &substring); // case-insensitive; empty: every row
    QString keyFilter() const { return m_key; }
    void setKinds(KindSet kinds);
    void setKindGroups(const QList<KindGroup> &groups);
    KindSet kinds() const { return m_kinds; }
    void setOrder(Order order);
    Order order() const { return m_order; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QSet<ClientId> m_clients;
    QString m_key;
    KindSet m_kinds;
    Order m_order = Order::OldestFirst;
};

} // namespace ql

// EventLogFilter: reads EventLogModel's roles; newest-first sorts by arrival, descending.
#include "event_log_filter.h"

#include "event_log_model.h"

using namespace Qt::StringLiterals;

namespace ql {

static_assert(kEventKindCount <= static_cast<int>(EventLogFilter::KindSet().size()), "one bit per EventKind");

EventLogFilter::KindGroup EventLogFilter::groupOf(EventKind kind)
{
    switch (kind) {
    case EventKind::KeyCreated:
    case EventKind::KeyRemoved:
    case EventKind::KeyRenamed:
    case EventKind::KeyExpireSet:
    case EventKind::StringSet:
    case EventKind::Flushed: return KindGroup::Keys;
    case EventKind::Pushed:
    case EventKind::Popped:
    case EventKind::ListMoved:
    case EventKind::ListChanged: return KindGroup::Lists;
    case EventKind::Subscribed:
    case EventKind::Unsubscribed:
    case EventKind::Published:
    case EventKind::Delivered:
    case EventKind::NoReceiver: return KindGroup::PubSub;
    case EventKind::StreamAdded:
    case EventKind::StreamTrimmed:
    case EventKind::StreamDeleted:
    case EventKind::StreamIdSet:
    case EventKind::GroupCreated:
    case EventKind::GroupDestroyed:
    case EventKind::GroupIdSet:
    case EventKind::ConsumerCreated:
    case EventKind::ConsumerDeleted:
    case EventKind::GroupDelivered:
    case EventKind::Acked:
    case EventKind::Claimed:
    case EventKind::PendingDropped: return KindGroup::Streams;
    case EventKind::BlockRequested: // waits, connections and transactions belong to clients
    case EventKind::Unblocked:
    case EventKind::ClientOpened:
    case EventKind::ClientClosed:
    case EventKind::ClientRenamed:
    case EventKind::CommandQueued:
    case EventKind::TransactionRun:
    case EventKind::TransactionStarted:
    case EventKind::TransactionDiscarded: return KindGroup::Clients;
    }
    return KindGroup::Clients;
}

EventLogFilter::KindSet EventLogFilter::kindsOf(KindGroup group)
{
    KindSet set;
    for (int k = 0; k < kEventKindCount; ++k) {
        if (groupOf(static_cast<EventKind>(k)) == group)
            set.set(static_cast<std::size_t>(k));
    }
    return set;
}

EventLogFilter::KindSet EventLogFilter::allKinds()
{
    KindSet set;
    for (int g = 0; g < kGroupCount; ++g)
        set |= kindsOf(static_cast<KindGroup>(g));
    return set;
}

QString EventLogFilter::groupName(KindGroup group)
{
    switch (group) {
    case KindGroup::Keys: return u"keys"_s;
    case KindGroup::Lists: return u"lists"_s;
    case KindGroup::PubSub: return u"pub/sub"_s;
    case KindGroup::Streams: return u"streams"_s;
    case KindGroup::Clients: return u"clients"_s;
    }
    return {};
}

EventLogFilter::EventLogFilter(QObject *parent) : QSortFilterProxyModel(parent), m_kinds(allKinds())
{
    setDynamicSortFilter(true);
}

void EventLogFilter::setClients(const QSet<ClientId> &clients)
{
    m_clients = clients;
    invalidateFilter();
}

void EventLogFilter::setKeyFilter(const QString &substring)
{
    m_key = substring;
    invalidateFilter();
}

void EventLogFilter::setKinds(KindSet kinds)
{
    m_kinds = kinds;
    invalidateFilter();
}

void EventLogFilter::setKindGroups(const QList<KindGroup> &groups)
{
    KindSet set;
    for (KindGroup g : groups)
        set |= kindsOf(g);
    setKinds(set);
}

void EventLogFilter::setOrder(Order order)
{
    m_order = order;
    // Oldest first is the source's own order: no sorting needed.
    if (order == Order::NewestFirst)
        sort(0, Qt::DescendingOrder);
    else
        sort(-1);
}

bool EventLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const int kind = index.data(EventLogModel::KindRole).toInt();
    if (kind == EventLogModel::kDroppedKind)
        return true;
    if (kind < 0 || !m_kinds.test(static_cast<std::size_t>(kind)))
        return false;
    if (!m_clients.isEmpty()
        && !m_clients.contains(static_cast<ClientId>(index.data(EventLogModel::ClientIdRole).toLongLong())))
        return false;
    if (m_key.isEmpty())
        return true;
    const QStringList keys = index.data(EventLogModel::KeysRole).toStringList();
    for (const QString &k : keys) {
        if (k.contains(m_key, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool EventLogFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    return left.row() < right.row(); // rows arrive in feed order
}

} // namespace ql

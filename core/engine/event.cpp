#include "event.h"

namespace ql {

const char *eventKindName(EventKind k)
{
    switch (k) {
    case EventKind::KeyCreated: return "key-created";
    case EventKind::KeyRemoved: return "key-removed";
    case EventKind::KeyRenamed: return "key-renamed";
    case EventKind::KeyExpireSet: return "key-expire-set";
    case EventKind::StringSet: return "string-set";
    case EventKind::Pushed: return "pushed";
    case EventKind::Popped: return "popped";
    case EventKind::ListMoved: return "list-moved";
    case EventKind::ListChanged: return "list-changed";
    case EventKind::Subscribed: return "subscribed";
    case EventKind::Unsubscribed: return "unsubscribed";
    case EventKind::Published: return "published";
    case EventKind::Delivered: return "delivered";
    case EventKind::NoReceiver: return "lost-no-receiver";
    case EventKind::StreamAdded: return "stream-added";
    case EventKind::StreamTrimmed: return "stream-trimmed";
    case EventKind::StreamDeleted: return "stream-deleted";
    case EventKind::StreamIdSet: return "stream-id-set";
    case EventKind::GroupCreated: return "group-created";
    case EventKind::GroupDestroyed: return "group-destroyed";
    case EventKind::GroupIdSet: return "group-id-set";
    case EventKind::ConsumerCreated: return "consumer-created";
    case EventKind::ConsumerDeleted: return "consumer-deleted";
    case EventKind::GroupDelivered: return "group-delivered";
    case EventKind::Acked: return "acked";
    case EventKind::Claimed: return "claimed";
    case EventKind::Flushed: return "flushed";
    case EventKind::BlockRequested: return "blocked";
    case EventKind::Unblocked: return "unblocked";
    case EventKind::ClientOpened: return "client-opened";
    case EventKind::ClientClosed: return "client-closed";
    case EventKind::ClientRenamed: return "client-renamed";
    case EventKind::CommandQueued: return "command-queued";
    case EventKind::TransactionRun: return "transaction-run";
    case EventKind::TransactionStarted: return "transaction-started";
    case EventKind::TransactionDiscarded: return "transaction-discarded";
    case EventKind::PendingDropped: return "pending-dropped";
    }
    return "unknown";
}

} // namespace ql

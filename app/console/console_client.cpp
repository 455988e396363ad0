#include "console_client.h"

#include "cli/reply_formatter.h"

#include "api/backend.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <mutex>

namespace ql {

// Replies and pushes wait here between the broker thread and the GUI thread. However fast
// they come (a flood of pub/sub messages), the GUI gets one call per event-loop turn.
struct ConsoleClient::Inbox {
    std::mutex mutex;
    std::vector<Reply> replies;
    bool scheduled = false;
};

ConsoleClient::ConsoleClient(Backend &backend, const QString &name, QObject *parent)
    : QObject(parent), m_backend(backend), m_name(name), m_inbox(std::make_shared<Inbox>())
{
    m_id = m_backend.open(name.toStdString(), makeSink());
}

ConsoleClient::ConsoleClient(Backend &backend, const QString &name, ClientId adopt, QObject *parent)
    : QObject(parent), m_backend(backend), m_name(name), m_id(adopt), m_inbox(std::make_shared<Inbox>())
{
    m_backend.rebind(adopt, makeSink());
}

ClientSink ConsoleClient::makeSink()
{
    QPointer<ConsoleClient> self(this);
    ClientSink sink;
    // Called on the broker thread: queue, and wake the GUI thread once per batch.
    sink.reply = [self, inbox = m_inbox](const Reply &r, int protocol) {
        Reply shown = replyAsReceived(r, protocol); // RESP2 sees maps as flat arrays, as redis-cli does
        {
            std::lock_guard lock(inbox->mutex);
            inbox->replies.push_back(std::move(shown));
            if (inbox->scheduled)
                return;
            inbox->scheduled = true;
        }
        // At most one delivery per frame: a flood becomes a few large batches.
        QMetaObject::invokeMethod(
            qApp,
            [self] {
                if (self)
                    QTimer::singleShot(kBatchIntervalMs, self, &ConsoleClient::deliverQueued);
            },
            Qt::QueuedConnection);
    };
    sink.closed = [self, inbox = m_inbox](const std::string &reason) {
        QMetaObject::invokeMethod(
            qApp,
            [self, reason] {
                if (self) {
                    self->deliverQueued(); // the replies before the close come first
                    self->m_open = false;
                    Q_EMIT self->closedByServer(QString::fromStdString(reason));
                }
            },
            Qt::QueuedConnection);
    };
    return sink;
}

void ConsoleClient::deliverQueued()
{
    std::vector<Reply> batch;
    {
        std::lock_guard lock(m_inbox->mutex);
        batch.swap(m_inbox->replies);
        m_inbox->scheduled = false;
    }
    // A console cannot show a million messages usefully: the first ones of a batch are
    // printed, the rest are counted.
    const std::size_t shown = std::min(batch.size(), kMaxRepliesPerBatch);
    const qsizetype skipped = static_cast<qsizetype>(batch.size() - shown);
    batch.resize(shown);
    Q_EMIT repliesReceived(batch, skipped);
    for (const Reply &r : batch)
        Q_EMIT replyReceived(r);
    if (skipped > 0)
        Q_EMIT repliesSkipped(skipped);
}

ConsoleClient::~ConsoleClient()
{
    if (m_open)
        m_backend.close(m_id);
}

void ConsoleClient::send(const QList<QByteArray> &argv)
{
    std::vector<std::string> args;
    args.reserve(static_cast<std::size_t>(argv.size()));
    for (const QByteArray &a : argv)
        args.emplace_back(a.constData(), static_cast<std::size_t>(a.size()));
    m_backend.send(m_id, std::move(args));
    Q_EMIT commandSent(argv);
}

} // namespace ql

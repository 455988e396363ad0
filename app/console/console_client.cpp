#include "console_client.h"

#include "api/backend.h"

#include <QCoreApplication>
#include <QPointer>

namespace ql {

ConsoleClient::ConsoleClient(Backend &backend, const QString &name, QObject *parent)
    : QObject(parent), m_backend(backend), m_name(name)
{
    QPointer<ConsoleClient> self(this);
    ClientSink sink;
    // Called on the broker thread: hop to the GUI thread, where `self` is checked.
    sink.reply = [self](const Reply &r, int) {
        QMetaObject::invokeMethod(
            qApp,
            [self, r] {
                if (self)
                    Q_EMIT self->replyReceived(r);
            },
            Qt::QueuedConnection);
    };
    sink.closed = [self](const std::string &reason) {
        QMetaObject::invokeMethod(
            qApp,
            [self, reason] {
                if (self) {
                    self->m_open = false;
                    Q_EMIT self->closedByServer(QString::fromStdString(reason));
                }
            },
            Qt::QueuedConnection);
    };
    m_id = m_backend.open(name.toStdString(), std::move(sink));
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
}

} // namespace ql

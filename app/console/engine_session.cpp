#include "engine_session.h"

#include "cli/reply_formatter.h"
#include "engine/engine.h"

#include <QDateTime>

namespace ql {

class EngineWorker : public QObject {
    Q_OBJECT
public:
    EngineWorker() { m_engine.openClient(kClientId, "console", QDateTime::currentMSecsSinceEpoch()); }

    void execute(const QList<QByteArray> &argv)
    {
        std::vector<std::string> args;
        args.reserve(static_cast<std::size_t>(argv.size()));
        for (const QByteArray &a : argv)
            args.emplace_back(a.constData(), static_cast<std::size_t>(a.size()));
        // Without a broker nobody can wake a waiter: blocking commands answer at once.
        ExecResult r = m_engine.execute(kClientId, args, QDateTime::currentMSecsSinceEpoch(), ExecOptions{false});
        m_engine.takeEvents();
        const Reply &reply = r.block ? r.block->timeoutReply : r.reply;
        Q_EMIT finished(QString::fromStdString(formatReplyForCli(reply)), reply.isError());
    }

Q_SIGNALS:
    void finished(const QString &text, bool isError);

private:
    static constexpr ClientId kClientId = 1;
    Engine m_engine;
};

EngineSession::EngineSession(QObject *parent) : QObject(parent), m_worker(new EngineWorker)
{
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &EngineWorker::finished, this, &EngineSession::commandFinished);
    m_thread.setObjectName(QStringLiteral("engine"));
    m_thread.start();
}

EngineSession::~EngineSession()
{
    m_thread.quit();
    m_thread.wait();
}

void EngineSession::send(const QList<QByteArray> &argv)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, argv] { w->execute(argv); }, Qt::QueuedConnection);
}

} // namespace ql

#include "engine_session.moc"

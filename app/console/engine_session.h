// EngineSession: runs an Engine on its own thread and answers commands from one client
// with redis-cli formatted text. The GUI thread only posts argv and receives text.
// (The threaded broker with many clients and blocking replaces it later.)
#pragma once

#include <QObject>
#include <QStringList>
#include <QThread>

#include <memory>

namespace ql {

class EngineWorker;

class EngineSession : public QObject {
    Q_OBJECT
public:
    explicit EngineSession(QObject *parent = nullptr);
    ~EngineSession() override;

    // Queues a command (argv as raw bytes); commandFinished arrives later.
    void send(const QList<QByteArray> &argv);

Q_SIGNALS:
    void commandFinished(const QString &replyText, bool isError);

private:
    QThread m_thread;
    EngineWorker *m_worker = nullptr;
};

} // namespace ql

// ConsoleClient: one named client of the broker as seen from the GUI thread. Commands go
// to the broker thread; replies and pushes come back as queued signals, never blocking
// the GUI.
#pragma once

#include "engine/event.h"
#include "engine/reply.h"

#include <QList>
#include <QObject>
#include <QString>

namespace ql {

class Backend;

class ConsoleClient : public QObject {
    Q_OBJECT
public:
    ConsoleClient(Backend &backend, const QString &name, QObject *parent = nullptr);
    ~ConsoleClient() override;

    QString name() const { return m_name; }
    ClientId id() const { return m_id; }
    // Queues a command (argv as raw bytes); the reply arrives as replyReceived.
    void send(const QList<QByteArray> &argv);

Q_SIGNALS:
    void replyReceived(const ql::Reply &reply);
    void closedByServer(const QString &reason);

private:
    Backend &m_backend;
    QString m_name;
    ClientId m_id = kNoClient;
    bool m_open = true;
};

} // namespace ql

Q_DECLARE_METATYPE(ql::Reply)

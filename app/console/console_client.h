// ConsoleClient: one named client of the broker as seen from the GUI thread. Commands go
// to the broker thread; replies and pushes come back as queued signals, never blocking
// the GUI.
#pragma once

#include "broker/broker_session.h"
#include "engine/event.h"
#include "engine/reply.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace ql {

class Backend;

class ConsoleClient : public QObject {
    Q_OBJECT
public:
    ConsoleClient(Backend &backend, const QString &name, QObject *parent = nullptr);
    // Takes over a connection that is already open (a scenario's client), as it is:
    // blocked, subscribed or in a transaction.
    ConsoleClient(Backend &backend, const QString &name, ClientId adopt, QObject *parent = nullptr);
    ~ConsoleClient() override;

    QString name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    ClientId id() const { return m_id; }
    // Queues a command (argv as raw bytes); the reply arrives as replyReceived.
    void send(const QList<QByteArray> &argv);

    // Most replies a console prints from one burst; the rest are counted (repliesSkipped).
    static constexpr std::size_t kMaxRepliesPerBatch = 200;
    static constexpr int kBatchIntervalMs = 16; // replies reach the GUI at most once a frame

Q_SIGNALS:
    // A command went to the broker (File > Record listens).
    void commandSent(const QList<QByteArray> &argv);
    // One batch, in order: the replies printed, and how many more arrived and are not.
    void repliesReceived(const std::vector<ql::Reply> &replies, qsizetype skipped);
    void replyReceived(const ql::Reply &reply);
    void repliesSkipped(qsizetype count);
    void closedByServer(const QString &reason);

private:
    struct Inbox;
    void deliverQueued();
    ClientSink makeSink();

    Backend &m_backend;
    QString m_name;
    ClientId m_id = kNoClient;
    bool m_open = true;
    std::shared_ptr<Inbox> m_inbox;
};

} // namespace ql

Q_DECLARE_METATYPE(ql::Reply)

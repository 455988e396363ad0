// The Event log's table: one row per engine event (time, client, kind, key, sentence),
// filled in batches from the broker's feed. It keeps the newest rows only, marks events
// the feed dropped with a row of their own, and names clients as they were named when
// each event happened.
#pragma once

#include "event_text.h"

#include "broker/event_feed.h"

#include <QAbstractTableModel>

#include <deque>
#include <memory>

namespace ql {

class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, ClientColumn, KindColumn, KeyColumn, DescriptionColumn, ColumnCount };
    enum Role {
        ClientIdRole = Qt::UserRole + 1, // qint64; 0 for the server and for dropped-events rows
        KindRole, // int(EventKind), or kDroppedKind
        KeysRole, // QStringList: every key the event concerns (for BLPOP all the keys waited on)
        ColorIndexRole, // int: the client's colour, 0..11 by order of first appearance; -1 for none
        SeqRole, // qulonglong: the feed's sequence number; 0 for dropped-events rows
        TimeMsRole, // qint64: the event's time in ms
    };
    static constexpr int kDroppedKind = -1;
    static constexpr int kDefaultMaxRows = 50000;
    static constexpr int kColorCount = 12;

    explicit EventLogModel(QObject *parent = nullptr);
    ~EventLogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // One insertion per call; the oldest rows go first when the log is full.
    void append(const std::vector<Event> &events);
    // A drained batch: a "N events were dropped" row (when it says so), then its events.
    void append(const EventBatch &batch);
    // The same without an EventBatch to build: a "dropped" row first when `dropped` > 0.
    void appendEvents(const std::vector<Event> &events, std::uint64_t dropped);
    void clear(); // the rows only: client names and colours stay
    // Clears, and leaves out events up to `seq` that are still on their way (a scenario
    // starts its story after the window's clients closed).
    void clearThrough(std::uint64_t seq);

    void setMaxRows(int rows); // at least 1; drops the oldest rows beyond it
    // The time column counts from here (the moment the window opened); 0 by default.
    void setTimeOrigin(std::int64_t ms) { m_timeOrigin = ms; }
    std::int64_t timeOrigin() const { return m_timeOrigin; }
    int maxRows() const { return m_maxRows; }

    // Names and colours of clients that existed before the log started, or chosen by the
    // window; ClientOpened and ClientRenamed events update the names themselves.
    void setClientName(ClientId id, const QString &name) { m_names.set(id, name); }
    void setClientColorIndex(ClientId id, int index);
    const ClientNames &names() const { return m_names; }
    int colorIndex(ClientId id) const; // -1 when the client has not appeared

private:
    std::int64_t m_timeOrigin = 0;
    struct Row {
        Event event;
        std::uint64_t dropped = 0; // > 0: a dropped-events row; `event` holds only its time
        QString client; // the client's name when the event happened
        QString description;
        std::shared_ptr<const Event> published; // Delivered / NoReceiver: the message's event
    };
    Row makeRow(const Event &e);
    // Names, colours and the last Published event; returns the Published event whose
    // message a Delivered / NoReceiver event carries.
    std::shared_ptr<const Event> track(const Event &e);
    void insert(std::vector<Row> rows);
    std::uint64_t m_skipThrough = 0;
    void dropOldest(std::size_t n);

    std::deque<Row> m_rows;
    int m_maxRows = kDefaultMaxRows;
    ClientNames m_names;
    QHash<ClientId, int> m_colors;
    int m_nextColor = 0;
    std::shared_ptr<const Event> m_lastPublished; // for the Delivered / NoReceiver after it
    std::int64_t m_lastTimeMs = 0;
};

} // namespace ql

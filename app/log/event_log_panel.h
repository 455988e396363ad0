// The Event log dock: every event in order as a readable sentence, filterable by client,
// by key text and by kind (keys, lists, pub/sub, streams, clients), newest last or first, clearable.
#pragma once

#include <QWidget>

#include <cstdint>
#include <utility>
#include <vector>

class QComboBox;
class QLineEdit;
class QTableView;

namespace ql {

struct Event;
class EventLogFilter;
class EventLogModel;

class EventLogPanel : public QWidget {
    Q_OBJECT
public:
    explicit EventLogPanel(QWidget *parent = nullptr);

    void append(const std::vector<Event> &events, std::uint64_t dropped);
    // The clients the client filter offers (id, name); the choice made is kept while that
    // client is still listed.
    void setClientChoices(const std::vector<std::pair<std::int64_t, QString>> &clients);
    EventLogModel *model() const { return m_model; }
    EventLogFilter *filter() const { return m_filter; }
    QTableView *view() const { return m_view; }
    QComboBox *clientChoice() const { return m_clients; }

private:
    void applyKinds();

    EventLogModel *m_model;
    EventLogFilter *m_filter;
    QLineEdit *m_key;
    QComboBox *m_clients;
    QComboBox *m_kinds;
    QComboBox *m_order;
    QTableView *m_view;
    bool m_follow = true; // keep the newest row in sight
    std::vector<std::pair<std::int64_t, QString>> m_clientChoices;
};

} // namespace ql

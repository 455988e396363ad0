// InspectorPanel: the Inspector dock's contents: the selected key, client or channel in
// full, as live tables. It is given snapshots, not a broker: the window calls showKey /
// showClient / showChannel with the selected thing after every snapshot it takes. Showing
// the same thing again updates the tables in place (the user's scroll position and
// selection stay); showing something else refills them.
//
// Pages: a list (index, element), a stream (entries, groups, the selected group's
// consumers and pending entries), a string (value, length, TTL), a client (name, id, db,
// protocol, state), a channel (counters, subscribers in delivery order, its latest
// messages and their fate) and a message (its history, step by step).
#pragma once

#include "inspector_format.h"
#include "properties_model.h"

#include "api/world_snapshot.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;

namespace ql {

class InspectorTableView;
class ListModel;
class PropertiesModel;
class StreamView;
class SubscribersModel;

class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    using NameOf = ClientNameOf;
    enum class Page { Empty, List, Stream, String, Client, Channel, Message };

    explicit InspectorPanel(QWidget *parent = nullptr);

    void showKey(const KeySnapshot &k, std::int64_t nowMs, NameOf nameOf = {});
    void showClient(const ClientSnapshot &c, std::int64_t nowMs, NameOf nameOf = {});
    void showChannel(const ChannelSnapshot &ch, qint64 published, qint64 delivered, qint64 lost, NameOf nameOf = {});
    // A message's history (a stream entry, a list element): one row per step.
    void showMessage(
        const QString &subject, const QString &title, const QString &summary, const std::vector<Property> &steps);
    // The channel page's latest messages and what became of each (after showChannel).
    void setRecentMessages(const std::vector<Property> &messages);
    // Nothing selected; `message` says why (e.g. the key was deleted), else the hint.
    void clear(const QString &message = {});

    Page page() const { return m_page; }
    // What is shown: "key:<db>:<name>", "client:<id>", "channel:<name>", "pattern:<name>",
    // "shard:<name>", or "" when nothing is.
    QString subject() const { return m_subject; }
    QString title() const;
    QString summary() const;
    QString emptyMessage() const;

    ListModel *listModel() const { return m_list; }
    StreamView *streamView() const { return m_stream; }
    PropertiesModel *stringModel() const { return m_string; }
    PropertiesModel *clientModel() const { return m_client; }
    PropertiesModel *channelModel() const { return m_channel; }
    PropertiesModel *historyModel() const { return m_history; }
    PropertiesModel *recentMessagesModel() const { return m_recent; }
    SubscribersModel *subscribersModel() const { return m_subscribers; }
    InspectorTableView *listView() const { return m_listView; }
    InspectorTableView *subscribersView() const { return m_subscribersView; }
    QPlainTextEdit *stringValueView() const { return m_stringValue; }

private:
    // Switches page and subject; true when the subject is the one shown already.
    bool enter(Page page, const QString &subject);
    void setHeader(const QString &title, const QString &summary);

    Page m_page = Page::Empty;
    QString m_subject;
    QLabel *m_title;
    QLabel *m_summary;
    QStackedWidget *m_pages;
    QLabel *m_empty;
    ListModel *m_list;
    InspectorTableView *m_listView;
    StreamView *m_stream;
    PropertiesModel *m_string;
    QPlainTextEdit *m_stringValue;
    PropertiesModel *m_client;
    PropertiesModel *m_channel;
    SubscribersModel *m_subscribers;
    InspectorTableView *m_subscribersView;
    PropertiesModel *m_recent;
    PropertiesModel *m_history;
};

} // namespace ql

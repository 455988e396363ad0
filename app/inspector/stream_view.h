// StreamView: the Inspector's page for a stream: its entries, its consumer groups, and the
// consumers and pending entries of the group selected in the groups table (the first group
// until the user picks one). Updates of the same stream keep the selected group.
#pragma once

#include "api/world_snapshot.h"

#include <QWidget>

class QLabel;
class QTabWidget;

namespace ql {

class ConsumersModel;
class GroupsModel;
class InspectorTableView;
class PendingModel;
class StreamEntriesModel;

class StreamView : public QWidget {
    Q_OBJECT
public:
    explicit StreamView(QWidget *parent = nullptr);

    // sameKey: the stream shown already (tables updated in place).
    void setStream(const KeySnapshot &k, std::int64_t nowMs, bool sameKey);
    void clear();
    // The group whose consumers and pending entries are shown ("" when none).
    QString selectedGroup() const { return m_group; }
    void selectGroup(const QString &name);

    StreamEntriesModel *entriesModel() const { return m_entries; }
    GroupsModel *groupsModel() const { return m_groups; }
    ConsumersModel *consumersModel() const { return m_consumers; }
    PendingModel *pendingModel() const { return m_pending; }
    InspectorTableView *entriesView() const { return m_entriesView; }
    InspectorTableView *groupsView() const { return m_groupsView; }
    InspectorTableView *consumersView() const { return m_consumersView; }
    InspectorTableView *pendingView() const { return m_pendingView; }
    QString groupTitle() const;

private:
    QString groupInView() const; // the group selected in the groups table
    void showGroup(bool sameGroup);

    KeySnapshot m_key;
    std::int64_t m_nowMs = 0;
    QString m_group;
    bool m_updating = false;
    StreamEntriesModel *m_entries;
    GroupsModel *m_groups;
    ConsumersModel *m_consumers;
    PendingModel *m_pending;
    QLabel *m_entriesLabel;
    QLabel *m_groupsLabel;
    QLabel *m_groupLabel;
    QTabWidget *m_groupTabs;
    InspectorTableView *m_entriesView;
    InspectorTableView *m_groupsView;
    InspectorTableView *m_consumersView;
    InspectorTableView *m_pendingView;
};

} // namespace ql

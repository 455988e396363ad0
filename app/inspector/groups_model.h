// GroupsModel: a stream's consumer groups as XINFO GROUPS tells them (name, last delivered
// ID, entries read, lag, pending count, consumers count), one row per group by name.
#pragma once

#include "inspector_table_model.h"

#include "api/world_snapshot.h"

namespace ql {

class GroupsModel : public InspectorTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, LastDeliveredColumn, EntriesReadColumn, LagColumn, PendingColumn, ConsumersColumn };
    explicit GroupsModel(QObject *parent = nullptr);
    // sameKey: the same stream again (updated in place, rows matched by group name).
    void setGroups(const std::vector<GroupSnapshot> &groups, bool sameKey);
};

} // namespace ql

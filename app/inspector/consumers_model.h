// ConsumersModel: the consumers of one group (name, pending count, idle time), one row
// per consumer by name.
#pragma once

#include "inspector_table_model.h"

#include "api/world_snapshot.h"

namespace ql {

class ConsumersModel : public InspectorTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, PendingColumn, IdleColumn };
    explicit ConsumersModel(QObject *parent = nullptr);
    // group null: no group (empty table). sameGroup: the same group again (in place).
    void setConsumers(const GroupSnapshot *group, std::int64_t nowMs, bool sameGroup);
};

} // namespace ql

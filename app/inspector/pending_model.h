// PendingModel: the pending entries of one group (ID, consumer, idle time, delivery
// count), oldest first, one row per entry by ID; a "... N more ..." row at the end when
// the snapshot holds only the oldest of them.
#pragma once

#include "inspector_table_model.h"

#include "api/world_snapshot.h"

namespace ql {

class PendingModel : public InspectorTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, ConsumerColumn, IdleColumn, DeliveriesColumn };
    explicit PendingModel(QObject *parent = nullptr);
    // group null: no group (empty table). sameGroup: the same group again (in place).
    void setPending(const GroupSnapshot *group, std::int64_t nowMs, bool sameGroup);
};

} // namespace ql

// StreamEntriesModel: a stream's entries (ID, fields as "f=v, f=v"), oldest first, with a
// "... N more ..." row where the snapshot left out the middle of a long stream.
#pragma once

#include "inspector_table_model.h"

#include "api/world_snapshot.h"

namespace ql {

class StreamEntriesModel : public InspectorTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, FieldsColumn };
    explicit StreamEntriesModel(QObject *parent = nullptr);
    // sameKey: the same stream again (updated in place, rows matched by entry id).
    void setEntries(const KeySnapshot &k, bool sameKey);
};

} // namespace ql

// ListModel: a list key's elements as the Inspector shows them (index, element), with a
// "... N more ..." row where the snapshot left out the middle of a long list.
#pragma once

#include "inspector_table_model.h"

#include "api/world_snapshot.h"

namespace ql {

class ListModel : public InspectorTableModel {
    Q_OBJECT
public:
    enum Column { IndexColumn, ElementColumn };
    explicit ListModel(QObject *parent = nullptr);
    // sameKey: the same list again (updated in place, rows matched by index).
    void setList(const KeySnapshot &k, bool sameKey);
};

} // namespace ql

// The Inspector's table view: whole-row single selection, read-only, no row numbers, the
// last column stretched, columns sized to their contents when a table is (re)filled.
#pragma once

#include <QTableView>

namespace ql {

class InspectorTableView : public QTableView {
    Q_OBJECT
public:
    explicit InspectorTableView(QAbstractItemModel *model, QWidget *parent = nullptr);

private:
    void fitColumns();
};

} // namespace ql

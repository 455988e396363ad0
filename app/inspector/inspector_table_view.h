// The Inspector's table view: whole-row single selection, read-only, no row numbers, the
// model's stretch column taking the width left over, the other columns sized to their
// contents when a table is (re)filled.
#pragma once

#include <QTableView>

namespace ql {

class InspectorTableModel;

class InspectorTableView : public QTableView {
    Q_OBJECT
public:
    explicit InspectorTableView(InspectorTableModel *model, QWidget *parent = nullptr);
    // A fixed height showing `rows` rows and the header (short tables of properties).
    void fitHeightTo(int rows);
    // Long sentences (a message's history): wrapped, each row as tall as its text.
    void wrapLongText();

private:
    void fitColumns();
    int m_stretch;
};

} // namespace ql

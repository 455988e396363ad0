// The Inspector's table view (see the header).
#include "inspector_table_view.h"

#include <QHeaderView>

namespace ql {

InspectorTableView::InspectorTableView(QAbstractItemModel *model, QWidget *parent) : QTableView(parent)
{
    setModel(model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    setAlternatingRowColors(true);
    setTextElideMode(Qt::ElideMiddle);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    fitColumns();
    // Sized to the contents when the table is refilled or gets its first rows; live
    // updates leave the widths alone so that columns do not jump as values change.
    connect(model, &QAbstractItemModel::modelReset, this, &InspectorTableView::fitColumns);
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        if (first == 0 && last + 1 == this->model()->rowCount())
            fitColumns();
    });
}

void InspectorTableView::fitColumns()
{
    const int columns = model()->columnCount();
    for (int c = 0; c + 1 < columns; ++c) {
        resizeColumnToContents(c);
        setColumnWidth(c, qMin(columnWidth(c), 260));
    }
}

} // namespace ql

// The Inspector's table view (see the header).
#include "inspector_table_view.h"

#include "inspector_table_model.h"

#include <QHeaderView>

namespace ql {

InspectorTableView::InspectorTableView(InspectorTableModel *model, QWidget *parent)
    : QTableView(parent), m_stretch(model->stretchColumn())
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
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    horizontalHeader()->setStretchLastSection(false);
    if (m_stretch >= 0 && m_stretch < model->columnCount())
        horizontalHeader()->setSectionResizeMode(m_stretch, QHeaderView::Stretch);
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
    for (int c = 0; c < columns; ++c) {
        if (c == m_stretch)
            continue;
        resizeColumnToContents(c);
        setColumnWidth(c, qMin(columnWidth(c), 260));
    }
}

void InspectorTableView::wrapLongText()
{
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone);
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

void InspectorTableView::fitHeightTo(int rows)
{
    const int frame = 2 * frameWidth();
    setFixedHeight(horizontalHeader()->sizeHint().height() + rows * verticalHeader()->defaultSectionSize() + frame);
}

} // namespace ql

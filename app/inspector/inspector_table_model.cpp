// InspectorTableModel: rows matched by key between snapshots (see the header).
#include "inspector_table_model.h"

#include <QColor>
#include <QFont>
#include <QFontDatabase>
#include <QHash>
#include <QSet>

namespace ql {

InspectorTableModel::InspectorTableModel(std::vector<Column> columns, int stretchColumn, QObject *parent)
    : QAbstractTableModel(parent), m_columns(std::move(columns)), m_stretch(stretchColumn)
{
}

int InspectorTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int InspectorTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant InspectorTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const InspectorRow &row = m_rows[static_cast<std::size_t>(index.row())];
    if (role == KeyRole)
        return row.key;
    const auto column = static_cast<std::size_t>(index.column());
    if (column >= row.cells.size())
        return {};
    const InspectorCell &cell = row.cells[column];
    switch (role) {
    case Qt::DisplayRole: return cell.text;
    case Qt::ToolTipRole: return cell.toolTip.isEmpty() ? (cell.text.isEmpty() ? QVariant() : cell.text) : cell.toolTip;
    case Qt::TextAlignmentRole:
        return static_cast<int>((cell.number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::FontRole: {
        if (!cell.mono && !row.note)
            return {};
        QFont font = cell.mono ? QFontDatabase::systemFont(QFontDatabase::FixedFont) : QFont();
        font.setItalic(row.note);
        return font;
    }
    case Qt::ForegroundRole:
        if (row.note)
            return QColor(Qt::gray);
        return {};
    default: return {};
    }
}

QVariant InspectorTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= static_cast<int>(m_columns.size()))
        return QAbstractTableModel::headerData(section, orientation, role);
    const Column &c = m_columns[static_cast<std::size_t>(section)];
    if (role == Qt::DisplayRole)
        return c.title;
    if (role == Qt::ToolTipRole && !c.toolTip.isEmpty())
        return c.toolTip;
    if (role == Qt::TextAlignmentRole)
        return static_cast<int>((c.number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    return {};
}

QString InspectorTableModel::text(int row, int column) const
{
    if (row < 0 || row >= rowCount() || column < 0)
        return {};
    const auto &cells = m_rows[static_cast<std::size_t>(row)].cells;
    return static_cast<std::size_t>(column) < cells.size() ? cells[static_cast<std::size_t>(column)].text : QString();
}

QString InspectorTableModel::rowKey(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[static_cast<std::size_t>(row)].key : QString();
}

int InspectorTableModel::rowOf(const QString &key) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].key == key)
            return static_cast<int>(i);
    return -1;
}

bool InspectorTableModel::isNote(int row) const
{
    return row >= 0 && row < rowCount() && m_rows[static_cast<std::size_t>(row)].note;
}

void InspectorTableModel::clear()
{
    setRows({}, false);
}

void InspectorTableModel::setRows(std::vector<InspectorRow> rows, bool sameSubject)
{
    for (auto &r : rows)
        r.cells.resize(m_columns.size());
    if (sameSubject) {
        QSet<QString> keys;
        keys.reserve(static_cast<qsizetype>(rows.size()));
        bool unique = true;
        for (const auto &r : rows) {
            if (keys.contains(r.key)) {
                unique = false;
                break;
            }
            keys.insert(r.key);
        }
        if (unique) {
            update(std::move(rows));
            return;
        }
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

// Walks the new rows in order. The rows of the model not yet matched are the old ones, in
// their old order, from model row `at` on; `next` is the old index of the first of them.
// A new row whose key comes later among them drops the old rows before it; a new row whose
// key is not among them is inserted. Consecutive inserts go in one batch.
void InspectorTableModel::update(std::vector<InspectorRow> rows)
{
    QHash<QString, std::size_t> oldIndex;
    oldIndex.reserve(static_cast<qsizetype>(m_rows.size()));
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        oldIndex.insert(m_rows[i].key, i);

    const int lastColumn = static_cast<int>(m_columns.size()) - 1;
    std::size_t at = 0; // model row where the next new row goes
    std::size_t next = 0; // old index of the row at `at` (old rows not matched yet)
    std::vector<InspectorRow> inserts; // new rows waiting to be inserted at `at`
    auto flush = [&] {
        if (inserts.empty())
            return;
        const int first = static_cast<int>(at);
        beginInsertRows({}, first, first + static_cast<int>(inserts.size()) - 1);
        m_rows.insert(m_rows.begin() + static_cast<std::ptrdiff_t>(at), std::make_move_iterator(inserts.begin()),
            std::make_move_iterator(inserts.end()));
        endInsertRows();
        at += inserts.size();
        inserts.clear();
    };
    for (auto &row : rows) {
        auto it = oldIndex.constFind(row.key);
        if (it == oldIndex.constEnd() || *it < next) {
            inserts.push_back(std::move(row));
            continue;
        }
        flush();
        if (*it > next) {
            const std::size_t n = *it - next;
            beginRemoveRows({}, static_cast<int>(at), static_cast<int>(at + n) - 1);
            m_rows.erase(
                m_rows.begin() + static_cast<std::ptrdiff_t>(at), m_rows.begin() + static_cast<std::ptrdiff_t>(at + n));
            endRemoveRows();
            next = *it;
        }
        if (!(m_rows[at] == row)) {
            m_rows[at] = std::move(row);
            const int r = static_cast<int>(at);
            Q_EMIT dataChanged(index(r, 0), index(r, lastColumn));
        }
        ++at;
        ++next;
    }
    flush();
    if (at < m_rows.size()) {
        beginRemoveRows({}, static_cast<int>(at), static_cast<int>(m_rows.size()) - 1);
        m_rows.erase(m_rows.begin() + static_cast<std::ptrdiff_t>(at), m_rows.end());
        endRemoveRows();
    }
}

} // namespace ql

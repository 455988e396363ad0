// InspectorTableModel: the base of every Inspector table. A subclass turns a snapshot into
// rows of display cells; each row has a key (an entry id, a group or consumer name, a list
// index) so that a new snapshot of the same thing updates the table in place: changed rows
// get dataChanged, new rows are inserted and vanished rows removed, which keeps the view's
// scroll position and selection. Showing something else resets the model.
#pragma once

#include <QAbstractTableModel>
#include <QString>

#include <utility>
#include <vector>

namespace ql {

struct InspectorCell {
    InspectorCell(QString t = {}, QString tip = {}, bool isNumber = false, bool isMono = false)
        : text(std::move(t)), toolTip(std::move(tip)), number(isNumber), mono(isMono)
    {
    }
    QString text;
    QString toolTip; // empty: the text itself
    bool number = false; // right-aligned
    bool mono = false; // fixed-width font (ids)
    friend bool operator==(const InspectorCell &, const InspectorCell &) = default;
};

struct InspectorRow {
    QString key; // unique within the table, stable across updates
    std::vector<InspectorCell> cells; // one per column
    bool note = false; // a "... N more ..." row: grey italics
    friend bool operator==(const InspectorRow &, const InspectorRow &) = default;
};

class InspectorTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    struct Column {
        QString title;
        QString toolTip;
        bool number = false; // a column of numbers: its title is right-aligned too
    };
    enum Role { KeyRole = Qt::UserRole + 1 }; // QString: the row's key

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString text(int row, int column) const;
    QString rowKey(int row) const;
    int rowOf(const QString &key) const; // -1 when no row has that key
    bool isNote(int row) const;
    void clear();
    // The column that takes the width left over (the widest text: elements, fields, names).
    int stretchColumn() const { return m_stretch; }

protected:
    InspectorTableModel(std::vector<Column> columns, int stretchColumn, QObject *parent);
    // The new contents. sameSubject: an update of what is shown (in place); otherwise a
    // reset. Keys must be unique; rows are matched by key, in order.
    void setRows(std::vector<InspectorRow> rows, bool sameSubject);

private:
    void update(std::vector<InspectorRow> rows);

    std::vector<Column> m_columns;
    int m_stretch;
    std::vector<InspectorRow> m_rows;
};

} // namespace ql

// StreamEntriesModel: stream entries by id, the elided middle as one row.
#include "stream_entries_model.h"

#include "inspector_format.h"

namespace ql {

StreamEntriesModel::StreamEntriesModel(QObject *parent)
    : InspectorTableModel(
        {{tr("ID"), tr("Entry ID: milliseconds-sequence")}, {tr("Fields"), tr("The entry's field=value pairs")}},
        FieldsColumn, parent)
{
}

void StreamEntriesModel::setEntries(const KeySnapshot &k, bool sameKey)
{
    std::vector<InspectorRow> rows;
    rows.reserve(k.entries.size() + 1);
    const std::size_t shown = k.entries.size();
    const std::size_t elided = k.length > shown ? k.length - shown : 0;
    const std::size_t split = elided > 0 ? std::min(k.elidedFrom, shown) : shown;
    for (std::size_t i = 0; i < shown; ++i) {
        if (i == split && elided > 0)
            rows.push_back(InspectorRow {QStringLiteral("\x01more"),
                {InspectorCell {QStringLiteral("..."), {}, false, true},
                    InspectorCell {moreText(elided), tr("%1 entries between these are not shown").arg(elided)}},
                true});
        const auto &e = k.entries[i];
        const QString id = QString::fromStdString(e.id);
        rows.push_back(InspectorRow {id,
            {InspectorCell {id, {}, false, true},
                InspectorCell {fieldsText(e.fieldsValues), fieldsToolTip(e.fieldsValues)}},
            false});
    }
    if (split == shown && elided > 0)
        rows.push_back(InspectorRow {QStringLiteral("\x01more"),
            {InspectorCell {QStringLiteral("..."), {}, false, true}, InspectorCell {moreText(elided)}}, true});
    setRows(std::move(rows), sameKey);
}

} // namespace ql

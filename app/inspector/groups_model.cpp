// GroupsModel: one row per consumer group.
#include "groups_model.h"

#include "inspector_format.h"

namespace ql {

GroupsModel::GroupsModel(QObject *parent)
    : InspectorTableModel(
        {{tr("Group"), tr("The consumer group's name")},
            {tr("Last delivered ID"), tr("The ID of the last entry delivered to the group (XREADGROUP >)")},
            {tr("Entries read"), tr("How many entries the group has read (XINFO GROUPS entries-read)"), true},
            {tr("Lag"), tr("Entries in the stream not delivered to the group yet"), true},
            {tr("Pending"), tr("Entries delivered to the group's consumers and not acknowledged yet (XACK)"), true},
            {tr("Consumers"), tr("Consumers the group knows"), true}},
        NameColumn, parent)
{
}

void GroupsModel::setGroups(const std::vector<GroupSnapshot> &groups, bool sameKey)
{
    std::vector<InspectorRow> rows;
    rows.reserve(groups.size());
    const QString unknown = QStringLiteral("-");
    for (const auto &g : groups) {
        const QString name = printable(g.name);
        const QString last = QString::fromStdString(g.lastDeliveredId);
        InspectorRow row {name, {}, false};
        row.cells.push_back({name, fullText(g.name)});
        row.cells.push_back({last, {}, false, true});
        row.cells.push_back(g.entriesRead
                ? InspectorCell {QString::number(*g.entriesRead), {}, true}
                : InspectorCell {unknown,
                    tr("Not known (nil in XINFO GROUPS): the group has not read since XGROUP CREATE or SETID"), true});
        row.cells.push_back(g.lag ? InspectorCell {QString::number(*g.lag), {}, true}
                                  : InspectorCell {unknown,
                                      tr("Not known (nil in XINFO GROUPS): entries were deleted (XDEL) "
                                         "where the group has not read yet"),
                                      true});
        row.cells.push_back({QString::number(g.pendingCount), {}, true});
        row.cells.push_back({QString::number(g.consumers.size()), {}, true});
        rows.push_back(std::move(row));
    }
    setRows(std::move(rows), sameKey);
}

} // namespace ql

// GroupsModel: one row per consumer group.
#include "groups_model.h"

#include "inspector_format.h"

namespace ql {

GroupsModel::GroupsModel(QObject *parent)
    : InspectorTableModel(
          {{tr("Group"), tr("The consumer group's name")},
              {tr("Last delivered ID"), tr("The ID of the last entry delivered to the group (XREADGROUP >)")},
              {tr("Entries read"), tr("How many entries the group has read (XINFO GROUPS entries-read)")},
              {tr("Lag"), tr("Entries in the stream not delivered to the group yet")},
              {tr("Pending"), tr("Entries delivered to the group's consumers and not acknowledged yet (XACK)")},
              {tr("Consumers"), tr("Consumers the group knows")}},
          parent)
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
                : InspectorCell {unknown, tr("Not known (the group was created at an arbitrary ID)"), true});
        row.cells.push_back(g.lag ? InspectorCell {QString::number(*g.lag), {}, true}
                                  : InspectorCell {unknown,
                                        tr("Not known: entries were deleted after the last delivered ID, or "
                                           "the group was created at an arbitrary ID"),
                                        true});
        row.cells.push_back({QString::number(g.pendingCount), {}, true});
        row.cells.push_back({QString::number(g.consumers.size()), {}, true});
        rows.push_back(std::move(row));
    }
    setRows(std::move(rows), sameKey);
}

} // namespace ql

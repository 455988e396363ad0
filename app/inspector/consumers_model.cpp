// ConsumersModel: one row per consumer of the selected group.
#include "consumers_model.h"

#include "inspector_format.h"

namespace ql {

ConsumersModel::ConsumersModel(QObject *parent)
    : InspectorTableModel({{tr("Consumer"), tr("The consumer's name (created by its first XREADGROUP)")},
                              {tr("Pending"), tr("Entries delivered to this consumer and not acknowledged yet"), true},
                              {tr("Idle"), tr("Time since the consumer last read or claimed"), true}},
        NameColumn, parent)
{
}

void ConsumersModel::setConsumers(const GroupSnapshot *group, std::int64_t nowMs, bool sameGroup)
{
    std::vector<InspectorRow> rows;
    if (group) {
        rows.reserve(group->consumers.size());
        for (const auto &c : group->consumers) {
            const QString name = printable(c.name);
            const std::int64_t idle = nowMs - c.seenTimeMs;
            rows.push_back(InspectorRow {name,
                {InspectorCell {name, fullText(c.name)}, InspectorCell {QString::number(c.pending), {}, true},
                    InspectorCell {secondsText(idle), tr("%1 ms").arg(std::max<std::int64_t>(idle, 0)), true}},
                false});
        }
    }
    setRows(std::move(rows), sameGroup);
}

} // namespace ql

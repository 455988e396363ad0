// PendingModel: one row per pending entry of the selected group.
#include "pending_model.h"

#include "inspector_format.h"

namespace ql {

PendingModel::PendingModel(QObject *parent)
    : InspectorTableModel({{tr("ID"), tr("The entry delivered and not acknowledged yet")},
                              {tr("Consumer"), tr("The consumer that holds it (XCLAIM moves it)")},
                              {tr("Idle"), tr("Time since it was last delivered"), true},
                              {tr("Deliveries"), tr("How many times it was delivered"), true}},
        ConsumerColumn, parent)
{
}

void PendingModel::setPending(const GroupSnapshot *group, std::int64_t nowMs, bool sameGroup)
{
    std::vector<InspectorRow> rows;
    if (group) {
        rows.reserve(group->pending.size() + 1);
        for (const auto &p : group->pending) {
            const QString id = QString::fromStdString(p.id);
            const QString consumer = printable(p.consumer);
            const std::int64_t idle = nowMs - p.deliveryTimeMs;
            rows.push_back(InspectorRow {id,
                {InspectorCell {id, {}, false, true}, InspectorCell {consumer, fullText(p.consumer)},
                    InspectorCell {secondsText(idle), tr("%1 ms").arg(std::max<std::int64_t>(idle, 0)), true},
                    InspectorCell {QString::number(p.deliveryCount), {}, true}},
                false});
        }
        if (group->pendingCount > group->pending.size()) {
            const std::size_t more = group->pendingCount - group->pending.size();
            rows.push_back(InspectorRow {QStringLiteral("\x01more"),
                {InspectorCell {QStringLiteral("..."), {}, false, true},
                    InspectorCell {moreText(more), tr("Only the oldest %1 are shown").arg(group->pending.size())}},
                true});
        }
    }
    setRows(std::move(rows), sameGroup);
}

} // namespace ql

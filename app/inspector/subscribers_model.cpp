// SubscribersModel: one row per subscriber, in the order PUBLISH delivers.
#include "subscribers_model.h"

namespace ql {

SubscribersModel::SubscribersModel(QObject *parent)
    : InspectorTableModel({{tr("#"), tr("Delivery order: a PUBLISH reaches the subscribers in this order"), true},
                              {tr("Client"), tr("The subscriber's name")}, {tr("ID"), tr("The client's ID"), true}},
        ClientColumn, parent)
{
}

void SubscribersModel::setSubscribers(const ChannelSnapshot &ch, const ClientNameOf &nameOf, bool sameChannel)
{
    std::vector<InspectorRow> rows;
    rows.reserve(ch.subscribers.size());
    for (std::size_t i = 0; i < ch.subscribers.size(); ++i) {
        const ClientId id = ch.subscribers[i];
        const QString idText = QString::number(id);
        rows.push_back(InspectorRow {idText,
            {InspectorCell {QString::number(i + 1), {}, true}, InspectorCell {clientText(nameOf, id)},
                InspectorCell {idText, {}, true, true}},
            false});
    }
    setRows(std::move(rows), sameChannel);
}

} // namespace ql

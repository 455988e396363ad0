// SubscribersModel: a channel's subscribers in delivery order (position, client, id), one
// row per client.
#pragma once

#include "inspector_format.h"
#include "inspector_table_model.h"

#include "api/world_snapshot.h"

namespace ql {

class SubscribersModel : public InspectorTableModel {
    Q_OBJECT
public:
    enum Column { OrderColumn, ClientColumn, IdColumn };
    explicit SubscribersModel(QObject *parent = nullptr);
    // sameChannel: the same channel again (updated in place, rows matched by client id).
    void setSubscribers(const ChannelSnapshot &ch, const ClientNameOf &nameOf, bool sameChannel);
};

} // namespace ql

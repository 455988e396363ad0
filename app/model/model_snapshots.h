// The WorldModel's values in the shape of the broker's snapshot types, for the widgets
// that were written against snapshots (the inspector's tables): a key, a client or a
// channel as the model knows it at its seq.
#pragma once

#include "world_model.h"

namespace ql {

// Lists and streams give what the model holds of their ends (elidedFrom marks the gap).
KeySnapshot keySnapshot(const WorldModel &model, const KeyView &key);
ClientSnapshot clientSnapshot(const ClientView &client);
ChannelSnapshot channelSnapshot(const ChannelView &channel);

} // namespace ql

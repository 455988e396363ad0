// The properties the Inspector lists for a string key, a client and a channel.
#pragma once

#include "properties_model.h"

#include "api/world_snapshot.h"

#include <cstdint>
#include <vector>

namespace ql {

// Value (printable, full text in the tooltip), length in bytes, TTL.
std::vector<Property> stringProperties(const KeySnapshot &k, std::int64_t nowMs);
// Name, id, database, protocol, state, then what the state involves: the keys waited on
// with the time waited and the timeout, the subscriptions, the queued commands.
std::vector<Property> clientProperties(const ClientSnapshot &c, std::int64_t nowMs);
// One sentence: "blocked on jobs (times out in 2.0 s)", "subscribed to 2 channels and
// 1 pattern", "in MULTI, 3 commands queued", "idle"; several joined with "; ".
QString clientState(const ClientSnapshot &c, std::int64_t nowMs);
// Kind, subscribers, published, delivered, lost.
std::vector<Property> channelProperties(const ChannelSnapshot &ch, qint64 published, qint64 delivered, qint64 lost);
// "channel", "pattern" or "shard channel".
QString channelKind(const ChannelSnapshot &ch);

} // namespace ql

// Comparing two WorldModels, e.g. one built from a snapshot plus events against one built
// from a later snapshot alone; and checking one model's internal bookkeeping. Both answer
// with the first problem found, in words, or an empty string. Used by the tests and by a
// debug check in the window.
#pragma once

#include "world_model.h"

#include <string>

namespace ql {

struct ModelDiffOptions {
    // Consumer seen-times (every read, claim or CREATECONSUMER that sets one emits an event).
    bool seenTimes = true;
};

// What both models can know from a snapshot: clients (name, blocked keys / since /
// deadline, subscriptions, MULTI state), keys that exist at the later of the two models'
// times (type, TTL, value, the list elements / stream entries both know, groups with their
// cursors, counters, consumers and the pending entries both know), the wait queue of every
// existing key, and channel subscribers in delivery order. Not compared: colours, pub/sub
// counters, closed clients (they count since attaching).
std::string firstDifference(const WorldModel &a, const WorldModel &b, ModelDiffOptions options = {});

// Pending counts match the entries and consumers, wait queues match blocked clients,
// channel subscribers match client subscriptions.
std::string checkInvariants(const WorldModel &m);

} // namespace ql

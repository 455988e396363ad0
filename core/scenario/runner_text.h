// Text helpers of the scenario runner: times, commands as typed, expected replies as
// Reply values (so both sides of an `expect` print through the same redis-cli formatter).
#pragma once

#include "scenario/scenario.h"

#include "engine/reply.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ql::scenario {

// 1500 -> "1.500 s"
std::string seconds(std::int64_t ms);
// The command the way one would type it into redis-cli: arguments quoted when they need it.
std::string commandText(const std::vector<std::string> &argv);
// A pub/sub message ("message", "pmessage", "smessage") rather than a command's reply.
bool isMessagePush(const Reply &reply);
// The reply an expectation describes, with repeat counters filled in.
Reply toReply(const ExpectedReply &expected, const std::vector<std::int64_t> &counters);

} // namespace ql::scenario

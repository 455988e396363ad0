// How a blocked command is run again when one of its keys becomes ready. Redis 7.0
// serves a waiter from the key that became ready (not from the first of its keys), so the
// command is narrowed to that key: BLPOP a b 0 woken by b runs as BLPOP b 0.
#pragma once

#include <string>
#include <vector>

namespace ql {

std::vector<std::string> argvForReadyKey(const std::vector<std::string> &argv, const std::string &key);
bool isXreadgroup(const std::vector<std::string> &argv);

} // namespace ql

// Records the largest single operator-new request between start() and stop(), so a test can
// check that a declared-but-unsent length does not make the parser reserve it. Unavailable
// under sanitizers, which own operator new.
#pragma once

#include <cstddef>

namespace alloc_probe {

bool available();
void start();
std::size_t stop(); // largest allocation in bytes since start()

} // namespace alloc_probe

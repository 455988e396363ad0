// Records the largest single operator-new request between start() and stop(), so a test can
// check that a declared-but-unsent length does not make the parser reserve it. Replaces the
// global operator new, or under ASan/TSan (which own it) uses the sanitizer's malloc hooks.
#pragma once

#include <cstddef>

namespace alloc_probe {

bool available();
void start();
std::size_t stop(); // largest allocation in bytes since start()

} // namespace alloc_probe

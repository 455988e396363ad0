// IoPoller: lets a network server share the broker's thread, as Redis runs its sockets on
// its one event loop. When a poller is attached, the broker waits in poll() instead of on
// its condition variable; the poller handles ready sockets there and runs their commands
// directly on the broker thread (no hand-over per command), and writes replies out before
// it sleeps.
#pragma once

namespace ql {

class IoPoller {
public:
    virtual ~IoPoller() = default;
    // Broker thread: wait up to timeoutMs (-1: until woken, 0: do not wait) for I/O and
    // handle what is ready.
    virtual void poll(int timeoutMs) = 0;
    // Any thread: make a poll() in progress (or the next one) return at once.
    virtual void wakeUp() = 0;
};

} // namespace ql

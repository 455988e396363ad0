// EventFeed: the ordered stream of everything that happens, for the window, the recorder
// and the charts. One bounded ring shared by all consumers: the broker appends without
// ever waiting; each consumer drains from its own cursor in batches, and when it falls
// more than the capacity behind it is told how many events it missed.
#pragma once

#include "engine/event.h"

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

namespace ql {

struct EventBatch {
    std::vector<Event> events;
    std::uint64_t dropped = 0; // events this consumer missed since its last drain
};

class EventFeed {
public:
    using ConsumerId = int;
    // Called (on the publishing thread) when a consumer that had drained everything gets
    // new events; coalesced until it drains again. Keep it cheap: post, don't work.
    using Notify = std::function<void()>;

    explicit EventFeed(std::size_t capacity = 1 << 16);

    // New consumers start at the next event (pair with a snapshot for the past).
    ConsumerId subscribe(Notify notify = {});
    void unsubscribe(ConsumerId id);

    // Stamps sequence numbers (from 1) and appends; moves the events out of `events`.
    void publish(std::vector<Event> &events);
    EventBatch drain(ConsumerId id, std::size_t maxEvents = SIZE_MAX);

    std::uint64_t lastSeq() const;
    std::size_t capacity() const { return m_capacity; }

private:
    struct Consumer {
        std::uint64_t next = 1; // sequence number of the next event to hand out
        Notify notify;
        bool notified = false;
    };

    mutable std::mutex m_mutex;
    std::size_t m_capacity;
    std::vector<Event> m_ring; // allocated when the first consumer subscribes
    std::uint64_t m_nextSeq = 1;
    std::map<ConsumerId, Consumer> m_consumers;
    ConsumerId m_nextConsumer = 1;
};

} // namespace ql

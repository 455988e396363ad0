#include "event_feed.h"

#include <algorithm>

namespace ql {

EventFeed::EventFeed(std::size_t capacity) : m_capacity(std::max<std::size_t>(capacity, 1))
{
}

EventFeed::ConsumerId EventFeed::subscribe(Notify notify)
{
    std::lock_guard lock(m_mutex);
    if (m_ring.empty())
        m_ring.resize(m_capacity); // a headless server with no follower never pays for it
    ConsumerId id = m_nextConsumer++;
    m_consumers[id] = Consumer {m_nextSeq, std::move(notify), false};
    return id;
}

void EventFeed::unsubscribe(ConsumerId id)
{
    std::lock_guard lock(m_mutex);
    m_consumers.erase(id);
}

void EventFeed::publish(std::vector<Event> &events)
{
    if (events.empty())
        return;
    std::vector<Notify> toNotify;
    {
        std::lock_guard lock(m_mutex);
        if (m_consumers.empty()) {
            // Nobody follows the feed (a headless server): number the events and let them go.
            // A consumer that subscribes later starts after them anyway.
            m_nextSeq += events.size();
            events.clear();
            return;
        }
        for (auto &e : events) {
            e.seq = m_nextSeq++;
            m_ring[e.seq % m_capacity] = std::move(e);
        }
        for (auto &[id, c] : m_consumers) {
            if (!c.notified && c.notify) {
                c.notified = true;
                toNotify.push_back(c.notify);
            }
        }
    }
    events.clear();
    for (auto &n : toNotify)
        n();
}

EventBatch EventFeed::drain(ConsumerId id, std::size_t maxEvents)
{
    std::lock_guard lock(m_mutex);
    EventBatch batch;
    auto it = m_consumers.find(id);
    if (it == m_consumers.end())
        return batch;
    Consumer &c = it->second;
    std::uint64_t oldest = m_nextSeq > m_capacity ? m_nextSeq - m_capacity : 1;
    if (c.next < oldest) {
        batch.dropped = oldest - c.next;
        c.next = oldest;
    }
    std::uint64_t available = m_nextSeq - c.next;
    std::uint64_t n = std::min<std::uint64_t>(available, maxEvents);
    batch.events.reserve(static_cast<std::size_t>(n));
    for (std::uint64_t s = c.next; s < c.next + n; ++s)
        batch.events.push_back(m_ring[s % m_capacity]);
    c.next += n;
    if (c.next == m_nextSeq)
        c.notified = false;
    return batch;
}

std::uint64_t EventFeed::lastSeq() const
{
    std::lock_guard lock(m_mutex);
    return m_nextSeq - 1;
}

} // namespace ql

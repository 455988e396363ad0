#include "stream_group.h"

namespace ql {

StreamGroup::StreamGroup(StreamId lastId, std::int64_t entriesRead)
    : m_lastId(lastId),
      m_entriesRead(entriesRead),
      m_pool(std::make_unique<NodePool>()),
      m_pel(Pel::allocator_type(m_pool.get()))
{
}

StreamGroup::~StreamGroup()
{
    // The trees hand their nodes back to the pool before it goes.
    m_consumers.clear();
    m_pel.clear();
}

StreamConsumer *StreamGroup::consumer(std::string_view name) const
{
    auto it = m_consumers.find(name);
    return it == m_consumers.end() ? nullptr : it->second.get();
}

StreamConsumer *StreamGroup::createConsumer(std::string_view name, std::int64_t nowMs)
{
    auto it = m_consumers.lower_bound(name);
    if (it != m_consumers.end() && it->first == name)
        return nullptr;
    auto c = std::make_unique<StreamConsumer>(std::string(name), nowMs, m_pool.get());
    StreamConsumer *raw = c.get();
    m_consumers.emplace_hint(it, std::string(name), std::move(c));
    return raw;
}

std::size_t StreamGroup::deleteConsumer(std::string_view name)
{
    auto it = m_consumers.find(name);
    if (it == m_consumers.end())
        return 0;
    StreamConsumer &c = *it->second;
    std::size_t pending = c.m_pending.size();
    for (const StreamId &id : c.m_pending)
        m_pel.erase(id);
    m_consumers.erase(it);
    return pending;
}

const StreamNack *StreamGroup::findPending(StreamId id) const
{
    auto it = m_pel.find(id);
    return it == m_pel.end() ? nullptr : &it->second;
}

void StreamGroup::deliver(StreamConsumer &c, StreamId id, std::int64_t nowMs)
{
    // New entries arrive in increasing id order: hint the end of the trees.
    auto it = m_pel.try_emplace(m_pel.end(), id);
    StreamNack &nack = it->second;
    if (nack.consumer && nack.consumer != &c)
        nack.consumer->m_pending.erase(id);
    if (nack.consumer != &c)
        c.m_pending.insert(c.m_pending.end(), id);
    nack.consumer = &c;
    nack.deliveryTime = nowMs;
    nack.deliveryCount = 1;
}

void StreamGroup::redeliver(StreamId id, std::int64_t nowMs)
{
    auto it = m_pel.find(id);
    if (it == m_pel.end())
        return;
    it->second.deliveryTime = nowMs;
    ++it->second.deliveryCount;
}

bool StreamGroup::ack(StreamId id)
{
    auto it = m_pel.find(id);
    if (it == m_pel.end())
        return false;
    if (it->second.consumer)
        it->second.consumer->m_pending.erase(id);
    m_pel.erase(it);
    return true;
}

void StreamGroup::claim(StreamId id, StreamConsumer &to, std::int64_t deliveryTime, std::int64_t count)
{
    auto it = m_pel.find(id);
    if (it == m_pel.end())
        return;
    StreamNack &nack = it->second;
    if (nack.consumer != &to) {
        if (nack.consumer)
            nack.consumer->m_pending.erase(id);
        to.m_pending.insert(id);
        nack.consumer = &to;
    }
    nack.deliveryTime = deliveryTime;
    if (count >= 0)
        nack.deliveryCount = static_cast<std::uint64_t>(count);
}

void StreamGroup::createUnowned(StreamId id, std::int64_t nowMs)
{
    auto [it, inserted] = m_pel.try_emplace(id);
    if (inserted) {
        it->second.deliveryTime = nowMs;
        it->second.deliveryCount = 1;
        it->second.consumer = nullptr;
    }
}

std::size_t StreamGroup::memoryUsage() const
{
    // PEL nodes live in the pool's slabs; consumers are heap objects in a tree.
    constexpr std::size_t kTreeNode = 32;
    std::size_t bytes = sizeof(*this) + sizeof(NodePool) + m_pool->bytesReserved();
    for (const auto &[name, c] : m_consumers)
        bytes += kTreeNode + name.capacity() + sizeof(StreamConsumer) + c->name().capacity();
    return bytes;
}

} // namespace ql

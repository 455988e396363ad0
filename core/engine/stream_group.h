// Consumer groups of a stream: the group's cursor (last delivered id and the 7.0
// entries-read counter), its pending entries list (PEL) and its consumers, each with its
// own view of the PEL. Every pending entry is owned by exactly one consumer.
//
// Operations take the time (ms) from the caller and return plain values; commands turn
// them into replies and events.
#pragma once

#include "stream_id.h"
#include "stream_pool.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

namespace ql {

class StreamConsumer;

// One pending (delivered, not yet acknowledged) entry.
struct StreamNack {
    std::int64_t deliveryTime = 0;
    std::uint64_t deliveryCount = 1;
    StreamConsumer *consumer = nullptr;
};

class StreamConsumer {
public:
    using Pending = std::set<StreamId, std::less<StreamId>, PoolAllocator<StreamId>>;

    StreamConsumer(std::string name, std::int64_t nowMs, NodePool *pool)
        : m_name(std::move(name)), m_seenTime(nowMs), m_pending(PoolAllocator<StreamId>(pool))
    {
    }

    const std::string &name() const { return m_name; }
    // Last time the consumer read or claimed (Redis 7.0 "seen-time"; idle = now - seen).
    std::int64_t seenTime() const { return m_seenTime; }
    void touch(std::int64_t nowMs) { m_seenTime = nowMs; }
    const Pending &pending() const { return m_pending; }

private:
    friend class StreamGroup;
    std::string m_name;
    std::int64_t m_seenTime;
    Pending m_pending;
};

class StreamGroup {
public:
    using Pel
        = std::map<StreamId, StreamNack, std::less<StreamId>, PoolAllocator<std::pair<const StreamId, StreamNack>>>;
    using Consumers = std::map<std::string, std::unique_ptr<StreamConsumer>, std::less<>>;
    static constexpr std::int64_t kInvalidEntriesRead = -1;

    StreamGroup(StreamId lastId, std::int64_t entriesRead);
    StreamGroup(const StreamGroup &) = delete;
    StreamGroup &operator=(const StreamGroup &) = delete;
    ~StreamGroup();

    StreamId lastId() const { return m_lastId; }
    void setLastId(StreamId id) { m_lastId = id; }
    // Logical number of entries the group has read, or kInvalidEntriesRead when unknown.
    std::int64_t entriesRead() const { return m_entriesRead; }
    void setEntriesRead(std::int64_t n) { m_entriesRead = n; }

    const Pel &pel() const { return m_pel; }
    const Consumers &consumers() const { return m_consumers; }

    // ---- consumers
    StreamConsumer *consumer(std::string_view name) const;
    // Creates the consumer; nullptr when it already exists.
    StreamConsumer *createConsumer(std::string_view name, std::int64_t nowMs);
    // Deletes the consumer and its pending entries; returns how many were pending.
    std::size_t deleteConsumer(std::string_view name);

    // ---- pending entries
    const StreamNack *findPending(StreamId id) const;
    // An entry delivered to `c` by XREADGROUP: a new PEL entry, or one taken over from its
    // previous owner with the delivery count reset to 1.
    void deliver(StreamConsumer &c, StreamId id, std::int64_t nowMs);
    // History re-delivery of an entry the consumer already owns.
    void redeliver(StreamId id, std::int64_t nowMs);
    // XACK: true when the id was pending.
    bool ack(StreamId id);
    // Ownership transfer (XCLAIM/XAUTOCLAIM). `count` < 0 keeps the delivery counter,
    // otherwise it is stored as is.
    void claim(StreamId id, StreamConsumer &to, std::int64_t deliveryTime, std::int64_t count);
    // XCLAIM FORCE: a PEL entry without owner yet (claim() gives it one).
    void createUnowned(StreamId id, std::int64_t nowMs);

    // Bytes held, for memory reports.
    std::size_t memoryUsage() const;

private:
    StreamId m_lastId;
    std::int64_t m_entriesRead;
    std::unique_ptr<NodePool> m_pool; // before the trees: it must outlive them
    Pel m_pel;
    Consumers m_consumers;
};

} // namespace ql

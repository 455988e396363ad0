// StreamNode: one "macro node" of a stream, the counterpart of a listpack in Redis's
// radix tree. A node holds up to 100 entries packed in one byte buffer:
//
//   master fields:  varint(n) then n x (varint(len) bytes)       -- the first entry's fields
//   each entry:     flags  varint(ms - master.ms)  varint(zigzag(seq - master.seq))
//                   SAMEFIELDS set:   n x (varint(len) value)     -- fields are the master's
//                   otherwise:        varint(n) n x (field value)
//
// flags: bit 0 = deleted (XDEL and exact trimming only flag entries), bit 1 = same fields
// as the master entry. A small entry ("f" "v") costs about 6 bytes.
//
// Redis decides when to start a new node from its listpack's byte size, so the node also
// keeps the size the Redis listpack would have (listpackBytes). With it, approximate
// trimming (~) removes exactly the entries Redis removes.
#pragma once

#include "stream_id.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ql {

class StreamNode {
public:
    static constexpr std::size_t kMaxBytes = 4096; // stream-node-max-bytes
    static constexpr std::size_t kMaxEntries = 100; // stream-node-max-entries

    // A node whose first (master) entry is `id` with these fields and values.
    StreamNode(StreamId id, std::span<const std::string> fieldsValues);

    StreamId master() const { return m_master; }
    StreamId last() const { return m_last; }
    std::uint32_t live() const { return m_live; }
    std::uint32_t deleted() const { return m_deleted; }
    std::size_t listpackBytes() const { return m_listpackBytes; }

    // Redis's rule: a node is closed once it holds 100 entries (deleted included) or the
    // new entry's strings would take it to stream-node-max-bytes.
    bool acceptsEntry(std::size_t entryStringBytes) const
    {
        return m_listpackBytes + entryStringBytes < kMaxBytes && m_live + m_deleted < kMaxEntries;
    }
    void append(StreamId id, std::span<const std::string> fieldsValues);
    // Releases spare capacity once no more entries will be appended.
    void seal() { m_data.shrink_to_fit(); }

    // ---- reading
    struct Entry {
        StreamId id;
        std::uint32_t offset = 0; // of the flags byte
        std::uint32_t next = 0; // offset of the following entry
        bool deleted = false;
    };
    std::uint32_t firstOffset() const { return m_entriesBegin; }
    std::uint32_t lastOffset() const { return m_lastOffset; } // of the last entry appended
    std::uint32_t endOffset() const { return static_cast<std::uint32_t>(m_data.size()); }
    // Decodes the entry header at `offset` (and skips its fields to find the next one).
    Entry entryAt(std::uint32_t offset) const;
    // Field, value, field, value... of the entry at `offset`, appended to `out`.
    void fieldsAt(std::uint32_t offset, std::vector<std::string_view> &out) const;
    // Offsets of all entries in order.
    void entryOffsets(std::vector<std::uint32_t> &out) const;

    // ---- deletion (flags only: the bytes stay, as in Redis)
    void markDeleted(std::uint32_t offset);

    std::size_t memoryUsage() const { return sizeof(*this) + m_data.capacity(); }

private:
    std::uint32_t appendEntryBytes(StreamId id, std::span<const std::string> fieldsValues);
    bool sameFieldsAsMaster(std::span<const std::string> fieldsValues) const;

    StreamId m_master;
    StreamId m_last;
    std::uint32_t m_live = 0;
    std::uint32_t m_deleted = 0;
    std::uint32_t m_listpackBytes = 0;
    std::uint32_t m_entriesBegin = 0;
    std::uint32_t m_lastOffset = 0;
    std::uint32_t m_masterFieldCount = 0;
    std::string m_data;
};

// Byte sizes of Redis listpack elements (encoding + back-length), used to model when
// Redis starts a new node.
std::size_t listpackIntSize(std::int64_t v);
std::size_t listpackStringSize(std::string_view s);

} // namespace ql

// PackedList: the list value. Elements are packed into chunks of bytes (length-prefixed,
// with a trailing back-length so a chunk can be walked from both ends), like Redis's
// quicklist of listpacks. O(1) push/pop at both ends; index access skips whole chunks.
//
// Chunks start small and grow (doubling) up to kTargetBytes, so a short list costs a few
// dozen bytes; a chunk keeps free space at the end(s) it grows from. Middle edits (insert,
// erase, set, removeEqual) move bytes inside one chunk, split a full chunk in two, and merge
// neighbours that became small. The chunk descriptors live in one array with free slots at
// both ends, so adding a chunk at either end is O(1) amortised.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ql {

class PackedList {
public:
    PackedList() = default;
    PackedList(const PackedList &) = delete;
    PackedList &operator=(const PackedList &) = delete;
    ~PackedList();

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    void pushFront(std::string_view v);
    void pushBack(std::string_view v);
    // Precondition: !empty().
    std::string popFront();
    std::string popBack();

    // Index 0..size()-1 (callers convert negative Redis indexes).
    std::string at(std::size_t index) const;
    void set(std::size_t index, std::string_view v);
    // Elements [start, end] inclusive, in order (end is clamped to size()-1).
    std::vector<std::string> range(std::size_t start, std::size_t end) const;
    void insert(std::size_t index, std::string_view v); // before element at index; index==size appends
    void erase(std::size_t index);
    // Keep only [start, end] inclusive (start > end or start >= size clears everything).
    void trim(std::size_t start, std::size_t end);
    void clear();
    // Removes elements equal to v, at most `limit` of them (0 = all), scanning from the
    // front or from the back. Returns how many were removed (LREM).
    std::size_t removeEqual(std::string_view v, std::size_t limit, bool fromBack);

    // Visit elements front to back; the visitor returns false to stop.
    template <typename F> void forEach(F &&f) const;
    // Visit elements back to front.
    template <typename F> void forEachReverse(F &&f) const;

    // Bytes held (chunk buffers plus bookkeeping), for memory reports.
    std::size_t memoryUsage() const;
    std::size_t chunkCount() const { return m_chunkCount; }
    // Walks every chunk and checks counts and encodings (tests, debug builds).
    bool isConsistent() const;

    // A chunk grows up to this many bytes (unless one element alone is larger).
    static constexpr std::size_t kTargetBytes = 4096;

    // The byte buffer of one run of elements (packed_list_impl.h).
    struct Chunk;

private:
    Chunk &chunk(std::size_t i);
    const Chunk &chunk(std::size_t i) const;
    struct Pos {
        std::size_t chunk;
        std::size_t indexInChunk;
    };
    Pos locate(std::size_t index) const;
    std::uint32_t entryOffset(const Chunk &c, std::size_t indexInChunk) const;

    // Chunk descriptor array management.
    void insertSlot(std::size_t pos, const Chunk &c);
    void eraseSlot(std::size_t pos);
    void growSlots();
    Chunk newChunk(std::size_t need, bool atFront) const;
    void freeChunk(std::size_t pos);

    void insertInChunk(std::size_t ci, std::size_t indexInChunk, std::string_view v);
    void eraseInChunk(std::size_t ci, std::size_t indexInChunk);
    void mergeSmallAround(std::size_t ci);
    void mergeInto(std::size_t left);

    Chunk *m_slots = nullptr;
    std::uint32_t m_slotCap = 0;
    std::uint32_t m_first = 0;
    std::uint32_t m_chunkCount = 0;
    std::size_t m_size = 0;
};

} // namespace ql

#include "packed_list_impl.h"

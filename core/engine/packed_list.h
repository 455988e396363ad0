// PackedList: the list value. Elements are packed into chunks of bytes (length-prefixed,
// with a trailing back-length so a chunk can be walked from both ends), like Redis's
// quicklist of listpacks. O(1) push/pop at both ends; index access skips whole chunks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
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
    std::string popFront();
    std::string popBack();

    // Index 0..size()-1 (callers convert negative Redis indexes).
    std::string at(std::size_t index) const;
    void set(std::size_t index, std::string_view v);
    // Elements [start, end] inclusive, in order.
    std::vector<std::string> range(std::size_t start, std::size_t end) const;
    void insert(std::size_t index, std::string_view v); // before element at index; index==size appends
    void erase(std::size_t index);
    // Keep only [start, end] inclusive (start > end or start >= size clears everything).
    void trim(std::size_t start, std::size_t end);

    // Visit elements front to back; the visitor returns false to stop.
    template <typename F> void forEach(F &&f) const;
    // Visit elements back to front.
    template <typename F> void forEachReverse(F &&f) const;

    // Bytes held (chunk buffers plus bookkeeping), for memory reports.
    std::size_t memoryUsage() const;

    struct Chunk; // layout in packed_list_impl.h

private:
    struct Pos {
        std::size_t chunk;
        std::size_t indexInChunk;
    };
    Pos locate(std::size_t index) const;
    void rebuildChunk(std::size_t chunkIndex, const std::vector<std::string> &elements);
    std::vector<std::string> chunkElements(std::size_t chunkIndex) const;
    void dropEmptyChunk(std::size_t chunkIndex);

    std::deque<std::unique_ptr<Chunk>> m_chunks;
    std::size_t m_size = 0;

    friend struct PackedListCursor;
};

} // namespace ql

#include "packed_list_impl.h"

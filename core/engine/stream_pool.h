// NodePool: fixed-size blocks for the tree nodes of a consumer group's pending entries
// (the group's PEL and each consumer's). XREADGROUP + XACK create and free two such
// nodes per message; taking them from a free list instead of malloc is most of the
// difference between a fast and a slow queue. The pool keeps one slab when everything
// has been acknowledged, so a PEL that keeps draining to zero does not churn memory.
#pragma once

#include <cstddef>
#include <vector>

namespace ql {

class NodePool {
public:
    NodePool() = default;
    NodePool(const NodePool &) = delete;
    NodePool &operator=(const NodePool &) = delete;
    ~NodePool();

    void *allocate(std::size_t bytes);
    void deallocate(void *p, std::size_t bytes);
    // Slab bytes held (for memory reports); blocks above kMaxBlock come from the heap.
    std::size_t bytesReserved() const { return m_slabs.size() * kSlabBytes; }

    static constexpr std::size_t kMaxBlock = 128;

private:
    static constexpr std::size_t kGranule = 16;
    static constexpr std::size_t kClasses = kMaxBlock / kGranule;
    static constexpr std::size_t kSlabBytes = 16384;
    struct FreeBlock {
        FreeBlock *next;
    };
    void reset();

    FreeBlock *m_free[kClasses] = {};
    std::vector<char *> m_slabs;
    char *m_cursor = nullptr;
    char *m_end = nullptr;
    std::size_t m_live = 0;
};

// A std allocator drawing single nodes from a NodePool.
template <typename T> struct PoolAllocator {
    using value_type = T;
    NodePool *pool;

    explicit PoolAllocator(NodePool *p) noexcept : pool(p) { }
    template <typename U> PoolAllocator(const PoolAllocator<U> &o) noexcept : pool(o.pool) { }

    T *allocate(std::size_t n) { return static_cast<T *>(pool->allocate(n * sizeof(T))); }
    void deallocate(T *p, std::size_t n) noexcept { pool->deallocate(p, n * sizeof(T)); }
    template <typename U> bool operator==(const PoolAllocator<U> &o) const noexcept { return pool == o.pool; }
    template <typename U> bool operator!=(const PoolAllocator<U> &o) const noexcept { return pool != o.pool; }
};

} // namespace ql

#include "stream_pool.h"

#include <new>

namespace ql {

NodePool::~NodePool()
{
    for (char *slab : m_slabs)
        ::operator delete(slab);
}

void *NodePool::allocate(std::size_t bytes)
{
    if (bytes == 0 || bytes > kMaxBlock)
        return ::operator new(bytes);
    const std::size_t cls = (bytes - 1) / kGranule;
    ++m_live;
    if (FreeBlock *b = m_free[cls]) {
        m_free[cls] = b->next;
        return b;
    }
    const std::size_t size = (cls + 1) * kGranule;
    if (static_cast<std::size_t>(m_end - m_cursor) < size) {
        auto *slab = static_cast<char *>(::operator new(kSlabBytes));
        m_slabs.push_back(slab);
        m_cursor = slab;
        m_end = slab + kSlabBytes;
    }
    void *p = m_cursor;
    m_cursor += size;
    return p;
}

void NodePool::deallocate(void *p, std::size_t bytes)
{
    if (bytes == 0 || bytes > kMaxBlock) {
        ::operator delete(p);
        return;
    }
    const std::size_t cls = (bytes - 1) / kGranule;
    auto *b = static_cast<FreeBlock *>(p);
    b->next = m_free[cls];
    m_free[cls] = b;
    if (--m_live == 0)
        reset();
}

void NodePool::reset()
{
    // Nothing is allocated: keep the first slab, give the others back.
    while (m_slabs.size() > 1) {
        ::operator delete(m_slabs.back());
        m_slabs.pop_back();
    }
    for (auto &head : m_free)
        head = nullptr;
    m_cursor = m_slabs.empty() ? nullptr : m_slabs.front();
    m_end = m_slabs.empty() ? nullptr : m_slabs.front() + kSlabBytes;
}

} // namespace ql

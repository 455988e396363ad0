#include "packed_list.h"

#include "packed_list_chunk.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <new>

namespace ql {

using namespace packed;

PackedList::~PackedList()
{
    for (std::size_t i = 0; i < m_chunkCount; ++i)
        std::free(chunk(i).buf);
    std::free(m_slots);
}

void PackedList::clear()
{
    for (std::size_t i = 0; i < m_chunkCount; ++i)
        std::free(chunk(i).buf);
    m_chunkCount = 0;
    m_first = m_slotCap / 2;
    m_size = 0;
}

// ---- chunk descriptor array -----------------------------------------------------------

void PackedList::growSlots()
{
    std::size_t newCap = std::max<std::size_t>(2, std::size_t(m_slotCap) * 2);
    auto *slots = static_cast<Chunk *>(std::malloc(newCap * sizeof(Chunk)));
    if (!slots)
        throw std::bad_alloc();
    std::size_t first = (newCap - m_chunkCount) / 2;
    if (m_chunkCount > 0)
        std::memcpy(static_cast<void *>(slots + first), m_slots + m_first, m_chunkCount * sizeof(Chunk));
    std::free(m_slots);
    m_slots = slots;
    m_slotCap = static_cast<std::uint32_t>(newCap);
    m_first = static_cast<std::uint32_t>(first);
}

void PackedList::insertSlot(std::size_t pos, const Chunk &c)
{
    const Chunk copy = c;
    const std::size_t n = m_chunkCount;
    bool frontRoom = m_first > 0;
    bool backRoom = m_first + n < m_slotCap;
    bool atFront = pos == 0 ? true : pos == n ? false : pos < n / 2;
    if ((atFront && !frontRoom) || (!atFront && !backRoom)) {
        if (n + 1 <= m_slotCap / 2) {
            // Recentre instead of shifting one slot at a time.
            std::size_t first = (m_slotCap - n) / 2;
            Chunk *from = m_slots + m_first;
            if (first < m_first)
                std::copy(from, from + n, m_slots + first);
            else if (first > m_first)
                std::copy_backward(from, from + n, m_slots + first + n);
            m_first = static_cast<std::uint32_t>(first);
        } else {
            growSlots();
        }
    }
    Chunk *base = m_slots + m_first;
    if (atFront && m_first > 0) {
        std::copy(base, base + pos, base - 1);
        --m_first;
    } else {
        std::copy_backward(base + pos, base + n, base + n + 1);
    }
    m_slots[m_first + pos] = copy;
    ++m_chunkCount;
}

void PackedList::eraseSlot(std::size_t pos)
{
    const std::size_t n = m_chunkCount;
    Chunk *base = m_slots + m_first;
    if (pos < n / 2) {
        std::copy_backward(base, base + pos, base + pos + 1);
        ++m_first;
    } else {
        std::copy(base + pos + 1, base + n, base + pos);
    }
    --m_chunkCount;
    if (m_chunkCount == 0)
        m_first = m_slotCap / 2;
}

void PackedList::freeChunk(std::size_t pos)
{
    std::free(chunk(pos).buf);
    eraseSlot(pos);
}

PackedList::Chunk PackedList::newChunk(std::size_t need, bool atFront) const
{
    // Next to a full-sized chunk the list is long: start at the target size.
    std::size_t cap = capFor(need);
    if (m_chunkCount > 0) {
        const Chunk &nb = atFront ? chunk(0) : chunk(m_chunkCount - 1);
        if (nb.cap == kTarget)
            cap = std::max(kTarget, need);
    }
    Chunk c;
    c.buf = allocBytes(cap);
    c.cap = static_cast<std::uint32_t>(cap);
    c.head = c.tail = atFront ? c.cap : 0;
    return c;
}

// ---- ends -----------------------------------------------------------------------------

void PackedList::pushBack(std::string_view v)
{
    const std::size_t need = Chunk::entrySize(v.size());
    if (m_chunkCount == 0
        || (chunk(m_chunkCount - 1).cap - chunk(m_chunkCount - 1).tail < need
            && chunk(m_chunkCount - 1).used() + need > kTarget))
        insertSlot(m_chunkCount, newChunk(need, false));
    Chunk &c = chunk(m_chunkCount - 1);
    makeRoom(c, need, true);
    encodeEntry(c.buf + c.tail, v);
    c.tail += static_cast<std::uint32_t>(need);
    ++c.count;
    ++m_size;
}

void PackedList::pushFront(std::string_view v)
{
    const std::size_t need = Chunk::entrySize(v.size());
    if (m_chunkCount == 0 || (chunk(0).head < need && chunk(0).used() + need > kTarget))
        insertSlot(0, newChunk(need, true));
    Chunk &c = chunk(0);
    makeRoom(c, need, false);
    c.head -= static_cast<std::uint32_t>(need);
    encodeEntry(c.buf + c.head, v);
    ++c.count;
    ++m_size;
}

std::string PackedList::popFront()
{
    assert(m_size > 0);
    Chunk &c = chunk(0);
    std::string v(c.readForward(c.head));
    --c.count;
    --m_size;
    if (c.count == 0)
        freeChunk(0);
    return v;
}

std::string PackedList::popBack()
{
    assert(m_size > 0);
    Chunk &c = chunk(m_chunkCount - 1);
    std::string v(c.readBackward(c.tail));
    --c.count;
    --m_size;
    if (c.count == 0)
        freeChunk(m_chunkCount - 1);
    return v;
}

// ---- positions ------------------------------------------------------------------------

PackedList::Pos PackedList::locate(std::size_t index) const
{
    assert(index < m_size);
    if (index < m_size / 2) {
        for (std::size_t ci = 0; ci < m_chunkCount; ++ci) {
            const std::size_t n = chunk(ci).count;
            if (index < n)
                return {ci, index};
            index -= n;
        }
    } else {
        std::size_t fromEnd = m_size - 1 - index;
        for (std::size_t ci = m_chunkCount; ci-- > 0;) {
            const std::size_t n = chunk(ci).count;
            if (fromEnd < n)
                return {ci, n - 1 - fromEnd};
            fromEnd -= n;
        }
    }
    return {m_chunkCount - 1, chunk(m_chunkCount - 1).count - 1};
}

std::uint32_t PackedList::entryOffset(const Chunk &c, std::size_t indexInChunk) const
{
    if (indexInChunk <= c.count / 2) {
        std::uint32_t off = c.head;
        for (std::size_t i = 0; i < indexInChunk; ++i)
            c.readForward(off);
        return off;
    }
    std::uint32_t end = c.tail;
    for (std::size_t i = c.count; i > indexInChunk; --i)
        c.readBackward(end);
    return end;
}

std::string PackedList::at(std::size_t index) const
{
    Pos p = locate(index);
    const Chunk &c = chunk(p.chunk);
    std::uint32_t off = entryOffset(c, p.indexInChunk);
    return std::string(c.readForward(off));
}

std::vector<std::string> PackedList::range(std::size_t start, std::size_t end) const
{
    std::vector<std::string> out;
    if (start > end || start >= m_size)
        return out;
    end = std::min(end, m_size - 1);
    std::size_t remaining = end - start + 1;
    out.reserve(remaining);
    Pos p = locate(start);
    for (std::size_t ci = p.chunk; ci < m_chunkCount && remaining > 0; ++ci) {
        const Chunk &c = chunk(ci);
        std::uint32_t off = ci == p.chunk ? entryOffset(c, p.indexInChunk) : c.head;
        while (off < c.tail && remaining > 0) {
            out.emplace_back(c.readForward(off));
            --remaining;
        }
    }
    return out;
}

// ---- reports --------------------------------------------------------------------------

std::size_t PackedList::memoryUsage() const
{
    std::size_t bytes = sizeof(*this) + std::size_t(m_slotCap) * sizeof(Chunk);
    for (std::size_t i = 0; i < m_chunkCount; ++i)
        bytes += chunk(i).cap;
    return bytes;
}

bool PackedList::isConsistent() const
{
    std::size_t total = 0;
    if (std::size_t(m_first) + m_chunkCount > m_slotCap)
        return false;
    for (std::size_t i = 0; i < m_chunkCount; ++i) {
        const Chunk &c = chunk(i);
        if (!c.buf || c.count == 0 || c.head > c.tail || c.tail > c.cap)
            return false;
        std::size_t n = 0;
        std::uint32_t off = c.head;
        while (off < c.tail) {
            std::uint32_t before = off;
            std::string_view v = c.readForward(off);
            if (off > c.tail || Chunk::entrySize(v.size()) != off - before)
                return false;
            ++n;
        }
        if (off != c.tail || n != c.count)
            return false;
        std::uint32_t end = c.tail;
        n = 0;
        while (end > c.head) {
            c.readBackward(end);
            ++n;
        }
        if (end != c.head || n != c.count)
            return false;
        total += n;
    }
    return total == m_size;
}

} // namespace ql

// PackedList's middle edits: insert, erase, set, trim and removeEqual move bytes inside a
// chunk, split a full chunk in two and merge neighbours that became small.
#include "packed_list.h"

#include "packed_list_chunk.h"

#include <algorithm>

namespace ql {

using namespace packed;

void PackedList::insertInChunk(std::size_t ci, std::size_t idx, std::string_view v)
{
    const std::size_t need = Chunk::entrySize(v.size());
    {
        Chunk &c = chunk(ci);
        if (c.used() + need <= kTarget) {
            std::uint32_t off = entryOffset(c, idx);
            std::size_t before = off - c.head, after = c.tail - off;
            bool front;
            if (c.head >= need && (before <= after || c.cap - c.tail < need)) {
                front = true;
            } else if (c.cap - c.tail >= need) {
                front = false;
            } else {
                front = before <= after;
                makeRoom(c, need, !front);
                off = static_cast<std::uint32_t>(c.head + before);
            }
            if (front) {
                moveBytes(c.buf, c.head - need, c.head, before);
                c.head -= static_cast<std::uint32_t>(need);
                encodeEntry(c.buf + off - need, v);
            } else {
                moveBytes(c.buf, off + need, off, after);
                c.tail += static_cast<std::uint32_t>(need);
                encodeEntry(c.buf + off, v);
            }
            ++c.count;
            ++m_size;
            return;
        }
    }
    // The chunk is full.
    auto ownChunk = [&](std::size_t pos) {
        Chunk n;
        n.cap = static_cast<std::uint32_t>(capFor(need));
        n.buf = allocBytes(n.cap);
        encodeEntry(n.buf, v);
        n.tail = static_cast<std::uint32_t>(need);
        n.count = 1;
        insertSlot(pos, n);
        ++m_size;
    };
    if (idx == 0) {
        if (ci > 0 && chunk(ci - 1).used() + need <= kTarget) {
            Chunk &p = chunk(ci - 1);
            makeRoom(p, need, true);
            encodeEntry(p.buf + p.tail, v);
            p.tail += static_cast<std::uint32_t>(need);
            ++p.count;
            ++m_size;
        } else {
            ownChunk(ci);
        }
        return;
    }
    // Split at idx: [head, off) stays, [off, tail) moves to a new chunk after it.
    {
        Chunk &c = chunk(ci);
        std::uint32_t off = entryOffset(c, idx);
        std::size_t rightBytes = c.tail - off;
        Chunk r;
        r.cap = static_cast<std::uint32_t>(capFor(rightBytes));
        r.buf = allocBytes(r.cap);
        std::memcpy(r.buf, c.buf + off, rightBytes);
        r.tail = static_cast<std::uint32_t>(rightBytes);
        r.count = static_cast<std::uint32_t>(c.count - idx);
        c.count = static_cast<std::uint32_t>(idx);
        c.tail = off;
        insertSlot(ci + 1, r);
    }
    if (need > kMergeBytes) {
        ownChunk(ci + 1);
        return;
    }
    Chunk &left = chunk(ci);
    Chunk &right = chunk(ci + 1);
    if (left.used() <= right.used()) {
        makeRoom(left, need, true);
        encodeEntry(left.buf + left.tail, v);
        left.tail += static_cast<std::uint32_t>(need);
        ++left.count;
    } else {
        makeRoom(right, need, false);
        right.head -= static_cast<std::uint32_t>(need);
        encodeEntry(right.buf + right.head, v);
        ++right.count;
    }
    ++m_size;
}

void PackedList::eraseInChunk(std::size_t ci, std::size_t idx)
{
    Chunk &c = chunk(ci);
    std::uint32_t off = entryOffset(c, idx);
    std::uint32_t size = c.entrySizeAt(off);
    std::size_t before = off - c.head, after = c.tail - off - size;
    if (before <= after) {
        moveBytes(c.buf, c.head + size, c.head, before);
        c.head += size;
    } else {
        moveBytes(c.buf, off, off + size, after);
        c.tail -= size;
    }
    --c.count;
    --m_size;
    if (c.count == 0)
        freeChunk(ci);
    else
        mergeSmallAround(ci);
}

void PackedList::mergeSmallAround(std::size_t ci)
{
    if (ci + 1 < m_chunkCount && chunk(ci).used() + chunk(ci + 1).used() <= kMergeBytes)
        mergeInto(ci);
    else if (ci > 0 && chunk(ci - 1).used() + chunk(ci).used() <= kMergeBytes)
        mergeInto(ci - 1);
}

// Merges chunks `left` and `left + 1` into one (copying the smaller into the larger).
void PackedList::mergeInto(std::size_t left)
{
    Chunk &l = chunk(left);
    Chunk &r = chunk(left + 1);
    if (l.used() >= r.used()) {
        std::size_t n = r.used();
        makeRoom(l, n, true);
        if (n > 0)
            std::memcpy(l.buf + l.tail, r.buf + r.head, n);
        l.tail += static_cast<std::uint32_t>(n);
        l.count += r.count;
        freeChunk(left + 1);
    } else {
        std::size_t n = l.used();
        makeRoom(r, n, false);
        r.head -= static_cast<std::uint32_t>(n);
        if (n > 0)
            std::memcpy(r.buf + r.head, l.buf + l.head, n);
        r.count += l.count;
        freeChunk(left);
    }
}

void PackedList::set(std::size_t index, std::string_view v)
{
    Pos p = locate(index);
    Chunk &c = chunk(p.chunk);
    std::uint32_t off = entryOffset(c, p.indexInChunk);
    if (c.entrySizeAt(off) == Chunk::entrySize(v.size())) {
        encodeEntry(c.buf + off, v);
        return;
    }
    erase(index);
    insert(index, v);
}

void PackedList::insert(std::size_t index, std::string_view v)
{
    if (index >= m_size) {
        pushBack(v);
        return;
    }
    if (index == 0) {
        pushFront(v);
        return;
    }
    Pos p = locate(index);
    insertInChunk(p.chunk, p.indexInChunk, v);
}

void PackedList::erase(std::size_t index)
{
    Pos p = locate(index);
    eraseInChunk(p.chunk, p.indexInChunk);
}

void PackedList::trim(std::size_t start, std::size_t end)
{
    if (start > end || start >= m_size) {
        clear();
        return;
    }
    end = std::min(end, m_size - 1);
    std::size_t dropBack = m_size - 1 - end;
    while (dropBack > 0) {
        Chunk &c = chunk(m_chunkCount - 1);
        if (c.count <= dropBack) {
            dropBack -= c.count;
            m_size -= c.count;
            freeChunk(m_chunkCount - 1);
        } else {
            c.readBackward(c.tail);
            --c.count;
            --m_size;
            --dropBack;
        }
    }
    std::size_t dropFront = start;
    while (dropFront > 0) {
        Chunk &c = chunk(0);
        if (c.count <= dropFront) {
            dropFront -= c.count;
            m_size -= c.count;
            freeChunk(0);
        } else {
            c.readForward(c.head);
            --c.count;
            --m_size;
            --dropFront;
        }
    }
}

std::size_t PackedList::removeEqual(std::string_view v, std::size_t limit, bool fromBack)
{
    std::size_t removed = 0;
    auto more = [&] { return limit == 0 || removed < limit; };
    for (std::size_t k = 0; k < m_chunkCount && more(); ++k) {
        Chunk &c = chunk(fromBack ? m_chunkCount - 1 - k : k);
        if (!fromBack) {
            std::uint32_t r = c.head, w = c.head;
            while (r < c.tail) {
                if (!more()) {
                    std::size_t rest = c.tail - r;
                    moveBytes(c.buf, w, r, rest);
                    w += static_cast<std::uint32_t>(rest);
                    break;
                }
                std::uint32_t start = r;
                if (c.readForward(r) == v) {
                    ++removed;
                    --c.count;
                    continue;
                }
                moveBytes(c.buf, w, start, r - start);
                w += r - start;
            }
            c.tail = w;
        } else {
            std::uint32_t r = c.tail, w = c.tail;
            while (r > c.head) {
                if (!more()) {
                    std::size_t rest = r - c.head;
                    w -= static_cast<std::uint32_t>(rest);
                    moveBytes(c.buf, w, c.head, rest);
                    break;
                }
                std::uint32_t end = r;
                if (c.readBackward(r) == v) {
                    ++removed;
                    --c.count;
                    continue;
                }
                w -= end - r;
                moveBytes(c.buf, w, r, end - r);
            }
            c.head = w;
        }
    }
    if (removed == 0)
        return 0;
    m_size -= removed;
    for (std::size_t i = 0; i < m_chunkCount;) {
        if (chunk(i).count == 0)
            freeChunk(i);
        else
            ++i;
    }
    for (std::size_t i = 0; i + 1 < m_chunkCount;) {
        if (chunk(i).used() + chunk(i + 1).used() <= kMergeBytes)
            mergeInto(i);
        else
            ++i;
    }
    return removed;
}

} // namespace ql

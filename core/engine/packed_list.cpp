#include "packed_list.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdlib>
#include <new>

namespace ql {
namespace {

using Chunk = PackedList::Chunk;

constexpr std::size_t kTarget = PackedList::kTargetBytes;
constexpr std::size_t kMinChunkBytes = 32;
// Neighbouring chunks whose contents fit in this many bytes are merged after edits.
constexpr std::size_t kMergeBytes = kTarget / 2;

char *allocBytes(std::size_t n)
{
    void *p = std::malloc(n);
    if (!p)
        throw std::bad_alloc();
    return static_cast<char *>(p);
}

char *reallocBytes(char *old, std::size_t n)
{
    void *p = std::realloc(old, n);
    if (!p)
        throw std::bad_alloc();
    return static_cast<char *>(p);
}

// Buffer size for `want` bytes: a power of two from kMinChunkBytes up to kTarget; a
// single oversized element gets exactly its size.
std::size_t capFor(std::size_t want)
{
    if (want >= kTarget)
        return want;
    return std::max(kMinChunkBytes, std::bit_ceil(want));
}

void writeVarint(char *p, std::size_t v)
{
    while (v >= 0x80) {
        *p++ = static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    *p = static_cast<char>(v);
}

// Back-length: most significant group first; every byte but the first carries 0x80,
// so reading backwards from the last byte stops at the first one.
void writeBacklen(char *p, std::size_t v, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t shift = 7 * (n - 1 - i);
        unsigned char b = static_cast<unsigned char>((v >> shift) & 0x7f);
        if (i != 0)
            b |= 0x80;
        p[i] = static_cast<char>(b);
    }
}

void encodeEntry(char *p, std::string_view v)
{
    std::size_t n = Chunk::varintSize(v.size());
    writeVarint(p, v.size());
    if (!v.empty())
        std::memcpy(p + n, v.data(), v.size());
    writeBacklen(p + n + v.size(), v.size(), n);
}

void moveBytes(char *buf, std::size_t to, std::size_t from, std::size_t n)
{
    if (n > 0 && to != from)
        std::memmove(buf + to, buf + from, n);
}

// Makes at least `need` free bytes after the tail (back) or before the head (front),
// growing the buffer (doubling, up to kTarget) or moving the contents. Growth keeps the
// slack on the other side when it can, so one-sided pushes waste nothing.
void makeRoom(Chunk &c, std::size_t need, bool back)
{
    std::size_t room = back ? c.cap - c.tail : c.head;
    if (room >= need)
        return;
    std::size_t used = c.used();
    std::size_t other = back ? c.head : c.cap - c.tail;
    std::size_t limit = std::max(kTarget, used + need);
    std::size_t newCap = c.cap;
    bool keepOther = false;
    if ((used + need) * 2 > c.cap) {
        // Grow; recentring a buffer that is at least half empty is cheaper.
        keepOther = used + need + other <= limit;
        std::size_t want = keepOther ? used + need + other : used + need;
        newCap = std::min(limit, std::max<std::size_t>(std::size_t(c.cap) * 2, std::bit_ceil(want)));
        newCap = std::max({newCap, want, std::size_t(c.cap)});
    }
    if (newCap != c.cap) {
        c.buf = reallocBytes(c.buf, newCap);
        c.cap = static_cast<std::uint32_t>(newCap);
    }
    std::size_t newHead;
    if (keepOther) {
        newHead = back ? c.head : c.cap - other - used;
    } else {
        std::size_t slack = (c.cap - used - need) / 2; // left on the other side
        newHead = back ? slack : c.cap - slack - used;
    }
    moveBytes(c.buf, newHead, c.head, used);
    c.head = static_cast<std::uint32_t>(newHead);
    c.tail = static_cast<std::uint32_t>(newHead + used);
}

} // namespace

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

void PackedList::growSlots(bool)
{
    std::size_t newCap = std::max<std::size_t>(4, std::size_t(m_slotCap) * 2);
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
            growSlots(atFront);
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
    if (m_chunkCount == 0 || (chunk(m_chunkCount - 1).cap - chunk(m_chunkCount - 1).tail < need
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

// ---- middle edits ---------------------------------------------------------------------

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

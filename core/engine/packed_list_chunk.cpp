// Chunk buffers of PackedList: allocation and growth.
#include "packed_list_chunk.h"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <new>

namespace ql::packed {
namespace {

char *reallocBytes(char *old, std::size_t n)
{
    void *p = std::realloc(old, n);
    if (!p)
        throw std::bad_alloc();
    return static_cast<char *>(p);
}

} // namespace

char *allocBytes(std::size_t n)
{
    void *p = std::malloc(n);
    if (!p)
        throw std::bad_alloc();
    return static_cast<char *>(p);
}

std::size_t capFor(std::size_t want)
{
    if (want >= kTarget)
        return want;
    return std::max(kMinChunkBytes, std::bit_ceil(want));
}

// Growth keeps the slack on the other side when it can, so one-sided pushes waste
// nothing; a buffer at least half empty is recentred instead of grown.
void growChunk(Chunk &c, std::size_t need, bool back)
{
    std::size_t used = c.used();
    std::size_t other = back ? c.head : c.cap - c.tail;
    std::size_t limit = std::max(kTarget, used + need);
    std::size_t newCap = c.cap;
    bool keepOther = false;
    if ((used + need) * 2 > c.cap) {
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

} // namespace ql::packed

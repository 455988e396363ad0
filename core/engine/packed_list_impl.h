// Chunk layout and the inline iteration templates of PackedList (include packed_list.h).
#pragma once

#include <cstring>

namespace ql {

// One chunk: a malloc'ed byte buffer with free space before `head` and after `tail`.
// Each entry is varint(len) bytes[len] backlen(len), where backlen is the same number
// stored most significant group first so that it can be read from its last byte backwards.
// The descriptor is trivially copyable: PackedList owns `buf` and frees it.
struct PackedList::Chunk {
    char *buf = nullptr;
    std::uint32_t cap = 0;
    std::uint32_t head = 0; // first used byte
    std::uint32_t tail = 0; // one past the last used byte
    std::uint32_t count = 0;

    std::size_t used() const { return tail - head; }

    static std::size_t varintSize(std::size_t v)
    {
        std::size_t n = 1;
        while (v >= 0x80) {
            v >>= 7;
            ++n;
        }
        return n;
    }
    static std::size_t entrySize(std::size_t len) { return 2 * varintSize(len) + len; }

    // Decode the entry at byte offset `off`; returns the element and advances `off`.
    std::string_view readForward(std::uint32_t &off) const
    {
        std::size_t len = 0;
        int shift = 0;
        unsigned char b;
        do {
            b = static_cast<unsigned char>(buf[off++]);
            len |= static_cast<std::size_t>(b & 0x7f) << shift;
            shift += 7;
        } while (b & 0x80);
        std::string_view v(buf + off, len);
        off += static_cast<std::uint32_t>(len + varintSize(len));
        return v;
    }
    // Decode the entry that ends at byte offset `end`; moves `end` to its start. The
    // back-length's last byte holds the least significant 7 bits; every byte but the
    // first (most significant) one carries 0x80.
    std::string_view readBackward(std::uint32_t &end) const
    {
        std::size_t len = 0;
        int shift = 0;
        unsigned char b;
        do {
            b = static_cast<unsigned char>(buf[--end]);
            len |= static_cast<std::size_t>(b & 0x7f) << shift;
            shift += 7;
        } while (b & 0x80);
        end -= static_cast<std::uint32_t>(len);
        std::string_view v(buf + end, len);
        end -= static_cast<std::uint32_t>(varintSize(len));
        return v;
    }
    // Byte size of the entry starting at `off`.
    std::uint32_t entrySizeAt(std::uint32_t off) const
    {
        std::uint32_t o = off;
        readForward(o);
        return o - off;
    }
};

inline PackedList::Chunk &PackedList::chunk(std::size_t i)
{
    return m_slots[m_first + i];
}
inline const PackedList::Chunk &PackedList::chunk(std::size_t i) const
{
    return m_slots[m_first + i];
}

template <typename F> void PackedList::forEach(F &&f) const
{
    for (std::size_t i = 0; i < m_chunkCount; ++i) {
        const Chunk &c = chunk(i);
        std::uint32_t off = c.head;
        while (off < c.tail)
            if (!f(c.readForward(off)))
                return;
    }
}

template <typename F> void PackedList::forEachReverse(F &&f) const
{
    for (std::size_t i = m_chunkCount; i-- > 0;) {
        const Chunk &c = chunk(i);
        std::uint32_t end = c.tail;
        while (end > c.head)
            if (!f(c.readBackward(end)))
                return;
    }
}

} // namespace ql

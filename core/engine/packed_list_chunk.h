// Byte-level helpers of PackedList's chunks (internal to packed_list*.cpp): entry
// encoding, buffer allocation and making room at either end of a chunk.
#pragma once

#include "packed_list.h"

namespace ql::packed {

using Chunk = PackedList::Chunk;

inline constexpr std::size_t kTarget = PackedList::kTargetBytes;
inline constexpr std::size_t kMinChunkBytes = 32;
// Neighbouring chunks whose contents fit in this many bytes are merged after edits.
inline constexpr std::size_t kMergeBytes = kTarget / 2;

char *allocBytes(std::size_t n);
// Buffer size for `want` bytes: a power of two from kMinChunkBytes up to kTarget; a
// single oversized element gets exactly its size.
std::size_t capFor(std::size_t want);
// Grows or rearranges a chunk that lacks `need` free bytes at one end (see makeRoom).
void growChunk(Chunk &c, std::size_t need, bool back);

// Makes at least `need` free bytes after the tail (back) or before the head (front),
// growing the buffer (doubling, up to kTarget) or moving the contents.
inline void makeRoom(Chunk &c, std::size_t need, bool back)
{
    if ((back ? c.cap - c.tail : c.head) < need)
        growChunk(c, need, back);
}

// Writes varint(len) bytes backlen(len) at p: Chunk::entrySize(v.size()) bytes. The
// back-length holds the same number most significant group first; every byte but the
// first carries 0x80, so reading backwards from the last byte stops at the first one.
inline void encodeEntry(char *p, std::string_view v)
{
    std::size_t len = v.size();
    std::size_t n = Chunk::varintSize(len);
    for (std::size_t i = 0; i < n; ++i)
        p[i] = static_cast<char>(((len >> (7 * i)) & 0x7f) | (i + 1 < n ? 0x80 : 0));
    if (len > 0)
        std::memcpy(p + n, v.data(), len);
    char *back = p + n + len;
    for (std::size_t i = 0; i < n; ++i)
        back[i] = static_cast<char>(((len >> (7 * (n - 1 - i))) & 0x7f) | (i != 0 ? 0x80 : 0));
}

// memmove within one buffer (nothing for n == 0 or to == from).
inline void moveBytes(char *buf, std::size_t to, std::size_t from, std::size_t n)
{
    if (n > 0 && to != from)
        std::memmove(buf + to, buf + from, n);
}

} // namespace ql::packed

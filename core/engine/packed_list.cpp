#include "packed_list.h"

#include <algorithm>
#include <cassert>

namespace ql {
namespace {

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
    std::size_t n = PackedList::Chunk::varintSize(v.size());
    writeVarint(p, v.size());
    if (!v.empty())
        std::memcpy(p + n, v.data(), v.size());
    writeBacklen(p + n + v.size(), v.size(), n);
}

} // namespace

PackedList::~PackedList() = default;

void PackedList::pushBack(std::string_view v)
{
    std::size_t need = Chunk::entrySize(v.size());
    if (m_chunks.empty() || m_chunks.back()->cap - m_chunks.back()->tail < need) {
        auto c = std::make_unique<Chunk>();
        c->cap = static_cast<std::uint32_t>(std::max<std::size_t>(Chunk::kTargetBytes, need));
        c->buf = std::make_unique<char[]>(c->cap);
        m_chunks.push_back(std::move(c));
    }
    Chunk &c = *m_chunks.back();
    encodeEntry(c.buf.get() + c.tail, v);
    c.tail += static_cast<std::uint32_t>(need);
    ++c.count;
    ++m_size;
}

void PackedList::pushFront(std::string_view v)
{
    std::size_t need = Chunk::entrySize(v.size());
    if (m_chunks.empty() || m_chunks.front()->head < need) {
        auto c = std::make_unique<Chunk>();
        c->cap = static_cast<std::uint32_t>(std::max<std::size_t>(Chunk::kTargetBytes, need));
        c->buf = std::make_unique<char[]>(c->cap);
        c->head = c->tail = c->cap;
        m_chunks.push_front(std::move(c));
    }
    Chunk &c = *m_chunks.front();
    c.head -= static_cast<std::uint32_t>(need);
    encodeEntry(c.buf.get() + c.head, v);
    ++c.count;
    ++m_size;
}

std::string PackedList::popFront()
{
    assert(m_size > 0);
    Chunk &c = *m_chunks.front();
    std::string v(c.readForward(c.head));
    --c.count;
    --m_size;
    if (c.count == 0)
        m_chunks.pop_front();
    return v;
}

std::string PackedList::popBack()
{
    assert(m_size > 0);
    Chunk &c = *m_chunks.back();
    std::string v(c.readBackward(c.tail));
    --c.count;
    --m_size;
    if (c.count == 0)
        m_chunks.pop_back();
    return v;
}

PackedList::Pos PackedList::locate(std::size_t index) const
{
    assert(index < m_size);
    if (index < m_size / 2) {
        for (std::size_t ci = 0; ci < m_chunks.size(); ++ci) {
            if (index < m_chunks[ci]->count)
                return {ci, index};
            index -= m_chunks[ci]->count;
        }
    } else {
        std::size_t fromEnd = m_size - 1 - index;
        for (std::size_t ci = m_chunks.size(); ci-- > 0;) {
            if (fromEnd < m_chunks[ci]->count)
                return {ci, m_chunks[ci]->count - 1 - fromEnd};
            fromEnd -= m_chunks[ci]->count;
        }
    }
    return {m_chunks.size() - 1, m_chunks.back()->count - 1};
}

std::string PackedList::at(std::size_t index) const
{
    Pos p = locate(index);
    const Chunk &c = *m_chunks[p.chunk];
    std::uint32_t off = c.head;
    std::string_view v;
    for (std::size_t i = 0; i <= p.indexInChunk; ++i)
        v = c.readForward(off);
    return std::string(v);
}

std::vector<std::string> PackedList::range(std::size_t start, std::size_t end) const
{
    std::vector<std::string> out;
    if (start > end || start >= m_size)
        return out;
    end = std::min(end, m_size - 1);
    out.reserve(end - start + 1);
    Pos p = locate(start);
    std::size_t remaining = end - start + 1;
    for (std::size_t ci = p.chunk; ci < m_chunks.size() && remaining > 0; ++ci) {
        const Chunk &c = *m_chunks[ci];
        std::uint32_t off = c.head;
        std::size_t skip = ci == p.chunk ? p.indexInChunk : 0;
        while (off < c.tail && remaining > 0) {
            std::string_view v = c.readForward(off);
            if (skip > 0) {
                --skip;
                continue;
            }
            out.emplace_back(v);
            --remaining;
        }
    }
    return out;
}

std::vector<std::string> PackedList::chunkElements(std::size_t chunkIndex) const
{
    const Chunk &c = *m_chunks[chunkIndex];
    std::vector<std::string> els;
    els.reserve(c.count);
    std::uint32_t off = c.head;
    while (off < c.tail)
        els.emplace_back(c.readForward(off));
    return els;
}

// Replace chunk `chunkIndex` by chunks holding `elements` (split at the target size).
void PackedList::rebuildChunk(std::size_t chunkIndex, const std::vector<std::string> &elements)
{
    m_size -= m_chunks[chunkIndex]->count;
    m_chunks.erase(m_chunks.begin() + static_cast<std::ptrdiff_t>(chunkIndex));
    std::size_t insertAt = chunkIndex;
    std::size_t i = 0;
    while (i < elements.size()) {
        std::size_t bytes = 0, j = i;
        while (j < elements.size()) {
            std::size_t e = Chunk::entrySize(elements[j].size());
            if (j > i && bytes + e > Chunk::kTargetBytes)
                break;
            bytes += e;
            ++j;
        }
        auto c = std::make_unique<Chunk>();
        c->cap = static_cast<std::uint32_t>(std::max<std::size_t>(Chunk::kTargetBytes, bytes));
        c->buf = std::make_unique<char[]>(c->cap);
        // Leave the free space in the middle of the buffer so both ends can grow.
        c->head = c->tail = static_cast<std::uint32_t>((c->cap - bytes) / 2);
        for (std::size_t k = i; k < j; ++k) {
            encodeEntry(c->buf.get() + c->tail, elements[k]);
            c->tail += static_cast<std::uint32_t>(Chunk::entrySize(elements[k].size()));
            ++c->count;
        }
        m_size += c->count;
        m_chunks.insert(m_chunks.begin() + static_cast<std::ptrdiff_t>(insertAt++), std::move(c));
        i = j;
    }
}

void PackedList::set(std::size_t index, std::string_view v)
{
    Pos p = locate(index);
    auto els = chunkElements(p.chunk);
    els[p.indexInChunk] = std::string(v);
    rebuildChunk(p.chunk, els);
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
    auto els = chunkElements(p.chunk);
    els.insert(els.begin() + static_cast<std::ptrdiff_t>(p.indexInChunk), std::string(v));
    rebuildChunk(p.chunk, els);
}

void PackedList::erase(std::size_t index)
{
    Pos p = locate(index);
    auto els = chunkElements(p.chunk);
    els.erase(els.begin() + static_cast<std::ptrdiff_t>(p.indexInChunk));
    rebuildChunk(p.chunk, els);
}

void PackedList::trim(std::size_t start, std::size_t end)
{
    if (start > end || start >= m_size) {
        m_chunks.clear();
        m_size = 0;
        return;
    }
    end = std::min(end, m_size - 1);
    std::size_t dropBack = m_size - 1 - end;
    while (dropBack > 0) {
        Chunk &c = *m_chunks.back();
        if (c.count <= dropBack) {
            dropBack -= c.count;
            m_size -= c.count;
            m_chunks.pop_back();
        } else {
            c.readBackward(c.tail);
            --c.count;
            --m_size;
            --dropBack;
        }
    }
    std::size_t dropFront = start;
    while (dropFront > 0) {
        Chunk &c = *m_chunks.front();
        if (c.count <= dropFront) {
            dropFront -= c.count;
            m_size -= c.count;
            m_chunks.pop_front();
        } else {
            c.readForward(c.head);
            --c.count;
            --m_size;
            --dropFront;
        }
    }
}

std::size_t PackedList::memoryUsage() const
{
    std::size_t bytes = sizeof(*this);
    for (const auto &c : m_chunks)
        bytes += sizeof(Chunk) + c->cap + sizeof(void *);
    return bytes;
}

} // namespace ql

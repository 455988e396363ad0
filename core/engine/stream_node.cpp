#include "stream_node.h"

#include "number_parse.h"

#include <algorithm>
#include <cassert>

namespace ql {
namespace {

constexpr unsigned char kFlagDeleted = 1;
constexpr unsigned char kFlagSameFields = 2;

void putVarint(std::string &d, std::uint64_t v)
{
    while (v >= 0x80) {
        d.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    d.push_back(static_cast<char>(v));
}

std::uint64_t getVarint(const std::string &d, std::uint32_t &off)
{
    std::uint64_t v = 0;
    int shift = 0;
    unsigned char b;
    do {
        b = static_cast<unsigned char>(d[off++]);
        v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
        shift += 7;
    } while (b & 0x80);
    return v;
}

std::uint64_t zigzag(std::int64_t v)
{
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

std::int64_t unzigzag(std::uint64_t u)
{
    return static_cast<std::int64_t>((u >> 1) ^ (0 - (u & 1)));
}

void putString(std::string &d, const std::string &s)
{
    putVarint(d, s.size());
    d.append(s);
}

std::string_view getString(const std::string &d, std::uint32_t &off)
{
    auto len = static_cast<std::uint32_t>(getVarint(d, off));
    std::string_view v(d.data() + off, len);
    off += len;
    return v;
}

void skipString(const std::string &d, std::uint32_t &off)
{
    auto len = static_cast<std::uint32_t>(getVarint(d, off));
    off += len;
}

std::size_t backlenSize(std::size_t l)
{
    if (l <= 127)
        return 1;
    if (l < 16383)
        return 2;
    if (l < 2097151)
        return 3;
    if (l < 268435455)
        return 4;
    return 5;
}

} // namespace

std::size_t listpackIntSize(std::int64_t v)
{
    std::size_t enc;
    if (v >= 0 && v <= 127)
        enc = 1;
    else if (v >= -4096 && v <= 4095)
        enc = 2;
    else if (v >= -32768 && v <= 32767)
        enc = 3;
    else if (v >= -8388608 && v <= 8388607)
        enc = 4;
    else if (v >= -2147483648LL && v <= 2147483647LL)
        enc = 5;
    else
        enc = 9;
    return enc + 1;
}

std::size_t listpackStringSize(std::string_view s)
{
    if (auto v = parseInt64(s))
        return listpackIntSize(*v);
    std::size_t len = s.size();
    std::size_t enc = len < 64 ? 1 + len : len < 4096 ? 2 + len : 5 + len;
    return enc + backlenSize(enc);
}

StreamNode::StreamNode(StreamId id, std::span<const std::string> fieldsValues) : m_master(id), m_last(id)
{
    std::size_t pairs = fieldsValues.size() / 2;
    m_masterFieldCount = static_cast<std::uint32_t>(pairs);
    std::size_t bytes = 0;
    for (const auto &s : fieldsValues)
        bytes += s.size() + 2;
    m_data.reserve(std::max<std::size_t>(64, bytes * 2 + 16));
    putVarint(m_data, pairs);
    // Listpack header (6) + end byte (1), then count, deleted, num-fields, the fields
    // and the master terminator.
    std::size_t lp = 7 + listpackIntSize(1) + listpackIntSize(0) + listpackIntSize(static_cast<std::int64_t>(pairs));
    for (std::size_t i = 0; i < pairs; ++i) {
        putString(m_data, fieldsValues[2 * i]);
        lp += listpackStringSize(fieldsValues[2 * i]);
    }
    lp += listpackIntSize(0);
    m_listpackBytes = static_cast<std::uint32_t>(lp);
    m_entriesBegin = static_cast<std::uint32_t>(m_data.size());
    append(id, fieldsValues);
}

bool StreamNode::sameFieldsAsMaster(std::span<const std::string> fieldsValues) const
{
    std::size_t pairs = fieldsValues.size() / 2;
    if (pairs != m_masterFieldCount)
        return false;
    std::uint32_t off = 0;
    getVarint(m_data, off);
    for (std::size_t i = 0; i < pairs; ++i)
        if (getString(m_data, off) != fieldsValues[2 * i])
            return false;
    return true;
}

void StreamNode::append(StreamId id, std::span<const std::string> fieldsValues)
{
    std::size_t pairs = fieldsValues.size() / 2;
    bool same = sameFieldsAsMaster(fieldsValues);
    auto msDelta = static_cast<std::int64_t>(id.ms - m_master.ms);
    auto seqDelta = static_cast<std::int64_t>(id.seq - m_master.seq);

    m_lastOffset = static_cast<std::uint32_t>(m_data.size());
    m_data.push_back(static_cast<char>(same ? kFlagSameFields : 0));
    putVarint(m_data, static_cast<std::uint64_t>(msDelta));
    putVarint(m_data, zigzag(seqDelta));
    std::size_t lp = listpackIntSize(same ? kFlagSameFields : 0) + listpackIntSize(msDelta) + listpackIntSize(seqDelta);
    if (!same) {
        putVarint(m_data, pairs);
        lp += listpackIntSize(static_cast<std::int64_t>(pairs));
    }
    for (std::size_t i = 0; i < pairs; ++i) {
        if (!same) {
            putString(m_data, fieldsValues[2 * i]);
            lp += listpackStringSize(fieldsValues[2 * i]);
        }
        putString(m_data, fieldsValues[2 * i + 1]);
        lp += listpackStringSize(fieldsValues[2 * i + 1]);
    }
    auto lpCount = static_cast<std::int64_t>(pairs + 3 + (same ? 0 : pairs + 1));
    lp += listpackIntSize(lpCount);
    m_listpackBytes += static_cast<std::uint32_t>(lp);
    m_last = id;
    ++m_live;
}

StreamNode::Entry StreamNode::entryAt(std::uint32_t offset) const
{
    Entry e;
    e.offset = offset;
    std::uint32_t off = offset;
    auto flags = static_cast<unsigned char>(m_data[off++]);
    e.deleted = (flags & kFlagDeleted) != 0;
    e.id.ms = m_master.ms + getVarint(m_data, off);
    e.id.seq = m_master.seq + static_cast<std::uint64_t>(unzigzag(getVarint(m_data, off)));
    if (flags & kFlagSameFields) {
        for (std::uint32_t i = 0; i < m_masterFieldCount; ++i)
            skipString(m_data, off);
    } else {
        auto n = getVarint(m_data, off);
        for (std::uint64_t i = 0; i < 2 * n; ++i)
            skipString(m_data, off);
    }
    e.next = off;
    return e;
}

void StreamNode::fieldsAt(std::uint32_t offset, std::vector<std::string_view> &out) const
{
    std::uint32_t off = offset;
    auto flags = static_cast<unsigned char>(m_data[off++]);
    getVarint(m_data, off);
    getVarint(m_data, off);
    if (flags & kFlagSameFields) {
        std::uint32_t master = 0;
        getVarint(m_data, master);
        for (std::uint32_t i = 0; i < m_masterFieldCount; ++i) {
            out.push_back(getString(m_data, master));
            out.push_back(getString(m_data, off));
        }
    } else {
        auto n = getVarint(m_data, off);
        for (std::uint64_t i = 0; i < 2 * n; ++i)
            out.push_back(getString(m_data, off));
    }
}

void StreamNode::entryOffsets(std::vector<std::uint32_t> &out) const
{
    out.clear();
    for (std::uint32_t off = m_entriesBegin; off < endOffset(); off = entryAt(off).next)
        out.push_back(off);
}

void StreamNode::markDeleted(std::uint32_t offset)
{
    assert(!(static_cast<unsigned char>(m_data[offset]) & kFlagDeleted));
    m_data[offset] = static_cast<char>(m_data[offset] | kFlagDeleted);
    --m_live;
    ++m_deleted;
}

} // namespace ql

#include "stream.h"

#include <algorithm>
#include <array>

namespace ql {
namespace {

// Redis refuses entries whose strings add up to more than this (STREAM_LISTPACK_MAX_SIZE).
constexpr std::size_t kEntryMaxBytes = std::size_t {1} << 30;

} // namespace

Stream::Stream() = default;
Stream::~Stream() = default;

// ---- facts ------------------------------------------------------------------------------

std::optional<StreamId> Stream::firstEntryId() const
{
    for (const StreamNode &n : m_nodes) {
        if (n.live() == 0)
            continue;
        for (std::uint32_t off = n.firstOffset(); off < n.endOffset();) {
            StreamNode::Entry e = n.entryAt(off);
            if (!e.deleted)
                return e.id;
            off = e.next;
        }
    }
    return std::nullopt;
}

std::optional<StreamId> Stream::lastEntryId() const
{
    for (auto it = m_nodes.rbegin(); it != m_nodes.rend(); ++it) {
        const StreamNode &n = *it;
        if (n.live() == 0)
            continue;
        StreamNode::Entry last = n.entryAt(n.lastOffset());
        if (!last.deleted)
            return last.id;
        std::optional<StreamId> found;
        for (std::uint32_t off = n.firstOffset(); off < n.endOffset();) {
            StreamNode::Entry e = n.entryAt(off);
            if (!e.deleted)
                found = e.id;
            off = e.next;
        }
        return found;
    }
    return std::nullopt;
}

std::size_t Stream::nodeFor(StreamId id) const
{
    auto it = std::upper_bound(
        m_nodes.begin(), m_nodes.end(), id, [](const StreamId &v, const StreamNode &n) { return v < n.master(); });
    if (it == m_nodes.begin())
        return npos;
    return static_cast<std::size_t>(it - m_nodes.begin()) - 1;
}

bool Stream::locate(StreamId id, std::size_t &node, std::uint32_t &offset) const
{
    node = nodeFor(id);
    if (node == npos || m_nodes[node].last() < id)
        return false;
    const StreamNode &n = m_nodes[node];
    for (std::uint32_t off = n.firstOffset(); off < n.endOffset();) {
        StreamNode::Entry e = n.entryAt(off);
        if (e.id == id) {
            offset = off;
            return !e.deleted;
        }
        if (e.id > id)
            return false;
        off = e.next;
    }
    return false;
}

bool Stream::contains(StreamId id) const
{
    std::size_t node;
    std::uint32_t offset;
    return locate(id, node, offset);
}

// ---- adding -----------------------------------------------------------------------------

Stream::AddResult Stream::add(
    const StreamId *requested, bool seqGiven, std::int64_t nowMs, std::span<const std::string> fieldsValues)
{
    AddResult r;
    StreamId id;
    if (requested) {
        id = *requested;
        if (!seqGiven && m_lastId.ms == requested->ms) {
            // "<ms>-*" in the current millisecond: the next sequence, if there is one.
            // Redis 7.0 fails here without setting errno, so XADD answers "Elements are
            // too large to be stored".
            if (m_lastId.seq == StreamId::kMaxPart) {
                r.status = AddStatus::TooLarge;
                return r;
            }
            id = m_lastId;
            ++id.seq;
        }
    } else {
        auto ms = static_cast<std::uint64_t>(std::max<std::int64_t>(nowMs, 0));
        if (ms > m_lastId.ms) {
            id = StreamId {ms, 0};
        } else {
            id = m_lastId;
            id.increment();
        }
    }
    if (id <= m_lastId) {
        r.status = AddStatus::IdTooSmall;
        return r;
    }
    std::size_t bytes = 0;
    for (const std::string &s : fieldsValues)
        bytes += s.size();
    if (bytes > kEntryMaxBytes) {
        r.status = AddStatus::TooLarge;
        return r;
    }

    if (m_nodes.empty() || !m_nodes.back().acceptsEntry(bytes)) {
        if (!m_nodes.empty())
            m_nodes.back().seal();
        m_nodes.emplace_back(id, fieldsValues);
    } else {
        m_nodes.back().append(id, fieldsValues);
    }
    ++m_length;
    ++m_entriesAdded;
    m_lastId = id;
    if (m_length == 1)
        m_firstId = id;
    r.id = id;
    return r;
}

// ---- trimming ---------------------------------------------------------------------------

std::int64_t Stream::trim(const TrimSpec &spec)
{
    using Strategy = TrimSpec::Strategy;
    if (spec.strategy == Strategy::None)
        return 0;
    const bool byLength = spec.strategy == Strategy::MaxLen;
    const auto maxLen = static_cast<std::uint64_t>(std::max<std::int64_t>(spec.maxLen, 0));
    std::int64_t removed = 0;
    // Like Redis: whole nodes from the head while they fit the rule, then (exact mode
    // only) single entries of the first node that does not.
    while (!m_nodes.empty()) {
        if (byLength && m_length <= maxLen)
            break;
        StreamNode &n = m_nodes.front();
        const std::int64_t entries = n.live();
        if (spec.limit && removed + entries > spec.limit)
            break;
        bool wholeNode = byLength ? m_length - static_cast<std::uint64_t>(entries) >= maxLen : n.last() < spec.minId;
        if (wholeNode) {
            m_length -= static_cast<std::uint64_t>(entries);
            removed += entries;
            m_nodes.pop_front();
            ++m_layoutVersion;
            continue;
        }
        if (spec.approx)
            break;
        removed += trimNodeEntries(n, spec);
        break;
    }
    refreshFirstId();
    return removed;
}

std::int64_t Stream::trimNodeEntries(StreamNode &n, const TrimSpec &spec)
{
    const bool byLength = spec.strategy == TrimSpec::Strategy::MaxLen;
    const auto maxLen = static_cast<std::uint64_t>(std::max<std::int64_t>(spec.maxLen, 0));
    std::int64_t removed = 0;
    // The node stays even if no live entry is left in it (Redis does the same).
    for (std::uint32_t off = n.firstOffset(); off < n.endOffset();) {
        StreamNode::Entry e = n.entryAt(off);
        if (byLength ? m_length <= maxLen : e.id >= spec.minId)
            break;
        if (!e.deleted) {
            n.markDeleted(off);
            --m_length;
            ++removed;
        }
        off = e.next;
    }
    return removed;
}

void Stream::refreshFirstId()
{
    if (m_length == 0) {
        m_firstId = StreamId {};
        return;
    }
    m_firstId = firstEntryId().value_or(StreamId::max());
}

// ---- deletion ---------------------------------------------------------------------------

void Stream::removeAt(std::size_t node, std::uint32_t offset)
{
    StreamNode &n = m_nodes[node];
    if (n.live() == 1) {
        m_nodes.erase(m_nodes.begin() + static_cast<std::ptrdiff_t>(node));
        ++m_layoutVersion;
    } else {
        n.markDeleted(offset);
    }
    --m_length;
}

std::size_t Stream::remove(std::span<const StreamId> ids, std::vector<StreamId> *removed)
{
    std::size_t count = 0;
    bool firstRemoved = false;
    for (const StreamId &id : ids) {
        std::size_t node;
        std::uint32_t offset;
        if (!locate(id, node, offset))
            continue;
        removeAt(node, offset);
        if (id == m_firstId)
            firstRemoved = true;
        if (id > m_maxDeletedId)
            m_maxDeletedId = id;
        ++count;
        if (removed)
            removed->push_back(id);
    }
    if (count && (m_length == 0 || firstRemoved))
        refreshFirstId();
    return count;
}

// ---- XSETID -----------------------------------------------------------------------------

Stream::SetIdStatus Stream::setLastId(StreamId id, std::int64_t entriesAdded, StreamId maxDeleted)
{
    // 7.0 does not compare the id with the current max deleted id (7.2 does).
    if (m_length > 0) {
        if (id < lastEntryId().value_or(StreamId {}))
            return SetIdStatus::SmallerThanTop;
        if (entriesAdded >= 0 && m_length > static_cast<std::uint64_t>(entriesAdded))
            return SetIdStatus::EntriesAddedTooSmall;
    }
    m_lastId = id;
    if (entriesAdded >= 0)
        m_entriesAdded = static_cast<std::uint64_t>(entriesAdded);
    if (!maxDeleted.isZero())
        m_maxDeletedId = maxDeleted;
    return SetIdStatus::Ok;
}

// ---- consumer groups --------------------------------------------------------------------

StreamGroup *Stream::group(std::string_view name) const
{
    auto it = m_groups.find(name);
    return it == m_groups.end() ? nullptr : it->second.get();
}

StreamGroup *Stream::createGroup(std::string_view name, StreamId lastId, std::int64_t entriesRead)
{
    auto it = m_groups.lower_bound(name);
    if (it != m_groups.end() && it->first == name)
        return nullptr;
    auto g = std::make_unique<StreamGroup>(lastId, entriesRead);
    StreamGroup *raw = g.get();
    m_groups.emplace_hint(it, std::string(name), std::move(g));
    return raw;
}

bool Stream::destroyGroup(std::string_view name)
{
    auto it = m_groups.find(name);
    if (it == m_groups.end())
        return false;
    m_groups.erase(it);
    return true;
}

std::int64_t Stream::estimateEntriesRead(StreamId id) const
{
    const auto added = static_cast<std::int64_t>(m_entriesAdded);
    if (m_entriesAdded == 0)
        return 0; // nothing was ever added: every position is 0
    if (m_length == 0 && id <= m_lastId)
        return added;
    if (id == m_lastId)
        return added;
    if (id > m_lastId)
        return StreamGroup::kInvalidEntriesRead; // a future id
    if (m_maxDeletedId.isZero() || m_maxDeletedId < m_firstId) {
        // No deletion after the first entry: positions are known up to it.
        if (id < m_firstId)
            return added - static_cast<std::int64_t>(m_length);
        if (id == m_firstId)
            return added - static_cast<std::int64_t>(m_length) + 1;
    }
    return StreamGroup::kInvalidEntriesRead;
}

bool Stream::rangeHasTombstones(StreamId start) const
{
    if (m_length == 0 || m_maxDeletedId.isZero())
        return false;
    if (m_firstId > m_maxDeletedId)
        return false;
    return start <= m_maxDeletedId;
}

std::optional<std::int64_t> Stream::lag(const StreamGroup &g) const
{
    const auto added = static_cast<std::int64_t>(m_entriesAdded);
    if (m_entriesAdded == 0)
        return 0;
    if (g.entriesRead() != StreamGroup::kInvalidEntriesRead && !rangeHasTombstones(g.lastId()))
        return added - g.entriesRead();
    std::int64_t read = estimateEntriesRead(g.lastId());
    if (read != StreamGroup::kInvalidEntriesRead)
        return added - read;
    return std::nullopt;
}

void Stream::advanceGroup(StreamGroup &g, StreamId delivered) const
{
    if (delivered <= g.lastId())
        return;
    if (g.entriesRead() != StreamGroup::kInvalidEntriesRead && !rangeHasTombstones(delivered))
        g.setEntriesRead(g.entriesRead() + 1);
    else if (m_entriesAdded)
        g.setEntriesRead(estimateEntriesRead(delivered));
    g.setLastId(delivered);
}

// ---- structure --------------------------------------------------------------------------

namespace {

using RaxKey = std::array<unsigned char, 16>;

RaxKey raxKey(StreamId id)
{
    RaxKey k {};
    for (int i = 0; i < 8; ++i) {
        k[static_cast<std::size_t>(i)] = static_cast<unsigned char>(id.ms >> (56 - 8 * i));
        k[static_cast<std::size_t>(8 + i)] = static_cast<unsigned char>(id.seq >> (56 - 8 * i));
    }
    return k;
}

// Nodes of a compressed radix tree over sorted, distinct 16-byte keys: a chain of
// single-child nodes counts once (compressed), every branching point once, each key's
// end once.
std::size_t raxNodes(const std::vector<RaxKey> &keys, std::size_t lo, std::size_t hi, std::size_t depth)
{
    if (depth == 16)
        return 1;
    if (hi - lo == 1)
        return 2;
    std::size_t common = depth;
    while (keys[lo][common] == keys[hi - 1][common])
        ++common;
    if (common > depth)
        return 1 + raxNodes(keys, lo, hi, common);
    std::size_t total = 1;
    for (std::size_t i = lo; i < hi;) {
        std::size_t j = i;
        while (j < hi && keys[j][depth] == keys[i][depth])
            ++j;
        total += raxNodes(keys, i, j, depth + 1);
        i = j;
    }
    return total;
}

} // namespace

std::size_t Stream::radixTreeNodes() const
{
    if (m_nodes.empty())
        return 1;
    std::vector<RaxKey> keys;
    keys.reserve(m_nodes.size());
    for (const StreamNode &n : m_nodes)
        keys.push_back(raxKey(n.master()));
    return raxNodes(keys, 0, keys.size(), 0);
}

std::size_t Stream::memoryUsage() const
{
    std::size_t bytes = sizeof(*this);
    for (const StreamNode &n : m_nodes)
        bytes += n.memoryUsage();
    for (const auto &[name, g] : m_groups)
        bytes += 32 + name.capacity() + g->memoryUsage();
    return bytes;
}

} // namespace ql

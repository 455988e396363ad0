// Stream: the stream value. An append-only log of entries (id + field/value pairs),
// stored as a sorted run of packed nodes of up to 100 entries (see stream_node.h), the
// way Redis keeps listpacks in a radix tree; plus the bookkeeping Redis 7.0 reports:
// last generated id, recorded first id, max deleted id, entries added, and the consumer
// groups (stream_group.h).
//
// API in brief (every operation returns values; commands format replies and events):
//   add()       XADD: append with an explicit, partial ("<ms>-*") or clock id ("*").
//   trim()      XADD/XTRIM MAXLEN|MINID, exact (=) or by whole nodes (~) with LIMIT.
//   remove()    XDEL: flags entries deleted; a node goes away with its last live entry.
//   Iterator    XRANGE/XREVRANGE/XREAD: live entries of an id interval, either direction.
//   groups      create/destroy/look up; lag() and advanceGroup() implement 7.0's
//               entries-read and lag rules, including when they become unknown (nil).
#pragma once

#include "stream_group.h"
#include "stream_id.h"
#include "stream_node.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ql {

class Stream {
public:
    using Groups = std::map<std::string, std::unique_ptr<StreamGroup>, std::less<>>;

    Stream();
    Stream(const Stream &) = delete;
    Stream &operator=(const Stream &) = delete;
    ~Stream();

    // ---- facts
    std::uint64_t length() const { return m_length; }
    bool empty() const { return m_length == 0; }
    StreamId lastId() const { return m_lastId; } // last-generated-id
    StreamId firstId() const { return m_firstId; } // recorded-first-entry-id
    StreamId maxDeletedId() const { return m_maxDeletedId; } // max-deleted-entry-id
    std::uint64_t entriesAdded() const { return m_entriesAdded; }
    // Ids of the first/last live entries (nullopt when empty).
    std::optional<StreamId> firstEntryId() const;
    std::optional<StreamId> lastEntryId() const;
    bool contains(StreamId id) const;

    // ---- adding
    enum class AddStatus : std::uint8_t { Ok, IdTooSmall, TooLarge };
    struct AddResult {
        AddStatus status = AddStatus::Ok;
        StreamId id;
    };
    // `requested` null: the id comes from the clock (`*`). `seqGiven` false: "<ms>-*".
    // fieldsValues holds field, value, field, value...
    AddResult add(
        const StreamId *requested, bool seqGiven, std::int64_t nowMs, std::span<const std::string> fieldsValues);
    // The largest id has been used: nothing can be added any more.
    bool exhausted() const { return m_lastId.isMax(); }

    // ---- trimming
    struct TrimSpec {
        enum class Strategy : std::uint8_t { None, MaxLen, MinId };
        Strategy strategy = Strategy::None;
        bool approx = false; // '~': whole nodes only
        std::int64_t maxLen = 0; // MAXLEN threshold
        StreamId minId; // MINID threshold
        std::int64_t limit = 0; // most entries to remove (0 = no limit)
    };
    // Returns the number of entries removed.
    std::int64_t trim(const TrimSpec &spec);

    // ---- deletion (XDEL): removes the ids that exist; `removed` receives them.
    std::size_t remove(std::span<const StreamId> ids, std::vector<StreamId> *removed = nullptr);

    // ---- XSETID
    enum class SetIdStatus : std::uint8_t { Ok, SmallerThanTop, EntriesAddedTooSmall };
    // entriesAdded < 0 keeps the counter; a zero maxDeleted keeps the max deleted id.
    SetIdStatus setLastId(StreamId id, std::int64_t entriesAdded, StreamId maxDeleted);

    // ---- reading
    class Iterator {
    public:
        Iterator(const Stream &s, StreamId start, StreamId end, bool reverse = false);
        // The next live entry in the interval; `fv` is cleared and gets field, value...
        bool next(StreamId &id, std::vector<std::string_view> &fv);

    private:
        bool nextForward(StreamId &id, std::vector<std::string_view> &fv);
        bool nextReverse(StreamId &id, std::vector<std::string_view> &fv);
        void loadReverseNode();

        const Stream &m_stream;
        StreamId m_start;
        StreamId m_end;
        bool m_reverse;
        bool m_done = false;
        std::size_t m_node = 0;
        std::uint32_t m_offset = 0;
        std::vector<std::uint32_t> m_offsets; // reverse: entries of the current node
        std::size_t m_left = 0; // reverse: entries not yet visited
    };

    // ---- consumer groups
    const Groups &groups() const { return m_groups; }
    StreamGroup *group(std::string_view name) const;
    // nullptr when a group of that name exists.
    StreamGroup *createGroup(std::string_view name, StreamId lastId, std::int64_t entriesRead);
    bool destroyGroup(std::string_view name);

    // Redis 7.0 read-counter rules.
    // The logical position (entries added up to and including `id`), or -1 when unknown.
    std::int64_t estimateEntriesRead(StreamId id) const;
    // Whether a deleted entry could lie in [start, +inf).
    bool rangeHasTombstones(StreamId start) const;
    // Entries not yet delivered to the group, or nullopt when it cannot be known.
    std::optional<std::int64_t> lag(const StreamGroup &g) const;
    // The group's cursor moves to `delivered` (a ">" read), updating entries-read.
    void advanceGroup(StreamGroup &g, StreamId delivered) const;

    // ---- structure
    const std::deque<StreamNode> &nodes() const { return m_nodes; }
    std::size_t nodeCount() const { return m_nodes.size(); } // radix-tree-keys
    std::size_t radixTreeNodes() const; // radix-tree-nodes, as Redis's rax counts them
    std::size_t memoryUsage() const;

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    // Index of the node that would hold `id` (the last node whose master <= id), or npos.
    std::size_t nodeFor(StreamId id) const;
    // Node index and offset of a live entry; false when absent or deleted.
    bool locate(StreamId id, std::size_t &node, std::uint32_t &offset) const;
    void removeAt(std::size_t node, std::uint32_t offset);
    std::int64_t trimNodeEntries(StreamNode &n, const TrimSpec &spec);
    void refreshFirstId();

    // Where the last forward read stopped, so that the next read after it (XREADGROUP's
    // cursor, XREAD's last id) does not rescan its node from the start. Valid while no
    // node has been removed (m_layoutVersion).
    struct SeekHint {
        std::uint64_t version = ~std::uint64_t {0};
        std::size_t node = 0;
        std::uint32_t offset = 0;
        StreamId id;
    };

    std::deque<StreamNode> m_nodes;
    std::uint64_t m_layoutVersion = 0;
    mutable SeekHint m_hint;
    std::uint64_t m_length = 0;
    StreamId m_lastId;
    StreamId m_firstId;
    StreamId m_maxDeletedId;
    std::uint64_t m_entriesAdded = 0;
    Groups m_groups;
};

} // namespace ql

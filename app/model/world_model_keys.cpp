// WorldModel: the keyspace (create, remove, rename, expire, flush), strings and lists, and
// turning a KeySnapshot into a KeyView.
#include "world_model.h"

#include <algorithm>
#include <charconv>

namespace ql {
namespace {

// A decimal integer as the engine formats it; false when `s` is not one.
bool toInt(const std::vector<std::string> &values, std::size_t i, std::int64_t &v)
{
    if (i >= values.size())
        return false;
    const std::string &s = values[i];
    const char *b = s.data();
    const char *e = s.data() + s.size();
    if (b != e && *b == '+')
        ++b;
    auto [p, ec] = std::from_chars(b, e, v);
    return ec == std::errc() && p == e;
}

ValueType typeFromName(const std::string &name)
{
    return name == "list" ? ValueType::List : name == "stream" ? ValueType::Stream : ValueType::String;
}

void setString(KeyView &k, const std::string &value)
{
    k.stringLength = value.size();
    k.stringValue.assign(value, 0, std::min(value.size(), kStringPreviewBytes));
}

// Pops one element from an end; false when the model contradicts the event.
bool popExpected(ElidedSequence<std::string> &list, bool left, const std::string &expected)
{
    if (list.empty())
        return false;
    std::optional<std::string> v = left ? list.takeFront() : list.takeBack();
    return !v || *v == expected;
}

std::size_t countOf(const std::deque<std::string> &d, const std::string &v)
{
    return static_cast<std::size_t>(std::count(d.begin(), d.end(), v));
}

// Removes up to n elements equal to v from d, scanning from the front or the back.
std::size_t removeEqual(std::deque<std::string> &d, const std::string &v, std::size_t n, bool fromBack)
{
    std::size_t left = n;
    auto match = [&](const std::string &s) {
        if (left && s == v) {
            --left;
            return true;
        }
        return false;
    };
    if (fromBack) {
        auto it = std::remove_if(d.rbegin(), d.rend(), match);
        d.erase(d.begin(), it.base());
    } else {
        d.erase(std::remove_if(d.begin(), d.end(), match), d.end());
    }
    return n - left;
}

} // namespace

KeyView *WorldModel::findKey(int db, std::string_view name)
{
    auto it = m_keys.find(KeyIdLess::Ref {db, name});
    return it == m_keys.end() ? nullptr : &it->second;
}

KeyView *WorldModel::keyOfType(const Event &e, ValueType type)
{
    KeyView *k = findKey(e.db, e.key);
    if (!k || k->type != type) {
        markDirty(e.db, e.key);
        return nullptr;
    }
    return k;
}

KeyView WorldModel::makeKey(int db, const std::string &name, ValueType type) const
{
    KeyView k;
    k.db = db;
    k.name = name;
    k.type = type;
    if (type == ValueType::List) {
        k.list = std::make_unique<ElidedSequence<std::string>>(m_limits.listEnd);
    } else if (type == ValueType::Stream) {
        k.stream = std::make_unique<StreamKeyView>(m_limits.streamEnd);
        k.stream->countersKnown = true; // a new stream: nothing added, nothing deleted
    }
    return k;
}

KeyView WorldModel::keyFromSnapshot(const KeySnapshot &s) const
{
    KeyView k = makeKey(s.db, s.name, s.type);
    k.expireAtMs = s.expireAtMs;
    const std::size_t split
        = std::min(s.elidedFrom, s.type == ValueType::Stream ? s.entries.size() : s.elements.size());
    if (s.type == ValueType::String) {
        k.stringLength = s.length;
        k.stringValue = s.stringValue.substr(0, kStringPreviewBytes);
    } else if (s.type == ValueType::List) {
        std::vector<std::string> head(s.elements.begin(), s.elements.begin() + static_cast<std::ptrdiff_t>(split));
        std::vector<std::string> tail(s.elements.begin() + static_cast<std::ptrdiff_t>(split), s.elements.end());
        k.list->assign(std::move(head), s.length - std::min(s.length, s.elements.size()), std::move(tail));
    } else {
        StreamKeyView &st = *k.stream;
        auto entry = [](const StreamEntrySnapshot &e) {
            return StreamEntryView {parseStreamId(e.id, 0, true).id, e.fieldsValues};
        };
        std::vector<StreamEntryView> head, tail;
        for (std::size_t i = 0; i < s.entries.size(); ++i)
            (i < split ? head : tail).push_back(entry(s.entries[i]));
        st.entries.assign(std::move(head), s.length - std::min(s.length, s.entries.size()), std::move(tail));
        st.lastId = parseStreamId(s.lastId, 0, true).id;
        // The snapshot carries the counters Redis keeps for lag (XINFO STREAM's entries-added
        // and max-deleted-entry-id).
        st.countersKnown = true;
        st.entriesAdded = s.entriesAdded;
        st.maxDeletedId = parseStreamId(s.maxDeletedId, 0, true).id;
        for (const GroupSnapshot &gs : s.groups) {
            GroupView g;
            g.name = gs.name;
            g.lastDeliveredId = parseStreamId(gs.lastDeliveredId, 0, true).id;
            g.entriesRead = gs.entriesRead;
            g.lag = gs.lag;
            g.pendingCount = gs.pendingCount;
            for (const ConsumerSnapshot &cs : gs.consumers)
                g.consumers.emplace(cs.name, ConsumerView {cs.name, cs.seenTimeMs, cs.pending, {}});
            for (const PendingSnapshot &ps : gs.pending) {
                StreamId id = parseStreamId(ps.id, 0, true).id;
                g.pending.emplace(id, PendingView {ps.consumer, ps.deliveryTimeMs, ps.deliveryCount});
                if (auto c = g.consumers.find(ps.consumer); c != g.consumers.end())
                    c->second.pending.insert(id);
            }
            if (g.pending.size() < g.pendingCount) {
                // Only the oldest were listed. Others lie after the last one shown and (but
                // for an XSETID below a deleted pending entry) not after the stream's last id.
                if (g.pending.empty()) {
                    g.pendingKnownThrough = StreamId::min();
                    g.pendingUnknownUpTo = StreamId::max();
                } else {
                    g.pendingKnownThrough = g.pending.rbegin()->first;
                    g.pendingUnknownUpTo = std::max(st.lastId, g.pendingKnownThrough);
                }
            }
            st.groups.emplace(g.name, std::move(g));
        }
    }
    return k;
}

void WorldModel::applyKeyEvent(const Event &e)
{
    switch (e.kind) {
    case EventKind::KeyCreated: {
        ValueType type = typeFromName(e.values.empty() ? std::string() : e.values[0]);
        m_keys.insert_or_assign(KeyId {e.db, e.key}, makeKey(e.db, e.key, type));
        if (auto d = m_dirty.find(KeyIdLess::Ref {e.db, e.key}); d != m_dirty.end())
            m_dirty.erase(d);
        break;
    }
    case EventKind::KeyRemoved: removeKey(e.db, e.key); break;
    case EventKind::KeyRenamed: {
        auto found = m_keys.find(KeyIdLess::Ref {e.db, e.key});
        auto node = found == m_keys.end() ? KeyMap::node_type() : m_keys.extract(found);
        bool wasDirty = m_dirty.find(KeyIdLess::Ref {e.db, e.key}) != m_dirty.end();
        removeKey(e.db, e.key);
        removeKey(e.db, e.text);
        if (node.empty()) {
            markDirty(e.db, e.text);
            break;
        }
        node.key().name = e.text;
        node.mapped().name = e.text;
        m_keys.insert(std::move(node));
        if (wasDirty)
            markDirty(e.db, e.text);
        break;
    }
    case EventKind::KeyExpireSet:
        if (KeyView *k = findKey(e.db, e.key))
            k->expireAtMs = e.number;
        else
            markDirty(e.db, e.key);
        break;
    case EventKind::Flushed: {
        auto inScope = [&](int db) { return e.number < 0 || db == e.number; };
        std::erase_if(m_keys, [&](const auto &kv) { return inScope(kv.first.db); });
        std::erase_if(m_dirty, [&](const KeyId &id) { return inScope(id.db); });
        break;
    }
    case EventKind::StringSet: {
        KeyView *k = findKey(e.db, e.key);
        if (!k || k->type != ValueType::String) {
            k = &m_keys.insert_or_assign(KeyId {e.db, e.key}, makeKey(e.db, e.key, ValueType::String)).first->second;
            markDirty(e.db, e.key);
        }
        // SET drops a TTL, INCR / APPEND / SET KEEPTTL keep it: the event does not say.
        if (k->expireAtMs >= 0)
            markDirty(e.db, e.key);
        setString(*k, e.values.empty() ? std::string() : e.values[0]);
        break;
    }
    case EventKind::Pushed:
        if (KeyView *k = keyOfType(e, ValueType::List)) {
            for (const auto &v : e.values) {
                if (e.text == "left")
                    k->list->pushFront(v);
                else
                    k->list->pushBack(v);
            }
        }
        break;
    case EventKind::Popped:
        if (KeyView *k = keyOfType(e, ValueType::List)) {
            bool ok = true;
            for (const auto &v : e.values)
                ok = popExpected(*k->list, e.text == "left", v) && ok;
            if (!ok || k->list->frontUnknown() || k->list->backUnknown())
                markDirty(e.db, e.key);
        }
        break;
    case EventKind::ListMoved: {
        if (e.values.size() < 3) {
            markDirty(e.db, e.key);
            break;
        }
        if (KeyView *src = keyOfType(e, ValueType::List)) {
            if (!popExpected(*src->list, e.values[1] == "left", e.values[0]) || src->list->frontUnknown()
                || src->list->backUnknown())
                markDirty(e.db, e.key);
        }
        KeyView *dst = findKey(e.db, e.text);
        if (!dst || dst->type != ValueType::List) {
            markDirty(e.db, e.text);
            break;
        }
        if (e.values[2] == "left")
            dst->list->pushFront(e.values[0]);
        else
            dst->list->pushBack(e.values[0]);
        break;
    }
    case EventKind::ListChanged:
        if (KeyView *k = keyOfType(e, ValueType::List))
            onListChanged(*k, e);
        break;
    default: break;
    }
}

void WorldModel::onListChanged(KeyView &k, const Event &e)
{
    ElidedSequence<std::string> &list = *k.list;
    std::int64_t a = 0;
    std::int64_t b = 0;
    const bool hasA = toInt(e.values, 0, a);
    const bool hasB = toInt(e.values, 1, b);
    const auto len = static_cast<std::int64_t>(list.size());
    bool ok = true;
    if (e.text == "lset") {
        ok = hasA && a >= 0 && a < len && e.values.size() > 1;
        if (ok)
            if (std::string *p = list.at(static_cast<std::size_t>(a)))
                *p = e.values[1];
    } else if (e.text == "linsert") {
        ok = hasA && a >= 0 && a <= len && e.values.size() > 1;
        if (ok)
            list.insert(static_cast<std::size_t>(a), e.values[1]);
    } else if (e.text == "ltrim") {
        ok = hasA && hasB;
        if (ok && b < a) {
            ok = len == e.number;
            list.clear();
        } else if (ok) {
            ok = a >= 0 && b < len && len - (b - a + 1) == e.number;
            if (ok) {
                list.dropBack(static_cast<std::size_t>(len - 1 - b));
                list.dropFront(static_cast<std::size_t>(a));
            }
        }
    } else if (e.text == "lrem") {
        onListRemove(k, e);
        return;
    } else {
        ok = false;
    }
    if (!ok) {
        markDirty(k.db, k.name);
        return;
    }
    if (list.frontUnknown() || list.backUnknown())
        markDirty(k.db, k.name);
}

// LREM removes `number` elements equal to values[0]: the first ones for count > 0, the
// last ones for count < 0, all for 0. Exact when the known ends decide which ones went.
void WorldModel::onListRemove(KeyView &k, const Event &e)
{
    ElidedSequence<std::string> &list = *k.list;
    std::int64_t count = 0;
    if (!toInt(e.values, 1, count) || e.number < 0 || static_cast<std::size_t>(e.number) > list.size()) {
        markDirty(k.db, k.name);
        return;
    }
    const std::string &v = e.values[0];
    const auto removed = static_cast<std::size_t>(e.number);
    const std::uint64_t magnitude
        = count < 0 ? std::uint64_t {0} - static_cast<std::uint64_t>(count) : static_cast<std::uint64_t>(count);
    const std::uint64_t limit = count == 0 ? UINT64_MAX : magnitude;
    auto &head = list.shrinkableHead();
    auto &tail = list.shrinkableTail();
    const std::size_t inHead = countOf(head, v);
    const std::size_t inTail = countOf(tail, v);
    const bool fromBack = count < 0;
    bool exact = false;
    if (list.complete()) {
        exact = inHead + inTail >= removed;
        if (exact) {
            std::size_t done = fromBack ? removeEqual(tail, v, removed, true) : removeEqual(head, v, removed, false);
            if (fromBack)
                removeEqual(head, v, removed - done, true);
            else
                removeEqual(tail, v, removed - done, false);
        }
    } else if (count > 0 && removed <= inHead) {
        removeEqual(head, v, removed, false);
        exact = true;
    } else if (fromBack && removed <= inTail) {
        removeEqual(tail, v, removed, true);
        exact = true;
    } else if (removed < limit && removed == inHead + inTail) {
        // Every occurrence went and all of them were in the known ends.
        removeEqual(head, v, inHead, false);
        removeEqual(tail, v, inTail, false);
        exact = true;
    }
    if (!exact) {
        list.forget(list.size() - removed);
        markDirty(k.db, k.name);
    }
}

} // namespace ql

// MessageLineage: list elements. A list followed since its KeyCreated keeps one slot per
// element, head to tail: the element's history id and a hash of its whole value. Every
// list event carries what is needed to replay it exactly (docs/events.md): the pushed and
// popped values and their end, a move's two ends, LSET's and LINSERT's index, LREM's
// element and count, LTRIM's kept range. The hashes check each replay: when an event
// disagrees with the slots (a popped value that is not at that end, LREM removing another
// number of elements) the list is no longer followed rather than followed wrongly.
// Elements whose history is unknown (moved in from a list not followed) get id 0.
#include "message_lineage.h"

#include <algorithm>
#include <charconv>
#include <functional>

namespace ql {
namespace {

using What = LineageStep::What;

std::uint64_t hashOf(std::string_view v)
{
    return std::hash<std::string_view> {}(v);
}

bool parseInt(std::string_view s, std::int64_t &out)
{
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

} // namespace

void MessageLineage::onListEvent(const Event &e)
{
    if (e.kind == EventKind::ListMoved) {
        onListMoved(e);
        return;
    }
    auto it = m_lists.find(KeyLess::Ref {e.db, e.key});
    if (it == m_lists.end()) {
        // No KeyCreated seen: a list older than the feed. Its elements stay unknown.
        m_lists.emplace(KeyName {e.db, e.key}, unknownList());
        return;
    }
    ListTrack &t = it->second;
    if (!t.followed)
        return;
    bool ok = true;
    if (e.kind == EventKind::Pushed)
        onPushed(t, e);
    else if (e.kind == EventKind::Popped)
        ok = onPopped(t, e);
    else
        ok = onListChanged(t, e);
    if (!ok)
        unfollowList(t);
}

// LPUSH q a b c leaves c b a at the head: each value goes to the end in argument order.
void MessageLineage::onPushed(ListTrack &t, const Event &e)
{
    if (t.slots.size() + e.values.size() > m_limits.listLength) {
        unfollowList(t);
        return;
    }
    const bool left = e.text == "left";
    for (const std::string &v : e.values) {
        const HistoryId id = create(MessageHistory::Kind::ListElement, e.db, e.key, v);
        LineageStep s = stepOf(e, What::Pushed, e.key);
        s.note = e.text;
        addStep(*record(id), std::move(s));
        const Slot slot {id, hashOf(v)};
        if (left)
            t.slots.push_front(slot);
        else
            t.slots.push_back(slot);
    }
}

bool MessageLineage::onPopped(ListTrack &t, const Event &e)
{
    const bool left = e.text == "left";
    LineageStep step = stepOf(e, What::Popped, e.key);
    step.note = e.text;
    for (const std::string &v : e.values) {
        if (t.slots.empty())
            return false;
        const Slot s = left ? t.slots.front() : t.slots.back();
        if (s.hash != hashOf(v))
            return false;
        if (left)
            t.slots.pop_front();
        else
            t.slots.pop_back();
        endSlot(s, step);
    }
    return true;
}

// values = element, the end it left, the end it entered. Without the ends (an older feed)
// it is taken as RPOPLPUSH's: right to left.
void MessageLineage::onListMoved(const Event &e)
{
    if (e.values.empty())
        return;
    const std::string from = e.values.size() >= 3 ? e.values[1] : "right";
    const std::string to = e.values.size() >= 3 ? e.values[2] : "left";
    Slot moving {0, hashOf(e.values[0])};
    auto src = m_lists.find(KeyLess::Ref {e.db, e.key});
    if (src != m_lists.end() && src->second.followed) {
        auto &slots = src->second.slots;
        if (slots.empty() || (from == "left" ? slots.front() : slots.back()).hash != moving.hash) {
            unfollowList(src->second);
        } else {
            moving = from == "left" ? slots.front() : slots.back();
            if (from == "left")
                slots.pop_front();
            else
                slots.pop_back();
        }
    }
    auto dst = m_lists.find(KeyLess::Ref {e.db, e.text});
    if (dst == m_lists.end()) // not created under our eyes: not followed
        dst = m_lists.emplace(KeyName {e.db, e.text}, unknownList()).first;
    ListTrack &d = dst->second;
    if (d.followed && d.slots.size() + 1 > m_limits.listLength)
        unfollowList(d);
    if (Record *r = record(moving.id)) {
        r->h.key = e.text;
        r->followed = d.followed;
        LineageStep s = stepOf(e, What::Moved, e.text);
        s.note = from + " " + to;
        addStep(*r, std::move(s));
    }
    if (!d.followed)
        return;
    if (to == "left")
        d.slots.push_front(moving);
    else
        d.slots.push_back(moving);
}

bool MessageLineage::onListChanged(ListTrack &t, const Event &e)
{
    if (e.text == "lrem")
        return onListRemove(t, e);
    std::int64_t a = 0, b = 0;
    if (e.values.size() < 2 || !parseInt(e.values[0], a) || a < 0)
        return false;
    const auto index = static_cast<std::size_t>(a);
    if (e.text == "ltrim") {
        // values = first and last kept index in the old list ("0" "-1": none kept).
        if (!parseInt(e.values[1], b))
            return false;
        const bool none = b < 0;
        const std::size_t keepFrom = none ? t.slots.size() : index;
        const std::size_t keepTo = none ? t.slots.size() : static_cast<std::size_t>(b) + 1;
        if (keepFrom > keepTo || keepTo > t.slots.size()
            || t.slots.size() - (keepTo - keepFrom) != std::size_t(e.number))
            return false;
        const LineageStep step = stepOf(e, What::Removed, "ltrim");
        for (std::size_t i = 0; i < t.slots.size(); ++i)
            if (i < keepFrom || i >= keepTo)
                endSlot(t.slots[i], step);
        t.slots.erase(t.slots.begin() + static_cast<std::ptrdiff_t>(keepTo), t.slots.end());
        t.slots.erase(t.slots.begin(), t.slots.begin() + static_cast<std::ptrdiff_t>(keepFrom));
        return true;
    }
    const bool lset = e.text == "lset";
    if (!lset && e.text != "linsert")
        return false;
    if (lset ? index >= t.slots.size() : index > t.slots.size())
        return false;
    if (!lset && t.slots.size() + 1 > m_limits.listLength)
        return false;
    if (lset)
        endSlot(t.slots[index], stepOf(e, What::Removed, "lset"));
    const HistoryId id = create(MessageHistory::Kind::ListElement, e.db, e.key, e.values[1]);
    LineageStep s = stepOf(e, What::Inserted, e.key);
    s.note = e.text;
    s.count = index;
    addStep(*record(id), std::move(s));
    const Slot slot {id, hashOf(e.values[1])};
    if (lset)
        t.slots[index] = slot;
    else
        t.slots.insert(t.slots.begin() + static_cast<std::ptrdiff_t>(index), slot);
    return true;
}

// LREM: values = element, count as given (> 0 from the head, < 0 from the tail, 0 all);
// number = elements removed, which the slots must agree with.
bool MessageLineage::onListRemove(ListTrack &t, const Event &e)
{
    std::int64_t count = 0;
    if (e.values.size() < 2 || !parseInt(e.values[1], count))
        return false;
    const std::uint64_t hash = hashOf(e.values[0]);
    const std::size_t limit = count == 0 ? t.slots.size() : static_cast<std::size_t>(count < 0 ? -count : count);
    std::vector<bool> hit(t.slots.size(), false);
    std::size_t found = 0;
    for (std::size_t k = 0; k < t.slots.size() && found < limit; ++k) {
        const std::size_t i = count < 0 ? t.slots.size() - 1 - k : k;
        if (t.slots[i].hash == hash) {
            hit[i] = true;
            ++found;
        }
    }
    if (found != static_cast<std::uint64_t>(e.number))
        return false;
    const LineageStep step = stepOf(e, What::Removed, "lrem");
    std::deque<Slot> kept;
    for (std::size_t i = 0; i < t.slots.size(); ++i) {
        if (hit[i])
            endSlot(t.slots[i], step);
        else
            kept.push_back(t.slots[i]);
    }
    t.slots.swap(kept);
    return true;
}

void MessageLineage::endSlot(const Slot &s, LineageStep step)
{
    Record *r = record(s.id);
    if (!r)
        return;
    r->h.gone = true;
    r->followed = false;
    addStep(*r, std::move(step));
}

// The elements' histories stay (history() finds them) but the list is no longer followed.
void MessageLineage::unfollowList(ListTrack &t)
{
    for (const Slot &s : t.slots) {
        if (Record *r = record(s.id)) {
            r->followed = false;
            settle(*r);
        }
    }
    std::deque<Slot>().swap(t.slots);
    t.followed = false;
}

void MessageLineage::removeList(const Event &e, const KeyName &key, const std::string &why)
{
    auto it = m_lists.find(key);
    if (it == m_lists.end())
        return;
    if (why == "emptied") {
        unfollowList(it->second); // nothing left, unless the slots went wrong
    } else {
        const LineageStep step = stepOf(e, What::Removed, why);
        for (const Slot &s : it->second.slots)
            endSlot(s, step);
    }
    m_lists.erase(it);
}

void MessageLineage::renameList(const Event &e, const KeyName &from, const std::string &to)
{
    auto node = m_lists.extract(from);
    KeyName target {from.first, to};
    removeList(e, target, "overwritten"); // KeyRemoved "overwritten" came first; this is a safety net
    node.key() = target;
    ListTrack &t = m_lists.insert(std::move(node)).position->second;
    const LineageStep step = stepOf(e, What::Renamed, to);
    for (const Slot &s : t.slots) {
        if (Record *r = record(s.id)) {
            r->h.key = to;
            addStep(*r, step);
        }
    }
}

} // namespace ql

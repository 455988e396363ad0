// OrderedSet: a small set that remembers insertion order. Redis 7.0 keeps pub/sub
// subscribers in linked lists, so a PUBLISH reaches a channel's subscribers in the order
// they subscribed, and PUNSUBSCRIBE without arguments walks a client's patterns in the
// order they were added. Lookups are linear, as Redis 7.0's list searches are; these sets
// are small and iterating them (every PUBLISH) is what must be fast.
#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace ql {

template <typename T> class OrderedSet {
public:
    using value_type = T;
    using const_iterator = typename std::vector<T>::const_iterator;
    using iterator = const_iterator;

    // Appends v unless present; like std::set::insert, .second tells whether it was added.
    std::pair<const_iterator, bool> insert(const T &v)
    {
        auto it = find(v);
        if (it != m_items.end())
            return {it, false};
        m_items.push_back(v);
        return {m_items.end() - 1, true};
    }
    // Removes v, keeping the order of the rest; returns how many were removed (0 or 1).
    std::size_t erase(const T &v)
    {
        auto it = std::find(m_items.begin(), m_items.end(), v);
        if (it == m_items.end())
            return 0;
        m_items.erase(it);
        return 1;
    }
    const_iterator find(const T &v) const { return std::find(m_items.begin(), m_items.end(), v); }
    std::size_t count(const T &v) const { return find(v) == m_items.end() ? 0 : 1; }
    bool contains(const T &v) const { return count(v) != 0; }

    std::size_t size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    void clear() { m_items.clear(); }
    const_iterator begin() const { return m_items.begin(); }
    const_iterator end() const { return m_items.end(); }
    const T &front() const { return m_items.front(); }

    bool operator==(const OrderedSet &o) const = default;

private:
    std::vector<T> m_items;
};

} // namespace ql

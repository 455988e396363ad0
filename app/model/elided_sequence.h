// ElidedSequence: what the window knows of a long list or stream. It keeps up to `bound`
// elements at each end (the head from the left, the tail from the right) and only counts
// the elements in between. Every operation is O(1) or O(bound), never O(length): pushes
// and pops at the ends, index access, insert and erase at an index, dropping n elements
// from an end. A position inside the elided middle is simply not known (at() gives null).
#pragma once

#include <algorithm>
#include <cstddef>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

namespace ql {

template <class T> class ElidedSequence {
public:
    explicit ElidedSequence(std::size_t bound = 1000) : m_bound(std::max<std::size_t>(bound, 1)) { }

    std::size_t size() const { return m_head.size() + m_middle + m_tail.size(); }
    bool empty() const { return size() == 0; }
    // Elements left out between head() and tail().
    std::size_t elided() const { return m_middle; }
    bool complete() const { return m_middle == 0; }
    std::size_t bound() const { return m_bound; }
    // The known first elements, then (after elided() unknown ones) the known last ones.
    // When nothing is elided the whole sequence is head() followed by tail().
    const std::deque<T> &head() const { return m_head; }
    const std::deque<T> &tail() const { return m_tail; }
    // For removing known elements in place (LREM): they may shrink, never grow.
    std::deque<T> &shrinkableHead() { return m_head; }
    std::deque<T> &shrinkableTail() { return m_tail; }
    // The first / last element is in the elided part (an end was popped into it).
    bool frontUnknown() const { return m_head.empty() && m_middle > 0; }
    bool backUnknown() const { return m_tail.empty() && m_middle > 0; }

    // `head`, then `middle` unknown elements, then `tail`; ends longer than the bound
    // are cut (their inner elements join the middle).
    void assign(std::vector<T> head, std::size_t middle, std::vector<T> tail)
    {
        clear();
        m_middle = middle;
        for (auto &v : head)
            m_head.push_back(std::move(v));
        for (auto &v : tail)
            m_tail.push_back(std::move(v));
        fitHead();
        fitTail();
    }
    void clear()
    {
        m_head.clear();
        m_tail.clear();
        m_middle = 0;
    }
    // `length` elements, none of them known.
    void forget(std::size_t length)
    {
        clear();
        m_middle = length;
    }

    void pushFront(T v)
    {
        m_head.push_front(std::move(v));
        fitHead();
    }
    void pushBack(T v)
    {
        m_tail.push_back(std::move(v));
        fitTail();
    }
    // Removes the first / last element; returns it when it was known.
    std::optional<T> takeFront()
    {
        if (!m_head.empty()) {
            T v = std::move(m_head.front());
            m_head.pop_front();
            return v;
        }
        if (m_middle > 0) {
            --m_middle;
            return std::nullopt;
        }
        if (m_tail.empty())
            return std::nullopt;
        T v = std::move(m_tail.front());
        m_tail.pop_front();
        return v;
    }
    std::optional<T> takeBack()
    {
        if (!m_tail.empty()) {
            T v = std::move(m_tail.back());
            m_tail.pop_back();
            return v;
        }
        if (m_middle > 0) {
            --m_middle;
            return std::nullopt;
        }
        if (m_head.empty())
            return std::nullopt;
        T v = std::move(m_head.back());
        m_head.pop_back();
        return v;
    }
    // Removes n elements from the front / back (fewer if the sequence is shorter).
    void dropFront(std::size_t n)
    {
        std::size_t k = std::min(n, m_head.size());
        m_head.erase(m_head.begin(), m_head.begin() + static_cast<std::ptrdiff_t>(k));
        n -= k;
        k = std::min(n, m_middle);
        m_middle -= k;
        n -= k;
        k = std::min(n, m_tail.size());
        m_tail.erase(m_tail.begin(), m_tail.begin() + static_cast<std::ptrdiff_t>(k));
    }
    void dropBack(std::size_t n)
    {
        std::size_t k = std::min(n, m_tail.size());
        m_tail.erase(m_tail.end() - static_cast<std::ptrdiff_t>(k), m_tail.end());
        n -= k;
        k = std::min(n, m_middle);
        m_middle -= k;
        n -= k;
        k = std::min(n, m_head.size());
        m_head.erase(m_head.end() - static_cast<std::ptrdiff_t>(k), m_head.end());
    }

    // The element at index i (0 = first), or null when it is elided or out of range.
    T *at(std::size_t i)
    {
        if (i < m_head.size())
            return &m_head[i];
        i -= m_head.size();
        if (i < m_middle)
            return nullptr;
        i -= m_middle;
        return i < m_tail.size() ? &m_tail[i] : nullptr;
    }
    const T *at(std::size_t i) const { return const_cast<ElidedSequence *>(this)->at(i); }

    // Inserts v so that it ends up at index i (i <= size()).
    void insert(std::size_t i, T v)
    {
        if (i <= m_head.size()) {
            m_head.insert(m_head.begin() + static_cast<std::ptrdiff_t>(i), std::move(v));
            fitHead();
            return;
        }
        if (i < m_head.size() + m_middle) {
            ++m_middle;
            return;
        }
        std::size_t j = std::min(i - m_head.size() - m_middle, m_tail.size());
        m_tail.insert(m_tail.begin() + static_cast<std::ptrdiff_t>(j), std::move(v));
        fitTail();
    }
    // Removes the element at index i (i < size()).
    void erase(std::size_t i)
    {
        if (i < m_head.size()) {
            m_head.erase(m_head.begin() + static_cast<std::ptrdiff_t>(i));
            return;
        }
        i -= m_head.size();
        if (i < m_middle) {
            --m_middle;
            return;
        }
        i -= m_middle;
        if (i < m_tail.size())
            m_tail.erase(m_tail.begin() + static_cast<std::ptrdiff_t>(i));
    }
    // Index of the first tail element (head().size() + elided()).
    std::size_t tailStart() const { return m_head.size() + m_middle; }

private:
    // An end that grew past the bound hands its inner element to the other end while
    // nothing is elided and that end has room, else the element joins the middle.
    void fitHead()
    {
        while (m_head.size() > m_bound) {
            if (m_middle == 0 && m_tail.size() < m_bound)
                m_tail.push_front(std::move(m_head.back()));
            else
                ++m_middle;
            m_head.pop_back();
        }
    }
    void fitTail()
    {
        while (m_tail.size() > m_bound) {
            if (m_middle == 0 && m_head.size() < m_bound)
                m_head.push_back(std::move(m_tail.front()));
            else
                ++m_middle;
            m_tail.pop_front();
        }
    }

    std::size_t m_bound;
    std::deque<T> m_head;
    std::size_t m_middle = 0;
    std::deque<T> m_tail;
};

} // namespace ql

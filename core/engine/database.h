// One of the 16 keyspaces: keys to values, plus expiry times. Values are strings,
// lists (PackedList) or streams. Lookups expire keys lazily, as Redis does on access.
#pragma once

#include "packed_list.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

namespace ql {

class Stream;

enum class ValueType : std::uint8_t { String, List, Stream };
const char *valueTypeName(ValueType t);

struct Value {
    explicit Value(ValueType t);
    Value(Value &&) noexcept;
    Value &operator=(Value &&) noexcept;
    ~Value();

    ValueType type;
    std::string str;
    std::unique_ptr<PackedList> list;
    std::unique_ptr<ql::Stream> stream;
};

class Database {
public:
    using Map = std::unordered_map<std::string, Value>;

    // Without expiry handling: the engine's keyspace helpers do that (they emit events).
    Value *findRaw(const std::string &key)
    {
        auto it = m_keys.find(key);
        return it == m_keys.end() ? nullptr : &it->second;
    }
    Value &insert(const std::string &key, Value v) { return m_keys.insert_or_assign(key, std::move(v)).first->second; }
    bool erase(const std::string &key)
    {
        m_expires.erase(key);
        return m_keys.erase(key) > 0;
    }
    // Fresh tables, not just empty ones: KEYS walks the hash table, so after a flush it
    // lists keys in the same order as on a new server (a scenario replays identically).
    void clear()
    {
        m_keys = Map {};
        m_expires = decltype(m_expires) {};
    }
    std::size_t size() const { return m_keys.size(); }
    Map &keys() { return m_keys; }
    const Map &keys() const { return m_keys; }

    // Expiry (absolute ms). -1 when the key has none.
    std::int64_t expireAt(const std::string &key) const
    {
        if (m_expires.empty())
            return -1;
        auto it = m_expires.find(key);
        return it == m_expires.end() ? -1 : it->second;
    }
    void setExpire(const std::string &key, std::int64_t atMs) { m_expires[key] = atMs; }
    bool removeExpire(const std::string &key) { return m_expires.erase(key) > 0; }
    bool hasExpires() const { return !m_expires.empty(); }
    // The soonest expiry time, or -1 when no key has one. O(keys with a time to live).
    std::int64_t earliestExpire() const
    {
        std::int64_t out = -1;
        for (const auto &[key, at] : m_expires)
            if (out < 0 || at < out)
                out = at;
        return out;
    }
    std::size_t expiresCount() const { return m_expires.size(); }

private:
    Map m_keys;
    std::unordered_map<std::string, std::int64_t> m_expires;
};

} // namespace ql

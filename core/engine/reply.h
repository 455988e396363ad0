// Reply: a protocol-neutral value that a command produces. The RESP encoder turns it
// into RESP2 or RESP3 bytes; the console turns it into redis-cli text. Commands never
// write bytes themselves.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ql {

class Reply {
public:
    enum class Type : std::uint8_t {
        Status, // +OK
        Error, // -ERR ...
        Integer, // :1
        Bulk, // $1 a
        NullBulk, // $-1 (RESP3: _)
        NullArray, // *-1 (RESP3: _)
        Array, // *N
        Map, // RESP3 %N, RESP2 flat array of 2N
        Set, // RESP3 ~N, RESP2 array
        Double, // RESP3 ,1.5 RESP2 bulk
        Bool, // RESP3 #t RESP2 :1
        Push, // RESP3 >N RESP2 array (pub/sub messages)
        Sequence, // several replies written back to back (SUBSCRIBE a b)
        Verbatim, // RESP3 =N txt:..., RESP2 bulk (INFO)
    };

    Reply() = default;

    static Reply status(std::string s) { return Reply(Type::Status, std::move(s)); }
    static Reply ok() { return status("OK"); }
    static Reply error(std::string s) { return Reply(Type::Error, std::move(s)); }
    static Reply integer(std::int64_t v)
    {
        Reply r(Type::Integer, std::string());
        r.m_int = v;
        return r;
    }
    static Reply bulk(std::string s) { return Reply(Type::Bulk, std::move(s)); }
    static Reply verbatim(std::string text) { return Reply(Type::Verbatim, std::move(text)); }
    static Reply nullBulk() { return Reply(Type::NullBulk, std::string()); }
    static Reply nullArray() { return Reply(Type::NullArray, std::string()); }
    static Reply array(std::vector<Reply> items = {}) { return Reply(Type::Array, std::move(items)); }
    static Reply map(std::vector<Reply> keysAndValues = {}) { return Reply(Type::Map, std::move(keysAndValues)); }
    static Reply set(std::vector<Reply> items = {}) { return Reply(Type::Set, std::move(items)); }
    static Reply push(std::vector<Reply> items = {}) { return Reply(Type::Push, std::move(items)); }
    static Reply sequence(std::vector<Reply> items = {}) { return Reply(Type::Sequence, std::move(items)); }
    // A HELP reply: one status line per text line.
    template <typename Lines> static Reply statusLines(const Lines &lines)
    {
        Reply r = array();
        for (const char *line : lines)
            r.add(status(line));
        return r;
    }
    static Reply boolean(bool v)
    {
        Reply r(Type::Bool, std::string());
        r.m_int = v ? 1 : 0;
        return r;
    }
    static Reply dbl(double v)
    {
        Reply r(Type::Double, std::string());
        r.m_double = v;
        return r;
    }

    Type type() const { return m_type; }
    bool isError() const { return m_type == Type::Error; }
    bool isNull() const { return m_type == Type::NullBulk || m_type == Type::NullArray; }
    bool isAggregate() const
    {
        return m_type == Type::Array || m_type == Type::Map || m_type == Type::Set || m_type == Type::Push
            || m_type == Type::Sequence;
    }
    const std::string &str() const { return m_str; }
    std::int64_t integerValue() const { return m_int; }
    double doubleValue() const { return m_double; }
    const std::vector<Reply> &items() const { return m_items; }
    std::vector<Reply> &items() { return m_items; }

    // Builders for aggregates.
    Reply &add(Reply r)
    {
        m_items.push_back(std::move(r));
        return *this;
    }
    Reply &addBulk(std::string s) { return add(bulk(std::move(s))); }
    Reply &addInt(std::int64_t v) { return add(integer(v)); }
    Reply &addPair(std::string key, Reply value)
    {
        m_items.push_back(bulk(std::move(key)));
        m_items.push_back(std::move(value));
        return *this;
    }

    bool operator==(const Reply &o) const = default;

private:
    Reply(Type t, std::string s) : m_type(t), m_str(std::move(s)) { }
    Reply(Type t, std::vector<Reply> items) : m_type(t), m_items(std::move(items)) { }

    Type m_type = Type::NullBulk;
    std::int64_t m_int = 0;
    double m_double = 0;
    std::string m_str;
    std::vector<Reply> m_items;
};

} // namespace ql

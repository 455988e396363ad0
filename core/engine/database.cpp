#include "database.h"

#include "stream.h"

namespace ql {

const char *valueTypeName(ValueType t)
{
    switch (t) {
    case ValueType::String: return "string";
    case ValueType::List: return "list";
    case ValueType::Stream: return "stream";
    }
    return "none";
}

Value::Value(ValueType t) : type(t)
{
    if (t == ValueType::List)
        list = std::make_unique<PackedList>();
    else if (t == ValueType::Stream)
        stream = std::make_unique<ql::Stream>();
}

Value::Value(Value &&) noexcept = default;
Value &Value::operator=(Value &&) noexcept = default;
Value::~Value() = default;

} // namespace ql

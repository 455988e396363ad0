#include "scenario/scenario.h"

namespace ql::scenario {

std::string expand(const Arg &arg, const std::vector<std::int64_t> &counters)
{
    std::string out;
    for (const ArgPart &part : arg.parts) {
        if (part.counter < 0)
            out += part.text;
        else if (static_cast<std::size_t>(part.counter) < counters.size())
            out += std::to_string(counters[static_cast<std::size_t>(part.counter)]);
    }
    return out;
}

std::string toTemplateText(const Arg &arg)
{
    std::string out;
    for (const ArgPart &part : arg.parts) {
        if (part.counter >= 0) {
            out += '$';
            out += static_cast<char>('i' + part.counter);
            continue;
        }
        for (char c : part.text) {
            if (c == '$')
                out += '$';
            out += c;
        }
    }
    return out;
}

std::string Diagnostic::toString() const
{
    return fileName + ':' + std::to_string(where.line) + ':' + std::to_string(where.column) + ": " + message;
}

} // namespace ql::scenario

#include "scenario/transcript.h"

#include <cstdio>

namespace ql::scenario {
namespace {

std::string stamp(std::int64_t ms)
{
    char buf[48];
    std::snprintf(
        buf, sizeof(buf), "[%4lld.%03lld] ", static_cast<long long>(ms / 1000), static_cast<long long>(ms % 1000));
    return buf;
}

// `head` followed by `body`, whose later lines are indented to start under body's first.
std::string hanging(const std::string &head, std::string_view body, std::size_t indent)
{
    while (!body.empty() && body.back() == '\n')
        body.remove_suffix(1);
    std::string out = head;
    std::size_t start = 0;
    while (true) {
        std::size_t nl = body.find('\n', start);
        if (start > 0)
            out.append(indent, ' ');
        out.append(body.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
        out += '\n';
        if (nl == std::string_view::npos)
            break;
        start = nl + 1;
    }
    return out;
}

std::size_t width(const std::string &s)
{
    std::size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

} // namespace

std::string formatEntry(const TranscriptEntry &e, const std::string &fileName)
{
    using K = TranscriptEntry::Kind;
    const std::string t = stamp(e.ms);
    auto line = [&](const std::string &head, std::string_view body) {
        std::string h = t + head;
        return hanging(h, body, width(h));
    };
    switch (e.kind) {
    case K::Command: return line(e.client + "> ", e.text);
    case K::Reply: return line(e.client + ": ", e.text);
    case K::Blocked: return line(e.client + ": ", "(blocked)");
    case K::Push: return line(e.client + " push: ", e.text);
    case K::Connection: return line(e.client + ": ", "(" + e.text + ")");
    case K::Say: return line("say: ", e.text);
    case K::Section: return line("== ", e.text + " ==");
    case K::Pause: return t + "pause\n";
    case K::Flush: return t + "flushall\n";
    case K::ExpectPassed:
        return e.expected.empty() ? line("ok    ", e.text) : line("ok    " + e.text + " ", e.expected);
    case K::ExpectFailed: {
        std::string out = t + "FAIL  " + fileName + ":" + std::to_string(e.where.line) + ": " + e.text + "\n";
        std::string pad(width(t) + 6, ' ');
        out += hanging(pad + "expected: ", e.expected, pad.size() + 10);
        out += hanging(pad + "actual:   ", e.actual, pad.size() + 10);
        return out;
    }
    case K::Error: {
        std::string where = fileName + ":" + std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + ": ";
        return line("ERROR " + where, e.text);
    }
    }
    return t + "\n";
}

} // namespace ql::scenario

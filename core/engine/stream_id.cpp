#include "stream_id.h"

#include "number_parse.h"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace ql {

bool StreamId::increment()
{
    if (seq != kMaxPart) {
        ++seq;
        return true;
    }
    if (ms == kMaxPart) {
        ms = seq = 0;
        return false;
    }
    ++ms;
    seq = 0;
    return true;
}

bool StreamId::decrement()
{
    if (seq != 0) {
        --seq;
        return true;
    }
    if (ms == 0) {
        ms = seq = kMaxPart;
        return false;
    }
    --ms;
    seq = kMaxPart;
    return true;
}

namespace {

std::size_t formatU64(char *p, std::uint64_t v)
{
    return static_cast<std::size_t>(std::to_chars(p, p + 20, v).ptr - p);
}

// The text as C code sees it: up to the first NUL byte.
std::string_view asCString(std::string_view s)
{
    std::size_t nul = s.find('\0');
    return nul == std::string_view::npos ? s : s.substr(0, nul);
}

} // namespace

std::size_t StreamId::format(char *buf) const
{
    std::size_t n = formatU64(buf, ms);
    buf[n++] = '-';
    n += formatU64(buf + n, seq);
    return n;
}

std::string StreamId::toString() const
{
    char buf[kMaxFormatted];
    return std::string(buf, format(buf));
}

bool parseStreamIdPart(std::string_view cstr, std::uint64_t &out)
{
    // string2ll first: a valid but negative number is rejected outright.
    if (auto ll = parseInt64(cstr)) {
        if (*ll < 0)
            return false;
        out = static_cast<std::uint64_t>(*ll);
        return true;
    }
    // Then strtoull, which skips spaces and takes a sign and leading zeros.
    char buf[128];
    if (cstr.empty() || cstr.size() >= sizeof(buf))
        return false;
    std::memcpy(buf, cstr.data(), cstr.size());
    buf[cstr.size()] = '\0';
    errno = 0;
    char *end = nullptr;
    unsigned long long v = std::strtoull(buf, &end, 10);
    if (errno == EINVAL || errno == ERANGE || *end != '\0')
        return false;
    out = v;
    return true;
}

StreamIdParse parseStreamId(std::string_view text, std::uint64_t missingSeq, bool strict, bool allowAutoSeq)
{
    StreamIdParse r;
    if (text.size() > 127)
        return r;
    std::string_view s = asCString(text);
    if (s == "-" || s == "+") {
        if (strict)
            return r;
        r.ok = true;
        r.id = s == "-" ? StreamId::min() : StreamId::max();
        return r;
    }
    std::size_t dash = s.find('-');
    std::string_view msPart = dash == std::string_view::npos ? s : s.substr(0, dash);
    if (!parseStreamIdPart(msPart, r.id.ms))
        return r;
    if (dash == std::string_view::npos) {
        r.id.seq = missingSeq;
    } else {
        std::string_view seqPart = s.substr(dash + 1);
        if (allowAutoSeq && seqPart == "*") {
            r.id.seq = 0;
            r.seqGiven = false;
        } else if (!parseStreamIdPart(seqPart, r.id.seq)) {
            return r;
        }
    }
    r.ok = true;
    return r;
}

StreamIntervalParse parseStreamIntervalId(std::string_view text, std::uint64_t missingSeq)
{
    StreamIntervalParse r;
    StreamIdParse p;
    if (text.size() > 1 && text[0] == '(') {
        r.exclusive = true;
        p = parseStreamId(text.substr(1), missingSeq, true);
    } else {
        p = parseStreamId(text, missingSeq, false);
    }
    r.ok = p.ok;
    r.id = p.id;
    return r;
}

} // namespace ql

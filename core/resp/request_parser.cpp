#include "resp/request_parser.h"

#include "resp/resp_numbers.h"
#include "resp/split_args.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace ql {

namespace {

constexpr std::size_t kMaxBulkReserve = 64 * 1024; // up-front reservation for one argument
constexpr std::size_t kMaxArgvReserve = 1024; // up-front slots for the argument vector
constexpr std::size_t kShrinkAbove = 1024 * 1024; // drop an idle buffer's capacity past this
constexpr std::int64_t kUnauthMaxArgs = 10;
constexpr std::int64_t kUnauthMaxBulkLen = 16384;

} // namespace

RequestParser::RequestParser(Limits limits) : m_limits(limits)
{
}

void RequestParser::feed(const char *data, std::size_t size)
{
    if (m_failed || size == 0)
        return;
    compact();
    m_buf.append(data, size);
    if (bufferedBytes() > m_limits.clientMaxQueryBufLen)
        fail(std::string());
}

RequestParser::Status RequestParser::next(std::vector<std::string> &argv)
{
    argv.clear();
    for (;;) {
        if (m_failed)
            return Status::ProtocolError;
        if (m_type == RequestType::Unknown) {
            if (m_pos == m_buf.size())
                return Status::NeedMore;
            m_type = m_buf[m_pos] == '*' ? RequestType::Multibulk : RequestType::Inline;
        }
        const Step step = m_type == RequestType::Inline ? parseInline(argv) : parseMultibulk(argv);
        if (step == Step::Incomplete)
            return Status::NeedMore;
        if (step == Step::Failed)
            return Status::ProtocolError;
        m_type = RequestType::Unknown;
        if (!argv.empty())
            return Status::Command;
    }
}

std::size_t RequestParser::bufferedBytes() const
{
    return (m_buf.size() - m_pos) + m_argvBytes + m_arg.size();
}

void RequestParser::reset()
{
    const bool authRequired = m_authRequired;
    *this = RequestParser(m_limits);
    m_authRequired = authRequired;
}

// Inline: one line up to "\n", split like redis-cli input.
RequestParser::Step RequestParser::parseInline(std::vector<std::string> &argv)
{
    const std::size_t newline = findLineEnd('\n');
    if (newline == std::string_view::npos) {
        if (unparsed().size() > m_limits.inlineMaxSize)
            return fail("ERR Protocol error: too big inline request");
        return Step::Incomplete;
    }
    std::string_view line = unparsed().substr(0, newline);
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    auto args = splitArgs(line);
    if (!args)
        return fail("ERR Protocol error: unbalanced quotes in request");
    consume(newline + 1);
    argv = std::move(*args);
    return Step::Done;
}

// Multibulk: "*<count>\r\n" then <count> times "$<len>\r\n<payload>\r\n".
RequestParser::Step RequestParser::parseMultibulk(std::vector<std::string> &argv)
{
    if (m_argsLeft == 0) {
        const Step step = readCount();
        if (step != Step::Done || m_argsLeft == 0)
            return step;
    }
    while (m_argsLeft > 0) {
        if (m_bulkLen < 0) {
            const Step step = readBulkHeader();
            if (step != Step::Done)
                return step;
        }
        const Step step = readBulkPayload();
        if (step != Step::Done)
            return step;
    }
    argv = std::move(m_argv);
    m_argv = {};
    m_argvBytes = 0;
    return Step::Done;
}

RequestParser::Step RequestParser::readCount()
{
    const std::size_t cr = findLineEnd('\r');
    if (cr == std::string_view::npos) {
        if (unparsed().size() > m_limits.inlineMaxSize)
            return fail("ERR Protocol error: too big mbulk count string");
        return Step::Incomplete;
    }
    if (cr + 2 > unparsed().size()) // the byte after '\r' must be there too
        return Step::Incomplete;

    std::int64_t count = 0;
    if (!parseStrictInt64(unparsed().substr(1, cr - 1), count) || count > m_limits.maxMultibulkLen)
        return fail("ERR Protocol error: invalid multibulk length");
    if (count > kUnauthMaxArgs && m_authRequired)
        return fail("ERR Protocol error: unauthenticated multibulk length");
    consume(cr + 2);
    if (count > 0) {
        m_argsLeft = count;
        m_argv.reserve(static_cast<std::size_t>(std::min<std::int64_t>(count, kMaxArgvReserve)));
    }
    return Step::Done;
}

RequestParser::Step RequestParser::readBulkHeader()
{
    const std::size_t cr = findLineEnd('\r');
    if (cr == std::string_view::npos) {
        if (unparsed().size() > m_limits.inlineMaxSize)
            return fail("ERR Protocol error: too big bulk count string");
        return Step::Incomplete;
    }
    if (cr + 2 > unparsed().size())
        return Step::Incomplete;

    const char first = unparsed()[0];
    if (first != '$') {
        // Redis formats this error with %c and turns CR/LF into spaces.
        std::string text = "ERR Protocol error: expected '$', got '";
        text.push_back(first == '\r' || first == '\n' ? ' ' : first);
        text.push_back('\'');
        return fail(std::move(text));
    }
    std::int64_t length = 0;
    if (!parseStrictInt64(unparsed().substr(1, cr - 1), length) || length < 0
        || static_cast<std::uint64_t>(length) > m_limits.protoMaxBulkLen)
        return fail("ERR Protocol error: invalid bulk length");
    if (length > kUnauthMaxBulkLen && m_authRequired)
        return fail("ERR Protocol error: unauthenticated bulk length");
    consume(cr + 2);

    m_bulkLen = length;
    m_bulkLeft = static_cast<std::size_t>(length) + 2;
    m_arg.clear();
    m_arg.reserve(std::min(static_cast<std::size_t>(length), kMaxBulkReserve));
    return Step::Done;
}

// Moves payload bytes into m_arg as they arrive, then skips the two bytes after the payload.
RequestParser::Step RequestParser::readBulkPayload()
{
    while (m_bulkLeft > 0 && m_pos < m_buf.size()) {
        const std::size_t available = m_buf.size() - m_pos;
        if (m_bulkLeft > 2) {
            const std::size_t take = std::min(available, m_bulkLeft - 2);
            m_arg.append(m_buf, m_pos, take);
            m_bulkLeft -= take;
            consume(take);
        } else {
            const std::size_t take = std::min(available, m_bulkLeft);
            m_bulkLeft -= take;
            consume(take);
        }
    }
    if (m_bulkLeft > 0)
        return Step::Incomplete;
    m_argvBytes += m_arg.size();
    m_argv.push_back(std::move(m_arg));
    m_arg = std::string();
    m_bulkLen = -1;
    --m_argsLeft;
    return Step::Done;
}

std::string_view RequestParser::unparsed() const
{
    return std::string_view(m_buf).substr(m_pos);
}

// Offset (from m_pos) of the first `terminator`, as strchr() would find it: a NUL before it
// means "not found". Remembers how far it looked so a slowly growing line is scanned once.
std::size_t RequestParser::findLineEnd(char terminator)
{
    if (m_nulBlocked)
        return std::string_view::npos;
    const std::string_view rest = unparsed();
    const char *base = rest.data();
    const std::size_t from = m_scanned;
    const void *hit = std::memchr(base + from, terminator, rest.size() - from);
    const std::size_t end = hit ? static_cast<std::size_t>(static_cast<const char *>(hit) - base) : rest.size();
    if (std::memchr(base + from, '\0', end - from) != nullptr) {
        m_nulBlocked = true;
        return std::string_view::npos;
    }
    m_scanned = end;
    return hit ? end : std::string_view::npos;
}

void RequestParser::consume(std::size_t n)
{
    m_pos += n;
    m_scanned = 0;
    m_nulBlocked = false;
}

// Drops consumed bytes before new ones are appended, keeping appends amortised O(1).
void RequestParser::compact()
{
    if (m_pos == 0)
        return;
    if (m_pos == m_buf.size()) {
        if (m_buf.capacity() > kShrinkAbove)
            std::string().swap(m_buf);
        else
            m_buf.clear();
        m_pos = 0;
    } else if (m_pos >= m_buf.size() / 2) {
        m_buf.erase(0, m_pos);
        m_pos = 0;
    }
}

RequestParser::Step RequestParser::fail(std::string text)
{
    m_failed = true;
    m_error = std::move(text);
    std::string().swap(m_buf);
    m_pos = 0;
    m_argv = {};
    m_argvBytes = 0;
    std::string().swap(m_arg);
    return Step::Failed;
}

} // namespace ql

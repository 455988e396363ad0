// RequestParser: turns the bytes a client sends into command argument vectors, the way
// Redis 7.0 reads its query buffer (networking.c: processInputBuffer, processMultibulkBuffer,
// processInlineBuffer).
//
// A request starting with '*' is a multibulk ("*<argc>\r\n" then "$<len>\r\n<bytes>\r\n" per
// argument); anything else is an inline line ended by "\n" (an "\r" before it is dropped),
// split with splitArgs(). Empty lines, "*0" and negative counts produce no command.
//
// Usage: feed() what arrived, then call next() until it stops returning Command. NeedMore
// means wait for more bytes. ProtocolError is final: reply "-" + errorText() + "\r\n" (if
// errorText() is not empty) and close the connection, as Redis does. The parser stays in that
// state until reset(). An empty errorText() means the query buffer limit was passed: Redis
// closes such a client without a reply.
//
// Quirks kept on purpose, because Redis has them:
//   - header lines are found with strchr(): a NUL byte before the '\r' (or the inline '\n')
//     hides it, so such a request only ends when the "too big" limit is reached;
//   - after "\r" in a header any byte is accepted as the "\n", and the two bytes that follow a
//     bulk payload are skipped without being checked;
//   - the "too big ... request/count string" limits apply only while no line end is buffered.
//
// Memory: a declared bulk length only reserves min(length, 64 KB); the argument grows as its
// bytes arrive. A declared argument count only reserves min(count, 1024) slots.
#pragma once

#include <climits>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ql {

struct RequestLimits {
    std::size_t protoMaxBulkLen = 512ull * 1024 * 1024; // proto-max-bulk-len
    std::size_t clientMaxQueryBufLen = 1024ull * 1024 * 1024; // client-query-buffer-limit
    std::size_t inlineMaxSize = 64 * 1024; // PROTO_INLINE_MAX_SIZE
    std::int64_t maxMultibulkLen = INT_MAX; // Redis 7.0 rejects counts above INT_MAX
};

class RequestParser {
public:
    using Limits = RequestLimits;
    enum class Status { NeedMore, Command, ProtocolError };

    explicit RequestParser(Limits limits = {});

    void feed(const char *data, std::size_t size);
    void feed(std::string_view data) { feed(data.data(), data.size()); }

    // Fills `argv` (cleared first) when a whole command has been read.
    Status next(std::vector<std::string> &argv);

    // "ERR Protocol error: ..." after a ProtocolError; empty if none, or if the query buffer
    // limit was passed (Redis closes without a reply then).
    const std::string &errorText() const { return m_error; }
    bool hasError() const { return m_failed; }

    // Bytes held: unparsed input plus the arguments of the command being read.
    std::size_t bufferedBytes() const;

    // Redis limits clients that still have to AUTH: at most 10 arguments of at most 16 KB.
    void setAuthRequired(bool required) { m_authRequired = required; }
    void setLimits(const Limits &limits) { m_limits = limits; }

    // Forgets the buffered bytes, the command in progress and the error state; keeps the
    // limits and the auth setting.
    void reset();

    const Limits &limits() const { return m_limits; }

private:
    enum class RequestType : std::uint8_t { Unknown, Inline, Multibulk };
    enum class Step : std::uint8_t { Incomplete, Done, Failed };

    Step parseInline(std::vector<std::string> &argv);
    Step parseMultibulk(std::vector<std::string> &argv);
    Step readCount();
    Step readBulkHeader();
    Step readBulkPayload();

    std::string_view unparsed() const;
    std::size_t findLineEnd(char terminator);
    void consume(std::size_t n);
    void compact();
    Step fail(std::string text);

    Limits m_limits;
    std::string m_buf; // input; bytes before m_pos are consumed
    std::size_t m_pos = 0;
    std::size_t m_scanned = 0; // bytes after m_pos known to hold no line end
    bool m_nulBlocked = false; // a NUL hides the line end of the request at m_pos

    RequestType m_type = RequestType::Unknown;
    std::int64_t m_argsLeft = 0; // multibulk arguments still to read
    std::int64_t m_bulkLen = -1; // length of the argument being read, -1: header not read
    std::size_t m_bulkLeft = 0; // payload + 2 trailing bytes still to read
    std::vector<std::string> m_argv; // arguments read so far
    std::size_t m_argvBytes = 0;
    std::string m_arg; // the argument being read

    bool m_authRequired = false;
    bool m_failed = false;
    std::string m_error;
};

} // namespace ql

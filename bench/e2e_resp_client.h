// A small non-blocking RESP2 client for the end-to-end server benchmark: it queues commands,
// writes and reads without blocking (so one thread can keep a deep pipeline in flight) and
// parses replies in place, without allocating once its buffers have grown.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace qlbench {

// One parsed reply. Text points into the client's input buffer: it stays valid until the
// client's next pump() / read().
struct RespValue {
    char type = 0; // '+' status, '-' error, ':' integer, '$' bulk, '*' array, 'n' null (bulk or array)
    std::string_view text; // status, error or bulk bytes
    long long integer = 0; // ':' value
    std::size_t count = 0; // '*': number of valid entries in items
    std::vector<RespValue> items; // only grows, so nested buffers are reused; the first `count` are valid

    const RespValue &operator[](std::size_t i) const { return items[i]; }
    bool isArray(std::size_t n) const { return type == '*' && count == n; }
};

// Parses one reply from buf at pos. Returns the position after it, or std::string_view::npos
// if more bytes are needed. Throws std::runtime_error on bytes that are not RESP2.
std::size_t parseResp(std::string_view buf, std::size_t pos, RespValue &out, int depth = 0);

class RespClient {
public:
    RespClient() = default;
    RespClient(const RespClient &) = delete;
    RespClient &operator=(const RespClient &) = delete;
    ~RespClient();

    bool connect(int port);
    void close();
    const std::string &error() const { return m_error; }

    // Queues one command (nothing is sent before pump()/read()).
    void append(std::initializer_list<std::string_view> argv);
    void append(const std::vector<std::string_view> &argv);
    bool hasPendingOutput() const { return m_outPos < m_out.size(); }

    // Writes what the socket takes and reads what has arrived; if neither is possible, waits
    // up to timeoutMs for the socket to become ready. Returns -1 on a failed or closed
    // connection, 0 if nothing moved, 1 if bytes moved.
    int pump(int timeoutMs);
    // Takes the next complete reply out of the bytes already read, if there is one.
    bool next(RespValue &out);
    // next(), pumping as needed, for up to timeoutMs.
    bool read(RespValue &out, int timeoutMs);
    // Sends everything queued, waiting up to timeoutMs; replies stay buffered for next()/read().
    bool flush(int timeoutMs);
    // append() then read().
    bool call(std::initializer_list<std::string_view> argv, RespValue &out, int timeoutMs = 10000);

private:
    void appendBulk(std::string_view arg);
    bool writeSome(bool &progressed);
    bool readSome(bool &progressed);

    int m_fd = -1;
    std::string m_out;
    std::size_t m_outPos = 0;
    std::string m_in;
    std::size_t m_inPos = 0;
    std::string m_error;
};

} // namespace qlbench

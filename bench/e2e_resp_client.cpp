// The end-to-end benchmark's non-blocking RESP2 client and in-place reply parser.
#include "e2e_resp_client.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace qlbench {

namespace {

constexpr auto npos = std::string_view::npos;

// Position of the "\r\n" ending the line that starts at pos, or npos.
std::size_t lineEnd(std::string_view buf, std::size_t pos)
{
    while (pos < buf.size()) {
        const void *cr = std::memchr(buf.data() + pos, '\r', buf.size() - pos);
        if (!cr)
            return npos;
        std::size_t at = static_cast<std::size_t>(static_cast<const char *>(cr) - buf.data());
        if (at + 1 >= buf.size())
            return npos;
        if (buf[at + 1] == '\n')
            return at;
        pos = at + 1;
    }
    return npos;
}

long long parseInteger(std::string_view s)
{
    bool negative = !s.empty() && s[0] == '-';
    std::size_t i = negative ? 1 : 0;
    if (i >= s.size())
        throw std::runtime_error("RESP: empty number");
    long long v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9')
            throw std::runtime_error("RESP: bad number");
        v = v * 10 + (s[i] - '0');
    }
    return negative ? -v : v;
}

} // namespace

std::size_t parseResp(std::string_view buf, std::size_t pos, RespValue &out, int depth)
{
    if (depth > 64)
        throw std::runtime_error("RESP: nesting too deep");
    std::size_t end = lineEnd(buf, pos);
    if (end == npos)
        return npos;
    char type = buf[pos];
    std::string_view line = buf.substr(pos + 1, end - pos - 1);
    std::size_t after = end + 2;
    switch (type) {
    case '+':
    case '-':
        out.type = type;
        out.text = line;
        return after;
    case ':':
        out.type = ':';
        out.integer = parseInteger(line);
        return after;
    case '$': {
        long long len = parseInteger(line);
        if (len < 0) {
            out.type = 'n';
            return after;
        }
        std::size_t n = static_cast<std::size_t>(len);
        if (buf.size() < after + n + 2)
            return npos;
        out.type = '$';
        out.text = buf.substr(after, n);
        return after + n + 2;
    }
    case '*': {
        long long len = parseInteger(line);
        if (len < 0) {
            out.type = 'n';
            out.count = 0;
            return after;
        }
        std::size_t n = static_cast<std::size_t>(len);
        if (out.items.size() < n)
            out.items.resize(n);
        out.type = '*';
        out.count = n;
        for (std::size_t i = 0; i < n; ++i) {
            after = parseResp(buf, after, out.items[i], depth + 1);
            if (after == npos)
                return npos;
        }
        return after;
    }
    default: throw std::runtime_error("RESP: unexpected type byte");
    }
}

RespClient::~RespClient()
{
    close();
}

bool RespClient::connect(int port)
{
    close();
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0) {
        m_error = std::strerror(errno);
        return false;
    }
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0) {
        m_error = std::string("connect: ") + std::strerror(errno);
        close();
        return false;
    }
    int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    return true;
}

void RespClient::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_out.clear();
    m_outPos = 0;
    m_in.clear();
    m_inPos = 0;
}

void RespClient::appendBulk(std::string_view arg)
{
    m_out += '$';
    m_out += std::to_string(arg.size());
    m_out += "\r\n";
    m_out += arg;
    m_out += "\r\n";
}

void RespClient::append(std::initializer_list<std::string_view> argv)
{
    m_out += '*';
    m_out += std::to_string(argv.size());
    m_out += "\r\n";
    for (auto a : argv)
        appendBulk(a);
}

void RespClient::append(const std::vector<std::string_view> &argv)
{
    m_out += '*';
    m_out += std::to_string(argv.size());
    m_out += "\r\n";
    for (auto a : argv)
        appendBulk(a);
}

bool RespClient::writeSome(bool &progressed)
{
    while (m_outPos < m_out.size()) {
        ssize_t n = ::send(m_fd, m_out.data() + m_outPos, m_out.size() - m_outPos, MSG_NOSIGNAL);
        if (n > 0) {
            m_outPos += static_cast<std::size_t>(n);
            progressed = true;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        m_error = std::string("send: ") + std::strerror(errno);
        return false;
    }
    if (m_outPos == m_out.size()) {
        m_out.clear();
        m_outPos = 0;
    }
    return true;
}

bool RespClient::readSome(bool &progressed)
{
    if (m_inPos == m_in.size()) {
        m_in.clear();
        m_inPos = 0;
    } else if (m_inPos >= (1u << 16)) {
        m_in.erase(0, m_inPos);
        m_inPos = 0;
    }
    char buf[1 << 16];
    for (int i = 0; i < 16; ++i) {
        ssize_t n = ::recv(m_fd, buf, sizeof(buf), 0);
        if (n > 0) {
            m_in.append(buf, static_cast<std::size_t>(n));
            progressed = true;
            if (static_cast<std::size_t>(n) < sizeof(buf))
                break;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        m_error
            = n == 0 ? std::string("connection closed by the server") : std::string("recv: ") + std::strerror(errno);
        return false;
    }
    return true;
}

int RespClient::pump(int timeoutMs)
{
    if (m_fd < 0)
        return -1;
    bool progressed = false;
    if (!writeSome(progressed) || !readSome(progressed))
        return -1;
    if (progressed)
        return 1;
    pollfd p {m_fd, static_cast<short>(POLLIN | (hasPendingOutput() ? POLLOUT : 0)), 0};
    int r = ::poll(&p, 1, timeoutMs);
    if (r < 0 && errno != EINTR) {
        m_error = std::string("poll: ") + std::strerror(errno);
        return -1;
    }
    if (r <= 0)
        return 0;
    if (!writeSome(progressed) || !readSome(progressed))
        return -1;
    return progressed ? 1 : 0;
}

bool RespClient::next(RespValue &out)
{
    if (m_inPos >= m_in.size())
        return false;
    std::size_t end = parseResp(m_in, m_inPos, out);
    if (end == npos)
        return false;
    m_inPos = end;
    return true;
}

bool RespClient::read(RespValue &out, int timeoutMs)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (true) {
        if (next(out))
            return true;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() < 0) {
            m_error = "no reply within " + std::to_string(timeoutMs) + " ms";
            return false;
        }
        if (pump(static_cast<int>(left.count())) < 0)
            return false;
    }
}

bool RespClient::flush(int timeoutMs)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (hasPendingOutput()) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() < 0) {
            m_error = "could not send within " + std::to_string(timeoutMs) + " ms";
            return false;
        }
        if (pump(static_cast<int>(left.count())) < 0)
            return false;
    }
    return true;
}

bool RespClient::call(std::initializer_list<std::string_view> argv, RespValue &out, int timeoutMs)
{
    append(argv);
    return read(out, timeoutMs);
}

} // namespace qlbench

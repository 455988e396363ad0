// libFuzzer harness for the network path: bytes arrive on a real socket (one end of a
// socketpair adopted by the RespServer), in pieces, and run through the request parser, the
// broker and the engine exactly as a TCP client's would.
//
// Input: the first byte seeds how the rest is cut into writes; the rest is the byte stream.
// Checked, beyond "no crash, no sanitizer report, no hang":
//   - everything the server wrote back is a sequence of complete, well-formed RESP replies;
//   - once the client hangs up, the server forgets the connection (no leak);
//   - a second client still gets PONG afterwards (one bad client never hurts another).
// Between inputs an embedded client restores the data and settings (FLUSHALL, CONFIG SET).
#include "broker/broker.h"
#include "resp/reply_reader.h"
#include "server/resp_server.h"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <future>
#include <memory>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace {

#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            std::abort();                                                                                              \
    } while (false)

struct World {
    std::unique_ptr<ql::Broker> broker;
    std::unique_ptr<ql::RespServer> server;
    ql::ClientId admin = 0;

    World()
    {
        broker = std::make_unique<ql::Broker>(std::make_shared<ql::VirtualClock>(1000));
        ql::ServerOptions options;
        options.port = 0;
        server = std::make_unique<ql::RespServer>(*broker, options);
        std::string error;
        FUZZ_CHECK(server->start(&error));
        admin = broker->open("fuzz-admin", ql::ClientSink {});
    }
    void restore()
    {
        broker->send(admin, {"FLUSHALL"});
        broker->send(admin,
            {"CONFIG", "SET", "requirepass", "", "maxclients", "10000", "proto-max-bulk-len", "512mb",
                "client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 32mb 8mb 60"});
        broker->sync();
    }
};

World &world()
{
    static World w;
    return w;
}

// Reads what is available now; false once the server closed its end.
bool readAvailable(int fd, std::string &out, bool &gotSomething)
{
    char buf[65536];
    gotSomething = false;
    while (true) {
        ssize_t n = ::recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
        if (n > 0) {
            out.append(buf, static_cast<std::size_t>(n));
            gotSomething = true;
            continue;
        }
        if (n == 0)
            return false;
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
    }
}

void checkWellFormed(const std::string &out)
{
    std::string_view rest(out);
    while (!rest.empty()) {
        std::optional<std::size_t> len;
        try {
            len = ql::completeReplyLength(rest);
        } catch (const std::exception &) {
            std::abort(); // the server wrote something no client could parse
        }
        FUZZ_CHECK(len.has_value()); // a reply cut off in the middle
        rest.remove_prefix(*len);
    }
}

std::string pingThroughNewConnection(World &w)
{
    int fds[2];
    FUZZ_CHECK(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    w.server->adopt(fds[0]);
    const char ping[] = "PING\r\n";
    FUZZ_CHECK(::write(fds[1], ping, sizeof(ping) - 1) == static_cast<ssize_t>(sizeof(ping) - 1));
    std::string out;
    for (int i = 0; i < 1000 && out.size() < 7; ++i) {
        w.broker->sync();
        bool got = false;
        readAvailable(fds[1], out, got);
    }
    ::close(fds[1]);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    World &w = world();
    w.restore();
    std::size_t before = w.server->connectionCount();

    int fds[2];
    FUZZ_CHECK(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0);
    w.server->adopt(fds[0]);
    std::uint32_t cut = data[0] * 2654435761u + 1;
    std::string out;
    bool open = true;
    for (std::size_t pos = 1; pos < size && open;) {
        cut = cut * 1103515245u + 12345u;
        std::size_t piece = std::min<std::size_t>(size - pos, 1 + (cut >> 16) % 64);
        ssize_t n = ::send(fds[1], data + pos, piece, MSG_NOSIGNAL);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            w.broker->sync();
        } else if (n <= 0) {
            break; // the server closed the connection (protocol error, QUIT)
        } else {
            pos += static_cast<std::size_t>(n);
        }
        bool got = false;
        open = readAvailable(fds[1], out, got);
    }
    // Collect the replies until the server has nothing more to say.
    for (int quiet = 0; open && quiet < 2;) {
        w.broker->sync();
        bool got = false;
        open = readAvailable(fds[1], out, got);
        quiet = got ? 0 : quiet + 1;
    }
    checkWellFormed(out);
    ::close(fds[1]);
    for (int i = 0; i < 10000 && w.server->connectionCount() > before; ++i)
        w.broker->sync();
    FUZZ_CHECK(w.server->connectionCount() == before);
    w.restore();
    FUZZ_CHECK(pingThroughNewConnection(w) == "+PONG\r\n");
    return 0;
}

// libFuzzer harness for the RESP library.
//
// Input: the first byte seeds how the rest is cut into pieces; the rest is the byte stream.
// Checked, beyond "no crash, no sanitizer report":
//   - the request parser reads the same commands and stops the same way whether the stream
//     arrives whole or in pieces (true below the inline limit, where Redis looks only at bytes);
//   - with tiny limits it never holds more than its query buffer limit plus one piece;
//   - a failed parser recovers after reset();
//   - the reply reader's length and decoder agree, and decode/encode is stable: encoding
//     what was decoded, decoding and encoding again gives the same bytes;
//   - splitArgs only has to return.
#include "resp/reply_reader.h"
#include "resp/request_parser.h"
#include "resp/resp_encoder.h"
#include "resp/split_args.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            std::abort();                                                                                              \
    } while (false)

struct Outcome {
    std::vector<std::vector<std::string>> commands;
    bool failed = false;
    std::string error;
    bool operator==(const Outcome &) const = default;
};

class Pieces {
public:
    explicit Pieces(std::uint8_t seed) : m_state(seed * 2654435761u + 1) { }
    std::size_t nextSize()
    {
        m_state = m_state * 1103515245u + 12345u;
        const std::uint32_t r = m_state >> 16;
        return (r & 3) == 0 ? 1 + (r >> 2) % 200 : 1 + (r >> 2) % 7;
    }

private:
    std::uint32_t m_state;
};

void drain(ql::RequestParser &parser, Outcome &outcome, std::size_t bound)
{
    std::vector<std::string> argv;
    for (;;) {
        const auto status = parser.next(argv);
        FUZZ_CHECK(parser.bufferedBytes() <= bound);
        if (status == ql::RequestParser::Status::NeedMore)
            return;
        if (status == ql::RequestParser::Status::ProtocolError) {
            outcome.failed = true;
            outcome.error = parser.errorText();
            FUZZ_CHECK(parser.next(argv) == ql::RequestParser::Status::ProtocolError);
            return;
        }
        FUZZ_CHECK(!argv.empty());
        outcome.commands.push_back(argv);
    }
}

Outcome parse(std::string_view input, const ql::RequestLimits &limits, Pieces *pieces)
{
    ql::RequestParser parser(limits);
    Outcome outcome;
    std::size_t largestPiece = 0;
    for (std::size_t pos = 0; pos < input.size() && !outcome.failed;) {
        const std::size_t size = pieces ? pieces->nextSize() : input.size();
        const std::string_view piece = input.substr(pos, size);
        largestPiece = std::max(largestPiece, piece.size());
        parser.feed(piece);
        pos += piece.size();
        drain(parser, outcome, limits.clientMaxQueryBufLen + largestPiece);
    }
    if (outcome.failed) {
        parser.reset();
        parser.feed("*2\r\n$4\r\nECHO\r\n$2\r\nok\r\n");
        std::vector<std::string> argv;
        FUZZ_CHECK(parser.next(argv) == ql::RequestParser::Status::Command);
        FUZZ_CHECK(argv.size() == 2 && argv[1] == "ok");
    }
    return outcome;
}

void checkRequestParser(std::string_view input, std::uint8_t seed)
{
    const ql::RequestLimits defaults;
    Pieces pieces(seed);
    const Outcome whole = parse(input, defaults, nullptr);
    const Outcome chunked = parse(input, defaults, &pieces);
    if (input.size() <= defaults.inlineMaxSize)
        FUZZ_CHECK(whole == chunked);

    ql::RequestLimits tiny;
    tiny.protoMaxBulkLen = 64;
    tiny.inlineMaxSize = 32;
    tiny.clientMaxQueryBufLen = 256;
    tiny.maxMultibulkLen = 1000;
    Pieces tinyPieces(static_cast<std::uint8_t>(seed ^ 0x5a));
    parse(input, tiny, &tinyPieces);
}

void checkReplyReader(std::string_view input)
{
    std::optional<std::size_t> length;
    try {
        length = ql::completeReplyLength(input);
    } catch (const ql::RespError &) {
        return;
    }
    if (!length)
        return;
    FUZZ_CHECK(*length > 0 && *length <= input.size());
    ql::Reply reply;
    try {
        reply = ql::decodeReply(input.substr(0, *length));
    } catch (const ql::RespError &) {
        FUZZ_CHECK(false); // the length said it is one complete reply
    }
    for (const int protocol : {2, 3}) {
        const std::string once = ql::encodeReply(reply, protocol);
        FUZZ_CHECK(ql::completeReplyLength(once) == once.size());
        const std::string twice = ql::encodeReply(ql::decodeReply(once), protocol);
        FUZZ_CHECK(once == twice);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::string_view input(reinterpret_cast<const char *>(data) + 1, size - 1);
    checkRequestParser(input, data[0]);
    checkReplyReader(input);
    ql::splitArgs(input);
    return 0;
}

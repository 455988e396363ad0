// Robustness: deterministic streams of random and of damaged-but-plausible bytes through the
// request parser and the reply reader. Nothing may crash, the parser may hold no more than
// its limits allow, a parser that failed must recover after reset(), and how the input is cut
// into pieces must not change what is read.
#include "parser_transcript.h"
#include "resp/reply_reader.h"
#include "resp/split_args.h"

#include <QTest>

#include <random>

using ql::RequestParser;

class TstRespRandomBytes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void randomChunksKeepParserBounded();
    void mutatedFramesNeverBreakTheParser();
    void chunkingDoesNotChangeTheResult();
    void readerSurvivesMutatedReplies();
};

namespace {

// std::mt19937 output is specified by the standard, unlike the distributions: use it directly.
class Random {
public:
    explicit Random(std::uint32_t seed) : m_engine(seed) { }
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(m_engine() % n); }
    bool chance(std::uint32_t percent) { return below(100) < percent; }

    // Mostly protocol characters, so that headers, quotes and line ends are common.
    char protocolishByte()
    {
        static constexpr char kAlphabet[] = "*$\r\n\r\n0123456789-+\"' \\xab\t";
        return chance(60) ? kAlphabet[below(sizeof kAlphabet - 1)] : static_cast<char>(below(256));
    }

private:
    std::mt19937 m_engine;
};

std::vector<std::string> randomArgv(Random &rng)
{
    std::vector<std::string> argv(1 + rng.below(4));
    for (std::string &arg : argv) {
        arg.resize(rng.below(rng.chance(5) ? 3000 : 12));
        for (char &c : arg)
            c = static_cast<char>(rng.below(256));
    }
    return argv;
}

std::string multibulkFrame(const std::vector<std::string> &argv)
{
    std::string frame = "*" + std::to_string(argv.size()) + "\r\n";
    for (const std::string &arg : argv)
        frame += "$" + std::to_string(arg.size()) + "\r\n" + arg + "\r\n";
    return frame;
}

void mutate(std::string &frame, Random &rng)
{
    if (frame.empty())
        return;
    const std::size_t at = rng.below(static_cast<std::uint32_t>(frame.size()));
    switch (rng.below(5)) {
    case 0: frame[at] = rng.protocolishByte(); break;
    case 1: frame.erase(at, 1); break;
    case 2: frame.insert(at, 1, rng.protocolishByte()); break;
    case 3: frame.resize(at); break;
    default: frame.insert(at, frame.substr(at, rng.below(16))); break;
    }
}

ql::RequestLimits smallLimits()
{
    ql::RequestLimits limits;
    limits.protoMaxBulkLen = 4096;
    limits.inlineMaxSize = 1024;
    limits.clientMaxQueryBufLen = 16 * 1024;
    return limits;
}

struct FeedResult {
    int errors = 0;
    bool emptyCommand = false; // a Command with no arguments
    bool overBound = false; // held more than the query buffer limit allows
};

// Feeds `input` in random pieces, resetting the parser after each protocol error, and checks
// the bound on held bytes after every piece.
FeedResult feedRandomly(RequestParser &parser, std::string_view input, Random &rng, std::size_t maxChunk)
{
    FeedResult result;
    std::vector<std::string> argv;
    const std::size_t bound = parser.limits().clientMaxQueryBufLen + maxChunk;
    for (std::size_t pos = 0; pos < input.size();) {
        const std::size_t chunk = 1 + rng.below(static_cast<std::uint32_t>(maxChunk));
        parser.feed(input.substr(pos, chunk));
        pos += chunk;
        for (;;) {
            const auto status = parser.next(argv);
            result.emptyCommand |= status == RequestParser::Status::Command && argv.empty();
            if (status == RequestParser::Status::ProtocolError) {
                ++result.errors;
                parser.reset();
            }
            if (status != RequestParser::Status::Command)
                break;
        }
        result.overBound |= parser.bufferedBytes() > bound;
    }
    return result;
}

void expectFrameParses(RequestParser &parser, Random &rng)
{
    const std::vector<std::string> argv = randomArgv(rng);
    parser.feed(multibulkFrame(argv));
    std::vector<std::string> parsed;
    QCOMPARE(parser.next(parsed), RequestParser::Status::Command);
    QVERIFY(parsed == argv);
}

} // namespace

void TstRespRandomBytes::randomChunksKeepParserBounded()
{
    Random rng(20240611);
    RequestParser parser(smallLimits());
    std::vector<std::string> argv;
    int errors = 0;
    for (int chunk = 0; chunk < 200000; ++chunk) {
        std::string bytes(1 + rng.below(48), '\0');
        for (char &c : bytes)
            c = rng.protocolishByte();
        parser.feed(bytes);
        RequestParser::Status status;
        while ((status = parser.next(argv)) == RequestParser::Status::Command)
            QVERIFY(!argv.empty());
        QVERIFY(parser.bufferedBytes() <= parser.limits().clientMaxQueryBufLen + bytes.size());
        if (status == RequestParser::Status::ProtocolError) {
            ++errors;
            QCOMPARE(parser.next(argv), RequestParser::Status::ProtocolError); // stays failed
            parser.reset();
            if (rng.chance(10))
                expectFrameParses(parser, rng);
        }
    }
    QVERIFY(errors > 1000); // the stream really exercised the error paths
    parser.reset();
    expectFrameParses(parser, rng);
}

void TstRespRandomBytes::mutatedFramesNeverBreakTheParser()
{
    Random rng(7);
    RequestParser parser(smallLimits());
    for (int round = 0; round < 4000; ++round) {
        std::string stream;
        for (int i = 0; i < 8; ++i) {
            std::string frame = rng.chance(20) ? "SET k \"v\\x41\"\r\n" : multibulkFrame(randomArgv(rng));
            if (rng.chance(30))
                mutate(frame, rng);
            stream += frame;
        }
        const FeedResult result = feedRandomly(parser, stream, rng, 1 + rng.below(64));
        QVERIFY(!result.emptyCommand);
        QVERIFY(!result.overBound);
        parser.reset();
        expectFrameParses(parser, rng);
        QCOMPARE(parser.bufferedBytes(), std::size_t(0));
    }
}

void TstRespRandomBytes::chunkingDoesNotChangeTheResult()
{
    Random rng(99);
    for (int round = 0; round < 3000; ++round) {
        std::string stream;
        for (int i = 0; i < 4; ++i) {
            std::string frame = rng.chance(30) ? "ECHO 'a b' \"\\x00\"\r\n" : multibulkFrame(randomArgv(rng));
            if (rng.chance(40))
                mutate(frame, rng);
            stream += frame;
        }
        // Below the inline limit Redis's reading depends only on the bytes, not on how they
        // arrived.
        if (stream.size() > 60 * 1024)
            continue;
        const ParserTranscript whole = parseInChunks(stream, 0);
        QVERIFY(parseInChunks(stream, 1) == whole);
        QVERIFY(parseInChunks(stream, 1 + rng.below(100)) == whole);
    }
}

void TstRespRandomBytes::readerSurvivesMutatedReplies()
{
    Random rng(5);
    const std::string samples[] = {
        "*3\r\n$3\r\nfoo\r\n:1\r\n%1\r\n+a\r\n,1.5\r\n",
        ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n=7\r\ntxt:abc\r\n",
        "|1\r\n+k\r\n~2\r\n#t\r\n_\r\n(123\r\n",
        "-ERR x\r\n!3\r\nERR\r\n$-1\r\n*-1\r\n",
    };
    int complete = 0;
    for (int round = 0; round < 100000; ++round) {
        std::string input = samples[rng.below(4)];
        for (std::uint32_t n = rng.below(4); n > 0; --n)
            mutate(input, rng);
        try {
            if (const auto length = ql::completeReplyLength(input)) {
                QVERIFY(*length <= input.size());
                ql::decodeReply(std::string_view(input).substr(0, *length));
                ++complete;
            }
        } catch (const ql::RespError &) {
        }
        ql::splitArgs(input);
    }
    QVERIFY(complete > 1000);
}

int runRespRandomBytesTests(int argc, char **argv)
{
    TstRespRandomBytes tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "tst_resp_random_bytes.moc"

// Differential runner: sends the same commands to a real redis-server and to the other side
// and compares the RESP bytes of every reply and of every push other connections get. The
// other side is either the in-process engine or a second RESP server reached over TCP
// (QueueLab's RespServer), which gets one socket per named connection like redis-server.
//
// Corpus files (tests/engine/corpus/*.txt), one command per line in redis-cli quoting:
//   # comment
//   === case title          new case: FLUSHALL on both sides, every connection reset
//   @name CMD args          run as connection `name` (default `main`)
//   !sort !ids !ints !skip  normalisations before the command (see Normalize)
// Only wall-clock dependent values may be normalised, and each line says which.
#pragma once

#include "redis_connection.h"

#include "engine/engine.h"

#include <map>
#include <string>
#include <vector>

namespace ql::test {

enum Normalize : unsigned {
    kNormNone = 0,
    kNormSort = 1, // sort the reply's top-level elements (hash-order replies: KEYS, PUBSUB CHANNELS)
    kNormIds = 2, // stream ids whose millisecond part comes from the clock ('*') become "<id>"
    kNormInts = 4, // every integer becomes 0 (idle times, PTTL)
    kNormSkip = 8, // run on both sides, compare nothing
};

class DiffRunner {
public:
    // The other side is an in-process Engine.
    explicit DiffRunner(int redisPort);
    // The other side is a RESP server on 127.0.0.1:otherPort.
    DiffRunner(int redisPort, int otherPort);

    // Runs one corpus line; `where` (file:line) prefixes any mismatch report.
    void runLine(const std::string &line, const std::string &where);
    // Runs a whole corpus file; returns the number of commands compared.
    std::size_t runFile(const std::string &path);
    // Compares one command as connection `conn`; false on a difference.
    bool compare(
        const std::string &conn, const std::vector<std::string> &argv, unsigned norm, const std::string &where);
    // FLUSHALL both sides and drop every connection.
    void resetCase();

    bool socketMode() const { return m_otherPort > 0; }
    std::size_t compared() const { return m_compared; }
    const std::vector<std::string> &mismatches() const { return m_mismatches; }

    static std::string printable(const std::string &bytes);

private:
    struct Conn {
        RedisConnection redis;
        RedisConnection other; // socket mode only
        ClientId id = 0; // engine mode only
    };
    Conn &connection(const std::string &name);
    std::string normalize(const std::string &resp, unsigned norm) const;
    void fail(const std::string &where, const std::vector<std::string> &argv, const std::string &what,
        const std::string &redis, const std::string &engine);
    bool compareEngine(
        const std::string &conn, const std::vector<std::string> &argv, unsigned norm, const std::string &where);
    bool compareSocket(
        const std::string &conn, const std::vector<std::string> &argv, unsigned norm, const std::string &where);
    bool comparePushes(const std::string &except, const std::vector<std::string> &argv, std::int64_t publishCount,
        const std::string &where);

    int m_port;
    int m_otherPort = 0;
    Engine m_engine;
    std::map<std::string, Conn> m_conns;
    ClientId m_nextId = 1;
    std::size_t m_compared = 0;
    std::vector<std::string> m_mismatches;
};

} // namespace ql::test

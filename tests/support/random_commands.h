// A seeded generator of mixed Redis commands over a small keyspace, valid and invalid
// (wrong arity, wrong type, bad ids, bad options, huge counts, empty and binary strings),
// for differential testing against redis-server. Deterministic for a given seed.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace ql::test {

struct GeneratedCommand {
    std::string connection = "main";
    std::vector<std::string> argv;
    unsigned norm = 0; // DiffRunner Normalize flags
};

class RandomCommands {
public:
    explicit RandomCommands(std::uint64_t seed) : m_rng(seed) { }
    GeneratedCommand next();

private:
    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_rng); }
    bool chance(int percent) { return static_cast<int>(pick(100)) < percent; }
    template <typename T> const T &oneOf(const std::vector<T> &v) { return v[pick(v.size())]; }
    std::string key();
    std::string listKey();
    std::string streamKey();
    std::string value();
    std::string index();
    std::string count();
    std::string streamId();
    std::string rangeId();
    std::string group();
    std::string consumer();
    std::string channel();
    std::string side();
    std::string shortTimeout();

    GeneratedCommand listCommand();
    GeneratedCommand blockingListCommand();
    GeneratedCommand streamCommand();
    GeneratedCommand streamGroupCommand();
    GeneratedCommand pubsubCommand();
    GeneratedCommand keyCommand();
    void mutate(std::vector<std::string> &argv);

    std::mt19937_64 m_rng;
};

} // namespace ql::test

// Recorder: what people type, turned into a scenario. Each command is kept with its
// client and the virtual time it was sent; text() writes a .qls file that declares each
// client where it first typed (so it connects then), waits as long as the typist did
// between commands, and sends the same commands, so running it on an empty broker
// rebuilds the same world. A `$` in a command is written `$$`.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ql::scenario {

class Recorder {
public:
    // `startMs`: the virtual time the recording starts at (the world was empty then).
    explicit Recorder(std::int64_t startMs) : m_start(startMs) { }

    void command(std::int64_t atMs, const std::string &client, const std::vector<std::string> &argv);
    // The client's connection closed (it is reopened by its next command, as in a run).
    void closed(std::int64_t atMs, const std::string &client);
    // Every database was emptied (the window's Reset world).
    void flushAll(std::int64_t atMs);

    bool empty() const { return m_items.empty(); }
    std::size_t size() const { return m_items.size(); }
    // The scenario, with `title` in its header.
    std::string text(const std::string &title) const;

    // A valid scenario client name for any connection name (CLIENT SETNAME allows more).
    static std::string scenarioName(const std::string &name);

private:
    struct Item {
        enum class Kind { Command, Close, FlushAll };
        Kind kind = Kind::Command;
        std::int64_t ms = 0;
        std::string client;
        std::vector<std::string> argv;
    };
    std::int64_t m_start;
    std::vector<Item> m_items;
};

} // namespace ql::scenario

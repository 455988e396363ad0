// Helpers for engine and broker tests: the names of a run of events, and an engine with
// one open client whose commands run at a fixed time.
#pragma once

#include "engine/engine.h"

#include <QTest>

#include <initializer_list>
#include <string>
#include <vector>

namespace ql::test {

using Strings = std::vector<std::string>;

// The kinds of `events` by their stable names ("key-created", "pushed", ...).
inline Strings eventKinds(const std::vector<Event> &events)
{
    Strings out;
    for (const auto &e : events)
        out.emplace_back(eventKindName(e.kind));
    return out;
}

struct EngineFixture {
    Engine engine;
    EngineFixture()
    {
        engine.openClient(1, "main");
        engine.takeEvents();
    }
    ExecResult run(const Strings &argv, std::int64_t now = 1000, bool mayBlock = true)
    {
        return engine.execute(1, argv, now, ExecOptions {mayBlock});
    }
    std::vector<Event> events() { return engine.takeEvents(); }
    // Runs setup commands and drops their events.
    void given(std::initializer_list<Strings> commands)
    {
        for (const auto &c : commands)
            QVERIFY2(!run(c).reply.isError(), c[0].c_str());
        events();
    }
    Strings list(const std::string &key)
    {
        Strings out;
        const ExecResult res = run({"LRANGE", key, "0", "-1"});
        for (const auto &r : res.reply.items())
            out.push_back(r.str());
        return out;
    }
};

} // namespace ql::test

#include "scenario/recorder.h"

#include "scenario/runner_text.h"
#include "scenario/scenario_text.h"

#include <algorithm>

namespace ql::scenario {

namespace {

std::string duration(std::int64_t ms)
{
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + "s" : std::to_string(ms) + "ms";
}

// `$` starts a repeat counter in a scenario; a typed one is literal.
std::string literalDollars(const std::string &s)
{
    std::string out;
    for (char c : s) {
        out += c;
        if (c == '$')
            out += '$';
    }
    return out;
}

} // namespace

void Recorder::command(std::int64_t atMs, const std::string &client, const std::vector<std::string> &argv)
{
    if (!argv.empty())
        m_items.push_back({Item::Kind::Command, std::max(atMs, m_start), client, argv});
}

void Recorder::closed(std::int64_t atMs, const std::string &client)
{
    m_items.push_back({Item::Kind::Close, std::max(atMs, m_start), client, {}});
}

void Recorder::flushAll(std::int64_t atMs)
{
    m_items.push_back({Item::Kind::FlushAll, std::max(atMs, m_start), {}, {}});
}

std::string Recorder::scenarioName(const std::string &name)
{
    std::string out;
    for (char c : name)
        out += text::isNameChar(c) ? c : '_';
    if (out.empty())
        out = "client";
    if (out.size() > text::kMaxNameLength)
        out.resize(text::kMaxNameLength);
    return out;
}

std::string Recorder::text(const std::string &title) const
{
    // Names as the scenario language allows them; two connections whose names differ only
    // in characters it does not allow stay two clients.
    std::map<std::string, std::string> names;
    auto nameOf = [&](const std::string &client, bool &isNew) -> const std::string & {
        auto it = names.find(client);
        isNew = it == names.end();
        if (!isNew)
            return it->second;
        const std::string base = scenarioName(client);
        std::string name = base;
        for (int n = 2; std::any_of(names.begin(), names.end(), [&](const auto &p) { return p.second == name; }); ++n)
            name = base.substr(0, text::kMaxNameLength - 4) + "-" + std::to_string(n);
        return names[client] = name;
    };
    std::string out
        = "# title: " + title + "\n# summary: Recorded in QueueLab: the commands as typed, with their timings.\n\n";
    std::int64_t now = m_start;
    for (const Item &item : m_items) {
        for (std::int64_t gap = item.ms - now; gap > 0;) {
            const std::int64_t step = std::min(gap, text::kMaxDurationMs);
            out += "wait " + duration(step) + "\n";
            gap -= step;
        }
        now = std::max(now, item.ms);
        if (item.kind == Item::Kind::FlushAll) {
            out += "flushall\n";
            continue;
        }
        bool isNew = false;
        const std::string &name = nameOf(item.client, isNew);
        if (isNew) // declared where it first appears: it connects at that moment
            out += "client " + name + "\n";
        out += item.kind == Item::Kind::Close ? "close " + name + "\n"
                                              : name + "> " + literalDollars(commandText(item.argv)) + "\n";
    }
    return out;
}

} // namespace ql::scenario

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

} // namespace

void Recorder::command(std::int64_t atMs, const std::string &client, const std::vector<std::string> &argv)
{
    if (!argv.empty())
        m_items.push_back({std::max(atMs, m_start), client, argv});
}

void Recorder::closed(std::int64_t atMs, const std::string &client)
{
    m_items.push_back({std::max(atMs, m_start), client, {}});
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
    std::vector<std::string> order;
    for (const Item &item : m_items) {
        if (names.count(item.client))
            continue;
        std::string base = scenarioName(item.client);
        std::string name = base;
        for (int n = 2; std::any_of(names.begin(), names.end(), [&](const auto &p) { return p.second == name; });
             ++n)
            name = base.substr(0, text::kMaxNameLength - 4) + "-" + std::to_string(n);
        names[item.client] = name;
        order.push_back(name);
    }
    std::string out = "# title: " + title + "\n# summary: Recorded in QueueLab: the commands as typed, with their timings.\n\n";
    for (const std::string &name : order)
        out += "client " + name + "\n";
    out += "\n";
    std::int64_t now = m_start;
    for (const Item &item : m_items) {
        for (std::int64_t gap = item.ms - now; gap > 0;) {
            const std::int64_t step = std::min(gap, text::kMaxDurationMs);
            out += "wait " + duration(step) + "\n";
            gap -= step;
        }
        now = std::max(now, item.ms);
        const std::string &name = names[item.client];
        out += item.argv.empty() ? "close " + name + "\n" : name + "> " + commandText(item.argv) + "\n";
    }
    return out;
}

} // namespace ql::scenario

// MessageLineage: a history in words, for the inspector's one-line summary and its table.
#include "message_lineage.h"

#include <cstdio>

namespace ql {
namespace {

using What = LineageStep::What;

// A label as redis-cli quotes it: "..." with \" \\ and \xNN for control bytes.
std::string quoted(std::string_view s)
{
    std::string out = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

std::string seconds(std::int64_t ms)
{
    if (ms >= 10'000)
        return std::to_string(ms / 1000) + " s";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
    return buf;
}

std::string upper(std::string s)
{
    for (char &c : s)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return s;
}

// " (a, b)" from the non-empty parts, or "".
std::string parens(std::initializer_list<std::string> parts)
{
    std::string out;
    for (const std::string &p : parts)
        if (!p.empty())
            out += (out.empty() ? " (" : ", ") + p;
    return out.empty() ? out : out + ")";
}

bool isDelivery(What w)
{
    return w == What::Delivered || w == What::Redelivered || w == What::Claimed;
}

bool manyGroups(const MessageHistory &h)
{
    const std::string *first = nullptr;
    for (const LineageStep &s : h.steps) {
        if (!isDelivery(s.what) && s.what != What::Acked && s.what != What::Dropped)
            continue;
        if (first && *first != s.where)
            return true;
        first = &s.where;
    }
    return false;
}

std::string removal(const LineageStep &s)
{
    const std::string by = " by " + s.clientName;
    if (s.where == "del")
        return "key deleted" + by;
    if (s.where == "expired")
        return "key expired";
    if (s.where == "overwritten")
        return "key overwritten" + by;
    if (s.where == "flushed")
        return "flushed" + by;
    if (s.where == "lset")
        return "overwritten" + by + " (LSET)";
    if (s.where == "lrem" || s.where == "ltrim")
        return "removed" + by + " (" + upper(s.where) + ")";
    return "removed (" + s.where + ")" + by;
}

// One step in words; `groups`: name the group of claims and acks too.
std::string stepText(const MessageHistory &h, const LineageStep &s, bool groups)
{
    const std::string by = " by " + s.clientName;
    const std::string count = s.count ? "count " + std::to_string(s.count) : std::string();
    const std::string reader = s.clientName != s.consumer ? "read by " + s.clientName : std::string();
    const std::string waited = s.afterBlocking ? "after waiting" : std::string();
    const std::string inGroup = groups ? " in group " + s.where : std::string();
    switch (s.what) {
    case What::Added: return "XADD " + h.label + " to " + s.where + by;
    case What::Pushed: return (s.note == "left" ? "LPUSH " : "RPUSH ") + quoted(h.label) + " to " + s.where + by;
    case What::Inserted:
        return upper(s.note) + " " + quoted(h.label) + " at index " + std::to_string(s.count) + " of " + s.where + by;
    case What::Moved: {
        const auto space = s.note.find(' ');
        const std::string ends = space == std::string::npos
            ? std::string()
            : " " + upper(s.note.substr(0, space)) + " " + upper(s.note.substr(space + 1));
        return "moved to " + s.where + by + " (" + (s.afterBlocking ? "BLMOVE" : "LMOVE") + ends + ")";
    }
    case What::Popped: {
        const std::string cmd = s.note == "left" ? "LPOP" : "RPOP";
        return "popped" + by + " (" + (s.afterBlocking ? "B" + cmd : cmd) + ")";
    }
    case What::Delivered:
        return "delivered to " + s.consumer + " in group " + s.where
            + parens({count, s.note == "noack" ? "NOACK" : "", reader, waited});
    case What::Redelivered: return "re-delivered to " + s.consumer + inGroup + parens({count, reader});
    case What::Claimed:
        return "claimed by " + s.consumer + inGroup
            + parens(
                {count, s.note == "justid" ? "JUSTID" : "", s.clientName != s.consumer ? "by " + s.clientName : ""});
    case What::Acked: return "XACK" + by + inGroup;
    case What::Dropped:
        return "dropped from the pending list of group " + s.where
            + parens({s.note, s.consumer.empty() ? "" : "owner " + s.consumer});
    case What::Deleted: return "XDEL" + by;
    case What::Trimmed: return "trimmed" + by + " (" + upper(s.where) + ")";
    case What::Removed: return removal(s);
    case What::Renamed: return "key renamed to " + s.where + by;
    case What::Published:
        return (s.note == "shard" ? "SPUBLISH " : "PUBLISH ") + quoted(h.label) + " to " + s.where + by;
    case What::Received: return "delivered to " + s.clientName + (s.where.empty() ? "" : " (pattern " + s.where + ")");
    case What::Lost: return "lost";
    }
    return {};
}

} // namespace

std::string describe(const MessageHistory &h)
{
    const bool groups = manyGroups(h);
    std::vector<std::string> pieces;
    for (std::size_t i = 0; i < h.steps.size(); ++i) {
        const LineageStep &s = h.steps[i];
        if (i > 0) {
            const LineageStep &prev = h.steps[i - 1];
            if (isDelivery(prev.what) && s.timeMs - prev.timeMs > 1000)
                pieces.push_back("idle " + seconds(s.timeMs - prev.timeMs));
        }
        if (s.what == What::Received) { // one piece for the receivers of one PUBLISH
            std::string text = "delivered to ";
            std::size_t j = i;
            for (; j < h.steps.size() && h.steps[j].what == What::Received; ++j) {
                const LineageStep &r = h.steps[j];
                text += (j > i ? ", " : "") + r.clientName + (r.where.empty() ? "" : " (pattern " + r.where + ")");
            }
            i = j - 1;
            pieces.push_back(std::move(text));
        } else {
            pieces.push_back(stepText(h, s, groups));
        }
        if (s.what == What::Published && s.count == 0)
            pieces.push_back("0 receivers");
        if (i == 0 && h.stepsDropped)
            pieces.push_back("(" + std::to_string(h.stepsDropped) + " more steps)");
    }
    std::string out;
    for (const std::string &p : pieces)
        out += (out.empty() ? "" : " -> ") + p;
    return out;
}

std::vector<StepRow> describeSteps(const MessageHistory &h, std::int64_t originMs)
{
    const bool groups = manyGroups(h);
    std::vector<StepRow> out;
    for (std::size_t i = 0; i < h.steps.size(); ++i) {
        const LineageStep &s = h.steps[i];
        char time[48];
        std::snprintf(time, sizeof time, "%+.3f s", static_cast<double>(s.timeMs - originMs) / 1000.0);
        std::string text = stepText(h, s, groups);
        if (s.what == What::Published)
            text += " (" + std::to_string(s.count) + (s.count == 1 ? " receiver)" : " receivers)");
        out.push_back({time, std::move(text)});
        if (i == 0 && h.stepsDropped)
            out.push_back({{}, "... " + std::to_string(h.stepsDropped) + " more steps not kept"});
    }
    return out;
}

} // namespace ql

// `queuelab --run FILE --headless`: a scenario on a fresh broker at full speed.
#include "scenario/scenario_parser.h"
#include "scenario/scenario_runner.h"
#include "scenario/scenario_text.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace ql::scenario {
namespace {

bool readFile(const std::string &path, std::string &text, std::string &error)
{
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) {
        error = std::strerror(errno);
        return false;
    }
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) {
        text.append(buf, n);
        if (text.size() > text::kMaxFileBytes) {
            error = "the file is larger than 64 MiB";
            std::fclose(f);
            return false;
        }
    }
    bool failed = std::ferror(f) != 0;
    if (failed)
        error = std::strerror(errno);
    std::fclose(f);
    return !failed;
}

} // namespace

int runHeadless(const std::string &path, std::FILE *out, std::FILE *err)
{
    std::string text;
    std::string error;
    if (!readFile(path, text, error)) {
        std::fprintf(err, "queuelab: cannot read %s: %s\n", path.c_str(), error.c_str());
        return 2;
    }
    ParseResult parsed = parse(text, path);
    std::vector<Diagnostic> problems = parsed.errors;
    if (parsed.ok())
        problems = checkRunnable(parsed.scenario);
    if (!problems.empty()) {
        for (const Diagnostic &d : problems)
            std::fprintf(err, "%s\n", d.toString().c_str());
        return 2;
    }
    auto clock = std::make_shared<VirtualClock>(kScenarioEpochMs);
    Broker broker(clock);
    int status = 0;
    {
        Runner runner(std::move(parsed.scenario), broker, *clock);
        runner.setSink([&](const TranscriptEntry &e) {
            std::string line = formatEntry(e, path);
            std::fwrite(line.data(), 1, line.size(), out);
            if (e.kind == TranscriptEntry::Kind::Error)
                std::fprintf(err, "%s:%d:%d: %s\n", path.c_str(), e.where.line, e.where.column, e.text.c_str());
        });
        runner.runToEnd();
        int passed = runner.expectationsPassed();
        int failed = runner.expectationsFailed();
        std::fprintf(out, "# %d %s: %d held, %d failed%s\n", passed + failed,
            passed + failed == 1 ? "expectation" : "expectations", passed, failed,
            runner.stoppedByError() ? "; stopped by an error" : "");
        status = runner.stoppedByError() ? 2 : failed > 0 ? 1 : 0;
    }
    std::fflush(out);
    return status;
}

} // namespace ql::scenario

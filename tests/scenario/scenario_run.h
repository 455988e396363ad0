// Runs a parsed scenario on a fresh broker whose virtual clock starts at the scenario
// epoch, as `queuelab --run FILE --headless` does, and keeps the transcript. `sliceMs`
// > 0 passes waits in slices of that length, as the window does.
#pragma once

#include "scenario/scenario_runner.h"

#include <QByteArray>

#include <memory>

namespace scenario_test {

struct RunResult {
    QByteArray transcript;
    int passed = 0;
    int failed = 0;
    bool error = false;
};

inline RunResult runScenario(const ql::scenario::Scenario &scenario, std::int64_t sliceMs = 0)
{
    using namespace ql::scenario;
    auto clock = std::make_shared<ql::VirtualClock>(kScenarioEpochMs);
    ql::Broker broker(clock);
    RunResult out;
    Runner runner(scenario, broker, *clock);
    runner.setSink([&](const TranscriptEntry &e) {
        out.transcript += QByteArray::fromStdString(formatEntry(e, scenario.fileName));
    });
    if (sliceMs > 0) {
        while (!runner.finished() || runner.pendingWaitMs() > 0)
            runner.step(sliceMs);
    } else {
        runner.runToEnd();
    }
    out.passed = runner.expectationsPassed();
    out.failed = runner.expectationsFailed();
    out.error = runner.stoppedByError();
    return out;
}

} // namespace scenario_test

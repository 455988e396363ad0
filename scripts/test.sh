#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test with CTest:
#   1. the full build (app, core, tests; warnings are errors) and all its tests,
#   2. the core tests again under AddressSanitizer + UndefinedBehaviorSanitizer,
#   3. a short libFuzzer run of the RESP request parser.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
export QT_QPA_PLATFORM=offscreen

echo "== build and test (ci preset)"
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci

echo "== core tests under ASan + UBSan"
cmake --preset asan >/dev/null
cmake --build --preset asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan

if [ "${QUEUELAB_SKIP_FUZZ:-0}" != "1" ]; then
  echo "== fuzzing the RESP request parser (60 s)"
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz --target fuzz_request_parser
  mkdir -p build/fuzz/corpus
  build/fuzz/tests/fuzz/fuzz_request_parser -max_total_time=60 -print_final_stats=1 build/fuzz/corpus \
    2>&1 | grep -E "stat::number_of_executed_units|ERROR|SUMMARY" || true
  test "${PIPESTATUS[0]}" -eq 0
fi

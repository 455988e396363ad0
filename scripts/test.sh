#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test with CTest:
#   1. the full build (app, core, tests; warnings are errors) and all its tests,
#   2. the core tests again under AddressSanitizer + UndefinedBehaviorSanitizer,
#   3. the broker's threaded tests under ThreadSanitizer,
#   4. a short libFuzzer run of the RESP request parser.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
export QT_QPA_PLATFORM=offscreen

echo "== build and test (ci preset)"
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci
echo "-- compared with a real redis-server:"
grep -hE "^(differential total|random differential)" build/ci/Testing/Temporary/LastTest.log || true

echo "== core tests under ASan + UBSan"
cmake --preset asan >/dev/null
cmake --build --preset asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan

echo "== broker tests under ThreadSanitizer"
cmake --preset tsan >/dev/null
cmake --build --preset tsan
ctest --preset tsan

if [ "${QUEUELAB_SKIP_FUZZ:-0}" != "1" ]; then
  echo "== fuzzing the RESP request parser (60 s)"
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz --target fuzz_request_parser
  mkdir -p build/fuzz/corpus
  log=build/fuzz/fuzz.log
  if ! build/fuzz/tests/fuzz/fuzz_request_parser -max_total_time=60 -print_final_stats=1 \
    -dict=tests/fuzz/resp.dict build/fuzz/corpus tests/fuzz/corpus/request_parser >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "The fuzzer found a crash, a leak or a hang in the RESP request parser (see above)." >&2
    exit 1
  fi
  grep -E "stat::number_of_executed_units" "$log" || true
fi

#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test with CTest:
#   1. the full build (app, core, tests; warnings are errors) and all its tests,
#   2. the core tests again under AddressSanitizer + UndefinedBehaviorSanitizer,
#   3. the broker's threaded tests under ThreadSanitizer,
#   4. short libFuzzer runs of the RESP request parser and of the whole network path.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
export QT_QPA_PLATFORM=offscreen

echo "== build and test (ci preset)"
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci
echo "-- compared with a real redis-server:"
grep -hE "^(differential total|random differential|server differential total|server random differential)" build/ci/Testing/Temporary/LastTest.log || true

echo "== core tests under ASan + UBSan"
cmake --preset asan >/dev/null
cmake --build --preset asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan

echo "== broker tests under ThreadSanitizer"
cmake --preset tsan >/dev/null
cmake --build --preset tsan
ctest --preset tsan

if [ "${QUEUELAB_SKIP_FUZZ:-0}" != "1" ]; then
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz --target fuzz_request_parser fuzz_server
  # fuzz NAME SEEDS: 60 s of libFuzzer; new inputs go to build/fuzz/corpus-NAME.
  fuzz() {
    local name=$1 seeds=$2 log=build/fuzz/fuzz-$1.log
    mkdir -p "build/fuzz/corpus-$name"
    if ! "build/fuzz/tests/fuzz/fuzz_$name" -max_total_time=60 -print_final_stats=1 \
      -dict=tests/fuzz/resp.dict "build/fuzz/corpus-$name" "$seeds" >"$log" 2>&1; then
      tail -n 60 "$log"
      echo "The fuzzer found a crash, a leak or a hang in fuzz_$name (see above)." >&2
      exit 1
    fi
    grep -E "stat::number_of_executed_units" "$log" || true
  }
  echo "== fuzzing the RESP request parser (60 s)"
  fuzz request_parser tests/fuzz/corpus/request_parser
  echo "== fuzzing the network path: socket, parser, broker, engine (60 s)"
  fuzz server tests/fuzz/corpus/server
fi

#!/usr/bin/env bash
# redis-benchmark smoke test against `queuelab --serve` (and the same checks against a real
# redis-server, to show they hold there): every test, without and with pipelining (-P 16),
# finishes within 60 s, exits 0, prints no error or warning and a requests-per-second line.
# redis-benchmark 7.0 has no built-in XADD test, so XADD runs as a custom command. No speed
# is asserted.
# Usage: redis_benchmark.sh QUEUELAB_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

[[ $# -eq 1 ]] || fail "usage: $0 QUEUELAB_BINARY"
require_tools redis-benchmark redis-cli redis-server timeout
start_servers "$1"

BUILTIN_TESTS=ping,set,get,lpush,rpush,lpop,rpop
BUILTIN_NAMES=(PING_INLINE PING_MBULK SET GET LPUSH RPUSH LPOP RPOP)

# bench SERVER PORT LABEL EXPECTED_NAMES... -- REDIS_BENCHMARK_ARGS...
bench()
{
    local server=$1 port=$2 label=$3
    shift 3
    local names=()
    while [[ $1 != -- ]]; do
        names+=("$1")
        shift
    done
    shift
    local out="$CLIENTS_TMP/bench-$server-$label.out" rc=0
    timeout 60 redis-benchmark -p "$port" -q -n 2000 -c 10 "$@" >"$out" 2>&1 || rc=$?
    # Progress updates end in \r; the final line of each test ends in \n.
    tr '\r' '\n' <"$out" >"$out.lines"
    ((rc != 124)) || fail "$server, $label: redis-benchmark $* did not finish within 60 s: $(cat "$out.lines")"
    ((rc == 0)) || fail "$server, $label: redis-benchmark $* exited with $rc: $(cat "$out.lines")"
    if grep -qiE 'error|warning' "$out.lines"; then
        fail "$server, $label: redis-benchmark $* reported a problem: $(grep -iE 'error|warning' "$out.lines")"
    fi
    local name line
    for name in "${names[@]}"; do
        line=$(grep -oE "^ *${name//\*/[*]}: [0-9.]+ requests per second.*" "$out.lines" || true)
        [[ -n "$line" ]] || fail "$server, $label: no requests-per-second line for $name: $(cat "$out.lines")"
        note "$server, $label: ${line#"${line%%[! ]*}"}"
    done
}

run_all()
{
    local server=$1 port=$2
    bench "$server" "$port" "builtin" "${BUILTIN_NAMES[@]}" -- -t "$BUILTIN_TESTS"
    bench "$server" "$port" "builtin -P 16" "${BUILTIN_NAMES[@]}" -- -P 16 -t "$BUILTIN_TESTS"
    bench "$server" "$port" "xadd" "XADD s * f v" -- XADD s '*' f v
    bench "$server" "$port" "xadd -P 16" "XADD s * f v" -- -P 16 XADD s '*' f v
    # Every XADD made an entry (4000), and nothing was lost in the lists: each LPUSH/RPUSH
    # run pushed 2000 and each LPOP/RPOP run popped 2000 from the same list.
    local xlen llen
    xlen=$(redis-cli -p "$port" XLEN s)
    [[ "$xlen" == 4000 ]] || fail "$server: XLEN s is $xlen after 4000 XADDs"
    llen=$(redis-cli -p "$port" LLEN mylist)
    [[ "$llen" == 0 ]] || fail "$server: LLEN mylist is $llen after as many pops as pushes"
}

run_all redis-server "$REDIS_PORT"
run_all queuelab "$QUEUELAB_PORT"
stop_servers
echo "PASS: redis-benchmark ran every test against queuelab --serve"

# shellcheck shell=bash
# Shared helpers for the client tests (sourced, not run): start `queuelab --serve --port 0`
# and a real redis-server on loopback, run one scenario against both and compare, stop both
# and check that QueueLab exits 0 on SIGTERM. Every helper fails the test with a message.

set -euo pipefail

CLIENTS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/queuelab-clients.XXXXXX")
declare -a CLIENTS_PIDS=()
QUEUELAB_PID=""
QUEUELAB_PORT=""
REDIS_PID=""
REDIS_PORT=""
CLIENTS_FAILED=0

fail()
{
    echo "FAIL: $*" >&2
    exit 1
}

note()
{
    echo "-- $*"
}

# Kills whatever the test started and is still running, then removes the scratch folder.
clients_cleanup()
{
    local pid
    for pid in "${CLIENTS_PIDS[@]}" ${QUEUELAB_PID:+"$QUEUELAB_PID"} ${REDIS_PID:+"$REDIS_PID"}; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -KILL "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    [[ -n "${CLIENTS_KEEP:-}" ]] || rm -rf "$CLIENTS_TMP"
}
trap clients_cleanup EXIT

# Remembers a background process so that cleanup ends it if the test stops early.
track_pid()
{
    CLIENTS_PIDS+=("$1")
}

require_tools()
{
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 \
            || fail "'$tool' is not installed: run scripts/install-deps.sh (it installs every tool these tests use)"
    done
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 50 ms until it succeeds.
wait_until()
{
    local seconds=$1 what=$2
    shift 2
    local tries=$((seconds * 20))
    while ((tries-- > 0)); do
        if "$@" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.05
    done
    fail "timed out after ${seconds}s waiting for: $what"
}

port_in_use()
{
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# start_queuelab BINARY: runs `BINARY --serve --port 0` and reads the port from its first line.
start_queuelab()
{
    local bin=$1
    [[ -x "$bin" ]] || fail "queuelab binary '$bin' is missing or not executable"
    "$bin" --serve --port 0 >"$CLIENTS_TMP/queuelab.out" 2>"$CLIENTS_TMP/queuelab.err" &
    QUEUELAB_PID=$!
    local tries=200 line=""
    while ((tries-- > 0)); do
        line=$(head -n 1 "$CLIENTS_TMP/queuelab.out" 2>/dev/null || true)
        [[ -n "$line" ]] && break
        kill -0 "$QUEUELAB_PID" 2>/dev/null \
            || fail "queuelab --serve exited at start: $(cat "$CLIENTS_TMP/queuelab.err")"
        sleep 0.05
    done
    if [[ ! "$line" =~ ^QueueLab\ is\ serving\ the\ Redis\ protocol\ on\ 127\.0\.0\.1:([0-9]+)\  ]]; then
        fail "unexpected first line from queuelab --serve: '$line'"
    fi
    QUEUELAB_PORT=${BASH_REMATCH[1]}
    ((QUEUELAB_PORT > 0)) || fail "queuelab --serve printed port 0"
    note "queuelab --serve listens on 127.0.0.1:$QUEUELAB_PORT"
}

# Sends SIGTERM and checks a clean stop: exit code 0 and the stop line, nothing on stderr.
stop_queuelab()
{
    [[ -n "$QUEUELAB_PID" ]] || return 0
    local pid=$QUEUELAB_PID rc=0
    kill -TERM "$pid"
    wait "$pid" || rc=$?
    QUEUELAB_PID=""
    ((rc == 0)) || fail "queuelab --serve exited with $rc after SIGTERM; stderr: $(cat "$CLIENTS_TMP/queuelab.err")"
    grep -q '^QueueLab: stopping (SIGTERM)$' "$CLIENTS_TMP/queuelab.out" \
        || fail "queuelab --serve did not print its stop line; stdout: $(cat "$CLIENTS_TMP/queuelab.out")"
    if [[ -s "$CLIENTS_TMP/queuelab.err" ]]; then
        fail "queuelab --serve wrote to stderr: $(cat "$CLIENTS_TMP/queuelab.err")"
    fi
    note "queuelab --serve stopped on SIGTERM with exit code 0"
}

# Starts redis-server (the oracle) on a free loopback port.
start_redis()
{
    local port
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        port_in_use "$port" && continue
        redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
            --logfile "$CLIENTS_TMP/redis.log" &
        REDIS_PID=$!
        local tries=200
        while ((tries-- > 0)); do
            kill -0 "$REDIS_PID" 2>/dev/null || break
            if [[ "$(redis-cli -p "$port" PING 2>/dev/null)" == "PONG" ]]; then
                REDIS_PORT=$port
                note "redis-server $(redis-server --version | grep -o 'v=[0-9.]*') listens on 127.0.0.1:$REDIS_PORT"
                return 0
            fi
            sleep 0.05
        done
        kill -KILL "$REDIS_PID" 2>/dev/null || true
        wait "$REDIS_PID" 2>/dev/null || true
        REDIS_PID=""
    done
    fail "could not start redis-server on a loopback port; log: $(cat "$CLIENTS_TMP/redis.log" 2>/dev/null)"
}

stop_redis()
{
    [[ -n "$REDIS_PID" ]] || return 0
    kill -TERM "$REDIS_PID"
    wait "$REDIS_PID" || true
    REDIS_PID=""
}

# Starts both servers; the scenarios get the port in $1.
start_servers()
{
    start_redis
    start_queuelab "$1"
}

stop_servers()
{
    stop_redis
    stop_queuelab
}

# compare NAME SCENARIO: runs the shell function SCENARIO with the redis-server port and
# then with the QueueLab port (each in its own folder), and diffs everything it wrote there
# (stdout, stderr, extra files). Records a failure instead of stopping so that every
# difference of a run is shown; finish_compare ends the test.
compare()
{
    local name=$1 scenario=$2 target port dir
    for target in redis queuelab; do
        port=$REDIS_PORT
        [[ $target == queuelab ]] && port=$QUEUELAB_PORT
        dir="$CLIENTS_TMP/$name/$target"
        mkdir -p "$dir"
        (cd "$dir" && "$scenario" "$port" >stdout 2>stderr) || echo "scenario exit code $?" >>"$dir/stdout"
    done
    local file differs=0
    for file in $(cd "$CLIENTS_TMP/$name" && find redis queuelab -type f | cut -d/ -f2- | sort -u); do
        if ! diff -u --label "redis-server: $file" --label "queuelab: $file" "$CLIENTS_TMP/$name/redis/$file" \
            "$CLIENTS_TMP/$name/queuelab/$file" >>"$CLIENTS_TMP/$name.diff" 2>&1; then
            differs=1
        fi
    done
    if ((differs == 0)); then
        note "$name: same output as redis-server ($(wc -l <"$CLIENTS_TMP/$name/redis/stdout") lines)"
    else
        echo "FAIL: $name: QueueLab's output differs from redis-server's (- redis-server, + queuelab):" >&2
        cat "$CLIENTS_TMP/$name.diff" >&2
        CLIENTS_FAILED=1
    fi
}

# expect NAME FILE TEXT: the oracle's FILE (in the redis-server run of NAME) holds the text
# TEXT (a part of a line), so a scenario that goes wrong against both servers alike still fails.
expect()
{
    local name=$1 file=$2 text=$3
    grep -qF -- "$text" "$CLIENTS_TMP/$name/redis/$file" \
        || fail "$name: redis-server's $file does not contain '$text', so the scenario itself is wrong: $(cat "$CLIENTS_TMP/$name/redis/$file")"
}

# Fails the test if a compare found a difference.
finish_compare()
{
    ((CLIENTS_FAILED == 0)) || fail "QueueLab differs from redis-server (see above)"
}

#!/usr/bin/env bash
# server_vs_redis.sh: `queuelab --serve` beside a real redis-server in one run. Starts both on
# free loopback ports, runs redis-benchmark with the same arguments against each (LPUSH, RPUSH,
# LPOP, RPOP, XADD, PUBLISH; -c 50; -P 1 and -P 16), interleaving the two servers and swapping
# which goes first every run so both see the same machine, then runs server_e2e_bench (stream
# consumer group, pub/sub fan-out, BLPOP/PING latency, memory after 1M XADDs) against each.
# Prints one table per part with QueueLab/Redis ratios; stops both servers on exit.
#
#   bench/server_vs_redis.sh [path-to-queuelab]
#
# Without a path it uses build/ci/app/queuelab or build/dev/app/queuelab. server_e2e_bench is
# looked for next to the app's build (../bench/), then in build/ci and build/dev; set
# E2E_BENCH to point elsewhere. Other knobs (environment): N_P1 (requests per run at -P 1,
# default 100000), N_P16 (at -P 16, default 500000), CLIENTS (50), ROUNDS (redis-benchmark
# rounds per server, best kept, default 2), XADD_MAXLEN (bound for the XADD test, 100000),
# E2E_ROUNDS (rounds of the stream/fan-out/latency parts, best kept, default 2), E2E_ARGS
# (extra arguments for server_e2e_bench, e.g. "--stream-messages 500000").
#
# Exits 1 if a server failed to start or died, or an end-to-end check found lost, duplicated
# or out-of-order data.
set -uo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

N_P1=${N_P1:-100000}
N_P16=${N_P16:-500000}
CLIENTS=${CLIENTS:-50}
ROUNDS=${ROUNDS:-2}
XADD_MAXLEN=${XADD_MAXLEN:-100000}
E2E_ROUNDS=${E2E_ROUNDS:-2}
E2E_ARGS=${E2E_ARGS:-}

die() {
    echo "server_vs_redis: $*" >&2
    exit 1
}

ql=${1:-}
if [[ -z $ql ]]; then
    for c in "$root/build/ci/app/queuelab" "$root/build/dev/app/queuelab"; do
        if [[ -x $c ]]; then
            ql=$c
            break
        fi
    done
fi
[[ -n $ql && -x $ql ]] || die "no queuelab binary (give its path, or build build/ci or build/dev)"

e2e=${E2E_BENCH:-}
if [[ -z $e2e ]]; then
    for c in "$(dirname "$ql")/../bench/server_e2e_bench" "$root/build/ci/bench/server_e2e_bench" \
        "$root/build/dev/bench/server_e2e_bench"; do
        if [[ -x $c ]]; then
            e2e=$c
            break
        fi
    done
fi

for tool in redis-server redis-benchmark redis-cli; do
    command -v "$tool" > /dev/null || die "$tool is not installed"
done

tmp=$(mktemp -d)
ql_pid=
redis_pid=

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    [[ -n $ql_pid ]] && kill "$ql_pid" 2> /dev/null && wait "$ql_pid" 2> /dev/null
    [[ -n $redis_pid ]] && kill "$redis_pid" 2> /dev/null && wait "$redis_pid" 2> /dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- servers -------------------------------------------------------------------------------

: > "$tmp/queuelab.log"
"$ql" --serve --port 0 > "$tmp/queuelab.log" 2>&1 &
ql_pid=$!
ql_port=
for _ in $(seq 150); do
    ql_port=$(sed -n 's/.*serving the Redis protocol on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/queuelab.log")
    [[ -n $ql_port ]] && break
    kill -0 "$ql_pid" 2> /dev/null || break
    sleep 0.1
done
[[ -n $ql_port ]] || die "queuelab --serve did not start: $(cat "$tmp/queuelab.log")"

port_is_free() {
    ! (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null
}

redis_port=
for _ in $(seq 20); do
    p=$((20000 + RANDOM % 40000))
    [[ $p == "$ql_port" ]] && continue
    port_is_free "$p" || continue
    redis-server --port "$p" --bind 127.0.0.1 --save '' --appendonly no > "$tmp/redis.log" 2>&1 &
    redis_pid=$!
    for _ in $(seq 50); do
        [[ $(redis-cli -p "$p" ping 2> /dev/null) == PONG ]] && break
        kill -0 "$redis_pid" 2> /dev/null || break
        sleep 0.1
    done
    if [[ $(redis-cli -p "$p" ping 2> /dev/null) == PONG ]]; then
        redis_port=$p
        break
    fi
    kill "$redis_pid" 2> /dev/null
    wait "$redis_pid" 2> /dev/null
    redis_pid=
done
[[ -n $redis_port ]] || die "redis-server did not start: $(cat "$tmp/redis.log")"

alive() {
    kill -0 "$ql_pid" 2> /dev/null || die "queuelab died: $(tail -5 "$tmp/queuelab.log")"
    kill -0 "$redis_pid" 2> /dev/null || die "redis-server died: $(tail -5 "$tmp/redis.log")"
}

echo "QueueLab: $ql --serve (pid $ql_pid, port $ql_port)"
echo "Redis:    $(redis-server --version | cut -d' ' -f1-3) (pid $redis_pid, port $redis_port)"
echo "Machine:  $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"

# The benchmarked commands must really work on both (redis-benchmark counts error replies too).
for port in "$ql_port" "$redis_port"; do
    r=$(redis-cli -p "$port" XADD e2e:probe MAXLEN '~' "$XADD_MAXLEN" '*' field value)
    [[ $r =~ ^[0-9]+-[0-9]+$ ]] || die "XADD on port $port replied: $r"
    r=$(redis-cli -p "$port" PUBLISH ch msg)
    [[ $r =~ ^[0-9]+$ ]] || die "PUBLISH on port $port replied: $r"
    redis-cli -p "$port" DEL e2e:probe > /dev/null
done

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "n/a" }'
}

# --- end-to-end helper; memory first, while both servers are fresh ---------------------------

failed=0
# e2e <side> <part>: appends server_e2e_bench's output to $tmp/e2e_<side>.txt
e2e() {
    local side=$1 part=$2 port pid
    if [[ $side == ql ]]; then port=$ql_port pid=$ql_pid; else port=$redis_port pid=$redis_pid; fi
    # shellcheck disable=SC2086
    if ! timeout 300 "$e2e" --port "$port" --pid "$pid" --part "$part" $E2E_ARGS >> "$tmp/e2e_$side.txt" 2>&1; then
        failed=1
    fi
    alive
}

memory_secs=0
if [[ -n $e2e ]]; then
    start=$SECONDS
    e2e ql memory
    e2e redis memory
    memory_secs=$((SECONDS - start))
fi

# --- redis-benchmark -----------------------------------------------------------------------

tests=(LPUSH RPUSH LPOP RPOP XADD PUBLISH)

# rps <port> <pipeline> <test> -> requests per second, from redis-benchmark --csv
rps() {
    local port=$1 pipeline=$2 test=$3 n
    n=$([[ $pipeline == 1 ]] && echo "$N_P1" || echo "$N_P16")
    local args=(-h 127.0.0.1 -p "$port" -c "$CLIENTS" -n "$n" -P "$pipeline" --csv)
    case $test in
    XADD) args+=(XADD mystream MAXLEN '~' "$XADD_MAXLEN" '*' field value) ;;
    PUBLISH) args+=(PUBLISH ch msg) ;;
    *) args+=(-t "${test,,}") ;;
    esac
    timeout 300 redis-benchmark "${args[@]}" 2> /dev/null |
        awk -F'","' 'NR > 1 && $2 ~ /^[0-9.]+$/ { print $2; exit }'
}

declare -A best
run=0
start=$SECONDS
for _ in $(seq "$ROUNDS"); do
    for pipeline in 1 16; do
        for test in "${tests[@]}"; do
            # Alternate which server goes first.
            if ((run % 2 == 0)); then order=(ql redis); else order=(redis ql); fi
            run=$((run + 1))
            for side in "${order[@]}"; do
                port=$([[ $side == ql ]] && echo "$ql_port" || echo "$redis_port")
                v=$(rps "$port" "$pipeline" "$test")
                alive
                key="$side,$test,$pipeline"
                if [[ -n $v ]] && awk -v v="$v" -v b="${best[$key]:-0}" 'BEGIN { exit !(v > b) }'; then
                    best[$key]=$v
                fi
            done
        done
    done
done
bench_secs=$((SECONDS - start))

echo
echo "redis-benchmark -c $CLIENTS, -n $N_P1 at -P 1 and $N_P16 at -P 16, best of $ROUNDS interleaved rounds" \
    "(XADD = XADD mystream MAXLEN ~ $XADD_MAXLEN * field value; PUBLISH = PUBLISH ch msg; ${bench_secs}s)"
printf '%-9s %8s %14s %14s %8s\n' command pipeline "QueueLab ops/s" "Redis ops/s" ratio
for pipeline in 1 16; do
    for test in "${tests[@]}"; do
        q=${best[ql,$test,$pipeline]:-}
        r=${best[redis,$test,$pipeline]:-}
        printf '%-9s %8s %14.0f %14.0f %8s\n' "$test" "$pipeline" "${q:-0}" "${r:-0}" "$(ratio "$q" "$r")"
    done
done
echo "after: LLEN mylist QueueLab $(redis-cli -p "$ql_port" LLEN mylist) / Redis $(redis-cli -p "$redis_port" LLEN mylist);" \
    "XLEN mystream QueueLab $(redis-cli -p "$ql_port" XLEN mystream) / Redis $(redis-cli -p "$redis_port" XLEN mystream)"
redis-cli -p "$ql_port" DEL mylist mystream > /dev/null
redis-cli -p "$redis_port" DEL mylist mystream > /dev/null

# --- end to end ----------------------------------------------------------------------------

if [[ -z $e2e ]]; then
    echo
    echo "server_e2e_bench not found (build the server_e2e_bench target or set E2E_BENCH): end-to-end part skipped"
    exit 0
fi

start=$SECONDS
run=0
for _ in $(seq "$E2E_ROUNDS"); do
    for part in stream fanout latency; do
        if ((run % 2 == 0)); then order=(redis ql); else order=(ql redis); fi
        run=$((run + 1))
        for side in "${order[@]}"; do
            e2e "$side" "$part"
        done
    done
done
e2e_secs=$((SECONDS - start + memory_secs))

# pick <side> <name> <max|min> -> best value over the rounds (rates: max, as an integer;
# latency and memory: min, one decimal; "n/a" if none or negative)
pick() {
    grep "^RESULT $2 " "$tmp/e2e_$1.txt" | awk -v how="$3" '
        { v = $3 + 0; if (v < 0) next; if (!seen || (how == "max" && v > b) || (how == "min" && v < b)) b = v; seen = 1 }
        END { if (!seen) printf "n/a"; else if (how == "max") printf "%.0f", b; else printf "%.1f", b }'
}
check() {
    local values
    values=$(grep "^RESULT $2 " "$tmp/e2e_$1.txt" | awk '{ print $3 }' | sort -u)
    if [[ -z $values ]]; then echo "n/a"; elif [[ $values == ok ]]; then echo ok; else echo FAIL; fi
}
row() { # row <label> <name> <max|min>
    local q r
    q=$(pick ql "$2" "$3")
    r=$(pick redis "$2" "$3")
    printf '%-50s %12s %12s %7s\n' "$1" "$q" "$r" "$(ratio "$q" "$r")"
}
checkrow() {
    printf '%-50s %12s %12s\n' "$1" "$(check ql "$2")" "$(check redis "$2")"
}

echo
echo "server_e2e_bench (best of $E2E_ROUNDS alternating rounds; memory once; ${e2e_secs}s)." \
    "Ratio = QueueLab/Redis: above 1 is better for rates, worse for latency and memory."
printf '%-50s %12s %12s %7s\n' "" QueueLab Redis ratio
row "stream group 1 producer/2 consumers, msg/s" stream_msgs_per_s max
checkrow "  every message acked exactly once, in order" stream_check
row "pub/sub fan-out to 10 subscribers, delivered/s" fanout_delivered_per_s max
row "  PUBLISH/s during the fan-out" fanout_publish_per_s max
checkrow "  every subscriber got every message, in order" fanout_check
row "BLPOP wake-up p50, us" blpop_wake_p50_us min
row "BLPOP wake-up p99, us" blpop_wake_p99_us min
row "PING round trip p50, us" ping_p50_us min
row "PING round trip p99, us" ping_p99_us min
checkrow "  every BLPOP woken by its RPUSH" latency_check
row "XADD s * f v x 1M pipelined, ops/s" memory_xadd_per_s max
row "RSS before, MiB" memory_rss_before_mib min
row "RSS after 1M XADDs, MiB" memory_rss_after_mib min
row "RSS growth, MiB" memory_rss_growth_mib min
row "RSS growth per entry, bytes" memory_rss_bytes_per_entry min
row "INFO used_memory before, MiB" memory_used_before_mib min
row "INFO used_memory after 1M XADDs, MiB" memory_used_after_mib min
checkrow "  XLEN is 1M" memory_check

echo
echo "Details:"
for side in ql redis; do
    name=$([[ $side == ql ]] && echo QueueLab || echo Redis)
    grep -v '^RESULT ' "$tmp/e2e_$side.txt" | sed "s/^/  $name /"
done

exit $failed

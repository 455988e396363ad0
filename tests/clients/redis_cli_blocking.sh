#!/usr/bin/env bash
# Two redis-cli processes against `queuelab --serve`, with a real redis-server as the oracle:
# BLPOP / XREAD BLOCK / XREADGROUP BLOCK in one process woken by RPUSH / XADD from another;
# SUBSCRIBE and PSUBSCRIBE (RESP2 and RESP3, `redis-cli -3`) receiving PUBLISH from another;
# and RESP3 basics (HELLO, PUBLISH, typed replies). Every output must equal redis-server's.
# Usage: redis_cli_blocking.sh QUEUELAB_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

[[ $# -eq 1 ]] || fail "usage: $0 QUEUELAB_BINARY"
require_tools redis-cli redis-server timeout
start_servers "$1"

# blocked_on PORT COMMAND: some client is blocked in COMMAND (per CLIENT LIST).
blocked_on()
{
    redis-cli -p "$1" CLIENT LIST | grep -q " flags=b .* cmd=$2 "
}

# subscribers PORT CHANNEL N: PUBSUB NUMSUB reports N subscribers of CHANNEL.
subscribers()
{
    [[ "$(redis-cli -p "$1" PUBSUB NUMSUB "$2" | sed -n 2p)" == "$3" ]]
}

patterns()
{
    [[ "$(redis-cli -p "$1" PUBSUB NUMPAT)" == "$2" ]]
}

# background NAME COMMAND...: runs COMMAND (bounded by `timeout`) with output in NAME.out/.err.
background()
{
    local name=$1
    shift
    timeout 30 "$@" >"$name.out" 2>"$name.err" &
    BACKGROUND_PID=$!
}

# The blocked client's exit code and output are part of what is compared.
finish_background()
{
    local name=$1 rc=0
    wait "$BACKGROUND_PID" || rc=$?
    echo "$name exit code $rc"
}

blocking_pops()
{
    local port=$1
    redis-cli -p "$port" FLUSHALL
    background blpop redis-cli -p "$port" BLPOP q other 10
    wait_until 10 "BLPOP to block" blocked_on "$port" blpop
    redis-cli -p "$port" RPUSH q hello world
    finish_background blpop
    redis-cli -p "$port" LRANGE q 0 -1

    background brpop redis-cli -p "$port" --no-raw BRPOP empty 0
    wait_until 10 "BRPOP to block" blocked_on "$port" brpop
    redis-cli -p "$port" LPUSH empty first second
    finish_background brpop

    redis-cli -p "$port" XADD s 1-0 n 1
    background xread redis-cli -p "$port" XREAD BLOCK 10000 STREAMS s '$'
    wait_until 10 "XREAD to block" blocked_on "$port" xread
    redis-cli -p "$port" XADD s 2-0 n 2
    finish_background xread

    redis-cli -p "$port" XGROUP CREATE s g '$'
    background xreadgroup redis-cli -p "$port" --no-raw XREADGROUP GROUP g c1 COUNT 5 BLOCK 10000 STREAMS s '>'
    wait_until 10 "XREADGROUP to block" blocked_on "$port" xreadgroup
    redis-cli -p "$port" XADD s 3-0 n 3
    finish_background xreadgroup
    redis-cli -p "$port" XPENDING s g

    # A timeout: nil after 0.1 s.
    redis-cli -p "$port" --no-raw BLPOP nothing 0.1
    cat ./*.out ./*.err
}

# subscribe PORT CLI_OPTION...: one SUBSCRIBE and one PSUBSCRIBE process, then PUBLISH.
pubsub_with()
{
    local port=$1
    shift
    timeout 30 redis-cli -p "$port" "$@" SUBSCRIBE news alerts >sub.out 2>sub.err &
    local sub=$!
    timeout 30 redis-cli -p "$port" "$@" PSUBSCRIBE 'n*' >psub.out 2>psub.err &
    local psub=$!
    wait_until 10 "SUBSCRIBE news" subscribers "$port" news 1
    wait_until 10 "SUBSCRIBE alerts" subscribers "$port" alerts 1
    wait_until 10 "PSUBSCRIBE n*" patterns "$port" 1
    redis-cli -p "$port" PUBLISH news hello
    redis-cli -p "$port" PUBLISH alerts 'two words'
    redis-cli -p "$port" PUBLISH nobody-listens x
    redis-cli -p "$port" PUBLISH zzz x
    redis-cli -p "$port" PUBLISH news last
    wait_until 10 "the subscriber to print the last message" grep -q last sub.out
    wait_until 10 "the pattern subscriber to print the last message" grep -q last psub.out
    kill -TERM "$sub" "$psub"
    wait "$sub" "$psub" || true
    echo "== subscriber"
    cat sub.out sub.err
    echo "== pattern subscriber"
    cat psub.out psub.err
}

pubsub_resp2()
{
    pubsub_with "$1"
}

pubsub_resp3()
{
    pubsub_with "$1" -3
}

pubsub_resp3_formatted()
{
    pubsub_with "$1" -3 --no-raw
}

# RESP3 replies as redis-cli -3 prints them (maps, nulls, HELLO 2 back to RESP2). The client
# id in HELLO and a consumer's idle time differ from run to run and are masked.
resp3()
{
    local port=$1
    redis-cli -3 -p "$port" HELLO 3 | sed 's/^id [0-9]*$/id ID/'
    {
        echo "FLUSHALL"
        echo "HELLO 3"
        echo "PUBLISH ch x"
        echo "RPUSH l a b"
        echo "LPOP nothing"
        echo "XADD s 1-1 f v"
        echo "XRANGE s - +"
        echo "XGROUP CREATE s g 0"
        echo "XREADGROUP GROUP g c COUNT 10 STREAMS s >"
        echo "XREAD STREAMS s 0"
        echo "XREAD STREAMS nothing 0"
        echo "XPENDING s g"
        echo "XINFO GROUPS s"
        echo "XINFO CONSUMERS s g"
        echo "BLPOP nothing 0.01"
        echo "PUBSUB NUMSUB ch"
        echo "HELLO 2"
        echo "XREAD STREAMS s 0"
        echo "NOSUCHCOMMAND"
    } | redis-cli -3 -p "$port" --no-raw \
        | sed -e '/"id" => (integer)/s/[0-9][0-9]*$/ID/' -e '/^ *[0-9]*) "id"$/{n;s/(integer) .*/ID/}' \
            -e 's/"idle" => (integer) [0-9]*$/"idle" => (integer) MS/'
}

compare blocking_pops blocking_pops
expect blocking_pops stdout "blpop exit code 0"
expect blocking_pops stdout "hello"
expect blocking_pops stdout '2) "first"'
compare pubsub_resp2 pubsub_resp2
expect pubsub_resp2 stdout "two words"
compare pubsub_resp3 pubsub_resp3
expect pubsub_resp3 stdout "two words"
compare pubsub_resp3_formatted pubsub_resp3_formatted
expect pubsub_resp3_formatted stdout '3) "two words"'
compare resp3 resp3
expect resp3 stdout '2# "version" => "7.0.15"'
finish_compare
stop_servers
echo "PASS: blocking commands and Pub/Sub across redis-cli processes match redis-server"

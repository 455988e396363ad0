#!/usr/bin/env bash
# redis-cli against `queuelab --serve`, with a real redis-server as the oracle in the same
# run: one-shot commands, a session read from stdin (raw and --no-raw), --csv, and --pipe with
# RESP and inline input. Every output must equal redis-server's.
# Usage: redis_cli_session.sh QUEUELAB_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

[[ $# -eq 1 ]] || fail "usage: $0 QUEUELAB_BINARY"
require_tools redis-cli redis-server
start_servers "$1"

# One redis-cli process per command (non-TTY: raw output), with the exit code of each.
one_shot()
{
    local port=$1
    run()
    {
        redis-cli -p "$port" "$@" || echo "exit code $?"
    }
    run FLUSHALL
    run SET greeting hello
    run GET greeting
    run GET missing
    run APPEND greeting ' world'
    run GET greeting
    run LPUSH jobs a b c
    run RPUSH jobs d
    run LRANGE jobs 0 -1
    run LRANGE jobs 1 2
    run LLEN jobs
    run LPOP jobs 2
    run XADD events 1-1 kind created id 7
    run XADD events 1-2 kind updated
    run XADD events 5-0 kind deleted
    run XADD events 3-0 kind late
    run XADD events 0-0 kind zero
    run XRANGE events - +
    run XRANGE events 1-2 + COUNT 1
    run XREVRANGE events + - COUNT 2
    run XLEN events
    run LPUSH greeting x
    run XADD greeting 9-9 f v
    run GET
    run NOSUCHCOMMAND arg
    run LRANGE jobs zero 1
    run SET k v EX -1
    run INCR greeting
    run TYPE jobs
    run TYPE events
    run DEL greeting jobs events missing
}

# The same kind of session as one redis-cli reading commands from stdin.
session_text()
{
    cat <<'EOF'
FLUSHALL
SET counter 10
INCRBY counter 5
GET counter
RPUSH q one two three
LRANGE q 0 -1
LINDEX q -1
LPOS q two
XADD s 1-1 name alice
XADD s 2-1 name bob score 3
XRANGE s - +
XRANGE s (1-1 +
XGROUP CREATE s g 0
XREADGROUP GROUP g c1 COUNT 1 STREAMS s >
XPENDING s g
XACK s g 1-1
XINFO GROUPS s
LPUSH counter x
XADD s 1-0 name old
NOSUCHCOMMAND
GET a b
EXISTS counter q s nope
EOF
}

stdin_raw()
{
    session_text | redis-cli -p "$1"
    echo "exit code $?"
}

stdin_formatted()
{
    session_text | redis-cli -p "$1" --no-raw
    echo "exit code $?"
}

csv()
{
    local port=$1
    session_text | redis-cli -p "$port" --csv
    echo "exit code $?"
    redis-cli -p "$port" --csv XRANGE s - +
    redis-cli -p "$port" --csv LRANGE q 0 -1
    redis-cli -p "$port" --csv GET nope
    redis-cli -p "$port" --csv LLEN q
    redis-cli -p "$port" --csv XPENDING s g - + 10
}

# --pipe with RESP input: 1000 commands, then a second run with inline commands and errors.
resp_command()
{
    local arg
    printf '*%d\r\n' $#
    for arg in "$@"; do
        printf '$%d\r\n%s\r\n' ${#arg} "$arg"
    done
}

pipe()
{
    local port=$1 i
    redis-cli -p "$port" FLUSHALL >/dev/null
    {
        for ((i = 0; i < 250; ++i)); do
            resp_command SET "key:$i" "value $i"
            resp_command RPUSH list "item $i"
            resp_command XADD stream "$((i + 1))-0" n "$i"
            resp_command INCR counter
        done
    } | redis-cli -p "$port" --pipe
    echo "exit code $?"
    redis-cli -p "$port" LLEN list
    redis-cli -p "$port" XLEN stream
    redis-cli -p "$port" GET counter
    redis-cli -p "$port" GET key:249
    redis-cli -p "$port" LRANGE list -2 -1
    printf 'SET a 1\r\nGET a\r\nLPUSH a x\r\nRPUSH l "two words" three\r\nNOSUCHCOMMAND\r\nPING\r\n' \
        | redis-cli -p "$port" --pipe || echo "exit code $?"
    redis-cli -p "$port" LRANGE l 0 -1
}

compare one_shot one_shot
expect one_shot stdout "ERR wrong number of arguments for 'get' command"
compare stdin_raw stdin_raw
expect stdin_raw stdout "alice"
compare stdin_formatted stdin_formatted
expect stdin_formatted stdout '1) "one"'
compare csv csv
expect csv stdout '"one","two","three"'
compare pipe pipe
expect pipe stdout "errors: 0, replies: 1000"
expect pipe stdout "errors: 2, replies: 6"
finish_compare
stop_servers
echo "PASS: redis-cli sessions match redis-server"

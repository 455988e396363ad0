#!/usr/bin/env bash
# redis-cli's REPL against `queuelab --serve`, with a real redis-server as the oracle: when
# started without a command, redis-cli asks COMMAND DOCS on connect and builds its `help`
# text (and its typing hints) from the reply. Checked with stdin as a pipe and as a terminal
# (a pseudo-terminal from `script`, TERM=dumb so that the line editor stays plain).
# Usage: redis_cli_repl.sh QUEUELAB_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

[[ $# -eq 1 ]] || fail "usage: $0 QUEUELAB_BINARY"
require_tools redis-cli redis-server script
start_servers "$1"

repl_input()
{
    # QueueLab has every command of these three groups, so the whole group's help must match.
    printf 'help @list\nhelp @stream\nhelp @pubsub\nhelp XADD\nhelp BLPOP\nhelp XREADGROUP\n'
    printf 'PING\nRPUSH l a b\nLRANGE l 0 -1\nXADD s 1-1 f v\nXRANGE s - +\nDEL l s\n'
}

repl_pipe()
{
    repl_input | redis-cli -p "$1"
    echo "exit code $?"
}

# On a terminal: formatted replies and the help. Where the terminal's echo of the input
# lands among the prompts depends on timing, so prompts, echoed input lines and blank lines
# are dropped before comparing; the prompt must be there though.
repl_tty()
{
    local port=$1 rc=0
    repl_input | tr '\n' '\r' | TERM=dumb timeout 20 script -qec "redis-cli -p $port" /dev/null >tty.raw || rc=$?
    echo "exit code $rc"
    grep -q "127\.0\.0\.1:$port> " tty.raw || echo "no prompt"
    tr -d '\r' <tty.raw | sed "s/127\.0\.0\.1:$port> //g" | grep -vxF -f <(repl_input) | grep -v '^$'
    rm tty.raw
}

compare repl_pipe repl_pipe
expect repl_pipe stdout "PONG"
expect repl_pipe stdout $'  \e[33msummary:\e[0m Appends a new entry to a stream'
compare repl_tty repl_tty
expect repl_tty stdout '1) 1) "1-1"'
expect repl_tty stdout '(integer) 2'
finish_compare
stop_servers
echo "PASS: redis-cli's REPL and help match redis-server"

#!/usr/bin/env bash
# redis-cli's REPL against `queuelab --serve`, with a real redis-server as the oracle: when
# started without a command, redis-cli asks COMMAND DOCS on connect and builds its `help`
# text (and its typing hints, from the same syntax line) from the reply. `help` is asked for
# three whole groups and, through the pipe, for every command and subcommand QueueLab has.
# The syntax line and the since: and group: lines must be Redis's; the summary is QueueLab's
# own wording, so of a summary: line only its presence and a non-empty text are compared.
# Checked with stdin as a pipe and as a terminal (a pseudo-terminal from `script`,
# TERM=dumb so that the line editor stays plain).
# Usage: redis_cli_repl.sh QUEUELAB_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

[[ $# -eq 1 ]] || fail "usage: $0 QUEUELAB_BINARY"
require_tools redis-cli redis-server script
start_servers "$1"

# `help NAME` for every command, `help NAME SUB` for every subcommand (a container's own
# help would list Redis's other subcommands too).
HELP_LINES=$(redis-cli -p "$QUEUELAB_PORT" COMMAND LIST | tr -d '\r' | sort | awk '
    { names[NR] = $0; if (index($0, "|")) containers[substr($0, 1, index($0, "|") - 1)] = 1 }
    END {
        for (i = 1; i <= NR; i++) {
            n = names[i]
            if (n in containers) continue
            gsub(/\|/, " ", n)
            print "help " toupper(n)
        }
    }')
[[ $(wc -l <<<"$HELP_LINES") -gt 80 ]] || fail "COMMAND LIST on QueueLab gave too few commands: $HELP_LINES"

# The terminal gets a few `help` lines only: a pseudo-terminal's input queue holds about 4 KiB.
repl_input()
{
    local all=${1:-}
    # QueueLab has every command of these three groups, so the whole group's help must match.
    printf 'help @list\nhelp @stream\nhelp @pubsub\n'
    if [[ $all == all ]]; then
        printf '%s\n' "$HELP_LINES"
    else
        printf 'help XADD\nhelp BLPOP\nhelp XREADGROUP\nhelp XGROUP CREATE\n'
    fi
    printf 'PING\nRPUSH l a b\nLRANGE l 0 -1\nXADD s 1-1 f v\nXRANGE s - +\nDEL l s\n'
}

# Replaces the text of every non-empty summary: line with "(present)".
mask_summaries()
{
    sed -E 's/^(  \x1b\[33msummary:\x1b\[0m )[^\r]*[^[:space:]][^\r]*/\1(present)/'
}

repl_pipe()
{
    local rc=0
    repl_input all | redis-cli -p "$1" >pipe.out || rc=$?
    mask_summaries <pipe.out
    rm pipe.out
    echo "exit code $rc"
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
    tr -d '\r' <tty.raw | sed "s/127\.0\.0\.1:$port> //g" | grep -vxF -f <(repl_input) | grep -v '^$' | mask_summaries
    rm tty.raw
}

compare repl_pipe repl_pipe
expect repl_pipe stdout "PONG"
expect repl_pipe stdout $'  \e[1mXADD\e[0m \e[90mkey [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]\e[0m'
expect repl_pipe stdout $'  \e[1mXGROUP CREATE\e[0m \e[90mkey groupname id|$ [MKSTREAM] [ENTRIESREAD entries_read]\e[0m'
expect repl_pipe stdout $'  \e[33msummary:\e[0m (present)'
expect repl_pipe stdout $'  \e[33mgroup:\e[0m stream'
compare repl_tty repl_tty
expect repl_tty stdout '1) 1) "1-1"'
expect repl_tty stdout $'  \e[1mXGROUP CREATE\e[0m \e[90mkey groupname id|$ [MKSTREAM] [ENTRIESREAD entries_read]\e[0m'
expect repl_tty stdout '(integer) 2'
finish_compare
stop_servers
echo "PASS: redis-cli's REPL and help match redis-server"

#!/usr/bin/env bash
# The command line around the server: `queuelab --listen 0` opens the window and serves the
# same broker (the window's clients producer and consumer are clients redis-cli sees); --requirepass makes
# clients AUTH first; a non-loopback --bind without a password is refused with a clear
# message; a bad port is refused.
# Usage: listen_and_options.sh QUEUELAB_BINARY
source "$(dirname "$0")/common.sh"

BIN=${1:?usage: listen_and_options.sh QUEUELAB_BINARY}
require_tools redis-cli
[[ -x "$BIN" ]] || fail "queuelab binary '$BIN' is missing"
export QT_QPA_PLATFORM=offscreen

# wait_for_port FILE PID: the port from the "serving" line QueueLab prints first.
wait_for_port()
{
    local file=$1 pid=$2 tries=200 line=""
    while ((tries-- > 0)); do
        line=$(head -n 1 "$file" 2>/dev/null || true)
        [[ -n "$line" ]] && break
        kill -0 "$pid" 2>/dev/null || fail "queuelab exited at start"
        sleep 0.05
    done
    [[ "$line" =~ ^QueueLab\ is\ serving\ the\ Redis\ protocol\ on\ 127\.0\.0\.1:([0-9]+) ]] \
        || fail "unexpected first line: '$line'"
    echo "${BASH_REMATCH[1]}"
}

note "--listen: the window and a server on the same broker"
"$BIN" --listen 0 >"$CLIENTS_TMP/listen.out" 2>"$CLIENTS_TMP/listen.err" &
pid=$!
track_pid "$pid"
port=$(wait_for_port "$CLIENTS_TMP/listen.out" "$pid")
[[ "$(redis-cli -p "$port" PING)" == "PONG" ]] || fail "no PONG from --listen"
clients=$(redis-cli -p "$port" CLIENT LIST)
grep -q " name=producer " <<<"$clients" && grep -q " name=consumer " <<<"$clients" \
    || fail "the window's clients are not among the broker's clients: $clients"
grep -qE " idle=[0-9]{1,3} " <<<"$(grep " name=producer " <<<"$clients")" \
    || fail "a window client that has not run a command yet shows a wrong idle time: $clients"
[[ "$(redis-cli -p "$port" RPUSH jobs a b)" == "2" ]] || fail "RPUSH over --listen"
[[ "$(redis-cli -p "$port" LLEN jobs)" == "2" ]] || fail "LLEN over --listen"
kill -TERM "$pid"
wait "$pid" || true

note "--serve --requirepass: AUTH first"
"$BIN" --serve --port 0 --requirepass s3cret >"$CLIENTS_TMP/auth.out" 2>"$CLIENTS_TMP/auth.err" &
pid=$!
track_pid "$pid"
port=$(wait_for_port "$CLIENTS_TMP/auth.out" "$pid")
reply=$(redis-cli -p "$port" PING 2>&1)
[[ "$reply" == "NOAUTH Authentication required." ]] || fail "PING without AUTH answered '$reply'"
reply=$(redis-cli -p "$port" --no-auth-warning -a wrong PING 2>&1)
grep -q "^AUTH failed: WRONGPASS invalid username-password pair or user is disabled.$" <<<"$reply" \
    && grep -q "^NOAUTH Authentication required.$" <<<"$reply" || fail "a wrong password gave '$reply'"
reply=$(redis-cli -p "$port" --no-auth-warning -a s3cret PING 2>&1)
[[ "$reply" == "PONG" ]] || fail "PING after AUTH answered '$reply'"
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
((rc == 0)) || fail "--serve --requirepass exited with $rc on SIGTERM"

note "a non-loopback bind without a password is refused"
rc=0
"$BIN" --serve --port 0 --bind 0.0.0.0 >"$CLIENTS_TMP/open.out" 2>"$CLIENTS_TMP/open.err" || rc=$?
((rc == 1)) || fail "--bind 0.0.0.0 without a password exited with $rc"
grep -q "refusing to listen on 0.0.0.0 without a password" "$CLIENTS_TMP/open.err" \
    || fail "no clear message for --bind 0.0.0.0: $(cat "$CLIENTS_TMP/open.err")"

note "a bad port is refused"
rc=0
"$BIN" --serve --port 70000 >"$CLIENTS_TMP/port.out" 2>"$CLIENTS_TMP/port.err" || rc=$?
((rc == 2)) || fail "--port 70000 exited with $rc"
grep -q "the port must be a number from 0 to 65535" "$CLIENTS_TMP/port.err" || fail "no clear message for --port 70000"

note "all options behaved"

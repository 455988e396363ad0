#!/usr/bin/env bash
# Runs node/producer_consumer.js (node-redis v4: stream jobs through a consumer group,
# BLPOP/RPUSH, SUBSCRIBE/PUBLISH) against a real redis-server first, to show the script
# itself is right, then against `queuelab --serve`. Installs the pinned npm packages into
# WORK_DIR (under the build tree) when they are missing.
# Usage: node_clients.sh QUEUELAB_BINARY WORK_DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"

[[ $# -eq 2 ]] || fail "usage: $0 QUEUELAB_BINARY WORK_DIR"
require_tools node npm redis-cli redis-server timeout
here=$(cd "$(dirname "$0")" && pwd)
work=$2

# npm install only when the pinned version is not there yet (or package.json changed).
mkdir -p "$work"
if ! cmp -s "$here/node/package.json" "$work/package.json" || [[ ! -f "$work/node_modules/redis/package.json" ]]; then
    note "npm install into $work"
    cp "$here/node/package.json" "$work/package.json"
    (cd "$work" && timeout 100 npm install --no-audit --no-fund --loglevel=error) \
        || fail "npm install failed in $work (the npm registry must be reachable once)"
fi
note "node $(node --version), node-redis $(node -p "require('$work/node_modules/redis/package.json').version")"

start_servers "$1"

for target in redis-server queuelab; do
    port=$REDIS_PORT
    [[ $target == queuelab ]] && port=$QUEUELAB_PORT
    note "node/producer_consumer.js against $target"
    NODE_PATH="$work/node_modules" timeout 90 node "$here/node/producer_consumer.js" "$port" \
        || fail "node/producer_consumer.js failed against $target (exit code $?)"
done

stop_servers
echo "PASS: node-redis producer/consumer, BLPOP and Pub/Sub work against queuelab --serve"

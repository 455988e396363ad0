#!/usr/bin/env bash
# Installs what is missing, builds QueueLab and starts it. Extra arguments go to queuelab.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target queuelab

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting QueueLab inside a virtual X server (xvfb-run)." >&2
  exec xvfb-run -a -s "-screen 0 1280x720x24" build/dev/app/queuelab "$@"
fi
exec build/dev/app/queuelab "$@"

#!/usr/bin/env bash
# The CPU time of one image's forward pass in process, back to back and with an idle pause between passes, side by
# side (IdleGapProbe.java beside this script). Runs as ./cc4j runs the CLI (jemalloc, passive OpenMP waits).
# Usage: scripts/serve/idle-gap-probe.sh RUN [GAP_MS (5)] [ROUNDS (6)] [SECONDS (2)] [THREADS (0)]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$root/cc4j" --version >/dev/null   # builds the CLI jar when needed
if jemalloc="$("$root/scripts/install-jemalloc.sh")"; then
  export LD_PRELOAD="$jemalloc" MALLOC_CONF="${MALLOC_CONF:-dirty_decay_ms:-1,muzzy_decay_ms:-1}"
fi
export DJL_OFFLINE=true OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" TORCH_CPP_LOG_LEVEL=ERROR
exec java -Xmx2g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$root/cc4j-cli/target/cc4j-cli.jar:$root/cc4j-cli/target/lib/*" "$here/IdleGapProbe.java" "$@"

#!/usr/bin/env bash
# Where a training step's CPU time goes: runs `cc4j bench step` under async-profiler (CPU samples of every thread,
# Java and native frames, libtorch's and oneDNN's included) and prints the share of each kind of work
# (classify-stacks.py beside this script): convolutions, batch norm, element-wise work, layout copies, the heads'
# matrix products, the loss, memory allocation, OpenMP waits, Java. async-profiler comes from Maven Central
# (tools.profiler:async-profiler, its Linux library unpacked into ~/.cache/cc4j).
# Usage: scripts/profile/profile-step.sh OUT_DIR [bench step options...]
#   e.g. scripts/profile/profile-step.sh /tmp/prof --backbone resnet18 --stem imagenet --size 32 --batch 128
#        --separate-views --threads 2 --repeats 20 --warmup 3
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:?usage: profile-step.sh OUT_DIR [bench step options...]}"; shift
version=4.0
lib="${HOME}/.cache/cc4j/async-profiler-$version/linux-x64/libasyncProfiler.so"
if [ ! -f "$lib" ]; then
  jar="${HOME}/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar"
  [ -f "$jar" ] || mvn -q -B dependency:get -Dartifact="tools.profiler:async-profiler:$version" >&2
  mkdir -p "$(dirname "$(dirname "$lib")")"
  (cd "$(dirname "$(dirname "$lib")")" && unzip -q -o "$jar" 'linux-x64/*')
fi
mkdir -p "$out"
# CPU-time samples (itimer: works in virtual machines without performance counters), 1 ms apart; collapsed stacks
CC4J_JAVA_OPTS="${CC4J_JAVA_OPTS:-} -agentpath:$lib=start,event=itimer,interval=1ms,cstack=vm,file=$out/step.collapsed,collapsed" \
  "$root/cc4j" bench step --json "$@" > "$out/bench.json"
python3 "$here/classify-stacks.py" "$out/step.collapsed" --top 8 | tee "$out/breakdown.txt"

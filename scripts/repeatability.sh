#!/usr/bin/env bash
# Repeatability of training: runs short trainings many times and checks that every run passes and that runs with
# the same seed and thread count give bitwise identical per-epoch losses (metrics.jsonl), whatever the memory
# allocator. A run that makes no progress for 60 s gets a thread dump (jcmd Thread.print) beside its log and counts
# as a failure. Runs log the start-up check's findings (io.cc4j.engine at debug level); a split prints where a run
# of the second sequence leaves one of the first. Prints one line per configuration and a closing line
# "N passed, M failed".
#
# usage: scripts/repeatability.sh [--quick] [--runs N] [--trainer-test N] [--demo] [--gc-stress] [--keep DIR]
#   default   20 runs of `cc4j train --epochs 2` on generated data for every backbone (R18/R34/R50) x stem
#             (cifar/imagenet) x threads (1/2) x allocator (jemalloc/system), in the default memory layout, plus
#             TrainerTest 20 times per allocator
#   --quick   5 runs of four configurations (what CI runs): R18 with jemalloc, the same with glibc under
#             --gc-stress (its losses must equal the first's), the first on channels-first data, R50 with glibc; no
#             TrainerTest loop (the suite runs it)
#   --backbones LIST  only these backbones of the default grid, e.g. resnet50 or resnet18,resnet34
#   --stems LIST      only these stems of the default grid (cifar, imagenet)
#   --threads LIST    only these thread counts of the default grid (1, 2)
#   --layouts LIST    memory layouts of the default grid: default (the run's own choice), channels-last,
#             channels-first; e.g. channels-first,channels-last runs the grid in both
#   --gc-stress  the grid's training runs with -Xmn2m (the smallest young generation the collector allows): it then
#             runs many times per step, so engine memory that Java frees too early (issue 8's second cause) shows in
#             most runs instead of 1 in 100
#   --demo    also the demo configuration (ResNet-18, ImageNet stem, width 32, 28x28, batch 256) for 2 epochs on
#             Fashion-MNIST, 3 times
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
runs=20
trainer_runs=20
quick=0
gc_stress=0
demo=0
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; runs=5; trainer_runs=0 ;;
    --runs) runs="$2"; shift ;;
    --trainer-test) trainer_runs="$2"; shift ;;
    --demo) demo=1 ;;
    --gc-stress) gc_stress=1 ;;
    --backbones) backbones="${2//,/ }"; shift ;;
    --stems) stems="${2//,/ }"; shift ;;
    --threads) thread_counts="${2//,/ }"; shift ;;
    --layouts) layouts="${2//,/ }"; shift ;;
    --keep) work="$2"; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "repeatability: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$work" ] || { work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; }
mkdir -p "$work"; rm -f "$work"/*.sigs
STALL_SECONDS="${STALL_SECONDS:-60}"
# The runs' JVM options: the launcher's heap, and the start-up check's findings in each log.
ENGINE_DEBUG="-Xmx8g -Dorg.slf4j.simpleLogger.log.io.cc4j.engine=debug"

echo "repeatability: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores; work dir $work"
"$root/cc4j" --version >/dev/null || { echo "repeatability: build failed" >&2; exit 1; }
data="$("$root/cc4j" data synth --out "$work/data" --count 320 --classes 10 --seed 7)" || exit 1

passed=0
failed=0

# All java processes in the process tree below $1 (the launcher execs java, Maven forks surefire JVMs).
descendants() {
  local pid="$1" child
  echo "$pid"
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do descendants "$child"; done
}

# Runs "$@" with output to $log; kills it and dumps its threads if neither the log nor $watch changes for
# STALL_SECONDS. Returns the command's exit code, or 124 on a stall.
watched() {
  local log="$1" watch="$2"; shift 2
  "$@" >"$log" 2>&1 &
  local pid=$! last="" still=0 state
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    state="$(stat -c '%s %Y' "$log" 2>/dev/null) $(find "$watch" -type f -printf '%s %T@\n' 2>/dev/null | sort | md5sum)"
    if [ "$state" = "$last" ]; then still=$((still + 1)); else still=0; last="$state"; fi
    if [ "$still" -ge "$STALL_SECONDS" ]; then
      for p in $(descendants "$pid"); do
        if [ "$(ps -o comm= -p "$p" 2>/dev/null)" = java ]; then jcmd "$p" Thread.print >>"$log.threads" 2>&1; fi
      done
      echo "repeatability: no progress for ${STALL_SECONDS}s; threads in $log.threads" >>"$log"
      kill -9 $(descendants "$pid") 2>/dev/null
      wait "$pid" 2>/dev/null
      return 124
    fi
  done
  wait "$pid"
}

# The per-epoch losses and scores of a run, exactly as written (timings left out).
signature() {
  sed -E 's/"(seconds|images_per_second)":[^,}]*,?//g' "$1/metrics.jsonl" 2>/dev/null
}

# One configuration: backbone stem threads allocator layout [extra train options...]
train_config() {
  local backbone="$1" stem="$2" threads="$3" alloc="$4" layout="$5"; shift 5
  local opts="$ENGINE_DEBUG" stressed="" layout_opts=()
  if [ "${gc_stress:-0}" = 1 ]; then opts="$opts -Xmn2m"; stressed="-gcstress"; fi
  case "$layout" in
    channels-last) layout_opts=(--channels-last) ;;
    channels-first) layout_opts=(--no-channels-last) ;;
    default) ;;
    *) echo "repeatability: unknown layout $layout" >&2; exit 2 ;;
  esac
  # One line per passed run, "SIGNATURE RUN", shared by both allocators (and GC settings) of a seed, thread count and
  # layout.
  local name="$backbone-$stem-t$threads-$layout-$alloc$stressed" ok=0 bad=0 i dir
  local sigs="$work/$backbone-$stem-t$threads-$layout.sigs"
  local t0=$SECONDS
  for i in $(seq 1 "$runs"); do
    dir="$work/runs/$name-$i"
    rm -rf "$dir"; mkdir -p "$dir"
    if CC4J_JAVA_OPTS="$opts" CC4J_MALLOC="$alloc" watched "$dir.log" "$dir" "$root/cc4j" train --data "$data" \
        --clusters 10 --out "$dir" \
        --epochs 2 --batch-size 64 --backbone "$backbone" --stem "$stem" --width 8 --size 32 --threads "$threads" \
        --workers 2 --checkpoint-every 1 --eval-every 1 --eval-subset 320 --no-finish "${layout_opts[@]}" "$@" \
        && [ "$(signature "$dir" | wc -l)" -eq 2 ]; then
      ok=$((ok + 1)); echo "$(signature "$dir" | md5sum | cut -d' ' -f1) $name-$i" >>"$sigs"
    else
      bad=$((bad + 1)); echo "  failed: $dir.log"; tail -3 "$dir.log" | sed 's/^/    /'
    fi
  done
  local distinct
  distinct="$(grep -c . <(cut -d' ' -f1 "$sigs" 2>/dev/null | sort -u))"
  printf '%-50s %3d/%-3d passed  %d distinct loss sequence(s) so far for this seed and thread count  %4d s\n' \
    "$name" "$ok" "$runs" "$distinct" $((SECONDS - t0))
  passed=$((passed + ok)); failed=$((failed + bad))
  if [ "$distinct" -gt 1 ]; then
    failed=$((failed + 1)); echo "  NOT bitwise repeatable: $name"
    explain_split "$sigs"
  fi
}

# For a split: each distinct sequence with its runs (over both allocators), and where a run of the second sequence
# leaves a run of the first: metrics.jsonl, and the log with its timings taken out (batch losses, the start-up
# check's findings), so that one occurrence in CI is enough to start from.
explain_split() {
  local runs_file="$1" a b
  awk '{ runs[$1] = runs[$1] " " $2 } END { for (s in runs) print "  sequence " s ":" runs[s] }' "$runs_file"
  a="$(awk 'NR == 1 { print $2 }' "$runs_file")"
  b="$(awk -v first="$(awk 'NR == 1 { print $1 }' "$runs_file")" '$1 != first { print $2; exit }' "$runs_file")"
  [ -n "$b" ] || return 0
  echo "  $a vs $b, metrics.jsonl:"
  diff <(signature "$work/runs/$a") <(signature "$work/runs/$b") | sed 's/^/    /' | head -8
  echo "  $a vs $b, log (timings taken out):"
  diff <(untimed "$work/runs/$a.log") <(untimed "$work/runs/$b.log") | sed 's/^/    /' | head -16
}
untimed() { sed -E 's/ +[0-9.]+ (img\/s|ms|s)\b//g; s/^[0-9:]{8} //' "$1"; }

if [ "$quick" = 1 ]; then
  train_config resnet18 cifar 1 jemalloc default
  gc_stress=1; train_config resnet18 cifar 1 system default; gc_stress=0
  train_config resnet18 cifar 1 jemalloc channels-first
  train_config resnet50 imagenet 2 system default
else
  for backbone in ${backbones:-resnet18 resnet34 resnet50}; do
    for stem in ${stems:-cifar imagenet}; do
      for threads in ${thread_counts:-1 2}; do
        for layout in ${layouts:-default}; do
          for alloc in jemalloc system; do train_config "$backbone" "$stem" "$threads" "$alloc" "$layout"; done
        done
      done
    done
  done
fi

if [ "$trainer_runs" -gt 0 ]; then
  for alloc in jemalloc system; do
    ok=0; bad=0; t0=$SECONDS
    preload=""
    if [ "$alloc" = jemalloc ]; then preload="$("$root/scripts/install-jemalloc.sh" 2>/dev/null)"; fi
    for i in $(seq 1 "$trainer_runs"); do
      log="$work/trainer-test-$alloc-$i.log"
      if (cd "$root" && LD_PRELOAD="$preload" watched "$log" "$root/cc4j-train/target/surefire-reports" \
          mvn -B -q test -pl cc4j-train -am -Dtest=TrainerTest -Dsurefire.failIfNoSpecifiedTests=false); then
        ok=$((ok + 1))
      else
        bad=$((bad + 1)); echo "  failed: $log"; grep -E "FAIL|Exception" "$log" | head -3 | sed 's/^/    /'
      fi
    done
    printf '%-34s %3d/%-3d passed  %4d s\n' "TrainerTest-$alloc" "$ok" "$trainer_runs" $((SECONDS - t0))
    passed=$((passed + ok)); failed=$((failed + bad))
  done
fi

if [ "$demo" = 1 ]; then
  fm="$("$root/scripts/install-fashion-mnist.sh")" || exit 1
  : >"$work/demo.sigs"
  for i in 1 2 3; do
    dir="$work/runs/demo-$i"; rm -rf "$dir"; mkdir -p "$dir"
    if watched "$dir.log" "$dir" "$root/cc4j" train --data "fashion-mnist:$fm" --clusters 10 --out "$dir" --epochs 2 \
        --backbone resnet18 --stem imagenet --width 32 --size 28 --batch-size 256 --limit 30000 \
        --augment-preset fashion-mnist --eval-every 1 --no-finish; then
      passed=$((passed + 1)); signature "$dir" | md5sum | cut -d' ' -f1 >>"$work/demo.sigs"
    else
      failed=$((failed + 1)); echo "  failed: $dir.log"
    fi
  done
  distinct="$(sort -u "$work/demo.sigs" | grep -c .)"
  printf '%-34s %d distinct loss sequence(s) in 3 runs\n' "demo configuration, 2 epochs" "$distinct"
  if [ "$distinct" -gt 1 ]; then failed=$((failed + 1)); fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

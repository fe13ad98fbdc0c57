#!/usr/bin/env bash
# Throughput of `cc4j spark assign` at local[1] and local[2] against `cc4j cluster` on the same images and model,
# for the README. Each configuration runs on Fashion-MNIST's 10,000 test images and on all 70,000: the difference
# gives the rate once started, (70,000 - 10,000) / (t70 - t10), and the rest of t10 the fixed start-up cost.
# Usage: scripts/bench-spark.sh RUN_DIR [REPEATS]    (prints one line per run, then a summary)
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:?usage: scripts/bench-spark.sh RUN_DIR [REPEATS]}"
repeats="${2:-1}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./cc4j info >/dev/null 2>&1 && ./cc4j spark --version >/dev/null   # build both programs first, outside the timings

seconds() {  # runs a command, prints its wall-clock seconds
  local start end
  start=$(date +%s.%N)
  "$@" >"$out/log" 2>&1 || { cat "$out/log" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

declare -A best
for r in $(seq "$repeats"); do
  for data in fashion-mnist-test fashion-mnist; do
    for how in cluster local1 local2; do
      rm -rf "$out/result"
      case $how in
        cluster) t=$(seconds ./cc4j cluster --model "$model" --data "$data" --out "$out/result") ;;
        local1) t=$(seconds ./cc4j spark assign --master 'local[1]' --model "$model" --data "$data" --format csv --out "$out/result") ;;
        local2) t=$(seconds ./cc4j spark assign --master 'local[2]' --model "$model" --data "$data" --format csv --out "$out/result") ;;
      esac
      printf '%-8s %-20s %7.1f s   load %s\n' "$how" "$data" "$t" "$(cut -d' ' -f1 /proc/loadavg)"
      key="$how/$data"
      if [ -z "${best[$key]:-}" ] || (( $(echo "$t < ${best[$key]}" | bc -l) )); then best[$key]=$t; fi
    done
  done
done
echo
printf '%-8s %10s %10s %14s %12s\n' how t10k_s t70k_s images/s_run fixed_s
for how in cluster local1 local2; do
  t10=${best[$how/fashion-mnist-test]}; t70=${best[$how/fashion-mnist]}
  rate=$(echo "60000 / ($t70 - $t10)" | bc -l)
  fixed=$(echo "$t10 - 10000 / $rate" | bc -l)
  printf '%-8s %10.1f %10.1f %14.0f %12.1f\n' "$how" "$t10" "$t70" "$rate" "$fixed"
done

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

BENCH_WORK="$out"
source scripts/spark-bench-timing.sh
for r in $(seq "$repeats"); do
  for data in fashion-mnist-test fashion-mnist; do
    for how in cluster local1 local2; do
      rm -rf "$out/result"
      case $how in
        cluster) t=$(seconds ./cc4j cluster --model "$model" --data "$data" --out "$out/result") ;;
        local1) t=$(seconds ./cc4j spark assign --master 'local[1]' --model "$model" --data "$data" --format csv --out "$out/result") ;;
        local2) t=$(seconds ./cc4j spark assign --master 'local[2]' --model "$model" --data "$data" --format csv --out "$out/result") ;;
      esac
      record "$how" "$data" "$t"
    done
  done
done
summary cluster local1 local2

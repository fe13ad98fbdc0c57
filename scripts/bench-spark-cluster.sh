#!/usr/bin/env bash
# Throughput of `cc4j spark assign` on a Spark standalone cluster of EXECUTORS executors of one core each, against
# `cc4j cluster`, on the same model and images, for docs/spark.md. The cluster runs on this machine: a master and
# EXECUTORS workers on loopback, started from the Maven build's Spark jars (cc4j-spark/target/spark-lib) with a
# SPARK_HOME holding only jars/, and stopped at the end (also on failure or Ctrl-C). Each configuration runs on
# Fashion-MNIST's 10,000 test images and on all 70,000: the difference gives the rate once started,
# (70,000 - 10,000) / (t70 - t10), and the rest of t10 the fixed start-up cost. Best of REPEATS.
# Usage: scripts/bench-spark-cluster.sh RUN_DIR EXECUTORS [REPEATS]
# BENCH_SPARK_ARGS adds options to `cc4j spark assign` (e.g. "--images-per-task 250"); BENCH_SKIP_CLUSTER=1 leaves
# out the `cc4j cluster` rows.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
model="$(readlink -f "${1:?usage: scripts/bench-spark-cluster.sh RUN_DIR EXECUTORS [REPEATS]}")"
executors="${2:?usage: scripts/bench-spark-cluster.sh RUN_DIR EXECUTORS [REPEATS]}"
repeats="${3:-1}"
work="$(mktemp -d)"
lib="$root/cc4j-spark/target/spark-lib"
pids=()
stop() {  # the daemons started here, by process id; a worker stops its executors on SIGTERM, leftovers get SIGKILL
  local children=()
  for p in "${pids[@]}"; do children+=($(pgrep -P "$p" || true)); done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  for c in "${children[@]}"; do kill -9 "$c" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT
./cc4j info >/dev/null 2>&1 && ./cc4j spark --version >/dev/null   # build both programs first, outside the timings

mkdir -p "$work/home" "$work/local"
ln -s "$lib" "$work/home/jars"
spark_java() {  # runs a Spark daemon in the background, logging to $1
  local log="$1"; shift
  SPARK_HOME="$work/home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$work/local" \
    java @"$root/cc4j-spark/src/main/jvm/spark-java17.options" -Xmx256m -cp "$lib/*" "$@" >"$log" 2>&1 &
  pids+=($!)
}
wait_for() {  # waits until the log $1 holds $3 lines matching $2
  for _ in $(seq 1 600); do
    [ "$(grep -c "$2" "$1" || true)" -ge "$3" ] && return 0
    sleep 0.2
  done
  echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1
}
spark_java "$work/master.log" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 0 --webui-port 0
wait_for "$work/master.log" "Starting Spark master at" 1
master="$(grep -o 'spark://[0-9.:]*' "$work/master.log" | head -1)"
for i in $(seq 1 "$executors"); do
  mkdir -p "$work/work$i"
  spark_java "$work/worker$i.log" org.apache.spark.deploy.worker.Worker "$master" --host 127.0.0.1 --port 0 \
    --webui-port 0 --cores 1 --memory 2g --work-dir "$work/work$i"
done
wait_for "$work/master.log" "Registering worker" "$executors"
echo "cluster: $master, $executors workers of 1 core; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs"

BENCH_WORK="$work"
source scripts/spark-bench-timing.sh
hows=(cluster spark)
if [ "${BENCH_SKIP_CLUSTER:-}" = 1 ]; then hows=(spark); fi
for r in $(seq "$repeats"); do
  for data in fashion-mnist-test fashion-mnist; do
    for how in "${hows[@]}"; do
      rm -rf "$work/result"
      case $how in
        cluster) t=$(seconds env CC4J_NO_BUILD=1 ./cc4j cluster --model "$model" --data "$data" --out "$work/result") ;;
        spark) t=$(seconds env CC4J_NO_BUILD=1 SPARK_LOCAL_IP=127.0.0.1 ./cc4j spark assign --master "$master" \
                   --model "$model" --data "$data" --format csv --out "$work/result" ${BENCH_SPARK_ARGS:-}) ;;
      esac
      rm -rf "$work"/work*/app-*
      record "$how" "$data" "$t"
    done
  done
done
summary "${hows[@]}"

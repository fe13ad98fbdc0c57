#!/usr/bin/env bash
# Why a second signal ends cc4j with _exit: ends a JVM while another thread trains (ResNet-18, 512 Fashion-MNIST
# images, batch 128), N times with Runtime.halt and N times with ImmediateExit (_exit), at seeded random moments 3-9 s
# after start, and counts the crashes (exit 134 with an hs_err file) of each. Not part of CI: a crash rate, not a test.
#   bash scripts/exit-race.sh [N]      (default 20; about 8 s a run)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-20}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
(cd "$root" && mvn -B -q -o package -pl cc4j-cli -am -DskipTests >/dev/null)
cp="$root/cc4j-cli/target/test-classes:$root/cc4j-cli/target/cc4j-cli.jar:$root/cc4j-cli/target/lib/*"
export DJL_OFFLINE=true OMP_WAIT_POLICY=PASSIVE TORCH_CPP_LOG_LEVEL=ERROR
RANDOM=42
for mode in halt exit; do
  crashed=0
  for i in $(seq 1 "$n"); do
    delay=$((3000 + RANDOM % 6000))
    code=0
    java -Xmx2g -XX:ErrorFile="$work/hs_err_$mode-$i.log" -cp "$cp" io.cc4j.cli.ExitDuringStep "$work/run-$mode-$i" \
      "$delay" "$mode" >"$work/$mode-$i.out" 2>&1 || code=$?
    if [ "$code" != 143 ]; then
      crashed=$((crashed + 1))
      echo "  $mode run $i (${delay} ms): exit $code; $(grep -m1 -A1 'Problematic frame' "$work/hs_err_$mode-$i.log" 2>/dev/null | tail -1 | cut -c1-100)"
    fi
    rm -rf "$work/run-$mode-$i"
  done
  echo "$mode: $crashed of $n runs crashed"
done

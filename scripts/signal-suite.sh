#!/usr/bin/env bash
# The signal suite in full: SignalSuiteTest (cc4j-cli) with 60 runs of `cc4j serve`, 20 of `cc4j train` and 10 of
# `cc4j boost`, each a separate JVM signalled at a seeded random moment (CI's `mvn test` runs 5, 3 and 2 of them).
# Prints every run and the summaries (also kept in cc4j-cli/target/signal-suite/).
#
# usage: scripts/signal-suite.sh [--serve N] [--train N] [--boost N] [--seed S] [--keep DIR] [MAVEN ARGS...]
#   --seed S     another seed (default 20261206); the same seed aims at the same moments
#   --keep DIR   keep every run's output, crash reports and run directories in DIR
#   e.g. scripts/signal-suite.sh -o   (Maven offline)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
serve=60; train=20; boost=10; seed=20261206; keep=""; maven=()
while [ $# -gt 0 ]; do
  case "$1" in
    --serve) serve="$2"; shift ;;
    --train) train="$2"; shift ;;
    --boost) boost="$2"; shift ;;
    --seed) seed="$2"; shift ;;
    --keep) keep="$(readlink -f "$2")"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) maven+=("$1") ;;
  esac
  shift
done
bash scripts/install-fashion-mnist.sh >/dev/null
log=cc4j-cli/target/signal-suite/maven.log
mkdir -p "$(dirname "$log")"
started=$SECONDS
status=0
mvn -B "${maven[@]}" test -pl cc4j-cli -am -Dtest=SignalSuiteTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcc4j.signals.serveRuns="$serve" -Dcc4j.signals.trainRuns="$train" -Dcc4j.signals.boostRuns="$boost" \
  -Dcc4j.signals.seed="$seed" -Dcc4j.signals.keep="$keep" >"$log" 2>&1 || status=$?
grep '^signal-suite ' "$log" | sed 's/^signal-suite //'
[ "$status" = 0 ] || { grep -E 'Tests run:|FAIL|ERROR\]' "$log" | head -20; echo "(full log: $log)"; }
runs=$(grep -cE '^signal-suite (serve|train|boost) +[0-9]' "$log" || true)
failed=$(grep -cE '^signal-suite (serve|train|boost) +[0-9].*FAILED$' "$log" || true)
echo "signal suite: $runs runs, $failed failed, in $((SECONDS - started)) s (maven exit $status)"
exit "$status"

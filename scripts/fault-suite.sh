#!/usr/bin/env bash
# Fault injection with real processes: what cc4j guarantees when a run is interrupted, killed, starved of disk or
# permissions, or fed hostile files. Prints each figure and a closing line "N passed, M failed".
#
# usage: scripts/fault-suite.sh [--quick] [--kills N] [--fuzz N] [--keep DIR]
#   graceful stop  SIGINT and SIGTERM in the middle of an epoch: exit 130 / 143 after a checkpoint at that step;
#                  a second signal stops at once; each resume ends with the uninterrupted run's assignments
#   kill -9        at N random moments of a short run (default 20), some while a checkpoint is being written,
#                  resuming after each: the final assignments equal the uninterrupted run's
#   full disk      a tmpfs that fills during a checkpoint write: exit 3 naming the file, the previous checkpoint
#                  intact, and resume works once there is space again
#   read-only      a read-only run directory and missing permissions (as user nobody): exit 3 (writes) or 2 (reads),
#                  a message naming the path, nothing changed on disk
#   hostile images a decompression bomb refused from its header at open and at assignment; an image that fails to
#                  decode in the middle of an epoch skipped and counted (metrics.jsonl, report), --strict an error
#   fuzzing        N mutated files (default 2000) over CIFAR-10, STL-10, IDX, PNG, JPEG, checkpoints, configuration
#                  JSON and label CSVs (scripts/fault-fuzz.py): exit 2 with a message or exit 0, never exit 1, a
#                  time-out, a stack trace or more than 2 GB of RSS
#   --quick        5 kills and 40 mutated files: what CI runs (scripts/test.sh), under 5 minutes on 2 cores
# Needs root for the tmpfs mounts and for running as nobody; without root those cases say so and count as failed.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cc4j="$root/cc4j"
python=/usr/bin/python3
kills=20
fuzz=2000
quick=0
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; kills=5; fuzz=40 ;;
    --kills) kills="$2"; shift ;;
    --fuzz) fuzz="$2"; shift ;;
    --keep) work="$2"; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "fault-suite: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
mounts=()
cleanup() {
  local m
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
  [ -n "${owned_work:-}" ] && rm -rf "$owned_work"
}
trap cleanup EXIT
if [ -z "$work" ]; then work="$(mktemp -d)"; owned_work="$work"; fi
mkdir -p "$work"
chmod 755 "$work" # the unprivileged cases run as nobody below it
export CC4J_LOG_LEVEL=info
started=$SECONDS
passed=0
failed=0
ok() { passed=$((passed + 1)); printf '  ok    %s\n' "$*"; }
bad() { failed=$((failed + 1)); printf '  FAIL  %s\n' "$*"; }
check() { # check "figure" command...: ok when the command succeeds
  local what="$1"; shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}
section() { printf '\n%s (%d s so far)\n' "$*" $((SECONDS - started)); }
is_root() { [ "$(id -u)" = 0 ]; }

echo "fault-suite: $("$cc4j" info 2>/dev/null | grep -m1 '^cpu' | sed 's/^cpu *//'); work dir $work"
"$cc4j" --version >/dev/null || { echo "fault-suite: build failed" >&2; exit 1; }
export CC4J_NO_BUILD=1 # built once: an edit made while the suite runs does not start a build in one of its processes
data="$("$cc4j" data synth --out "$work/data" --count 320 --classes 10 --seed 7)" || exit 1
epochs=5
[ "$quick" = 1 ] && epochs=3
NET=(--data "$data" --clusters 10 --batch-size 32 --width 8 --size 32 --threads 1 --workers 1 --eval-every 0
  --checkpoint-every 1 --keep-checkpoints 2)
TRAIN=("${NET[@]}" --epochs "$epochs")

# The per-epoch losses exactly as written (timings left out), and the assignments of a run's newest checkpoint.
signature() { sed -E 's/"(seconds|images_per_second)":[^,}]*,?//g' "$1/metrics.jsonl" 2>/dev/null | md5sum | cut -c1-12; }
assignments() {
  local csv="$work/assignments-$(echo "$1" | md5sum | cut -c1-8).csv"
  "$cc4j" cluster --model "$1" --data "$data" --out "$csv" >/dev/null 2>"$csv.log" && cut -d, -f3 "$csv" | md5sum | cut -c1-12
}
same_as_reference() { # same_as_reference RUN: per-epoch losses and assignments equal the uninterrupted run's
  [ "$(signature "$1")" = "$ref_sig" ] && [ "$(assignments "$1")" = "$ref_assign" ]
}
newest() { # the newest checkpoint as cc4j orders them: epoch-E-step-S sorts after epoch E-1, before epoch E
  ls "$1/checkpoints" 2>/dev/null | grep '\.ckpt$' \
    | awk -F'[-.]' '{ print ($3 == "step" ? ($2 - 1) * 1e7 + $4 : $2 * 1e7), $0 }' | sort -n | tail -1 | cut -d' ' -f2
}
# Starts training in the background with SIGINT at its default (a non-interactive shell would have it ignored).
start() { local log="$1"; shift; env --default-signal=INT "$cc4j" train "$@" >"$log.out" 2>"$log" & pid=$!; }
wait_for() { # wait_for FILE PATTERN SECONDS: until the pattern appears in the file
  local i
  for ((i = 0; i < $3 * 20; i++)); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
  return 1
}

section "reference: an uninterrupted run ($epochs epochs of 10 steps, ResNet-18 width 8, 1 thread)"
t0=$SECONDS
"$cc4j" train "${TRAIN[@]}" --out "$work/ref" --no-finish >"$work/ref.log" 2>&1 || { tail "$work/ref.log"; exit 1; }
ref_sig="$(signature "$work/ref")"
ref_assign="$(assignments "$work/ref")"
ckpt_bytes=$(stat -c %s "$work/ref/checkpoints/$(newest "$work/ref")")
echo "  $((SECONDS - t0)) s; losses $ref_sig, assignments $ref_assign, checkpoint $ckpt_bytes bytes"

section "graceful stop: one run stopped three times, resumed after each"
run="$work/graceful"
start "$work/int.log" "${TRAIN[@]}" --out "$run" --no-finish
wait_for "$work/int.log" "epoch 2/$epochs batch" 120
kill -INT "$pid"; wait "$pid"; code=$?
ck="$(newest "$run")"
check "SIGINT in epoch 2: exit $code (130), checkpoint $ck at that step, told how to resume" \
  test "$code" = 130 -a -n "$(echo "$ck" | grep -- '-step-')" -a -n "$(grep 'continue with: cc4j train --resume' "$work/int.log.out")"
start "$work/term.log" --resume "$run" --no-finish
wait_for "$work/term.log" " batch " 120
kill -TERM "$pid"; wait "$pid"; code=$?
check "SIGTERM after resuming: exit $code (143), checkpoint $(newest "$run")" test "$code" = 143
start "$work/twice.log" --resume "$run" --no-finish
wait_for "$work/twice.log" "checkpoint: .*epoch-0000[0-9].ckpt" 120; sleep 0.5
before="$(newest "$run")"
kill -TERM "$pid"; sleep 0.05; kill -TERM "$pid"; wait "$pid"; code=$?
check "two SIGTERMs after its next epoch checkpoint ($before): exit $code (143) at once" \
  test "$code" = 143 -a -n "$(grep 'stopped at once' "$work/twice.log")"
"$cc4j" train --resume "$run" --no-finish >"$work/graceful-end.log" 2>&1; code=$?
check "resumed to the end (exit $code): losses and assignments equal the uninterrupted run's, $(ls "$run/checkpoints" | grep -c '\.corrupt$') corrupt checkpoint(s)" \
  same_as_reference "$run"

section "kill -9 at $kills moments (a checkpoint at least every 0.6 s: --checkpoint-minutes 0.01)"
# A third of the kills at a random moment after the process starts (often while it starts up), a third at a random
# moment after training began, a third while its second checkpoint is being written (its temporary file exists).
run="$work/killed"
during_write=0; at_start=0; processes=0; early=0; done_early=0
t0=$SECONDS
continue_run() { # starts the run, or continues it when it has a checkpoint
  if [ -n "$(newest "$run")" ]; then start "$1" --resume "$run" --no-finish
  else start "$1" "${TRAIN[@]}" --out "$run" --no-finish --checkpoint-minutes 0.01; fi
  processes=$((processes + 1))
}
random_seconds() { awk -v s="$RANDOM" -v lo="$1" -v hi="$2" 'BEGIN { srand(s); printf "%.2f", lo + (hi - lo) * rand() }'; }
for ((k = 1; k <= kills; k++)); do
  log="$work/kill-$k.log"
  continue_run "$log"
  case $((k % 3)) in
    1) sleep "$(random_seconds 0.3 6)" ;;
    2) wait_for "$log" "checkpoint: \| batch " 120; sleep "$(random_seconds 0 3)" ;;
    0) wait_for "$log" "checkpoint: " 120
       for ((i = 0; i < 1000; i++)); do
         compgen -G "$run/checkpoints/.epoch-*.tmp" >/dev/null && break
         kill -0 "$pid" 2>/dev/null || break
         sleep 0.005
       done ;;
  esac
  grep -q "checkpoint: \| batch " "$log" || at_start=$((at_start + 1))
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null; code=$?
  compgen -G "$run/checkpoints/.epoch-*.tmp" >/dev/null && during_write=$((during_write + 1))
  if [ "$code" = 0 ]; then done_early=1; echo "  the run completed before kill $k"; break; fi
  [ "$code" = 137 ] || { early=$((early + 1)); echo "  process $k ended with $code before the kill:"; tail -2 "$log" | sed 's/^/    /'; }
done
if [ "$done_early" = 0 ]; then continue_run "$work/kill-end.log"; wait "$pid"; code=$?; else code=0; fi
corrupt=$(ls "$run/checkpoints" | grep -c '\.corrupt$')
left=$(ls -a "$run/checkpoints" | grep -c '\.tmp$')
echo "  $((k > kills ? kills : k)) kills in $((SECONDS - t0)) s: $during_write while a checkpoint was being written, $at_start before training began; $processes processes"
check "after the kills the run completed (exit $code); $corrupt corrupt checkpoint(s), $left temporary file(s) left" \
  test "$code" = 0 -a "$corrupt" = 0 -a "$left" = 0 -a "$early" = 0
check "final losses and assignments equal the uninterrupted run's" same_as_reference "$run"

section "full disk"
if is_root && mkdir -p "$work/full" && mount -t tmpfs -o size=$((ckpt_bytes * 3 / 2 + 262144)) tmpfs "$work/full"; then
  mounts+=("$work/full")
  run="$work/full/run"
  echo "  tmpfs of $(df -B1 --output=size "$work/full" | tail -1 | tr -d ' ') bytes: room for one checkpoint of $ckpt_bytes bytes and not two"
  "$cc4j" train "${TRAIN[@]}" --out "$run" --no-finish >"$work/full.log" 2>&1; code=$?
  msg="$(grep -m1 'cc4j: error:' "$work/full.log")"
  echo "  $msg"
  check "disk full during a checkpoint write: exit $code (3), the message names the file" \
    test "$code" = 3 -a -n "$(echo "$msg" | grep -E "cannot write $run/.*: no space left on device")"
  left=$(ls -a "$run/checkpoints" | grep -c '\.tmp$')
  check "the previous checkpoint ($(newest "$run")) is intact and loads; $left temporary file(s) left" \
    test -n "$(newest "$run")" -a "$left" = 0 -a -n "$(assignments "$run")"
  mount -o remount,size=$((ckpt_bytes * 4 + 1048576)) "$work/full"
  "$cc4j" train --resume "$run" --no-finish >"$work/full-resume.log" 2>&1; code=$?
  check "with space again, resume completes (exit $code) with the uninterrupted run's losses and assignments" \
    same_as_reference "$run"
else
  bad "full disk: cannot mount a tmpfs (needs root); not run"
fi

section "read-only run directory and missing permissions"
listing() { find "$1" -printf '%p %s %T@ %m\n' 2>/dev/null | sort | md5sum; }
if is_root && mkdir -p "$work/ro" && mount -t tmpfs -o size=64m tmpfs "$work/ro"; then
  mounts+=("$work/ro")
  "$cc4j" train "${NET[@]}" --epochs 1 --out "$work/ro/run" --no-finish >"$work/ro-train.log" 2>&1
  mount -o remount,ro "$work/ro"
  sum="$(listing "$work/ro")"
  "$cc4j" train --resume "$work/ro/run" --epochs 2 --no-finish >"$work/ro.log" 2>&1; code=$?
  echo "  $(grep -m1 'cc4j: error:' "$work/ro.log")"
  check "resume in a read-only file system: exit $code (3) before training, nothing changed" \
    test "$code" = 3 -a "$(listing "$work/ro")" = "$sum" -a -z "$(grep -m1 'epoch 2' "$work/ro.log")"
  "$cc4j" train "${TRAIN[@]}" --out "$work/ro/new" --no-finish >"$work/ro-new.log" 2>&1; code=$?
  check "a new run in a read-only file system: exit $code (3), nothing created" \
    test "$code" = 3 -a ! -e "$work/ro/new"
  "$cc4j" cluster --model "$work/ro/run" --data "$data" --out "$work/ro/a.csv" >"$work/ro-cluster.log" 2>&1; code=$?
  echo "  $(grep -m1 'cc4j: error:' "$work/ro-cluster.log")"
  check "cluster writing into it: exit $code (3), nothing written" test "$code" = 3 -a "$(listing "$work/ro")" = "$sum"
else
  bad "read-only file system: cannot mount a tmpfs (needs root); not run"
fi
if is_root && command -v setpriv >/dev/null; then
  # Root ignores permission bits: these run as the unprivileged user nobody.
  as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$work/nobody" CC4J_MALLOC=system "$@"; }
  mkdir -p "$work/nobody" && chown nobody:nogroup "$work/nobody"
  cp -r "$work/ref" "$work/perm-run"
  sum="$(listing "$work/perm-run")"
  as_nobody "$cc4j" train --resume "$work/perm-run" --epochs 5 --no-finish >"$work/perm.log" 2>&1; code=$?
  echo "  $(grep -m1 'cc4j: error:' "$work/perm.log")"
  check "resume of a run directory nobody may not write: exit $code (3), nothing changed" \
    test "$code" = 3 -a "$(listing "$work/perm-run")" = "$sum"
  cp -r "$work/data" "$work/perm-data" && chmod 600 "$work/perm-data/data_batch_3.bin"
  as_nobody "$cc4j" data inspect "cifar10:$work/perm-data" >"$work/perm-data.log" 2>&1; code=$?
  echo "  $(grep -m1 'cc4j: error:' "$work/perm-data.log")"
  check "a data file nobody may not read: exit $code (2), the file named" \
    test "$code" = 2 -a -n "$(grep 'data_batch_3.bin' "$work/perm-data.log")"
  chmod 600 "$work/perm-run/checkpoints/"*.ckpt
  as_nobody "$cc4j" cluster --model "$work/perm-run" --data "$data" --out "$work/nobody/a.csv" >"$work/perm-ck.log" 2>&1; code=$?
  echo "  $(grep -m1 'cc4j: error:' "$work/perm-ck.log")"
  check "a checkpoint nobody may not read: exit $code (2), nothing written" test "$code" = 2 -a ! -e "$work/nobody/a.csv"
  check "no stack trace in any of them" test -z "$(grep -lE '^\s+at |Exception in thread' "$work"/perm*.log "$work"/ro*.log 2>/dev/null)"
else
  bad "missing permissions: cannot switch to user nobody (needs root and setpriv); not run"
fi

section "hostile images"
"$python" "$root/scripts/fault-fuzz.py" --hostile "$work/hostile" --count 64 >/dev/null || exit 1
bomb_bytes=$(stat -c %s "$work/hostile/bomb/bomb.png")
/usr/bin/time -f '%M %e' -o "$work/bomb.rss" "$cc4j" data inspect "folder:$work/hostile/bomb" >"$work/bomb.log" 2>&1; code=$?
read -r rss secs <"$work/bomb.rss"
echo "  $(grep -m1 -o 'skipping .*' "$work/bomb.log" | cut -c1-160)"
check "a $bomb_bytes-byte PNG declaring 100000x100000 is refused from its header at open: exit $code (0, skipped with a warning), peak RSS $((rss / 1024)) MB, $secs s" \
  test "$code" = 0 -a -n "$(grep 'bomb.png' "$work/bomb.log")" -a "$rss" -lt 1048576
"$cc4j" data inspect "folder:$work/hostile/bomb" --strict >"$work/bomb-strict.log" 2>&1; code=$?
check "with --strict: exit $code (2) naming it" test "$code" = 2 -a -n "$(grep 'bomb.png' "$work/bomb-strict.log")"
"$cc4j" data inspect "folder:$work/hostile/good" --max-pixels 100 >"$work/maxpx.log" 2>&1; code=$?
check "--max-pixels 100 refuses every 32x32 image: exit $code (2)" test "$code" = 2
hrun="$work/hostile-run"
HTRAIN=(--clusters 4 --batch-size 16 --width 8 --size 32 --threads 1 --workers 1 --eval-every 0 --epochs 2)
"$cc4j" train --data "folder:$work/hostile/broken" "${HTRAIN[@]}" --out "$hrun" >"$work/broken.log" 2>&1; code=$?
skipped="$(grep -o '"skipped_images":[0-9]*' "$hrun/metrics.jsonl" 2>/dev/null | cut -d: -f2 | tr '\n' ' ')"
warned=$(grep -c 'skipping an unreadable image' "$work/broken.log")
check "an image that fails to decode mid-epoch: exit $code (0), warned $warned time(s), skipped_images per epoch: $skipped" \
  test "$code" = 0 -a "$skipped" = "1 1 " -a "$warned" -ge 1
check "the report counts it" grep -q 'unreadable images skipped' "$hrun/report/index.html"
"$cc4j" train --data "folder:$work/hostile/broken" "${HTRAIN[@]}" --strict --out "$hrun-strict" >"$work/broken-strict.log" 2>&1; code=$?
echo "  $(grep -m1 'cc4j: error:' "$work/broken-strict.log" | cut -c1-160)"
check "with --strict the run stops: exit $code (2) naming broken.png" \
  test "$code" = 2 -a -n "$(grep 'cc4j: error:.*broken.png' "$work/broken-strict.log")"
"$cc4j" cluster --model "$hrun" --data "folder:$work/hostile/bomb" --out "$work/bomb.csv" >"$work/bomb-cluster.log" 2>&1; code=$?
rows=$(($(wc -l <"$work/bomb.csv") - 1))
check "at assignment the bomb is refused from its header: exit $code (0), $rows of 65 images assigned" \
  test "$code" = 0 -a "$rows" = 64 -a -z "$(grep 'bomb.png' "$work/bomb.csv")"
"$cc4j" cluster --model "$hrun" --data "folder:$work/hostile/broken" --out "$work/broken.csv" >"$work/broken-cluster.log" 2>&1; code=$?
rows=$(($(wc -l <"$work/broken.csv") - 1))
check "at assignment the undecodable image is left out with a warning: exit $code (0), $rows of 64 assigned" \
  test "$code" = 0 -a "$rows" = 63 -a -n "$(grep 'broken.png' "$work/broken-cluster.log")"
"$cc4j" cluster --model "$hrun" --data "folder:$work/hostile/broken" --strict --out "$work/broken2.csv" >"$work/broken-cluster2.log" 2>&1; code=$?
check "and with --strict: exit $code (2), nothing written" test "$code" = 2 -a ! -e "$work/broken2.csv"

section "fuzzing the readers"
seeds="$work/seeds"
"$cc4j" data synth --out "$seeds/cifar" --count 60 --classes 4 --seed 3 >/dev/null \
  && "$cc4j" train --data "cifar10:$seeds/cifar" --clusters 4 --out "$seeds/run" --epochs 1 --batch-size 16 --width 4 \
    --threads 1 --workers 1 --eval-every 0 --no-finish >"$work/seeds.log" 2>&1 \
  && "$cc4j" cluster --model "$seeds/run" --out "$seeds/assignments.csv" >>"$work/seeds.log" 2>&1 \
  || { tail "$work/seeds.log"; exit 1; }
"$python" "$root/scripts/fault-fuzz.py" --cc4j "$cc4j" --seeds "$seeds" --work "$work/fuzz" --cases "$fuzz" --jobs 2 \
  | tee "$work/fuzz.log" | sed 's/^/  /'
# The closing line only: progress lines ("1000 of 2000 files, 0 failed so far") also say "failed".
summary=$(grep -o 'fuzz: [0-9]* passed, [0-9]* failed' "$work/fuzz.log" | tail -1)
fp=$(echo "$summary" | sed -E 's/fuzz: ([0-9]+) passed.*/\1/;t;d')
ff=$(echo "$summary" | sed -E 's/.* ([0-9]+) failed/\1/;t;d')
passed=$((passed + ${fp:-0})); failed=$((failed + ${ff:-1}))

printf '\n%d s in all\n' $((SECONDS - started))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

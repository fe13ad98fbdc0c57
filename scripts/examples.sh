#!/usr/bin/env bash
# The examples as a user runs them: installs cc4j's artifacts into the local Maven repository (examples/ depend
# on them by coordinates, as an outside project does), builds both example projects, runs train-in-memory, then
# assign-folder on the run it trained and the pictures it wrote, and checks what they print: exit 0, the expected
# lines, and assign-folder's answers from the saved run equal to those of the model fit returned. Also checks that
# both refuse bad arguments with exit 2 and a message, and that a library user's stderr gets no "Could not
# initialize NNPACK!" where NNPACK cannot initialise (simulated by hiding the CPU caches from libtorch through a
# small LD_PRELOAD library; skipped without a C compiler), and that the BOM lists every module. Prints one line
# per check and "N passed, M failed".
# About a minute after the test suite has compiled everything.
#
# usage: scripts/examples.sh [--no-install]   (--no-install: the artifacts are installed already)
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
install=1
[ "${1:-}" = "--no-install" ] && install=0

passed=0
failed=0
ok() { echo "ok      $1"; passed=$((passed + 1)); }
bad() { echo "FAILED  $1"; failed=$((failed + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The BOM names every module the build publishes (a module added to the parent pom needs its line there too)
missing=""
for module in $(sed -n 's|.*<module>\(.*\)</module>.*|\1|p' "$root/pom.xml"); do
  [ "$module" = cc4j-bom ] && continue
  grep -q "<artifactId>$module</artifactId>" "$root/cc4j-bom/pom.xml" || missing="$missing $module"
done
check "cc4j-bom lists every module of the parent pom" '[ -z "$missing" ] || { echo "  not in cc4j-bom/pom.xml:$missing"; false; }'

if [ "$install" = 1 ]; then
  # The BOM, the parent and the two artifacts the examples use (with the modules they need).
  if ! (cd "$root" && mvn -B -q install -DskipTests -pl cc4j-bom,cc4j-train -am); then
    echo "FAILED  installing cc4j's artifacts"; echo "0 passed, 1 failed"; exit 1
  fi
fi
for example in train-in-memory assign-folder; do
  if ! (cd "$root/examples/$example" && mvn -B -q package); then
    echo "FAILED  building examples/$example"; echo "$passed passed, $((failed + 1)) failed"; exit 1
  fi
done
train="java -jar $root/examples/train-in-memory/target/train-in-memory.jar"
assign="java -jar $root/examples/assign-folder/target/assign-folder.jar"

# train-in-memory: trains, predicts with the returned model, writes 12 pictures and their clusters
$train "$work/w" >"$work/train.out" 2>"$work/train.err"
code=$?
sed 's/^/  | /' "$work/train.out"
check "train-in-memory exits 0" '[ $code = 0 ] || { cat "$work/train.err"; false; }'
check "train-in-memory prints 3 epochs, the kind x cluster table and the scores" \
  '[ "$(grep -cE "^epoch [0-9]+: loss [0-9.]+$" "$work/train.out")" = 3 ] &&
   [ "$(grep -cE "^(red-disc|blue-square|green-stripes) +[0-9]+ +[0-9]+ +[0-9]+$" "$work/train.out")" = 3 ] &&
   grep -qE "^NMI [0-9.]+  ACC [0-9.]+  ARI -?[0-9.]+$" "$work/train.out"'
check "train-in-memory writes 12 pictures and their expected clusters" \
  '[ "$(ls "$work/w/images" | grep -c "\.png$")" = 12 ] && [ "$(wc -l < "$work/w/expected-clusters.tsv")" = 12 ]'

# assign-folder on the saved run: one line per picture, the same as the returned model's, and the cluster sizes
$assign "$work/w/run" "$work/w/images" >"$work/assign.out" 2>"$work/assign.err"
code=$?
sed 's/^/  | /' "$work/assign.out"
check "assign-folder exits 0, no warning on stderr" \
  '[ $code = 0 ] && ! grep -qE "WARN|ERROR|NNPACK|SLF4J" "$work/assign.err" || { cat "$work/assign.err"; false; }'
check "assign-folder prints 12 image lines equal to what the model fit returned gave them" \
  '[ "$(grep -cP "^\d\d-[a-z-]+\.png\t\d+\t[01]\.\d{3}$" "$work/assign.out")" = 12 ] &&
   diff <(grep "\.png" "$work/assign.out") "$work/w/expected-clusters.tsv"'
check "assign-folder prints 3 cluster sizes adding up to 12" \
  '[ "$(grep -cE "^cluster [0-9]+: [0-9]+ image\(s\)$" "$work/assign.out")" = 3 ] &&
   [ "$(awk "/^cluster /{s+=\$3} END{print s}" "$work/assign.out")" = 12 ]'

# bad arguments: exit 2 and a message naming the problem
mkdir -p "$work/empty"
$assign "$work/missing" "$work/w/images" >/dev/null 2>"$work/err"; code=$?
check "assign-folder refuses a missing run directory (exit 2)" '[ $code = 2 ] && grep -q "no run directory at" "$work/err"'
$assign "$work/w/run" "$work/empty" >/dev/null 2>"$work/err"; code=$?
check "assign-folder refuses a folder without images (exit 2)" '[ $code = 2 ] && grep -q "no images in" "$work/err"'
$train "$work/w" >/dev/null 2>"$work/err"; code=$?
check "train-in-memory refuses an existing run (exit 2)" '[ $code = 2 ] && grep -q "exists already" "$work/err"'

# NNPACK's warning stays off a library user's stderr where NNPACK cannot initialise
if command -v cc >/dev/null 2>&1; then
  cat >"$work/nocache.c" <<'EOF'
/* libtorch sees no CPU caches, as under a hypervisor that hides them: NNPACK then cannot initialise. */
#include <stddef.h>
const void* cpuinfo_get_l1d_cache(unsigned i) { return NULL; }
const void* cpuinfo_get_l2_cache(unsigned i) { return NULL; }
const void* cpuinfo_get_l3_cache(unsigned i) { return NULL; }
const void* cpuinfo_get_l4_cache(unsigned i) { return NULL; }
EOF
  cc -shared -fPIC -o "$work/libnocache.so" "$work/nocache.c"
  TORCH_CPP_LOG_LEVEL=WARNING LD_PRELOAD="$work/libnocache.so" $assign "$work/w/run" "$work/w/images" \
    >/dev/null 2>"$work/loud.err"
  if grep -q "Could not initialize NNPACK" "$work/loud.err"; then
    LD_PRELOAD="$work/libnocache.so" $assign "$work/w/run" "$work/w/images" >"$work/quiet.out" 2>"$work/quiet.err"
    code=$?
    check "without NNPACK, assign-folder's stderr has no NNPACK warning and its answers do not change" \
      '[ $code = 0 ] && ! grep -q NNPACK "$work/quiet.err" && diff -q "$work/quiet.out" "$work/assign.out" >/dev/null'
  else
    echo "skipped NNPACK check: hiding the caches did not stop NNPACK on this CPU"
  fi
else
  echo "skipped NNPACK check: no C compiler"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

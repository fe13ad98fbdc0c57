#!/usr/bin/env bash
# Tests cc4j's container image as far as the machine allows (docs/container.md, "Tests"):
#   1. config: ContainerImageTest (JUnit) on the tarball: entrypoint, user, port, volume, environment, health check,
#      the natives in DJL's cache layout, no natives jar;
#   2. container: podman loads the image and runs it (with its default OCI runtime: runc on Debian 12 when crun is
#      not installed) with a tiny model mounted read-only at /model, a read-only root file system and no writable
#      /tmp, no capabilities; waits for /readyz, runs the image's health check, checks the user, assigns two images
#      over HTTP, stops it with SIGTERM (podman stop) and checks the exit code 0; or prints exactly why it could not;
#   3. outside a container: the image's /app and /opt/cc4j unpacked (root-owned, read-only to the server's user),
#      the config's Entrypoint and Env with those paths, run as uid 10001 on this machine's java; assigns over HTTP,
#      SIGTERM, exit 0, and nothing written into the unpacked tree or left in /tmp.
#
#   scripts/container/test-image.sh [--build] [IMAGE.tar]    # default cc4j-cli/target/cc4j-image.tar
#     --build   builds the base (when missing) and the image first
#
# Not run by CI (scripts/test.sh): the base takes about 2 minutes and ~100 MB of Debian packages, the image about a
# minute, this script about 2 more. Ends with "N passed, N failed[, N skipped]"; exits 1 when a step failed.
# (sed -n, never head, after a pipe: with pipefail, head's early exit fails the pipeline with SIGPIPE)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build=0
image=""
for arg in "$@"; do
  case "$arg" in
    --build) build=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) image="$arg" ;;
  esac
done
image="${image:-$root/cc4j-cli/target/cc4j-image.tar}"
base="${CC4J_CONTAINER_BASE:-$HOME/.cache/cc4j/container/cc4j-base.tar}"
bash "$root/scripts/container/install-tools.sh" --run || true
for tool in jq curl java mvn; do
  command -v "$tool" >/dev/null || { echo "test-image: $tool is missing" >&2; exit 1; }
done

if [ "$build" = 1 ]; then
  [ -f "$base" ] || bash "$root/scripts/container/build-base.sh" "$base" >/dev/null
  (cd "$root" && mvn -B -q -Pcontainer package -pl cc4j-cli -am -DskipTests -Dcc4j.container.base="$base")
fi
[ -f "$image" ] || { echo "test-image: no image at $image (--build builds it)" >&2; exit 1; }
image="$(cd "$(dirname "$image")" && pwd)/$(basename "$image")"

passed=0 failed=0 skipped=0
pass() { echo "PASS  $*"; passed=$((passed + 1)); }
fail() { echo "FAIL  $*"; failed=$((failed + 1)); }
skip() { echo "SKIP  $*"; skipped=$((skipped + 1)); }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/cc4j-image-test.XXXXXX")"
chmod 755 "$tmp"
container=""
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -KILL "$server_pid" 2>/dev/null || true
  [ -n "$container" ] && podman rm -f "$container" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The model: the smallest run `cc4j train` makes (seconds), readable by the image's user.
echo "== a tiny model"
(cd "$root" && ./cc4j data synth --out "$tmp/data" --count 256 --classes 4 --seed 7 >/dev/null \
  && ./cc4j train --data "cifar10:$tmp/data" --clusters 4 --out "$tmp/model" --width 4 --size 16 --epochs 1 \
       >"$tmp/train.log" 2>&1) || { cat "$tmp/train.log" >&2; echo "test-image: training the tiny model failed" >&2; exit 1; }
chmod -R a+rX "$tmp/model" "$tmp/data"
pictures=(-F "images=@$root/cc4j-inference/src/test/resources/decoder/rgb8.png"
          -F "images=@$root/cc4j-inference/src/test/resources/decoder/grey8.png")

# Two images in one multipart request: two answers, each with a cluster in 0..3.
assigns_two() {
  local answer
  answer="$(curl -s -m 30 "${pictures[@]}" "$1/v1/assign")" || return 1
  echo "      $answer"
  jq -e '.clusters == 4 and (.images | length) == 2 and all(.images[]; .cluster >= 0 and .cluster < 4)' \
    >/dev/null <<<"$answer"
}

wait_ready() { # URL, seconds, pid or container to watch
  for _ in $(seq "$2"); do
    curl -sf -m 2 "$1/readyz" >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}

echo "== 1. the tarball's configuration (ContainerImageTest)"
if (cd "$root" && mvn -B -q test -pl cc4j-cli -am -Dtest=ContainerImageTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dcc4j.container.image="$image" >"$tmp/config-test.log" 2>&1); then
  pass "config: $(grep -h 'Tests run' "$root"/cc4j-cli/target/surefire-reports/io.cc4j.cli.ContainerImageTest.txt)"
else
  grep -E 'Tests run|FAIL|expected|Expect' "$tmp/config-test.log" | sed -n 1,20p
  fail "config: ContainerImageTest (log above)"
fi

echo "== 2. the image in a container (podman)"
tag="$(tar -xOf "$image" manifest.json | jq -r '.[0].RepoTags[0]')"
if ! command -v podman >/dev/null; then
  skip "container: podman is not installed (apt-get install podman)"
else
  runtime="$(podman info --format '{{.Host.OCIRuntime.Version}}' 2>/dev/null | sed -n 1p || true)"
  podman load -q -i "$image" >/dev/null
  container="cc4j-image-test-$$"
  run_args=(-d --name "$container" --read-only --read-only-tmpfs=false --cap-drop=ALL
            --security-opt=no-new-privileges -p 127.0.0.1::8080
            -v "$tmp/model:/model:ro" -v "$tmp/data:$tmp/data:ro")
  # podman's health check timers need systemd, which this kind of machine does not run: its complaint is filtered
  # out, and the check is run by hand below (podman healthcheck run).
  if ! podman run "${run_args[@]}" "$tag" >/dev/null 2>"$tmp/run.err"; then
    grep -v 'systemd' "$tmp/run.err" | sed 's/^/      /'
    podman rm -f "$container" >/dev/null 2>&1 || true
    if grep -q 'rlimit' "$tmp/run.err"; then
      # Seen in sandboxes whose root lacks CAP_SYS_RESOURCE: the runtime cannot raise RLIMIT_NOFILE (podman asks
      # for 1048576) or RLIMIT_NPROC above the hard limits. Within them it runs.
      ulimits=(--ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096)
      echo "      (the runtime may not raise resource limits here: again with ${ulimits[*]})"
      podman run "${ulimits[@]}" "${run_args[@]}" "$tag" >/dev/null 2>"$tmp/run.err" \
        || { grep -v 'systemd' "$tmp/run.err" | sed 's/^/      /'; podman rm -f "$container" >/dev/null 2>&1 || true; container=""; }
    else
      container=""
    fi
  fi
  if [ -z "$container" ]; then
    skip "container: podman ($runtime) could not start it: $(grep -v systemd "$tmp/run.err" | grep -m1 -i error || true)"
  else
    url="http://$(podman port "$container" 8080/tcp)"
    t0=$(date +%s%N)
    if ! wait_ready "$url" 180; then
      podman logs "$container" 2>&1 | tail -20
      fail "container: not ready within 180 s"
    else
      ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
      ok=1
      uid="$(podman exec "$container" id -u)"
      [ "$uid" = 10001 ] || { echo "      runs as uid $uid"; ok=0; }
      podman healthcheck run "$container" >/dev/null 2>&1 || { echo "      the image's health check failed"; ok=0; }
      assigns_two "$url" || { echo "      assignment failed"; ok=0; }
      podman exec "$container" touch /tmp/probe 2>/dev/null && { echo "      /tmp is writable"; ok=0; }
      podman stop -t 60 "$container" >/dev/null 2>&1
      code="$(podman inspect "$container" --format '{{.State.ExitCode}}')"
      podman logs "$container" >"$tmp/container.log" 2>&1 || true
      grep -q 'SIGTERM received' "$tmp/container.log" || { echo "      no 'SIGTERM received' in the logs"; ok=0; }
      [ "$code" = 0 ] || { echo "      exit code $code after SIGTERM"; ok=0; }
      if [ "$ok" = 1 ]; then
        pass "container: podman ($runtime${ulimits:+, ${ulimits[*]}}): ready after ${ready_ms} ms, uid 10001, health check 0, two images assigned, read-only root and /tmp, SIGTERM -> exit 0"
      else
        podman logs "$container" 2>&1 | grep -v systemd | tail -20
        fail "container: podman ($runtime)"
      fi
    fi
    podman rm -f "$container" >/dev/null 2>&1 || true
    container=""
  fi
fi

echo "== 3. the same entrypoint outside a container"
rootfs="$tmp/rootfs"
mkdir -p "$rootfs"
config="$(tar -xOf "$image" "$(tar -xOf "$image" manifest.json | jq -r '.[0].Config')")"
mapfile -t layers < <(tar -xOf "$image" manifest.json | jq -r '.[0].Layers[]')
# The base's layers come first: as many as its history entries that are not Jib's.
base_layers="$(jq '[.history[] | select(.author != "Jib" and (.empty_layer | not))] | length' <<<"$config")"
for i in "${!layers[@]}"; do
  if [ "$i" -lt "$base_layers" ]; then
    tar -xOf "$image" "${layers[$i]}" | tar -xz --warning=no-unknown-keyword -C "$rootfs" --wildcards \
      '*usr/lib/x86_64-linux-gnu/libjemalloc.so.2' '*usr/local/bin/cc4j-healthcheck'
  else
    tar -xOf "$image" "${layers[$i]}" | tar -xz --warning=no-unknown-keyword -C "$rootfs"
  fi
done
chown -R 0:0 "$rootfs"
chmod -R go-w,a+rX "$rootfs"
map() { sed -e "s#/app/#$rootfs/app/#g" -e "s#/opt/cc4j#$rootfs/opt/cc4j#g" -e "s#^/usr/lib/#$rootfs/usr/lib/#"; }
mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' <<<"$config")
cmd=()
for ((i = 0; i < ${#entrypoint[@]}; i++)); do
  a="${entrypoint[$i]}"
  case "$a" in
    /model) cmd+=("$tmp/model") ;;
    0.0.0.0) cmd+=(127.0.0.1) ;;            # loopback only, outside a container's own network
    --port) cmd+=(--port 0); i=$((i + 1)) ;; # any free port; the server prints it
    *) cmd+=("$(map <<<"$a")") ;;
  esac
done
env_args=()
while IFS= read -r kv; do
  case "$kv" in
    PATH=*|JAVA_HOME=*) ;;                    # this machine's java
    *) env_args+=("${kv%%=*}=$(map <<<"${kv#*=}")") ;;
  esac
done < <(jq -r '.config.Env[]' <<<"$config")
env_args+=("PATH=$PATH" "HOME=/nonexistent")
as_user=()
if [ "$(id -u)" = 0 ]; then
  as_user=(setpriv --reuid=10001 --regid=10001 --clear-groups)
fi
echo "      ${env_args[*]}"
echo "      ${as_user[*]} ${cmd[*]}"
touch "$tmp/marker" "$tmp/server.out" "$tmp/server.err"
(cd / && exec env -i "${env_args[@]}" "${as_user[@]}" "${cmd[@]}") >"$tmp/server.out" 2>"$tmp/server.err" &
server_pid=$!
url=""
for _ in $(seq 180); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/server.out" | sed -n 1p || true)"
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 1
done
if [ -z "$url" ] || ! wait_ready "$url" 120; then
  tail -20 "$tmp/server.err"
  fail "outside: the server did not become ready"
else
  ok=1
  health() { CC4J_HEALTH_PORT="${url##*:}" "$rootfs/usr/local/bin/cc4j-healthcheck" >/dev/null; }
  health || { echo "      the image's health check failed on a ready server"; ok=0; }
  assigns_two "$url" || { echo "      assignment failed"; ok=0; }
  kill -TERM "$server_pid"
  code=0
  wait "$server_pid" || code=$?
  server_pid=""
  [ "$code" = 0 ] || { echo "      exit code $code after SIGTERM"; ok=0; }
  ! health || { echo "      the image's health check passed on a stopped server"; ok=0; }
  written="$(find "$rootfs" -newer "$tmp/marker" | sed -n 1,5p)"
  [ -z "$written" ] || { echo "      written into the image's files: $written"; ok=0; }
  if [ "$(id -u)" = 0 ]; then
    left="$(find "${TMPDIR:-/tmp}" -maxdepth 1 -user 10001 ! -name 'hsperfdata_*' 2>/dev/null | sed -n 1,5p || true)"
    [ -z "$left" ] || { echo "      left in ${TMPDIR:-/tmp} by uid 10001: $left"; ok=0; }
  fi
  if [ "$ok" = 1 ]; then
    pass "outside: $(java -version 2>&1 | sed -n 1p) as uid $([ ${#as_user[@]} -gt 0 ] && echo 10001 || id -u): health check 0 when ready and 1 once stopped, two images assigned, SIGTERM -> exit 0, nothing extracted or written"
  else
    tail -20 "$tmp/server.err"
    fail "outside"
  fi
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]

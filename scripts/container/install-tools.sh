#!/usr/bin/env bash
# Installs the Debian packages the container scripts use, when missing: mmdebstrap and jq (build-base.sh), podman
# with runc (test-image.sh runs the image with them). As root with apt-get; otherwise it names what to install.
#   scripts/container/install-tools.sh [--run]     # --run: podman and runc too
set -euo pipefail
want=(mmdebstrap:mmdebstrap mmtarfilter:mmdebstrap jq:jq curl:curl)
[ "${1:-}" = --run ] && want+=(podman:podman runc:runc)
missing=()
for pair in "${want[@]}"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "container tools missing: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "installing ${missing[*]} (Debian packages)..." >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
  || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }

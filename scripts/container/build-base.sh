#!/usr/bin/env bash
# Builds the base image of cc4j's container from Debian packages, with no registry and no Docker daemon:
# Debian 12 (bookworm) with the Java 17 runtime (openjdk-17-jre-headless) and jemalloc (libjemalloc2), the
# non-root user cc4j (uid and gid 10001) and the health check on /readyz (a bash script, no curl), written as a
# `docker save` tarball that Jib takes as its base (`tar://` in cc4j-cli's `container` profile) and that
# `podman load` / `docker load` also read.
#
#   scripts/container/build-base.sh [OUT.tar]   # default ~/.cache/cc4j/container/cc4j-base.tar (about 2 minutes)
#
# The default place is outside the work tree, so that `mvn clean` does not delete it; cc4j-cli's container profile
# reads it from there (-Dcc4j.container.base=OUT.tar for another).
#
# Environment:
#   CC4J_BASE_SNAPSHOT=20260601T000000Z  take the packages from snapshot.debian.org at that moment (the pinned,
#                                        fully reproducible way; SOURCE_DATE_EPOCH then defaults to that moment)
#   CC4J_BASE_MIRROR / CC4J_BASE_SECURITY_MIRROR   the Debian and security mirrors otherwise
#                                        (default deb.debian.org: whatever bookworm holds today)
#   SOURCE_DATE_EPOCH                    every time stamp in the image (default: BASE_EPOCH below)
#   CC4J_BASE_UPDATE_LOCK=1              write the installed package versions to base-packages.lock
#
# What makes it reproducible: mmdebstrap with SOURCE_DATE_EPOCH clamps every file time to it and removes the logs
# and caches that differ between runs; /etc/resolv.conf and /etc/hostname (copied from the host) are removed; /dev
# is left to the runtime; Java's cacerts gets SOURCE_DATE_EPOCH as the date of every entry (JksTimestamps.java:
# ca-certificates-java records the time it added each certificate, the one file that differed between two runs
# without it); the user is written as fixed lines (no useradd time stamp); the packing below sorts names and fixes
# owners and times; the config's `created` is SOURCE_DATE_EPOCH. Two builds from the same mirror content give the
# same bytes (scripts/container/check-reproducible.sh). The mirror content is what a script cannot pin without a
# snapshot mirror (snapshot.debian.org is not reachable from the machines this was written on): against
# deb.debian.org a security update changes the image. base-packages.lock lists the versions of the recorded build;
# the script prints the differences when the mirror has moved on (CC4J_BASE_UPDATE_LOCK=1 records the new ones).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$HOME/.cache/cc4j/container/cc4j-base.tar}"

# 2026-12-01T00:00:00Z: the date base-packages.lock was recorded.
BASE_EPOCH=1796083200
SUITE=bookworm
UID_GID=10001

bash "$here/install-tools.sh"
command -v java >/dev/null || { echo "build-base: java is missing (JksTimestamps.java runs on it)" >&2; exit 1; }

if [ -n "${CC4J_BASE_SNAPSHOT:-}" ]; then
  mirror="http://snapshot.debian.org/archive/debian/$CC4J_BASE_SNAPSHOT"
  security="http://snapshot.debian.org/archive/debian-security/$CC4J_BASE_SNAPSHOT"
  snap_epoch="$(date -u -d "$(sed -E 's/^(....)(..)(..)T(..)(..)(..)Z$/\1-\2-\3 \4:\5:\6/' <<<"$CC4J_BASE_SNAPSHOT")" +%s)"
  export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$snap_epoch}"
else
  mirror="${CC4J_BASE_MIRROR:-http://deb.debian.org/debian}"
  security="${CC4J_BASE_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
  export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$BASE_EPOCH}"
fi
created="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"

work="$(mktemp -d "${TMPDIR:-/tmp}/cc4j-base.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"

# The health check the image config names (HEALTHCHECK): 200 from GET /readyz on the server's port, with bash's
# /dev/tcp, so that the image needs no curl or wget and no second JVM every interval.
cat > "$work/cc4j-healthcheck" <<'EOF'
#!/bin/bash
# Exit 0 when cc4j serve answers 200 to GET /readyz (model loaded and warmed up); otherwise 1 and the reason, which
# the runtime keeps in the container's health log.
port="${CC4J_HEALTH_PORT:-8080}"
if ! { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
  echo "cc4j-healthcheck: nothing listens on 127.0.0.1:$port"
  exit 1
fi
printf 'GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
if ! IFS= read -r -t 5 status <&3; then
  echo "cc4j-healthcheck: no answer from 127.0.0.1:$port within 5 s"
  exit 1
fi
status="${status%$'\r'}"
[[ "$status" == "HTTP/1."[01]" 200"* ]] && exit 0
echo "cc4j-healthcheck: GET /readyz answered '$status'"
exit 1
EOF

echo "build-base: Debian $SUITE from $mirror (SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH, $created)" >&2
# Manual pages, documentation (but the copyright files) and translations are left out; so are Recommends. The
# empty man folders are there for update-alternatives, which fails on java's manual page link without them. The
# merged-usr hook lays out merged /usr itself, as debootstrap does: otherwise init-system-helpers pulls in the
# usrmerge package and with it the whole of perl (46 MB).
mmdebstrap ${CC4J_BASE_VERBOSE:---quiet} --variant=apt --arch=amd64 --format=tar \
  --include=openjdk-17-jre-headless,libjemalloc2 \
  --aptopt='APT::Install-Recommends "false"' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --setup-hook='mkdir -p "$1"/usr/share/man/man1 "$1"/usr/share/man/man7' \
  --customize-hook='rm -f "$1/etc/resolv.conf" "$1/etc/hostname"' \
  --customize-hook="echo 'cc4j:x:$UID_GID:$UID_GID:cc4j serve:/nonexistent:/usr/sbin/nologin' >> \"\$1/etc/passwd\"" \
  --customize-hook="echo 'cc4j:x:$UID_GID:' >> \"\$1/etc/group\"" \
  --customize-hook="echo 'cc4j:!::0:99999:7:::' >> \"\$1/etc/shadow\"" \
  --customize-hook="echo 'cc4j:!::' >> \"\$1/etc/gshadow\"" \
  --customize-hook="install -m 0755 '$work/cc4j-healthcheck' \"\$1/usr/local/bin/cc4j-healthcheck\"" \
  --customize-hook="java '$here/JksTimestamps.java' \"\$1/etc/ssl/certs/java/cacerts\" $SOURCE_DATE_EPOCH" \
  --customize-hook='chroot "$1" dpkg-query -W -f '"'"'${Package}=${Version}\n'"'"' > "'"$work"'/packages.txt"' \
  "$SUITE" "$work/rootfs.tar" \
  "deb $mirror $SUITE main" "deb $mirror $SUITE-updates main" "deb $security $SUITE-security main"

# The device nodes mmdebstrap writes under /dev are the runtime's business (and cannot be created rootless).
mmtarfilter --path-exclude='/dev/*' < "$work/rootfs.tar" > "$work/layer.tar"
rm "$work/rootfs.tar"

sort "$work/packages.txt" -o "$work/packages.txt" 2>/dev/null || true
lock="$here/base-packages.lock"
if [ -f "$work/packages.txt" ]; then
  if [ "${CC4J_BASE_UPDATE_LOCK:-}" = 1 ]; then
    cp "$work/packages.txt" "$lock"
    echo "build-base: wrote $lock" >&2
  elif [ -f "$lock" ] && ! diff -q "$lock" "$work/packages.txt" >/dev/null; then
    echo "build-base: the mirror's packages differ from base-packages.lock (the image will not be the recorded one):" >&2
    diff "$lock" "$work/packages.txt" | grep '^[<>]' >&2 || true
  fi
  cp "$work/packages.txt" "${out%.tar}.packages.txt"
fi

# docker-save layout: manifest.json, the config named by its digest, one uncompressed layer.
layer_sha="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
mkdir -p "$work/image/$layer_sha"
mv "$work/layer.tar" "$work/image/$layer_sha/layer.tar"
# Healthcheck durations are nanoseconds: every 15 s, 5 s to answer, unhealthy after 3 failures; failures in the
# first 120 s (loading the model and warming up) do not count.
jq -n -S -c --arg created "$created" --arg diff "sha256:$layer_sha" --arg suite "$SUITE" --arg mirror "$mirror" '{
  architecture: "amd64", os: "linux", created: $created,
  config: {
    Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
          "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64", "LANG=C.UTF-8"],
    Healthcheck: {Test: ["CMD", "/usr/local/bin/cc4j-healthcheck"], Interval: 15000000000, Timeout: 5000000000,
                  StartPeriod: 120000000000, Retries: 3},
    Labels: {"io.cc4j.base.suite": $suite, "io.cc4j.base.mirror": $mirror}
  },
  rootfs: {type: "layers", diff_ids: [$diff]},
  history: [{created: $created, created_by: ("mmdebstrap --variant=apt " + $suite + " + openjdk-17-jre-headless libjemalloc2 (scripts/container/build-base.sh)")}]
}' > "$work/config.json"
config_sha="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mv "$work/config.json" "$work/image/$config_sha.json"
jq -n -c --arg config "$config_sha.json" --arg layer "$layer_sha/layer.tar" \
  '[{Config: $config, RepoTags: ["localhost/cc4j-base:bookworm"], Layers: [$layer]}]' > "$work/image/manifest.json"

tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner --format=ustar \
  -C "$work/image" -cf "$out.tmp" manifest.json "$config_sha.json" "$layer_sha"
mv "$out.tmp" "$out"
echo "build-base: $out ($(du -h "$out" | cut -f1); config sha256:$config_sha, layer sha256:$layer_sha)" >&2
echo "$out"

#!/usr/bin/env bash
# Builds the base image twice and the cc4j image twice (each time after `mvn clean`), and compares: the base
# tarballs byte for byte, the images by Jib's digest and image id and the tarballs byte for byte. About 8 minutes
# (two mmdebstrap runs from the network, two clean builds); not run by CI.
#
#   scripts/container/check-reproducible.sh [--image-only]   # --image-only: one base (the cached one), two images
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/cc4j-repro.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
status=0
base="${CC4J_CONTAINER_BASE:-$HOME/.cache/cc4j/container/cc4j-base.tar}"

if [ "${1:-}" != --image-only ]; then
  for i in 1 2; do
    bash "$root/scripts/container/build-base.sh" "$tmp/base$i.tar" >/dev/null
  done
  a="$(sha256sum < "$tmp/base1.tar" | cut -d' ' -f1)"
  b="$(sha256sum < "$tmp/base2.tar" | cut -d' ' -f1)"
  echo "base tarball: $a / $b"
  [ "$a" = "$b" ] || { echo "DIFFERENT base tarballs"; status=1; }
  base="$tmp/base1.tar"
fi

for i in 1 2; do
  (cd "$root" && mvn -B -q clean package -Pcontainer -pl cc4j-cli -am -DskipTests -Dcc4j.container.base="$base")
  cp "$root/cc4j-cli/target/jib-image.digest" "$tmp/digest$i"
  cp "$root/cc4j-cli/target/jib-image.id" "$tmp/id$i"
  sha256sum < "$root/cc4j-cli/target/cc4j-image.tar" | cut -d' ' -f1 > "$tmp/tar$i"
done
echo "image digest: $(cat "$tmp/digest1") / $(cat "$tmp/digest2")"
echo "image id:     $(cat "$tmp/id1") / $(cat "$tmp/id2")"
echo "tarball:      $(cat "$tmp/tar1") / $(cat "$tmp/tar2")"
cmp -s "$tmp/digest1" "$tmp/digest2" && cmp -s "$tmp/id1" "$tmp/id2" && cmp -s "$tmp/tar1" "$tmp/tar2" \
  || { echo "DIFFERENT images"; status=1; }
[ "$status" = 0 ] && echo "reproducible: the same bytes twice"
exit "$status"

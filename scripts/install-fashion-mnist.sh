#!/usr/bin/env bash
# Installs Fashion-MNIST (Debian package dataset-fashion-mnist, MIT licence, ~30 MB) for the demo.
# As root: apt-get install. Otherwise: apt-get download + dpkg -x into the user's cache directory.
# Prints the directory holding the four IDX .gz files on stdout.
set -euo pipefail
system_dir=/usr/share/datasets/fashion-mnist
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/cc4j/fashion-mnist"
user_dir="$cache_root/usr/share/datasets/fashion-mnist"

has_data() { [ -f "$1/train-images-idx3-ubyte.gz" ] && [ -f "$1/t10k-labels-idx1-ubyte.gz" ]; }

if has_data "$system_dir"; then echo "$system_dir"; exit 0; fi
if has_data "$user_dir"; then echo "$user_dir"; exit 0; fi

echo "cc4j: Fashion-MNIST not found; installing Debian package dataset-fashion-mnist (~30 MB)..." >&2
if [ "$(id -u)" = 0 ]; then
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >&2; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >&2
  fi
  has_data "$system_dir" && { echo "$system_dir"; exit 0; }
else
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && apt-get download dataset-fashion-mnist >&2)
  mkdir -p "$cache_root"
  dpkg -x "$tmp"/dataset-fashion-mnist_*.deb "$cache_root"
  has_data "$user_dir" && { echo "$user_dir"; exit 0; }
fi
echo "cc4j: could not install Fashion-MNIST (apt-get failed); install the package dataset-fashion-mnist by hand" >&2
exit 1

#!/usr/bin/env bash
# Installs the system packages the test suite needs (as root with apt-get); a no-op when present:
#   chromium, chromium-driver          the browser test of the serving page (Selenium)
#   python3-torch, -torchvision, -pil  the PyTorch parity tests and the PIL reference of the image decoder
#   libjemalloc2                       the allocator the launcher preloads (the repeatability check uses both)
# Without root, missing packages are listed and the tests that need them are skipped with a message.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
/usr/bin/python3 -c 'import torch, torchvision, PIL, numpy' >/dev/null 2>&1 \
  || need+=(python3-torch python3-torchvision python3-pil python3-numpy)
[ -f /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 ] || need+=(libjemalloc2)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "install-test-deps: installing ${need[*]} with apt-get" >&2
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null 2>&1; then
      apt-get update -qq >&2 || true
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
    fi
  else
    echo "install-test-deps: ${need[*]} missing and not root; the tests that need them will be skipped" >&2
  fi
fi
# The end-to-end CLI tests train on a slice of real Fashion-MNIST.
bash "$(dirname "$0")/install-fashion-mnist.sh" >/dev/null \
  || echo "install-test-deps: Fashion-MNIST could not be installed; the end-to-end CLI tests will be skipped" >&2

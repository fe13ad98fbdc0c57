#!/usr/bin/env bash
# Installs the system packages the test suite needs (as root with apt-get); a no-op when present.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# The PyTorch parity tests run the project's reference (scripts/cc_network.py) with Debian's Python packages.
/usr/bin/python3 -c "import torch, torchvision, numpy, PIL" >/dev/null 2>&1 \
  || need+=(python3-torch python3-torchvision python3-numpy python3-pil)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "install-test-deps: installing ${need[*]} with apt-get" >&2
    apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
  else
    echo "install-test-deps: ${need[*]} missing and not root; the tests needing them will be skipped" >&2
  fi
fi
# The end-to-end CLI tests train on a slice of real Fashion-MNIST.
bash "$(dirname "$0")/install-fashion-mnist.sh" >/dev/null \
  || echo "install-test-deps: Fashion-MNIST could not be installed; the end-to-end CLI tests will be skipped" >&2

#!/usr/bin/env python3
"""Rebuilds the Contrastive Clustering network from cc4j's npz weights and saves it as TorchScript.

The network is the project's own PyTorch reference (cc_network.py, next to this file: torchvision's ResNet and
the official heads). The npz's tensors must fit it exactly (missing, unexpected or mis-shaped tensors are
listed and refused). The saved module takes images (B, 3, S, S) in [0, 1] (the test transform: resize to S x S,
to tensor; grey images as three equal channels) and returns (z, c): unit instance features (B, 128) and cluster
probabilities (B, K), in eval mode. When the sidecar names an input normalisation (test_transform.normalize, e.g.
ImageNet's mean and std for a pretrained backbone), the module applies it itself first: callers always pass
[0, 1] pixels.

    npz-to-torchscript.py model.npz --out model.pt
    python3 -c "import torch; z, c = torch.jit.load('model.pt')(torch.rand(1, 3, 32, 32)); print(c.argmax(1))"

Architecture and input size come from the sidecar FILE.json that `cc4j export` writes beside FILE.npz; without
it they are read from the tensors and --size gives the input size of the example used for tracing.

Needs numpy, torch and torchvision (Debian: python3-numpy, python3-torch, python3-torchvision).
Exit codes: 0 done, 2 bad input (the message names the file and the tensors), 1 anything else.
"""

import argparse
import json
import os
import sys
import zipfile

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cc_network  # noqa: E402  (the project's reference network, next to this script)


class BadInput(Exception):
    """Input the user can fix; reported with exit code 2."""


def read_sidecar(npz_path):
    root, ext = os.path.splitext(npz_path)
    path = (root if ext == ".npz" else npz_path) + ".json"
    if not os.path.isfile(path):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise BadInput(f"{path}: not a readable JSON sidecar: {e}") from e


def load_network(path, sidecar):
    if not os.path.isfile(path):
        raise BadInput(f"{path}: no such file")
    try:
        return cc_network.load_npz(path, sidecar)
    except (OSError, zipfile.BadZipFile) as e:
        raise BadInput(f"{path}: not a readable npz file: {e}") from e
    except ValueError as e:
        raise BadInput(f"{path}: {e}") from e


def main(argv):
    parser = argparse.ArgumentParser(description="cc4j npz weights -> TorchScript module returning (z, c).")
    parser.add_argument("npz", help="weights written by `cc4j export --format npz` or cc-checkpoint-to-npz.py")
    parser.add_argument("--out", help="output TorchScript file (default: the npz's name with .pt)")
    parser.add_argument("--size", type=int, help="input size of the tracing example (default: the sidecar's)")
    args = parser.parse_args(argv)
    try:
        sidecar = read_sidecar(args.npz)
        net, arch = load_network(args.npz, sidecar)
        size = args.size or (sidecar or {}).get("input_size")
        if not size or size < 1:
            raise BadInput(f"{args.npz}: no sidecar gives the input size: add --size S")
        out = args.out or os.path.splitext(args.npz)[0] + ".pt"
        example = torch.rand(2, 3, size, size, generator=torch.Generator().manual_seed(0))
        with torch.no_grad():
            traced = torch.jit.trace(net, example)
            # The traced module must compute what the eager one does, or the file is worthless.
            for got, want in zip(traced(example), net(example)):
                if not torch.equal(got, want):
                    raise RuntimeError("the traced module differs from the eager network on the example input")
        traced.save(out)
    except BadInput as e:
        print(f"npz-to-torchscript: error: {e}", file=sys.stderr)
        return 2
    normalization = cc_network.normalization_of(sidecar)
    applied = "" if normalization is None else f", normalised inside with mean {list(normalization[0])} std {list(normalization[1])}"
    print(f"wrote {out} ({cc_network.describe(arch)}; input (B, 3, {size}, {size}) in [0, 1]{applied}; returns (z, c))")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Converts an official Contrastive-Clustering checkpoint (checkpoint_N.tar) into cc4j's npz weights.

The official code saves {'net': model.state_dict(), 'optimizer': ..., 'epoch': N} with torch.save. This script
reads 'net', checks every tensor against cc4j's PyTorch reference of the network (cc_network.py, next to this
file), and writes FILE.npz (one float32 array per parameter or BatchNorm statistic, int64 scalars for
num_batches_tracked, under the official state-dict names) and FILE.json (the sidecar cc4j writes too: K,
backbone, stem, width, input size, test transform). The optimizer state is not converted: `cc4j import`
starts training from fresh Adam state.

Backbone, stem, width, K and the feature dimension are read from the tensors; the input size cannot be, so
give --size (default 224, what the official code trains every dataset at).

    cc-checkpoint-to-npz.py save/CIFAR-10/checkpoint_1000.tar --out cifar10.npz
    cc4j import --npz cifar10.npz --backbone resnet34 --stem imagenet --clusters 10 --size 224 --out runs/c10

Needs numpy, torch and torchvision (Debian: python3-numpy, python3-torch, python3-torchvision).
Exit codes: 0 done, 2 bad input (the message names the file and the tensors), 1 anything else.
"""

import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cc_network  # noqa: E402  (the project's reference network, next to this script)
import torch_files  # noqa: E402  (reading PyTorch files without running code from them)

FORMAT = "cc4j-weights-npz"
FORMAT_VERSION = 1


class BadInput(Exception):
    """Input the user can fix; reported with exit code 2."""


def _torch_load(path, trust):
    try:
        return torch_files.load(path, trust)
    except torch_files.UnreadableFile as e:
        raise BadInput(str(e)) from e


def load_checkpoint(path, trust):
    """The checkpoint's 'net' state dict (and its epoch, or None); tensors on the CPU."""
    if not os.path.isfile(path):
        raise BadInput(f"{path}: no such file")
    state = _torch_load(path, trust)
    if isinstance(state, dict) and "net" in state:
        net, epoch = state["net"], state.get("epoch")
    elif isinstance(state, dict) and all(isinstance(v, torch.Tensor) for v in state.values()):
        net, epoch = state, None  # a bare state dict: accepted too
    else:
        raise BadInput(f"{path}: expected the official layout {{'net', 'optimizer', 'epoch'}} or a state dict")
    # nn.DataParallel prefixes every name with 'module.'.
    if net and all(k.startswith("module.") for k in net):
        net = {k[len("module."):]: v for k, v in net.items()}
    return net, epoch


def infer_architecture(net, path):
    try:
        return cc_network.infer_architecture({k: tuple(v.shape) for k, v in net.items()})
    except ValueError as e:
        raise BadInput(f"{path}: {e}") from e


def check_against_reference(net, arch, path):
    """The reference's entries, after checking that every tensor is there with its shape and no other."""
    problems = cc_network.state_dict_problems({k: tuple(v.shape) for k, v in net.items()}, arch)
    if problems:
        raise BadInput(f"{path} does not fit {cc_network.describe(arch)}: {problems}")
    return cc_network.state_dict_entries(*arch)


def to_arrays(net, expected):
    """name -> numpy array in the reference order: float32 for parameters and statistics, int64 counters."""
    arrays = {}
    for name, _, dtype in expected:
        tensor = net[name].detach().cpu()
        if dtype == "int64":
            arrays[name] = tensor.to(torch.int64).numpy().astype("<i8", copy=False)
        else:
            if tensor.dtype != torch.float32:
                print(f"note: {name} is {tensor.dtype}, converted to float32", file=sys.stderr)
            arrays[name] = np.ascontiguousarray(tensor.to(torch.float32).numpy().astype("<f4", copy=False))
    return arrays


def sidecar(arch, size, source):
    """The JSON cc4j writes beside an npz (io.cc4j.model.store.WeightsSidecar), same keys and order."""
    backbone, stem, width, clusters, feature_dim = arch
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "backbone": backbone,
        "stem": stem,
        "width": width,
        "feature_dim": feature_dim,
        "clusters": clusters,
        "input_channels": 3,
        "input_size": size,
        "test_transform": {
            "resize": [size, size],
            "interpolation": "bilinear",
            "antialias": True,
            "normalize": None,
            "grayscale": "replicated to three channels",
            "torchvision": f"transforms.Compose([transforms.Resize(({size}, {size})), transforms.ToTensor()])",
        },
        "source": source,
    }


def sidecar_path(npz_path):
    root, ext = os.path.splitext(npz_path)
    return (root if ext == ".npz" else npz_path) + ".json"


def main(argv):
    parser = argparse.ArgumentParser(description="Official Contrastive-Clustering checkpoint_N.tar -> cc4j npz.")
    parser.add_argument("checkpoint", help="checkpoint_N.tar written by the official train.py")
    parser.add_argument("--out", help="output .npz (default: the checkpoint's name with .npz)")
    parser.add_argument("--size", type=int, default=224,
                        help="input size the model was trained at (default 224, the official image_size)")
    parser.add_argument("--trust", action="store_true",
                        help="unpickle the file fully (only for files you trust) when the safe loader refuses it")
    args = parser.parse_args(argv)
    try:
        if args.size < 1:
            raise BadInput(f"--size must be positive, got {args.size}")
        net, epoch = load_checkpoint(args.checkpoint, args.trust)
        arch = infer_architecture(net, args.checkpoint)
        expected = check_against_reference(net, arch, args.checkpoint)
        arrays = to_arrays(net, expected)
        out = args.out or os.path.splitext(args.checkpoint)[0] + ".npz"
        if not out.endswith(".npz"):
            raise BadInput(f"--out {out}: the file name must end in .npz")
        np.savez(out, **arrays)
        source = f"official Contrastive-Clustering checkpoint {os.path.basename(args.checkpoint)}"
        if epoch is not None:
            source += f", epoch {epoch}"
        with open(sidecar_path(out), "w", encoding="utf-8") as f:
            json.dump(sidecar(arch, args.size, source), f, indent=2)
            f.write("\n")
    except BadInput as e:
        print(f"cc-checkpoint-to-npz: error: {e}", file=sys.stderr)
        return 2
    backbone, stem, width, clusters, feature_dim = arch
    print(f"wrote {out} ({len(arrays)} tensors: {backbone}, {stem} stem, width {width}, K {clusters}, "
          f"feature dim {feature_dim}, input {args.size}) and {sidecar_path(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

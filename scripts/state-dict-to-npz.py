#!/usr/bin/env python3
"""Converts a pretrained ResNet's PyTorch weights into the npz `cc4j train --init-backbone` starts from.

Reads a file torch.save wrote (.pth, .pt, .tar): a bare state dict, or one under 'state_dict', 'model', 'net' or
'encoder' (as torchvision, MoCo, SimCLR, SupCon and the official Contrastive Clustering code save them). The
backbone's names may carry a prefix ('resnet.', 'encoder.', 'module.encoder_q.', 'module.encoder.', 'backbone.',
'module.'): it is found when exactly one fits, or named with --prefix. The ResNet (18, 34 or 50; ImageNet or CIFAR
stem; width) is read from the tensors and every tensor is checked against torchvision's (missing, unexpected and
mis-shaped ones are listed and refused). The classifier fc.* and everything outside the prefix (a MoCo key encoder,
projection heads) are left out.

Writes FILE.npz (the backbone under torchvision's names without prefix: float32 parameters and BatchNorm
statistics, int64 num_batches_tracked) and FILE.json, the sidecar: format cc4j-backbone-npz, the architecture and
the input normalisation the weights were trained with (--normalization, default imagenet: torchvision's and most
self-supervised ImageNet ResNets use mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225)). cc4j reads the
normalisation from the sidecar and makes it part of the model.

    state-dict-to-npz.py moco_v2_800ep_pretrain.pth.tar --out mocov2.npz
    state-dict-to-npz.py --torchvision resnet50 --weights IMAGENET1K_V2 --out r50.npz   (downloads; needs internet)
    cc4j train --init-backbone r50.npz --backbone resnet50 --stem imagenet --size 224 ...

--torchvision NAME --weights W builds torchvision's model with those weights (torchvision downloads them into
its cache, ~/.cache/torch/hub/checkpoints, the first time; the normalisation is the one the weights' own
transforms use). --weights none gives torchvision's random initialisation (no download).

The file is unpickled with an allow-list (tensors, OrderedDict; torch_files.py); --trust unpickles it fully, for
files you trust (a whole model saved with torch.save(model) needs it).

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

FORMAT = "cc4j-backbone-npz"
FORMAT_VERSION = 1
PREFIXES = ("", "resnet.", "encoder.", "module.encoder_q.", "module.encoder.", "backbone.", "module.")
CONTAINERS = ("state_dict", "model", "net", "encoder")


class BadInput(Exception):
    """Input the user can fix; reported with exit code 2."""


def is_state_dict(value):
    return isinstance(value, dict) and len(value) > 0 and all(isinstance(v, torch.Tensor) for v in value.values())


def unwrap(obj, path):
    """The state dict inside what torch.save wrote: bare, under one of CONTAINERS (possibly nested), or a module."""
    if hasattr(obj, "state_dict") and callable(obj.state_dict) and not isinstance(obj, dict):
        obj = obj.state_dict()
    if is_state_dict(obj):
        return dict(obj), None
    if isinstance(obj, dict):
        for key in CONTAINERS:
            if key in obj:
                inner, where = unwrap(obj[key], path)
                return inner, key if where is None else f"{key}.{where}"
        keys = ", ".join(repr(k) for k in list(obj)[:8])
        raise BadInput(f"{path}: holds a dict without tensors at the top and without any of "
                       f"{', '.join(repr(k) for k in CONTAINERS)} (its keys: {keys})")
    raise BadInput(f"{path}: holds a {type(obj).__name__}, not a state dict")


def find_prefix(names, given, path):
    if given == "none":
        return ""
    if given != "auto":
        return given if given.endswith(".") else given + "."
    fits = [p for p in PREFIXES if p + "conv1.weight" in names and p + "layer1.0.conv1.weight" in names]
    if len(fits) == 1:
        return fits[0]
    shown = lambda ps: ", ".join(p or "none" for p in ps)  # noqa: E731
    if not fits:
        first = ", ".join(list(names)[:6])
        raise BadInput(f"{path}: no ResNet backbone under torchvision's names with any known prefix "
                       f"({shown(PREFIXES)}); its first names: {first}; name the prefix with --prefix")
    raise BadInput(f"{path}: a ResNet backbone under several prefixes ({shown(fits)}); name one with --prefix")


def select_backbone(state, prefix, path):
    """(torchvision name -> tensor, names left out): the tensors under the prefix without fc.*, checked."""
    backbone, left_out, unexpected = {}, [], []
    for name, tensor in state.items():
        if not name.startswith(prefix):
            left_out.append(name)
            continue
        local = name[len(prefix):]
        if local.startswith("fc."):
            left_out.append(name)
        elif local.startswith(("conv1.", "bn1.", "layer1.", "layer2.", "layer3.", "layer4.")):
            backbone[local] = tensor
        else:
            unexpected.append(name)
    try:
        arch = cc_network.infer_backbone({k: tuple(v.shape) for k, v in backbone.items()})
    except ValueError as e:
        raise BadInput(f"{path} (prefix '{prefix}'): {e}") from e
    expected = cc_network.backbone_entries(*arch)
    names = {n for n, _, _ in expected}
    missing = [n for n, _, dtype in expected if n not in backbone and not n.endswith("num_batches_tracked")]
    unexpected += [prefix + n for n in backbone if n not in names]
    shaped = [f"{prefix}{n} is {list(backbone[n].shape)}, expected {list(shape)}"
              for n, shape, _ in expected if n in backbone and tuple(backbone[n].shape) != shape]
    problems = []
    if missing:
        problems.append(f"missing {len(missing)}: " + ", ".join(prefix + n for n in missing))
    if unexpected:
        problems.append(f"unexpected {len(unexpected)}: " + ", ".join(unexpected))
    if shaped:
        problems.append(f"mis-shaped {len(shaped)}: " + "; ".join(shaped))
    if problems:
        raise BadInput(f"{path} does not hold a torchvision {describe(arch)} under the prefix '{prefix}': "
                       + " | ".join(problems))
    arrays = {}
    for n, _, dtype in expected:
        if n not in backbone:
            continue  # num_batches_tracked, which older files lack and cc4j does not use
        t = backbone[n].detach().cpu()
        if dtype == "int64":
            arrays[n] = t.to(torch.int64).numpy().astype("<i8", copy=False)
        else:
            arrays[n] = np.ascontiguousarray(t.to(torch.float32).numpy().astype("<f4", copy=False))
    return arch, arrays, left_out


def describe(arch):
    backbone, stem, width = arch
    return f"{backbone} with the {stem} stem at width {width}"


def parse_normalization(text):
    """(name, mean, std) or None for 'none'."""
    t = text.strip().lower()
    if t == "none":
        return None
    if t == "imagenet":
        return "imagenet", list(cc_network.IMAGENET_MEAN), list(cc_network.IMAGENET_STD)
    if t.startswith("mean=") and "std=" in t:
        mean_text, std_text = t[len("mean="):t.index("std=")].rstrip(", "), t[t.index("std=") + 4:]
        try:
            mean = [float(v) for v in mean_text.split(",")]
            std = [float(v) for v in std_text.split(",")]
        except ValueError as e:
            raise BadInput(f"--normalization {text}: {e}") from e
        mean, std = (mean * 3 if len(mean) == 1 else mean), (std * 3 if len(std) == 1 else std)
        if len(mean) != 3 or len(std) != 3 or min(std) <= 0:
            raise BadInput(f"--normalization {text}: needs 1 or 3 means and 1 or 3 positive stds")
        name = "imagenet" if (tuple(mean), tuple(std)) == (cc_network.IMAGENET_MEAN, cc_network.IMAGENET_STD) else None
        return name, mean, std
    raise BadInput(f"--normalization {text}: expected none, imagenet or mean=M1,M2,M3,std=S1,S2,S3")


def sidecar(arch, normalization, source, prefix, left_out):
    backbone, stem, width = arch
    normalize = None
    if normalization is not None:
        name, mean, std = normalization
        normalize = {"mean": mean, "std": std}
        if name:
            normalize["name"] = name
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "backbone": backbone,
        "stem": stem,
        "width": width,
        "normalize": normalize,
        "source": source,
        "prefix_removed": prefix,
        "left_out": len(left_out),
    }


def default_out(path):
    """The file's name without its PyTorch suffixes (moco.pth.tar -> moco.npz), beside it."""
    root = path
    while os.path.splitext(root)[1].lower() in (".tar", ".pth", ".pt", ".ckpt", ".bin"):
        root = os.path.splitext(root)[0]
    return root + ".npz"


def sidecar_path(npz_path):
    root, ext = os.path.splitext(npz_path)
    return (root if ext == ".npz" else npz_path) + ".json"


def from_torchvision(name, weights):
    """(state dict, normalization, source) of torchvision's model `name` with `weights` ('none': random)."""
    import torchvision

    if weights.lower() == "none":
        model = torchvision.models.get_model(name, weights=None)
        imagenet = ("imagenet", list(cc_network.IMAGENET_MEAN), list(cc_network.IMAGENET_STD))
        return model.state_dict(), imagenet, f"torchvision {name}, random initialisation"
    try:
        enum = torchvision.models.get_model_weights(name)
        chosen = enum[weights] if weights != "DEFAULT" else enum.DEFAULT
    except (KeyError, ValueError) as e:
        raise BadInput(f"--torchvision {name} --weights {weights}: unknown ({e})") from e
    model = torchvision.models.get_model(name, weights=chosen)  # downloads into torch's hub cache
    preset = chosen.transforms()
    mean, std = list(getattr(preset, "mean", cc_network.IMAGENET_MEAN)), list(getattr(preset, "std",
                                                                                     cc_network.IMAGENET_STD))
    name_ = "imagenet" if (tuple(mean), tuple(std)) == (cc_network.IMAGENET_MEAN, cc_network.IMAGENET_STD) else None
    return model.state_dict(), (name_, mean, std), f"torchvision {name} {chosen}"


def main(argv):
    parser = argparse.ArgumentParser(description="A pretrained ResNet's PyTorch weights -> cc4j's backbone npz.")
    parser.add_argument("file", nargs="?", help="a .pth/.pt/.tar file written by torch.save")
    parser.add_argument("--out", help="output .npz (default: the file's name with .npz)")
    parser.add_argument("--prefix", default="auto",
                        help="prefix of the backbone's names: auto (default: the one of "
                             + ", ".join(p or "none" for p in PREFIXES) + " that fits), none, or the prefix")
    parser.add_argument("--normalization", default=None,
                        help="input normalisation the weights were trained with: imagenet (default), none, or "
                             "mean=M1,M2,M3,std=S1,S2,S3")
    parser.add_argument("--torchvision", metavar="NAME", help="take torchvision's model NAME (resnet18/34/50)")
    parser.add_argument("--weights", default="DEFAULT",
                        help="with --torchvision: the weights, e.g. IMAGENET1K_V2 (default DEFAULT; none: random)")
    parser.add_argument("--trust", action="store_true",
                        help="unpickle the file fully (only for files you trust) when the safe loader refuses it")
    args = parser.parse_args(argv)
    try:
        if (args.file is None) == (args.torchvision is None):
            raise BadInput("give either a FILE or --torchvision NAME")
        if args.torchvision:
            state, normalization, source = from_torchvision(args.torchvision, args.weights)
            path = f"torchvision {args.torchvision}"
            out = args.out or f"{args.torchvision}.npz"
            if args.normalization is not None:
                normalization = parse_normalization(args.normalization)
        else:
            path = args.file
            if not os.path.isfile(path):
                raise BadInput(f"{path}: no such file")
            try:
                loaded = torch_files.load(path, args.trust)
            except torch_files.UnreadableFile as e:
                raise BadInput(str(e)) from e
            state, where = unwrap(loaded, path)
            out = args.out or default_out(path)
            normalization = parse_normalization(args.normalization or "imagenet")
            source = os.path.basename(path) + (f" ['{where}']" if where else "")
            if args.normalization is None:
                print("note: input normalisation imagenet (the default; give --normalization if the network was "
                      "trained with other values, or none)", file=sys.stderr)
        if not out.endswith(".npz"):
            raise BadInput(f"--out {out}: the file name must end in .npz")
        prefix = find_prefix(list(state), args.prefix, path)
        arch, arrays, left_out = select_backbone(state, prefix, path)
        np.savez(out, **arrays)
        with open(sidecar_path(out), "w", encoding="utf-8") as f:
            json.dump(sidecar(arch, normalization, source, prefix, left_out), f, indent=2)
            f.write("\n")
    except BadInput as e:
        print(f"state-dict-to-npz: error: {e}", file=sys.stderr)
        return 2
    norm = "none" if normalization is None else (normalization[0] or f"mean {normalization[1]} std {normalization[2]}")
    print(f"wrote {out} ({len(arrays)} tensors: {describe(arch)}"
          + (f", prefix '{prefix}' removed" if prefix else "")
          + (f", {len(left_out)} other tensors left out" if left_out else "")
          + f"; input normalisation {norm}) and {sidecar_path(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

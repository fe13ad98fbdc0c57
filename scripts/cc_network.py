#!/usr/bin/env python3
"""cc4j's PyTorch reference of the Contrastive Clustering network.

torchvision's ResNet-18/34/50 without `fc`, with torchvision's ImageNet stem or the CIFAR stem, and the two
heads of the official code's `Network` (Li et al., AAAI 2021), under the official state-dict names:

    resnet.conv1.weight, resnet.bn1.{weight,bias,running_mean,running_var,num_batches_tracked},
    resnet.layerS.U.{conv1,bn1,conv2,bn2[,conv3,bn3]}..., resnet.layerS.0.downsample.{0,1}...,
    instance_projector.{0,2}.{weight,bias}, cluster_projector.{0,2}.{weight,bias}

Stems, as cc4j's ResNetBackbone builds them:
    imagenet  7x7 conv stride 2 padding 3, BN, ReLU, 3x3 max-pool stride 2 padding 1 (torchvision's)
    cifar     3x3 conv stride 1 padding 1, BN, ReLU, no max-pool

Input normalisation: cc4j's model may normalise its [0, 1] input first, per channel (x - mean) / std as
torchvision's `transforms.Normalize` does (ImageNet's values for pretrained torchvision backbones; none for CC's
own networks). `normalization=(mean, std)` makes the network do the same at the start of every forward (in
non-persistent buffers, so the state dict keeps the official names); the sidecar's
`test_transform.normalize` says which (`normalization_of(sidecar)`).

`width` is cc4j's --width: the stem and the four stages have width, 2 width, 4 width, 8 width planes
(torchvision's 64, 128, 256, 512 at width 64). It scales `inplanes` and every stage's `planes`; torchvision's
`width_per_group` stays 64, so a bottleneck's inner width equals its planes as in resnet50 (raising
width_per_group would give wide_resnet50_2 instead, which cc4j does not build).

Usage as a module: `build_network("resnet18", "cifar", width=64, clusters=10)`.
Usage as a script: `cc_network.py names --backbone resnet18 --stem cifar --width 8 --clusters 10` prints the
state-dict entries (name, shape, dtype) in order.

Needs torch and torchvision (Debian: python3-torch, python3-torchvision).
"""

import argparse
import functools
import sys

import torch
import torch.nn as nn
from torch.nn.functional import normalize
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet

BACKBONES = {
    "resnet18": (BasicBlock, [2, 2, 2, 2]),
    "resnet34": (BasicBlock, [3, 4, 6, 3]),
    "resnet50": (Bottleneck, [3, 4, 6, 3]),
}
STEMS = ("imagenet", "cifar")
TORCHVISION_WIDTH = 64


class Backbone(ResNet):
    """torchvision's ResNet at a given width and stem, without fc; forward gives the pooled h (B, rep_dim)."""

    def __init__(self, backbone, stem, width=TORCHVISION_WIDTH):
        if backbone not in BACKBONES:
            raise ValueError(f"unknown backbone {backbone!r} (expected one of {', '.join(BACKBONES)})")
        if stem not in STEMS:
            raise ValueError(f"unknown stem {stem!r} (expected imagenet or cifar)")
        if width < 1:
            raise ValueError(f"width must be at least 1, got {width}")
        block, layers = BACKBONES[backbone]
        # torchvision's ResNet.__init__ hard-codes 64 planes: set up what its _make_layer and forward use, then
        # build every part with torchvision's own blocks and _make_layer, so wiring and downsample rules stay
        # torchvision's (constructing the 64-wide network first would cost seconds of initialisation).
        nn.Module.__init__(self)
        self._norm_layer = nn.BatchNorm2d
        self.inplanes = width
        self.dilation = 1
        self.groups = 1
        self.base_width = TORCHVISION_WIDTH
        imagenet = stem == "imagenet"
        self.conv1 = nn.Conv2d(3, width, kernel_size=7 if imagenet else 3, stride=2 if imagenet else 1,
                               padding=3 if imagenet else 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1) if imagenet else nn.Identity()
        self.layer1 = self._make_layer(block, width, layers[0])
        self.layer2 = self._make_layer(block, 2 * width, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 4 * width, layers[2], stride=2)
        self.layer4 = self._make_layer(block, 8 * width, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Identity()
        self.rep_dim = 8 * width * block.expansion
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)


IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


class InputNormalization(nn.Module):
    """(x - mean) / std per channel, as torchvision's Normalize computes it; the identity without values."""

    def __init__(self, normalization=None):
        super().__init__()
        self.enabled = normalization is not None
        mean, std = normalization if self.enabled else ((0.0,) * 3, (1.0,) * 3)
        # Not in the state dict: the official names stay the whole state.
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32).view(1, -1, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32).view(1, -1, 1, 1), persistent=False)

    def forward(self, x):
        if not self.enabled:
            return x
        return x.sub(self.mean).div(self.std)


def normalization_of(sidecar):
    """(mean, std) of a sidecar's test_transform.normalize, or None when it names none (or there is no sidecar)."""
    normalize = ((sidecar or {}).get("test_transform") or {}).get("normalize")
    if not normalize:
        return None
    mean, std = normalize.get("mean"), normalize.get("std")
    if not isinstance(mean, list) or not isinstance(std, list) or len(mean) != 3 or len(std) != 3:
        raise ValueError(f"the sidecar's test_transform.normalize must hold 3 means and 3 stds, got {normalize}")
    return tuple(float(v) for v in mean), tuple(float(v) for v in std)


class ContrastiveClusteringNetwork(nn.Module):
    """The backbone `resnet` and the heads `instance_projector` (ICH) and `cluster_projector` (CCH)."""

    def __init__(self, backbone, stem, width=TORCHVISION_WIDTH, clusters=10, feature_dim=128, normalization=None):
        super().__init__()
        self.input_normalization = InputNormalization(normalization)
        self.resnet = Backbone(backbone, stem, width)
        rep = self.resnet.rep_dim
        self.instance_projector = nn.Sequential(nn.Linear(rep, rep), nn.ReLU(), nn.Linear(rep, feature_dim))
        self.cluster_projector = nn.Sequential(nn.Linear(rep, rep), nn.ReLU(), nn.Linear(rep, clusters),
                                               nn.Softmax(dim=1))

    def forward(self, x):
        """(z, c): unit instance features (B, feature_dim) and cluster probabilities (B, K)."""
        h = self.resnet(self.input_normalization(x))
        return normalize(self.instance_projector(h), dim=1), self.cluster_projector(h)

    def forward_all(self, x):
        """(h, z, c): backbone representation, instance features, cluster probabilities."""
        h = self.resnet(self.input_normalization(x))
        return h, normalize(self.instance_projector(h), dim=1), self.cluster_projector(h)

    def forward_pair(self, x_i, x_j):
        """The official training forward: (z_i, z_j, c_i, c_j), the two views run separately."""
        z_i, c_i = self.forward(x_i)
        z_j, c_j = self.forward(x_j)
        return z_i, z_j, c_i, c_j


def build_network(backbone, stem, width=TORCHVISION_WIDTH, clusters=10, feature_dim=128, normalization=None):
    """A freshly initialised network (torchvision's init for the backbone, PyTorch's for the heads)."""
    return ContrastiveClusteringNetwork(backbone, stem, width, clusters, feature_dim, normalization)


@functools.lru_cache(maxsize=None)
def state_dict_entries(backbone, stem, width, clusters, feature_dim=128):
    """[(name, shape tuple, dtype name)] of the network's state dict, in order."""
    net = build_network(backbone, stem, width, clusters, feature_dim)
    return [(name, tuple(t.shape), str(t.dtype).replace("torch.", "")) for name, t in net.state_dict().items()]


@functools.lru_cache(maxsize=None)
def backbone_entries(backbone, stem, width=TORCHVISION_WIDTH):
    """[(name, shape tuple, dtype name)] of the backbone's state dict under torchvision's names (no prefix, no fc)."""
    net = Backbone(backbone, stem, width)
    return [(name, tuple(t.shape), str(t.dtype).replace("torch.", "")) for name, t in net.state_dict().items()]


def infer_backbone(shapes):
    """(backbone, stem, width) of a ResNet from a {torchvision name: shape} map (conv1.weight, layer1.0...).

    Raises ValueError naming what does not fit a ResNet-18/34/50."""
    if "conv1.weight" not in shapes:
        raise ValueError("no conv1.weight: not a ResNet under torchvision's names")
    conv1 = shapes["conv1.weight"]
    stems = {7: "imagenet", 3: "cifar"}
    if len(conv1) != 4 or conv1[-1] not in stems:
        raise ValueError(f"conv1.weight has shape {list(conv1)}; expected a 7x7 (imagenet stem) or 3x3 (cifar stem)"
                         f" convolution")
    units = []
    for stage in range(1, 5):
        prefix = f"layer{stage}."
        found = set()
        for k in shapes:  # a unit is where its first convolution is
            parts = k[len(prefix):].split(".") if k.startswith(prefix) else []
            if len(parts) == 3 and parts[0].isdigit() and parts[1:] == ["conv1", "weight"]:
                found.add(int(parts[0]))
        units.append(max(found) + 1 if found else 0)
    bottleneck = "layer1.0.conv3.weight" in shapes
    known = {((2, 2, 2, 2), False): "resnet18", ((3, 4, 6, 3), False): "resnet34",
             ((3, 4, 6, 3), True): "resnet50"}
    backbone = known.get((tuple(units), bottleneck))
    if backbone is None:
        raise ValueError(f"residual units per stage {units} ({'bottleneck' if bottleneck else 'basic'}) match "
                         f"no ResNet-18/34/50 (cc4j builds those three)")
    return backbone, stems[conv1[-1]], int(conv1[0])


def describe(arch):
    backbone, stem, width, clusters, feature_dim = arch
    return f"{backbone} with the {stem} stem, width {width}, K {clusters}, feature dim {feature_dim}"


def infer_architecture(shapes):
    """(backbone, stem, width, clusters, feature_dim) from a {state-dict name: shape} map.

    Raises ValueError naming what does not fit a Contrastive-Clustering network."""
    needed = ["resnet.conv1.weight", "instance_projector.2.weight", "cluster_projector.2.weight"]
    missing = [n for n in needed if n not in shapes]
    if missing:
        raise ValueError(f"not a Contrastive-Clustering network: missing {', '.join(missing)}")
    conv1 = shapes["resnet.conv1.weight"]
    stems = {7: "imagenet", 3: "cifar"}
    if len(conv1) != 4 or conv1[-1] not in stems:
        raise ValueError(f"resnet.conv1.weight has shape {list(conv1)}; expected a 7x7 (imagenet stem) or 3x3 "
                         f"(cifar stem) convolution")
    units = []
    for stage in range(1, 5):
        prefix = f"resnet.layer{stage}."
        found = {int(k[len(prefix):].split(".")[0]) for k in shapes if k.startswith(prefix)}
        units.append(max(found) + 1 if found else 0)
    bottleneck = "resnet.layer1.0.conv3.weight" in shapes
    known = {((2, 2, 2, 2), False): "resnet18", ((3, 4, 6, 3), False): "resnet34",
             ((3, 4, 6, 3), True): "resnet50"}
    backbone = known.get((tuple(units), bottleneck))
    if backbone is None:
        raise ValueError(f"residual units per stage {units} ({'bottleneck' if bottleneck else 'basic'}) match "
                         f"no ResNet-18/34/50")
    return (backbone, stems[conv1[-1]], int(conv1[0]), int(shapes["cluster_projector.2.weight"][0]),
            int(shapes["instance_projector.2.weight"][0]))


def state_dict_problems(shapes, arch):
    """One line listing every missing, unexpected or mis-shaped tensor of a {name: shape} map; '' if none."""
    expected = state_dict_entries(*arch)
    names = {name for name, _, _ in expected}
    missing = [name for name, _, _ in expected if name not in shapes]
    extra = sorted(k for k in shapes if k not in names)
    shaped = [f"{name} is {list(shapes[name])}, expected {list(shape)}"
              for name, shape, _ in expected if name in shapes and tuple(shapes[name]) != shape]
    problems = []
    if missing:
        problems.append(f"missing {len(missing)}: " + ", ".join(missing))
    if extra:
        problems.append(f"unexpected {len(extra)}: " + ", ".join(extra))
    if shaped:
        problems.append(f"mis-shaped {len(shaped)}: " + "; ".join(shaped))
    return " | ".join(problems)


def load_npz(path, sidecar=None):
    """(network in eval mode holding the weights of an npz, arch); ValueError naming what does not fit.

    `sidecar` (the parsed FILE.json, or None) must describe the same network as the tensors; its input
    normalisation (test_transform.normalize) becomes the network's."""
    import numpy as np  # only needed here: building the network needs torch alone

    with np.load(path, allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    shapes = {k: tuple(v.shape) for k, v in arrays.items()}
    arch = infer_architecture(shapes)
    if sidecar is not None:
        stated = (sidecar.get("backbone"), sidecar.get("stem"), sidecar.get("width"), sidecar.get("clusters"),
                  sidecar.get("feature_dim"))
        if stated != arch:
            raise ValueError(f"the sidecar describes {describe(stated)} but the tensors are {describe(arch)}")
    problems = state_dict_problems(shapes, arch)
    if problems:
        raise ValueError(f"the tensors do not fit {describe(arch)}: {problems}")
    state = {}
    for name, _, dtype in state_dict_entries(*arch):
        want = np.int64 if dtype == "int64" else np.float32
        if arrays[name].dtype != want:
            raise ValueError(f"{name} is {arrays[name].dtype}, expected {np.dtype(want).name}")
        state[name] = torch.from_numpy(np.ascontiguousarray(arrays[name]))
    net = build_network(*arch, normalization=normalization_of(sidecar))
    net.load_state_dict(state, strict=True)
    return net.eval(), arch


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    names = sub.add_parser("names", help="print the state-dict entries: name, [shape], dtype")
    names.add_argument("--backbone", required=True, choices=sorted(BACKBONES))
    names.add_argument("--stem", required=True, choices=STEMS)
    names.add_argument("--width", type=int, default=TORCHVISION_WIDTH)
    names.add_argument("--clusters", type=int, default=10)
    names.add_argument("--feature-dim", type=int, default=128)
    args = parser.parse_args(argv)
    for name, shape, dtype in state_dict_entries(args.backbone, args.stem, args.width, args.clusters,
                                                 args.feature_dim):
        print(name, "[" + ",".join(str(d) for d in shape) + "]", dtype)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

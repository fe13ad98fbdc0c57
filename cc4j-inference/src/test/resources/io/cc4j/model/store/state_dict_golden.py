#!/usr/bin/env python3
"""Writes state-dict-names.txt beside this file: the state dict of the project's PyTorch reference
(scripts/cc_network.py, torchvision's ResNet + the official heads) for every backbone and stem, at width 8,
K 10, feature dim 128. StateDictLayoutTest compares cc4j's name mapping and shapes with it.

    /usr/bin/python3 cc4j-inference/src/test/resources/io/cc4j/model/store/state_dict_golden.py
"""
import os
import sys

import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../../../../../../../../scripts"))
import cc_network  # noqa: E402

WIDTH, CLUSTERS, FEATURE_DIM = 8, 10, 128


def lines():
    yield (f"# scripts/cc_network.py state dicts (torch {torch.__version__}, torchvision {torchvision.__version__}): "
           f"width {WIDTH}, K {CLUSTERS}, feature dim {FEATURE_DIM}; made by state_dict_golden.py")
    yield "# backbone stem name [shape] dtype"
    for backbone in ("resnet18", "resnet34", "resnet50"):
        for stem in ("imagenet", "cifar"):
            for name, shape, dtype in cc_network.state_dict_entries(backbone, stem, WIDTH, CLUSTERS, FEATURE_DIM):
                yield f"{backbone} {stem} {name} [{','.join(str(d) for d in shape)}] {dtype}"


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "state-dict-names.txt")
    with open(out, "w", encoding="utf-8") as f:
        for line in lines():
            f.write(line + "\n")

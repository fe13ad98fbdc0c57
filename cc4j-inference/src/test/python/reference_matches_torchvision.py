#!/usr/bin/env python3
"""Checks that the project's reference backbone (scripts/cc_network.py) at width 64 with the ImageNet stem IS
torchvision's resnet18/34/50 without fc: same modules, same state dict, same output for the same weights.
Exits non-zero with a message otherwise. Run by StateDictLayoutTest."""
import os
import sys

import torch
import torchvision

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../scripts"))
import cc_network  # noqa: E402

for name in ("resnet18", "resnet34", "resnet50"):
    torchvision_net = getattr(torchvision.models, name)()
    torchvision_net.fc = torch.nn.Identity()
    ours = cc_network.Backbone(name, "imagenet", 64)
    if str(ours).replace("Backbone(", "ResNet(", 1) != str(torchvision_net):
        sys.exit(f"{name}: modules differ from torchvision's")
    theirs = [(k, tuple(v.shape)) for k, v in torchvision_net.state_dict().items()]
    mine = [(k, tuple(v.shape)) for k, v in ours.state_dict().items()]
    if theirs != mine:
        sys.exit(f"{name}: state dict differs from torchvision's")
    ours.load_state_dict(torchvision_net.state_dict())
    x = torch.rand(2, 3, 64, 64, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        if not torch.equal(ours.eval()(x), torchvision_net.eval()(x)):
            sys.exit(f"{name}: output differs from torchvision's")
    print(f"{name}: reference backbone == torchvision {torchvision.__version__} {name} without fc")

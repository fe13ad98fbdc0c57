#!/usr/bin/env python3
"""PyTorch side of PretrainedParityTest. Reads a manifest JSON:

  {"cases": [{"depth": "resnet18", "layout": L, "container": C, "seed": S, "dir": D, "inputs": X.npz}, ...]}

For each case: torchvision's ResNet with random weights (torchvision's initialisation, seeded) and random BatchNorm
statistics and affine parameters; its state dict saved as torch.save writes it in the layout L (the prefix of the
names: '' for torchvision's own, 'resnet.', 'encoder.', 'module.encoder_q.' with a MoCo key encoder and queue beside
it, 'module.encoder.', 'backbone.'), under the container key C ('' for a bare state dict, or 'state_dict', 'model',
'net', 'encoder'), classifier fc included, to D/weights.pth; converted by scripts/state-dict-to-npz.py (its main, in
this process) into D/backbone.npz + D/backbone.json; the same tensors also written straight to D/prefixed.npz
under L's names (what another tool's npz holds, for cc4j's own prefix detection). Then the backbone features h of
the images X.npz["x"] ([0, 1] pixels from cc4j's test transform), eval mode, after torchvision's
Normalize(ImageNet mean, std), to D/h.npz.
"""
import importlib.util
import json
import os
import sys

import numpy as np
import torch
import torchvision
from torchvision import transforms

SCRIPTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../scripts")
sys.path.insert(0, SCRIPTS)

_spec = importlib.util.spec_from_file_location("state_dict_to_npz", os.path.join(SCRIPTS, "state-dict-to-npz.py"))
CONVERTER = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(CONVERTER)

NORMALIZE = transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])


def random_resnet(depth, seed):
    torch.manual_seed(seed)
    net = getattr(torchvision.models, depth)()
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                # statistics and affine parameters away from 0/1, features of the size a trained network's have
                m.running_mean.normal_(0, 0.2)
                m.running_var.uniform_(1.0, 2.0)
                m.weight.uniform_(0.3, 1.0)
                m.bias.normal_(0, 0.1)
                m.num_batches_tracked.fill_(1234)
    return net.eval()


def run_case(case):
    net = random_resnet(case["depth"], case["seed"])
    prefix = case["layout"]
    state = {prefix + k: v for k, v in net.state_dict().items()}
    if prefix == "module.encoder_q.":  # MoCo keeps a key encoder and a queue beside the query encoder
        state.update({"module.encoder_k." + k: v.clone() for k, v in net.state_dict().items()})
        state["module.queue"] = torch.randn(128, 16)
    saved = {case["container"]: state, "epoch": 100} if case["container"] else state
    weights = os.path.join(case["dir"], "weights.pth")
    torch.save(saved, weights)
    code = CONVERTER.main([weights, "--out", os.path.join(case["dir"], "backbone.npz")])
    if code != 0:
        sys.exit(f"state-dict-to-npz.py failed on {weights} (exit {code})")
    np.savez(os.path.join(case["dir"], "prefixed.npz"), **{k: v.numpy() for k, v in state.items()})
    x = torch.from_numpy(np.load(case["inputs"])["x"])
    net.fc = torch.nn.Identity()
    with torch.no_grad():
        h = net(NORMALIZE(x))
    np.savez(os.path.join(case["dir"], "h.npz"), h=h.numpy())


def main(manifest_path):
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    for case in manifest["cases"]:
        run_case(case)
    print(f"pretrained_reference: torch {torch.__version__}, torchvision {torchvision.__version__}: "
          f"{len(manifest['cases'])} torchvision ResNets")


if __name__ == "__main__":
    main(sys.argv[1])

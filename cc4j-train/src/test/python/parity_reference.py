#!/usr/bin/env python3
"""PyTorch side of PyTorchParityTest. Reads a manifest JSON:

  {"cases": [{"npz": M.npz, "inputs": X.npz, "out": O.npz}, ...],
   "official": [{"backbone", "stem", "width", "clusters", "size", "seed", "dir", "inputs"}, ...]}

cases: loads M.npz (and its sidecar) into the project's reference network (scripts/cc_network.py), runs the
images X.npz["x"] in eval mode and writes O.npz with h, z and c.

official: builds a reference network, gives it non-trivial BatchNorm statistics (training-mode forwards) and an
Adam state (one step on fixed pseudo-gradients, no backward pass), saves it in the official layout
DIR/checkpoint_7.tar ({'net', 'optimizer', 'epoch'}), converts it with scripts/cc-checkpoint-to-npz.py (its
main, in this process) into DIR/official.npz, writes the state dict itself to DIR/state.npz (straight from
the tensors, not through the converter) and the eval-mode outputs on the images to DIR/out.npz.
"""
import importlib.util
import json
import os
import sys

import numpy as np
import torch

SCRIPTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../scripts")
sys.path.insert(0, SCRIPTS)
import cc_network  # noqa: E402

# The converter script itself, run in this process (its file name is not a module name).
_spec = importlib.util.spec_from_file_location("cc_checkpoint_to_npz", os.path.join(SCRIPTS, "cc-checkpoint-to-npz.py"))
CONVERTER = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(CONVERTER)


def outputs(net, x):
    with torch.no_grad():
        h, z, c = net.forward_all(torch.from_numpy(x))
    return {"h": h.numpy(), "z": z.numpy(), "c": c.numpy()}


def run_case(case):
    sidecar_path = os.path.splitext(case["npz"])[0] + ".json"
    with open(sidecar_path, encoding="utf-8") as f:
        sidecar = json.load(f)
    net, _ = cc_network.load_npz(case["npz"], sidecar)
    np.savez(case["out"], **outputs(net, np.load(case["inputs"])["x"]))


def run_official(spec):
    torch.manual_seed(spec["seed"])
    net = cc_network.build_network(spec["backbone"], spec["stem"], spec["width"], spec["clusters"])
    x = torch.from_numpy(np.load(spec["inputs"])["x"])
    net.train()
    with torch.no_grad():
        for k in range(3):  # running statistics and num_batches_tracked move away from 0/1/0
            net(x * (0.5 + 0.25 * k))
    optimizer = torch.optim.Adam(net.parameters(), lr=3e-4)
    for p in net.parameters():
        p.grad = torch.randn_like(p) * 0.01
    optimizer.step()
    net.eval()
    tar = os.path.join(spec["dir"], "checkpoint_7.tar")
    torch.save({"net": net.state_dict(), "optimizer": optimizer.state_dict(), "epoch": 7}, tar)
    np.savez(os.path.join(spec["dir"], "state.npz"), **{k: v.numpy() for k, v in net.state_dict().items()})
    code = CONVERTER.main([tar, "--out", os.path.join(spec["dir"], "official.npz"), "--size", str(spec["size"])])
    if code != 0:
        sys.exit(f"cc-checkpoint-to-npz.py failed on {tar} (exit {code})")
    np.savez(os.path.join(spec["dir"], "out.npz"), **outputs(net, x.numpy()))


def main(manifest_path):
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    for case in manifest.get("cases", []):
        run_case(case)
    for spec in manifest.get("official", []):
        run_official(spec)
    print(f"parity_reference: torch {torch.__version__}: {len(manifest.get('cases', []))} cases, "
          f"{len(manifest.get('official', []))} official checkpoints")


if __name__ == "__main__":
    main(sys.argv[1])

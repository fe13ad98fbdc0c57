#!/usr/bin/env python3
"""Runs a TorchScript file written by npz-to-torchscript.py on images and saves what it returns.

  torchscript_outputs.py MODEL.pt INPUTS.npz OUT.npz     (INPUTS.npz["x"]: (B, 3, S, S); OUT.npz: z, c)
"""
import sys

import numpy as np
import torch

module = torch.jit.load(sys.argv[1])
with torch.no_grad():
    z, c = module(torch.from_numpy(np.load(sys.argv[2])["x"]))
np.savez(sys.argv[3], z=z.numpy(), c=c.numpy())

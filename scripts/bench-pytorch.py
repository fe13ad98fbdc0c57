#!/usr/bin/env python3
"""The PyTorch side of cc4j's side-by-side benchmarks: the official Contrastive Clustering training step and
its online assignment, written here from the paper and the official code (modules/contrastive_loss.py,
train.py) over the project's reference network (cc_network.py: torchvision ResNet + the two heads).

    bench-pytorch.py step   --backbone resnet18 --stem imagenet --size 224 --batch 16 --threads 2
    bench-pytorch.py assign --backbone resnet18 --stem imagenet --size 32 --batch 256 --threads 2

`step` times forward of both views as two passes (as the official code), instance loss (tau 0.5) + cluster loss
with the entropy term (tau 1.0), backward and Adam (lr 3e-4), on random views; prints views/s (2 x batch /
median step). `assign` times the official `forward_cluster` (argmax of the cluster head) in eval mode without
gradients on random images; prints images/s. --json prints one JSON object. Needs Debian's python3-torch and
python3-torchvision; run with /usr/bin/python3.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cc_network  # noqa: E402


class InstanceLoss(nn.Module):
    """The official instance loss (NT-Xent over the 2N views, the partner view as positive)."""

    def __init__(self, batch_size, temperature):
        super().__init__()
        self.batch_size = batch_size
        self.temperature = temperature
        n = 2 * batch_size
        mask = torch.ones((n, n), dtype=bool)
        mask = mask.fill_diagonal_(0)
        for i in range(batch_size):
            mask[i, batch_size + i] = 0
            mask[batch_size + i, i] = 0
        self.mask = mask
        self.criterion = nn.CrossEntropyLoss(reduction="sum")

    def forward(self, z_i, z_j):
        n = 2 * self.batch_size
        z = torch.cat((z_i, z_j), dim=0)
        sim = torch.matmul(z, z.T) / self.temperature
        positive = torch.cat((torch.diag(sim, self.batch_size), torch.diag(sim, -self.batch_size)), dim=0).reshape(n, 1)
        negative = sim[self.mask].reshape(n, -1)
        labels = torch.zeros(n).to(positive.device).long()
        logits = torch.cat((positive, negative), dim=1)
        return self.criterion(logits, labels) / n


class ClusterLoss(nn.Module):
    """The official cluster loss (contrast over the 2K cluster columns) plus the entropy term."""

    def __init__(self, class_num, temperature):
        super().__init__()
        self.class_num = class_num
        self.temperature = temperature
        n = 2 * class_num
        mask = torch.ones((n, n), dtype=bool)
        mask = mask.fill_diagonal_(0)
        for i in range(class_num):
            mask[i, class_num + i] = 0
            mask[class_num + i, i] = 0
        self.mask = mask
        self.criterion = nn.CrossEntropyLoss(reduction="sum")
        self.similarity = nn.CosineSimilarity(dim=2)

    def forward(self, c_i, c_j):
        p_i = c_i.sum(0).view(-1)
        p_i /= p_i.sum()
        ne_i = math.log(p_i.size(0)) + (p_i * torch.log(p_i)).sum()
        p_j = c_j.sum(0).view(-1)
        p_j /= p_j.sum()
        ne_j = math.log(p_j.size(0)) + (p_j * torch.log(p_j)).sum()
        c = torch.cat((c_i.t(), c_j.t()), dim=0)
        n = 2 * self.class_num
        sim = self.similarity(c.unsqueeze(1), c.unsqueeze(0)) / self.temperature
        positive = torch.cat((torch.diag(sim, self.class_num), torch.diag(sim, -self.class_num)), dim=0).reshape(n, 1)
        negative = sim[self.mask].reshape(n, -1)
        labels = torch.zeros(n).to(positive.device).long()
        logits = torch.cat((positive, negative), dim=1)
        return self.criterion(logits, labels) / n + ne_i + ne_j


def network_and_inputs(args, training, views):
    """The network in train or eval mode and `views` random batches, channels-last when asked."""
    net = cc_network.build_network(args.backbone, args.stem, args.width, args.clusters)
    net.train(training)
    memory = torch.channels_last if args.channels_last else torch.contiguous_format
    net = net.to(memory_format=memory)
    g = torch.Generator().manual_seed(42)
    inputs = [torch.rand(args.batch, 3, args.size, args.size, generator=g).contiguous(memory_format=memory)
              for _ in range(views)]
    return net, inputs


def median_seconds(args, body):
    """Median wall time of `body()` over `args.repeats` runs after `args.warmup` untimed ones."""
    times = []
    for i in range(args.warmup + args.repeats):
        t0 = time.perf_counter()
        body()
        if i >= args.warmup:
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def step(args):
    net, (x_i, x_j) = network_and_inputs(args, training=True, views=2)
    opt = torch.optim.Adam(net.parameters(), lr=3e-4, weight_decay=0.0)
    instance = InstanceLoss(args.batch, 0.5)
    cluster = ClusterLoss(args.clusters, 1.0)
    last = {}

    def one_step():
        opt.zero_grad()
        z_i, z_j, c_i, c_j = net.forward_pair(x_i, x_j)
        loss = instance(z_i, z_j) + cluster(c_i, c_j)
        loss.backward()
        opt.step()
        last["loss"] = loss  # converted after the timing

    median = median_seconds(args, one_step)
    return {"kind": "step", "views_per_second": 2 * args.batch / median, "median_step_seconds": median,
            "last_loss": float(last["loss"])}


def assign(args):
    net, (x,) = network_and_inputs(args, training=False, views=1)
    with torch.no_grad():
        median = median_seconds(args, lambda: torch.argmax(net.cluster_projector(net.resnet(x)), dim=1))
    return {"kind": "assign", "images_per_second": args.batch / median, "median_batch_seconds": median}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kind", choices=["step", "assign"])
    p.add_argument("--backbone", default="resnet18")
    p.add_argument("--stem", default="imagenet")
    p.add_argument("--width", type=int, default=64)
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--clusters", type=int, default=10)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--channels-last", action="store_true")
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    result = step(args) if args.kind == "step" else assign(args)
    result.update({"backbone": args.backbone, "stem": args.stem, "width": args.width, "size": args.size,
                   "batch": args.batch, "threads": torch.get_num_threads(), "torch": torch.__version__,
                   "mkldnn": torch.backends.mkldnn.is_available(), "channels_last": args.channels_last})
    if args.json:
        print(json.dumps(result))
    else:
        print(" ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Golden values of the boost stage's two losses, computed with TCL's own formulas (loss.py of
Yunfan-Li/Twin-Contrastive-Learning: InstanceLossBoost.forward and ClusterLossBoost.forward) on one process:
its code only defines z_i, z_j inside the distributed branch, so here they are the two halves of z, which is what
that branch yields on one process. Run with Debian's python3-torch: /usr/bin/python3 make_golden.py"""
import json
import torch
import torch.nn as nn
import torch.nn.functional as F


def instance_loss_boost(z, pseudo_label, tau):
    z_i, z_j = z.chunk(2)
    n = z_i.shape[0]
    invalid_index = pseudo_label == -1
    mask = torch.eq(pseudo_label.view(-1, 1), pseudo_label.view(1, -1))
    mask[invalid_index, :] = False
    mask[:, invalid_index] = False
    mask_eye = torch.eye(n).float()
    mask &= ~(mask_eye.bool())
    mask = mask.float()
    contrast_feature = torch.cat((z_i, z_j), dim=0)
    anchor_dot_contrast = torch.div(torch.matmul(contrast_feature, contrast_feature.T), tau)
    logits_max, _ = torch.max(anchor_dot_contrast, dim=1, keepdim=True)
    logits = anchor_dot_contrast - logits_max.detach()
    mask = mask.repeat(2, 2)
    mask_eye = mask_eye.repeat(2, 2)
    logits_mask = torch.scatter(torch.ones_like(mask), 1, torch.arange(n * 2).view(-1, 1), 0)
    logits_mask *= 1 - mask
    mask_eye = mask_eye * logits_mask
    exp_logits = torch.exp(logits) * logits_mask
    log_prob = logits - torch.log(exp_logits.sum(1, keepdim=True))
    mean_log_prob_pos = (mask_eye * log_prob).sum(1) / mask_eye.sum(1)
    return (-mean_log_prob_pos).view(2, n).mean()


def cluster_loss_boost(c, pseudo_label, cluster_num):
    labelled = pseudo_label[pseudo_label != -1]
    idx, counts = torch.unique(labelled, return_counts=True)
    freq = labelled.shape[0] / counts.float()
    weight = torch.ones(cluster_num)
    weight[idx] = freq
    index = pseudo_label != -1
    if index.sum() == 0:
        return torch.tensor(0.0, requires_grad=True)
    return nn.CrossEntropyLoss(weight=weight)(c[index], pseudo_label[index])


def case(seed, n, d, k, unlabelled):
    g = torch.Generator().manual_seed(seed)
    z = F.normalize(torch.randn(2 * n, d, generator=g), dim=1).requires_grad_(True)
    c = (2 * torch.randn(n, k, generator=g)).requires_grad_(True)
    labels = torch.randint(0, k, (n,), generator=g)
    labels[torch.rand(n, generator=g) < unlabelled] = -1
    li = instance_loss_boost(z, labels, 0.5)
    li.backward()
    lc = cluster_loss_boost(c, labels, k)
    lc.backward()
    r = lambda t: [round(float(v), 9) for v in t.detach().reshape(-1)]
    return {"n": n, "d": d, "k": k, "z": r(z), "logits": r(c), "labels": labels.tolist(),
            "instance_loss": float(li), "grad_z": r(z.grad), "cluster_loss": float(lc),
            "grad_logits": r(c.grad if c.grad is not None else torch.zeros_like(c))}


cases = [case(1, 8, 4, 3, 0.3), case(2, 12, 6, 4, 0.0), case(3, 6, 5, 3, 1.0), case(4, 16, 8, 5, 0.5)]
with open("golden.json", "w") as f:
    json.dump({"source": "TCL loss.py formulas, torch " + torch.__version__, "cases": cases}, f)

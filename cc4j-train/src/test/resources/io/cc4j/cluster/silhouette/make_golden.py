#!/usr/bin/env python3
"""Reference values of the cosine silhouette for CosineSilhouetteGoldenTest.

scikit-learn is not installed on the machines that build cc4j, so this script transcribes, with NumPy only, what
scikit-learn (1.x) computes for ``silhouette_samples(X, labels, metric="cosine")`` and ``silhouette_score``:

* ``check_number_of_labels``: the labels are re-encoded (LabelEncoder) and there must be 2 to n - 1 of them;
* ``pairwise_distances_chunked(X, metric="cosine")`` -> ``cosine_distances``: rows normalised by their L2 norm,
  ``D = 1 - Xn Xn^T``, clipped to [0, 2] (the chunked path does not zero the diagonal for the cosine, so each
  point's distance to itself, a rounding-level value, stays in its own cluster's sum, as in scikit-learn);
* ``_silhouette_reduce``: per row, ``np.bincount(labels, weights=D[i])`` gives the summed distance to every
  cluster; the own cluster's sum is kept aside (intra), the others are divided by the cluster sizes and the
  minimum is taken (inter);
* ``intra /= (size of own cluster - 1)``, ``s = (inter - intra) / max(intra, inter)``, then ``np.nan_to_num``
  (clusters of one sample give 0/0 -> 0);
* the score is the mean of ``s``.

Everything is float64. The inputs are float32 values (what cc4j holds), written exactly (as the float64 value
of each float32) so that Java reads the same numbers. It computes the O(n^2) distance matrix directly, an
independent route from cc4j's O(n K d) cluster-sum formula.

Run: /usr/bin/python3 make_golden.py > golden.json
"""
import json

import numpy as np


def silhouette_samples_cosine(x, labels):
    x = np.asarray(x, dtype=np.float64)
    _, labels = np.unique(labels, return_inverse=True)  # LabelEncoder
    n = x.shape[0]
    n_labels = labels.max() + 1
    if not 2 <= n_labels <= n - 1:
        raise ValueError("Number of labels is %d. Valid values are 2 to n_samples - 1 (inclusive)" % n_labels)
    norms = np.sqrt((x * x).sum(axis=1))
    xn = x / norms[:, None]
    d = 1.0 - xn @ xn.T
    np.clip(d, 0, 2, out=d)
    label_freqs = np.bincount(labels)
    clust_dists = np.zeros((n, len(label_freqs)), dtype=np.float64)
    for i in range(n):
        clust_dists[i] += np.bincount(labels, weights=d[i], minlength=len(label_freqs))
    intra_index = (np.arange(n), labels)
    intra = clust_dists[intra_index].copy()
    clust_dists[intra_index] = np.inf
    clust_dists /= label_freqs
    inter = clust_dists.min(axis=1)
    denom = (label_freqs - 1).take(labels, mode="clip")
    with np.errstate(divide="ignore", invalid="ignore"):
        intra /= denom
    sil = inter - intra
    with np.errstate(divide="ignore", invalid="ignore"):
        sil /= np.maximum(intra, inter)
    return np.nan_to_num(sil)


def case(name, x, labels, note):
    x = np.asarray(x, dtype=np.float32)
    labels = np.asarray(labels, dtype=np.int64)
    s = silhouette_samples_cosine(x.astype(np.float64), labels)
    return {
        "name": name,
        "note": note,
        "n": int(x.shape[0]),
        "d": int(x.shape[1]),
        "x": [float(v) for v in x.astype(np.float64).ravel()],
        "labels": [int(v) for v in labels],
        "samples": [float(v) for v in s],
        "score": float(s.mean()),
    }


def main():
    rng = np.random.default_rng(20240601)
    cases = []

    cases.append(case("quadrants", [[1, 0], [0, 1], [-1, 0], [0, -1]], [0, 0, 1, 1],
                      "e1, e2 against -e1, -e2: every sample has a = 1, b = 1.5, s = 1/3"))

    centres = rng.normal(size=(3, 5))
    x = np.repeat(centres, 10, axis=0) + 0.3 * rng.normal(size=(30, 5))
    x *= rng.uniform(0.1, 10, size=(30, 1))  # lengths must not matter
    cases.append(case("three-blobs-unnormalised", x, np.repeat([0, 1, 2], 10),
                      "3 blobs in 5-d, rows scaled by random lengths"))

    x = rng.normal(size=(25, 4))
    labels = np.array([0] * 8 + [2] * 8 + [5] * 8 + [9])
    cases.append(case("sparse-ids-and-a-singleton", x, labels,
                      "label ids 0, 2, 5, 9; cluster 9 has one sample (silhouette 0)"))

    x = rng.normal(size=(200, 16))
    cases.append(case("random-overlap-6", x, rng.integers(0, 6, size=200),
                      "no structure: many negative silhouettes"))

    centres = rng.normal(size=(7, 16))
    labels = rng.integers(0, 7, size=210)
    x = centres[labels] + 0.8 * rng.normal(size=(210, 16))
    cases.append(case("seven-blobs-16d", x, labels, "7 overlapping blobs in 16-d, unequal sizes"))

    header = json.dumps("make_golden.py (NumPy %s, scikit-learn's definition transcribed)" % np.__version__)
    print('{"generator": %s, "cases": [' % header)
    print(",\n".join(json.dumps(c) for c in cases))
    print("]}")


if __name__ == "__main__":
    main()

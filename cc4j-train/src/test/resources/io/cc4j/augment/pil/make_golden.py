#!/usr/bin/env python3
"""Golden values for cc4j's PIL-semantics augmentations (TCL's strong view and bicubic resize).

Run from this directory with Debian's interpreter (PIL 9.4, numpy):
    /usr/bin/python3 make_golden.py [FASHION_MNIST_DIR]
It writes strong-ops.csv and bicubic-resize.csv next to itself; the Java tests
(io.cc4j.augment.PilGoldenTest) read them. The inputs are rebuilt on the Java side:
two Fashion-MNIST test images (default directory /usr/share/datasets/fashion-mnist)
and synthetic RGB images from the integer generator below.

strong-ops.csv: one line per (op, magnitude); per image the first 16 hex digits of
SHA-256 over PIL's output bytes in planar channel-height-width order. Every op is called
as TCL's transforms call PIL, with the magnitude fixed (no random sign):
  rotate: img.rotate(m); shear-x/y: img.transform(size, AFFINE, (1, m, 0, 0, 1, 0)) /
  (1, 0, 0, m, 1, 0); translate-x/y: AFFINE (1, 0, m * width, 0, 1, 0) /
  (1, 0, 0, 0, 1, m * height); solarize/posterize/autocontrast/equalize: ImageOps;
  color/contrast/brightness/sharpness: ImageEnhance(...).enhance(m).

bicubic-resize.csv: crop then resize with BICUBIC (torchvision's resized_crop on a PIL
image), output bytes in planar order, base64.
"""
import base64
import gzip
import hashlib
import os
import sys

import numpy as np
from PIL import Image, ImageEnhance, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))


def synthetic(seed, channels, height, width, lo, span):
    """Planar bytes: a wrapped ramp plus LCG noise, values in [lo, lo + span)."""
    state = seed
    out = np.zeros((channels, height, width), np.uint8)
    for c in range(channels):
        for y in range(height):
            for x in range(width):
                state = (state * 1103515245 + 12345) % (1 << 31)
                noise = (state >> 16) % 24
                out[c, y, x] = lo + (3 * x + 5 * y + 40 * c + (x * y) // 4 + noise) % span
    return out


def fashion_mnist(directory, index):
    with gzip.open(os.path.join(directory, "t10k-images-idx3-ubyte.gz"), "rb") as f:
        data = f.read()
    start = 16 + index * 784
    return np.frombuffer(data[start:start + 784], np.uint8).reshape(1, 28, 28)


def to_pil(planar):
    """Planar bytes to an RGB PIL image; one channel is replicated, as PIL's convert("RGB") of "L"."""
    if planar.shape[0] == 1:
        return Image.fromarray(planar[0], "L").convert("RGB")
    return Image.fromarray(np.ascontiguousarray(planar.transpose(1, 2, 0)), "RGB")


def planar_bytes(img):
    arr = np.asarray(img)
    if arr.ndim == 2:
        arr = arr[:, :, None]
    return np.ascontiguousarray(arr.transpose(2, 0, 1)).tobytes()


def digest(img):
    return hashlib.sha256(planar_bytes(img)).hexdigest()[:16]


OPS = [
    ("auto-contrast", [0.0], lambda im, m: ImageOps.autocontrast(im)),
    ("equalize", [0.0], lambda im, m: ImageOps.equalize(im)),
    ("rotate", [-30.0, -13.7, 8.25, 29.99, 90.0, 180.0, 270.0], lambda im, m: im.rotate(m)),
    ("solarize", [0.0, 77.5, 128.0, 200.3, 255.5], lambda im, m: ImageOps.solarize(im, m)),
    ("posterize", [4.0, 5.0, 6.0, 7.0], lambda im, m: ImageOps.posterize(im, int(m))),
    ("color", [0.05, 0.37, 0.95, 1.6], lambda im, m: ImageEnhance.Color(im).enhance(m)),
    ("contrast", [0.05, 0.37, 0.95, 1.6], lambda im, m: ImageEnhance.Contrast(im).enhance(m)),
    ("brightness", [0.05, 0.37, 0.95, 1.6], lambda im, m: ImageEnhance.Brightness(im).enhance(m)),
    ("sharpness", [0.05, 0.37, 0.95, 1.6], lambda im, m: ImageEnhance.Sharpness(im).enhance(m)),
    ("shear-x", [-0.1, -0.037, 0.063, 0.1],
     lambda im, m: im.transform(im.size, Image.AFFINE, (1, m, 0, 0, 1, 0))),
    ("shear-y", [-0.1, -0.037, 0.063, 0.1],
     lambda im, m: im.transform(im.size, Image.AFFINE, (1, 0, 0, m, 1, 0))),
    ("translate-x", [-0.1, -0.043, 0.071, 0.1],
     lambda im, m: im.transform(im.size, Image.AFFINE, (1, 0, m * im.size[0], 0, 1, 0))),
    ("translate-y", [-0.1, -0.043, 0.071, 0.1],
     lambda im, m: im.transform(im.size, Image.AFFINE, (1, 0, 0, 0, 1, m * im.size[1]))),
]

# name, (seed, channels, height, width, lo, span) for synthetic images
SYNTHETIC = [
    ("synthetic-a", (1, 3, 20, 24, 30, 170)),
    ("synthetic-b", (2, 3, 27, 17, 0, 256)),
    ("synthetic-c", (3, 3, 16, 16, 100, 6)),
]

# image, crop (top, left, height, width) or None, output (height, width)
RESIZES = [
    ("fmnist-0", None, (20, 20)),
    ("fmnist-1", (2, 4, 20, 17), (28, 28)),
    ("synthetic-a", (3, 5, 11, 14), (16, 16)),
    ("synthetic-b", None, (9, 12)),
]


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    images = {"fmnist-0": fashion_mnist(directory, 0), "fmnist-1": fashion_mnist(directory, 1)}
    for name, spec in SYNTHETIC:
        images[name] = synthetic(*spec)
    names = list(images)
    header = ("# PIL %s golden values for cc4j's strong-view operations; made by make_golden.py\n"
              % Image.__version__)
    with open(os.path.join(HERE, "strong-ops.csv"), "w") as out:
        out.write(header)
        out.write("# synthetic images (seed, channels, height, width, lo, span): %s\n"
                  % "; ".join("%s %s" % (n, s) for n, s in SYNTHETIC))
        out.write("op,magnitude," + ",".join(names) + "\n")
        for op, magnitudes, fn in OPS:
            for m in magnitudes:
                row = [digest(fn(to_pil(images[n]), m)) for n in names]
                out.write("%s,%r,%s\n" % (op, m, ",".join(row)))
    with open(os.path.join(HERE, "bicubic-resize.csv"), "w") as out:
        out.write(header.replace("strong-view operations", "bicubic resize"))
        out.write("image,top,left,height,width,out_height,out_width,base64\n")
        for name, box, (oh, ow) in RESIZES:
            planar = images[name]
            img = Image.fromarray(planar[0], "L") if planar.shape[0] == 1 else to_pil(planar)
            if box is None:
                box = (0, 0, img.size[1], img.size[0])
            top, left, h, w = box
            res = img.crop((left, top, left + w, top + h)).resize((ow, oh), Image.BICUBIC)
            out.write("%s,%d,%d,%d,%d,%d,%d,%s\n" % (name, top, left, h, w, oh, ow,
                                                     base64.b64encode(planar_bytes(res)).decode("ascii")))


if __name__ == "__main__":
    main()

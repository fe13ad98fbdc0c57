#!/usr/bin/env python3
"""PyTorch side of EvalTransformParityTest: torchvision's test transform on real Fashion-MNIST images.

  resize_reference.py FASHION_MNIST_DIR COUNT OUT.npz SIZE...

Takes the first COUNT images of t10k-images-idx3-ubyte.gz (28x28 grey: upscaled to every SIZE) and COUNT
mosaics of 10 x 9 of them (280 wide, 252 high; three different mosaics as the R, G, B planes, so larger than
every SIZE: downscaled), as PIL images ('L' and 'RGB'), and writes for each image i:
  image_i        uint8 pixels as float32, (H, W) or (H, W, 3)
  resized_i_S    transforms.Compose([transforms.Resize((S, S)), transforms.ToTensor()]) of it, (C, S, S)
"""
import gzip
import os
import sys

import numpy as np
import torchvision
from PIL import Image
from torchvision import transforms


def read_images(directory):
    with gzip.open(os.path.join(directory, "t10k-images-idx3-ubyte.gz"), "rb") as f:
        data = f.read()
    count, rows, cols = (int.from_bytes(data[k:k + 4], "big") for k in (4, 8, 12))
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows, cols)


def mosaic(images, start):
    tiles = images[start:start + 90].reshape(9, 10, 28, 28)
    return tiles.transpose(0, 2, 1, 3).reshape(9 * 28, 10 * 28)


def main(directory, count, out, sizes):
    images = read_images(directory)
    pictures = [Image.fromarray(images[i], mode="L") for i in range(count)]
    for i in range(count):
        rgb = np.stack([mosaic(images, 100 + 270 * i + 90 * c) for c in range(3)], axis=-1)
        pictures.append(Image.fromarray(np.ascontiguousarray(rgb), mode="RGB"))
    arrays = {}
    for i, picture in enumerate(pictures):
        arrays[f"image_{i}"] = np.asarray(picture).astype(np.float32)
        for size in sizes:
            t = transforms.Compose([transforms.Resize((size, size)), transforms.ToTensor()])
            arrays[f"resized_{i}_{size}"] = t(picture).numpy()
    np.savez(out, **arrays)
    print(f"resize_reference: torchvision {torchvision.__version__}, {len(pictures)} images, sizes {sizes}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], [int(s) for s in sys.argv[4:]])

#!/usr/bin/env python3
"""Writes the ImageDecoder test images and PIL's pixels for them (the golden reference).

Run with Debian's python3-pil 9.4:  /usr/bin/python3 make_images.py   (from any directory)

For every image NAME it writes, next to this script:
  NAME                 the encoded file (PNG, JPEG, GIF, BMP; a few KB in all)
  NAME.rgb             Image.open(NAME).convert("RGB") as raw bytes, rows of R,G,B (HWC)
  NAME.exif.rgb        only when EXIF orientation changes the pixels: ImageOps.exif_transpose first
and manifest.tsv, one line per image: name, width, height, width and height after exif_transpose, kind.
kind is "exact" (lossless formats) or "jpeg" (libjpeg decoding, compared with the tolerance of the test).
Files PIL cannot write (16-bit RGB, short palettes, GIF frame offsets, 16-bit BMP) are built byte by byte here;
ycck.jpg (a YCCK JPEG) is written by MakeYcck.java beside this script (run it first: java MakeYcck.java).
"""
import io
import os
import struct
import zlib

import numpy as np
from PIL import Image, ImageCms, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240611)
rows = []


def rand(h, w, c=None, lo=0, hi=256, dtype=np.uint8):
    shape = (h, w) if c is None else (h, w, c)
    return rng.integers(lo, hi, shape, dtype=dtype)


def icc(space):
    """A littleCMS profile with its creation date and profile id zeroed, so that the files are reproducible."""
    b = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile(space)).tobytes())
    b[24:36] = bytes(12)
    b[84:100] = bytes(16)
    return bytes(b)


def write_bytes(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def record(name, kind="exact"):
    """Decodes NAME with PIL as the official code does, and as exif_transpose would."""
    path = os.path.join(HERE, name)
    with Image.open(path) as im:
        plain = im.convert("RGB")
    with Image.open(path) as im:
        turned = ImageOps.exif_transpose(im).convert("RGB")
    a = np.asarray(plain, dtype=np.uint8)
    b = np.asarray(turned, dtype=np.uint8)
    write_bytes(name + ".rgb", a.tobytes())
    exif = os.path.join(HERE, name + ".exif.rgb")
    if a.shape != b.shape or not np.array_equal(a, b):
        write_bytes(name + ".exif.rgb", b.tobytes())
    elif os.path.exists(exif):
        os.remove(exif)
    rows.append(f"{name}\t{a.shape[1]}\t{a.shape[0]}\t{b.shape[1]}\t{b.shape[0]}\t{kind}")


def save(im, name, kind="exact", **kw):
    im.save(os.path.join(HERE, name), **kw)
    record(name, kind)


# ---- PNG chunks by hand -------------------------------------------------------------------------------------------
def chunk(tag, data):
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


def png(w, h, colour_type, bit_depth, scanlines, extra=b""):
    """scanlines: the filtered rows (each starting with filter byte 0)."""
    ihdr = struct.pack(">IIBBBBB", w, h, bit_depth, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", zlib.compress(scanlines))
            + chunk(b"IEND", b""))


def rows16(a):
    """uint16 array (h, w[, c]) to big-endian scanlines with filter 0."""
    h = a.shape[0]
    flat = a.reshape(h, -1).astype(">u2")
    return b"".join(b"\x00" + flat[y].tobytes() for y in range(h))


def rows_packed(indices, bits):
    """(h, w) small integers packed MSB first, bits per sample < 8."""
    out = b""
    for row in indices:
        acc, n, line = 0, 0, bytearray()
        for v in row:
            acc = (acc << bits) | int(v)
            n += bits
            if n == 8:
                line.append(acc)
                acc, n = 0, 0
        if n:
            line.append(acc << (8 - n))
        out += b"\x00" + bytes(line)
    return out


def rows8(a):
    h = a.shape[0]
    flat = a.reshape(h, -1)
    return b"".join(b"\x00" + flat[y].tobytes() for y in range(h))


def make_png():
    save(Image.fromarray(rand(7, 13), "L"), "grey8.png")
    g16 = rand(6, 9, hi=65536, dtype=np.uint32).astype(np.uint16)
    g16[0, :6] = [0, 1, 200, 255, 256, 65535]  # PIL clips values above 255 (mode I to RGB)
    g16[1, :] = rand(1, 9, hi=300, dtype=np.uint16)
    write_bytes("grey16.png", png(9, 6, 0, 16, rows16(g16)))
    record("grey16.png")
    write_bytes("grey16_trns.png", png(9, 6, 0, 16, rows16(g16), chunk(b"tRNS", struct.pack(">H", 200))))
    record("grey16_trns.png")
    for bits in (1, 2, 4):
        write_bytes(f"grey{bits}.png", png(11, 5, 0, bits, rows_packed(rand(5, 11, hi=1 << bits), bits)))
        record(f"grey{bits}.png")
    grey = Image.fromarray(rand(5, 6), "L")
    grey.info["transparency"] = 7
    save(grey, "grey8_trns.png", transparency=7)
    save(Image.fromarray(rand(8, 10, 3), "RGB"), "rgb8.png")
    save(Image.fromarray(rand(8, 10, 3), "RGB"), "rgb8_trns.png", transparency=(1, 2, 3))
    rgba = rand(9, 7, 4)
    rgba[0, :, 3] = 0  # fully transparent pixels keep their stored colour
    save(Image.fromarray(rgba, "RGBA"), "rgba8.png")
    save(Image.fromarray(rand(6, 5, 2), "LA"), "la8.png")
    write_bytes("rgb16.png", png(5, 4, 2, 16, rows16(rand(4, 5, 3, hi=65536, dtype=np.uint32).astype(np.uint16))))
    record("rgb16.png")
    write_bytes("rgba16.png", png(5, 4, 6, 16, rows16(rand(4, 5, 4, hi=65536, dtype=np.uint32).astype(np.uint16))))
    record("rgba16.png")
    write_bytes("la16.png", png(5, 4, 4, 16, rows16(rand(4, 5, 2, hi=65536, dtype=np.uint32).astype(np.uint16))))
    record("la16.png")

    pal = Image.fromarray(rand(9, 12), "P")
    pal.putpalette(rand(256, 3).astype(np.uint8).tobytes())
    save(pal, "palette8.png")
    save(pal, "palette8_trns.png", transparency=5)
    alphas = bytes(rand(1, 40)[0])
    save(pal, "palette8_alpha.png", transparency=alphas)
    small = Image.fromarray(rand(6, 9, hi=16), "P")
    small.putpalette(rand(16, 3).astype(np.uint8).tobytes())
    save(small, "palette4.png", bits=4)
    # A palette of 6 entries with indices up to 9: PIL shows index i past the palette as grey (i, i, i).
    plte = chunk(b"PLTE", rand(6, 3).astype(np.uint8).tobytes())
    write_bytes("palette_short.png", png(8, 3, 3, 8, rows8(rand(3, 8, hi=10)), plte))
    record("palette_short.png")
    # An embedded colour profile and gamma are ignored by PIL.
    save(Image.fromarray(rand(4, 4, 3), "RGB"), "rgb8_icc.png", icc_profile=icc("LAB"))
    # EXIF orientation in an eXIf chunk: PIL writes it before the image data; PIL also finds it after.
    exif = Image.Exif()
    exif[0x0112] = 6
    save(Image.fromarray(rand(3, 5, 3), "RGB"), "exif6.png", exif=exif.tobytes())
    exif[0x0112] = 8
    tiff = exif.tobytes()[6:]
    late = png(5, 3, 2, 8, rows8(rand(3, 5, 3)))
    late = late[:-12] + chunk(b"eXIf", tiff) + late[-12:]  # between IDAT and IEND
    write_bytes("exif8_late.png", late)
    record("exif8_late.png")


# ---- JPEG -----------------------------------------------------------------------------------------------------------
def smooth(h, w):
    """A photo-like image: smooth gradients plus noise, so that JPEG's chroma subsampling matters."""
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([128 + 100 * np.sin(x / 3.0 + c) * np.cos(y / 4.0 - c) for c in range(3)], axis=2)
    return np.clip(base + rng.normal(0, 20, (h, w, 3)), 0, 255).astype(np.uint8)


def strip_app14(data):
    """Removes the Adobe APP14 segment: the same CMYK scan without the marker."""
    i = data.index(b"\xff\xee")
    n = struct.unpack(">H", data[i + 2:i + 4])[0]
    return data[:i] + data[i + 2 + n:]


def make_jpeg():
    rgb = Image.fromarray(smooth(19, 27), "RGB")
    save(rgb, "rgb420.jpg", "jpeg", quality=90)
    save(rgb, "rgb422.jpg", "jpeg", quality=90, subsampling=1)
    save(rgb, "rgb444.jpg", "jpeg", quality=90, subsampling=0)
    save(rgb, "progressive.jpg", "jpeg", quality=85, progressive=True)
    save(rgb.convert("L"), "grey.jpg", "jpeg", quality=90)
    save(rgb, "rgb_icc.jpg", "jpeg", quality=90, icc_profile=icc("sRGB"))
    cmyk = Image.fromarray(np.concatenate([smooth(13, 10), rand(13, 10, 1)], axis=2), "CMYK")
    save(cmyk, "cmyk_adobe.jpg", "jpeg", quality=92)
    with open(os.path.join(HERE, "cmyk_adobe.jpg"), "rb") as f:
        write_bytes("cmyk_plain.jpg", strip_app14(f.read()))
    record("cmyk_plain.jpg", "jpeg")
    # PIL cannot write YCCK (Adobe transform 2): ycck.jpg comes from MakeYcck.java (ImageIO's JPEG writer).
    if not os.path.exists(os.path.join(HERE, "ycck.jpg")):
        raise SystemExit("ycck.jpg is missing: run 'java MakeYcck.java' in " + HERE + " first")
    record("ycck.jpg", "jpeg")
    # EXIF orientation: a non-square image so that turns are visible in the shape.
    small = Image.fromarray(smooth(6, 10), "RGB")
    for o in range(1, 9):
        exif = Image.Exif()
        exif[0x0112] = o
        save(small, f"exif{o}.jpg", "jpeg", quality=95, exif=exif.tobytes())
    # PIL writes EXIF in Motorola (big-endian) order; Intel order with orientation 6, as cameras often write it:
    # TIFF header "II*\0", IFD0 at 8 with one SHORT entry, no next IFD.
    intel = b"Exif\x00\x00" + b"II\x2a\x00" + struct.pack("<IH", 8, 1) + struct.pack("<HHIHH", 0x0112, 3, 1, 6, 0)
    save(small, "exif6_intel.jpg", "jpeg", quality=95, exif=intel + b"\0\0\0\0")


# ---- GIF ------------------------------------------------------------------------------------------------------------
def lzw_literals(pixels, min_code):
    """LZW data that only uses literal codes (a clear code before the table would grow)."""
    clear, eoi = 1 << min_code, (1 << min_code) + 1
    size = min_code + 1
    codes, n = [clear], 0
    for p in pixels:
        codes.append(int(p))
        n += 1
        if n == (1 << size) - eoi - 1:
            codes.append(clear)
            n = 0
    codes.append(eoi)
    acc, nbits, out = 0, 0, bytearray()
    for c in codes:
        acc |= c << nbits
        nbits += size
        while nbits >= 8:
            out.append(acc & 255)
            acc >>= 8
            nbits -= 8
    if nbits:
        out.append(acc & 255)
    blocks = b"".join(bytes([len(out[i:i + 255])]) + bytes(out[i:i + 255]) for i in range(0, len(out), 255))
    return bytes([min_code]) + blocks + b"\x00"


def gif(screen, frame, indices, palette, transparent=None, background=3):
    """One frame at frame=(x, y, w, h) on a logical screen=(w, h) with a global palette of 2^k entries."""
    k = (len(palette) // 3).bit_length() - 1
    out = b"GIF89a" + struct.pack("<HHBBB", screen[0], screen[1], 0x80 | (k - 1), background, 0) + palette
    if transparent is not None:
        out += bytes([0x21, 0xF9, 4, 1, 0, 0, transparent, 0])
    out += b"\x2c" + struct.pack("<HHHHB", *frame, 0)
    return out + lzw_literals(indices, max(2, k)) + b";"


def make_gif():
    p = Image.fromarray(rand(7, 9, hi=16), "P")
    p.putpalette(rand(16, 3).astype(np.uint8).tobytes())
    save(p, "palette.gif")
    save(p, "palette_trns.gif", transparency=2)
    save(Image.fromarray(rand(5, 8), "L"), "grey.gif")
    frames = [Image.fromarray(rand(6, 6, 3), "RGB") for _ in range(2)]
    frames[0].save(os.path.join(HERE, "animated.gif"), save_all=True, append_images=frames[1:], duration=50)
    record("animated.gif")
    pal = rand(8, 3).astype(np.uint8).tobytes()
    # A 3x2 frame at (1, 2) on a 5x4 screen: PIL fills the rest with index 0, or with the transparent index.
    idx = rand(1, 6, hi=8)[0]
    write_bytes("offset.gif", gif((5, 4), (1, 2, 3, 2), idx, pal))
    record("offset.gif")
    write_bytes("offset_trns.gif", gif((5, 4), (1, 2, 3, 2), idx, pal, transparent=6))
    record("offset_trns.gif")


# ---- BMP ------------------------------------------------------------------------------------------------------------
def bmp565(a):
    """16-bit BI_BITFIELDS BMP (5-6-5), bottom-up, from an (h, w, 3) uint8 array."""
    h, w, _ = a.shape
    stride = (w * 2 + 3) // 4 * 4
    px = bytearray()
    for y in range(h - 1, -1, -1):
        line = bytearray()
        for x in range(w):
            r, g, b = (int(v) for v in a[y, x])
            line += struct.pack("<H", ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3))
        px += line + b"\0" * (stride - len(line))
    masks = struct.pack("<III", 0xF800, 0x07E0, 0x001F)
    info = struct.pack("<IiiHHIIiiII", 40, w, h, 1, 16, 3, len(px), 2835, 2835, 0, 0)
    offset = 14 + len(info) + len(masks)
    return b"BM" + struct.pack("<IHHI", offset + len(px), 0, 0, offset) + info + masks + bytes(px)


def make_bmp():
    save(Image.fromarray(rand(5, 7, 3), "RGB"), "rgb24.bmp")
    p = Image.fromarray(rand(6, 5, hi=32), "P")
    p.putpalette(rand(32, 3).astype(np.uint8).tobytes())
    save(p, "palette8.bmp")
    save(Image.fromarray(rand(4, 6), "L"), "grey8.bmp")
    save(Image.fromarray(rand(5, 13, hi=2).astype(bool)), "mono1.bmp")
    save(Image.fromarray(rand(3, 4, 4), "RGBA"), "rgba32.bmp")
    write_bytes("rgb565.bmp", bmp565(rand(4, 5, 3)))
    record("rgb565.bmp")


def main():
    make_png()
    make_jpeg()
    make_gif()
    make_bmp()
    with open(os.path.join(HERE, "manifest.tsv"), "w") as f:
        f.write("# name\twidth\theight\texif_width\texif_height\tkind (written by make_images.py)\n")
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()

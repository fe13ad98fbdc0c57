#!/usr/bin/env python3
"""Fuzzing cc4j's readers with real processes (part of scripts/fault-suite.sh).

Makes mutated copies of small valid files of every format cc4j reads -- CIFAR-10 and STL-10 binaries, IDX (plain
and gzip), PNG, JPEG, checkpoints, training configurations (JSON) and label CSVs -- with three kinds of mutation:
truncation at a random length, random bit flips (half of them in the first 64 bytes, where the headers are) and
huge or impossible declared sizes written into the format's own header fields (for checkpoints with the checksum
recomputed, so that the parser behind the checksum is reached too). Each file is then read by the cc4j command
that reads it, one process per file through ./cc4j, each under a time limit, and judged:

  pass  exit 2 with a "cc4j: error:" message (refused), or exit 0 (the mutation left a valid file, e.g. a flipped
        pixel), and in both cases no stack trace on the terminal and a peak RSS of at most 2 GB
  fail  any other exit code (1 = internal error), a time-out, a stack trace, or more than 2 GB of RSS

usage: fault-fuzz.py --cc4j PATH --seeds DIR --work DIR --cases N [--jobs 2] [--seed 1] [--timeout 90]
       fault-fuzz.py --hostile DIR --count N   (writes N small PNGs, bomb.png and broken.png into DIR/{good,bomb,broken})
  --seeds holds: cifar/ (a CIFAR-10 binary directory), run/ (a trained run directory whose config names the cifar
  data) and assignments.csv (its cluster output with labels). Prints one line per format and the failures, and
  "fuzz: N passed, M failed"; the exit code is 0 only when nothing failed.
"""
import argparse
import concurrent.futures
import gzip
import io
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import time
import zlib

STACK = re.compile(r"^\s+at [\w$.<>/]+\(|Exception in thread|internal error", re.M)
RSS_LIMIT_KB = 2 * 1024 * 1024


# ---------------------------------------------------------------- generic mutations

def truncate(rng, data):
    n = rng.randrange(0, len(data)) if data else 0
    return data[:n], "truncated to %d of %d bytes" % (n, len(data))


def flip_bits(rng, data):
    b = bytearray(data)
    if not b:
        return bytes(b), "empty"
    flips = rng.randint(1, 8)
    where = []
    for _ in range(flips):
        i = rng.randrange(min(64, len(b))) if rng.random() < 0.5 else rng.randrange(len(b))
        bit = rng.randrange(8)
        b[i] ^= 1 << bit
        where.append(i)
    return bytes(b), "%d bit flip(s) at %s" % (flips, ",".join(map(str, sorted(where)[:4])))


HUGE_INTS = [0x7FFFFFFF, 0xFFFFFFFF, 0x80000000, 0x10000000, 1 << 20, 0, 65535]


# ---------------------------------------------------------------- seed files

def make_stl(d, n_train=3, n_test=2):
    os.makedirs(d, exist_ok=True)
    rng = random.Random(5)
    for part, n in (("train", n_train), ("test", n_test)):
        with open(os.path.join(d, part + "_X.bin"), "wb") as f:
            f.write(bytes(rng.randrange(256) for _ in range(n * 96 * 96 * 3)))
        with open(os.path.join(d, part + "_y.bin"), "wb") as f:
            f.write(bytes(rng.randint(1, 10) for _ in range(n)))


def idx_bytes(n, rows, cols, rng):
    return struct.pack(">IIII", 0x803, n, rows, cols) + bytes(rng.randrange(256) for _ in range(n * rows * cols))


def idx_labels(n, rng):
    return struct.pack(">II", 0x801, n) + bytes(rng.randrange(10) for _ in range(n))


def make_images(d):
    """Small PNGs and JPEGs of the kinds PIL writes (RGB, grey, palette, alpha, 16-bit, progressive)."""
    from PIL import Image
    os.makedirs(d, exist_ok=True)
    rng = random.Random(9)
    rgb = Image.frombytes("RGB", (24, 20), bytes(rng.randrange(256) for _ in range(24 * 20 * 3)))
    seeds = {}
    for name, img, kw in (
            ("rgb.png", rgb, {}),
            ("grey.png", rgb.convert("L"), {}),
            ("palette.png", rgb.convert("P"), {}),
            ("alpha.png", rgb.convert("RGBA"), {}),
            ("grey16.png", rgb.convert("I").point(lambda v: v * 200), {}),
            ("interlaced.png", rgb, {"optimize": False}),
            ("rgb.jpg", rgb, {"quality": 85}),
            ("grey.jpg", rgb.convert("L"), {"quality": 85}),
            ("progressive.jpg", rgb, {"quality": 80, "progressive": True}),
            ("cmyk.jpg", rgb.convert("CMYK"), {"quality": 90})):
        buf = io.BytesIO()
        fmt = "PNG" if name.endswith(".png") else "JPEG"
        if name == "grey16.png":
            img = img.convert("I;16")
        img.save(buf, fmt, **kw)
        seeds[name] = buf.getvalue()
    return seeds


# ---------------------------------------------------------------- format-aware "huge size" mutations

def png_chunks(data):
    pos, out = 8, []
    while pos + 8 <= len(data):
        length, = struct.unpack(">I", data[pos:pos + 4])
        out.append((pos, length, data[pos + 4:pos + 8]))
        pos += 12 + length
    return out


def png_huge(rng, data):
    b = bytearray(data)
    chunks = png_chunks(data)
    kind = rng.randrange(3)
    if kind == 0 and chunks and chunks[0][2] == b"IHDR":
        pos = chunks[0][0]
        w, h = rng.choice([(100000, 100000), (0x7FFFFFFF, 1), (1, 0x7FFFFFFF), (65535, 65535), (0, 20), (7000, 6000)])
        b[pos + 8:pos + 16] = struct.pack(">II", w, h)
        b[pos + 8 + 13:pos + 8 + 17] = struct.pack(">I", zlib.crc32(bytes(b[pos + 4:pos + 8 + 13])) & 0xFFFFFFFF)
        return bytes(b), "IHDR declares %dx%d (valid CRC)" % (w, h)
    if kind == 1 and chunks:
        pos, _, name = rng.choice(chunks)
        v = rng.choice(HUGE_INTS)
        b[pos:pos + 4] = struct.pack(">I", v)
        return bytes(b), "%s chunk length %d" % (name.decode("latin-1"), v)
    # a bomb: IHDR of 100000x100000 with a tiny IDAT
    raw = zlib.compress(b"\0" * 1000)
    ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)

    def chunk(t, payload):
        return struct.pack(">I", len(payload)) + t + payload + struct.pack(">I", zlib.crc32(t + payload) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b""), \
        "decompression bomb: 100000x100000 in %d bytes" % (57 + len(raw))


def jpeg_huge(rng, data):
    b = bytearray(data)
    segs, pos = [], 2
    while pos + 4 <= len(b) and b[pos] == 0xFF:
        marker = b[pos + 1]
        length, = struct.unpack(">H", b[pos + 2:pos + 4])
        segs.append((pos, marker, length))
        if marker == 0xDA:
            break
        pos += 2 + length
    sof = [s for s in segs if s[1] in (0xC0, 0xC1, 0xC2)]
    if sof and rng.random() < 0.6:
        pos = sof[0][0]
        h, w = rng.choice([(65535, 65535), (0, 24), (24, 0), (60000, 1), (50000, 50000)])
        b[pos + 5:pos + 9] = struct.pack(">HH", h, w)
        return bytes(b), "SOF declares %dx%d" % (w, h)
    if segs:
        pos, marker, _ = rng.choice(segs)
        v = rng.choice([0xFFFF, 0, 1, 2, 0x8000])
        b[pos + 2:pos + 4] = struct.pack(">H", v)
        return bytes(b), "segment 0x%02X length %d" % (marker, v)
    return flip_bits(rng, data)


def idx_huge(rng, data):
    b = bytearray(data)
    dims = (len(b) >= 16 and struct.unpack(">I", b[0:4])[0] == 0x803) and 3 or 1
    field = rng.randrange(dims + 1)
    if field == 0:
        v = rng.choice([0x803, 0x801, 0x80F, 0x0C03, 0xFFFFFFFF])
    else:
        v = rng.choice(HUGE_INTS)
    b[4 * field:4 * field + 4] = struct.pack(">I", v)
    return bytes(b), "header field %d = 0x%X" % (field, v)


def binary_huge(rng, data, record):
    """CIFAR / STL-10 have no header: a size that is not a whole number of records, or a label out of range."""
    kind = rng.randrange(3)
    if kind == 0:
        extra = rng.randint(1, max(1, record - 1))
        return data + bytes(extra), "%d bytes appended" % extra
    if kind == 1:
        return b"", "empty file"
    b = bytearray(data)
    i = rng.randrange(0, max(1, len(b) // record)) * record
    b[i] = rng.choice([10, 100, 255])
    return bytes(b), "label byte %d = %d" % (i, b[i])


# ---------------------------------------------------------------- checkpoints

def ckpt_layout(data):
    """Offsets of the checkpoint's fields (format 1 to 3): a list of (name, offset, size)."""
    fields = [("version", 8, 4), ("epoch", 12, 4)]
    pos = 16
    version, = struct.unpack(">i", data[8:12])
    if version >= 2:
        n, = struct.unpack(">i", data[pos:pos + 4])
        fields.append(("header length", pos, 4))
        pos += 4 + n
    n, = struct.unpack(">i", data[pos:pos + 4])
    fields.append(("config length", pos, 4))
    pos += 4 + n
    fields.append(("parameter magic", pos, 4))
    fields.append(("parameter count", pos + 8, 4))
    pos += 12
    name_len, = struct.unpack(">H", data[pos:pos + 2])
    pos += 2 + name_len
    fields.append(("first parameter rank", pos, 4))
    fields.append(("first parameter dimension", pos + 4, 8))
    return fields


def with_crc(b):
    b[-8:] = struct.pack(">Q", zlib.crc32(bytes(b[:-8])) & 0xFFFFFFFF)
    return bytes(b)


def ckpt_mutate(rng, data):
    kind = rng.randrange(5)
    if kind == 0:
        return truncate(rng, data)
    if kind == 1:
        return flip_bits(rng, data)
    b = bytearray(data)
    if kind == 2:
        # bit flips behind a recomputed checksum, in the first 4 KB (header JSON, configuration, parameter table)
        where = []
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(8, min(4096, len(b) - 8))
            b[i] ^= 1 << rng.randrange(8)
            where.append(i)
        return with_crc(b), "bit flips at %s, checksum recomputed" % where
    if kind == 3:
        name, pos, size = rng.choice(ckpt_layout(data))
        v = rng.choice([0x7FFFFFFF, -1, 0x10000000, 0, 9]) if size == 4 else rng.choice([1 << 40, -1, 0x7FFFFFFF])
        b[pos:pos + size] = struct.pack(">i" if size == 4 else ">q", v)
        return with_crc(b), "%s = %d, checksum recomputed" % (name, v)
    # an edited header or configuration JSON of the same length, checksum recomputed
    text = bytes(b[16:16 + 4096]).decode("latin-1")
    m = list(re.finditer(r'"(\w+)":(\d+)', text))
    if not m:
        return flip_bits(rng, data)
    hit = rng.choice(m)
    repl = rng.choice(["9" * len(hit.group(2)), "-" + "1" * (len(hit.group(2)) - 1) if len(hit.group(2)) > 1 else "0"])
    start = 16 + hit.start(2)
    b[start:start + len(repl)] = repl.encode()
    return with_crc(b), "JSON field %s = %s, checksum recomputed" % (hit.group(1), repl)


# ---------------------------------------------------------------- configuration JSON and label CSVs

def json_mutate(rng, text):
    kind = rng.randrange(5)
    data = text.encode()
    if kind == 0:
        return truncate(rng, data)
    if kind == 1:
        return flip_bits(rng, data)
    if kind == 2:
        keys = list(re.finditer(r'"(\w+)" : (-?[\d.eE+-]+)', text))
        hit = rng.choice(keys)
        v = rng.choice(["2147483648", "-2147483649", "1e308", "-1", "0", "99999999999999999999999", "NaN",
                        "\"%s\"" % ("x" * 100000), "[" * 5000 + "]" * 5000, "null", "1.5"])
        return (text[:hit.start(2)] + v + text[hit.end(2):]).encode(), "%s = %s" % (hit.group(1), v[:24])
    if kind == 3:
        keys = list(re.finditer(r'"(\w+)" : ', text))
        hit = rng.choice(keys)
        v = rng.choice(["{}", "[]", "\"\"", "true", "{\"a\":" * 3000 + "1" + "}" * 3000])
        end = text.find("\n", hit.end())
        line = text[hit.end():end].rstrip(",")
        return (text[:hit.end()] + v + text[hit.end() + len(line):]).encode(), "%s replaced by %s" % (
            hit.group(1), v[:16])
    return (text[:rng.randrange(len(text))] + rng.choice(["\0", "\xff\xfe", "}", "{", "\"", ",,"])
            + text[rng.randrange(len(text)):]).encode("utf-8", "surrogatepass"), "spliced"


def csv_mutate(rng, data):
    kind = rng.randrange(4)
    if kind == 0:
        return truncate(rng, data)
    if kind == 1:
        return flip_bits(rng, data)
    lines = data.decode().split("\n")
    i = rng.randrange(1, max(2, len(lines) - 1))
    if kind == 2:
        v = rng.choice(["2147483647", "-2147483648", "99999999999999999999", "-1", "1e9", "", "\"", "0x10"])
        fields = lines[i].split(",")
        fields[rng.randrange(len(fields))] = v
        lines[i] = ",".join(fields)
        return "\n".join(lines).encode(), "line %d field = %s" % (i + 1, v)
    lines[i] = rng.choice(["," * 100000, "1," * 50000, "\"unterminated", "a,b,c,d,e,f,g,h"])
    return "\n".join(lines).encode(), "line %d replaced (%d chars)" % (i + 1, len(lines[i]))


# ---------------------------------------------------------------- cases

def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def link_tree(src, dst, skip=()):
    os.makedirs(dst, exist_ok=True)
    for name in os.listdir(src):
        if name in skip:
            continue
        s, d = os.path.join(src, name), os.path.join(dst, name)
        if os.path.isdir(s):
            link_tree(s, d)
        else:
            os.link(s, d)


def generic(rng, data, huge):
    r = rng.random()
    if r < 0.35:
        return truncate(rng, data)
    if r < 0.7:
        return flip_bits(rng, data)
    return huge(rng, data)


def build_cases(args, rng):
    seeds, work = args.seeds, args.work
    cases = []
    cifar = os.path.join(seeds, "cifar")
    stl = os.path.join(work, "seed-stl10")
    make_stl(stl)
    images = make_images(os.path.join(work, "seed-images"))
    r = random.Random(3)
    idx_img, idx_lab = idx_bytes(12, 8, 8, r), idx_labels(12, r)
    run = os.path.join(seeds, "run")
    ckpts = sorted(f for f in os.listdir(os.path.join(run, "checkpoints")) if f.endswith(".ckpt"))
    ckpt_name = ckpts[-1]
    with open(os.path.join(run, "checkpoints", ckpt_name), "rb") as f:
        ckpt = f.read()
    with open(os.path.join(run, "config.json")) as f:
        config = f.read()
    with open(os.path.join(seeds, "assignments.csv"), "rb") as f:
        assignments = f.read()
    labels_txt = b"".join(line.split(b",")[4] + b"\n" for line in assignments.splitlines()[1:] if line)

    n = args.cases
    share = {"cifar10": 0.14, "stl10": 0.11, "idx": 0.15, "png": 0.14, "jpeg": 0.14, "checkpoint": 0.08,
             "config": 0.12, "csv": 0.12}
    for fmt, part in share.items():
        for i in range(max(3, round(n * part))):
            d = os.path.join(work, "cases", fmt, "%04d" % i)
            os.makedirs(d)
            if fmt == "cifar10":
                names = sorted(os.listdir(cifar))
                victim = rng.choice([x for x in names if x.endswith(".bin")])
                with open(os.path.join(cifar, victim), "rb") as f:
                    data, what = generic(rng, f.read(), lambda g, x: binary_huge(g, x, 3073))
                link_tree(cifar, os.path.join(d, "data"), skip=(victim,))
                write(os.path.join(d, "data", victim), data)
                cmd = ["data", "inspect", "cifar10:" + os.path.join(d, "data"), "--grid", os.path.join(d, "g.png")]
                what = victim + ": " + what
            elif fmt == "stl10":
                victim = rng.choice(sorted(os.listdir(stl)))
                with open(os.path.join(stl, victim), "rb") as f:
                    data, what = generic(rng, f.read(), lambda g, x: binary_huge(g, x, 27648 if "_X" in victim else 1))
                link_tree(stl, os.path.join(d, "data"), skip=(victim,))
                write(os.path.join(d, "data", victim), data)
                cmd = ["data", "inspect", "stl10:" + os.path.join(d, "data"), "--grid", os.path.join(d, "g.png")]
                what = victim + ": " + what
            elif fmt == "idx":
                gz = rng.random() < 0.4
                img, lab = idx_img, idx_lab
                which = rng.random() < 0.75
                target = img if which else lab
                mutated, what = generic(rng, target, idx_huge)
                if gz and rng.random() < 0.5:
                    # mutate the compressed bytes themselves
                    mutated, what = generic(rng, gzip.compress(target, mtime=0), idx_huge)
                    what = "gzip bytes: " + what
                elif gz:
                    mutated = gzip.compress(mutated, mtime=0)
                    what = "gzip of: " + what
                ext = ".gz" if gz else ""
                files = {"images" + ext: mutated if which else (gzip.compress(img, mtime=0) if gz else img),
                         "labels" + ext: lab if which else mutated}
                if gz and not which:
                    files["labels" + ext] = mutated
                for name, b in files.items():
                    write(os.path.join(d, name), b)
                cmd = ["data", "inspect", "idx:%s,%s" % (os.path.join(d, "images" + ext), os.path.join(d, "labels" + ext)),
                       "--grid", os.path.join(d, "g.png")]
                what = ("images" if which else "labels") + ext + ": " + what
            elif fmt in ("png", "jpeg"):
                names = [k for k in images if k.endswith(".png" if fmt == "png" else ".jpg")]
                name = rng.choice(names)
                data, what = generic(rng, images[name], png_huge if fmt == "png" else jpeg_huge)
                write(os.path.join(d, "images", name), data)
                cmd = ["data", "inspect", "folder:" + os.path.join(d, "images"), "--strict", "--grid",
                       os.path.join(d, "g.png")]
                what = name + ": " + what
            elif fmt == "checkpoint":
                link_tree(run, os.path.join(d, "run"), skip=("checkpoints", "kmeans-instance.json"))
                data, what = ckpt_mutate(rng, ckpt)
                write(os.path.join(d, "run", "checkpoints", ckpt_name), data)
                cmd = ["cluster", "--model", os.path.join(d, "run"), "--data", "cifar10:" + cifar, "--out",
                       os.path.join(d, "a.csv"), "--threads", "1"]
            elif fmt == "config":
                data, what = json_mutate(rng, config)
                write(os.path.join(d, "config.json"), data)
                cmd = ["train", "--config", os.path.join(d, "config.json"), "--dry-run", "--out", os.path.join(d, "r")]
            else:
                if rng.random() < 0.7:
                    data, what = csv_mutate(rng, assignments)
                    write(os.path.join(d, "pred.csv"), data)
                    cmd = ["evaluate", "--predictions", os.path.join(d, "pred.csv")]
                    what = "assignments CSV: " + what
                else:
                    data, what = generic(rng, labels_txt, lambda g, x: csv_mutate(g, b"label\n" + x))
                    write(os.path.join(d, "labels.txt"), data)
                    write(os.path.join(d, "pred.csv"), assignments)
                    cmd = ["evaluate", "--labels", os.path.join(d, "labels.txt"), "--predictions",
                           os.path.join(d, "pred.csv")]
                    what = "labels file: " + what
            cases.append((fmt, d, what, cmd))
    return cases


def run_case(args, case):
    fmt, d, what, cmd = case
    rss_file = os.path.join(d, "rss")
    t0 = time.time()
    # Its own process group, so that a time-out ends exactly this process and its children (by group id).
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_file, args.cc4j] + cmd, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=dict(os.environ, CC4J_LOG_LEVEL="warn"), start_new_session=True)
    try:
        _, raw = p.communicate(timeout=args.timeout)
        code, err = p.returncode, raw.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, 9)
        _, raw = p.communicate()
        code, err = "timeout", raw.decode("utf-8", "replace")
    seconds = time.time() - t0
    try:
        with open(rss_file) as f:
            rss = int(f.read().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        rss = -1
    problems = []
    if code not in (0, 2):
        problems.append("exit %s" % code)
    if code == 2 and "cc4j: error:" not in err:
        problems.append("exit 2 without a message")
    if STACK.search(err):
        problems.append("stack trace")
    if rss > RSS_LIMIT_KB:
        problems.append("RSS %.1f GB" % (rss / 1048576))
    first = next((line for line in err.splitlines() if "cc4j: error:" in line), err.strip().splitlines()[-1:] or [""])
    message = first if isinstance(first, str) else (first[0] if first else "")
    return fmt, d, what, code, rss, seconds, problems, message


def hostile(out, count):
    """Three flat folders of `count` small PNGs: good/ as they are, bomb/ with a decompression bomb (a 100000x100000
    PNG of a few hundred bytes) added, broken/ with one image whose header is fine but whose pixel data stops half
    way (it passes the check at open and fails to decode during training). broken/ has count images in all."""
    from PIL import Image
    rng = random.Random(11)
    for sub in ("good", "bomb", "broken"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    for i in range(count):
        c = i % 4
        px = bytes(min(255, (40 + 60 * c if k % 3 == c % 3 else 20) + rng.randrange(40)) for k in range(32 * 32 * 3))
        buf = io.BytesIO()
        Image.frombytes("RGB", (32, 32), px).save(buf, "PNG")
        for sub in ("good", "bomb") + (("broken",) if i < count - 1 else ()):
            write(os.path.join(out, sub, "img%03d.png" % i), buf.getvalue())
        if i == count - 1:
            data = buf.getvalue()
            idat = [c for c in png_chunks(data) if c[2] == b"IDAT"][0]
            write(os.path.join(out, "broken", "broken.png"), data[:idat[0] + 8 + idat[1] // 2])
    bomb, _ = png_huge(random.Random(0), b"")
    while not _.startswith("decompression bomb"):
        bomb, _ = png_huge(random.Random(rng.random()), b"")
    write(os.path.join(out, "bomb", "bomb.png"), bomb)
    print(len(bomb))
    return 0


def main():
    if "--hostile" in sys.argv:
        ap = argparse.ArgumentParser()
        ap.add_argument("--hostile", required=True)
        ap.add_argument("--count", type=int, default=64)
        a = ap.parse_args()
        return hostile(a.hostile, a.count)
    ap = argparse.ArgumentParser()
    ap.add_argument("--cc4j", required=True)
    ap.add_argument("--seeds", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=int, default=90)
    ap.add_argument("--keep-passed", action="store_true")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    shutil.rmtree(os.path.join(args.work, "cases"), ignore_errors=True)
    cases = build_cases(args, rng)
    print("fuzz: %d mutated files, %d processes at a time, %d s limit each" % (len(cases), args.jobs, args.timeout),
          flush=True)
    stats = {}
    failures = []
    peak = (0, "")
    slowest = (0.0, "")
    t0 = time.time()
    done = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for fmt, d, what, code, rss, seconds, problems, message in pool.map(lambda c: run_case(args, c), cases):
            done += 1
            s = stats.setdefault(fmt, {"files": 0, "refused": 0, "accepted": 0, "failed": 0})
            s["files"] += 1
            if problems:
                s["failed"] += 1
                failures.append("%s %s (%s): %s; %s" % (fmt, d, what, ", ".join(problems), message[:200]))
            else:
                s["refused" if code == 2 else "accepted"] += 1
                if not args.keep_passed:
                    shutil.rmtree(d, ignore_errors=True)
            if rss > peak[0]:
                peak = (rss, "%s (%s)" % (fmt, what))
            if seconds > slowest[0]:
                slowest = (seconds, "%s (%s)" % (fmt, what))
            if done % max(100, len(cases) // 10) == 0 and done < len(cases):
                print("  %d of %d files, %d failed so far, %.0f s" % (done, len(cases), len(failures),
                                                                       time.time() - t0), flush=True)
    print("%-11s %6s %8s %9s %7s" % ("format", "files", "refused", "accepted", "failed"))
    total = {"files": 0, "refused": 0, "accepted": 0, "failed": 0}
    for fmt, s in stats.items():
        print("%-11s %6d %8d %9d %7d" % (fmt, s["files"], s["refused"], s["accepted"], s["failed"]))
        for k in total:
            total[k] += s[k]
    print("%-11s %6d %8d %9d %7d" % ("all", total["files"], total["refused"], total["accepted"], total["failed"]))
    print("refused = exit 2 with a message; accepted = exit 0 (the mutation left a valid file); failed = exit 1 or"
          " other, time-out, stack trace or > 2 GB RSS")
    print("peak RSS %.0f MB (%s); slowest %.1f s (%s); %.0f s in all" % (peak[0] / 1024, peak[1], slowest[0],
                                                                          slowest[1], time.time() - t0))
    for f in failures[:40]:
        print("  FAILED " + f)
    print("fuzz: %d passed, %d failed" % (total["files"] - total["failed"], total["failed"]))
    return 0 if total["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Cuts a font into slices of 256 code points, for glyphs the app's subset font lacks.

Usage: slice_font.py FONT OUT_DIR [--cache DIR]

Writes OUT_DIR/uXXXX.ttf for every 256-code-point block (XXXX: the block's first code point, hex,
lower case) in which FONT has at least one glyph, each with .br and .gz forms next to it. The web
app fetches a slice when text it must draw (typed, or from a catalog uploaded after the build)
has a character its subset font lacks, and merges it into the font atlas: the same idea as CSS
unicode-range. With --cache, the slices are made once per font and script version and copied.
Uses Debian's python3-fonttools (the system python).
"""
import gzip
import hashlib
import multiprocessing
import os
import shutil
import subprocess
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

BLOCK = 256


def make_slice(args):
    font_path, block, out_dir = args
    font = TTFont(font_path, fontNumber=0)
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["FFTM"]
    options.notdef_outline = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=range(block, block + BLOCK))
    sub.subset(font)
    path = os.path.join(out_dir, "u%04x.ttf" % block)
    font.save(path)
    data = open(path, "rb").read()
    with open(path + ".gz", "wb") as f:
        f.write(gzip.compress(data, 9, mtime=0))
    subprocess.run(["brotli", "-q", "11", "-f", "-o", path + ".br", path], check=True)
    return path


def main():
    args = sys.argv[1:]
    if len(args) not in (2, 4) or (len(args) == 4 and args[2] != "--cache"):
        sys.exit(__doc__)
    font_path, out_dir = args[0], args[1]
    key = hashlib.sha256(open(font_path, "rb").read() + open(__file__, "rb").read()).hexdigest()[:16]
    work = os.path.join(args[3], "font-slices-" + key) if len(args) == 4 else out_dir + ".tmp"
    if not os.path.exists(os.path.join(work, ".done")):
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        cmap = TTFont(font_path, fontNumber=0, lazy=True).getBestCmap()
        blocks = sorted({c - c % BLOCK for c in cmap if c >= 0x80})
        with multiprocessing.Pool(os.cpu_count() or 2) as pool:
            pool.map(make_slice, [(font_path, b, work) for b in blocks])
        open(os.path.join(work, ".done"), "w").close()
    shutil.rmtree(out_dir, ignore_errors=True)
    shutil.copytree(work, out_dir, ignore=shutil.ignore_patterns(".done"))
    if len(args) != 4:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()

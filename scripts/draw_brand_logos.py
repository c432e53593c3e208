#!/usr/bin/env python3
"""Draws the two sample brands' logos: Bondstore's (a parcel on its green tile) and the test brand
Harbour Lane's (a sun over a wave on its coral tile), 160 px square PNGs. Standard library only and
deterministic, like draw_sample_images.py, whose shapes and PNG writer it uses.

    scripts/draw_brand_logos.py assets/brand/bondstore/logo.png tests/brands/harbour/logo.png
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from draw_sample_images import ellipse, inside, png, rect  # noqa: E402

SIZE = 160
SUPERSAMPLE = 3

LOGOS = {
    "bondstore": ((246, 245, 242), [
        (rect(0.02, 0.02, 0.98, 0.98, 0.22), (11, 110, 79)),
        (rect(0.24, 0.30, 0.76, 0.78, 0.04), (255, 255, 255)),
        (rect(0.20, 0.24, 0.80, 0.38, 0.03), (255, 255, 255)),
        (rect(0.20, 0.375, 0.80, 0.395), (11, 110, 79)),
        (rect(0.46, 0.24, 0.54, 0.78), (11, 110, 79)),
    ]),
    "harbour": ((255, 250, 243), [
        (rect(0.02, 0.02, 0.98, 0.98, 0.30), (168, 58, 26)),
        (ellipse(0.5, 0.44, 0.20, 0.20), (255, 214, 150)),
        (rect(0.14, 0.58, 0.86, 0.66, 0.04), (255, 255, 255)),
        (rect(0.22, 0.71, 0.78, 0.78, 0.035), (255, 255, 255)),
    ]),
}


def draw(background, shapes):
    """RGBA: outside the tile is transparent, so the logo sits on a light or a dark page alike."""
    n = SUPERSAMPLE
    rows = []
    for py in range(SIZE):
        row = bytearray([0])
        for px in range(SIZE):
            acc = [0, 0, 0]
            covered = 0
            for sy in range(n):
                y = (py + (sy + 0.5) / n) / SIZE
                for sx in range(n):
                    x = (px + (sx + 0.5) / n) / SIZE
                    c = None
                    for shape, colour in shapes:
                        if inside(shape, x, y):
                            c = colour
                    if c is None:
                        continue
                    covered += 1
                    for k in range(3):
                        acc[k] += c[k]
            if covered:
                row += bytes(v // covered for v in acc) + bytes([covered * 255 // (n * n)])
            else:
                row += bytes(background) + b"\x00"
        rows.append(bytes(row))
    return png(SIZE, SIZE, b"".join(rows), alpha=True)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    for name, path in zip(("bondstore", "harbour"), sys.argv[1:]):
        with open(path, "wb") as f:
            f.write(draw(*LOGOS[name]))


if __name__ == "__main__":
    main()

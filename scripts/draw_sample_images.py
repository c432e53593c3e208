#!/usr/bin/env python3
"""Draws the sample catalog's product images: flat illustrations per product (a tin for infant
formula, a bottle for wine, a jar for a cream, …) in colours taken from its brand, as PNG files
named by SKU: the front (SKU.png), the back with its label's text and barcode (SKU-back.png) and
the label close up (SKU-label.png), so a product page has a gallery to show. They stand in for the
packshots a merchant's catalog links to; they are illustrations, not photographs of the goods.

    scripts/draw_sample_images.py assets/catalog/sample.json assets/catalog/images

Standard library only (the PNG is written with zlib), and deterministic: the same catalog gives
the same bytes, so the committed files can be checked against the script.
"""
import hashlib
import json
import os
import struct
import sys
import zlib

SIZE = 256
SUPERSAMPLE = 3  # edges are smoothed by averaging 3 x 3 samples a pixel


def brand_colours(brand):
    """Two colours for a brand: its body colour and an accent, from its name's hash."""
    h = hashlib.sha256(brand.encode("utf-8")).digest()
    hue = h[0] / 255.0

    def hsv(hh, s, v):
        i = int(hh * 6) % 6
        f = hh * 6 - int(hh * 6)
        p, q, t = v * (1 - s), v * (1 - f * s), v * (1 - (1 - f) * s)
        r, g, b = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)][i]
        return (int(r * 255), int(g * 255), int(b * 255))

    return hsv(hue, 0.55, 0.85), hsv((hue + 0.5) % 1.0, 0.65, 0.55)


# Shapes in unit coordinates (0..1, y down). Each is (kind, params, colour key).
def rect(x0, y0, x1, y1, r=0.0):
    return ("rect", (x0, y0, x1, y1, r))


def ellipse(cx, cy, rx, ry):
    return ("ellipse", (cx, cy, rx, ry))


def inside(shape, x, y):
    kind, p = shape
    if kind == "ellipse":
        cx, cy, rx, ry = p
        return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1.0
    x0, y0, x1, y1, r = p
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    # Rounded corners.
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r + 1e-12


def figure(category):
    """The drawing for a category: [(shape, colour key)], painted in order."""
    shadow = (ellipse(0.5, 0.88, 0.30, 0.045), "shadow")
    if category == "infant_formula":  # a tin with a lid and a label band
        return [shadow, (rect(0.25, 0.22, 0.75, 0.88, 0.04), "body"), (rect(0.23, 0.16, 0.77, 0.26, 0.03), "accent"),
                (rect(0.25, 0.45, 0.75, 0.68), "label"), (ellipse(0.5, 0.565, 0.09, 0.07), "accent")]
    if category in ("wine", "spirits", "olive_oil", "beer"):  # a bottle with a neck and a label
        neck = 0.06 if category != "spirits" else 0.08
        return [shadow, (rect(0.33, 0.38, 0.67, 0.88, 0.08), "body"), (rect(0.5 - neck, 0.12, 0.5 + neck, 0.42, 0.02), "body"),
                (rect(0.5 - neck - 0.01, 0.09, 0.5 + neck + 0.01, 0.17, 0.01), "accent"),
                (rect(0.35, 0.55, 0.65, 0.75, 0.02), "label"), (rect(0.40, 0.61, 0.60, 0.64), "accent")]
    if category in ("skincare", "makeup"):  # a jar with a wide lid
        return [shadow, (rect(0.22, 0.50, 0.78, 0.88, 0.06), "body"), (rect(0.20, 0.38, 0.80, 0.52, 0.04), "accent"),
                (rect(0.30, 0.62, 0.70, 0.76, 0.02), "label")]
    if category == "perfume":  # a flacon with a cap
        return [shadow, (rect(0.28, 0.40, 0.72, 0.88, 0.10), "body"), (rect(0.44, 0.30, 0.56, 0.42), "accent"),
                (rect(0.38, 0.16, 0.62, 0.31, 0.04), "accent"), (rect(0.36, 0.58, 0.64, 0.70, 0.02), "label")]
    if category == "supplements":  # a pill bottle
        return [shadow, (rect(0.30, 0.32, 0.70, 0.88, 0.05), "body"), (rect(0.28, 0.20, 0.72, 0.34, 0.03), "accent"),
                (rect(0.30, 0.48, 0.70, 0.72), "label"), (ellipse(0.5, 0.60, 0.07, 0.07), "accent")]
    if category == "watch":  # a face on a strap
        return [shadow, (rect(0.42, 0.08, 0.58, 0.92, 0.05), "accent"), (ellipse(0.5, 0.5, 0.24, 0.24), "body"),
                (ellipse(0.5, 0.5, 0.19, 0.19), "label"), (rect(0.49, 0.36, 0.51, 0.51), "accent"), (rect(0.49, 0.49, 0.60, 0.51), "accent")]
    if category == "appliances":  # a device on its base
        return [shadow, (rect(0.22, 0.30, 0.78, 0.86, 0.08), "body"), (ellipse(0.5, 0.56, 0.16, 0.16), "label"),
                (ellipse(0.5, 0.56, 0.07, 0.07), "accent"), (rect(0.30, 0.20, 0.70, 0.32, 0.04), "accent")]
    # snacks, tea and anything else: a box with a window
    return [shadow, (rect(0.24, 0.18, 0.76, 0.88, 0.03), "body"), (rect(0.24, 0.18, 0.76, 0.30, 0.03), "accent"),
            (rect(0.32, 0.44, 0.68, 0.70, 0.05), "label")]


def back_label(shapes):
    """The back: the label carries lines of text and a barcode instead of the front's emblem."""
    label = next(p for shape, key in shapes if key == "label" for p in [shape[1]])
    x0, y0, x1, y1 = label[0], label[1], label[2], label[3]

    def centre(shape):
        kind, q = shape
        return (q[0], q[1]) if kind == "ellipse" else ((q[0] + q[2]) / 2, (q[1] + q[3]) / 2)

    out = [(shape, key) for shape, key in shapes
           if not (key == "accent" and x0 <= centre(shape)[0] <= x1 and y0 <= centre(shape)[1] <= y1)]
    h = y1 - y0
    for k in range(3):  # lines of text
        ty = y0 + h * (0.15 + 0.2 * k)
        out.append((rect(x0 + (x1 - x0) * 0.1, ty, x1 - (x1 - x0) * (0.1 + 0.15 * k), ty + h * 0.08), "ink"))
    bars = 14
    for k in range(bars):  # a barcode
        if k % 3 == 1:
            continue
        bx = x0 + (x1 - x0) * (0.12 + 0.5 * k / bars)
        out.append((rect(bx, y0 + h * 0.72, bx + (x1 - x0) * 0.018 * (1 + k % 2), y1 - h * 0.08), "ink"))
    return out


def draw(product, view="front"):
    body, accent = brand_colours(product.get("brand") or product["sku"])
    colours = {"body": body, "accent": accent, "label": (250, 248, 240), "shadow": (214, 210, 204), "ink": (60, 60, 64)}
    background = (244, 242, 238)
    shapes = figure(product.get("category", ""))
    zoom, cx, cy = 1.0, 0.5, 0.5
    if view != "front":
        shapes = back_label(shapes)
    if view == "label":  # twice as close, on the label's centre
        label = next(shape[1] for shape, key in shapes if key == "label")
        zoom, cx, cy = 2.0, (label[0] + label[2]) / 2, (label[1] + label[3]) / 2
    n = SUPERSAMPLE
    rows = []
    for py in range(SIZE):
        row = bytearray([0])  # filter: none
        for px in range(SIZE):
            acc = [0, 0, 0]
            for sy in range(n):
                y = cy + ((py + (sy + 0.5) / n) / SIZE - 0.5) / zoom
                for sx in range(n):
                    x = cx + ((px + (sx + 0.5) / n) / SIZE - 0.5) / zoom
                    c = background
                    for shape, key in shapes:
                        if inside(shape, x, y):
                            c = colours[key]
                    acc[0] += c[0]
                    acc[1] += c[1]
                    acc[2] += c[2]
            row += bytes(v // (n * n) for v in acc)
        rows.append(bytes(row))
    return png(SIZE, SIZE, b"".join(rows))


def png(width, height, raw, alpha=False):
    """A PNG of 8-bit rows (each starting with its filter byte): RGB, or RGBA with alpha."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    catalog, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for product in json.load(open(catalog, encoding="utf-8"))["products"]:
        for view, suffix in (("front", ""), ("back", "-back"), ("label", "-label")):
            with open(os.path.join(out, product["sku"] + suffix + ".png"), "wb") as f:
                f.write(draw(product, view))


if __name__ == "__main__":
    main()

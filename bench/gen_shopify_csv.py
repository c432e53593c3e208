#!/usr/bin/python3
"""Writes a Shopify product CSV (legacy dialect, Bondstore's customs metafield columns) with N
variant rows, for the import benchmark: bench/gen_shopify_csv.py N OUT.csv

Products have 1–3 variants (sizes), Chinese and English titles, valid barcodes, HS codes that are
on the positive list, and a quoted multi-line description on each product's first row.
"""
import random
import sys

HEADER = ["Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Published", "Option1 Name", "Option1 Value",
          "Variant SKU", "Variant Grams", "Variant Inventory Qty", "Variant Price", "Variant Compare At Price",
          "Variant Barcode", "Image Src", "Price / International", "Status",
          "HS code (product.metafields.customs.hs_code)", "Origin (product.metafields.customs.origin_country)",
          "Unit (product.metafields.customs.unit)", "Legal quantity (variant.metafields.customs.legal_qty)",
          "Chinese title (product.metafields.customs.title_zh)"]
KINDS = [("infant_formula", "1901101010", "122", "g", "婴儿配方奶粉", "Infant formula"),
         ("skincare", "3304990099", "142", "ml", "保湿面霜", "Moisturising cream"),
         ("tea", "0902309000", "140", "g", "英式红茶", "Black tea"),
         ("snacks", "1905310000", "125", "g", "黄油饼干", "Butter biscuits"),
         ("olive_oil", "1509200000", "142", "ml", "特级初榨橄榄油", "Extra virgin olive oil"),
         ("supplements", "2106909090", "142", "piece", "深海鱼油", "Fish oil capsules")]
ORIGINS = ["JP", "DE", "FR", "AU", "NZ", "KR", "GB", "US", "IT", "ES"]


def gtin13(rng):
    d = [rng.randrange(10) for _ in range(12)]
    s = sum(x * (3 if i % 2 else 1) for i, x in enumerate(d))
    return "".join(map(str, d)) + str((10 - s % 10) % 10)


def field(v):
    v = str(v)
    return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n\r') else v


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(100000)
    rows = 0
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADER) + "\r\n")
        p = 0
        while rows < n:
            kind, hs, unit, lunit, zh, en = rng.choice(KINDS)
            origin = rng.choice(ORIGINS)
            handle = f"{kind}-{p}"
            variants = min(n - rows, rng.choice([1, 1, 2, 3]))
            for v in range(variants):
                size = rng.choice([100, 200, 250, 400, 500, 800])
                first = v == 0
                row = [handle, f"{en} {p}" if first else "", f"<p>{en}, imported.</p>\n<p>Batch {p}</p>" if first else "",
                       f"Brand{p % 500}" if first else "", kind if first else "", "import, bonded" if first else "",
                       "TRUE" if first else "", "Size" if first else "", f"{size} {lunit}", f"B{p:06d}-{v}",
                       size + 50, rng.randrange(500), f"{rng.randrange(2000, 90000) / 100:.2f}", "",
                       gtin13(rng), f"https://cdn.example.com/{handle}.jpg" if first else "", "", "active" if first else "",
                       hs if first else "", origin if first else "", unit if first else "", f"{size} {lunit}",
                       f"{zh} {p}" if first else ""]
                f.write(",".join(field(x) for x in row) + "\r\n")
                rows += 1
            p += 1


if __name__ == "__main__":
    main()

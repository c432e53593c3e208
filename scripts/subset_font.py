#!/usr/bin/python3
"""Subsets the UI font to the text the app shows.

Usage: subset_font.py FONT OUT TEXT_FILE...

Every string in the given JSON files (UI message catalogs, the sample catalog) plus printable
ASCII, Latin-1 and common punctuation go into the subset. Uses Debian's python3-fonttools (the
system python, not a pyenv one). Glyphs for catalog text that arrives later are the app's job.
"""
import json
import subprocess
import sys


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def main():
    font, out, *inputs = sys.argv[1:]
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars |= set(chr(c) for c in range(0xA0, 0x100))
    chars |= set("“”‘’…—–·¥€£•→←↑↓×÷±≤≥‰％（）：；，。、！？《》【】「」『』￥")
    for path in inputs:
        with open(path, encoding="utf-8") as f:
            for s in strings(json.load(f)):
                chars.update(s)
    text = "".join(sorted(c for c in chars if c.isprintable()))
    subprocess.run([
        "/usr/bin/python3", "-m", "fontTools.subset", font,
        "--font-number=0", "--no-hinting", "--layout-features=", "--notdef-outline",
        "--output-file=" + out, "--text=" + text,
    ], check=True)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Subsets the UI font to the text the app shows.

Usage: subset_font.py FONT OUT [--countries CUSTOMS_CODES_CPP --locales TAG...] TEXT_FILE...

Every string in the given JSON files (UI message catalogs, the sample catalog), printable ASCII,
Latin-1 and common punctuation go into the subset, and — with --countries — the names ICU gives
the countries of core's customs table in each of the locales (the origin facet shows them). Uses
Debian's python3-fonttools and python3-icu (the system python, not a pyenv one). Glyphs for
catalog text that arrives later are the app's job.
"""
import json
import re
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


def country_names(customs_cpp, locales):
    import icu
    codes = re.findall(r'\{"\d{3}", "([A-Z]{2})", "', open(customs_cpp, encoding="utf-8").read())
    names = []
    for tag in locales:
        display = icu.Locale.forLanguageTag(tag)
        names += [icu.Locale("", code).getDisplayCountry(display) for code in codes]
    return names


def main():
    args = sys.argv[1:]
    font, out = args[0], args[1]
    inputs, locales, customs = [], [], None
    i = 2
    while i < len(args):
        if args[i] == "--countries":
            customs = args[i + 1]
            i += 2
        elif args[i] == "--locales":
            i += 1
            while i < len(args) and not args[i].startswith("--") and not args[i].endswith(".json"):
                locales.append(args[i])
                i += 1
        else:
            inputs.append(args[i])
            i += 1
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars |= set(chr(c) for c in range(0xA0, 0x100))
    chars |= set("“”‘’…—–·¥€£•→←↑↓×÷±≤≥‰％（）：；，。、！？《》【】「」『』￥")
    for path in inputs:
        with open(path, encoding="utf-8") as f:
            for s in strings(json.load(f)):
                chars.update(s)
    if customs:
        for name in country_names(customs, locales):
            chars.update(name)
    # The server converts Simplified titles to Traditional for zh-Hant (core/i18n/text_conversion.h):
    # the converted forms of every text here must be drawable too.
    if "zh-Hant" in locales:
        import icu
        to_hant = icu.Transliterator.createInstance("Hans-Hant")
        chars.update(to_hant.transliterate("".join(sorted(chars))))
    # No-break spaces are not "printable" to Python, but ICU puts them in formatted numbers and
    # prices (U+00A0, U+202F), so the font must draw them.
    chars |= set("\u00a0\u2009\u202f")
    # The en-XA pseudo-locale's accented letters (core/i18n/message_pattern.cpp).
    chars |= set(chr(c) for c in range(0x100, 0x180))
    text = "".join(sorted(c for c in chars if c.isprintable() or c in "\u00a0\u2009\u202f"))
    subprocess.run([
        "/usr/bin/python3", "-m", "fontTools.subset", font,
        "--font-number=0", "--no-hinting", "--layout-features=", "--notdef-outline",
        "--output-file=" + out, "--text=" + text,
    ], check=True)


if __name__ == "__main__":
    main()

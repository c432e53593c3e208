#!/usr/bin/python3
"""Builds the ICU data file the browser downloads: only what the web app uses.

Usage: filter_icu_data.py ICUPKG FULL.dat OUT.dat LOCALE...

Keeps, for the given locales (and root, and the parents ICU needs): the locale data (number,
currency and date patterns, plurals, day periods), currency names and symbols, region names
(origin countries), unit names (ml, L, g, kg), and the shared tables formatting needs
(supplementalData, likely subtags, numbering systems, NFKC case folding for search). Drops what
only the server uses or nobody uses: collation and transliteration (sort keys and pinyin are
precomputed on the server), break iteration, language and time-zone display names, the time-zone
database (dates are formatted at a fixed UTC offset), character names, codepage converters,
StringPrep, RBNF, emoji and layout properties. tests/core runs every non-"server-data" case
against the result in WebAssembly; scripts/test.sh fails if its brotli size passes the budget.
See docs/i18n.md.
"""
import os
import shutil
import subprocess
import sys
import tempfile

# Whole-file items formatting and messages need (everything else that is not locale data goes).
KEEP_SHARED = {
    "pool.res", "res_index.res", "root.res", "supplementalData.res", "plurals.res", "pluralRanges.res",
    "numberingSystems.res", "likelySubtags.res", "currencyNumericCodes.res", "metadata.res",
    "icuver.res", "icustd.res", "units.res", "dayPeriods.res", "keyTypeData.res", "nfkc_cf.nrm",
}
LOCALE_TREES = {"", "curr/", "region/", "unit/"}  # "" = the main locale tree
DROP_TREES = {"coll/", "brkitr/", "translit/", "rbnf/", "lang/", "zone/"}


def parents(tag):
    """zh_Hans_CN -> zh_Hans_CN, zh_Hans, zh."""
    parts = tag.split("_")
    return ["_".join(parts[:i]) for i in range(len(parts), 0, -1)]


def main():
    icupkg, full, out, *locales = sys.argv[1:]
    keep_locales = {"root"}
    for tag in locales:
        keep_locales.update(parents(tag.replace("-", "_")))

    items = subprocess.run([icupkg, "-l", full], check=True, capture_output=True, text=True).stdout.split()
    remove = []
    for item in items:
        tree, name = (item.rsplit("/", 1)[0] + "/", item.rsplit("/", 1)[1]) if "/" in item else ("", item)
        stem = name[:-4] if name.endswith(".res") else None
        if tree in DROP_TREES:
            remove.append(item)
        elif tree == "":
            if name not in KEEP_SHARED and stem not in keep_locales:
                remove.append(item)  # other locales, converters, StringPrep, names, …
        elif tree in LOCALE_TREES:
            # Only other locales go; shared tables in these trees (pool, res_index,
            # curr/supplementalData, zone/tzdbNames) stay.
            if stem and looks_like_locale(stem) and stem not in keep_locales and stem not in ("pool", "res_index"):
                remove.append(item)
        # any other tree is kept: unknown means "not proven unused"

    with tempfile.NamedTemporaryFile("w", delete=False, suffix=".lst") as f:
        f.write("\n".join(remove) + "\n")
        listing = f.name
    # icupkg names the package (the prefix of every item, e.g. "icudt72l/en.res") after the output
    # file, and ICU looks items up under its own name: write under the input's name, then rename.
    workdir = tempfile.mkdtemp()
    try:
        staged = os.path.join(workdir, os.path.basename(full))
        subprocess.run([icupkg, "-r", listing, full, staged], check=True, stdout=subprocess.DEVNULL)
        shutil.move(staged, out)
    finally:
        os.remove(listing)
        shutil.rmtree(workdir, ignore_errors=True)


def looks_like_locale(stem):
    """en, zh_Hans, sr_Latn_BA, es_419 — not pool, supplementalData, tzdbNames."""
    head, *rest = stem.split("_")
    return head.isalpha() and head.islower() and 2 <= len(head) <= 3 and head not in ("pool",)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Large-catalog server benchmark (issue 19): a store of N realistic products (bench/gen_catalog.py)
searched on the server as the web app searches it when the catalog is sent a page at a time.

Prints: how long the server takes to seed and start, its memory (RSS) with the catalog and its
indexes; the first page's bytes (brotli) next to the whole catalog's; and the server time of a
typed search (each keystroke's GET /api/catalog/page, one kept-alive connection, as a browser
sends them; the per-client rate limit off) — p50 and p99 — next to a baseline measured in the same run: the same server answering
a prepared body (GET /api/tax-table) on the same connection, i.e. what HTTP alone costs here.

Then the server-rendered pages (issue 21): a product page (GET /en/p/SKU, a random product of the
N each time, brotli) — its size and server time, p50 and p99 — next to the same server answering a
static file of the same size from the web app's folder (GET /same-size.html), and a category page.

Budgets: the search p50 ≤ 30 ms; a product page p50 ≤ 5 ms and ≤ 30 KB brotli; exceeding one exits 1.

    python3 bench/catalog_bench.py [N=50000]
"""
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = os.environ.get("BONDSTORE_BENCH_SERVER", os.path.join(ROOT, "build/native/server/bondstore-server"))
WEB = os.path.join(ROOT, "build/wasm/web/dist")
BUDGET_P50_MS = 30.0
BUDGET_PAGE_P50_MS = 5.0
BUDGET_PAGE_BROTLI = 30 * 1024


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def start(web, data, catalog):
    """The server on `data` (seeded from `catalog` when empty); (process, port), port None if it did not start."""
    proc = subprocess.Popen([SERVER, "--port", "0", "--data-dir", data, "--web-dir", web,
                             "--seed-catalog", catalog, "--rate-limit", "off"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            return proc, int(m.group(1))
    return proc, None


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
    work = tempfile.mkdtemp(prefix="bondstore-catalog-bench-")
    try:
        catalog = os.path.join(work, "catalog.json")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench/gen_catalog.py"), str(n), "--out", catalog], check=True)
        products = json.load(open(catalog, encoding="utf-8"))["products"]
        os.mkdir(os.path.join(work, "data"), 0o700)
        # The web app's files, and a file the size of a product page beside them (the baseline).
        web = os.path.join(work, "web")
        shutil.copytree(WEB, web)
        t0 = time.monotonic()
        proc, port = start(web, os.path.join(work, "data"), catalog)
        started = time.monotonic() - t0
        if port is None:
            print("the server did not start")
            return 2
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port)

            def get(path, encoding="br"):
                a = time.perf_counter()
                conn.request("GET", path, headers={"Accept-Encoding": encoding})
                r = conn.getresponse()
                body = r.read()
                return r.status, body, (time.perf_counter() - a) * 1000, r.getheader("Content-Encoding") or ""

            status, page, _, enc = get("/api/catalog/page")
            _, whole, _, whole_enc = get("/api/catalog")
            memory = rss_mb(proc.pid)
            rng = random.Random(19)
            queries = []
            for i in range(200):
                p = rng.choice(products)
                words = [w for w in p["title"]["en"].split() if len(w) >= 3]
                zh = p["title"]["zh-Hans"].split(" ", 1)[-1]
                queries.append([p["brand"], rng.choice(words), zh[:2], p["sku"][:5]][i % 4])
            search, baseline = [], []
            for q in queries:
                for k in range(1, len(q) + 1):
                    path = "/api/catalog/page?" + urllib.parse.urlencode({"q": q[:k], "locale": "zh-Hans", "limit": 50})
                    s, _, ms, _ = get(path)
                    if s != 200:
                        print(f"search answered {s}")
                        return 1
                    search.append(ms)
                    _, _, ms, _ = get("/api/tax-table")
                    baseline.append(ms)

            def pct(xs, p):
                xs = sorted(xs)
                return xs[min(len(xs) - 1, int(p * len(xs)))]

            print(f"Large catalog on the server: {n} realistic products (bench/gen_catalog.py), SQLite")
            print(f"  seeded and started in {started:.1f} s; server memory (RSS) with the catalog and its indexes: {memory:.0f} MB")
            print(f"  first page (GET /api/catalog/page): {len(page)} bytes {enc or 'identity'}; "
                  f"the whole catalog (GET /api/catalog): {len(whole)} bytes {whole_enc or 'identity'}")
            p50, p99 = statistics.median(search), pct(search, 0.99)
            b50, b99 = statistics.median(baseline), pct(baseline, 0.99)
            print(f"  typed search, server time per keystroke ({len(search)} keystrokes, one kept-alive connection): "
                  f"p50 {p50:.2f} ms p99 {p99:.2f} ms")
            print(f"  baseline: the same server answering a prepared body (GET /api/tax-table): p50 {b50:.2f} ms p99 {b99:.2f} ms")
            print(f"  ratio search / baseline (p50): {p50 / b50:.1f}x")
            ok = p50 <= BUDGET_P50_MS
            print(f"Budget: search p50 {p50:.2f} ms ≤ {BUDGET_P50_MS:.0f} ms: {'within' if ok else 'EXCEEDED'}")

            # Server-rendered pages.
            pages, sizes = [], []
            for i in range(300):
                p = rng.choice(products)
                s_, body, ms, enc = get("/en/p/" + urllib.parse.quote(p["sku"], safe=""))
                if s_ != 200 or enc != "br":
                    print(f"a product page answered {s_} {enc}")
                    return 1
                pages.append(ms)
                sizes.append(len(body))
            s_, identity, _, _ = get("/en/p/" + urllib.parse.quote(products[0]["sku"], safe=""), "identity")
            category = products[0]["category"]
            categories = [get(f"/en/c/{category}?page={1 + i % 5}")[2] for i in range(100)]
            # The baseline: the page's bytes as a static file of the web app. The server reads its
            # files when it starts: started again on the same store (no seeding this time).
            with open(os.path.join(web, "same-size.html"), "wb") as f:
                f.write(identity)
            proc.terminate()
            proc.wait(timeout=30)
            proc, port = start(web, os.path.join(work, "data"), catalog)
            conn = http.client.HTTPConnection("127.0.0.1", port)
            static = [get("/same-size.html")[2] for _ in range(300)]
            g50, g99 = statistics.median(pages), pct(pages, 0.99)
            st50, st99 = statistics.median(static), pct(static, 0.99)
            print(f"  product page (GET /en/p/SKU, {len(pages)} random products): {statistics.median(sizes):.0f} bytes brotli "
                  f"(largest {max(sizes)}), {len(identity)} identity; p50 {g50:.2f} ms p99 {g99:.2f} ms")
            print(f"  category page (GET /en/c/{category}?page=1..5, 48 products): p50 {statistics.median(categories):.2f} ms")
            print(f"  baseline: a static file of the same size ({len(identity)} bytes, its brotli form prepared at start) "
                  f"from the same server: p50 {st50:.2f} ms p99 {st99:.2f} ms; ratio page / static (p50): {g50 / st50:.1f}x")
            page_ok = g50 <= BUDGET_PAGE_P50_MS and max(sizes) <= BUDGET_PAGE_BROTLI
            print(f"Budget: product page p50 {g50:.2f} ms ≤ {BUDGET_PAGE_P50_MS:.0f} ms and ≤ {BUDGET_PAGE_BROTLI // 1024} KB brotli "
                  f"(largest {max(sizes)} bytes): {'within' if page_ok else 'EXCEEDED'}")
            return 0 if ok and page_ok else 1
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

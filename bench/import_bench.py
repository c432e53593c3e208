#!/usr/bin/python3
"""Catalog import benchmark: a generated 100,000-row Shopify CSV uploaded with
`bondstore-admin import` to a running bondstore-server (parse, validate every row against the
catalog rules and the tax table, upsert into SQLite in one transaction, republish the catalog with
search keys), next to the sqlite3 CLI's `.import` of the same file into a plain table — in the same
run, as a ratio. Peak memory: the server's VmHWM growth during the import, and sqlite3's max RSS.

    bench/import_bench.py [ROWS]
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = os.path.join(ROOT, "build/native/server/bondstore-server")
ADMIN = os.path.join(ROOT, "build/native/server/bondstore-admin")


def vm_hwm_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1))


def timed(cmd):
    """Wall time and max RSS (KiB) of one child process."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    out, err = p.stdout.read(), p.stderr.read()
    return time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status), out, err


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "shopify.csv")
        subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "bench/gen_shopify_csv.py"), str(rows), csv], check=True)
        size = os.path.getsize(csv)

        # Baseline: the sqlite3 CLI importing the same file into a plain table (WAL, as the server).
        db = os.path.join(tmp, "plain.db")
        base_s, base_rss, code, _, err = timed(["sqlite3", db, "PRAGMA journal_mode=WAL;", ".mode csv", f".import {csv} products"])
        if code != 0:
            sys.exit(f"sqlite3 failed: {err.decode()}")

        data = os.path.join(tmp, "store")
        token = subprocess.run([ADMIN, "tokens", "create", "--merchant", "bench", "--data-dir", data],
                               check=True, capture_output=True, text=True).stdout.strip()
        web = os.path.join(tmp, "web")
        os.makedirs(web)
        open(os.path.join(web, "index.html"), "w").write("<!doctype html>")
        server = subprocess.Popen([SERVER, "--port", "0", "--data-dir", data, "--web-dir", web], stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True)
        url = re.search(r"http://[^ /]+", server.stdout.readline()).group(0)
        before_kb = vm_hwm_kb(server.pid)
        ours_s, _, code, out, err = timed([ADMIN, "import", csv, "--server", url, "--token", token, "--json"])
        after_kb = vm_hwm_kb(server.pid)
        server.terminate()
        server.wait()
        report = json.loads(out) if out else {}
        if code != 0 or report.get("created") != rows:
            sys.exit(f"import failed ({code}): {err.decode()[-400:]} {str(report)[:400]}")

    print(f"Catalog import of a generated {rows:,}-row Shopify CSV ({size / 2**20:.1f} MiB)")
    print(f"  bondstore-admin import → server   {ours_s:6.2f} s   {rows / ours_s:9,.0f} rows/s   "
          f"server peak memory +{(after_kb - before_kb) / 1024:.0f} MiB (VmHWM {after_kb / 1024:.0f} MiB)")
    print(f"  baseline: sqlite3 .import          {base_s:6.2f} s   {rows / base_s:9,.0f} rows/s   "
          f"max RSS {base_rss / 1024:.0f} MiB")
    print(f"  ratio bondstore / sqlite3: {ours_s / base_s:.1f}x the time")


if __name__ == "__main__":
    main()

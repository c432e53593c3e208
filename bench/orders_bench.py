#!/usr/bin/python3
"""Order and read-path benchmark, every figure next to a baseline measured in the same run.

Orders: wrk (bench/orders.lua) posts new orders — each its own Idempotency-Key and buyer, the
whole checkout transaction (key, quota, re-quote by core, conditional stock decrement, order,
lines, tax, timeline, outbox) — at 16 and 64 connections, on SQLite and on PostgreSQL. Baseline:
the raw commit rate of the same database at the same durability (bondstore-commit-bench: one
INSERT per transaction, WAL + synchronous=FULL / synchronous_commit=on), from as many
connections as the store itself uses (SQLite 1, PostgreSQL 8).

Reads: GET /api/catalog and GET /api/inventory, requests/s at 64 connections, next to nginx
serving the same bytes from a file with the same tool and settings.

    bench/orders_bench.py [SECONDS per run, default 8]
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = os.path.join(ROOT, "build/native/server/bondstore-server")
COMMIT = os.path.join(ROOT, "build/native/bench/bondstore-commit-bench")
POSTGRES = os.path.join(ROOT, "scripts/postgres.sh")


def bench_catalog(path):
    sample = json.load(open(os.path.join(ROOT, "assets/catalog/sample.json")))
    template = dict(sample["products"][0])
    template.pop("barcode", None)
    products, stock = [], []
    for i in range(10):
        p = dict(template, sku=f"B-{i:02d}", handle=f"B-{i:02d}", price_fen=5000)
        products.append(p)
        stock.append({"sku": p["sku"], "warehouse": "CQ-LL", "on_hand": 1_000_000_000})
    json.dump({"warehouses": sample["warehouses"], "products": products, "stock": stock}, open(path, "w"))


def start_server(args, log):
    # The store's limits as shipped: every order comes from its own address (orders.lua), so they are
    # checked in every checkout (their cost is part of the figure) and not reached. The reads below
    # come from one address: their rate limits do not apply to them.
    p = subprocess.Popen([SERVER, "--port", "0", "--bind", "127.0.0.1"] + args, stdout=subprocess.PIPE, stderr=log, text=True)
    line = p.stdout.readline()
    m = re.search(r"http://[^\s/]+:(\d+)/", line)
    if not m:
        p.kill()
        raise SystemExit("server did not start: " + line)
    return p, f"http://127.0.0.1:{m.group(1)}"


def wrk(url, connections, seconds, script=None, script_args=()):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script:
        cmd += ["-s", script]
    cmd.append(url)
    if script_args:
        cmd += ["--"] + list(script_args)
    run = subprocess.run(cmd, capture_output=True, text=True, check=True)
    out = run.stdout
    if "Error" in run.stderr or "error" in run.stderr:
        raise SystemExit(f"wrk {url}: {run.stderr.strip()}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        if not m:
            return float("nan")
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    # A figure made of refusals is not a figure: every request must have been answered 2xx.
    if non2xx and int(non2xx.group(1)) > 0:
        raise SystemExit(f"wrk {url}: {non2xx.group(1)} of {requests} answers were not 2xx\n{run.stderr.strip()}")
    return {"rps": rps, "p50": pct(50), "p99": pct(99), "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": errors.group(0) if errors else ""}


def quoted_total(url):
    req = urllib.request.Request(url + "/api/quote", data=json.dumps({"lines": [{"sku": "B-00", "qty": 1}]}).encode(),
                                 headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))["amount_to_pay_fen"]


def commit_rate(kind, where, seconds, threads):
    out = subprocess.run([COMMIT, kind, where, str(seconds), str(threads)], capture_output=True, text=True, check=True).stdout
    return float(re.search(r"commits/s ([\d.]+)", out).group(1))


def nginx_baseline(files, seconds, tmp):
    """requests/s of nginx serving each file (name → bytes) at 64 connections."""
    www = os.path.join(tmp, "www")
    os.makedirs(www, exist_ok=True)
    for name, data in files.items():
        open(os.path.join(www, name), "wb").write(data)
    port = 18000 + os.getpid() % 1000
    conf = os.path.join(tmp, "nginx.conf")
    open(conf, "w").write(f"""
user root; worker_processes 2; daemon off; pid {tmp}/nginx.pid; error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{ access_log off; keepalive_requests 1000000; gzip off;
  server {{ listen 127.0.0.1:{port}; root {www}; default_type application/json; }} }}
""")
    p = subprocess.Popen(["/usr/sbin/nginx", "-p", tmp, "-c", conf])
    time.sleep(0.5)
    try:
        return {name: wrk(f"http://127.0.0.1:{port}/{name}", 64, seconds) for name in files}
    finally:
        p.terminate()
        p.wait()


def main():
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        catalog = os.path.join(tmp, "catalog.json")
        bench_catalog(catalog)
        log = open(os.path.join(tmp, "server.log"), "w")
        pg_dir = os.path.join(tmp, "pg")
        conninfo = subprocess.run([POSTGRES, "start", pg_dir], capture_output=True, text=True, check=True).stdout.strip()
        try:
            for kind in ("sqlite", "postgresql"):
                data = os.path.join(tmp, kind)
                args = ["--data-dir", data, "--seed-catalog", catalog, "--web-dir", os.path.join(ROOT, "build/wasm/web/dist")]
                if kind == "postgresql":
                    db = subprocess.run([POSTGRES, "createdb", pg_dir, "orders"], capture_output=True, text=True, check=True).stdout.strip()
                    args += ["--database", db]
                    raw_where, raw_threads = subprocess.run([POSTGRES, "createdb", pg_dir, "raw"], capture_output=True,
                                                            text=True, check=True).stdout.strip(), 8
                else:
                    os.makedirs(data, exist_ok=True)
                    raw_where, raw_threads = os.path.join(tmp, "raw.db"), 1
                raw = commit_rate(kind, raw_where, seconds, raw_threads)
                server, url = start_server(args, log)
                try:
                    total = str(quoted_total(url))
                    for c in (16, 64):
                        r = wrk(url + "/api/orders", c, seconds, os.path.join(ROOT, "bench/orders.lua"), (total, f"{kind}{c}"))
                        results.append((kind, c, r, raw, raw_threads))
                    if kind == "sqlite":
                        # The read paths, and nginx serving the same bytes.
                        bodies = {"catalog.json": urllib.request.urlopen(url + "/api/catalog").read(),
                                  "inventory.json": urllib.request.urlopen(url + "/api/inventory").read()}
                        reads = {"catalog.json": wrk(url + "/api/catalog", 64, seconds),
                                 "inventory.json": wrk(url + "/api/inventory", 64, seconds)}
                finally:
                    server.terminate()
                    server.wait()
            base = nginx_baseline(bodies, seconds, os.path.join(tmp, "nginx"))
        finally:
            subprocess.run([POSTGRES, "stop", pg_dir])
    print(f"Orders (POST /api/orders, each a new order; wrk -t2, {seconds} s per run), next to the raw commit rate")
    print("  store       conns  orders/s    p50 ms   p99 ms   non-2xx   raw commits/s (conns)   orders / commits")
    for kind, c, r, raw, raw_threads in results:
        print(f"  {kind:<11} {c:>5}  {r['rps']:>8.0f}  {r['p50']:>8.2f} {r['p99']:>8.2f}  {r['non2xx']:>8}   "
              f"{raw:>12.0f} ({raw_threads})        {r['rps'] / raw:>6.2f}   {r['socket_errors']}")
    print(f"Reads at 64 connections (wrk -t2, {seconds} s), next to nginx serving the same bytes from a file")
    for name, label in (("catalog.json", "GET /api/catalog"), ("inventory.json", "GET /api/inventory")):
        ours, theirs = reads[name], base[name]
        print(f"  {label:<20} {len(bodies[name]):>7} bytes  {ours['rps']:>9.0f} req/s  nginx {theirs['rps']:>9.0f} req/s"
              f"  ratio {ours['rps'] / theirs['rps']:.2f}  (p99 {ours['p99']:.2f} ms vs {theirs['p99']:.2f} ms)")


if __name__ == "__main__":
    main()

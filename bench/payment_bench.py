#!/usr/bin/python3
"""Payments, end to end on loopback, through a provider's local fake (bondstore-payment-fake):
N orders wait with a started QR payment; then their shoppers all pay at once (8 at a time) and
the store takes each signed notification, applies it, and has the payment declared to customs
(one signed call to the provider, whose signed answer it checks). Payments declared per second
from the first payment to the last declaration, and the latency of one payment alone (paid →
declared, 30 times), next to the baseline measured in the same run: the RSA-2048 work each
payment needs at the least (3 signatures and 3 verifications between store and provider), at
this machine's `openssl speed` rate on one core.

    bench/payment_bench.py [wechat|alipay] [ORDERS, default 300]
"""
import concurrent.futures
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from relay_bench import BIN, NO_LIMITS, ROOT, call, free_port, id_number, order_body, start  # noqa: E402


def place(url, i, total):
    o = call(url + "/api/orders", order_body(i, total), {"Idempotency-Key": f"pay-bench-{i}"})
    call(url + f"/api/orders/{o['order_no']}/payment", b"", {"X-Order-Secret": o["lookup_secret"]})
    return o["order_no"], id_number(i)


def pay(fake_url, no, id_no):
    q = urllib.parse.urlencode({"out_trade_no": no, "payer_name": "张三", "payer_id": id_no})
    urllib.request.urlopen(urllib.request.Request(fake_url + "/fake/pay?" + q, data=b"")).read()


def rsa_rates():
    out = subprocess.run(["openssl", "speed", "-seconds", "2", "rsa2048"], capture_output=True, text=True, check=True).stdout
    m = re.search(r"rsa\s+2048 bits\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)\s+([\d.]+)", out)
    return float(m.group(1)), float(m.group(2))


def main():
    provider = sys.argv[1] if len(sys.argv) > 1 else "wechat"
    orders = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        os.makedirs(data)
        log = open(os.path.join(tmp, "log"), "w")
        port = free_port()
        fake, fake_url = start([os.path.join(BIN, "bondstore-payment-fake"), "--provider", provider, "--account-dir",
                                os.path.join(tmp, "account"), "--notify-url", f"http://127.0.0.1:{port}/api/payments/{provider}/notify"], log)
        account = os.path.join(tmp, "account", "wechat-pay.json" if provider == "wechat" else "alipay.json")
        server, url = start([os.path.join(BIN, "bondstore-server"), "--port", str(port), "--data-dir", data,
                             "--web-dir", os.path.join(ROOT, "build/wasm/web/dist"), *NO_LIMITS, "--payment", provider,
                             "--wechat-pay" if provider == "wechat" else "--alipay", account], log)
        db = sqlite3.connect(os.path.join(data, "bondstore.db"), timeout=5)
        declared = lambda: db.execute("SELECT count(*) FROM payments WHERE declaration = 'accepted'").fetchone()[0]
        try:
            db.execute("UPDATE stock SET on_hand = on_hand + 100000 WHERE sku = 'IF-APT-PF3-800'")
            db.commit()
            total = call(url + "/api/quote", {"lines": [{"sku": "IF-APT-PF3-800", "qty": 1}]})["amount_to_pay_fen"]
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                waiting = list(pool.map(lambda i: place(url, i, total), range(orders)))
            t0 = time.time()
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda o: pay(fake_url, *o), waiting))
            while declared() < orders:
                time.sleep(0.02)
            rate = orders / (time.time() - t0)

            # One payment alone, 30 times: from the shopper's confirmation to the declaration accepted.
            latencies = []
            for i in range(orders, orders + 30):
                no, id_no = place(url, i, total)
                before = declared()
                t = time.time()
                pay(fake_url, no, id_no)
                while declared() == before:
                    time.sleep(0.001)
                latencies.append((time.time() - t) * 1000)
        finally:
            server.terminate()
            fake.terminate()
            server.wait()
            fake.wait()
    sign, verify = rsa_rates()
    floor_ms = 3000 / sign + 3000 / verify
    latencies.sort()
    print(f"Payments through the {provider} fake, end to end on loopback ({orders} QR payments paid at once, 8 at a time; SQLite)")
    print(f"  {rate:.0f} payments/s notified, applied and declared; one alone: p50 {statistics.median(latencies):.1f} ms, "
          f"p95 {latencies[int(len(latencies) * 0.95) - 1]:.1f} ms")
    print(f"  baseline: RSA-2048 at {sign:.0f} signs/s, {verify:.0f} verifies/s on one core: 3 + 3 per payment = {floor_ms:.2f} ms, "
          f"{1000 / floor_ms:.0f} payments/s; ratio {rate / (1000 / floor_ms):.2f}")


if __name__ == "__main__":
    main()

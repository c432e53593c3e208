#!/usr/bin/python3
"""Relay throughput, end to end on loopback: N paid orders wait while the single window is down;
then it comes up and the relay delivers their 2N messages (CEB311 + CEB621: read, unsealed,
built, signed, validated, enveloped, POSTed; the simulator checks envelope, schema and signature).
Messages per second from "up" to "all delivered", next to the baseline measured in the same run:
the simulator alone taking the same signed envelope over one connection (wrk -c1, what the one
relay worker's connection could at best get through).

    bench/relay_bench.py [ORDERS, default 400]
"""
import base64
import concurrent.futures
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "build/native/server")
XSD = os.environ.get("BONDSTORE_CEB_XSD", os.path.join(ROOT, "../shared/customs/xsd/v202205/ceb_import_202205.xsd"))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# Tokens reach the programs through the environment (never argv).
TOKENS = {"BONDSTORE_RECEIPT_TOKEN": "bench-receipt-token-0123456789abcdef", "BONDSTORE_ADMIN_TOKEN": "bench-admin-token-0123456789abcdefg"}
# One load generator stands for many shoppers: the limits on one client are off.
NO_LIMITS = ["--rate-limit", "off", "--max-unpaid-per-buyer", "0", "--max-unpaid-per-client", "0", "--max-orders-per-buyer-hour", "0"]


def start(cmd, log):
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, text=True, env={**os.environ, **TOKENS})
    line = p.stdout.readline()
    if "http://" not in line:
        p.kill()
        raise SystemExit("did not start: " + " ".join(cmd[:1]) + ": " + line)
    return p, "http://127.0.0.1:" + re.search(r":(\d+)/", line).group(1)


def call(url, body=None, headers=None):
    req = urllib.request.Request(url, data=json.dumps(body).encode() if isinstance(body, dict) else body,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    return json.load(urllib.request.urlopen(req))


def order_body(i, total):
    """An order of one tin of formula for buyer `i` (张三 with the i-th valid ID number)."""
    return {"lines": [{"sku": "IF-APT-PF3-800", "qty": 1}],
            "buyer": {"name": "张三", "id_number": id_number(i), "phone": "13800138000"},
            "consignee": {"name": "张三", "phone": "13800138000", "address": "重庆市渝北区金开大道 1 号", "district": "500112"},
            "expected_total_fen": total}


def paid_order(url, i, total):
    o = call(url + "/api/orders", order_body(i, total), {"Idempotency-Key": f"bench-{i}"})
    n = call(url + f"/api/orders/{o['order_no']}/payment", b"", {"X-Order-Secret": o["lookup_secret"]})["notification"]
    call(url + "/api/payments/sandbox/notify", n)


def id_number(n):
    first = "110101199001%02d%03d" % (1 + (n // 1000) % 28, n % 1000)
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first + "10X98765432"[sum(int(c) * x for c, x in zip(first, w)) % 11]


def main():
    orders = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        os.makedirs(data)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=bench",
                        "-keyout", os.path.join(data, "signing-key.pem"), "-out", os.path.join(data, "signing-cert.pem")],
                       check=True, capture_output=True)
        log = open(os.path.join(tmp, "log"), "w")
        port = free_port()
        sim, sim_url = start([os.path.join(BIN, "bondstore-single-window"), "--trusted-cert", os.path.join(data, "signing-cert.pem"),
                              "--require", "none", "--ceb-xsd", XSD, "--receipts-url", f"http://127.0.0.1:{port}/api/single-window/receipts"], log)
        server, url = start([os.path.join(BIN, "bondstore-server"), "--port", str(port), "--data-dir", data,
                             "--web-dir", os.path.join(ROOT, "build/wasm/web/dist"), "--ceb-xsd", XSD,
                             "--single-window", sim_url + "/ceb", *NO_LIMITS, "--payment", "sandbox",
                             "--relay-retry-ms", "100", "--relay-max-retry-ms", "200"], log)
        try:
            # Enough stock for the run.
            subprocess.run(["sqlite3", os.path.join(data, "bondstore.db"), ".timeout 5000",
                            "UPDATE stock SET on_hand = on_hand + 100000 WHERE sku = 'IF-APT-PF3-800'"], check=True)
            urllib.request.urlopen(urllib.request.Request(sim_url + "/control/down", data=b"1"))
            total = call(url + "/api/quote", {"lines": [{"sku": "IF-APT-PF3-800", "qty": 1}]})["amount_to_pay_fen"]
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda i: paid_order(url, i, total), range(orders)))
            admin = lambda: json.load(urllib.request.urlopen(urllib.request.Request(url + "/api/admin/relay",
                                                                                   headers={"Authorization": "Bearer " + TOKENS["BONDSTORE_ADMIN_TOKEN"]})))
            time.sleep(0.5)
            t0 = time.time()
            urllib.request.urlopen(urllib.request.Request(sim_url + "/control/down", data=b"0"))
            while admin()["sent"] < 2 * orders:
                time.sleep(0.05)
            relay_rate = 2 * orders / (time.time() - t0)

            # Baseline: one signed envelope, posted again and again over one connection.
            message = subprocess.run([os.path.join(BIN, "bondstore-admin"), "ceb", call_first_order(data), "--data-dir", data,
                                      "--ceb-xsd", XSD], check=True, capture_output=True, text=True).stdout
            envelope = ('<?xml version="1.0" encoding="UTF-8"?>\n<dxp:DxpMsg ver="1.0" xmlns:dxp="http://www.chinaport.gov.cn/dxp">'
                        '<dxp:TransInfo><dxp:CopMsgId>bench</dxp:CopMsgId><dxp:SenderId>BENCH</dxp:SenderId><dxp:ReceiverIds>'
                        '<dxp:ReceiverId>EPORT</dxp:ReceiverId></dxp:ReceiverIds><dxp:CreatTime>2026-11-27T00:00:00</dxp:CreatTime>'
                        '<dxp:MsgType>CEB311Message</dxp:MsgType></dxp:TransInfo><dxp:Data>' +
                        base64.b64encode(message.encode()).decode() + '</dxp:Data></dxp:DxpMsg>')
            lua = os.path.join(tmp, "post.lua")
            open(lua, "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/xml"\nwrk.body = io.open("%s"):read("*a")\n'
                                 % os.path.join(tmp, "envelope.xml"))
            open(os.path.join(tmp, "envelope.xml"), "w").write(envelope)
            out = subprocess.run(["wrk", "-t1", "-c1", "-d5s", "-s", lua, sim_url + "/ceb"], capture_output=True, text=True, check=True).stdout
            if "Non-2xx" in out:
                raise SystemExit("the simulator refused the baseline envelope:\n" + out)
            base_rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        finally:
            server.terminate()
            sim.terminate()
            server.wait()
            sim.wait()
    print(f"Relay, end to end on loopback ({orders} paid orders waiting, then the single window comes up; SQLite)")
    print(f"  delivered {2 * orders} messages at {relay_rate:.0f} messages/s; the simulator alone takes the same signed "
          f"envelope at {base_rate:.0f}/s over one connection; ratio {relay_rate / base_rate:.2f}")


def call_first_order(data):
    return subprocess.run(["sqlite3", os.path.join(data, "bondstore.db"), "SELECT order_no FROM orders LIMIT 1"],
                          capture_output=True, text=True, check=True).stdout.strip()


if __name__ == "__main__":
    main()

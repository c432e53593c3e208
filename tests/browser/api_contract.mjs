// The contract test: the live server held against its API description (docs/openapi.json).
//
// A recording proxy stands in front of the store; the shopper's, the merchant's and the operator's
// calls below go through it, and so do the single-window simulator's receipts and the carrier
// fake's tracking pushes. Every exchange is checked as it passes: its route is described, its
// status is one the description lists, its content type is one it lists for that status, and a
// JSON body validates against the schema (ajv, JSON Schema 2020-12, every error). At the end every
// described operation must have been called (but those the description says are mounted only with
// another option), and the server's own route list (bondstore-server --list-routes) must equal the
// described one. Statuses described but not seen are listed, not failed.
//
// Usage: node api_contract.mjs --server build/native/server/bondstore-server --web-dir build/wasm/web/dist
//          --seed-catalog assets/catalog/sample.json --simulator build/native/server/bondstore-single-window
//          [--description docs/openapi.json] [--out DIR]
import http from "node:http";
import zlib from "node:zlib";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { freePort, parseArgs, startStoreWithCustoms } from "./harness.mjs";

const args = parseArgs(process.argv.slice(2));
for (const k of ["server", "web-dir", "seed-catalog", "simulator"]) {
  if (!args[k]) { console.error(`missing --${k}`); process.exit(2); }
}
const here = dirname(fileURLToPath(import.meta.url));
const descriptionFile = args.description || join(here, "../../docs/openapi.json");
const description = JSON.parse(readFileSync(descriptionFile, "utf8"));
const METHODS = ["get", "post", "put", "patch", "delete"];

// --- The description: operations by route, and a validator per response body -----------------
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(description, "openapi.json");
const pointer = (parts) => "openapi.json#/" + parts.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

const operations = [];
for (const [path, item] of Object.entries(description.paths)) {
  for (const method of METHODS) {
    if (!item[method]) continue;
    // A parameter matches one segment; {name} under /images/ and /thumbnails/ may hold several.
    const source = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_, n) => (n === "name" ? "(.+)" : "([^/]+)"));
    operations.push({ method: method.toUpperCase(), path, op: item[method], regex: new RegExp("^" + source + "$"),
      literal: path.replace(/\{[^}]+\}/g, "").length, params: (path.match(/\{/g) || []).length, seen: new Map() });
  }
}
// The most specific route first: fewer parameters, then more literal characters.
operations.sort((a, b) => a.params - b.params || b.literal - a.literal);
const findOperation = (method, path) => operations.find((o) => o.method === method && o.regex.test(path));

function resolveRef(node) {
  while (node && node.$ref) {
    const parts = node.$ref.replace(/^#\//, "").split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    node = parts.reduce((n, p) => n[p], description);
  }
  return node;
}

const validators = new Map();
function validatorFor(o, status, media) {
  const key = `${o.method} ${o.path} ${status} ${media}`;
  if (!validators.has(key)) {
    // The schema by reference into the description, so its own $refs resolve.
    const responseRef = o.op.responses[status].$ref;
    const base = responseRef ? responseRef.replace(/^#\//, "").split("/") : ["paths", o.path, o.method.toLowerCase(), "responses", status];
    validators.set(key, ajv.compile({ $ref: pointer([...base.map((p) => p.replace(/~1/g, "/")), "content", media, "schema"]) }));
  }
  return validators.get(key);
}

// --- Checking one exchange --------------------------------------------------------------------
const failures = [];
let exchanges = 0;
function check(x) {
  exchanges++;
  const where = `${x.method} ${x.path} → ${x.status}`;
  const o = findOperation(x.method, x.path);
  if (!o) {
    // Nothing is described there, and the server says so (info.description: any other path under
    // /api/ is 404 not_found).
    if (x.status === 404 && /"code":"not_found"/.test(x.body)) return;
    return failures.push(`${where}: no described route answers this (the server did, with ${x.status})`);
  }
  o.seen.set(String(x.status), (o.seen.get(String(x.status)) || 0) + 1);
  const status = o.op.responses[String(x.status)] ? String(x.status) : o.op.responses.default ? "default" : null;
  if (!status) return failures.push(`${where}: ${o.method} ${o.path} does not describe status ${x.status} (body: ${x.body.slice(0, 200)})`);
  const response = resolveRef(o.op.responses[status]);
  const content = response.content || {};
  const media = (x.contentType || "").split(";")[0].trim().toLowerCase();
  if (Object.keys(content).length === 0) {
    if (x.body.length) failures.push(`${where}: described without a body, answered ${x.body.length} bytes of ${media}`);
    return;
  }
  if (!content[media]) return failures.push(`${where}: content type "${x.contentType}" is not one described (${Object.keys(content).join(", ")})`);
  if (media === "application/json" || media.endsWith("+json")) {
    let body;
    try { body = JSON.parse(x.body); } catch (e) { return failures.push(`${where}: not JSON: ${e.message}`); }
    if (!content[media].schema) return;
    const validate = validatorFor(o, status, media);
    if (!validate(body)) {
      const errors = validate.errors.slice(0, 8).map((e) => `${e.instancePath || "/"} ${e.message}${e.params && e.params.additionalProperty ? " (" + e.params.additionalProperty + ")" : ""}`);
      failures.push(`${where}: the body does not match ${o.method} ${o.path} ${status}: ${errors.join("; ")}\n        ${x.body.slice(0, 300)}`);
    }
  }
}

// --- The recording proxy ----------------------------------------------------------------------
function decoded(buffer, encoding) {
  if (encoding === "gzip") return zlib.gunzipSync(buffer);
  if (encoding === "br") return zlib.brotliDecompressSync(buffer);
  if (encoding === "deflate") return zlib.inflateSync(buffer);
  return buffer;
}
function startProxy(port, target) {
  const to = new URL(target);
  const proxy = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const up = http.request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const parts = [];
        answer.on("data", (c) => parts.push(c));
        answer.on("end", () => {
          const raw = Buffer.concat(parts);
          res.writeHead(answer.statusCode, answer.headers);
          res.end(raw);
          let text = "";
          try { text = decoded(raw, answer.headers["content-encoding"]).toString("utf8"); } catch (e) { text = raw.toString("latin1"); }
          const x = { method: req.method, path: new URL(req.url, "http://x").pathname, status: answer.statusCode,
            contentType: answer.headers["content-type"], body: text };
          if (!answer.headers["x-request-id"]) failures.push(`${x.method} ${x.path} → ${x.status}: no X-Request-Id`);
          // A header that says one thing, said once (a cache told "no-cache" and "no-store" obeys either).
          for (const name of ["cache-control", "content-type", "etag", "content-length", "content-encoding"]) {
            const n = answer.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === name).length;
            if (n > 1) failures.push(`${x.method} ${x.path} → ${x.status}: ${n} ${name} headers`);
          }
          check(x);
        });
      });
      up.on("error", (e) => { failures.push(`${req.method} ${req.url}: the proxy could not reach the server: ${e.message}`); res.writeHead(502); res.end(); });
      up.end(body);
    });
  });
  return new Promise((resolve) => proxy.listen(port, "127.0.0.1", () => resolve(proxy)));
}

// --- Sweeps: the answers every route of a kind gives, asked of each ---------------------------
// A path from the described parameters' examples.
function examplePath(o) {
  const params = [...(o.op.parameters || []), ...(description.paths[o.path].parameters || [])].map(resolveRef);
  return o.path.replace(/\{([^}]+)\}/g, (_, n) => {
    const p = params.find((q) => q.name === n && q.in === "path");
    return encodeURIComponent(p && p.example !== undefined ? p.example : "x");
  });
}
// Straight to the server (a body that never comes cannot pass the proxy), checked the same way.
function direct(method, path, headers, body) {
  const to = new URL(store.server.url);
  return new Promise((resolve) => {
    const req = http.request({ host: to.hostname, port: to.port, method, path, headers }, (answer) => {
      const parts = [];
      answer.on("data", (c) => parts.push(c));
      answer.on("end", () => {
        const x = { method, path, status: answer.statusCode, contentType: answer.headers["content-type"], body: Buffer.concat(parts).toString("utf8") };
        check(x);
        resolve({ ...x, text: x.body, headers: answer.headers });
      });
    });
    req.on("error", (e) => resolve({ status: 0, text: String(e), headers: {} }));
    if (body !== undefined) req.end(body); else req.flushHeaders();
  });
}
async function sweep(merchantHeaders) {
  for (const o of operations) {
    if (o.op["x-mounted-with"] && o.seen.size === 0) continue; // not mounted here
    const path = examplePath(o);
    const responses = o.op.responses;
    const security = o.op.security || [];
    const secured = security.length > 0 && security.every((s) => Object.keys(s).length); // (no anonymous alternative)
    // A route behind a token refuses a request without one.
    if (secured && responses["401"]) expect(await direct(o.method, path, { "Content-Length": "0" }, ""), 401, `${o.method} ${o.path} without its token`);
    // A route with an ETag answers 304 to it.
    if (o.method === "GET" && responses["304"] && responses["200"]) {
      const headers = o.path.startsWith("/api/merchant/") ? merchantHeaders : {};
      const first = await direct("GET", path, headers);
      if (first.status === 200 && first.headers.etag)
        expect(await direct("GET", path, { ...headers, "If-None-Match": first.headers.etag }), 304, `${o.method} ${o.path} with its ETag`);
    }
    // A route that looks something up by its path answers 404 for what is not there.
    if (responses["404"] && o.params > 0) {
      const nowhere = o.path.replace(/\{[^}]+\}/g, "zznosuch9");
      const headers = { ...(o.path.startsWith("/api/merchant/") ? merchantHeaders : {}), "X-Order-Secret": "a".repeat(26) };
      if (o.method === "GET") expect(await direct("GET", nowhere, headers), 404, `${o.method} ${o.path} of nothing`);
      else expect(await direct("POST", nowhere, { ...headers, "Content-Type": "application/json" }, o.path.endsWith("/events") ? '{"event":"ship"}' : "{}"),
        404, `${o.method} ${o.path} of nothing`);
    }
    // A route that takes a body refuses one declared larger than it takes, before reading it.
    if (o.method === "POST" && responses["413"]) {
      const r = await direct("POST", path, { "Content-Length": "1000000000", "Content-Type": "application/octet-stream" });
      expect(r, 413, `${o.method} ${o.path} with a body too large`);
    }
    // And a compressed body where it takes none.
    if (o.method === "POST" && responses["415"]) {
      const r = await direct("POST", path, { "Content-Encoding": "gzip", "Content-Type": "application/json", ...(o.path.startsWith("/api/merchant/") ? merchantHeaders : {}) }, zlib.gzipSync("{}"));
      expect(r, 415, `${o.method} ${o.path} with a gzip body`);
    }
  }
}

// --- The store, behind the proxy --------------------------------------------------------------
const publicPort = await freePort();
const store = await startStoreWithCustoms(args, { publicPort });
const proxy = await startProxy(publicPort, store.server.url);
const base = `http://127.0.0.1:${publicPort}`;
const call = async (method, path, { headers = {}, body, json } = {}) => {
  const h = { "Accept-Encoding": "identity", ...headers };
  if (json !== undefined) { h["Content-Type"] = "application/json"; body = JSON.stringify(json); }
  const r = await fetch(base + path, { method, headers: h, body });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, json: () => JSON.parse(text) };
};
const expect = (r, status, what) => {
  if (r.status !== status) failures.push(`${what}: expected ${status}, got ${r.status}: ${r.text.slice(0, 300)}`);
  return r;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const admin = join(dirname(args.server), "bondstore-admin");
const sample = JSON.parse(readFileSync(args["seed-catalog"], "utf8"));
const product = sample.products[0];
const sku = product.sku;

try {
  // The shopper's reads.
  expect(await call("GET", "/api/health"), 200, "health");
  const ready = expect(await call("GET", "/api/ready"), 200, "ready").json();
  if (ready.relay !== "ok" || ready.database !== "ok") failures.push("ready: the relay and the database should both be ok: " + JSON.stringify(ready));
  expect(await call("GET", "/api/openapi.json"), 200, "the description");
  const catalog = expect(await call("GET", "/api/catalog"), 200, "catalog");
  expect(await call("GET", "/api/catalog", { headers: { "If-None-Match": catalog.headers.get("etag") } }), 304, "catalog, not modified");
  expect(await call("GET", "/api/catalog", { headers: { "Accept-Encoding": "br" } }), 200, "catalog, brotli");
  expect(await call("GET", "/api/featured"), 200, "featured");
  expect(await call("GET", "/api/stores"), 200, "stores");
  expect(await call("GET", "/api/catalog/page"), 200, "first page");
  expect(await call("GET", "/api/catalog/page?q=milk&limit=5"), 200, "a page of a search");
  expect(await call("GET", "/api/catalog/page?limit=0"), 400, "a page, bad limit");
  expect(await call("GET", `/api/products/${encodeURIComponent(sku)}`), 200, "a product");
  expect(await call("GET", "/api/products/NO-SUCH-SKU"), 404, "no product");
  expect(await call("GET", "/api/search?q=milk&locale=en"), 200, "search");
  expect(await call("GET", "/api/search?sort=sideways"), 400, "search, bad sort");
  expect(await call("GET", "/api/hs-keywords"), 200, "HS keywords");
  expect(await call("GET", "/api/tax-table"), 200, "tax table");
  expect(await call("GET", "/api/currency-rates"), 200, "currency rates");
  expect(await call("GET", `/api/inventory?skus=${encodeURIComponent(sku)}`), 200, "inventory");
  expect(await call("GET", "/api/kiosk"), 200, "kiosk settings");
  const brand = expect(await call("GET", "/api/brand"), 200, "brand").json();
  expect(await call("GET", brand.logo), 200, "the brand's logo");
  expect(await call("GET", "/brand/no-such-file.png"), 404, "no brand file");
  const picture = product.images[0];
  expect(await call("GET", picture), 200, "a picture");
  expect(await call("GET", picture.replace("/images/", "/thumbnails/256/")), 200, "a thumbnail");
  expect(await call("GET", picture.replace("/images/", "/thumbnails/300/")), 404, "a thumbnail of another size");
  expect(await call("GET", "/flags/nz.png"), 200, "a flag");
  expect(await call("GET", "/robots.txt"), 200, "robots.txt");
  expect(await call("GET", "/sitemap.xml"), 200, "sitemap");
  expect(await call("GET", "/sitemaps/en-1.xml"), 200, "a sitemap file");
  for (const page of ["/kiosk", "/merchant", "/operator", "/", "/en/", `/en/c/${product.category}`, `/en/p/${encodeURIComponent(sku)}`,
    "/en/cart", "/en/checkout", "/en/order", `/c/${product.category}`, `/p/${encodeURIComponent(sku)}`, "/cart", "/checkout", "/order"])
    expect(await call("GET", page, { headers: { "Accept-Language": "en" } }), 200, "page " + page);
  expect(await call("GET", "/en/p/NO-SUCH-SKU"), 404, "a page of nothing");
  const fonts = readdirSync(join(args["web-dir"], "fonts")).filter((f) => f.endsWith(".ttf"));
  for (const file of ["/index.html", "/bondstore.js", "/bondstore.wasm", "/bondstore-icu.dat", "/bondstore-ui.ttf", "/bondstore-ui-extra.ttf", "/sw.js", "/fonts/" + fonts[0]])
    expect(await call("GET", file), 200, "the app's file " + file);
  expect(await call("GET", "/api/no-such-route"), 404, "no route under /api/");

  // A quote, an order, its payment (the sandbox's), customs and the carrier (through the proxy).
  const lines = [{ sku, qty: 1 }];
  const quote = expect(await call("POST", "/api/quote", { json: { lines } }), 200, "quote").json();
  expect(await call("POST", "/api/quote", { json: { lines: "many" } }), 400, "a bad quote");
  const buyer = { name: "王小明", id_number: "11010519491231002X", phone: "13800138000" };
  const consignee = { name: "王小明", phone: "13800138000", address: "重庆市渝北区保税港大道 1 号", district: "500112" };
  const order = { lines, buyer, consignee, freight_fen: 0, expected_total_fen: quote.amount_to_pay_fen };
  const key = "contract-" + Date.now();
  const placed = expect(await call("POST", "/api/orders", { json: order, headers: { "Idempotency-Key": key } }), 201, "an order").json();
  expect(await call("POST", "/api/orders", { json: order, headers: { "Idempotency-Key": key } }), 201, "the order again");
  expect(await call("POST", "/api/orders", { json: order }), 400, "an order without its key");
  expect(await call("POST", "/api/orders", { json: { ...order, expected_total_fen: 1 }, headers: { "Idempotency-Key": key + "-b" } }), 409, "another total");
  const secret = { "X-Order-Secret": placed.lookup_secret };
  const no = placed.order_no;
  expect(await call("GET", `/api/orders/${no}`, { headers: secret }), 200, "the order");
  expect(await call("GET", `/api/orders/${no}`, { headers: { "X-Order-Secret": "a".repeat(26) } }), 404, "the order, another secret");
  expect(await call("GET", "/api/order-seal-key"), 200, "the seal key");
  expect(await call("GET", "/api/orders/queued", { headers: { "X-Follow-Secret": "f".repeat(30) } }), 404, "a queued order never received");
  const payment = expect(await call("POST", `/api/orders/${no}/payment`, { json: { channel: "qr" }, headers: secret }), 200, "payment").json();
  expect(await call("POST", "/api/payments/sandbox/notify", { body: JSON.stringify(payment.notification), headers: { "Content-Type": "application/json" } }), 200, "the sandbox pays");
  let status = "";
  for (let i = 0; i < 150 && status !== "released"; i++) {
    await sleep(200);
    status = (await call("GET", `/api/orders/${no}`, { headers: secret })).json().status;
  }
  if (status !== "released") failures.push(`the order was not released by customs: ${status}`);
  const waybill = await store.carrier.waybill(no);
  for (const op of ["50", "80"]) if ((await store.carrier.route(waybill, op)) !== 200) failures.push("the carrier's push " + op);
  for (let i = 0; i < 50 && status !== "delivered"; i++) {
    await sleep(200);
    status = (await call("GET", `/api/orders/${no}`, { headers: secret })).json().status;
  }
  expect(await call("POST", `/api/orders/${no}/return`, { headers: secret }), 200, "a return");
  expect(await call("POST", `/api/orders/${no}/cancel`, { headers: secret }), 409, "cancelling a returned order");
  const second = expect(await call("POST", "/api/orders", { json: order, headers: { "Idempotency-Key": key + "-2" } }), 201, "a second order").json();
  expect(await call("POST", `/api/orders/${second.order_no}/cancel`, { headers: { "X-Order-Secret": second.lookup_secret } }), 200, "cancelled");
  expect(await call("POST", "/api/kiosks/enroll", { json: { code: "AAAA-BBBB-CCCC-DDDD" } }), 400, "a wrong enrollment code");
  expect(await call("POST", "/api/single-window/receipts", { body: "<x/>", headers: { "Content-Type": "application/xml" } }), 401, "receipts without the token");
  // (customs' address is loopback here: an ask that is not one is answered in customs' own terms)
  expect(await call("POST", "/api/single-window/platDataOpen", { body: "openReq=%7B%7D", headers: { "Content-Type": "application/x-www-form-urlencoded" } }), 200, "customs' ask without an order");

  // The merchant's.
  const token = execFileSync(admin, ["tokens", "create", "--merchant", "demo", "--data-dir", store.server.dataDir], { encoding: "utf8" }).split("\n")[0];
  const m = { Authorization: "Bearer " + token };
  expect(await call("GET", "/api/merchant/me"), 401, "merchant, no token");
  expect(await call("GET", "/api/merchant/me", { headers: m }), 200, "merchant");
  expect(await call("POST", "/api/merchant/catalog?dry_run=1", { body: JSON.stringify({ products: [sample.products[0]] }), headers: { ...m, "Content-Type": "application/json" } }), 200, "a catalog checked");
  expect(await call("POST", "/api/merchant/catalog?dry_run=1", { body: "Handle,Title\nx,y\n", headers: { ...m, "Content-Type": "text/csv" } }), 422, "a bad catalog");
  expect(await call("GET", "/api/merchant/products?format=json", { headers: m }), 200, "the merchant's products");
  expect(await call("GET", "/api/merchant/products?format=csv", { headers: m }), 200, "the merchant's products as CSV");
  const warehouse = placed.warehouse || "CQ-LL";
  expect(await call("POST", "/api/merchant/stock?dry_run=1", { body: `sku,warehouse,on_hand\n${sku},${warehouse},100\n`, headers: { ...m, "Content-Type": "text/csv" } }), 200, "stock checked");
  const adjustment = { id: "contract-" + Date.now(), sku, warehouse, delta: 5, reason: "received" };
  expect(await call("POST", "/api/merchant/stock/adjustments", { json: adjustment, headers: m }), 201, "an adjustment");
  expect(await call("POST", "/api/merchant/stock/adjustments", { json: adjustment, headers: m }), 200, "the adjustment again");
  expect(await call("POST", "/api/merchant/stock/adjustments", { json: { id: 1 }, headers: m }), 400, "a bad adjustment");
  for (let i = 0; i < 50 && status !== "return_accepted"; i++) {
    await sleep(200);
    status = (await call("GET", `/api/orders/${no}`, { headers: secret })).json().status;
  }
  expect(await call("POST", `/api/merchant/orders/${no}/goods-back`, { headers: m }), 200, "goods back");
  expect(await call("POST", `/api/merchant/orders/${second.order_no}/events`, { json: { event: "ship" }, headers: m }), 409, "shipping a cancelled order");
  expect(await call("POST", "/api/merchant/orders/BS0000000000000000/events", { json: { event: "ship" }, headers: m }), 404, "an event for no order");
  for (const path of ["/api/merchant/refunds", "/api/merchant/returns", "/api/merchant/tax-bills", "/api/merchant/stats?days=7"])
    expect(await call("GET", path, { headers: m }), 200, path);
  expect(await call("GET", "/api/merchant/stats?days=0", { headers: m }), 400, "stats, bad days");

  // The operator's.
  const op = { Authorization: "Bearer " + store.adminToken };
  expect(await call("GET", "/api/admin/relay"), 401, "relay, no token");
  for (const path of ["/api/admin/relay", "/api/admin/activity?days=7", "/api/admin/orders?limit=5", "/api/admin/rejections", "/api/admin/refunds",
    "/api/admin/tax-bills?all=1", "/api/admin/merchants", "/api/admin/stats?month=2026-12", "/api/admin/stats?day=2026-12-01&format=csv",
    "/api/admin/stats?month=2026-12&format=xlsx"])
    expect(await call("GET", path, { headers: op }), 200, path);
  expect(await call("GET", "/api/admin/stats?month=2026-13", { headers: op }), 400, "stats, no such month");
  expect(await call("GET", "/api/admin/activity", { headers: m }), 401, "a merchant's token on the operator's API");

  // The metrics saw the journey: requests, the relay's deliveries, customs' receipts, the payment.
  const metrics = expect(await call("GET", "/metrics", { headers: op }), 200, "metrics").text;
  const figure = (name) => metrics.split("\n").filter((l) => l.startsWith(name)).reduce((n, l) => n + Number(l.split(" ").pop()), 0);
  for (const [name, least] of [['bondstore_http_requests_total{route="/api/orders",method="POST",status="201"}', 2],
    ['bondstore_relay_deliveries_total{kind="order",outcome="sent"}', 1], ["bondstore_customs_receipts_total", 2],
    ['bondstore_payments{provider="sandbox",state="paid"}', 1], ['bondstore_payment_notifications_total{provider="sandbox",outcome="applied"}', 1],
    ['bondstore_relay_delivery_seconds_count{kind="order"}', 1], ['bondstore_refunds{', 1]])
    if (!(figure(name) >= least)) failures.push(`metrics: ${name} is ${figure(name)}, expected at least ${least}`);
  await sweep(m);
} catch (e) {
  failures.push("the scenario stopped: " + (e.stack || e));
}
await sleep(300); // the last pushes through the proxy
let metricsText = "";
try { metricsText = (await call("GET", "/metrics", { headers: { Authorization: "Bearer " + store.adminToken } })).text; } catch { /* reported above */ }
proxy.close();

// Every described operation called (but those mounted only with another option).
for (const o of operations) {
  if (o.seen.size === 0 && !o.op["x-mounted-with"]) failures.push(`${o.method} ${o.path}: described, never called by this test`);
}
// The server's routes, as it lists them, are the described ones.
const listed = execFileSync(args.server, ["--list-routes", "--data-dir", store.server.dataDir, "--payment", "sandbox", "--carrier", "sf",
  "--sf-express", store.carrier.account], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).split("\n").filter(Boolean);
for (const route of listed) {
  const [method, path] = route.split(" ");
  if (!operations.some((o) => o.method === method && o.path === path)) failures.push(`${route}: the server answers it; the description lacks it`);
}
await store.stop();

const serverLog = store.server.stderr();
// Every line the server logged is a JSON object with its time, level and event (operations.md).
for (const line of serverLog.split("\n").filter(Boolean)) {
  let j = null;
  try { j = JSON.parse(line); } catch { /* below */ }
  if (!j || typeof j.time !== "string" || !j.level || !j.event) { failures.push("the server's log: not a JSON event line: " + line.slice(0, 200)); break; }
}
const unseen = [];
for (const o of operations)
  for (const status of Object.keys(o.op.responses))
    if (!o.seen.has(status) && status !== "default") unseen.push(`${o.method} ${o.path} ${status}`);
if (args.out) {
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, "contract-unseen.txt"), unseen.join("\n") + "\n");
  writeFileSync(join(args.out, "metrics.txt"), metricsText);   // what docs/operations.md shows
  writeFileSync(join(args.out, "server-log.jsonl"), serverLog);
}
const called = operations.filter((o) => o.seen.size).length;
console.log(`API contract: ${exchanges} exchanges, ${called} of ${operations.length} described operations called; ` +
  `${unseen.length} described answers not produced by this run${args.out ? " (" + join(args.out, "contract-unseen.txt") + ")" : ""}`);
// Each failure once (an order read ten times fails ten times alike), with how often it came.
const counted = new Map();
for (const f of failures) {
  const key = f.replace(/BS\d{16}/g, "BS…");
  counted.set(key, { text: f, n: (counted.get(key)?.n || 0) + 1 });
}
for (const { text, n } of counted.values()) console.log("FAIL  " + text + (n > 1 ? `  (${n} times)` : ""));
console.log(failures.length ? `API contract: ${failures.length} failures` : "API contract: ok");
process.exit(failures.length ? 1 : 0);

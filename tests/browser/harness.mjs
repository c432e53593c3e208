// A small harness for the browser tests: starts a real bondstore-server on an ephemeral port with a
// temporary data directory, launches Debian's Chromium headless through playwright-core, and
// runs each test with a fresh page. Screenshots go to the --out directory (a CI artifact).
import net from "node:net";
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-sandbox",
];

export function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const m = argv[i].match(/^--([^=]+)(?:=(.*))?$/);
    if (!m) continue;
    args[m[1]] = m[2] !== undefined ? m[2] : argv[++i];
  }
  return args;
}

// Starts one of the project's servers and resolves once it prints its URL ("… http://HOST:PORT/").
function spawnServing(binary, args, what, onStop = () => {}, env = {}) {
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ` + stderr)), 15000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/[^\s/]+:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${m[1]}/`,
          stderr: () => stderr,
          stop: () => new Promise((done) => {
            child.once("exit", (code) => { onStop(); done(code); });
            child.kill("SIGTERM");
          }),
        });
      }
    });
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`${what} exited ${code}: ${stderr}`)); });
  });
}

// Starts bondstore-server and resolves with { url, dataDir, stop() } once it prints its URL.
export async function startServer({ server, webDir, seedCatalog, dataDir, extraArgs = [], env = {} }) {
  const dir = dataDir || mkdtempSync(join(tmpdir(), "bondstore-e2e-"));
  const args = ["--port", "0", "--bind", "127.0.0.1", "--data-dir", dir, "--web-dir", webDir, ...extraArgs];
  // The journeys pay through the sandbox unless they name a provider.
  if (!extraArgs.includes("--payment")) args.push("--payment", "sandbox");
  if (seedCatalog) args.push("--seed-catalog", seedCatalog);
  const s = await spawnServing(server, args, "server", () => { if (!dataDir) rmSync(dir, { recursive: true, force: true }); }, env);
  return { ...s, dataDir: dir };
}

// The single-window simulator (bondstore-single-window). Receipts go to `receiptsUrl`; signed
// messages must verify with `cert` (a payment company's vouchers with `paymentCert`).
// `require`: the documents a list is matched with before release ("payment,waybill", "waybill", "none").
export function startSimulator({ simulator, cert, receiptsUrl, token, xsd, port = 0, paymentCert, carrierCert, require = "none" }) {
  const args = ["--port", String(port), "--trusted-cert", cert, "--receipts-url", receiptsUrl, "--receipt-delay-ms", "50", "--require", require];
  if (xsd) args.push("--ceb-xsd", xsd);
  if (paymentCert) args.push("--payment-cert", paymentCert);
  if (carrierCert) args.push("--carrier-cert", carrierCert);
  return spawnServing(simulator, args, "simulator", () => {}, { BONDSTORE_RECEIPT_TOKEN: token });
}

// The local fake of a payment provider (bondstore-payment-fake, beside the server binary):
// `provider` "wechat" or "alipay", its merchant account in `dir`/provider, notifying `notifyUrl`:
// { url, account, customsCert, pay(orderNo, name, id), stop() }. With `singleWindow`, its CEB411
// vouchers go there, for the platform in `customsConfig`.
export async function startPaymentFake({ server, provider, dir, notifyUrl, singleWindow, customsConfig }) {
  const binary = join(dirname(server), "bondstore-payment-fake");
  const accountDir = join(dir, provider);
  const args = ["--provider", provider, "--port", "0", "--account-dir", accountDir, "--notify-url", notifyUrl];
  if (singleWindow) args.push("--single-window", singleWindow, "--customs-config", customsConfig);
  const fake = await spawnServing(binary, args, "payment fake");
  const pay = async (orderNo, name, id) => {
    const q = new URLSearchParams({ out_trade_no: orderNo, payer_name: name, payer_id: id });
    const r = await fetch(fake.url + "fake/pay?" + q, { method: "POST" });
    return { status: r.status, text: await r.text() };
  };
  const account = join(accountDir, provider === "wechat" ? "wechat-pay.json" : "alipay.json");
  return { ...fake, account, customsCert: join(accountDir, "customs-cert.pem"), pay };
}

// The local fake of SF Express (bondstore-carrier-fake, beside the server binary), its account in
// `dir`/sf, pushing routes to `pushUrl` and declaring waybills (CEB511) to `singleWindow`:
// { url, account, carrierCert, route(waybill, op), waybill(orderNo), control(query), stop() }.
export async function startCarrierFake({ server, dir, pushUrl, singleWindow, customsConfig }) {
  const binary = join(dirname(server), "bondstore-carrier-fake");
  const accountDir = join(dir, "sf");
  const args = ["--port", "0", "--account-dir", accountDir, "--push-url", pushUrl, "--single-window", singleWindow, "--customs-config", customsConfig];
  const fake = await spawnServing(binary, args, "carrier fake");
  const route = async (waybill, op) => {
    const r = await fetch(fake.url + "fake/route?" + new URLSearchParams({ waybill, op }), { method: "POST" });
    return r.status;
  };
  const waybill = async (orderNo) => {
    const r = await fetch(fake.url + "fake/waybill?" + new URLSearchParams({ order: orderNo }));
    return r.status === 200 ? await r.text() : "";
  };
  const control = async (query) => (await fetch(fake.url + "fake/control?" + query, { method: "POST" })).status;
  return { ...fake, account: join(accountDir, "sf-express.json"), carrierCert: join(accountDir, "carrier-cert.pem"), route, waybill, control };
}

// A store with customs beside it: the store's signing key first (the simulator trusts its
// certificate), then the simulator, then the store on the port the simulator sends receipts to.
// `database`: a PostgreSQL conninfo (else SQLite in the data directory); `payment` "wechat" or
// "alipay": that provider's fake first (the simulator trusts its certificate too, and takes its
// vouchers). SF Express's fake always (the carrier: waybills, their CEB511, tracking); customs
// releases a list once its documents match. `publicPort`: where the others send to (a proxy in front
// of the store: the contract test's), else the store's port. Resolves with { server, simulator,
// fake, carrier, database, adminToken, stop() }.
export async function startStoreWithCustoms(args, { database, extraArgs = [], payment, publicPort } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "bondstore-e2e-"));
  execFileSync("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=bondstore e2e",
    "-keyout", join(dataDir, "signing-key.pem"), "-out", join(dataDir, "signing-cert.pem")], { stdio: "ignore" });
  const port = await freePort();
  const front = publicPort || port;
  const receiptToken = randomBytes(24).toString("hex"); // to both programs through the environment
  const adminToken = randomBytes(24).toString("hex");   // the operator's (the operator screen's)
  const simPort = await freePort();
  // A provider's fake beside it (else the sandbox, startServer's default).
  const fake = payment
    ? await startPaymentFake({ server: args.server, provider: payment, dir: dataDir, notifyUrl: `http://127.0.0.1:${front}/api/payments/${payment}/notify`,
      singleWindow: `http://127.0.0.1:${simPort}/ceb`, customsConfig: join(dirname(fileURLToPath(import.meta.url)), "../../assets/customs/declarant.json") })
    : null;
  const customsConfig = join(dirname(fileURLToPath(import.meta.url)), "../../assets/customs/declarant.json");
  const carrier = await startCarrierFake({ server: args.server, dir: dataDir, pushUrl: `http://127.0.0.1:${front}/api/carriers/sf/routes`,
    singleWindow: `http://127.0.0.1:${simPort}/ceb`, customsConfig });
  const simulator = await startSimulator({ simulator: args.simulator, cert: join(dataDir, "signing-cert.pem"), port: simPort,
    receiptsUrl: `http://127.0.0.1:${front}/api/single-window/receipts`, token: receiptToken,
    paymentCert: fake ? fake.customsCert : undefined, carrierCert: carrier.carrierCert, require: fake ? "payment,waybill" : "waybill" });
  const account = payment === "wechat" ? ["--wechat-pay", fake.account] : payment === "alipay" ? ["--alipay", fake.account] : [];
  const server = await startServer({ server: args.server, webDir: args["web-dir"], seedCatalog: args["seed-catalog"], dataDir,
    extraArgs: ["--port", String(port), "--single-window", simulator.url + "ceb", "--relay-retry-ms", "200",
                "--carrier", "sf", "--sf-express", carrier.account,
                ...(database ? ["--database", database] : []),
                ...(fake ? ["--payment", payment, ...account, "--payment-query-after", "5"] : []), ...extraArgs],
    env: { BONDSTORE_RECEIPT_TOKEN: receiptToken, BONDSTORE_ADMIN_TOKEN: adminToken } });
  return { server, simulator, fake, carrier, database, adminToken, stop: async () => {
    await server.stop(); await simulator.stop(); await carrier.stop(); if (fake) await fake.stop(); rmSync(dataDir, { recursive: true, force: true });
  } };
}

// A throwaway PostgreSQL server (scripts/postgres.sh): { conninfo, stop() }.
export function startPostgres() {
  const script = join(dirname(fileURLToPath(import.meta.url)), "../../scripts/postgres.sh");
  const dir = mkdtempSync(join(tmpdir(), "bondstore-e2e-pg-"));
  const conninfo = execFileSync(script, ["start", dir], { encoding: "utf8" }).split("\n")[0];
  return { conninfo, stop: () => { execFileSync(script, ["stop", dir], { stdio: "ignore" }); rmSync(dir, { recursive: true, force: true }); } };
}

// One value from SQL on a store (startStoreWithCustoms's), through sqlite3 or psql.
export function storeSql(store) {
  return (q) => (store.database
    ? execFileSync("/usr/bin/psql", [store.database, "-At", "-c", q], { encoding: "utf8" })
    : execFileSync("/usr/bin/sqlite3", ["-readonly", join(store.server.dataDir, "bondstore.db"), q], { encoding: "utf8" })).trim();
}

// Every byte a store holds: the SQLite file with its log, or a pg_dump.
export function storedBytes(store) {
  if (store.database) return execFileSync("/usr/bin/pg_dump", ["--dbname=" + store.database, "--data-only"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const db = join(store.server.dataDir, "bondstore.db");
  let bytes = readFileSync(db, "latin1");
  try { bytes += readFileSync(db + "-wal", "latin1"); } catch { /* no log */ }
  return Buffer.from(bytes, "latin1").toString("utf8");
}

// A TCP port free just now (two processes that must know each other's address).
export function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

// A fresh browser context and page; `errors` collects uncaught page errors and an Emscripten
// abort, so a test can assert the app never crashed.
export async function openPage(browser, options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && /Aborted|RuntimeError|abort/.test(m.text())) errors.push(m.text());
    if (/Content Security Policy|CSP violation/.test(m.text())) cspViolations.push(m.text());
    if (process.env.BONDSTORE_E2E_CONSOLE) console.log("  console:", m.type(), m.text().slice(0, 400));
  });
  if (process.env.BONDSTORE_E2E_CONSOLE)
    page.on("response", (r) => console.log("  response:", r.status(), r.url(), r.headers()["content-type"], (r.headers()["content-security-policy"] || "").slice(0, 40)));
  // The page reports what its Content-Security-Policy blocked (Chromium also logs it).
  await context.addInitScript(() => document.addEventListener("securitypolicyviolation",
    (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`)));
  return { context, page, errors };
}

// Everything any page's Content-Security-Policy blocked: a test that leaves one here fails
// (runTests), whatever it asserted itself.
const cspViolations = [];
// Takes the violations reported so far (a test that provokes one on purpose).
export function takeCspViolations() { return cspViolations.splice(0); }

// Polls window.bondstore.state() until `predicate(state)` holds.
export async function waitForState(page, predicate, what, timeoutMs = 10000) {
  const start = Date.now();
  let last = null;
  while (Date.now() - start < timeoutMs) {
    // null until the page's runtime is up (a fresh load answers with an exception before that).
    last = await page.evaluate(() => {
      try { return (window.bondstore && window.Module && Module._bondstore_state_json) ? window.bondstore.state() : null; } catch { return null; }
    });
    if (last && predicate(last)) return last;
    await page.waitForTimeout(20);
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last)}`);
}

// Where a widget is once the layout has settled: the same rect in two different frames (ImGui
// tables size their auto-fit columns over the first frames, so an early rect can be stale).
async function settledRect(page, id) {
  let previous = null;
  for (let i = 0; i < 100; i++) {
    const s = await page.evaluate(() => window.bondstore.state());
    const w = s.widgets[id];
    if (w && previous && s.frame > previous.frame && JSON.stringify(w) === JSON.stringify(previous.w)) return w;
    previous = { frame: s.frame, w };
    await page.waitForTimeout(30);
  }
  const s = await page.evaluate(() => window.bondstore.state());
  throw new Error(`widget ${id} is not on screen or never settles; have ${Object.keys(s.widgets).join(", ")}`);
}

// Scrolls the product cards (or list) with the mouse wheel, as a shopper would, until the
// widget `id` of a product ("add.SKU", "open.SKU") is wholly on screen: down first, then back up
// once the list will go no further.
export async function revealWidget(page, id) {
  let direction = 1, lastScroll = -1;
  for (let i = 0; i < 120; i++) {
    const s = await page.evaluate(() => window.bondstore.state());
    const w = s.widgets[id];
    if (w && w.y >= 0 && w.y + w.h <= s.viewport.h) return s;
    if (w) direction = w.y < 0 ? -1 : 1;
    else if (s.listScroll === lastScroll) direction = -direction; // an end of the list
    lastScroll = s.listScroll;
    // Over the lowest card whose middle is on screen: rows scrolled up under the filters still
    // report their rects there, and the wheel over the filters scrolls nothing.
    const card = Object.entries(s.widgets).filter(([k, r]) => k.startsWith("open.") && r.y + r.h / 2 < s.viewport.h - 4)
      .sort((a, b) => b[1].y - a[1].y)[0];
    if (!card) break;
    await page.mouse.move(card[1].x + card[1].w / 2, card[1].y + card[1].h / 2);
    await page.mouse.wheel(0, 240 * direction);
    await waitFrames(page, 2);
  }
  throw new Error(`widget ${id} never came on screen`);
}

// Clicks the centre of a widget the app reports in state().widgets, with a real mouse:
// press, one frame, release (ImGui 1.86 loses a click shorter than a frame). A product's widget
// off screen is scrolled to first.
export async function clickWidget(page, _state, id) {
  if (/^(add|open)\./.test(id)) {
    const s = await page.evaluate(() => window.bondstore.state());
    if (s.screen === "browse") await revealWidget(page, id);
  }
  const w = await settledRect(page, id);
  await page.mouse.move(w.x + w.w / 2, w.y + w.h / 2);
  await waitFrames(page, 1); // ImGui must see the pointer over the widget before the press
  await page.mouse.down();
  await waitFrames(page, 2);
  await page.mouse.up();
  await waitFrames(page, 1);
}

// Clicks a widget that takes the page elsewhere (a provider's payment page): the same press and
// release, then waits for the new address instead of frames — the old page's frames race the
// navigation and its context is gone once it lands.
export async function clickWidgetAway(page, id, url) {
  const w = await settledRect(page, id);
  await page.mouse.move(w.x + w.w / 2, w.y + w.h / 2);
  await waitFrames(page, 1);
  await page.mouse.down();
  await waitFrames(page, 2);
  await Promise.all([page.waitForURL(url, { timeout: 15000 }), page.mouse.up()]);
}

// JSON with object keys sorted, for comparing documents regardless of key order.
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value).sort().map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",")}}`;
  return JSON.stringify(value);
}

// Waits until the app has drawn `n` more frames (a slow machine draws fewer per second).
export async function waitFrames(page, n = 2) {
  const start = await page.evaluate(() => window.bondstore.state().frame);
  for (let i = 0; i < 500; i++) {
    const now = await page.evaluate(() => window.bondstore.state().frame);
    if (now >= start + n) return;
    await page.waitForTimeout(10);
  }
  throw new Error("the app stopped drawing frames");
}

// Presses a key for real: down, held over a frame, up. ImGui 1.86 has no input queue, so a key
// pressed and released within one frame is lost (characters typed are queued and are safe).
export async function pressKey(page, key) {
  await page.keyboard.down(key);
  await waitFrames(page, 2);
  await page.keyboard.up(key);
  await waitFrames(page, 1);
}

export function assert(cond, message) {
  if (!cond) throw new Error("assertion failed: " + message);
}

export async function runTests(tests, { out }) {
  mkdirSync(out, { recursive: true });
  let failed = 0;
  for (const [name, fn] of tests) {
    const t0 = Date.now();
    takeCspViolations();
    try {
      await fn();
      const blocked = takeCspViolations();
      if (blocked.length) throw new Error("the Content-Security-Policy blocked: " + blocked.join("; "));
      console.log(`ok    ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL  ${name}\n      ${e.stack || e}`);
    }
  }
  console.log(`browser tests: ${tests.length - failed} passed, ${failed} failed; screenshots in ${out}`);
  return failed;
}

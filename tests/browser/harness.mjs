// A small harness for the browser tests: starts a real bondstore-server on an ephemeral port with a
// temporary data directory, launches Debian's Chromium headless through playwright-core, and
// runs each test with a fresh page. Screenshots go to the --out directory (a CI artifact).
import net from "node:net";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
function spawnServing(binary, args, what, onStop = () => {}) {
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
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
export async function startServer({ server, webDir, seedCatalog, dataDir, extraArgs = [] }) {
  const dir = dataDir || mkdtempSync(join(tmpdir(), "bondstore-e2e-"));
  const args = ["--port", "0", "--bind", "127.0.0.1", "--data-dir", dir, "--web-dir", webDir, ...extraArgs];
  if (seedCatalog) args.push("--seed-catalog", seedCatalog);
  const s = await spawnServing(server, args, "server", () => { if (!dataDir) rmSync(dir, { recursive: true, force: true }); });
  return { ...s, dataDir: dir };
}

// The single-window simulator (bondstore-single-window). Receipts go to `receiptsUrl`; signed
// messages must verify with `cert`.
export function startSimulator({ simulator, cert, receiptsUrl, token, xsd }) {
  const args = ["--port", "0", "--trusted-cert", cert, "--receipts-url", receiptsUrl, "--receipt-token", token, "--receipt-delay-ms", "50"];
  if (xsd) args.push("--ceb-xsd", xsd);
  return spawnServing(simulator, args, "simulator");
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
  page.on("console", (m) => { if (m.type() === "error" && /Aborted|RuntimeError|abort/.test(m.text())) errors.push(m.text()); });
  return { context, page, errors };
}

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

// Clicks the centre of a widget the app reports in state().widgets, with a real mouse:
// press, one frame, release (ImGui 1.86 loses a click shorter than a frame).
export async function clickWidget(page, _state, id) {
  const w = await settledRect(page, id);
  await page.mouse.move(w.x + w.w / 2, w.y + w.h / 2);
  await waitFrames(page, 1); // ImGui must see the pointer over the widget before the press
  await page.mouse.down();
  await waitFrames(page, 2);
  await page.mouse.up();
  await waitFrames(page, 1);
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
    try {
      await fn();
      console.log(`ok    ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL  ${name}\n      ${e.stack || e}`);
    }
  }
  console.log(`browser tests: ${tests.length - failed} passed, ${failed} failed; screenshots in ${out}`);
  return failed;
}

// A small harness for the browser tests: starts a real bondstore-server on an ephemeral port with a
// temporary data directory, launches Debian's Chromium headless through playwright-core, and
// runs each test with a fresh page. Screenshots go to the --out directory (a CI artifact).
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

// Starts bondstore-server and resolves with { url, stop() } once it prints its URL.
export function startServer({ server, webDir, seedCatalog, dataDir, extraArgs = [] }) {
  const dir = dataDir || mkdtempSync(join(tmpdir(), "bondstore-e2e-"));
  const args = ["--port", "0", "--bind", "127.0.0.1", "--data-dir", dir, "--web-dir", webDir, ...extraArgs];
  if (seedCatalog) args.push("--seed-catalog", seedCatalog);
  const child = spawn(server, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("server did not start: " + stderr)), 15000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/[^\s/]+:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${m[1]}/`,
          dataDir: dir,
          stop: () => new Promise((done) => {
            child.once("exit", (code) => { if (!dataDir) rmSync(dir, { recursive: true, force: true }); done(code); });
            child.kill("SIGTERM");
          }),
        });
      }
    });
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

// Polls window.bondstore.state() until `predicate(state)` holds.
export async function waitForState(page, predicate, what, timeoutMs = 10000) {
  const start = Date.now();
  let last = null;
  while (Date.now() - start < timeoutMs) {
    last = await page.evaluate(() => (window.bondstore && window.Module && Module._bondstore_state_json) ? window.bondstore.state() : null);
    if (last && predicate(last)) return last;
    await page.waitForTimeout(20);
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last)}`);
}

// Clicks the centre of a widget the app reported in state().widgets, with a real mouse:
// press, one frame, release (ImGui 1.86 loses a click shorter than a frame).
export async function clickWidget(page, state, id) {
  const w = state.widgets[id];
  if (!w) throw new Error(`no widget ${id} on screen; have ${Object.keys(state.widgets).join(", ")}`);
  await page.mouse.move(w.x + w.w / 2, w.y + w.h / 2);
  await page.waitForTimeout(50);
  await page.mouse.down();
  await page.waitForTimeout(50);
  await page.mouse.up();
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

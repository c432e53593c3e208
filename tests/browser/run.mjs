// Browser end-to-end tests. Usage:
//   node run.mjs --server build/native/server/bondstore-server --web-dir build/wasm/web/dist \
//                --seed-catalog assets/catalog/sample.json --out build/artifacts/screenshots \
//                --simulator build/native/server/bondstore-single-window
// The server runs with its single-window relay on, against the simulator.
import { readFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import { freePort, launchBrowser, parseArgs, runTests, startServer, startSimulator } from "./harness.mjs";
import shopperTests from "./shopper.mjs";
import layoutTests from "./layout.mjs";
import kioskTests from "./kiosk.mjs";
import offlineTests from "./offline.mjs";
import merchantTests from "./merchant.mjs";

const args = parseArgs(process.argv.slice(2));
for (const k of ["server", "web-dir", "seed-catalog", "out", "simulator"]) {
  if (!args[k]) { console.error(`missing --${k}`); process.exit(2); }
}
const sample = JSON.parse(readFileSync(args["seed-catalog"], "utf8"));
const first = sample.products[0];
const locales = JSON.parse(readFileSync(new URL("../../i18n/locales.json", import.meta.url), "utf8"));
const browser = await launchBrowser();
// The store's signing key first (the simulator trusts its certificate), then the simulator, then
// the store on the port the simulator sends receipts to.
const dataDir = mkdtempSync(join(tmpdir(), "bondstore-e2e-"));
execFileSync("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=bondstore e2e",
  "-keyout", join(dataDir, "signing-key.pem"), "-out", join(dataDir, "signing-cert.pem")], { stdio: "ignore" });
const port = await freePort();
const simulator = await startSimulator({ simulator: args.simulator, cert: join(dataDir, "signing-cert.pem"),
  receiptsUrl: `http://127.0.0.1:${port}/api/single-window/receipts`, token: "e2e-receipts" });
const server = await startServer({ server: args.server, webDir: args["web-dir"], seedCatalog: args["seed-catalog"], dataDir,
  extraArgs: ["--port", String(port), "--single-window", simulator.url + "ceb", "--receipt-token", "e2e-receipts", "--relay-retry-ms", "200"] });

// Each file holds the tests of one part of the app; they share this server and browser.
const t = { browser, server, args, sample, first, locales };
const tests = [...shopperTests(t), ...layoutTests(t), ...offlineTests(t), ...kioskTests(t), ...merchantTests(t)];

// --only TEXT: the tests whose name contains TEXT.
const failed = await runTests(args.only ? tests.filter(([name]) => name.includes(args.only)) : tests, { out: args.out });
await browser.close();
await server.stop();
await simulator.stop();
process.exit(failed ? 1 : 0);

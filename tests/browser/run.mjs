// Browser end-to-end tests. Usage:
//   node run.mjs --server build/native/server/bondstore-server --web-dir build/wasm/web/dist \
//                --seed-catalog assets/catalog/sample.json --out build/artifacts/screenshots \
//                --simulator build/native/server/bondstore-single-window
// The server runs with its single-window relay on, against the simulator.
import { readFileSync } from "node:fs";
import { launchBrowser, parseArgs, runTests, startStoreWithCustoms } from "./harness.mjs";
import shopperTests from "./shopper.mjs";
import layoutTests from "./layout.mjs";
import kioskTests from "./kiosk.mjs";
import offlineTests from "./offline.mjs";
import merchantTests from "./merchant.mjs";
import securityTests from "./security.mjs";
import paymentTests from "./payments.mjs";
import customsTests from "./customs.mjs";
import largeCatalogTests from "./large_catalog.mjs";
import looksTests from "./looks.mjs";
import openWebTests, { auditTests } from "./open_web.mjs";
import accessibilityTests from "./accessibility.mjs";
import storeTests from "./stores.mjs";
import onboardingTests from "./onboarding.mjs";

const args = parseArgs(process.argv.slice(2));
for (const k of ["server", "web-dir", "seed-catalog", "out", "simulator"]) {
  if (!args[k]) { console.error(`missing --${k}`); process.exit(2); }
}
const sample = JSON.parse(readFileSync(args["seed-catalog"], "utf8"));
const first = sample.products[0];
const locales = JSON.parse(readFileSync(new URL("../../i18n/locales.json", import.meta.url), "utf8"));
const browser = await launchBrowser();
// The store, on SQLite, with the single-window simulator beside it.
const store = await startStoreWithCustoms(args);
const { server } = store;

// Each file holds the tests of one part of the app; they share this server and browser.
const t = { browser, server, store, args, sample, first, locales };
const tests = [...shopperTests(t), ...layoutTests(t), ...offlineTests(t), ...kioskTests(t), ...merchantTests(t), ...securityTests(t),
               ...paymentTests(t), ...customsTests(t), ...largeCatalogTests(t), ...openWebTests(t), ...auditTests(t), ...accessibilityTests(t),
               ...storeTests(t), ...onboardingTests(t), ...looksTests(t)];

// --only TEXT: the tests whose name contains TEXT ("A|B": A or B).
const only = args.only ? String(args.only).split("|") : null;
const failed = await runTests(only ? tests.filter(([name]) => only.some((o) => name.includes(o))) : tests, { out: args.out });
await browser.close();
await store.stop();
process.exit(failed ? 1 : 0);

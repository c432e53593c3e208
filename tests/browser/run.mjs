// Browser end-to-end tests. Usage:
//   node run.mjs --server build/native/server/bondstore-server --web-dir build/wasm/web/dist \
//                --seed-catalog assets/catalog/sample.json --out build/artifacts/screenshots
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { assert, clickWidget, launchBrowser, parseArgs, runTests, startServer, waitForState } from "./harness.mjs";

const args = parseArgs(process.argv.slice(2));
for (const k of ["server", "web-dir", "seed-catalog", "out"]) {
  if (!args[k]) { console.error(`missing --${k}`); process.exit(2); }
}
const sample = JSON.parse(readFileSync(args["seed-catalog"], "utf8"));
const first = sample.products[0];

const browser = await launchBrowser();
const server = await startServer({ server: args.server, webDir: args["web-dir"], seedCatalog: args["seed-catalog"] });

const tests = [
  ["the catalog shows in Chinese, then in English after a click on the language switch", async () => {
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(server.url);
    const firstFrameMs = await page.evaluate(() => window.bondstore.firstFrame);
    assert(firstFrameMs > 0, "first frame signalled");

    let s = await waitForState(page, (st) => st.screen === "browse", "the catalog screen");
    assert(s.locale === "zh-Hans", `starts in the browser's language, got ${s.locale}`);
    assert(s.productCount === sample.products.length, `shows ${sample.products.length} products, got ${s.productCount}`);
    assert(s.firstRows[0][0] === first.sku, `first row is ${first.sku}: ${JSON.stringify(s.firstRows[0])}`);
    assert(s.firstRows[0][1] === first.title["zh-Hans"], "Chinese title shown");
    assert(s.firstRows[0][2] === first.title.en, "English title shown");
    assert(s.firstRows[0][4] === "¥298.00", `price formatted for zh-Hans, got ${s.firstRows[0][4]}`);
    await page.screenshot({ path: join(args.out, "browse-zh-Hans.png") });

    await clickWidget(page, s, "lang.en");
    s = await waitForState(page, (st) => st.locale === "en", "the switch to English");
    assert(s.firstRows[0][4] === "CN¥298.00", `price formatted for en, got ${s.firstRows[0][4]}`);
    assert(s.productCount === sample.products.length, "same catalog in English");
    await page.screenshot({ path: join(args.out, "browse-en.png") });

    // The choice is remembered for this shopper.
    await page.reload();
    await page.evaluate(() => window.bondstore.firstFrame);
    s = await waitForState(page, (st) => st.screen === "browse", "the catalog after reload");
    assert(s.locale === "en", `language remembered across reloads, got ${s.locale}`);
    assert(errors.length === 0, "no page errors: " + errors.join("; "));
    await context.close();
  }],

  ["an English-speaking browser starts in English", async () => {
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(() => window.bondstore.firstFrame);
    const s = await waitForState(page, (st) => st.screen === "browse", "the catalog screen");
    assert(s.locale === "en", `negotiated from navigator.languages, got ${s.locale}`);
    await page.screenshot({ path: join(args.out, "browse-en-portrait.png") });
    await context.close();
  }],
];

const failed = await runTests(tests, { out: args.out });
await browser.close();
await server.stop();
process.exit(failed ? 1 : 0);

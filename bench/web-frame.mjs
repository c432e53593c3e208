// ImGui frame budget: the web app's ImGui CPU time per frame (building the frame and its draw
// lists, as the app measures it) while a shopper flicks through the products, with 10,000 products
// — as cards with their pictures (issue 20), and as the list — next to the same app showing the
// 36-product sample catalog's cards, measured in the same run. Every product has the sample's
// pictures, served as thumbnails; pictures stream in while the list moves.
// Budget (issues 8 and 20): median ≤ 4 ms with 10,000 products, cards and list; exceeding it exits 1.
//
//   node bench/web-frame.mjs --server build/native/server/bondstore-server \
//        --web-dir build/wasm/web/dist --seed-catalog assets/catalog/sample.json [--products 10000] [--json OUT]
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { launchBrowser, parseArgs, startServer, waitForState } from "../tests/browser/harness.mjs";

const args = parseArgs(process.argv.slice(2));
const count = Number(args.products || 10000);
const BUDGET_MS = 4;
const sample = JSON.parse(readFileSync(args["seed-catalog"], "utf8"));

// The sample's products, repeated with their own SKUs and handles (and no barcodes, which must be
// unique), each with stock in the first warehouse.
function bigCatalog(n) {
  const products = [], stock = [];
  for (let k = 0; k < n; k++) {
    const p = structuredClone(sample.products[k % sample.products.length]);
    p.sku = `${p.sku}-${k}`;
    p.handle = `${p.handle}-${k}`;
    delete p.barcode;
    for (const locale of Object.keys(p.title)) p.title[locale] += ` ${k}`;
    products.push(p);
    stock.push({ sku: p.sku, warehouse: sample.warehouses[0].code, on_hand: 20 });
  }
  return { version: sample.version, warehouses: sample.warehouses, products, stock };
}

const browser = await launchBrowser();
async function measure(seedCatalog, expected, view = "grid") {
  const server = await startServer({ server: args.server, webDir: args["web-dir"], seedCatalog });
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 800 } });
  // The view the shopper chose last time (actions/settings.h).
  await context.addInitScript((v) => localStorage.setItem("bondstore.browse_view", v), view);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.evaluate(() => window.bondstore.firstFrame);
  await waitForState(page, (st) => st.screen === "browse" && st.productCount === expected && st.browseView === view,
                     `${expected} products listed as ${view}`, 60000);
  // Scroll the list: wheel notches over the table, down then up, for about five seconds.
  await page.mouse.move(640, 500);
  const samples = [];
  let seen = await page.evaluate(() => window.bondstore.state().frame);
  for (let i = 0; i < 100; i++) {
    await page.mouse.wheel(0, i < 50 ? 300 : -300);
    await page.waitForTimeout(50);
    if (i % 10 === 9) { // the app keeps its last 240 frames' times; about 25 frames pass between reads
      const s = await page.evaluate(() => window.bondstore.state());
      samples.push(...s.imguiMs.slice(-Math.min(s.imguiMs.length, s.frame - seen)));
      seen = s.frame;
    }
  }
  await context.close();
  await server.stop();
  return samples;
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { frames: s.length, median: s[Math.floor(s.length / 2)], p95: s[Math.floor(s.length * 0.95)], max: s.at(-1) };
};
const dir = mkdtempSync(join(tmpdir(), "bondstore-frame-"));
const big = join(dir, "catalog.json");
writeFileSync(big, JSON.stringify(bigCatalog(count)));
const base = stats(await measure(args["seed-catalog"], sample.products.length));
const app = stats(await measure(big, count));
const list = stats(await measure(big, count, "list"));
await browser.close();

const f = (x) => x.toFixed(2).padStart(6);
const within = app.median <= BUDGET_MS && list.median <= BUDGET_MS;
console.log("ImGui CPU time per frame while scrolling the products, headless Chromium (ms)");
console.log(`  ${String(count).padStart(6)} products, cards   median ${f(app.median)}  p95 ${f(app.p95)}  max ${f(app.max)}  (${app.frames} frames)`);
console.log(`  ${String(count).padStart(6)} products, list    median ${f(list.median)}  p95 ${f(list.p95)}  max ${f(list.max)}  (${list.frames} frames)`);
console.log(`  baseline: ${String(sample.products.length).padStart(3)} products, cards   median ${f(base.median)}  p95 ${f(base.p95)}  max ${f(base.max)}  (${base.frames} frames)`);
console.log(`  ratio ${(app.median / base.median).toFixed(2)}x; budget ${BUDGET_MS} ms median with ${count} products: ${within ? "within" : "EXCEEDED"}`);
if (args.json) {
  mkdirSync(dirname(args.json), { recursive: true });
  writeFileSync(args.json, JSON.stringify({ products: count, app, list, baseline: base, budgetMs: BUDGET_MS }, null, 2));
}
process.exit(within ? 0 : 1);

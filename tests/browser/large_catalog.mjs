// A large store (issue 19): 50,000 realistic products (bench/gen_catalog.py). The first screen
// downloads one page, rows arrive as the list scrolls, the server searches with core's ranking,
// a product page gets the full product, and a kiosk keeps the whole catalog to search offline.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { assert, clickWidget, freePort, openPage, startServer, waitForState } from "./harness.mjs";
import { NAME, STOCK, SKU } from "./app_checks.mjs";

const PRODUCTS = 50000;

// t: { browser, args } (run.mjs).
export default function largeCatalogTests(t) {
  const { browser, args } = t;
  let store = null, port = 0, dir = "";
  const start = () => startServer({ server: args.server, webDir: args["web-dir"], seedCatalog: join(dir, "catalog.json"), dataDir: dir,
    extraArgs: ["--port", String(port)] });
  async function ensureStore() {
    if (store) return store;
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), "bondstore-large-"));
    execFileSync("python3", [new URL("../../bench/gen_catalog.py", import.meta.url).pathname, String(PRODUCTS), "--out", join(dir, "catalog.json")]);
    store = await start();
    return store;
  }
  const bytesBefore = (page, ms) => page.evaluate((ms) => performance.getEntriesByType("resource").concat(performance.getEntriesByType("navigation"))
    .filter((e) => e.responseEnd <= ms).reduce((n, e) => n + e.transferSize, 0), ms);

  return [
    ["a 50,000-product store shows its first page at once, pages rows in as the list scrolls, searches on the server with core's ranking, and opens a product in full", async () => {
      const s0 = await ensureStore();
      const { context, page, errors } = await openPage(browser, { locale: "zh-CN", viewport: { width: 1280, height: 800 } });
      await page.goto(s0.url);
      const firstFrame = await page.evaluate(() => window.bondstore.firstFrame);
      let s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows.length > 0 && st.firstRows[0][STOCK] !== "", "the first page");
      assert(s.paging.on, "a large catalog comes a page at a time");
      assert(s.search.total === PRODUCTS, `every product counted, got ${s.search.total}`);
      assert(s.paging.loaded <= 200, `only the first page loaded, got ${s.paging.loaded}`);
      const bytes = await bytesBefore(page, firstFrame);
      const heap = () => page.evaluate(() => (Module.HEAP8.buffer.byteLength / 1048576).toFixed(0));
      console.log(`    first catalog frame ${firstFrame.toFixed(0)} ms, ${bytes} bytes transferred before it; ` +
                  `${s.paging.loaded} products loaded, WebAssembly memory ${await heap()} MB`);
      assert(bytes <= 2000000, `the first screen within 2.0 MB, got ${bytes}`);
      await page.screenshot({ path: join(args.out, "large-catalog-first-zh.png") });

      // Scrolling far down: the rows there are asked for and drawn.
      const loaded = s.paging.loaded;
      await page.mouse.move(640, 600);
      for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 1500);
      s = await waitForState(page, (st) => st.paging.loaded > loaded + 100 && st.listScroll > 5000, "rows paged in as the list scrolls", 15000);
      console.log(`    scrolled ${s.listScroll.toFixed(0)} px: ${s.paging.loaded} products loaded, WebAssembly memory ${await heap()} MB`);
      await page.screenshot({ path: join(args.out, "large-catalog-scrolled-zh.png") });

      // A search: the server's answer, in the server's order (the ranking a whole catalog would have in the browser).
      const q = "精华";
      await clickWidget(page, s, "search.box");
      await page.keyboard.type(q, { delay: 20 });
      const expected = await (await fetch(`${s0.url}api/catalog/page?q=${encodeURIComponent(q)}&locale=zh-Hans&limit=3`)).json();
      assert(expected.total > 100 && expected.total < PRODUCTS, `the query matches some products, got ${expected.total}`);
      s = await waitForState(page, (st) => st.search.text === q && st.search.total === expected.total && st.firstRows.length >= 3,
        "the server's search results");
      const shown = s.firstRows.slice(0, 3).map((r) => r[SKU]);
      assert(JSON.stringify(shown) === JSON.stringify(expected.products.map((p) => p.sku)), `the server's ranking, got ${shown}`);
      assert(s.firstRows[0][NAME].includes(q), `a match first: ${s.firstRows[0][NAME]}`);
      await page.screenshot({ path: join(args.out, "large-catalog-search-zh.png") });

      // Its page: the full product (the listing has no description).
      const sku = shown[0];
      await clickWidget(page, s, "open." + sku);
      s = await waitForState(page, (st) => st.screen === "product" && st.product?.sku === sku && st.product.quote, "the product page");
      const full = await (await fetch(`${s0.url}api/products/${sku}`)).json();
      assert(full.description && full.description["zh-Hans"], "the product has a description to show");
      s = await waitForState(page, (st) => st.product?.description === full.description["zh-Hans"], "the full product's description");
      await page.screenshot({ path: join(args.out, "large-catalog-product-zh.png") });
      assert(errors.length === 0, `no page errors: ${errors.join("; ")}`);
      await context.close();
    }],

    ["a kiosk of a 50,000-product store keeps the whole catalog after its first frame and searches it when the server is gone", async () => {
      await ensureStore();
      const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
      await page.goto(store.url + "?kiosk=1");
      let s = await waitForState(page, (st) => st.screen === "attract" && st.kiosk.on && st.paging.on, "the attract screen", 15000);
      s = await waitForState(page, (st) => st.paging.wholeKept, "the whole catalog kept in IndexedDB", 60000);
      await clickWidget(page, s, "kiosk.start");
      s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows.length > 0, "browsing");

      await store.stop();
      store = null;
      const q = "Serum";
      const offlineAt = Date.now();
      await clickWidget(page, s, "search.box");
      await page.keyboard.type(q, { delay: 20 });
      s = await waitForState(page, (st) => !st.paging.on && st.productCount > 0 && st.search.text === q && st.firstRows.length > 0 &&
        st.firstRows[0][NAME].includes(q), "searched offline in the kept whole catalog", 60000);
      assert(s.search.total > 1000, `the whole catalog searched, got ${s.search.total} matches`);
      console.log(`    offline: the kept catalog read back, indexed and searched ${Date.now() - offlineAt} ms after the first keystroke`);
      await page.screenshot({ path: join(args.out, "large-catalog-kiosk-offline-en.png") });
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }],
  ];
}

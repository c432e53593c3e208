// A shopper in a browser: the catalog, search, the cart's tax, checkout, input methods, the product page.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { assert, canonical, clickWidget, freePort, openPage, pressKey, startPostgres, startServer, startStoreWithCustoms, storedBytes, storeSql,
         waitFrames, waitForState } from "./harness.mjs";
import { NAME, ORIGIN, STOCK, PRICE, SKU, APPROX, assertLaidOut, goToCheckout, selectLocale } from "./app_checks.mjs";

// t: { browser, server, args, sample, first, locales } (run.mjs).
export default function shopperTests(t) {
  const { browser, server, args, sample, first, locales } = t;
  return [
    ["the catalog shows in Chinese, then in English after a click on the language switch", async () => {
      const { context, page, errors } = await openPage(browser, { locale: "zh-CN", viewport: { width: 1280, height: 800 } });
      // While the catalog is on its way the page's own spinner shows (the app draws nothing yet);
      // it goes with the app's first frame.
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await page.route("**/api/catalog/page", async (route) => { await held; await route.continue(); });
      await page.goto(server.url);
      await page.waitForFunction(() => window.Module && Module.calledRun);
      await page.waitForTimeout(300);
      assert(await page.evaluate(() => !!document.getElementById("splash") && window.bondstore.firstFrameMs === null),
             "the spinner shows while the catalog loads");
      await page.screenshot({ path: join(args.out, "loading.png") });
      release();
      const firstFrameMs = await page.evaluate(() => window.bondstore.firstFrame);
      assert(firstFrameMs > 0, "first frame signalled");
      assert(await page.evaluate(() => !document.getElementById("splash")), "the spinner is gone with the first frame");
      await page.unroute("**/api/catalog/page");

      let s = await waitForState(page, (st) => st.screen === "browse", "the catalog screen");
      assert(s.locale === "zh-Hans", `starts in the browser's language, got ${s.locale}`);
      assert(s.productCount === sample.products.length, `shows ${sample.products.length} products, got ${s.productCount}`);
      assert(s.firstRows[0][SKU] === first.sku, `first row is ${first.sku}: ${JSON.stringify(s.firstRows[0])}`);
      assert(s.firstRows[0][NAME] === first.title["zh-Hans"], "Chinese title shown");
      assert(s.firstRows[0][PRICE] === "¥298.00", `price formatted for zh-Hans, got ${s.firstRows[0][PRICE]}`);
      await page.screenshot({ path: join(args.out, "browse-zh-Hans.png") });

      s = await selectLocale(page, "en");
      assert(s.firstRows[0][NAME] === first.title.en, "English title shown");
      assert(s.firstRows[0][PRICE] === "CN¥298.00", `price formatted for en, got ${s.firstRows[0][PRICE]}`);
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
    ["search: typing \"nf\" finds the infant formula (奶粉) by its pinyin initials", async () => {
      const { context, page, errors } = await openPage(browser, { locale: "zh-CN", viewport: { width: 1280, height: 800 } });
      await page.goto(server.url);
      await page.evaluate(() => window.bondstore.firstFrame);
      let s = await waitForState(page, (st) => st.screen === "browse", "the catalog screen");
      await clickWidget(page, s, "search.box");
      await page.waitForTimeout(50);
      await page.keyboard.type("nf", { delay: 60 });
      s = await waitForState(page, (st) => st.search.text === "nf", "the typed text");
      assert(s.search.total >= 5, `at least the five formulas, got ${s.search.total}`);
      for (const row of s.firstRows) assert(row[NAME].includes("奶粉"), `a formula first: ${JSON.stringify(row)}`);
      await page.screenshot({ path: join(args.out, "search-nf-zh-Hans.png") });
      await pressKey(page, "Backspace");
      await pressKey(page, "Backspace");
      s = await waitForState(page, (st) => st.search.text === "" && st.search.total === sample.products.length, "the full catalog again");
      await page.keyboard.type("naifen", { delay: 60 });
      s = await waitForState(page, (st) => st.search.text === "naifen", "pinyin typed");
      assert(s.search.total === 5, `naifen finds the five formulas, got ${s.search.total}`);
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await context.close();
    }],
    ["an English-speaking browser starts in English", async () => {
      const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1080, height: 1920 } });
      await page.goto(server.url);
      await page.evaluate(() => window.bondstore.firstFrame);
      const s = await waitForState(page, (st) => st.screen === "browse", "the catalog screen");
      assert(s.locale === "en", `negotiated from navigator.languages, got ${s.locale}`);
      await page.screenshot({ path: join(args.out, "browse-en-portrait.png") });
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await context.close();
    }],
    ["the cart shows the tax from core, the same numbers the server quotes, and the limit warnings", async () => {
      const { context, page, errors } = await openPage(browser, { locale: "zh-CN", viewport: { width: 1080, height: 1920 } });
      await page.goto(server.url);
      await page.evaluate(() => window.bondstore.firstFrame);
      let s = await waitForState(page, (st) => st.screen === "browse", "the catalog screen");

      for (const sku of ["IF-APT-PF3-800", "IF-APT-PF3-800", "SP-GLF-12-700", "SK-LAM-CR-60"]) {
        const before = s.cart.reduce((n, l) => n + l.qty, 0);
        await clickWidget(page, s, "add." + sku);
        s = await waitForState(page, (st) => st.cart.reduce((n, l) => n + l.qty, 0) === before + 1, "the item in the cart");
      }
      await clickWidget(page, s, "nav.cart");
      s = await waitForState(page, (st) => st.screen === "cart" && st.quote, "the cart screen with a quote");
      assert(s.quote.regime === "within_limits", `within the limits, got ${s.quote.regime}`);
      assert(s.quote.lines.length === 3, "three lines");

      // The browser's quote is the server's quote: same core function, same catalog and table.
      const lines = s.cart.map((l) => ({ sku: l.sku, qty: l.qty }));
      const server_quote = await (await fetch(server.url + "api/quote", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ date: s.quote.date, lines }),
      })).json();
      assert(canonical(server_quote) === canonical(s.quote),
        `browser and server quotes differ:\n${JSON.stringify(s.quote)}\n${JSON.stringify(server_quote)}`);
      assert(s.quote.tax_total_fen > 0, "tax shown");
      const cream = s.quote.lines.find((l) => l.sku === "SK-LAM-CR-60");
      assert(cream.consumption_tax_fen > 0, "La Mer at ¥47.33/ml is high-end: consumption tax");
      await page.screenshot({ path: join(args.out, "cart-zh-Hans.png") });

      await clickWidget(page, s, "cart.why");
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(args.out, "cart-why-zh-Hans.png") });

      // Over ¥5,000 with more than one item: the order is refused, with the reason shown.
      await clickWidget(page, s, "nav.browse");
      s = await waitForState(page, (st) => st.screen === "browse", "back to the catalog");
      await clickWidget(page, s, "add.WA-LON-MAS-AUTO");
      s = await waitForState(page, (st) => st.cart.length === 4, "the watch in the cart");
      await clickWidget(page, s, "nav.cart");
      s = await waitForState(page, (st) => st.screen === "cart" && st.quote && st.quote.regime === "rejected", "a refused quote");
      assert(s.quote.reason === "single_limit_exceeded", `reason ${s.quote.reason}`);
      await page.screenshot({ path: join(args.out, "cart-over-limit-zh-Hans.png") });

      // Down to the watch alone: a single item over the limit, taxed in full.
      for (const sku of ["IF-APT-PF3-800", "SP-GLF-12-700", "SK-LAM-CR-60"]) {
        await clickWidget(page, s, "remove." + sku);
        s = await waitForState(page, (st) => !st.cart.some((l) => l.sku === sku), `${sku} removed`);
      }
      s = await waitForState(page, (st) => st.quote && st.quote.regime === "single_item_full_tax", "the single-item path");
      assert(s.quote.consumption_tax_fen > 0 && s.quote.tariff_fen > 0, "full tariff and watch CT");
      s = await selectLocale(page, "en");
      assert(s.quote.regime === "single_item_full_tax", "switching language keeps the cart and its quote");
      await page.screenshot({ path: join(args.out, "cart-single-item-en.png") });
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await context.close();
    }],
    ["a cart no one bonded warehouse can ship says so before checkout, by core's rule (the server's too)", async () => {
      const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 800 } });
      await page.goto(server.url);
      await page.evaluate(() => window.bondstore.firstFrame);
      let s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows[0][STOCK] !== "", "the catalog with its stock");
      // Nutrilon is only in the Xiyong warehouse, a2 only in Lianglu: no one warehouse holds both.
      for (const sku of ["IF-NUT-N3-800", "IF-A2-PL3-900"]) {
        const before = s.cart.length;
        await clickWidget(page, s, "add." + sku);
        s = await waitForState(page, (st) => st.cart.length === before + 1, "the item in the cart");
      }
      await clickWidget(page, s, "nav.cart");
      s = await waitForState(page, (st) => st.screen === "cart" && st.widgets["cart.cannot_ship"], "the cart saying it cannot ship as one order");
      assert(!s.widgets["cart.checkout"], "no checkout for a cart that would be refused");
      await page.screenshot({ path: join(args.out, "cart-split-warehouses-en.png") });
      // The server refuses the same lines for the same reason.
      const lines = s.cart.map((l) => ({ sku: l.sku, qty: l.qty }));
      const inventory = await (await fetch(server.url + "api/inventory")).json();
      for (const sku of ["IF-NUT-N3-800", "IF-A2-PL3-900"]) {
        const item = inventory.items.find((i) => i.sku === sku);
        assert(item.orderable === Math.max(...item.warehouses.map((w) => w.available)), `${sku}: orderable is one warehouse's`);
      }
      assert(lines.length === 2, "two lines");
      await clickWidget(page, s, "remove.IF-A2-PL3-900");
      s = await waitForState(page, (st) => st.cart.length === 1 && st.widgets["cart.checkout"] && !st.widgets["cart.cannot_ship"],
                             "one warehouse holds what is left: checkout again");
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await context.close();
    }],
    ["an approximate price in the shopper's currency, never the amount charged", async () => {
      const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 800 } });
      await page.goto(server.url);
      await page.evaluate(() => window.bondstore.firstFrame);
      let s = await waitForState(page, (st) => st.screen === "browse" && st.widgets["currency.menu"], "the currency menu");
      await clickWidget(page, s, "currency.menu");
      await clickWidget(page, s, "currency.USD");
      s = await waitForState(page, (st) => st.currency === "USD", "US dollars");
      assert(s.firstRows[0][PRICE] === "CN¥298.00", "the price itself stays in yuan");
      assert(/^≈ \$\d+\.\d\d$/.test(s.firstRows[0][APPROX]), `an approximate dollar price next to it: ${s.firstRows[0][APPROX]}`);
      await page.screenshot({ path: join(args.out, "currency-usd-en.png") });
      await page.reload();
      await page.evaluate(() => window.bondstore.firstFrame);
      s = await waitForState(page, (st) => st.screen === "browse" && st.currency === "USD", "the currency remembered");
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await context.close();
    }],
    ["checkout: the web cart becomes an order in the database, with the tax breakdown the shopper saw", async () => {
      await checkoutJourney(browser, args, t.store, "");
    }],
    ["checkout on PostgreSQL: the same journey, the same numbers, customs releases the order", async () => {
      const pg = startPostgres();
      try {
        const store = await startStoreWithCustoms(args, { database: pg.conninfo });
        try { await checkoutJourney(browser, args, store, "pg-"); } finally { await store.stop(); }
      } finally { pg.stop(); }
    }],
    ["a shopper in Chinese buys with an input method (CDP composition events), copies and pastes, and customs releases the order", async () => {
      const { context, page, errors } = await openPage(browser, { locale: "zh-CN", viewport: { width: 1280, height: 900 } });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url.replace(/\/$/, "") });
      const cdp = await context.newCDPSession(page);
      // What a pinyin IME sends: the composition grows letter by letter, then the chosen words commit.
      const compose = async (letters, words) => {
        for (let i = 1; i <= letters.length; i++) {
          const text = letters.slice(0, i);
          await cdp.send("Input.imeSetComposition", { text, selectionStart: text.length, selectionEnd: text.length });
          await waitFrames(page, 1);
        }
        const during = await page.evaluate(() => window.bondstore.state());
        await cdp.send("Input.insertText", { text: words });
        return during;
      };
      await page.goto(server.url);
      await page.evaluate(() => window.bondstore.firstFrame);
      let s = await waitForState(page, (st) => st.screen === "browse" && st.locale === "zh-Hans" && st.firstRows[0][STOCK] !== "", "the catalog");
      await clickWidget(page, s, "search.box");
      const during = await compose("naifen", "奶粉");
      assert(during.search.text === "", `nothing reaches the field while composing, got "${during.search.text}"`);
      s = await waitForState(page, (st) => st.search.text === "奶粉", "the composed words in the search box");
      assert(s.search.total === 5, `奶粉 finds the five formulas, got ${s.search.total}`);
      await page.screenshot({ path: join(args.out, "search-ime-zh-Hans.png") });

      // Copy: Ctrl+A, Ctrl+C puts the field's text on the system clipboard.
      await page.keyboard.down("Control");
      await pressKey(page, "a");
      await pressKey(page, "c");
      await page.keyboard.up("Control");
      await waitFrames(page, 2);
      assert(await page.evaluate(() => navigator.clipboard.readText()) === "奶粉", "copied to the clipboard");
      // Paste: the clipboard's text replaces the selection.
      await page.evaluate(() => navigator.clipboard.writeText("爱他美"));
      await page.keyboard.down("Control");
      await pressKey(page, "a");
      await pressKey(page, "v");
      await page.keyboard.up("Control");
      s = await waitForState(page, (st) => st.search.text === "爱他美", "the pasted text");
      assert(s.firstRows.length > 0 && s.firstRows.every((r) => r[NAME].includes("爱他美")), "Aptamil found: " + JSON.stringify(s.firstRows));
      const sku = s.firstRows[0][SKU];
      let shown;
      ({ s, shown } = await goToCheckout(page, s, [sku]));
      const type = async (id, text) => { await clickWidget(page, s, "checkout." + id); await page.keyboard.type(text, { delay: 5 }); };
      await clickWidget(page, s, "checkout.buyer_name");
      await compose("wangxiaoming", "王小明");
      await type("id_number", "11010519491231002X");
      await type("buyer_phone", "13800138000");
      await clickWidget(page, s, "checkout.address");
      await compose("chongqing", "重庆市渝北区");
      await compose("baoshuigang", "保税港路1号");
      await type("district", "500112");
      s = await waitForState(page, (st) => st.buyerData.startsWith("王小明11010519491231002X13800138000") && st.buyerData.includes("重庆市渝北区保税港路1号"),
        "the form as composed and typed");
      // Characters typed that neither the UI nor the catalog had (小, 渝, 港…) join the font atlas.
      await waitFrames(page, 3);
      const missing = await page.evaluate(() => window.bondstore.missingGlyphs("王小明重庆市渝北区保税港路1号"));
      assert(missing === "", `typed text drawn without boxes; missing glyphs: "${missing}"`);
      await page.screenshot({ path: join(args.out, "checkout-ime-zh-Hans.png") });
      await clickWidget(page, s, "checkout.place");
      s = await waitForState(page, (st) => st.screen === "order" && st.order && st.order.status === "pending_payment", "the order", 15000);
      const db = join(server.dataDir, "bondstore.db");
      const sql = (q) => execFileSync("/usr/bin/sqlite3", ["-readonly", db, q], { encoding: "utf8" }).trim();
      assert(sql(`SELECT amount_to_pay_fen FROM orders WHERE order_no = '${s.order.no}'`) === String(shown.amount_to_pay_fen), "charged as shown");
      await clickWidget(page, s, "order.pay");
      for (let i = 0; i < 40 && !(s.order && s.order.status === "released"); i++) {
        try {
          s = await waitForState(page, (st) => st.order && st.order.status === "released", "released", 500);
        } catch (e) { await clickWidget(page, s, "order.refresh"); }
      }
      assert(s.order.status === "released", `released by customs, got ${s.order.status}`);
      await page.screenshot({ path: join(args.out, "order-released-ime-zh-Hans.png") });
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await context.close();
    }],
    ["home and product page: a category in one tap, the product's tax on one unit from core (the server's own quote), its bonded stock, added to the cart", async () => {
      const { context, page, errors } = await openPage(browser, { locale: "zh-CN", viewport: { width: 1280, height: 800 } });
      await page.goto(server.url);
      await page.evaluate(() => window.bondstore.firstFrame);
      let s = await waitForState(page, (st) => st.screen === "browse" && st.widgets["home.category.skincare"] && st.firstRows[0][STOCK] !== "", "the home categories");
      await page.screenshot({ path: join(args.out, "home-zh-Hans.png") });
      await clickWidget(page, s, "home.category.skincare");
      s = await waitForState(page, (st) => st.search.total > 0 && st.search.total < sample.products.length && !st.widgets["home.category.skincare"],
        "the skin care products");
      assert(s.firstRows.every((r) => sample.products.find((p) => p.sku === r[SKU]).category === "skincare"), "only skin care: " + JSON.stringify(s.firstRows));
      await clickWidget(page, s, "open.SK-LAM-CR-60");
      s = await waitForState(page, (st) => st.screen === "product" && st.product && st.product.sku === "SK-LAM-CR-60", "the product page");
      const server_quote = await (await fetch(server.url + "api/quote", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ date: s.product.quote.date, lines: [{ sku: "SK-LAM-CR-60", qty: 1 }] }),
      })).json();
      assert(canonical(server_quote) === canonical(s.product.quote), `the page's quote is the server's:\n${JSON.stringify(s.product.quote)}\n${JSON.stringify(server_quote)}`);
      assert(s.product.quote.consumption_tax_fen > 0, "high-end cosmetics: consumption tax on one");
      // Its picture, from the catalog's image link, drawn as the file has it.
      s = await waitForState(page, (st) => st.product && st.product.image === "ready", "the product's picture", 10000);
      assert(s.product.imageSize.join("x") === "256x256", "the whole picture: " + s.product.imageSize);
      const file = PNG.sync.read(readFileSync(join(dirname(args["seed-catalog"]), "images", "SK-LAM-CR-60.png")));
      const box = s.widgets["product.image"];
      const shot = PNG.sync.read(await page.screenshot({ clip: { x: box.x, y: box.y, width: box.w, height: box.h } }));
      for (const [fx, fy] of [[0.5, 0.3], [0.5, 0.7], [0.5, 0.82], [0.1, 0.1]]) {
        const a = 4 * (Math.floor(fy * file.height) * file.width + Math.floor(fx * file.width));
        const b = 4 * (Math.floor(fy * shot.height) * shot.width + Math.floor(fx * shot.width));
        const diff = Math.max(...[0, 1, 2].map((c) => Math.abs(file.data[a + c] - shot.data[b + c])));
        assert(diff <= 16, `the picture's pixel at ${fx},${fy}: file ${file.data.slice(a, a + 3).join(",")}, screen ${shot.data.slice(b, b + 3).join(",")}`);
      }
      await page.screenshot({ path: join(args.out, "product-zh-Hans.png") });
      await clickWidget(page, s, "product.add");
      s = await waitForState(page, (st) => st.cart.length === 1 && st.cart[0].sku === "SK-LAM-CR-60", "added from the product page");
      s = await selectLocale(page, "en");
      await page.screenshot({ path: join(args.out, "product-en.png") });
      await clickWidget(page, s, "product.back");
      s = await waitForState(page, (st) => st.screen === "browse", "back to the list");
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await context.close();
    }],
  ];
}

// The checkout journey on a store (startStoreWithCustoms): the web cart becomes an order in the
// database with the tax the shopper saw, paid, declared and released by customs. `shots`
// prefixes the screenshots' names.
async function checkoutJourney(browser, args, store, shots) {
  const { server } = store;
  const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await page.evaluate(() => window.bondstore.firstFrame);
  let s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows[0][STOCK] !== "", "the catalog with stock");
  let shown;
  ({ s, shown } = await goToCheckout(page, s, ["IF-APT-PF3-800", "SK-LAM-CR-60"]));
  await page.screenshot({ path: join(args.out, shots + "checkout-empty-en.png") });

  // A wrong ID number is caught by core in the browser, before anything is sent.
  const fill = async (id, text) => {
    await clickWidget(page, s, "checkout." + id);
    await page.keyboard.down("Control"); // select what is there, then type over it
    await pressKey(page, "a");
    await page.keyboard.up("Control");
    await pressKey(page, "Delete");
    await page.keyboard.type(text, { delay: 5 });
  };
  await fill("buyer_name", "Wang Xiaoming");
  await fill("id_number", "110101199001011234");
  // Core checks the ID number as soon as it is whole, before anything is sent.
  s = await waitForState(page, (st) => (st.formProblems || []).some((p) => p.startsWith("buyer.id_number:")), "the ID number's problem, live");
  assert(!(s.formProblems || []).some((p) => p.startsWith("buyer.phone:")), "no complaint about a field not yet filled: " + s.formProblems);
  await fill("buyer_phone", "13800138000");
  await fill("address", "Chongqing Yubei District, Bonded Port Road 1");
  await fill("district", "500112");
  await clickWidget(page, s, "checkout.place");
  await page.waitForTimeout(300);
  s = await waitForState(page, (st) => st.screen === "checkout", "still the form");
  await page.screenshot({ path: join(args.out, shots + "checkout-wrong-id-en.png") });
  await fill("id_number", "11010519491231002X");
  await clickWidget(page, s, "checkout.place");
  s = await waitForState(page, (st) => st.screen === "order" && st.order && st.order.status === "pending_payment", "the order screen", 15000);
  assert(s.cart.length === 0, "the cart is empty after the order");
  await page.screenshot({ path: join(args.out, shots + "order-pending-en.png") });

  // In the database: the order, its lines with the tax the cart showed, the ID number encrypted.
  const sql = storeSql(store);
  const no = s.order.no;
  assert(sql(`SELECT amount_to_pay_fen FROM orders WHERE order_no = '${no}'`) === String(shown.amount_to_pay_fen), "amount as shown");
  assert(sql(`SELECT tax_total_fen FROM orders WHERE order_no = '${no}'`) === String(shown.tax_total_fen), "tax as shown");
  assert(sql(`SELECT sku || ':' || tax_fen FROM order_lines WHERE order_no = '${no}' ORDER BY line_no`).split("\n").join(",") ===
    shown.lines.map((l) => `${l.sku}:${l.tax_fen}`).join(","), "per-line tax as shown");
  assert(!storedBytes(store).includes("11010519491231002X"), "the ID number is not in the database's bytes in the clear");

  await clickWidget(page, s, "order.pay");
  s = await waitForState(page, (st) => st.order && ["paid", "declared", "released"].includes(st.order.status), "paid through the sandbox", 15000);
  // (The relay may have declared it already, or customs released it: it is paid either way.)
  assert(["paid", "declared", "released"].includes(sql(`SELECT status FROM orders WHERE order_no = '${no}'`)), "paid in the database");
  await page.screenshot({ path: join(args.out, shots + "order-paid-en.png") });

  // The relay sends the order and its inventory list to the single window (the simulator); its
  // receipts come back; the shopper sees customs release it.
  for (let i = 0; i < 40 && s.order.status !== "released"; i++) {
    await clickWidget(page, s, "order.refresh");
    try {
      s = await waitForState(page, (st) => st.order && st.order.status === "released", "released", 500);
    } catch (e) { /* not yet: refresh again */ }
  }
  assert(s.order.status === "released", `released by customs, got ${s.order.status}`);
  assert(sql(`SELECT status FROM order_events WHERE order_no = '${no}' ORDER BY seq`).split("\n").join(",") ===
    "pending_payment,paid,declared,released", "the timeline in the database");
  assert(Number(sql(`SELECT count(*) FROM customs_receipts WHERE order_no = '${no}' AND status = '800'`)) === 1, "the release receipt, stored");
  await page.screenshot({ path: join(args.out, shots + "order-released-en.png") });
  // Customs' answers in the shopper's language.
  await selectLocale(page, "zh-Hans");
  await page.screenshot({ path: join(args.out, shots + "order-released-zh-Hans.png") });
  assert(errors.length === 0, "no page errors: " + errors.join("; "));
  await context.close();
    }

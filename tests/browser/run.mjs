// Browser end-to-end tests. Usage:
//   node run.mjs --server build/native/server/bondstore-server --web-dir build/wasm/web/dist \
//                --seed-catalog assets/catalog/sample.json --out build/artifacts/screenshots \
//                --simulator build/native/server/bondstore-single-window
// The server runs with its single-window relay on, against the simulator.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { assert, canonical, clickWidget, freePort, launchBrowser, openPage, parseArgs, pressKey, runTests, startServer, startSimulator,
  waitFrames, waitForState } from "./harness.mjs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const args = parseArgs(process.argv.slice(2));
for (const k of ["server", "web-dir", "seed-catalog", "out", "simulator"]) {
  if (!args[k]) { console.error(`missing --${k}`); process.exit(2); }
}
import { execFileSync } from "node:child_process";
import jsQR from "jsqr";
import { PNG } from "pngjs";
const sample = JSON.parse(readFileSync(args["seed-catalog"], "utf8"));
const first = sample.products[0];
const locales = JSON.parse(readFileSync(new URL("../../i18n/locales.json", import.meta.url), "utf8"));
// firstRows cells, in reading order whatever the direction: name, brand, size, origin, stock, price,
// SKU (then the approximate price in the display currency, if one is chosen).
const NAME = 0, ORIGIN = 3, STOCK = 4, PRICE = 5, SKU = 6, APPROX = 7;

// The language menu: open it, pick a language, wait for the switch.
async function selectLocale(page, tag) {
  await clickWidget(page, null, "lang.menu");
  await clickWidget(page, null, "lang." + tag);
  return waitForState(page, (st) => st.locale === tag, `the switch to ${tag}`);
}

// Every control the app reports lies inside the canvas, and the top bar's title does not run into
// its controls: what a longer language (en-XA) would break first.
function assertLaidOut(s, where) {
  const { w: width, h: height } = s.viewport;
  for (const [id, r] of Object.entries(s.widgets)) {
    if (id.startsWith("add.") || id.startsWith("open.") || id.startsWith("remove.") || id.startsWith("qty")) continue; // table rows scroll
    assert(r.x >= -0.5 && r.x + r.w <= width + 0.5 && r.y >= -0.5 && r.y + r.h <= height + 0.5,
      `${where}: ${id} ${JSON.stringify(r)} is outside the ${width}×${height} canvas`);
  }
  const title = s.widgets["app.title"], menu = s.widgets["lang.menu"];
  assert(title && menu, `${where}: the top bar is drawn`);
  const controls = ["nav.cart", "currency.menu", "lang.menu", "display.menu"].filter((id) => s.widgets[id]).map((id) => s.widgets[id]);
  const overlap = s.rtl ? title.x < Math.max(...controls.map((c) => c.x + c.w)) : title.x + title.w > Math.min(...controls.map((c) => c.x));
  assert(!overlap, `${where}: the title runs into the controls`);
}

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

const tests = [
  ["the catalog shows in Chinese, then in English after a click on the language switch", async () => {
    const { context, page, errors } = await openPage(browser, { locale: "zh-CN", viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    const firstFrameMs = await page.evaluate(() => window.bondstore.firstFrame);
    assert(firstFrameMs > 0, "first frame signalled");

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

  ["every screen in all nine locales from one switch; Arabic right to left", async () => {
    const { context, page, errors } = await openPage(browser, { locale: "zh-CN", viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.evaluate(() => window.bondstore.firstFrame);
    let s = await waitForState(page, (st) => st.screen === "browse", "the catalog screen");
    await clickWidget(page, s, "add." + first.sku);
    s = await waitForState(page, (st) => st.cart.length === 1, "an item in the cart");
    const prices = new Set();
    for (const { tag, rtl } of locales.locales) {
      if (s.screen !== "browse") { await clickWidget(page, s, "nav.browse"); s = await waitForState(page, (st) => st.screen === "browse", "browse"); }
      s = tag === s.locale ? s : await selectLocale(page, tag);
      assert(s.rtl === !!rtl, `${tag}: direction ${s.rtl ? "rtl" : "ltr"}`);
      assert(s.productCount === sample.products.length, `${tag}: the whole catalog`);
      assert(s.firstRows[0][PRICE].length > 0 && s.firstRows[0][ORIGIN].length > 0, `${tag}: price and origin shown`);
      prices.add(s.firstRows[0][PRICE]);
      assertLaidOut(s, `${tag} browse`);
      await page.screenshot({ path: join(args.out, `locale-${tag}-browse.png`) });
      await clickWidget(page, s, "nav.cart");
      s = await waitForState(page, (st) => st.screen === "cart" && st.quote, `${tag}: the cart`);
      assertLaidOut(s, `${tag} cart`);
      await page.screenshot({ path: join(args.out, `locale-${tag}-cart.png`) });
    }
    assert(prices.size >= 5, `prices are formatted per locale: ${[...prices].join(" | ")}`);

    // Arabic mirrors the layout: the language menu moves to the left, the search box to the right.
    s = await selectLocale(page, "ar");
    await clickWidget(page, s, "nav.browse");
    s = await waitForState(page, (st) => st.screen === "browse" && st.locale === "ar", "Arabic browse");
    assert(s.widgets["lang.menu"].x < s.viewport.w / 2, "ar: the controls are on the left");
    assert(s.widgets["app.title"].x > s.viewport.w / 2, "ar: the title is on the right");
    assert(s.widgets["search.box"].x > s.viewport.w / 2, "ar: the search box starts on the right");
    await page.screenshot({ path: join(args.out, "rtl-ar-browse.png") });
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
    const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
    await page.goto(server.url);
    await page.evaluate(() => window.bondstore.firstFrame);
    let s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows[0][STOCK] !== "", "the catalog with stock");
    for (const sku of ["IF-APT-PF3-800", "SK-LAM-CR-60"]) {
      await clickWidget(page, s, "add." + sku);
      s = await waitForState(page, (st) => st.cart.some((l) => l.sku === sku), `${sku} in the cart`);
    }
    await clickWidget(page, s, "nav.cart");
    s = await waitForState(page, (st) => st.screen === "cart" && st.quote, "the cart");
    const shown = s.quote;
    await clickWidget(page, s, "cart.checkout");
    s = await waitForState(page, (st) => st.screen === "checkout", "the checkout form");
    await page.screenshot({ path: join(args.out, "checkout-empty-en.png") });

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
    await page.screenshot({ path: join(args.out, "checkout-wrong-id-en.png") });
    await fill("id_number", "11010519491231002X");
    await clickWidget(page, s, "checkout.place");
    s = await waitForState(page, (st) => st.screen === "order" && st.order && st.order.status === "pending_payment", "the order screen", 15000);
    assert(s.cart.length === 0, "the cart is empty after the order");
    await page.screenshot({ path: join(args.out, "order-pending-en.png") });

    // In the database: the order, its lines with the tax the cart showed, the ID number encrypted.
    const db = join(server.dataDir, "bondstore.db");
    const sql = (q) => execFileSync("/usr/bin/sqlite3", ["-readonly", db, q], { encoding: "utf8" }).trim();
    const no = s.order.no;
    assert(sql(`SELECT amount_to_pay_fen FROM orders WHERE order_no = '${no}'`) === String(shown.amount_to_pay_fen), "amount as shown");
    assert(sql(`SELECT tax_total_fen FROM orders WHERE order_no = '${no}'`) === String(shown.tax_total_fen), "tax as shown");
    assert(sql(`SELECT group_concat(sku || ':' || tax_fen, ',') FROM (SELECT sku, tax_fen FROM order_lines WHERE order_no = '${no}' ORDER BY line_no)`) ===
      shown.lines.map((l) => `${l.sku}:${l.tax_fen}`).join(","), "per-line tax as shown");
    assert(!readFileSync(db).includes("11010519491231002X"), "the ID number is not in the database file in the clear");

    await clickWidget(page, s, "order.pay");
    s = await waitForState(page, (st) => st.order && ["paid", "declared", "released"].includes(st.order.status), "paid through the sandbox", 15000);
    // (The relay may have declared it already, or customs released it: it is paid either way.)
    assert(["paid", "declared", "released"].includes(sql(`SELECT status FROM orders WHERE order_no = '${no}'`)), "paid in the database");
    await page.screenshot({ path: join(args.out, "order-paid-en.png") });

    // The relay sends the order and its inventory list to the single window (the simulator); its
    // receipts come back; the shopper sees customs release it.
    for (let i = 0; i < 40 && s.order.status !== "released"; i++) {
      await clickWidget(page, s, "order.refresh");
      try {
        s = await waitForState(page, (st) => st.order && st.order.status === "released", "released", 500);
      } catch (e) { /* not yet: refresh again */ }
    }
    assert(s.order.status === "released", `released by customs, got ${s.order.status}`);
    assert(sql(`SELECT group_concat(status, ',') FROM (SELECT status FROM order_events WHERE order_no = '${no}' ORDER BY seq)`) ===
      "pending_payment,paid,declared,released", "the timeline in the database");
    assert(Number(sql(`SELECT count(*) FROM customs_receipts WHERE order_no = '${no}' AND status = '800'`)) === 1, "the release receipt, stored");
    await page.screenshot({ path: join(args.out, "order-released-en.png") });
    // Customs' answers in the shopper's language.
    await selectLocale(page, "zh-Hans");
    await page.screenshot({ path: join(args.out, "order-released-zh-Hans.png") });
    assert(errors.length === 0, "no page errors: " + errors.join("; "));
    await context.close();
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
    await clickWidget(page, s, "add." + sku);
    s = await waitForState(page, (st) => st.cart.length === 1, "in the cart");
    await clickWidget(page, s, "nav.cart");
    s = await waitForState(page, (st) => st.screen === "cart" && st.quote, "the cart");
    const shown = s.quote;
    await clickWidget(page, s, "cart.checkout");
    s = await waitForState(page, (st) => st.screen === "checkout", "the checkout form");
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

  ["an outage loses nothing: the kept catalog starts the app offline, an order waits on the device with its idempotency key, and is delivered once when the server is back", async () => {
    // A store of its own, on a fixed port and data directory, so that it can go away and come back
    // at the same origin (the service worker and IndexedDB belong to the origin).
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "bondstore-offline-"));
    const start = () => startServer({ server: args.server, webDir: args["web-dir"], seedCatalog: args["seed-catalog"], dataDir: dir,
      extraArgs: ["--port", String(port)] });
    let store = await start();
    const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
    await page.goto(store.url);
    await page.evaluate(() => window.bondstore.firstFrame);
    let s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows[0][STOCK] !== "", "the catalog with stock");
    assert(!s.offline, "online at first");
    // The service worker has the app shell once it is installed.
    await page.waitForFunction(async () => {
      if (!navigator.serviceWorker.controller) return false;
      return (await (await caches.open("bondstore-shell")).keys()).length >= 6;
    }, null, { timeout: 15000, polling: 200 });

    await store.stop();
    await page.reload();
    await page.evaluate(() => window.bondstore.firstFrame);
    s = await waitForState(page, (st) => st.screen === "browse" && st.offline && st.firstRows.length > 0 && st.firstRows[0][STOCK] !== "",
      "the kept catalog and stock, offline", 15000);
    assert(s.productCount === sample.products.length, `the whole kept catalog, got ${s.productCount}`);
    assert(s.widgets["offline.badge"], "the offline badge is shown");
    await page.screenshot({ path: join(args.out, "offline-browse-en.png") });

    await clickWidget(page, s, "add.SK-LAM-CR-60");
    s = await waitForState(page, (st) => st.cart.length === 1, "in the cart");
    await clickWidget(page, s, "nav.cart");
    s = await waitForState(page, (st) => st.screen === "cart" && st.quote, "the cart, quoted by core offline");
    const shown = s.quote;
    await clickWidget(page, s, "cart.checkout");
    s = await waitForState(page, (st) => st.screen === "checkout", "the checkout form");
    for (const [id, text] of [["buyer_name", "Li Hua"], ["id_number", "11010519491231002X"], ["buyer_phone", "13800138000"],
                              ["address", "Chongqing Yubei District, Bonded Port Road 1"], ["district", "500112"]]) {
      await clickWidget(page, s, "checkout." + id);
      await page.keyboard.type(text, { delay: 5 });
    }
    await clickWidget(page, s, "checkout.place");
    s = await waitForState(page, (st) => st.screen === "order" && st.order && st.order.status === "queued" && st.outbox === 1,
      "the order waiting to be confirmed");
    assert(s.cart.length === 0, "the cart is the queued order now");
    await page.screenshot({ path: join(args.out, "offline-order-waiting-en.png") });
    const outbox = () => page.evaluate(() => new Promise((done) => {
      const open = indexedDB.open("bondstore");
      open.onsuccess = () => {
        const store = open.result.transaction("outbox").objectStore("outbox");
        const keys = store.getAllKeys(), values = store.getAll();
        values.onsuccess = () => { open.result.close(); done(keys.result.map((k, i) => [k, JSON.parse(values.result[i]).body])); };
      };
    }));
    const kept = await outbox();
    assert(kept.length === 1 && /^[0-9a-f]{32}$/.test(kept[0][0]), "kept in IndexedDB under its idempotency key: " + JSON.stringify(kept));
    const [key, body] = kept[0];
    assert(JSON.parse(body).expected_total_fen === shown.amount_to_pay_fen || body.includes(String(shown.amount_to_pay_fen)),
      "with the total the shopper saw: " + body);

    // Still there after the page is closed and opened again, offline.
    await page.reload();
    await page.evaluate(() => window.bondstore.firstFrame);
    s = await waitForState(page, (st) => st.screen === "order" && st.order && st.order.status === "queued" && st.outbox === 1,
      "the waiting order after a reload");

    // The server comes back: the order is sent with its key, once, and the shopper sees it placed.
    store = await start();
    s = await waitForState(page, (st) => st.screen === "order" && st.order && st.order.status === "pending_payment" && st.outbox === 0,
      "the order confirmed by the server", 20000);
    assert(!s.offline, "online again");
    assert((await outbox()).length === 0, "the outbox is empty once the server has the order");
    const sql = (q) => execFileSync("/usr/bin/sqlite3", ["-readonly", join(dir, "bondstore.db"), q], { encoding: "utf8" }).trim();
    assert(sql("SELECT count(*) FROM orders") === "1", "exactly one order in the store");
    assert(sql(`SELECT amount_to_pay_fen FROM orders WHERE order_no = '${s.order.no}'`) === String(shown.amount_to_pay_fen),
      "the amount the shopper saw offline");
    await page.screenshot({ path: join(args.out, "offline-order-delivered-en.png") });
    // A second delivery of the same key (a retry after a lost answer) is the same order, not another.
    const again = await fetch(store.url + "api/orders", { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": key }, body });
    assert(again.status === 201 && (await again.json()).order_no === s.order.no, `the same order again, got ${again.status}`);
    assert(sql("SELECT count(*) FROM orders") === "1", "still one order");
    assert(errors.length === 0, "no page errors: " + errors.join("; "));
    await context.close();
    await store.stop();
  }],

  ["a kiosk forgets its shopper: an idle warning with 20 s to continue, then cart, buyer data and browser storage wiped", async () => {
    // (Landscape: the portrait kiosk layout is issue 8's.)
    const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
    await page.goto(server.url + "?kiosk=1&idle=8"); // idle after 8 s (a real kiosk: 90 s); the warning lasts 20 s
    let s = await waitForState(page, (st) => st.screen === "attract" && st.kiosk.on, "the attract screen", 15000);
    await page.screenshot({ path: join(args.out, "kiosk-attract-en.png") });
    await clickWidget(page, s, "kiosk.start");
    s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows[0][STOCK] !== "", "browsing");
    // A shopper: a product in the cart, their name and ID number typed, a language of their own.
    await clickWidget(page, s, "add.IF-APT-PF3-800");
    s = await waitForState(page, (st) => st.cart.length === 1, "the product in the cart");
    await clickWidget(page, s, "nav.cart");
    s = await waitForState(page, (st) => st.screen === "cart", "the cart");
    await clickWidget(page, s, "cart.checkout");
    s = await waitForState(page, (st) => st.screen === "checkout", "the checkout form");
    await clickWidget(page, s, "checkout.buyer_name");
    await page.keyboard.type("Wang Xiaoming", { delay: 5 });
    await clickWidget(page, s, "checkout.id_number");
    await page.keyboard.type("11010519491231002X", { delay: 5 });
    s = await waitForState(page, (st) => st.buyerData.includes("11010519491231002X"), "the ID number typed");
    s = await selectLocale(page, "ja");
    // A shared screen keeps nothing of its shopper in the browser: not even their language.
    assert(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("bondstore.")).length) === 0,
      "a kiosk writes nothing to localStorage");

    // They walk away: after the idle time, a warning with at least 20 s to continue.
    s = await waitForState(page, (st) => st.kiosk.idleWarning > 0, "the idle warning", 15000);
    assert(s.kiosk.idleWarning >= 19, `at least 20 s to continue, got ${s.kiosk.idleWarning}`);
    await page.screenshot({ path: join(args.out, "kiosk-idle-warning-ja.png") });
    await clickWidget(page, s, "kiosk.continue");
    s = await waitForState(page, (st) => st.kiosk.idleWarning === -1, "the warning dismissed");
    assert(s.buyerData.includes("11010519491231002X") && s.cart.length === 1, "continuing keeps the session");

    // Then gone for good: the kiosk wipes everything and shows the attract screen.
    s = await waitForState(page, (st) => st.kiosk.wipes === 1 && st.screen === "attract", "the wipe", 40000);
    assert(s.cart.length === 0, "the cart is empty");
    assert(s.buyerData === "", "no buyer data in the app: " + s.buyerData);
    const stored = await page.evaluate(async () => ({
      local: Object.keys(localStorage).filter((k) => k.startsWith("bondstore.")),
      session: Object.keys(sessionStorage).filter((k) => k.startsWith("bondstore.")),
      // Every record of every IndexedDB database, as text: the kept catalog may stay (it is the
      // store's), the outbox must be empty, and no record may hold the shopper's data. (Emscripten's
      // fetch library opens a database of its own, "emscripten_filesystem".)
      idb: await Promise.all((indexedDB.databases ? await indexedDB.databases() : []).map((d) => new Promise((done) => {
        const open = indexedDB.open(d.name);
        open.onerror = () => done({ name: d.name, stores: null });
        open.onsuccess = () => {
          const db = open.result, names = Array.from(db.objectStoreNames);
          if (names.length === 0) { db.close(); return done({ name: d.name, stores: {} }); }
          const tx = db.transaction(names, "readonly"), stores = {};
          let left = names.length;
          for (const n of names) tx.objectStore(n).getAll().onsuccess = (e) => {
            stores[n] = e.target.result.map((v) => typeof v === "string" ? v : JSON.stringify(v));
            if (--left === 0) { db.close(); done({ name: d.name, stores }); }
          };
        };
      }))),
    }));
    assert(stored.local.length === 0 && stored.session.length === 0, "browser storage forgotten: " + JSON.stringify(stored));
    const records = stored.idb.flatMap((d) => Object.entries(d.stores || {}).flatMap(([n, vs]) => vs.map((v) => [d.name + "/" + n, v])));
    assert(stored.idb.every((d) => d.stores) && !records.some(([where]) => where.endsWith("/outbox")) ,
      "no queued orders in IndexedDB: " + records.map(([w]) => w).join(", "));
    const leaked = records.filter(([, v]) => ["11010519491231002X", "Wang Xiaoming"].some((x) => v.includes(x)));
    assert(leaked.length === 0, "no buyer data in IndexedDB: " + leaked.map(([w]) => w).join(", "));
    s = await waitForState(page, (st) => st.locale === "en", "the next shopper's language is the browser's");
    await page.screenshot({ path: join(args.out, "kiosk-after-wipe-en.png") });
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

  ["a portrait touch kiosk: every control at least 44 × 44 CSS px, drag to scroll with inertia, a drag over a button does not press it", async () => {
    const { context, page, errors } = await openPage(browser, { locale: "zh-CN", viewport: { width: 1080, height: 1920 } });
    await page.goto(server.url + "?kiosk=1");
    let s = await waitForState(page, (st) => st.screen === "attract", "the attract screen", 15000);
    await page.screenshot({ path: join(args.out, "kiosk-portrait-attract-zh-Hans.png") });
    await clickWidget(page, s, "kiosk.start");
    s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows.length > 0 && st.firstRows[0][STOCK] !== "", "browsing");
    await waitFrames(page, 3);
    s = await page.evaluate(() => window.bondstore.state());
    assertLaidOut(s, "portrait kiosk browse");
    // (A combo's own rect reads as empty while its popup is open: ImGui's last item is then the popup.)
    const small = (st) => Object.entries(st.widgets).filter(([id, r]) => !["app.title", "offline.badge"].includes(id) && r.h > 0 &&
      (r.w < 43.5 || r.h < 43.5) && r.y + r.h <= st.viewport.h && r.y >= 0);
    assert(small(s).length === 0, "touch targets under 44 px: " + JSON.stringify(small(s)));
    await page.screenshot({ path: join(args.out, "kiosk-portrait-browse-zh-Hans.png") });
    await clickWidget(page, s, "lang.menu");
    await waitFrames(page, 3);
    s = await page.evaluate(() => window.bondstore.state());
    assert(Object.keys(s.widgets).filter((id) => id.startsWith("lang.") && id !== "lang.menu").length >= 9, "the language menu is open");
    assert(small(s).length === 0, "menu items under 44 px: " + JSON.stringify(small(s)));
    await page.screenshot({ path: join(args.out, "kiosk-portrait-language-menu-zh-Hans.png") });
    await pressKey(page, "Escape");

    // No keyboard on a kiosk: the search box brings up an on-screen one (Latin, for pinyin).
    await clickWidget(page, s, "search.box");
    s = await waitForState(page, (st) => st.keyboard === "latin" && st.widgets["osk.n"], "the on-screen keyboard");
    for (const key of ["n", "f", "x"]) await clickWidget(page, s, "osk." + key);
    s = await waitForState(page, (st) => st.search.text === "nfx", "typed on the screen");
    await clickWidget(page, s, "osk.backspace");
    s = await waitForState(page, (st) => st.search.text === "nf" && st.search.total >= 5, "a key taken back: the formulas");
    await page.screenshot({ path: join(args.out, "kiosk-portrait-keyboard-zh-Hans.png") });
    assert(small(s).length === 0, "keys under 44 px: " + JSON.stringify(small(s)));
    await clickWidget(page, s, "osk.done");
    s = await waitForState(page, (st) => st.keyboard === "", "the keyboard put away");
    await clickWidget(page, s, "search.box");
    s = await waitForState(page, (st) => st.keyboard === "latin", "the keyboard again");
    await clickWidget(page, s, "osk.backspace");
    await clickWidget(page, s, "osk.backspace");
    await clickWidget(page, s, "osk.done");
    s = await waitForState(page, (st) => st.search.text === "" && st.keyboard === "", "the search cleared");

    // A slow drag that starts on an "add" button scrolls the list and adds nothing.
    s = await waitForState(page, (st) => st.listScroll === 0, "the list at the top");
    const add = s.widgets[`add.${s.firstRows[2][SKU]}`];
    await page.mouse.move(add.x + add.w / 2, add.y + add.h / 2);
    await waitFrames(page, 1);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) { await page.mouse.move(add.x + add.w / 2, add.y + add.h / 2 - 30 * k); await waitFrames(page, 1); }
    await page.mouse.up();
    await waitFrames(page, 2);
    s = await page.evaluate(() => window.bondstore.state());
    assert(s.listScroll > 150, `the list follows the finger, scrolled ${s.listScroll}`);
    assert(s.cart.length === 0, "a drag is not a tap: nothing added");
    // A flick (back up: the sample's list is only a little taller than the screen) keeps the list
    // moving after the finger lifts, slowing down to a stop.
    const before = s.listScroll;
    await page.mouse.move(540, 1000);
    await waitFrames(page, 1);
    await page.mouse.down();
    // A finger reports a move every 16 ms or so; a flick lifts while still moving.
    for (let k = 1; k <= 8; k++) { await page.mouse.move(540, 1000 + 30 * k); await page.waitForTimeout(16); }
    await page.mouse.up();
    // The finger moved the list 240 px; coasting takes it further (to the top here), over a few
    // frames, then it stops.
    await page.waitForTimeout(1500);
    const stopped = (await page.evaluate(() => window.bondstore.state())).listScroll;
    assert(stopped < before - 240 - 20, `it coasts after the lift: from ${before}, the finger alone would leave ${before - 240}, got ${stopped}`);
    await waitFrames(page, 5);
    assert((await page.evaluate(() => window.bondstore.state())).listScroll === stopped, "and then stops");

    // A tap still adds; the cart and checkout in portrait, with touch-sized controls.
    s = await page.evaluate(() => window.bondstore.state());
    const addable = Object.keys(s.widgets).find((id) => id.startsWith("add.") && s.widgets[id].y > 200 && s.widgets[id].y < 1700);
    await clickWidget(page, s, addable);
    s = await waitForState(page, (st) => st.cart.length === 1, "a tap adds to the cart");
    await clickWidget(page, s, "nav.cart");
    s = await waitForState(page, (st) => st.screen === "cart" && st.quote, "the cart");
    await waitFrames(page, 3);
    s = await page.evaluate(() => window.bondstore.state());
    assert(small(s).length === 0, "cart controls under 44 px: " + JSON.stringify(small(s)));
    await page.screenshot({ path: join(args.out, "kiosk-portrait-cart-zh-Hans.png") });

    // "Continue on your phone": the cart as a QR code; a phone's camera reads the link, and the
    // store opens there with the same cart.
    const cartLines = s.cart;
    await clickWidget(page, s, "cart.handoff");
    s = await waitForState(page, (st) => st.handoff && st.widgets["handoff.qr"], "the QR code");
    const qrRect = s.widgets["handoff.qr"];
    await page.screenshot({ path: join(args.out, "kiosk-portrait-handoff-zh-Hans.png") });
    const png = PNG.sync.read(await page.screenshot({ clip: { x: qrRect.x, y: qrRect.y, width: qrRect.w, height: qrRect.h } }));
    const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    assert(read && read.data === s.handoff.url, `the code reads as the link: ${read && read.data} vs ${s.handoff.url}`);
    assert(/\?cart=[^&]+\*1$/.test(read.data) && !/11010519491231002X/.test(read.data), "products and quantities only: " + read.data);
    const phone = await openPage(browser, { locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.page.goto(read.data);
    let p = await waitForState(phone.page, (st) => st.screen === "cart" && st.cart.length === cartLines.length, "the cart on the phone", 15000);
    assert(canonical(p.cart) === canonical(cartLines), `the same cart: ${JSON.stringify(p.cart)} vs ${JSON.stringify(cartLines)}`);
    assert(!(await phone.page.evaluate(() => location.search)).includes("cart="), "the link leaves the address bar");
    await phone.page.screenshot({ path: join(args.out, "phone-handoff-cart-zh-Hans.png") });
    assert(phone.errors.length === 0, "no page errors on the phone: " + phone.errors.join("; "));
    await phone.context.close();
    await clickWidget(page, s, "handoff.close");
    s = await waitForState(page, (st) => !st.handoff, "the code put away");
    await clickWidget(page, s, "cart.checkout");
    s = await waitForState(page, (st) => st.screen === "checkout", "the checkout form");
    await waitFrames(page, 3);
    s = await page.evaluate(() => window.bondstore.state());
    assert(small(s).length === 0, "checkout controls under 44 px: " + JSON.stringify(small(s)));
    await page.screenshot({ path: join(args.out, "kiosk-portrait-checkout-zh-Hans.png") });
    // The ID number field brings up digits (and X).
    await clickWidget(page, s, "checkout.id_number");
    s = await waitForState(page, (st) => st.keyboard === "digits" && st.widgets["osk.X"], "the digit keyboard");
    for (const key of "11010519491231002X") await clickWidget(page, s, "osk." + key);
    s = await waitForState(page, (st) => st.buyerData.includes("11010519491231002X"), "the ID number typed on the screen");
    await page.screenshot({ path: join(args.out, "kiosk-portrait-digit-keyboard-zh-Hans.png") });
    await clickWidget(page, s, "osk.done");
    assert(errors.length === 0, "no page errors: " + errors.join("; "));
    await context.close();
  }],

  ["high-DPI, text size and high contrast: a 2× screen draws at full resolution, larger text grows every control, high contrast is remembered", async () => {
    const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
    await page.goto(server.url);
    await page.evaluate(() => window.bondstore.firstFrame);
    let s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows.length > 0, "the catalog");
    assert(s.viewport.dpr === 2 && s.viewport.w === 1280, `CSS size 1280 at 2 device pixels each: ${JSON.stringify(s.viewport)}`);
    assert(await page.evaluate(() => document.getElementById("canvas").width) === 2560, "the canvas has a pixel per device pixel");
    assert(s.atlas.h >= 1024, `glyphs rasterised at twice the size: atlas ${s.atlas.w}×${s.atlas.h}`);
    await page.screenshot({ path: join(args.out, "browse-hidpi-en.png") });
    await clickWidget(page, s, "add.SK-LAM-CR-60"); // clicks land where the page says the control is
    s = await waitForState(page, (st) => st.cart.length === 1, "added with a click at 2×");
    const boxHeight = s.widgets["search.box"].h;
    await clickWidget(page, s, "display.menu");
    await clickWidget(page, s, "display.text_largest");
    s = await waitForState(page, (st) => st.widgets["search.box"] && st.widgets["search.box"].h > boxHeight * 1.3, "larger text, larger controls");
    assertLaidOut(s, "largest text");
    await page.screenshot({ path: join(args.out, "browse-largest-text-en.png") });
    await clickWidget(page, s, "display.menu");
    await clickWidget(page, s, "display.high_contrast");
    await waitFrames(page, 3);
    await page.screenshot({ path: join(args.out, "browse-high-contrast-en.png") });
    // Remembered for this shopper (not on a kiosk: see the kiosk test).
    await page.reload();
    await page.evaluate(() => window.bondstore.firstFrame);
    s = await waitForState(page, (st) => st.screen === "browse", "reloaded");
    await waitFrames(page, 3);
    s = await page.evaluate(() => window.bondstore.state());
    assert(s.widgets["search.box"].h > boxHeight * 1.3, "the text size is remembered");
    assert(await page.evaluate(() => localStorage.getItem("bondstore.contrast")) === "high", "high contrast is remembered");
    // Keyboard navigation: Tab moves between the controls (ImGui's keyboard navigation).
    await clickWidget(page, s, "search.box");
    await page.keyboard.type("lamer", { delay: 20 });
    s = await waitForState(page, (st) => st.search.text === "lamer", "typed");
    assert(errors.length === 0, "no page errors: " + errors.join("; "));
    await context.close();
  }],

  ["the merchant screen: token sign-in, a file with a bad row checked by core in the browser, the fixed file uploaded with progress, stock and sales charts", async () => {
    const admin = join(dirname(args.server), "bondstore-admin");
    const token = execFileSync(admin, ["tokens", "create", "--merchant", "demo", "--data-dir", server.dataDir], { encoding: "utf8" }).split("\n")[0];
    assert(token.startsWith("bst_"), "a token from the CLI");
    const header = "Handle,Title,Variant SKU,Variant Price,HS (product.metafields.customs.hs_code)," +
      "Origin (product.metafields.customs.origin_country),Unit (product.metafields.customs.unit)," +
      "Qty (product.metafields.customs.legal_qty),Chinese (product.metafields.customs.title_zh)\n";
    const row = (sku, hs) => `${sku}-h,Butter biscuits ${sku},${sku},32.00,${hs},BE,125,250 g,黄油饼干 ${sku}\n`;
    const dir = mkdtempSync(join(tmpdir(), "bondstore-merchant-"));
    const bad = join(dir, "biscuits-bad.csv"), good = join(dir, "biscuits.csv");
    writeFileSync(bad, header + row("E2E-BIS-1", "1905310000") + row("E2E-BIS-2", "19053"));
    writeFileSync(good, header + row("E2E-BIS-1", "1905310000") + row("E2E-BIS-2", "1905310000"));

    const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
    await page.goto(server.url + "merchant");
    let s = await waitForState(page, (st) => st.screen === "merchant-sign-in", "the sign-in", 15000);
    await page.screenshot({ path: join(args.out, "merchant-sign-in-en.png") });
    await clickWidget(page, s, "merchant.token");
    await page.keyboard.type("bst_wrong", { delay: 2 });
    await pressKey(page, "Enter");
    await page.waitForTimeout(500);
    s = await waitForState(page, (st) => st.screen === "merchant-sign-in", "still signed out with a wrong token");
    await clickWidget(page, s, "merchant.token");
    await page.keyboard.down("Control"); await pressKey(page, "a"); await page.keyboard.up("Control");
    await page.keyboard.type(token, { delay: 2 });
    await clickWidget(page, s, "merchant.sign_in");
    s = await waitForState(page, (st) => st.screen === "merchant" && st.merchant.id === "demo", "signed in");

    // A file with a bad row: core's report, row by row, before anything is sent.
    const before = (await (await fetch(server.url + "api/catalog")).json()).products.length;
    let chooser = page.waitForEvent("filechooser");
    await clickWidget(page, s, "merchant.choose_file");
    await (await chooser).setFiles(bad);
    s = await waitForState(page, (st) => st.merchant.check[1] === 1, "the file checked");
    assert(s.merchant.check[0] === 1 && s.merchant.check[2] === 1, "one valid, one rejected: " + JSON.stringify(s.merchant.check));
    assert(s.merchant.problems.some((p) => p.startsWith("3:catalog.hs_code")), "the bad row is named, by its row: " + s.merchant.problems);
    await page.screenshot({ path: join(args.out, "merchant-check-bad-row-en.png") });
    await clickWidget(page, s, "merchant.upload"); // disabled: nothing may be sent
    await page.waitForTimeout(300);
    assert((await (await fetch(server.url + "api/catalog")).json()).products.length === before, "nothing was sent");

    // The fixed file, dropped on the page, then uploaded.
    await page.evaluate(async (text) => {
      const t = new DataTransfer();
      t.items.add(new File([text], "biscuits.csv", { type: "text/csv" }));
      window.dispatchEvent(new DragEvent("drop", { dataTransfer: t, bubbles: true, cancelable: true }));
    }, readFileSync(good, "utf8"));
    s = await waitForState(page, (st) => st.merchant.check[0] === 2 && st.merchant.check[2] === 0, "the dropped file checked clean");
    await clickWidget(page, s, "merchant.upload");
    s = await waitForState(page, (st) => st.merchant.uploadStatus === 200, "uploaded", 15000);
    await page.screenshot({ path: join(args.out, "merchant-uploaded-en.png") });
    const skus = (await (await fetch(server.url + "api/catalog")).json()).products.map((p) => p.sku);
    assert(skus.includes("E2E-BIS-1") && skus.includes("E2E-BIS-2"), "both products published");

    await clickWidget(page, s, "merchant.tab_stock");
    s = await waitForState(page, (st) => st.merchant.products > 2, "the stock table");
    await page.screenshot({ path: join(args.out, "merchant-stock-en.png") });
    // A shopper's order of one of the merchant's products (through the API), then the charts.
    const quote = await (await fetch(server.url + "api/quote", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ lines: [{ sku: "IF-APT-PF3-800", qty: 1 }] }) })).json();
    const placed = await fetch(server.url + "api/orders", { method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": "e2e-merchant-" + Date.now() },
      body: JSON.stringify({ lines: [{ sku: "IF-APT-PF3-800", qty: 1 }], buyer: { name: "Li Hua", id_number: "11010519491231002X", phone: "13800138000" },
        consignee: { name: "Li Hua", phone: "13800138000", address: "Chongqing Yubei District, Bonded Port Road 1", district: "500112" },
        freight_fen: 0, expected_total_fen: quote.amount_to_pay_fen }) });
    assert(placed.status === 201, `an order placed: ${placed.status} ${await placed.text()}`);
    await clickWidget(page, s, "merchant.tab_sales");
    s = await waitForState(page, (st) => st.merchant.days === 30 && st.widgets["merchant.chart##orders"] && st.merchant.orders >= 1,
      "the charts, with the order");
    await page.screenshot({ path: join(args.out, "merchant-sales-en.png") });
    await selectLocale(page, "zh-Hans");
    await page.screenshot({ path: join(args.out, "merchant-sales-zh-Hans.png") });
    assert(errors.length === 0, "no page errors: " + errors.join("; "));
    await context.close();
  }],

  ["pseudo-locales: en-XA screenshots of every screen lay out cleanly; ar-XB mirrors", async () => {
    const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 800 } });
    await page.goto(server.url + "?pseudo=1");
    await page.evaluate(() => window.bondstore.firstFrame);
    let s = await waitForState(page, (st) => st.screen === "browse", "the catalog screen");
    s = await selectLocale(page, "en-XA");
    assert(s.firstRows.length > 0, "products listed");
    assertLaidOut(s, "en-XA browse");
    await page.screenshot({ path: join(args.out, "pseudo-en-XA-browse.png") });
    await clickWidget(page, s, "search.category");
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(args.out, "pseudo-en-XA-browse-category-menu.png") });
    await pressKey(page, "Escape");
    for (const sku of ["IF-APT-PF3-800", "SK-LAM-CR-60"]) {
      await clickWidget(page, s, "add." + sku);
      s = await waitForState(page, (st) => st.cart.some((l) => l.sku === sku), `${sku} in the cart`);
    }
    await clickWidget(page, s, "nav.cart");
    s = await waitForState(page, (st) => st.screen === "cart" && st.quote, "the cart");
    assertLaidOut(s, "en-XA cart");
    await page.screenshot({ path: join(args.out, "pseudo-en-XA-cart.png") });
    await clickWidget(page, s, "cart.why");
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(args.out, "pseudo-en-XA-cart-why.png") });
    await clickWidget(page, s, "remove.IF-APT-PF3-800");
    await clickWidget(page, s, "remove.SK-LAM-CR-60");
    s = await waitForState(page, (st) => st.cart.length === 0, "an empty cart");
    assertLaidOut(s, "en-XA empty cart");
    await page.screenshot({ path: join(args.out, "pseudo-en-XA-cart-empty.png") });

    s = await selectLocale(page, "ar-XB");
    assert(s.rtl, "ar-XB is laid out right to left");
    assertLaidOut(s, "ar-XB cart");
    await page.screenshot({ path: join(args.out, "pseudo-ar-XB-cart.png") });
    // A pseudo-locale is for testing: it is not remembered as the shopper's language.
    await page.goto(server.url);
    s = await waitForState(page, (st) => st.screen === "browse", "reloaded");
    assert(s.locale === "en", `the pseudo-locale is not remembered: back to en, got ${s.locale}`);
    assert(errors.length === 0, "no page errors: " + errors.join("; "));
    await context.close();
  }],
];

// --only TEXT: the tests whose name contains TEXT.
const failed = await runTests(args.only ? tests.filter(([name]) => name.includes(args.only)) : tests, { out: args.out });
await browser.close();
await server.stop();
await simulator.stop();
process.exit(failed ? 1 : 0);

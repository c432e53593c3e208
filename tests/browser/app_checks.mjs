// Checks of the Bondstore app shared by the browser tests: the product list's cells, the language
// switch, and layout.
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { assert, clickWidget, openPage, waitForState } from "./harness.mjs";

// firstRows cells, in reading order whatever the direction: name, brand, size, origin, stock, price,
// SKU (then the approximate price in the display currency, if one is chosen).
export const NAME = 0, ORIGIN = 3, STOCK = 4, PRICE = 5, SKU = 6, APPROX = 7;

// The language menu: open it, pick a language, wait for the switch.
export async function selectLocale(page, tag) {
  await clickWidget(page, null, "lang.menu");
  await clickWidget(page, null, "lang." + tag);
  return waitForState(page, (st) => st.locale === tag, `the switch to ${tag}`);
}

// Every control the app reports lies inside the canvas, and the top bar's title does not run into
// its controls: what a longer language (en-XA) would break first.
export function assertLaidOut(s, where) {
  const { w: width, h: height } = s.viewport;
  for (const [id, r] of Object.entries(s.widgets)) {
    if (id.startsWith("add.") || id.startsWith("open.") || id.startsWith("remove.") || id.startsWith("qty")) continue; // table rows scroll
    if (id.startsWith("home.category.")) continue; // (more than two rows of them scroll sideways in one)
    assert(r.x >= -0.5 && r.x + r.w <= width + 0.5 && r.y >= -0.5 && r.y + r.h <= height + 0.5,
      `${where}: ${id} ${JSON.stringify(r)} is outside the ${width}×${height} canvas`);
  }
  const title = s.widgets["app.title"], menu = s.widgets["lang.menu"];
  assert(title && menu, `${where}: the top bar is drawn`);
  // (On a phone the controls wrap below the title: only those on its line can run into it.)
  const controls = ["nav.cart", "currency.menu", "lang.menu", "display.menu"].filter((id) => s.widgets[id]).map((id) => s.widgets[id])
    .filter((c) => c.y < title.y + title.h && title.y < c.y + c.h);
  const overlap = controls.length > 0 &&
    (s.rtl ? title.x < Math.max(...controls.map((c) => c.x + c.w)) : title.x + title.w > Math.min(...controls.map((c) => c.x)));
  assert(!overlap, `${where}: the title runs into the controls`);
  const all = ["nav.cart", "currency.menu", "lang.menu", "display.menu"].filter((id) => s.widgets[id]).map((id) => [id, s.widgets[id]]);
  for (const [i, [a, ra]] of all.entries())
    for (const [b, rb] of all.slice(i + 1))
      assert(!(ra.x < rb.x + rb.w && rb.x < ra.x + ra.w && ra.y < rb.y + rb.h && rb.y < ra.y + ra.h), `${where}: ${a} overlaps ${b}`);
}

// From browsing to the checkout form with one of each of `skus` in the cart. Returns the checkout
// screen's state and the cart's quote as the cart screen showed it.
export async function goToCheckout(page, s, skus) {
  for (const sku of skus) {
    await clickWidget(page, s, "add." + sku);
    s = await waitForState(page, (st) => st.cart.some((l) => l.sku === sku), `${sku} in the cart`);
  }
  await clickWidget(page, s, "nav.cart");
  s = await waitForState(page, (st) => st.screen === "cart" && st.quote, "the cart, quoted by core");
  const shown = s.quote;
  await clickWidget(page, s, "cart.checkout");
  s = await waitForState(page, (st) => st.screen === "checkout", "the checkout form");
  return { s, shown };
}

// What this origin keeps in the browser: its localStorage and sessionStorage entries, and every
// record of every IndexedDB database as text (Emscripten's fetch library opens a database of its
// own, "emscripten_filesystem"). `records` lists [database/store, text] pairs.
export async function browserStorage(page) {
  const stored = await page.evaluate(async () => ({
    local: Object.keys(localStorage).filter((k) => k.startsWith("bondstore.")),
    session: Object.keys(sessionStorage).filter((k) => k.startsWith("bondstore.")),
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
  stored.readable = stored.idb.every((d) => d.stores);
  stored.records = stored.idb.flatMap((d) => Object.entries(d.stores || {}).flatMap(([n, vs]) => vs.map((v) => [d.name + "/" + n, v])));
  return stored;
}

// The text of the QR code drawn in widget `id`, read from a screenshot as a phone's camera would.
export async function readQrCode(page, s, id) {
  const r = s.widgets[id];
  assert(r, `the code ${id} is drawn`);
  const png = PNG.sync.read(await page.screenshot({ clip: { x: r.x, y: r.y, width: r.w, height: r.h } }));
  const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  return read ? read.data : null;
}

// The checkout form filled for buyer `name` with ID number `id`, and the order placed.
export async function placeOrder(page, s, sku, name, id) {
  ({ s } = await goToCheckout(page, s, [sku]));
  const type = async (field, text) => { await clickWidget(page, s, "checkout." + field); await page.keyboard.type(text, { delay: 5 }); };
  await type("buyer_name", name);
  await type("id_number", id);
  await type("buyer_phone", "13800138000");
  await type("address", "Chongqing Yubei District, Bonded Port Road 1");
  await type("district", "500112");
  await clickWidget(page, s, "checkout.place");
  return waitForState(page, (st) => st.screen === "order" && st.order && st.order.status === "pending_payment", "the order", 15000);
}

// A page on the store, its catalog shown: { context, page, errors, s }.
export async function openStore(browser, store, options) {
  const { context, page, errors } = await openPage(browser, options);
  await page.goto(store.server.url);
  await page.evaluate(() => window.bondstore.firstFrame);
  const s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows[0][STOCK] !== "", "the catalog");
  return { context, page, errors, s };
}

// An outage: the kept catalog, orders waiting on the device, delivered once when the server is back.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { assert, canonical, clickWidget, freePort, openPage, pressKey, startServer, waitFrames, waitForState } from "./harness.mjs";
import { NAME, ORIGIN, STOCK, PRICE, SKU, APPROX, assertLaidOut, selectLocale } from "./app_checks.mjs";

// t: { browser, server, args, sample, first, locales } (run.mjs).
export default function offlineTests(t) {
  const { browser, server, args, sample, first, locales } = t;
  return [
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
  ];
}

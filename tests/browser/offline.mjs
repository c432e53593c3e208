// An outage: the kept catalog, orders waiting on the device, delivered once when the server is back.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { assert, canonical, clickWidget, freePort, openPage, pressKey, startServer, waitFrames, waitForState } from "./harness.mjs";
import { NAME, ORIGIN, STOCK, PRICE, SKU, APPROX, assertLaidOut, browserStorage, goToCheckout, readQrCode, selectLocale } from "./app_checks.mjs";

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

      let shown; // (the cart, quoted by core offline)
      ({ s, shown } = await goToCheckout(page, s, ["SK-LAM-CR-60"]));
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
    ["a kiosk's order in an outage: sealed to the server before it is kept, still sent after the wipe forgets its buyer, followed and paid on the buyer's phone", async () => {
      const port = await freePort();
      const dir = mkdtempSync(join(tmpdir(), "bondstore-kiosk-offline-"));
      const start = () => startServer({ server: args.server, webDir: args["web-dir"], seedCatalog: args["seed-catalog"], dataDir: dir,
        extraArgs: ["--port", String(port)] });
      let store = await start();
      // The operator enrolls the kiosk once: a one-time code, traded for the kiosk's own token.
      const admin = join(dirname(args.server), "bondstore-admin");
      const code = execFileSync(admin, ["kiosks", "add", "jfb-1", "--name", "Jiefangbei experience store, kiosk 1", "--data-dir", dir],
                                { encoding: "utf8" }).split("\n")[0];
      const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
      await page.goto(store.url + "?kiosk=1&idle=25&enroll=" + code); // idle after 25 s, then the 20 s warning
      let s = await waitForState(page, (st) => st.screen === "attract" && st.sealKey && st.kioskEnrolled,
                                 "the attract screen, enrolled, with the key to seal to", 15000);
      assert(!(await page.evaluate(() => location.search)).includes("enroll"), "the code leaves the address bar");
      await clickWidget(page, s, "kiosk.start");
      s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows.length > 0 && st.firstRows[0][STOCK] !== "", "browsing");
      let shown;
      ({ s, shown } = await goToCheckout(page, s, ["SK-LAM-CR-60"]));
      const buyer = [["buyer_name", "Li Hua"], ["id_number", "11010519491231002X"], ["buyer_phone", "13800138000"],
                     ["address", "Chongqing Yubei District, Bonded Port Road 1"], ["district", "500112"]];
      for (const [id, text] of buyer) {
        await clickWidget(page, s, "checkout." + id);
        s = await waitForState(page, (st) => st.widgets["osk.done"], "the on-screen keyboard");
        // The field is scrolled above the keyboard, however low it is on the screen.
        const field = s.widgets["checkout." + id], top = Math.min(...Object.entries(s.widgets).filter(([k]) => k.startsWith("osk.")).map(([, r]) => r.y));
        assert(field.y + field.h <= top, `${id} above the keyboard: ${JSON.stringify(field)}, keyboard from y=${top}`);
        await page.keyboard.type(text, { delay: 5 });
        await clickWidget(page, s, "osk.done");
        s = await waitForState(page, (st) => !st.widgets["osk.done"], "the on-screen keyboard closed");
      }
      assert(s.formProblems.length === 0, "the form is complete: " + s.formProblems.join(", "));

      // The network goes; the shopper orders.
      await store.stop();
      await clickWidget(page, s, "checkout.place");
      s = await waitForState(page, (st) => st.screen === "order" && st.order && st.order.status === "queued" && st.outbox === 1 && st.handoff,
        "the order waiting, with a code to follow it", 15000);
      await page.screenshot({ path: join(args.out, "kiosk-offline-sealed-en.png") });
      const link = await readQrCode(page, s, "order.follow_qr");
      assert(link === s.handoff.url && /[?]follow=[0-9a-f]{32}$/.test(link), "the code reads as the follow link: " + link);
      const follow = link.slice(link.indexOf("follow=") + 7);
      // What the kiosk keeps is sealed: its IndexedDB holds none of the buyer's data, before the wipe too.
      const secrets = buyer.map(([, v]) => v).concat([follow]);
      let stored = await browserStorage(page);
      const outboxRows = stored.records.filter(([where]) => where === "bondstore/outbox");
      assert(outboxRows.length === 1, "one order in the outbox");
      const key = (await page.evaluate(() => new Promise((done) => {
        const open = indexedDB.open("bondstore");
        open.onsuccess = () => { const r = open.result.transaction("outbox").objectStore("outbox").getAllKeys(); r.onsuccess = () => { open.result.close(); done(r.result[0]); }; };
      })));
      assert(key !== follow, "the code's secret is not the order's Idempotency-Key (which the kiosk keeps)");
      const row = JSON.parse(outboxRows[0][1]);
      assert(row.sealed === true && JSON.parse(row.body).sealed && JSON.parse(row.body).sealed.key_id, "kept sealed: " + outboxRows[0][1].slice(0, 200));
      assert(!outboxRows[0][1].includes("SK-LAM-CR-60"), "not even what was ordered can be read");
      let leaked = stored.records.filter(([, v]) => secrets.some((x) => v.includes(x)));
      assert(leaked.length === 0, "nothing readable of the order in IndexedDB: " + leaked.map(([w]) => w).join(", "));

      // The shopper leaves; the kiosk forgets them but not the order.
      s = await waitForState(page, (st) => st.kiosk.wipes === 1 && st.screen === "attract", "the wipe", 80000);
      assert(s.buyerData === "", "no buyer data in the app: " + s.buyerData);
      assert(s.outbox === 1, "the sealed order is still to be sent");
      stored = await browserStorage(page);
      leaked = stored.records.filter(([, v]) => secrets.some((x) => v.includes(x)));
      assert(stored.local.length === 0 && stored.session.length === 0 && leaked.length === 0,
        "nothing of the buyer in browser storage after the wipe: " + leaked.map(([w]) => w).join(", "));
      await page.screenshot({ path: join(args.out, "kiosk-offline-after-wipe-en.png") });

      // On the buyer's phone, the code's link: waiting for the kiosk.
      const phone = await openPage(browser, { locale: "en-US", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      // (The phone reaches the store once it is back; until then it shows what it was sent.)
      store = await start();
      await phone.page.goto(link);
      let p = await waitForState(phone.page, (st) => st.screen === "order" && st.order &&
        ["following", "pending_payment"].includes(st.order.status), "the phone following the order", 15000);
      assertLaidOut(p, "the phone's order screen");
      if (p.order.status === "following") await phone.page.screenshot({ path: join(args.out, "phone-following-en.png") });
      // The kiosk delivers it; the phone shows it, to pay.
      s = await waitForState(page, (st) => st.outbox === 0, "the kiosk's outbox delivered", 20000);
      p = await waitForState(phone.page, (st) => st.order && st.order.status === "pending_payment", "the order on the phone", 20000);
      await phone.page.screenshot({ path: join(args.out, "phone-followed-order-en.png") });
      const sql = (q) => execFileSync("/usr/bin/sqlite3", ["-readonly", join(dir, "bondstore.db"), q], { encoding: "utf8" }).trim();
      assert(sql("SELECT count(*) FROM orders") === "1", "exactly one order in the store");
      assert(sql(`SELECT amount_to_pay_fen FROM orders WHERE order_no = '${p.order.no}'`) === String(shown.amount_to_pay_fen),
        "the amount the shopper saw at the kiosk");
      assert(sql(`SELECT count(*) FROM idempotency_keys WHERE key = '${key}'`) === "1", "taken under the code's key");
      await clickWidget(phone.page, p, "order.pay");
      p = await waitForState(phone.page, (st) => st.order && ["paid", "declared", "released"].includes(st.order.status), "paid on the phone", 15000);
      assert(phone.errors.length === 0, "no page errors on the phone: " + phone.errors.join("; "));
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await phone.context.close();
      await context.close();
      await store.stop();
    }],
  ];
}

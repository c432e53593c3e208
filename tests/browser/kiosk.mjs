// A touch kiosk in a community store: the idle wipe, portrait layout, touch targets, drag-scroll, the on-screen keyboard, continue on your phone.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { assert, canonical, clickWidget, freePort, openPage, pressKey, startServer, waitFrames, waitForState } from "./harness.mjs";
import { NAME, ORIGIN, STOCK, PRICE, SKU, APPROX, assertLaidOut, browserStorage, goToCheckout, readQrCode, selectLocale } from "./app_checks.mjs";

// t: { browser, server, args, sample, first, locales } (run.mjs).
export default function kioskTests(t) {
  const { browser, server, args, sample, first, locales } = t;
  return [
    ["a kiosk forgets its shopper: an idle warning with 20 s to continue, then cart, buyer data and browser storage wiped", async () => {
      // (Landscape: the portrait kiosk layout is issue 8's.)
      const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
      await page.goto(server.url + "?kiosk=1&idle=8"); // idle after 8 s (a real kiosk: 90 s); the warning lasts 20 s
      let s = await waitForState(page, (st) => st.screen === "attract" && st.kiosk.on, "the attract screen", 15000);
      await page.screenshot({ path: join(args.out, "kiosk-attract-en.png") });
      await clickWidget(page, s, "kiosk.start");
      s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows[0][STOCK] !== "", "browsing");
      // A shopper: a product in the cart, their name and ID number typed, a language of their own.
      ({ s } = await goToCheckout(page, s, ["IF-APT-PF3-800"]));
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
      const stored = await browserStorage(page);
      assert(stored.local.length === 0 && stored.session.length === 0, "browser storage forgotten: " + JSON.stringify(stored));
      const records = stored.records;
      // The kept catalog may stay (it is the store's); no queued order, and no record may hold the shopper's data.
      assert(stored.readable && !records.some(([where]) => where.endsWith("/outbox")) ,
        "no queued orders in IndexedDB: " + records.map(([w]) => w).join(", "));
      const leaked = records.filter(([, v]) => ["11010519491231002X", "Wang Xiaoming"].some((x) => v.includes(x)));
      assert(leaked.length === 0, "no buyer data in IndexedDB: " + leaked.map(([w]) => w).join(", "));
      s = await waitForState(page, (st) => st.locale === "en", "the next shopper's language is the browser's");
      await page.screenshot({ path: join(args.out, "kiosk-after-wipe-en.png") });
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await context.close();
    }],
    ["a portrait touch kiosk: every control at least 44 × 44 CSS px, drag to scroll with inertia, a drag over a button does not press it", async () => {
      const { context, page, errors } = await openPage(browser, { locale: "zh-CN", viewport: { width: 1080, height: 1920 } });
      // The store's kiosk page: its idle time is the server's (--kiosk-idle, 90 s by default).
      await page.goto(server.url + "kiosk");
      let s = await waitForState(page, (st) => st.screen === "attract" && st.kiosk.on && st.kiosk.idle === 90, "the attract screen, with the server's idle time", 15000);
      assert(!s.kiosk.fullScreen, "not full screen before a touch (browsers grant it only in answer to one)");
      await page.screenshot({ path: join(args.out, "kiosk-portrait-attract-zh-Hans.png") });
      await clickWidget(page, s, "kiosk.start");
      s = await waitForState(page, (st) => st.kiosk.fullScreen, "full screen from the first touch");
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
      // (A product in stock: earlier tests' orders may have sold one out, and its button is disabled.)
      const inStock = new Set((await (await fetch(server.url + "api/inventory")).json()).items.filter((i) => i.available > 1).map((i) => i.sku));
      const addable = Object.keys(s.widgets).find((id) => id.startsWith("add.") && inStock.has(id.slice(4)) &&
        s.widgets[id].y > 200 && s.widgets[id].y < 1700);
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
      await page.screenshot({ path: join(args.out, "kiosk-portrait-handoff-zh-Hans.png") });
      const read = { data: await readQrCode(page, s, "handoff.qr") };
      assert(read.data === s.handoff.url, `the code reads as the link: ${read.data} vs ${s.handoff.url}`);
      assert(/\?cart=[^&]+\*1$/.test(read.data) && !/11010519491231002X/.test(read.data), "products and quantities only: " + read.data);
      const phone = await openPage(browser, { locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await phone.page.goto(read.data);
      let p = await waitForState(phone.page, (st) => st.screen === "cart" && st.cart.length === cartLines.length, "the cart on the phone", 15000);
      assert(canonical(p.cart) === canonical(cartLines), `the same cart: ${JSON.stringify(p.cart)} vs ${JSON.stringify(cartLines)}`);
      assertLaidOut(p, "the phone's cart");
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
      // The rest of the form, the order and its screen, in portrait.
      for (const [id, text] of [["buyer_name", "Li Hua"], ["buyer_phone", "13800138000"], ["address", "Chongqing Yubei District, Bonded Port Road 1"], ["district", "500112"]]) {
        s = await waitForState(page, (st) => !st.widgets["osk.done"], "the keyboard away");
        await clickWidget(page, s, "checkout." + id);
        s = await waitForState(page, (st) => st.widgets["osk.done"], "the keyboard for " + id);
        await page.keyboard.type(text, { delay: 5 });
        await clickWidget(page, s, "osk.done");
      }
      s = await waitForState(page, (st) => !st.widgets["osk.done"] && st.formProblems.length === 0, "the form complete");
      await clickWidget(page, s, "checkout.place");
      s = await waitForState(page, (st) => st.screen === "order" && st.order && st.order.status === "pending_payment", "the order", 15000);
      await waitFrames(page, 3);
      s = await page.evaluate(() => window.bondstore.state());
      assertLaidOut(s, "the portrait order screen");
      assert(small(s).length === 0, "order controls under 44 px: " + JSON.stringify(small(s)));
      await page.screenshot({ path: join(args.out, "kiosk-portrait-order-zh-Hans.png") });
      await clickWidget(page, s, "order.cancel"); // (the kiosk test's order is not paid: its stock goes back)
      s = await waitForState(page, (st) => st.order && st.order.status === "cancelled", "cancelled");
      // A product page in portrait.
      await clickWidget(page, s, "order.continue");
      s = await waitForState(page, (st) => st.screen === "browse" && st.widgets["open." + st.firstRows[0][SKU]], "browsing again");
      await clickWidget(page, s, "open." + s.firstRows[0][SKU]);
      s = await waitForState(page, (st) => st.screen === "product" && st.product, "the product page");
      await waitFrames(page, 3);
      s = await page.evaluate(() => window.bondstore.state());
      assertLaidOut(s, "the portrait product page");
      assert(small(s).length === 0, "product page controls under 44 px: " + JSON.stringify(small(s)));
      await page.screenshot({ path: join(args.out, "kiosk-portrait-product-zh-Hans.png") });
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await context.close();
    }],
  ];
}

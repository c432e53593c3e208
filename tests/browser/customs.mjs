// Customs holding an order's goods: the simulator inspects a paid order's list (CEB622 500), the
// order screen says so in the shopper's language while the goods are held, and the order goes on
// to "released" once customs lets them go. Then the parcel: SF Express's waybill on the order
// screen, and its journey as the carrier pushes it (picked up, on its way, out for delivery). The
// store runs with the single-window simulator and the carrier's fake beside it and the sandbox as
// its payment provider.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { openStore, placeOrder, selectLocale } from "./app_checks.mjs";
import { assert, clickWidget, openPage, startStoreWithCustoms, waitForState } from "./harness.mjs";

// Waits until the order on screen satisfies `pred` (pressing "refresh" while it waits); says what
// the store logged if it never does.
async function until(page, s, store, what, pred) {
  for (let i = 0; i < 40 && !(s.order && pred(s.order)); i++) {
    try { s = await waitForState(page, (st) => st.order && pred(st.order), what, 500); }
    catch { await clickWidget(page, s, "order.refresh"); }
  }
  assert(s.order && pred(s.order), `${what}: ${JSON.stringify(s.order)}; the store said: ${store.server.stderr()}`);
  return s;
}

// t: { browser, args } (run.mjs).
export default function customsTests(t) {
  const { browser, args } = t;
  return [
    ["customs inspects the goods: the order says so in the shopper's language, then goes on when they are released; the parcel's waybill and journey follow", async () => {
      const store = await startStoreWithCustoms(args);
      const sim = (path, body) => fetch(store.simulator.url + "control/" + path, { method: "POST", body });
      try {
        let { context, page, errors, s } = await openStore(browser, store, { locale: "en-US", viewport: { width: 1280, height: 900 } });
        s = await placeOrder(page, s, "IF-APT-PF3-800", "Wang Xiaoming", "11010519491231002X");
        const no = s.order.no;
        // Customs will inspect this order's list when it arrives.
        assert((await sim("inspect", no)).status === 204, "the simulator takes the order to inspect");
        await clickWidget(page, s, "order.pay");
        s = await until(page, s, store, "held for inspection", (o) => o.hold === "inspection");
        assert(s.order.hold === "inspection" && s.order.status === "declared", `held for inspection, got ${JSON.stringify(s.order)}`);
        await page.screenshot({ path: join(args.out, "order-inspection-en.png") });
        await selectLocale(page, "zh-Hans");
        s = await waitForState(page, (st) => st.order && st.order.hold === "inspection", "still held, in Chinese");
        await page.screenshot({ path: join(args.out, "order-inspection-zh-Hans.png") });
        await selectLocale(page, "ar"); // right to left
        s = await waitForState(page, (st) => st.order && st.order.hold === "inspection", "still held, in Arabic");
        await page.screenshot({ path: join(args.out, "order-inspection-ar.png") });

        // The inspection done: released, and the notice gone.
        assert((await sim("release", no)).status === 204, "customs lets the goods go");
        s = await until(page, s, store, "released", (o) => o.status === "released");
        assert(s.order.status === "released" && s.order.hold === "", `released, no hold: ${JSON.stringify(s.order)}`);

        // The parcel: the waybill SF issued when the order was paid (the list declared it), then
        // the carrier's pushes — picked up (the order ships), at a hub, out for delivery.
        const waybill = await store.carrier.waybill(no);
        assert(/^SF\d{13}$/.test(waybill), "SF issued a waybill: " + waybill);
        for (const op of ["50", "31", "44"]) assert((await store.carrier.route(waybill, op)) === 200, "the carrier moves the parcel: " + op);
        s = await until(page, s, store, "out for delivery", (o) => o.tracking === "out_for_delivery");
        assert(s.order.waybill === waybill && s.order.tracking === "out_for_delivery" && s.order.status === "shipped",
          `the waybill and the parcel's journey on the order screen: ${JSON.stringify(s.order)}; the store said: ${store.server.stderr()}`);
        await page.screenshot({ path: join(args.out, "order-tracking-ar.png") });
        await selectLocale(page, "zh-Hans");
        s = await waitForState(page, (st) => st.order && st.order.tracking === "out_for_delivery", "tracking, in Chinese");
        await page.screenshot({ path: join(args.out, "order-tracking-zh-Hans.png") });
        await selectLocale(page, "en");
        s = await waitForState(page, (st) => st.order && st.order.tracking === "out_for_delivery", "tracking, in English");
        await page.screenshot({ path: join(args.out, "order-tracking-en.png") });
        assert(errors.length === 0, "no page errors: " + errors.join("; "));
        await context.close();
      } finally { await store.stop(); }
    }],
    ["customs refuses an order whose waybill record disagrees with its list: the order screen says why, and the payment comes back", async () => {
      const store = await startStoreWithCustoms(args);
      try {
        let { context, page, errors, s } = await openStore(browser, store, { locale: "en-US", viewport: { width: 1280, height: 900 } });
        // The carrier's next waybill record (CEB511) declares another number than the one it issued.
        assert((await store.carrier.control("ceb511_waybill=SF9999999999999")) === 200, "the carrier takes the fault");
        s = await placeOrder(page, s, "IF-APT-PF3-800", "Wang Xiaoming", "11010519491231002X");
        await clickWidget(page, s, "order.pay");
        s = await until(page, s, store, "rejected", (o) => o.status === "rejected");
        assert(s.order.status === "rejected" && s.order.reason === "customs.100", `rejected by customs for its documents: ${JSON.stringify(s.order)}`);
        await page.screenshot({ path: join(args.out, "order-documents-rejected-en.png") });
        await selectLocale(page, "zh-Hans");
        s = await waitForState(page, (st) => st.order && st.order.status === "rejected", "rejected, in Chinese");
        await page.screenshot({ path: join(args.out, "order-documents-rejected-zh-Hans.png") });
        assert(errors.length === 0, "no page errors: " + errors.join("; "));
        await context.close();
      } finally { await store.stop(); }
    }],
    ["a declared order cancelled while customs holds it: the list is withdrawn, and the order says so once customs agrees", async () => {
      const store = await startStoreWithCustoms(args);
      const sim = (path, body) => fetch(store.simulator.url + "control/" + path, { method: "POST", body });
      try {
        let { context, page, errors, s } = await openStore(browser, store, { locale: "en-US", viewport: { width: 1280, height: 900 } });
        s = await placeOrder(page, s, "IF-APT-PF3-800", "Wang Xiaoming", "11010519491231002X");
        const no = s.order.no;
        assert((await sim("inspect", no)).status === 204, "the simulator takes the order to inspect");
        await clickWidget(page, s, "order.pay");
        s = await until(page, s, store, "held for inspection", (o) => o.hold === "inspection");
        assert(s.order.status === "declared", `declared and held: ${JSON.stringify(s.order)}`);
        // Cancel: a withdrawal at customs; the order ends once customs agrees.
        await clickWidget(page, s, "order.cancel");
        s = await until(page, s, store, "cancelled", (o) => o.status === "cancelled");
        assert(s.order.status === "cancelled" && s.order.reason === "withdrawn", `withdrawn at customs: ${JSON.stringify(s.order)}`);
        await page.screenshot({ path: join(args.out, "order-withdrawn-en.png") });
        await selectLocale(page, "ar");
        s = await waitForState(page, (st) => st.order && st.order.status === "cancelled", "withdrawn, in Arabic");
        await page.screenshot({ path: join(args.out, "order-withdrawn-ar.png") });
        assert(errors.length === 0, "no page errors: " + errors.join("; "));
        await context.close();
      } finally { await store.stop(); }
    }],
    ["delivered goods returned: the return is declared to customs, accepted, the merchant sees the clock and records the goods back, the shopper is refunded; a tax bill that differs is on the merchant screen", async () => {
      const store = await startStoreWithCustoms(args);
      try {
        let { context, page, errors, s } = await openStore(browser, store, { locale: "en-US", viewport: { width: 1280, height: 900 } });
        // Customs' tax bill of this list will state a yuan more VAT than the shopper was charged.
        const offset = await fetch(store.simulator.url + "control/tax-bill-offset", { method: "POST", body: "100" });
        assert(offset.status === 204, "the simulator takes the tax-bill difference");
        s = await placeOrder(page, s, "IF-APT-PF3-800", "Wang Xiaoming", "11010519491231002X");
        const no = s.order.no;
        await clickWidget(page, s, "order.pay");
        s = await until(page, s, store, "released", (o) => o.status === "released");
        const waybill = await store.carrier.waybill(no);
        for (const op of ["50", "80"]) assert((await store.carrier.route(waybill, op)) === 200, "the carrier moves the parcel: " + op);
        s = await until(page, s, store, "delivered", (o) => o.status === "delivered");
        // The merchant: customs' tax bill that differs from the tax charged.
        const admin = join(dirname(args.server), "bondstore-admin");
        const token = execFileSync(admin, ["tokens", "create", "--merchant", "demo", "--data-dir", store.server.dataDir], { encoding: "utf8" }).split("\n")[0];
        const desk = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
        await desk.page.goto(store.server.url + "merchant");
        let m = await waitForState(desk.page, (st) => st.screen === "merchant_sign_in", "the merchant's sign-in", 15000);
        await clickWidget(desk.page, m, "merchant.token");
        await desk.page.keyboard.type(token, { delay: 2 });
        await clickWidget(desk.page, m, "merchant.sign_in");
        m = await waitForState(desk.page, (st) => st.screen === "merchant" && st.merchant.id === "demo", "signed in");
        await clickWidget(desk.page, m, "merchant.tab_sales");
        m = await waitForState(desk.page, (st) => st.merchant && st.merchant.taxDifferences.includes(no), "the tax bill's difference on the merchant screen");
        await desk.page.screenshot({ path: join(args.out, "merchant-tax-difference-en.png") });

        // Return: declared to customs (CEB625); customs accepts (CEB626 399).
        await clickWidget(page, s, "order.return");
        s = await until(page, s, store, "return accepted", (o) => o.status === "returned" && o.reason === "return_accepted");
        await page.screenshot({ path: join(args.out, "order-return-accepted-en.png") });
        await selectLocale(page, "zh-Hans");
        s = await waitForState(page, (st) => st.order && st.order.reason === "return_accepted", "return accepted, in Chinese");
        await page.screenshot({ path: join(args.out, "order-return-accepted-zh-Hans.png") });

        // The return with its clock (the figures read again on a tab switch), then the goods back.
        await clickWidget(desk.page, m, "merchant.tab_stock");
        await clickWidget(desk.page, m, "merchant.tab_sales");
        m = await waitForState(desk.page, (st) => st.merchant && st.merchant.returns.includes(`${no} returned`), "the return on the merchant screen");
        await desk.page.screenshot({ path: join(args.out, "merchant-return-due-en.png") });
        await clickWidget(desk.page, m, "merchant.goods_back." + no);
        m = await waitForState(desk.page, (st) => st.merchant && st.merchant.returns.includes(`${no} returned goods_back`), "the goods recorded back");
        await desk.page.screenshot({ path: join(args.out, "merchant-return-back-en.png") });
        assert(desk.errors.length === 0, "no page errors on the merchant screen: " + desk.errors.join("; "));
        await desk.context.close();

        // The shopper: the goods are back, the refund on its way — in Arabic (right to left).
        await selectLocale(page, "ar");
        s = await until(page, s, store, "goods back", (o) => o.reason === "return_goods_back");
        await page.screenshot({ path: join(args.out, "order-return-goods-back-ar.png") });
        assert(errors.length === 0, "no page errors: " + errors.join("; "));
        await context.close();
      } finally { await store.stop(); }
    }],
  ];
}

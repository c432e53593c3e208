// Paying through WeChat Pay and Alipay (their local fakes, bondstore-payment-fake): the code on a
// desktop or kiosk screen is read from a screenshot as a phone's camera would and paid; a phone
// goes to the provider's page and comes back; a payer who is not the buyer gets the order
// cancelled, refunded, and told why in their language. Each journey runs its own store with the
// fake and the single-window simulator beside it.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { openStore, placeOrder, readQrCode, selectLocale } from "./app_checks.mjs";
import { assert, clickWidget, clickWidgetAway, startStoreWithCustoms, storeSql, waitForState } from "./harness.mjs";

// Back at the store from the provider's page, on order `no`, refreshed until it is no longer
// waiting for payment (the notification may come a moment later).
async function backOnOrderPaid(page, store, no) {
  await page.waitForURL((u) => u.origin + "/" === store.server.url && u.pathname === "/", { timeout: 10000 });
  let s = await waitForState(page, (st) => st.screen === "order" && st.order && st.order.no === no, "the order again", 15000);
  for (let i = 0; i < 40 && s.order.status === "pending_payment"; i++) {
    await clickWidget(page, s, "order.refresh");
    try { s = await waitForState(page, (st) => st.order && st.order.status !== "pending_payment", "paid", 500); } catch { /* again */ }
  }
  assert(s.order.status !== "pending_payment", `paid on the phone, got ${s.order.status}`);
  return s;
}

// The order number a WeChat Pay code pays (the fake's code_url carries it, hex, as pr=).
function orderInCode(text) {
  const m = /^weixin:\/\/wxpay\/bizpayurl\?pr=([0-9a-f]+)$/.exec(text || "");
  return m ? Buffer.from(m[1], "hex").toString("utf8") : null;
}

// t: { browser, args } (run.mjs).
export default function paymentTests(t) {
  const { browser, args } = t;
  const buyer = { name: "Wang Xiaoming", id: "11010519491231002X" };
  return [
    ["WeChat Pay on a desktop: the code is read off the screen and paid, the payment declared with the buyer's identity, customs releases", async () => {
      const store = await startStoreWithCustoms(args, { payment: "wechat" });
      try {
        let { context, page, errors, s } = await openStore(browser, store, { locale: "en-US", viewport: { width: 1280, height: 900 } });
        s = await placeOrder(page, s, "IF-APT-PF3-800", buyer.name, buyer.id);
        s = await waitForState(page, (st) => st.widgets["order.pay"] && st.widgets["order.pay_here"], "WeChat Pay's two ways to pay");
        await page.screenshot({ path: join(args.out, "order-wechat-pending-en.png") });
        await clickWidget(page, s, "order.pay");
        s = await waitForState(page, (st) => st.widgets["order.payment_qr"], "the payment code", 10000);
        await page.screenshot({ path: join(args.out, "order-wechat-qr-en.png") });
        const code = await readQrCode(page, s, "order.payment_qr");
        assert(orderInCode(code) === s.order.no, `the code pays this order: ${code}`);

        // The shopper's phone scans it and pays; the screen moves on by itself.
        const paid = await store.fake.pay(orderInCode(code), buyer.name, buyer.id);
        assert(paid.status === 200, "the fake took the payment: " + paid.text);
        s = await waitForState(page, (st) => st.order && st.order.status !== "pending_payment", "paid, without a touch", 15000);
        const sql = storeSql(store);
        const no = s.order.no;
        for (let i = 0; i < 50 && sql(`SELECT declaration FROM payments WHERE order_no = '${no}'`) !== "accepted"; i++) await page.waitForTimeout(100);
        assert(sql(`SELECT declaration || ' ' || payer_check FROM payments WHERE order_no = '${no}'`) === "accepted same",
          "declared by WeChat Pay, payer = buyer");
        const transaction = sql(`SELECT transaction_id FROM payments WHERE order_no = '${no}'`);
        await page.screenshot({ path: join(args.out, "order-wechat-paid-en.png") });

        // Customs gets the order only now, with the payment company's code and the transaction.
        for (let i = 0; i < 40 && s.order.status !== "released"; i++) {
          await clickWidget(page, s, "order.refresh");
          try { s = await waitForState(page, (st) => st.order && st.order.status === "released", "released", 500); } catch { /* again */ }
        }
        assert(s.order.status === "released", `released by customs, got ${s.order.status}`);
        const admin = join(dirname(args.server), "bondstore-admin");
        const sent = execFileSync(admin, ["ceb", no, "--data-dir", store.server.dataDir], { encoding: "utf8" });
        assert(sent.includes("<ceb:payCode>4403169D3W</ceb:payCode>"), "CEB311 names WeChat Pay's company");
        assert(sent.includes(`<ceb:payTransactionId>${transaction}</ceb:payTransactionId>`), "CEB311 carries the transaction id");
        // WeChat Pay's own voucher (CEB411) reached customs, and agrees with the order.
        const voucher = await (await fetch(store.simulator.url + "payments?order=" + no)).text();
        assert(voucher.trim() === `4403169D3W ${transaction} ${sql(`SELECT amount_to_pay_fen FROM orders WHERE order_no = '${no}'`)}`,
          "the payment voucher at customs: " + voucher);
        await page.screenshot({ path: join(args.out, "order-wechat-released-en.png") });
        assert(errors.length === 0, "no page errors: " + errors.join("; "));
        await context.close();
      } finally { await store.stop(); }
    }],
    ["WeChat Pay on a phone: the provider's page, paid there, and back to the order", async () => {
      const store = await startStoreWithCustoms(args, { payment: "wechat" });
      try {
        let { context, page, errors, s } = await openStore(browser, store,
          { locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
        s = await placeOrder(page, s, "SK-LAM-CR-60", "王小明", buyer.id);
        const no = s.order.no;
        s = await waitForState(page, (st) => st.widgets["order.pay_here"], "pay on this phone");
        await page.screenshot({ path: join(args.out, "order-wechat-phone-zh-Hans.png") });
        // WeChat Pay's page (the fake's), where the phone's owner confirms.
        await clickWidgetAway(page, "order.pay_here", /\/h5pay\?/);
        await page.fill("#payer_name", "王小明");
        await page.fill("#payer_id", buyer.id);
        await page.screenshot({ path: join(args.out, "wechat-h5-page.png") });
        await page.click("#pay");
        s = await backOnOrderPaid(page, store, no);
        assert(!(await page.url()).includes("order="), "the order number left the address bar");
        await page.screenshot({ path: join(args.out, "order-wechat-phone-paid-zh-Hans.png") });
        assert(errors.length === 0, "no page errors: " + errors.join("; "));
        await context.close();
      } finally { await store.stop(); }
    }],
    ["a payer who is not the buyer: the order is cancelled before customs, refunded, and the shopper is told why", async () => {
      const store = await startStoreWithCustoms(args, { payment: "wechat" });
      try {
        let { context, page, errors, s } = await openStore(browser, store, { locale: "en-US", viewport: { width: 1280, height: 900 } });
        s = await placeOrder(page, s, "IF-APT-PF3-800", buyer.name, buyer.id);
        await clickWidget(page, s, "order.pay");
        s = await waitForState(page, (st) => st.widgets["order.payment_qr"], "the payment code", 10000);
        const code = await readQrCode(page, s, "order.payment_qr");
        // Someone else's WeChat pays it.
        assert((await store.fake.pay(orderInCode(code), "Li Si", "110101199003074477")).status === 200, "paid by another person");
        s = await waitForState(page, (st) => st.order && st.order.status === "cancelled" && st.order.reason === "payer_mismatch",
          "cancelled, with the reason on screen", 15000);
        await page.screenshot({ path: join(args.out, "order-payer-mismatch-en.png") });
        const sql = storeSql(store);
        for (let i = 0; i < 50 && sql(`SELECT state FROM refunds WHERE order_no = '${s.order.no}'`) !== "done"; i++) await page.waitForTimeout(100);
        assert(sql(`SELECT state FROM refunds WHERE order_no = '${s.order.no}'`) === "done", "refunded through WeChat Pay");
        assert(sql(`SELECT state FROM outbox WHERE order_no = '${s.order.no}' AND kind = 'order'`) === "withdrawn", "customs never hears of it");
        // In the shopper's language.
        await selectLocale(page, "zh-Hans");
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(args.out, "order-payer-mismatch-zh-Hans.png") });

        // The merchant screen lists the refund, done.
        const admin = join(dirname(args.server), "bondstore-admin");
        const token = execFileSync(admin, ["tokens", "create", "--merchant", "demo", "--data-dir", store.server.dataDir], { encoding: "utf8" }).split("\n")[0];
        await page.goto(store.server.url + "merchant");
        s = await waitForState(page, (st) => st.screen === "merchant_sign_in", "the merchant's sign-in", 15000);
        await clickWidget(page, s, "merchant.token");
        await page.keyboard.type(token, { delay: 2 });
        await clickWidget(page, s, "merchant.sign_in");
        s = await waitForState(page, (st) => st.screen === "merchant", "signed in");
        await clickWidget(page, s, "merchant.tab_sales");
        s = await waitForState(page, (st) => st.merchant && st.merchant.refunds === 1, "the refund on the merchant screen");
        await page.screenshot({ path: join(args.out, "merchant-refunds-zh-Hans.png") });
        assert(errors.length === 0, "no page errors: " + errors.join("; "));
        await context.close();
      } finally { await store.stop(); }
    }],
    ["Alipay on a phone: Alipay's page from the signed request, paid there, back to the order, declared to customs", async () => {
      const store = await startStoreWithCustoms(args, { payment: "alipay" });
      try {
        let { context, page, errors, s } = await openStore(browser, store,
          { locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
        s = await placeOrder(page, s, "SK-LAM-CR-60", "王小明", buyer.id);
        const no = s.order.no;
        s = await waitForState(page, (st) => st.widgets["order.pay_here"], "pay on this phone");
        await page.screenshot({ path: join(args.out, "order-alipay-phone-zh-Hans.png") });
        // Alipay's page (the fake's gateway), opened with the store's signed wap.pay request.
        await clickWidgetAway(page, "order.pay_here", /\/gateway\.do\?/);
        assert((await page.url()).includes("method=alipay.trade.wap.pay"), "the phone carries the signed wap.pay request");
        await page.fill("#payer_name", "王小明");
        await page.fill("#payer_id", buyer.id);
        await page.screenshot({ path: join(args.out, "alipay-wap-page.png") });
        await page.click("#pay");
        // (Alipay appends its signed return parameters; the app needs only ?order=.)
        s = await backOnOrderPaid(page, store, no);
        const sql = storeSql(store);
        for (let i = 0; i < 50 && sql(`SELECT declaration FROM payments WHERE order_no = '${no}'`) !== "accepted"; i++) await page.waitForTimeout(100);
        assert(sql(`SELECT provider || ' ' || declaration || ' ' || payer_check FROM payments WHERE order_no = '${no}'`) === "alipay accepted same",
          "declared by Alipay, payer = buyer");
        // Alipay's voucher (CEB411) reaches customs with its company code and the trade number.
        const transaction = sql(`SELECT transaction_id FROM payments WHERE order_no = '${no}'`);
        let voucher = "";
        for (let i = 0; i < 50 && !voucher; i++) {
          const r = await fetch(store.simulator.url + "payments?order=" + no);
          if (r.status === 200) voucher = await r.text(); else await page.waitForTimeout(100);
        }
        assert(voucher.startsWith(`31222699S7 ${transaction} `), "Alipay's payment voucher at customs: " + voucher);
        await page.screenshot({ path: join(args.out, "order-alipay-phone-paid-zh-Hans.png") });
        assert(errors.length === 0, "no page errors: " + errors.join("; "));
        await context.close();
      } finally { await store.stop(); }
    }],
  ];
}

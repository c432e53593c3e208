// The merchant screen: sign-in, a catalog file checked in the browser, upload, stock, sales charts.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { assert, canonical, clickWidget, freePort, openPage, pressKey, startServer, takeCspViolations, waitFrames, waitForState } from "./harness.mjs";
import { NAME, ORIGIN, STOCK, PRICE, SKU, APPROX, assertLaidOut, selectLocale } from "./app_checks.mjs";

// t: { browser, server, args, sample, first, locales } (run.mjs).
export default function merchantTests(t) {
  const { browser, server, args, sample, first, locales } = t;
  return [
    ["the merchant screen: token sign-in, a file with a bad row checked by core in the browser, the fixed file uploaded with progress, stock and sales charts", async () => {
      const admin = join(dirname(args.server), "bondstore-admin");
      const token = execFileSync(admin, ["tokens", "create", "--merchant", "demo", "--data-dir", server.dataDir], { encoding: "utf8" }).split("\n")[0];
      assert(token.startsWith("bst_"), "a token from the CLI");
      const header = "Handle,Title,Variant SKU,Variant Price,HS (product.metafields.customs.hs_code)," +
        "Origin (product.metafields.customs.origin_country),Unit (product.metafields.customs.unit)," +
        "Qty (product.metafields.customs.legal_qty),Chinese (product.metafields.customs.title_zh),Image Src\n";
      // The picture is on another origin (localhost, not 127.0.0.1) over plain http, which the
      // page's Content-Security-Policy does not load (and which sends no CORS header, so WebGL
      // could not use it either): shoppers see "No picture" rather than a broken page.
      const foreign = server.url.replace("127.0.0.1", "localhost") + "images/SK-LAM-CR-60.png";
      const row = (sku, hs) => `${sku}-h,Butter biscuits ${sku},${sku},32.00,${hs},BE,125,250 g,黄油饼干 ${sku},${foreign}\n`;
      const dir = mkdtempSync(join(tmpdir(), "bondstore-merchant-"));
      const bad = join(dir, "biscuits-bad.csv"), good = join(dir, "biscuits.csv");
      writeFileSync(bad, header + row("E2E-BIS-1", "1905310000") + row("E2E-BIS-2", "19053"));
      writeFileSync(good, header + row("E2E-BIS-1", "1905310000") + row("E2E-BIS-2", "1905310000"));

      const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
      await page.goto(server.url + "merchant");
      let s = await waitForState(page, (st) => st.screen === "merchant_sign_in", "the sign-in", 15000);
      await page.screenshot({ path: join(args.out, "merchant-sign-in-en.png") });
      await clickWidget(page, s, "merchant.token");
      await page.keyboard.type("bst_wrong", { delay: 2 });
      await pressKey(page, "Enter");
      await page.waitForTimeout(500);
      s = await waitForState(page, (st) => st.screen === "merchant_sign_in", "still signed out with a wrong token");
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
      // A shopper opens one: its picture's host does not share it, and the page says so.
      const shopper = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
      await shopper.page.goto(server.url);
      let q = await waitForState(shopper.page, (st) => st.screen === "browse" && st.widgets["search.box"], "a shopper browsing", 15000);
      await clickWidget(shopper.page, q, "search.box");
      await shopper.page.keyboard.type("E2E-BIS-1", { delay: 5 });
      q = await waitForState(shopper.page, (st) => st.widgets["open.E2E-BIS-1"], "the new product found");
      await clickWidget(shopper.page, q, "open.E2E-BIS-1");
      q = await waitForState(shopper.page, (st) => st.product && st.product.image === "failed", "its picture refused (plain http on another origin)", 10000);
      await shopper.page.screenshot({ path: join(args.out, "product-picture-refused-en.png") });
      assert(shopper.errors.length === 0, "no page errors for the shopper: " + shopper.errors.join("; "));
      await shopper.context.close();

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
      // The same screen on a portrait screen.
      await page.setViewportSize({ width: 1080, height: 1920 });
      await waitFrames(page, 5);
      s = await waitForState(page, (st) => st.viewport.w === 1080 && st.widgets["merchant.chart##orders"], "the charts in portrait");
      assertLaidOut(s, "the portrait merchant screen");
      await page.screenshot({ path: join(args.out, "merchant-sales-portrait-zh-Hans.png") });
      await clickWidget(page, s, "merchant.tab_stock");
      s = await waitForState(page, (st) => st.merchant.products > 2 && !st.widgets["merchant.chart##orders"], "the stock table in portrait");
      assertLaidOut(s, "the portrait stock table");
      await page.screenshot({ path: join(args.out, "merchant-stock-portrait-zh-Hans.png") });
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      // The foreign picture over plain HTTP is also refused by the page's policy (img-src 'self'
      // https:); nothing else was.
      const blocked = takeCspViolations();
      assert(blocked.every((v) => /img-src/.test(v) && v.includes(foreign)), "only the foreign picture was blocked: " + blocked.join("; "));
      await context.close();
    }],
  ];
}

// Experience stores (issue 22): the operator registers a store and the display samples on its
// shelves and enrolls a kiosk in it (bondstore-admin); the kiosk knows its store and says a sample
// stands "in this store"; a shopper elsewhere reads which store shows the product.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { checkAxe, checkTree } from "./accessibility.mjs";
import { assert, clickWidget, openPage, pressKey, waitForState, waitFrames } from "./harness.mjs";

const SKU = "IF-APT-PF3-800";

// What the screen says, as a screen reader reads it (web/platform/accessibility.h).
const screenText = (page) => page.evaluate(() => document.getElementById("a11y").textContent);

// A store registered and a kiosk added to it with bondstore-admin: the kiosk's one-time code.
function storeWithKiosk(t, store, kiosk, names) {
  const { server, args, locales } = t;
  const admin = join(dirname(args.server), "bondstore-admin");
  const run = (...a) => execFileSync(admin, [...a, "--data-dir", server.dataDir], { encoding: "utf8" });
  const dir = mkdtempSync(join(tmpdir(), "bondstore-stores-"));
  const name = Object.fromEntries(locales.locales.map((l) => [l.tag, names.en + " (" + l.tag + ")"]));
  Object.assign(name, names);
  writeFileSync(join(dir, "store.json"), JSON.stringify({ id: store, name, address: "重庆市渝中区民族路 188 号", district: "500103", hours: "10:00-22:00" }));
  run("stores", "put", join(dir, "store.json"));
  return { run, code: run("kiosks", "add", kiosk, "--name", "entrance", "--store", store).split("\n")[0] };
}

// t: { browser, server, store, args, sample, first, locales } (run.mjs).
export default function storeTests(t) {
  const { browser, server, args, locales } = t;
  return [
    ["experience stores: a kiosk enrolled in its store says a display sample is in this store; a phone reads where the product is on display", async () => {
      const admin = join(dirname(args.server), "bondstore-admin");
      const run = (...a) => execFileSync(admin, [...a, "--data-dir", server.dataDir], { encoding: "utf8" });
      const dir = mkdtempSync(join(tmpdir(), "bondstore-stores-"));
      const name = Object.fromEntries(locales.locales.map((l) => [l.tag, "Jiefangbei store (" + l.tag + ")"]));
      name.en = "Jiefangbei Experience Store";
      name["zh-Hans"] = "解放碑体验店";
      writeFileSync(join(dir, "store.json"), JSON.stringify({ id: "jfb-e2e", name, address: "重庆市渝中区民族路 188 号", district: "500103", hours: "10:00-22:00" }));
      run("stores", "put", join(dir, "store.json"));
      run("stores", "samples", "jfb-e2e", SKU, "2");
      const code = run("kiosks", "add", "jfb-e2e-1", "--name", "entrance", "--store", "jfb-e2e").split("\n")[0];

      const kiosk = await openPage(browser, { locale: "zh-CN", viewport: { width: 1080, height: 1920 } });
      await kiosk.page.goto(server.url + "kiosk?enroll=" + code);
      let s = await waitForState(kiosk.page, (st) => st.screen === "attract" && st.kioskStore === "jfb-e2e", "the kiosk enrolled in its store", 15000);
      await clickWidget(kiosk.page, s, "kiosk.start");
      s = await waitForState(kiosk.page, (st) => st.screen === "browse" && st.firstRows.length > 0, "browsing on the kiosk");
      await clickWidget(kiosk.page, s, "open." + SKU);
      s = await waitForState(kiosk.page, (st) => st.screen === "product" && st.product.sku === SKU, "the product on the kiosk");
      await waitFrames(kiosk.page, 3);
      const here = await screenText(kiosk.page);
      assert(here.includes("本店有样品展示"), "the kiosk says the sample is in this store: " + here.slice(0, 400));
      await kiosk.page.screenshot({ path: join(args.out, "stores-kiosk-on-display-zh-Hans.png") });
      assert(kiosk.errors.length === 0, "no page errors: " + kiosk.errors.join("; "));
      await kiosk.context.close();

      const phone = await openPage(browser, { locale: "en-US", viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      await phone.page.goto(server.url + "en/p/" + SKU);
      s = await waitForState(phone.page, (st) => st.screen === "product" && st.product.sku === SKU, "the product on a phone", 15000);
      await waitFrames(phone.page, 3);
      const there = await screenText(phone.page);
      assert(there.includes("On display at Jiefangbei Experience Store"), "a phone reads where it is on display: " + there.slice(0, 400));
      await phone.page.screenshot({ path: join(args.out, "stores-phone-on-display-en.png") });
      assert(phone.errors.length === 0, "no page errors: " + phone.errors.join("; "));
      await phone.context.close();
    }],
    ["operator screen: a kiosk enrolled in its store takes an order, and the operator finds it under the store and the kiosk", async () => {
      const { code } = storeWithKiosk(t, "gyq-op", "gyq-op-1", { en: "Guanyinqiao Experience Store", "zh-Hans": "观音桥体验店", ar: "متجر قوانيينتشياو" });
      // The kiosk enrolls and a shopper orders on it (landscape kiosk, the on-screen keyboard).
      const kiosk = await openPage(browser, { locale: "en-US", viewport: { width: 1920, height: 1080 } });
      const page = kiosk.page;
      await page.goto(server.url + "kiosk?enroll=" + code);
      let s = await waitForState(page, (st) => st.screen === "attract" && st.kioskStore === "gyq-op", "the kiosk enrolled in its store", 15000);
      await clickWidget(page, s, "kiosk.start");
      s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows.length > 0, "browsing on the kiosk");
      const inStock = new Set((await (await fetch(server.url + "api/inventory")).json()).items.filter((i) => i.available > 1).map((i) => i.sku));
      const sku = Object.keys(s.widgets).filter((id) => id.startsWith("open.")).map((id) => id.slice(5)).find((k) => inStock.has(k));
      await clickWidget(page, s, "open." + sku);
      s = await waitForState(page, (st) => st.screen === "product" && st.product.sku === sku, "the product");
      await clickWidget(page, s, "product.add");
      s = await waitForState(page, (st) => st.cart.length === 1, "in the cart");
      await clickWidget(page, s, "nav.cart");
      s = await waitForState(page, (st) => st.screen === "cart" && st.quote, "the cart");
      await clickWidget(page, s, "cart.checkout");
      s = await waitForState(page, (st) => st.screen === "checkout", "the checkout form");
      for (const [id, text] of [["buyer_name", "Li Hua"], ["id_number", "11010519491231002X"], ["buyer_phone", "13800138000"],
                                ["address", "Chongqing Jiangbei District, Guanyinqiao 1"], ["district", "500105"]]) {
        s = await waitForState(page, (st) => !st.widgets["osk.done"] && st.widgets["checkout." + id], "the keyboard away");
        await clickWidget(page, s, "checkout." + id);
        s = await waitForState(page, (st) => st.widgets["osk.done"], "the keyboard for " + id);
        if (id === "id_number") for (const key of text) await clickWidget(page, s, "osk." + key);
        else await page.keyboard.type(text, { delay: 5 });
        await clickWidget(page, s, "osk.done");
      }
      s = await waitForState(page, (st) => !st.widgets["osk.done"] && st.formProblems.length === 0, "the form complete");
      await clickWidget(page, s, "checkout.place");
      s = await waitForState(page, (st) => st.screen === "order" && st.order && st.order.status === "pending_payment", "the order", 15000);
      const orderNo = s.order.no;
      await clickWidget(page, s, "order.pay"); // (the sandbox: paid at once, then on to customs)
      s = await waitForState(page, (st) => st.order && st.order.status !== "pending_payment", "paid", 15000);
      assert(kiosk.errors.length === 0, "no page errors on the kiosk: " + kiosk.errors.join("; "));
      await kiosk.context.close();

      // The operator: a wrong token is refused; the right one shows the store, its kiosk and the order.
      for (const [lang, locale] of [["en", "en-US"], ["ar", "ar-EG"]]) {
        const op = await openPage(browser, { locale, viewport: { width: 1280, height: 900 } });
        await op.page.goto(server.url + "operator");
        s = await waitForState(op.page, (st) => st.screen === "operator_sign_in", "the operator's sign-in", 15000);
        if (lang === "en") {
          await clickWidget(op.page, s, "operator.token");
          await op.page.keyboard.type("not-the-operator-token", { delay: 2 });
          await pressKey(op.page, "Enter");
          await op.page.waitForTimeout(500);
          s = await waitForState(op.page, (st) => st.screen === "operator_sign_in", "still signed out with a wrong token");
          await clickWidget(op.page, s, "operator.token");
          await op.page.keyboard.down("Control"); await pressKey(op.page, "a"); await op.page.keyboard.up("Control");
        } else {
          await clickWidget(op.page, s, "operator.token");
        }
        await op.page.keyboard.type(t.store.adminToken, { delay: 2 });
        await clickWidget(op.page, s, "operator.sign_in");
        s = await waitForState(op.page, (st) => st.screen === "operator" && st.operator.places.includes("gyq-op:1"), "signed in, the store with its order", 15000);
        assert(s.operator.kiosks.includes("gyq-op-1 gyq-op enrolled"), "the kiosk, its store, enrolled: " + JSON.stringify(s.operator.kiosks));
        await clickWidget(op.page, s, "operator.place.gyq-op");
        s = await waitForState(op.page, (st) => st.operator.place === "gyq-op" && st.operator.orders.length === 1, "the store's orders");
        assert(s.operator.orders[0].startsWith(orderNo + " gyq-op-1 ") && !s.operator.orders[0].endsWith("pending_payment"),
          "the kiosk's paid order under its store: " + s.operator.orders[0]);
        await waitFrames(op.page, 3);
        const text = await screenText(op.page);
        assert(text.includes(orderNo), "a screen reader reads the order's number");
        await op.page.screenshot({ path: join(args.out, `operator-stores-${lang}.png`) });
        // Every control in the accessibility tree with its name; nothing serious for axe.
        const tree = await checkTree(op.page, `operator stores ${lang}`);
        console.log(`    operator stores ${lang}: controls checked in the tree: ${tree.checked}`);
        await checkAxe(op.page, `operator stores ${lang}`);
        if (lang === "en") {
          await clickWidget(op.page, s, "operator.tab_customs");
          await waitFrames(op.page, 5);
          const customs = await screenText(op.page);
          assert(customs.includes("Relay to the single window"), "the relay's state: " + customs.slice(0, 300));
          await op.page.screenshot({ path: join(args.out, "operator-customs-en.png") });
          // The regulator's figures of this month, and its CSV and workbook downloaded.
          await clickWidget(op.page, s, "operator.tab_stats");
          s = await waitForState(op.page, (st) => st.operator.statsMonth && st.operator.stats.some((r) => r.startsWith("store:gyq-op:1")), "this month's statistics, the store's order in them", 15000);
          const month = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7);
          assert(s.operator.statsMonth === month, "this month in China: " + s.operator.statsMonth);
          await waitFrames(op.page, 5);
          await op.page.screenshot({ path: join(args.out, "operator-statistics-en.png") });
          await checkTree(op.page, "operator statistics en");
          await checkAxe(op.page, "operator statistics en");
          for (const [id, format] of [["operator.stats_csv", "csv"], ["operator.stats_xlsx", "xlsx"]]) {
            const [download] = await Promise.all([op.page.waitForEvent("download", { timeout: 10000 }), clickWidget(op.page, s, id)]);
            assert(download.suggestedFilename() === `bondstore-stats-${month}.${format}`, "the file's name: " + download.suggestedFilename());
            const bytes = readFileSync(await download.path());
            if (format === "csv") assert(bytes.toString("utf8").startsWith("dimension,key,orders,"), "a CSV: " + bytes.toString("utf8").slice(0, 80));
            else assert(bytes.subarray(0, 2).toString("latin1") === "PK", "an XLSX (a zip) file");
          }
          await clickWidget(op.page, s, "operator.tab_merchants");
          await waitFrames(op.page, 5);
          await op.page.screenshot({ path: join(args.out, "operator-merchants-en.png") });
        }
        assert(op.errors.length === 0, "no page errors on the operator screen: " + op.errors.join("; "));
        await op.context.close();
      }
    }],
  ];
}

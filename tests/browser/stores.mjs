// Experience stores (issue 22): the operator registers a store and the display samples on its
// shelves and enrolls a kiosk in it (bondstore-admin); the kiosk knows its store and says a sample
// stands "in this store"; a shopper elsewhere reads which store shows the product.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { assert, clickWidget, openPage, waitForState, waitFrames } from "./harness.mjs";

const SKU = "IF-APT-PF3-800";

// What the screen says, as a screen reader reads it (web/platform/accessibility.h).
const screenText = (page) => page.evaluate(() => document.getElementById("a11y").textContent);

// t: { browser, server, args, sample, first, locales } (run.mjs).
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
  ];
}

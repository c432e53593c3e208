// Every screen in every language and direction, pseudo-locales, high-DPI, text size and contrast.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { assert, canonical, clickWidget, freePort, openPage, pressKey, startServer, waitFrames, waitForState } from "./harness.mjs";
import { NAME, ORIGIN, STOCK, PRICE, SKU, APPROX, assertLaidOut, selectLocale } from "./app_checks.mjs";

// t: { browser, server, args, sample, first, locales } (run.mjs).
export default function layoutTests(t) {
  const { browser, server, args, sample, first, locales } = t;
  return [
    ["every screen in all nine locales from one switch; Arabic right to left", async () => {
      const { context, page, errors } = await openPage(browser, { locale: "zh-CN", viewport: { width: 1280, height: 800 } });
      await page.goto(server.url);
      await page.evaluate(() => window.bondstore.firstFrame);
      let s = await waitForState(page, (st) => st.screen === "browse", "the catalog screen");
      await clickWidget(page, s, "add." + first.sku);
      s = await waitForState(page, (st) => st.cart.length === 1, "an item in the cart");
      // The home screen's category buttons, row by row.
      const chipRows = (st) => {
        const rows = new Map();
        for (const [id, r] of Object.entries(st.widgets).filter(([id]) => id.startsWith("home.category.")))
          rows.set(Math.round(r.y), [...(rows.get(Math.round(r.y)) || []), { id, ...r }]);
        return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, chips]) => chips);
      };
      const prices = new Set();
      let enFirstRow = null;
      for (const { tag, rtl } of locales.locales) {
        if (s.screen !== "browse") { await clickWidget(page, s, "nav.browse"); s = await waitForState(page, (st) => st.screen === "browse", "browse"); }
        s = tag === s.locale ? s : await selectLocale(page, tag);
        assert(s.rtl === !!rtl, `${tag}: direction ${s.rtl ? "rtl" : "ltr"}`);
        assert(s.productCount === sample.products.length, `${tag}: the whole catalog`);
        assert(s.firstRows[0][PRICE].length > 0 && s.firstRows[0][ORIGIN].length > 0, `${tag}: price and origin shown`);
        prices.add(s.firstRows[0][PRICE]);
        assertLaidOut(s, `${tag} browse`);
        if (tag === "en") enFirstRow = chipRows(s)[0].sort((a, b) => a.x - b.x).map((c) => c.id);
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
      const arRows = chipRows(s), rightEdge = Math.max(...arRows[0].map((c) => c.x + c.w));
      assert(arRows.length >= 2, "ar: the categories take more than one row: " + arRows.length);
      assert(rightEdge > s.viewport.w - 40, "ar: the first row ends at the right edge: " + rightEdge);
      for (const row of arRows) assert(Math.abs(Math.max(...row.map((c) => c.x + c.w)) - rightEdge) < 2, "ar: every row flush right");
      // Wrapped right to left: every row flush with the right edge, the first category rightmost.
      const firstRow = arRows[0].slice().sort((a, b) => b.x - a.x).map((c) => c.id);
      assert(firstRow[0] === enFirstRow[0], `ar: the first category (${enFirstRow[0]}) at the right: ${firstRow.join(", ")}`);
      await page.screenshot({ path: join(args.out, "rtl-ar-browse.png") });
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
  ];
}

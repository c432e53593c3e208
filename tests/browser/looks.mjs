// How the shop looks (issue 20): every shopper screen — home, a category, a product, the cart, and a
// kiosk's attract screen, and the merchant's sign-in — at phone, desktop and portrait-kiosk sizes, in both sample brands
// (Bondstore's and the test brand Harbour Lane's) and three languages (one right to left), compared
// with approved images so a change that breaks a layout fails the run.
//
// The comparison forgives what differs between two renderings of the same layout (font
// anti-aliasing, a picture's edge): both images are scaled down to at most kCompareWidth pixels
// wide, and pixelmatch (npm) counts the pixels whose colour moved more than its threshold; a screen
// fails when more than kMaxDifferent of them did. A layout broken on purpose (a card's picture moved
// by a few pixels, a line of text gone) fails it: the last test shows the comparison catching that.
//
//   node run.mjs … --only looks --approve=1   writes the approved images (tests/browser/approved/) anew
//
// Motion is reduced (prefers-reduced-motion) and the kiosk's slides held (?attract=hold), so a
// screen is the same at every run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import pixelmatch from "pixelmatch";
import { assert, clickWidget, openPage, startServer, waitFrames, waitForState } from "./harness.mjs";
import { selectLocale } from "./app_checks.mjs";

const kCompareWidth = 640;     // pixels, after scaling down
const kThreshold = 0.12;       // pixelmatch's per-pixel colour distance (0–1)
const kMaxDifferent = 0.001;   // of the pixels: 0.1%

const approvedDir = new URL("./approved/", import.meta.url).pathname;

const SIZES = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  kiosk: { viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 1, kiosk: true }, // a portrait kiosk
};
const LOCALES = ["en", "zh-Hans", "ar"];

// `png` (a PNGJS image) scaled down by a whole factor to at most kCompareWidth wide, each pixel the
// average of the block it stands for.
export function scaledDown(png) {
  const k = Math.max(1, Math.ceil(png.width / kCompareWidth));
  const w = Math.floor(png.width / k), h = Math.floor(png.height / k);
  const out = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const sum = [0, 0, 0, 0];
      for (let dy = 0; dy < k; dy++)
        for (let dx = 0; dx < k; dx++) {
          const i = ((y * k + dy) * png.width + (x * k + dx)) * 4;
          for (let c = 0; c < 4; c++) sum[c] += png.data[i + c];
        }
      const o = (y * w + x) * 4;
      for (let c = 0; c < 4; c++) out.data[o + c] = Math.round(sum[c] / (k * k));
    }
  return out;
}

// How many pixels of `a` and `b` (same size) differ beyond the threshold; `diff` (optional) gets the picture of them.
export function different(a, b, diff) {
  if (a.width !== b.width || a.height !== b.height) return a.width * a.height;
  return pixelmatch(a.data, b.data, diff ? diff.data : null, a.width, a.height, { threshold: kThreshold, includeAA: false });
}

// Compares a screenshot with its approved image (or, approving, replaces that image).
function compare(name, screenshot, { approve, out }) {
  const shot = scaledDown(PNG.sync.read(screenshot));
  const file = join(approvedDir, name + ".png");
  if (approve) {
    mkdirSync(approvedDir, { recursive: true });
    writeFileSync(file, PNG.sync.write(shot, { colorType: 2 }));
    return;
  }
  assert(existsSync(file), `${name}: no approved image (run with --approve, look at it, and commit it)`);
  const approved = PNG.sync.read(readFileSync(file));
  const diff = new PNG({ width: shot.width, height: shot.height });
  const n = different(approved, shot, diff);
  const share = n / (shot.width * shot.height);
  if (share > kMaxDifferent) {
    writeFileSync(join(out, `looks-${name}-now.png`), PNG.sync.write(shot));
    writeFileSync(join(out, `looks-${name}-diff.png`), PNG.sync.write(diff));
  }
  assert(share <= kMaxDifferent, `${name}: ${(share * 100).toFixed(2)}% of the screen differs from the approved image ` +
    `(at most ${kMaxDifferent * 100}%): see looks-${name}-diff.png`);
}

// Waits until the screen is complete: every picture in, and two frames drawn after.
async function settled(page, predicate, what) {
  await page.mouse.move(1, 1); // nothing hovered
  const s = await waitForState(page, (st) => predicate(st) && st.imagesLoading === 0, what, 15000);
  await waitFrames(page, 3);
  return waitForState(page, (st) => predicate(st) && st.imagesLoading === 0, what, 15000).then(() => s);
}

export default function looksTests(t) {
  const { browser, args } = t;
  const screenshots = async (page, name) => {
    const shot = await page.screenshot();
    writeFileSync(join(args.out, `looks-${name}.png`), shot);
    return shot;
  };
  const tests = [];
  for (const brand of ["bondstore", "harbour"]) {
    tests.push([`looks: ${brand}'s screens at phone, desktop and kiosk sizes in ${LOCALES.join(", ")} match the approved images`, async () => {
      const extraArgs = brand === "harbour" ? ["--brand", new URL("../brands/harbour/brand.json", import.meta.url).pathname] : [];
      const server = await startServer({ server: args.server, webDir: args["web-dir"], seedCatalog: args["seed-catalog"], extraArgs });
      const failures = [];
      try {
        for (const [size, options] of Object.entries(SIZES))
          for (const locale of LOCALES) {
            const { context, page, errors } = await openPage(browser, { ...options, kiosk: undefined, reducedMotion: "reduce", locale });
            const name = (screen) => `${brand}-${size}-${locale}-${screen}`;
            const check = async (screen) => {
              try {
                compare(name(screen), await screenshots(page, name(screen)), { approve: !!args.approve, out: args.out });
              } catch (e) {
                failures.push(e.message);
              }
            };
            await page.goto(server.url + (options.kiosk ? "kiosk?attract=hold" : ""));
            await page.evaluate(() => window.bondstore.firstFrame);
            let s;
            if (options.kiosk) {
              // A kiosk starts in the store's language (its attract screen is taken in that one); the
              // shopper may change it after the first touch.
              s = await settled(page, (st) => st.screen === "attract" && st.attractSku !== "", "the attract screen");
              if (s.locale === locale) await check("attract");
              await clickWidget(page, s, "kiosk.start");
            }
            s = await waitForState(page, (st) => st.screen === "browse", "browsing");
            if (s.locale !== locale) s = await selectLocale(page, locale);
            s = await settled(page, (st) => st.screen === "browse" && st.browseView === "grid" && st.firstRows.length > 0, "the home screen");
            assert(s.brand === brand, `${brand}: the store's brand is drawn, got ${s.brand}`);
            await check("home");
            // The first category tile wholly on screen (a phone's scroll sideways), and its first product.
            const tile = Object.entries(s.widgets).find(([id, r]) => id.startsWith("home.category.") && r.x >= 0 && r.x + r.w <= s.viewport.w);
            assert(tile, "a category tile on screen");
            await clickWidget(page, s, tile[0]);
            s = await settled(page, (st) => st.screen === "browse" && st.search.total < t.sample.products.length && st.firstRows.length > 0, "the category");
            await check("category");
            await clickWidget(page, s, "open." + s.firstRows[0][6]);
            s = await settled(page, (st) => st.screen === "product" && st.product.image === "ready", "the product page");
            await check("product");
            await clickWidget(page, s, "product.add");
            await clickWidget(page, s, "nav.cart");
            s = await settled(page, (st) => st.screen === "cart", "the cart");
            await check("cart");
            if (size === "desktop") {
              // The merchant's door wears the store's brand too (the desk behind it shows dated
              // charts, which would change by the day).
              await page.goto(server.url + "merchant");
              s = await settled(page, (st) => st.screen === "merchant_sign_in", "the merchant's sign-in");
              if (s.locale !== locale) s = await selectLocale(page, locale);
              await settled(page, (st) => st.screen === "merchant_sign_in" && st.locale === locale, "the merchant's sign-in");
              await check("merchant");
            }
            assert(errors.length === 0, `${name("")}: no page errors: ${errors.join("; ")}`);
            await context.close();
          }
      } finally {
        await server.stop();
      }
      assert(failures.length === 0, failures.join("\n    "));
    }]);
  }
  tests.push(["looks: the comparison forgives a re-rendering but catches a card's layout broken by a few pixels", async () => {
    // An approved home screen, and the same screen with one card's picture moved 6 CSS pixels and its
    // price line gone (a broken card, as a bad change to the grid would draw it).
    const file = join(approvedDir, "bondstore-desktop-en-home.png");
    if (args.approve || !existsSync(file)) return;
    const original = PNG.sync.read(readFileSync(new URL("./approved/bondstore-desktop-en-home.png", import.meta.url)));
    const shot = PNG.sync.read(readFileSync(join(args.out, "looks-bondstore-desktop-en-home.png")));
    const broken = PNG.sync.read(PNG.sync.write(shot));
    const k = shot.width / SIZES.desktop.viewport.width; // screenshot pixels per CSS pixel
    // The second card, where the grid of that screen draws it (its "add" button is a widget; the
    // test ran a moment ago in the same run, so the layout is the approved one).
    const move = (x0, y0, x1, y1, dx) => {
      const copy = Buffer.from(shot.data);
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const from = (y * shot.width + x) * 4, to = (y * shot.width + Math.min(shot.width - 1, x + dx)) * 4;
          for (let c = 0; c < 4; c++) broken.data[to + c] = copy[from + c];
        }
    };
    move(Math.round(217 * k), Math.round(280 * k), Math.round(416 * k), Math.round(630 * k), Math.round(6 * k));
    for (let y = Math.round(510 * k); y < Math.round(535 * k); y++) // the price line
      for (let x = Math.round(228 * k); x < Math.round(405 * k); x++) {
        const i = (y * shot.width + x) * 4;
        broken.data[i] = broken.data[i + 1] = broken.data[i + 2] = 255;
      }
    writeFileSync(join(args.out, "looks-broken-card.png"), PNG.sync.write(broken));
    const same = different(original, scaledDown(shot)) / (original.width * original.height);
    const changed = different(original, scaledDown(broken)) / (original.width * original.height);
    console.log(`    the same screen again: ${(same * 100).toFixed(3)}% differs; with one card broken: ${(changed * 100).toFixed(3)}%`);
    assert(same <= kMaxDifferent, "the same layout passes");
    assert(changed > kMaxDifferent, "a card broken by a few pixels fails");
  }]);
  return tests;
}

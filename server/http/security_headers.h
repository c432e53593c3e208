// SecurityHeaders: what every answer says about how a browser may use it. Every answer:
// X-Content-Type-Options nosniff, Referrer-Policy no-referrer, X-Frame-Options DENY and a
// Content-Security-Policy with frame-ancestors 'none'. The web app's page gets the policy it runs
// under: its own origin's scripts (plus the hashes of the page's inline script and style, computed
// from the page as served), WebAssembly compilation ('wasm-unsafe-eval'), no eval, no plugins, no
// framing; every other answer (JSON, files) gets default-src 'none'; a 304 gets none (the cached
// answer keeps its own). HSTS is the front's (it is the one that speaks HTTPS: scripts/front/).
#pragma once

#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
}

namespace bondstore {

// The policy for a page: `html` is the page, whose inline <script> and <style> blocks are allowed
// by their SHA-256 hashes.
std::string PagePolicy(std::string_view html);

// Adds the headers to `res` (the page's policy for the page and for scripts — the service worker
// runs under its script's — else the strict one).
void AddSecurityHeaders(const std::string& page_policy, httplib::Response& res);

} // namespace bondstore

#include "web/platform/sealing.h"

#include <emscripten.h>

#include <map>

namespace {

std::map<int, std::function<void(std::string)>> g_waiting;
int g_next = 1;

// ECDH P-256 with a one-time key, HKDF-SHA256 (empty salt, info "bondstore order seal v1") to
// an AES-256-GCM key, the Idempotency-Key as additional data: what OrderSeal::Open undoes.
EM_JS(void, js_seal, (int id, const char* key_ptr, const char* aad_ptr, const char* text_ptr), {
    var keyJson = UTF8ToString(key_ptr), aad = UTF8ToString(aad_ptr), text = UTF8ToString(text_ptr);
    function answer(s) {
        var p = s ? allocateUTF8(s) : 0;
        _bondstore_sealed(id, p);
        if (p) _free(p);
    }
    function b64(buf) {
        var a = new Uint8Array(buf), s = "";
        for (var i = 0; i < a.length; i++) s += String.fromCharCode(a[i]);
        return btoa(s);
    }
    try {
        var subtle = window.crypto && window.crypto.subtle;
        var k = JSON.parse(keyJson);
        if (!subtle || !k.public_key || !k.key_id) { answer(null); return; }
        var raw = Uint8Array.from(atob(k.public_key), function (c) { return c.charCodeAt(0); });
        var enc = new TextEncoder();
        var curve = {name: "ECDH", namedCurve: "P-256"};
        var iv = crypto.getRandomValues(new Uint8Array(12));
        Promise.all([subtle.importKey("raw", raw, curve, false, []), subtle.generateKey(curve, true, ["deriveBits"])])
            .then(function (keys) {
                return subtle.deriveBits({name: "ECDH", public: keys[0]}, keys[1].privateKey, 256)
                    .then(function (bits) { return subtle.importKey("raw", bits, "HKDF", false, ["deriveKey"]); })
                    .then(function (hkdf) {
                        return subtle.deriveKey({name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0),
                                                 info: enc.encode("bondstore order seal v1")},
                                                hkdf, {name: "AES-GCM", length: 256}, false, ["encrypt"]);
                    })
                    .then(function (aes) {
                        return Promise.all([subtle.encrypt({name: "AES-GCM", iv: iv, additionalData: enc.encode(aad)}, aes, enc.encode(text)),
                                            subtle.exportKey("raw", keys[1].publicKey)]);
                    });
            })
            .then(function (r) {
                answer(JSON.stringify({sealed: {v: 1, key_id: k.key_id, epk: b64(r[1]), iv: b64(iv), data: b64(r[0])}}));
            }, function () { answer(null); });
    } catch (e) { answer(null); }
});

} // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void bondstore_sealed(int id, const char* sealed)
{
    auto it = g_waiting.find(id);
    if (it == g_waiting.end()) return;
    auto done = std::move(it->second);
    g_waiting.erase(it);
    done(sealed ? std::string(sealed) : std::string());
}

namespace bondstore::web {

void SealForServer(const std::string& key_json, const std::string& aad, const std::string& plaintext,
                   std::function<void(std::string sealed)> done)
{
    int id = g_next++;
    g_waiting[id] = std::move(done);
    js_seal(id, key_json.c_str(), aad.c_str(), plaintext.c_str());
}

} // namespace bondstore::web

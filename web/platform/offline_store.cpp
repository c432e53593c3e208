#include "web/platform/offline_store.h"

#include "web/platform/fetch.h"

#include <emscripten.h>

#include <map>

namespace {

// Callbacks waiting for IndexedDB, by request number.
struct Waiting {
    std::function<void(bool)> put;
    std::function<void(bool, std::string)> get;
    std::function<void(std::vector<std::pair<std::string, std::string>>)> list;
    std::vector<std::pair<std::string, std::string>> rows; // a list's rows, as they arrive
};
std::map<int, Waiting> g_waiting;
int g_next = 1;

const char* TableName(bondstore::web::OfflineTable t)
{
    return t == bondstore::web::OfflineTable::Kept ? "kept" : "outbox";
}

// One open connection per page; requests made before it opens wait for it. A browser without
// IndexedDB (or one that refuses it: private mode, a full disk) answers every request as failed.
EM_JS(void, js_offline_request, (int id, int op, const char* table_ptr, const char* key_ptr, const char* value_ptr), {
    var table = UTF8ToString(table_ptr), key = key_ptr ? UTF8ToString(key_ptr) : "", value = value_ptr ? UTF8ToString(value_ptr) : "";
    function answer(ok, k, v) {
        var kp = k === null ? 0 : allocateUTF8(k), vp = v === null ? 0 : allocateUTF8(v);
        _bondstore_offline_answer(id, ok ? 1 : 0, kp, vp);
        if (kp) _free(kp);
        if (vp) _free(vp);
    }
    if (!Module.bondstoreDb) {
        Module.bondstoreDb = new Promise(function (resolve) {
            try {
                var open = indexedDB.open("bondstore", 1);
                open.onupgradeneeded = function () {
                    open.result.createObjectStore("kept");
                    open.result.createObjectStore("outbox");
                };
                open.onsuccess = function () { resolve(open.result); };
                open.onerror = function () { resolve(null); };
                open.onblocked = function () { resolve(null); };
            } catch (e) { resolve(null); }
        });
    }
    if (op === 4) { // keep: fetched here and written straight to IndexedDB, never through the app's memory
        fetch(key, {credentials: "same-origin"}).then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
            .then(function (text) {
                return Module.bondstoreDb.then(function (db) {
                    if (!db) { answer(false, null, null); return; }
                    var tx = db.transaction([table], "readwrite");
                    tx.objectStore(table).put(text, key);
                    tx.oncomplete = function () { answer(true, null, null); };
                    tx.onerror = tx.onabort = function () { answer(false, null, null); };
                });
            }).catch(function () { answer(false, null, null); });
        return;
    }
    Module.bondstoreDb.then(function (db) {
        if (!db) { if (op !== 3) answer(op === 2, null, null); return; }
        try {
            var tx = db.transaction([table], op === 0 ? "readwrite" : op === 3 ? "readwrite" : "readonly",
                                    {durability: "strict"});
            var store = tx.objectStore(table);
            if (op === 0) { // put
                store.put(value, key);
                tx.oncomplete = function () { answer(true, null, null); };
                tx.onerror = tx.onabort = function () { answer(false, null, null); };
            } else if (op === 1) { // get
                var r = store.get(key);
                r.onsuccess = function () { answer(r.result !== undefined, key, r.result === undefined ? null : String(r.result)); };
                r.onerror = function () { answer(false, null, null); };
            } else if (op === 2) { // list: a row per call, then a call with no key
                var c = store.openCursor();
                c.onsuccess = function () {
                    var cur = c.result;
                    if (cur) { answer(true, String(cur.key), String(cur.value)); cur.continue(); }
                    else answer(true, null, null);
                };
                c.onerror = function () { answer(true, null, null); };
            } else if (op === 3) { // delete
                store.delete(key);
            }
        } catch (e) { if (op !== 3) answer(op === 2, null, null); }
    });
});

EM_JS(void, js_offline_forget_all, (), {
    var done = function () {
        try { indexedDB.deleteDatabase("bondstore"); } catch (e) {}
    };
    if (Module.bondstoreDb) {
        var p = Module.bondstoreDb;
        Module.bondstoreDb = null;
        p.then(function (db) { if (db) db.close(); done(); });
    } else done();
});

int Request(int op, bondstore::web::OfflineTable table, const std::string* key, const std::string* value, Waiting w)
{
    int id = g_next++;
    g_waiting[id] = std::move(w);
    js_offline_request(id, op, TableName(table), key ? key->c_str() : nullptr, value ? value->c_str() : nullptr);
    return id;
}

} // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void bondstore_offline_answer(int id, int ok, const char* key, const char* value)
{
    auto it = g_waiting.find(id);
    if (it == g_waiting.end()) return;
    Waiting& w = it->second;
    if (w.list) {
        if (key) { w.rows.emplace_back(key, value ? value : ""); return; }
        auto done = std::move(w.list);
        auto rows = std::move(w.rows);
        g_waiting.erase(it);
        done(std::move(rows));
        return;
    }
    Waiting finished = std::move(w);
    g_waiting.erase(it);
    if (finished.put) finished.put(ok != 0);
    if (finished.get) finished.get(ok != 0, value ? std::string(value) : std::string());
}

namespace bondstore::web {

void OfflinePut(OfflineTable table, const std::string& key, const std::string& value, std::function<void(bool)> done)
{
    Waiting w;
    w.put = done ? std::move(done) : [](bool) {};
    Request(0, table, &key, &value, std::move(w));
}

void OfflineGet(OfflineTable table, const std::string& key, std::function<void(bool, std::string)> done)
{
    Waiting w;
    w.get = std::move(done);
    Request(1, table, &key, nullptr, std::move(w));
}

void OfflineList(OfflineTable table, std::function<void(std::vector<std::pair<std::string, std::string>>)> done)
{
    Waiting w;
    w.list = std::move(done);
    Request(2, table, nullptr, nullptr, std::move(w));
}

void OfflineDelete(OfflineTable table, const std::string& key)
{
    js_offline_request(0, 3, TableName(table), key.c_str(), nullptr);
}

void KeepInBackground(const std::string& url, std::function<void(bool ok)> done)
{
    Waiting w;
    w.put = done ? std::move(done) : [](bool) {};
    Request(4, OfflineTable::Kept, &url, nullptr, std::move(w));
}

void OfflineForgetAll() { js_offline_forget_all(); }

void FetchOrKept(const std::string& url, std::function<void(FetchResult)> done)
{
    FetchGet(url, [url, done = std::move(done)](FetchResult r) {
        if (r.status == 200) {
            OfflinePut(OfflineTable::Kept, url, r.body);
            done(std::move(r));
            return;
        }
        if (r.status != 0) { done(std::move(r)); return; }
        OfflineGet(OfflineTable::Kept, url, [r = std::move(r), done](bool found, std::string value) mutable {
            if (found) {
                r.status = 200;
                r.body = std::move(value);
                r.error.clear();
                r.kept = true;
            }
            done(std::move(r));
        });
    });
}

} // namespace bondstore::web

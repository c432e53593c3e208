// OfflineStore: what the app keeps in the browser's IndexedDB (database "bondstore") to work
// without the network — the last catalog, tax table and inventory it fetched ("kept" copies), and
// orders placed while offline (the outbox), until the server has them.
//
// Every call is asynchronous; callbacks run on the main thread. The outbox is written with strict
// durability: when OfflinePut's callback says ok, the order survives a crash or a power cut.
#pragma once

#include "web/platform/fetch.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace bondstore::web {

enum class OfflineTable { Kept, Outbox };

void OfflinePut(OfflineTable table, const std::string& key, const std::string& value,
                std::function<void(bool ok)> done = {});
// `found` is false when there is no such key (or IndexedDB is unavailable).
void OfflineGet(OfflineTable table, const std::string& key, std::function<void(bool found, std::string value)> done);
// Every (key, value) of the table, in key order.
void OfflineList(OfflineTable table, std::function<void(std::vector<std::pair<std::string, std::string>>)> done);
void OfflineDelete(OfflineTable table, const std::string& key);
// GET `url`: a 200's body is kept (table Kept, under the URL); when the server cannot be reached
// (status 0) the kept copy answers instead, as a 200 with `kept` set, if there is one.
void FetchOrKept(const std::string& url, std::function<void(FetchResult)> done);

// GET `url` and keep its body (table Kept) without passing it through the app: a large body (a
// kiosk's whole catalog, 50 MB) costs the page no copy and no pause. `done` says whether it was kept.
void KeepInBackground(const std::string& url, std::function<void(bool ok)> done = {});

// Deletes the whole database (a kiosk forgetting its shopper).
void OfflineForgetAll();

} // namespace bondstore::web

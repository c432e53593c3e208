// MerchantDesk: the merchant screen's state and actions (/merchant) — signing in with an API
// token, checking a catalog file with core in the browser before anything is sent (the same
// importer the server runs), uploading it with progress, and reading back the merchant's stock
// and sales. The screen itself is screens/merchant.cpp.
#pragma once

#include "core/bonded_stock.h"
#include "core/catalog_import.h"
#include "core/problem.h"

#include <string>
#include <vector>

namespace bondstore::web {

struct App;

struct MerchantDesk {
    bool on = false;                 // the page is /merchant
    char token[160] = "";
    std::string merchant;            // signed in as ("" = not signed in)
    bool busy = false;
    std::string notice;              // the last failure, in the merchant's language

    // The chosen file, and core's report on it.
    std::string file_name, file_bytes;
    CatalogImport check;             // products and problems, as the server would find them
    bool checked = false;

    // The upload.
    bool uploading = false;
    double sent = 0;                 // fraction of the file sent
    int upload_status = 0;           // the server's answer (0: none yet)
    int64_t created = 0, updated = 0, unchanged = 0;
    std::vector<Problem> upload_problems;

    // The merchant's products and their bonded stock.
    std::vector<Product> products;
    std::vector<SkuAvailability> stock;

    // Sales by day (oldest first) and the top products.
    struct Day { std::string date; int64_t orders = 0, goods_fen = 0, tax_fen = 0, rejected = 0; };
    std::vector<Day> days;
    struct Top { std::string sku; int64_t qty = 0, goods_fen = 0; };
    std::vector<Top> top;
    int tab = -1;                    // the tab shown last frame (a switch reads the figures again)
};

void SignIn(App& app);
void SignOut(App& app);
// A file chosen or dropped: core checks it at once.
void CheckCatalogFile(App& app, std::string name, std::string bytes);
// Sends the checked file; the server checks it again and applies it.
void UploadCatalog(App& app);
// Reads the merchant's products, stock and sales again.
void RefreshMerchant(App& app);

} // namespace bondstore::web

// MerchantDesk: the merchant screen's state (/merchant) — who is signed in, the file being checked
// and uploaded, and the merchant's products, stock and sales as last read. Its actions are
// actions/merchant_desk.h.
#pragma once

#include "core/base/problem.h"
#include "core/catalog/bonded_stock.h"
#include "core/customs/hs_keywords.h"
#include "core/import/catalog_file.h"
#include "core/import/catalog_fixup.h"
#include "core/wire/merchant_json.h"

#include <string>
#include <vector>

namespace bondstore::web {

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

    // A plain export (no customs columns): the fix-up file core made from it in the browser, and
    // the merchant's review of its suggestions, row by row (edited in place, then written back).
    struct FixupEdit {
        char hs_code[16] = "", origin[8] = "", legal_qty[32] = "", title_zh[256] = "";
        bool checked = false;        // the merchant has checked the row: nothing left to review
    };
    bool plain_export = false;       // the check found no customs columns
    CatalogFixup fixup;              // "" file until made
    std::vector<FixupEdit> edits;    // one per fixup.rows
    HsKeywordTable hs_keywords;      // GET /api/hs-keywords, once
    bool hs_keywords_loaded = false;

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
    std::vector<SalesFigures::Day> days;
    std::vector<SalesFigures::Top> top;
    // What the merchant's orders owe back and what went back (refunds go through the provider).
    RefundList refunds;
    // Returns declared to customs, and the clock of their goods (due back 45 days after release).
    ReturnList returns;
    // Customs' tax bills of the merchant's orders, each checked against the tax charged.
    TaxBillList tax_bills;
    int64_t now = 0;                 // unix seconds when the figures were read (the clock's "today")
    int tab = -1;                    // the tab shown last frame (a switch reads the figures again)
};

} // namespace bondstore::web

// Catalog: the products a store sells, its bonded warehouses and their stock, with validation.
//
// Parsing from JSON lives in wire.h; this file holds the model and the rules a product must meet
// before it may be sold (every problem is a Problem with a stable code, see problem.h).
#pragma once

#include "core/base/problem.h"
#include "core/catalog/bonded_stock.h"
#include "core/catalog/product.h"
#include "core/tax/tax_table.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bondstore {

struct Catalog {
    int64_t version = 0;
    std::vector<Product> products;
    std::vector<Warehouse> warehouses;
    std::vector<StockLevel> stock;

    const Product* FindBySku(std::string_view sku) const;
};

// Checks one product against the catalog rules. `index` is stamped into every problem.
// Does not check cross-product rules (duplicate SKUs); ValidateCatalog does.
void ValidateProduct(const Product& p, int64_t index, std::vector<Problem>& out);

// Checks that the product's HS code has a rule in the tax table on `date` and that the rule puts it
// on the positive list ("catalog.hs_code_not_in_table", "catalog.not_on_positive_list").
void ValidateAgainstTaxTable(const Product& p, const TaxTable& table, CalendarDate date, int64_t index,
                             std::vector<Problem>& out);

// Checks every product, duplicate SKUs and barcodes, and that stock refers to known SKUs and
// warehouses with non-negative counts.
std::vector<Problem> ValidateCatalog(const Catalog& catalog);

// Computed when a catalog is published, not uploaded: for every locale that converts from another
// (zh-Hant from zh-Hans), the title a product lacks, made by machine (Product::machine_title).
// Titles a merchant gave are never replaced.
void ComputeMachineTitles(std::vector<Product>& products);

} // namespace bondstore

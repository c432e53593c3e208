// libFuzzer target: the Shopify CSV mapping (header dialects, grouping, metafields) and the
// catalog rules behind it.
#include "tests/fuzz/fuzz_tax_table.h"

#include "core/import/catalog_import.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view text(reinterpret_cast<const char*>(data), size);
    bondstore::ImportOptions options;
    options.merchant = "fuzz";
    options.tax_table = &bondstore::fuzz::TaxTable();
    options.date = {2025, 6, 1};
    options.csv.max_field_bytes = 4096;
    bondstore::CatalogImport r = bondstore::ImportCatalog(text, bondstore::CatalogFormat::ShopifyCsv, options);
    // A product that is kept has passed the rules: a SKU, a Chinese title, a positive price.
    for (const bondstore::ImportedProduct& p : r.products)
        if (p.product.sku.empty() || p.product.price.fen <= 0 || !p.product.title.Find("zh-Hans")) std::abort();
    if (r.fatal && !r.products.empty()) std::abort();
    return 0;
}

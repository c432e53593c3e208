// libFuzzer target: the Shopify CSV mapping (header dialects, grouping, metafields) and the
// catalog rules behind it; and the fix-up file made from the same bytes (catalog_fixup.h), which
// must keep every record and never lose a row.
#include "tests/fuzz/fuzz_tax_table.h"

#include "core/formats/csv.h"
#include "core/import/catalog_fixup.h"
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

    // The fix-up file: as many records as the input, each with six more cells than the header had
    // before (a short row padded), and read back by the importer without a crash.
    static const bondstore::HsKeywordTable keywords = {{{"0409", "0409000000", {{"en", {"honey"}}, {"zh-Hans", {"蜂蜜"}}}}}};
    static const bondstore::HsSuggester hs(keywords);
    static const bondstore::OriginSuggester origin;
    bondstore::CatalogFixup fixup = bondstore::FixUpShopifyCsv(text, hs, origin);
    if (fixup.ok()) {
        int64_t in = 0, out = 0;
        bondstore::CsvReader a(','), b(',');
        auto count_in = [&](const bondstore::CsvRecord&) { in++; return true; };
        auto count_out = [&](const bondstore::CsvRecord&) { out++; return true; };
        a.Feed(text, count_in);
        a.Finish(count_in);
        b.Feed(fixup.file, count_out);
        b.Finish(count_out);
        if (in != out || b.failed()) std::abort();
        bondstore::ImportCatalog(bondstore::ReviewedFixupFile(fixup, fixup.rows), bondstore::CatalogFormat::ShopifyCsv, options);
    }
    return 0;
}

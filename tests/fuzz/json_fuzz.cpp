// libFuzzer target: every JSON document the core reads — catalogs (and the native import), a
// catalog's pages, quote requests, tax tables, the store's brand and its featured products — and
// the quote itself on whatever request parses.
#include "tests/fuzz/fuzz_tax_table.h"

#include "core/import/catalog_import.h"
#include "core/tax/tax.h"
#include "core/wire/brand_json.h"
#include "core/wire/catalog_json.h"
#include "core/wire/tax_json.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view text(reinterpret_cast<const char*>(data), size);
    bondstore::CatalogParse catalog = bondstore::ParseCatalogJson(text);
    if (catalog.ok()) bondstore::ParseCatalogJson(bondstore::CatalogToJson(catalog.catalog, true));
    bondstore::CatalogPageParse page = bondstore::ParseCatalogPageJson(text);
    if (page.ok()) { // written whole and read back: the same products
        bondstore::Catalog c;
        c.products = page.page.products;
        c.warehouses = page.page.warehouses;
        bondstore::CatalogPageParse again = bondstore::ParseCatalogPageJson(bondstore::CompleteCatalogPageToJson(c));
        if (!again.ok() || again.page.products.size() != c.products.size()) std::abort();
    }
    bondstore::ImportOptions options;
    options.merchant = "fuzz";
    bondstore::ImportCatalog(text, bondstore::CatalogFormat::NativeJson, options);
    bondstore::ParseTaxTableJson(text);
    bondstore::QuoteRequestParse request = bondstore::ParseQuoteRequestJson(text, bondstore::QuoteLineForm::Inline);
    if (request.ok()) {
        bondstore::TaxQuote q = bondstore::Quote(request.request, bondstore::fuzz::TaxTable());
        if (q.tax_total.fen < 0) std::abort();
        if (q.accepted() && q.tax_total != q.tariff + q.consumption_tax + q.vat) std::abort();
        bondstore::TaxQuoteToJson(q);
    }
    bondstore::BrandParse brand = bondstore::ParseBrandJson(text);
    if (brand.ok()) { // a brand that passed its checks is written and read back unchanged
        bondstore::BrandParse again = bondstore::ParseBrandJson(bondstore::BrandToJson(brand.brand));
        if (!again.ok() || bondstore::BrandToJson(again.brand) != bondstore::BrandToJson(brand.brand)) std::abort();
    }
    if (auto featured = bondstore::ParseFeaturedProductsJson(text)) {
        auto again = bondstore::ParseFeaturedProductsJson(bondstore::FeaturedProductsToJson(*featured));
        if (!again || again->skus != featured->skus || again->source != featured->source) std::abort();
    }
    return 0;
}

// Catalog imports: Shopify CSV (both dialects), Google Merchant feeds (TSV, XML), native JSON —
// real-world quirks, row-level problems, and files that cannot be read at all.
#include <doctest/doctest.h>

#include "core/import/catalog_import.h"
#include "tests/core/parity.h"
#include "tests/core/tax_fixtures.h"

#include <algorithm>

using namespace bondstore;
using namespace bondstore::test;

namespace {

ImportOptions Options()
{
    ImportOptions o;
    o.merchant = "m1";
    o.tax_table = &BundledTaxTable();
    o.date = Day("2025-06-01");
    return o;
}

const ImportedProduct* Find(const CatalogImport& r, const std::string& sku)
{
    for (const ImportedProduct& p : r.products)
        if (p.product.sku == sku) return &p;
    return nullptr;
}

const Problem* FindProblem(const CatalogImport& r, const std::string& code, int64_t row = -2)
{
    for (const Problem& p : r.problems)
        if (p.code == code && (row == -2 || p.row == row)) return &p;
    return nullptr;
}

std::string Describe(const CatalogImport& r)
{
    std::string s;
    for (const Problem& p : r.problems) s += p.code + " row " + std::to_string(p.row) + " [" + p.field + "] " + p.value + "\n";
    return s;
}

} // namespace

TEST_CASE("Shopify legacy export: variants by handle, continuation and image rows, metafields, quirks")
{
    CatalogImport r = ImportCatalog(EmbeddedTestAssetView("shopify_legacy"), CatalogFormat::ShopifyCsv, Options());
    INFO(Describe(r));
    CHECK_FALSE(r.fatal);
    CHECK(r.dialect == "legacy");
    CHECK(r.rows == 6);
    REQUIRE(r.products.size() == 3);
    CHECK(r.rejected == 2);

    const ImportedProduct* small = Find(r, "IF-APT-800");
    REQUIRE(small);
    const Product& p = small->product;
    CHECK(small->row == 2);
    CHECK(p.handle == "aptamil-profutura");
    CHECK(p.merchant == "m1");
    CHECK(*p.title.Find("en") == "Aptamil Profutura Follow-on Milk / 800 g");
    CHECK(*p.title.Find("zh-Hans") == "爱他美 Profutura 较大婴儿配方奶粉 / 800 g");
    CHECK(*p.description.Find("en") == "Follow-on milk, made in Germany . 800 g & 1.2 kg cans.");
    CHECK(p.brand == "Aptamil");
    CHECK(p.category == "infant_formula");
    CHECK(p.tags == std::vector<std::string>{"奶粉", "stage-3"});
    CHECK(p.price.fen == 29800);
    CHECK(p.compare_at.fen == 32800);
    CHECK(p.barcode == "4008976021100"); // Excel's leading apostrophe removed
    CHECK(p.weight_g == 950);
    CHECK(p.hs_code == "1901101010");
    CHECK(p.origin_country == "304");
    CHECK(p.origin_iso == "DE");
    CHECK(p.unit_code == "122");
    CHECK(FormatDecimal(p.legal_qty) == "800");
    CHECK(p.legal_unit == "g");
    CHECK(p.images.size() == 3); // including the image-only continuation row

    const ImportedProduct* big = Find(r, "IF-APT-1200");
    REQUIRE(big);
    CHECK(big->row == 3); // a spreadsheet row, though the record before spans two lines
    CHECK(FormatDecimal(big->product.legal_qty) == "1200"); // the variant metafield wins
    CHECK(*big->product.title.Find("zh-Hans") == "爱他美 Profutura 较大婴儿配方奶粉 / 1.2 kg");
    CHECK(big->product.price.fen == 41800);

    const ImportedProduct* cream = Find(r, "SK-LAM-60");
    REQUIRE(cream);
    CHECK(*cream->product.title.Find("en") == "Crème de la Mer 60 ml"); // no "Default Title" suffix
    CHECK(cream->product.price.fen == 284000);                          // "2,840.00"
    CHECK(cream->product.origin_country == "502");

    // The draft is skipped with a warning; the bad row is named precisely.
    const Problem* draft = FindProblem(r, "shopify.not_active", 6);
    REQUIRE(draft);
    CHECK(draft->severity == Severity::Warning);
    const Problem* price = FindProblem(r, "catalog.price_not_a_number", 7);
    REQUIRE(price);
    CHECK(price->field == "Variant Price");
    CHECK(price->value == "abc");
    CHECK(price->sku == "SK-BAD-1");
    CHECK(FindProblem(r, "catalog.barcode_scientific", 7)->field == "Variant Barcode");
    CHECK(FindProblem(r, "catalog.hs_code_format", 7)->field == "HS code (product.metafields.customs.hs_code)");
    CHECK(FindProblem(r, "catalog.origin_unknown", 7)->value == "ZZ");
    CHECK(FindProblem(r, "catalog.title_zh_missing", 7)->field == "Chinese title (product.metafields.customs.title_zh)");
}

TEST_CASE("Shopify 2024+ export: the new header names, continuation variants, second quantities")
{
    CatalogImport r = ImportCatalog(EmbeddedTestAssetView("shopify_2024"), CatalogFormat::ShopifyCsv, Options());
    INFO(Describe(r));
    CHECK(r.dialect == "2024");
    CHECK(r.ok());
    REQUIRE(r.products.size() == 3);
    const Product& whisky = Find(r, "SP-GLF-12")->product;
    CHECK(*whisky.title.Find("en") == "Glenfiddich 12 Year Old / 700 ml");
    CHECK(*whisky.description.Find("en") == "Single malt, \"Speyside\"");
    CHECK(whisky.origin_iso == "GB");
    CHECK(whisky.unit_code == "142");
    CHECK(FormatDecimal(whisky.legal_qty) == "0.7");
    CHECK(whisky.legal_unit == "L");
    CHECK(whisky.weight_g == 1250);
    const Product& gift = Find(r, "SP-GLF-12-GIFT")->product;
    CHECK(*gift.title.Find("zh-Hans") == "格兰菲迪 12年单一麦芽威士忌 / Gift box 700 ml");
    CHECK(gift.price.fen == 45000);
    CHECK(gift.legal_unit == "L"); // product-level metafield from the first row
    const Product& mask = Find(r, "SK-MED-10")->product;
    CHECK(mask.unit_code == "140");
    CHECK(FormatDecimal(mask.second_qty) == "10");
    CHECK(mask.second_unit == "sheet");
}

TEST_CASE("Shopify: what customs reads travels in metafields, out and back")
{
    CatalogImport first = ImportCatalog(EmbeddedTestAssetView("shopify_2024"), CatalogFormat::ShopifyCsv, Options());
    REQUIRE(first.ok());
    std::vector<Product> products;
    for (const ImportedProduct& p : first.products) products.push_back(p.product);
    products[0].customs_name = "威士忌";
    products[0].item_record_no = "BS-0042";
    products[0].net_weight_g = products[0].weight_g - 300;
    std::string csv = ProductsToShopifyCsv(products);
    CHECK(csv.find("(variant.metafields.customs.customs_name)") != std::string::npos);

    CatalogImport again = ImportCatalog(csv, CatalogFormat::ShopifyCsv, Options());
    INFO(Describe(again));
    CHECK(again.ok());
    const Product& p = Find(again, products[0].sku)->product;
    CHECK(p.customs_name == "威士忌");
    CHECK(p.item_record_no == "BS-0042");
    CHECK(p.net_weight_g == products[0].weight_g - 300);
    CHECK(Find(again, products[1].sku)->product.customs_name.empty());

    // A net weight that is not grams, or over the gross, is that row's problem.
    std::string bad = csv;
    size_t at = bad.find(std::to_string(products[0].net_weight_g) + "\r\n");
    REQUIRE(at != std::string::npos);
    bad.replace(at, std::to_string(products[0].net_weight_g).size(), "heavy");
    CHECK(FindProblem(ImportCatalog(bad, CatalogFormat::ShopifyCsv, Options()), "catalog.weight_not_a_number"));
    products[0].net_weight_g = products[0].weight_g + 1;
    CHECK(FindProblem(ImportCatalog(ProductsToShopifyCsv(products), CatalogFormat::ShopifyCsv, Options()),
                      "catalog.net_weight_over_gross"));
}

TEST_CASE("Google Merchant feed, TSV: price with currency, sale price, weight, the customs attributes")
{
    CatalogImport r = ImportCatalog(EmbeddedTestAssetView("google_tsv"), CatalogFormat::GoogleTsv, Options());
    INFO(Describe(r));
    REQUIRE(r.products.size() == 1);
    const Product& oil = r.products[0].product;
    CHECK(oil.sku == "OL-BOR-1L");
    CHECK(oil.handle == "borges-evoo");
    CHECK(oil.price.fen == 11900);
    CHECK(oil.compare_at.fen == 12900);
    CHECK(oil.weight_g == 1100);
    CHECK(oil.category == "Olive oil");
    CHECK(oil.origin_iso == "ES");
    const Problem* usd = FindProblem(r, "catalog.currency_not_cny", 3);
    REQUIRE(usd);
    CHECK(usd->field == "price");
    CHECK(usd->value == "79.00 USD");
}

TEST_CASE("Google Merchant feed, RSS XML: namespaced attributes, CDATA, nested attributes ignored")
{
    CatalogImport r = ImportCatalog(EmbeddedTestAssetView("google_xml"), CatalogFormat::GoogleXml, Options());
    INFO(Describe(r));
    CHECK(r.ok());
    REQUIRE(r.products.size() == 2);
    const Product& honey = r.products[0].product;
    CHECK(*honey.title.Find("en") == "Comvita UMF 10+ Manuka Honey & more");
    CHECK(honey.price.fen == 39900); // not the nested <g:shipping><g:price>
    CHECK(honey.images.size() == 2);
    CHECK(r.products[0].row == 6);   // the line of its <item>
    CHECK(r.products[1].product.unit_code == "140");
    CHECK(r.products[1].product.legal_unit == "g");

    CatalogImport broken = ImportCatalog("<rss><channel><item><g:id>X</g:id></channel></rss>", CatalogFormat::GoogleXml, Options());
    CHECK(broken.fatal);
    CHECK(broken.problems[0].code == "xml.mismatched_tag");
    CHECK(ImportCatalog("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x/>", CatalogFormat::GoogleXml, Options())
              .problems[0].code == "xml.doctype_not_allowed");
    CHECK(ImportCatalog("<rss><channel><item><g:id>&bogus;</g:id></item></channel></rss>", CatalogFormat::GoogleXml, Options())
              .problems[0].code == "xml.unknown_entity");
}

TEST_CASE("native JSON imports with the same rules; stock sections are left to the stock upload")
{
    CatalogImport r = ImportCatalog(EmbeddedTestAssetView("sample_catalog"), CatalogFormat::NativeJson, Options());
    INFO(Describe(r));
    CHECK(r.ok());
    CHECK(r.products.size() >= 30);
    CHECK(r.products[0].index == 0);
    CHECK(FindProblem(r, "import.stock_section_ignored"));
    CatalogImport bad = ImportCatalog(R"({"products":[{"sku":"A"}]})", CatalogFormat::NativeJson, Options());
    CHECK(bad.products.empty());
    CHECK(bad.rejected == 1);
    CHECK(FindProblem(bad, "json.missing_field")->section == "products");
}

TEST_CASE("the positive list is checked on the date given")
{
    std::string csv = "Handle,Title,Variant SKU,Variant Price,HS (product.metafields.customs.hs_code),O (product.metafields.customs.origin_country),"
                      "U (product.metafields.customs.unit),Q (product.metafields.customs.legal_qty),Z (product.metafields.customs.title_zh)\n"
                      "smokes,Cigarettes,TB-1,50.00,2402200000,GB,007,20 piece,香烟\n"
                      "beer,Beer,BR-1,120.00,2203000000,JP,120,12 L,啤酒\n";
    ImportOptions o = Options();
    o.date = Day("2018-06-01"); // beer was not on the list yet
    CatalogImport r = ImportCatalog(csv, CatalogFormat::ShopifyCsv, o);
    CHECK(r.products.empty());
    CHECK(FindProblem(r, "catalog.not_on_positive_list", 2));
    CHECK(FindProblem(r, "catalog.not_on_positive_list", 3));
    o.date = Day("2019-01-01");
    CHECK(ImportCatalog(csv, CatalogFormat::ShopifyCsv, o).products.size() == 1);
}

TEST_CASE("files that cannot be read at all are refused whole")
{
    CatalogImport empty = ImportCatalog("", CatalogFormat::ShopifyCsv, Options());
    CHECK(empty.fatal);
    CHECK(empty.problems[0].code == "import.empty_file");

    std::string unterminated = "Handle,Title,Variant SKU,Variant Price\nh,\"Oops,S-1,1.00\nh2,T,S-2,2.00\n";
    CatalogImport u = ImportCatalog(unterminated, CatalogFormat::ShopifyCsv, Options());
    CHECK(u.fatal);
    CHECK(u.products.empty());
    CHECK(u.problems[0].code == "csv.unterminated_quote");
    CHECK(u.problems[0].row == 2);

    CatalogImport latin1 = ImportCatalog("Handle,Title,Variant SKU,Variant Price\nh,Cr\xe8me,S-1,1.00\n", CatalogFormat::ShopifyCsv, Options());
    CHECK(latin1.fatal);
    CHECK(latin1.problems[0].code == "csv.invalid_utf8");
    CHECK(latin1.problems[0].row == 2);
    CHECK(latin1.problems[0].field == "Title");

    std::string huge = "Handle,Title,Variant SKU,Variant Price\nh,\"" + std::string(10u << 20, 'x') + "\",S-1,1.00\n";
    CHECK(ImportCatalog(huge, CatalogFormat::ShopifyCsv, Options()).problems[0].code == "csv.field_too_long");

    ImportOptions small = Options();
    small.max_file_bytes = 1000;
    CatalogImport too_big = ImportCatalog(std::string(5000, 'a'), CatalogFormat::ShopifyCsv, small);
    CHECK(too_big.problems[0].code == "import.file_too_large");

    CatalogImport no_price = ImportCatalog("Handle,Title,Variant SKU\nh,T,S\n", CatalogFormat::ShopifyCsv, Options());
    CHECK(no_price.fatal);
    CHECK(no_price.problems[0].code == "shopify.missing_column");

    std::string lines = "Handle,Title,Variant SKU,Variant Price\n" + std::string(1000000, '\n');
    CatalogImport blank = ImportCatalog(lines, CatalogFormat::ShopifyCsv, Options());
    CHECK_FALSE(blank.fatal);
    CHECK(blank.products.empty());
}

TEST_CASE("feeding byte by byte gives the same import as the whole file")
{
    for (const char* name : {"shopify_legacy", "shopify_2024", "google_tsv", "google_xml"}) {
        CAPTURE(name);
        std::string_view bytes = EmbeddedTestAssetView(name);
        CatalogFormat format = DetectCatalogFormat(bytes.substr(0, 512));
        CHECK(format != CatalogFormat::Unknown);
        CatalogImport whole = ImportCatalog(bytes, format, Options());
        CatalogImporter importer(format, Options());
        for (char c : bytes) importer.Feed(std::string_view(&c, 1));
        CatalogImport pieces = importer.Finish();
        CHECK(pieces.products.size() == whole.products.size());
        CHECK(pieces.problems.size() == whole.problems.size());
        CHECK(pieces.rows == whole.rows);
    }
    CHECK(DetectCatalogFormat(EmbeddedTestAssetView("shopify_legacy").substr(0, 200)) == CatalogFormat::ShopifyCsv);
    CHECK(DetectCatalogFormat(EmbeddedTestAssetView("google_tsv").substr(0, 200)) == CatalogFormat::GoogleTsv);
    CHECK(DetectCatalogFormat(EmbeddedTestAssetView("google_xml").substr(0, 200)) == CatalogFormat::GoogleXml);
    CHECK(DetectCatalogFormat("  {\"products\":[]}") == CatalogFormat::NativeJson);
    CHECK(DetectCatalogFormat("", "feed.xml") == CatalogFormat::GoogleXml);
    CHECK(DetectCatalogFormat("hello") == CatalogFormat::Unknown);
}

TEST_CASE("duplicate SKUs within a file are refused at the second row")
{
    std::string csv = "Handle,Title,Variant SKU,Variant Price,HS (product.metafields.customs.hs_code),O (product.metafields.customs.origin_country),"
                      "U (product.metafields.customs.unit),Q (product.metafields.customs.legal_qty),Z (product.metafields.customs.title_zh)\n"
                      "a,Biscuits,SAME,10.00,1905310000,BE,125,250 g,饼干\n"
                      "b,More biscuits,SAME,12.00,1905310000,BE,125,250 g,饼干\n";
    CatalogImport r = ImportCatalog(csv, CatalogFormat::ShopifyCsv, Options());
    CHECK(r.products.size() == 1);
    const Problem* dup = FindProblem(r, "catalog.duplicate_sku");
    REQUIRE(dup);
    CHECK(dup->row == 3);
    CHECK(dup->field == "Variant SKU");
}

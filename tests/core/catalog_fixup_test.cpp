// The fix-up file (core/import/catalog_fixup.h) on real public Shopify exports
// (tests/core/fixtures/exports/): a plain export is reported once for its missing customs columns;
// its fix-up file keeps every cell, adds the customs columns with suggestions and SKUs, and imports
// with only the fields left to review reported — and once the merchant accepts them, cleanly.
#include "core/formats/csv.h"
#include "core/import/catalog_fixup.h"
#include "core/import/catalog_import.h"
#include "core/wire/hs_keywords_json.h"
#include "tests/core/parity.h"

#include <doctest/doctest.h>

#include <set>

using namespace bondstore;
using namespace bondstore::test;

namespace {

std::vector<CsvRecord> Records(std::string_view csv)
{
    std::vector<CsvRecord> out;
    CsvReader reader(',');
    auto keep = [&](const CsvRecord& r) {
        out.push_back(r);
        return true;
    };
    reader.Feed(csv, keep);
    reader.Finish(keep);
    REQUIRE_FALSE(reader.failed());
    return out;
}

ImportOptions Options()
{
    ImportOptions o;
    o.merchant = "garden";
    return o;
}

size_t Count(const std::vector<Problem>& problems, std::string_view code)
{
    size_t n = 0;
    for (const Problem& p : problems) n += p.code == code;
    return n;
}

const HsKeywordTable& Keywords()
{
    static const HsKeywordTable table = ParseHsKeywordJson(EmbeddedTestAssetView("hs_keywords")).table;
    return table;
}

} // namespace

TEST_CASE("fix-up file: the keyword table names only the tax table's headings, in the nine languages")
{
    HsKeywordParse parsed = ParseHsKeywordJson(EmbeddedTestAssetView("hs_keywords"));
    REQUIRE(parsed.ok());
    CHECK(parsed.table.headings.size() >= 20);
    // The real table on titles merchants write.
    HsSuggester hs(parsed.table);
    CHECK(hs.Suggest("Aptamil Profutura Kindermilch 2+, 800 g").heading.empty() == false);
    CHECK(hs.Suggest("La Roche-Posay Hyaluronic Serum 30ml").heading.rfind("3304", 0) == 0);
    CHECK(hs.Suggest("アサヒ スーパードライ ビール 350ml").heading == "220300");
    CHECK(hs.Suggest("エナメル ハイヒール").heading.empty()); // (a heel is not beer: marks are kept)
    CHECK(hs.Suggest("Glenfiddich 12 Year Old Single Malt Scotch Whisky 70cl").heading == "220830");
    CHECK(hs.Suggest("Manuka honey UMF 10+ 500g").heading == "0409");
    for (const HsKeywordTable::Heading& h : parsed.table.headings) {
        CAPTURE(h.hs);
        CHECK(h.keywords.size() == 9);
        CHECK((h.code.empty() || (h.code.size() == 10 && h.code.rfind(h.hs.substr(0, 4), 0) == 0)));
    }
}

TEST_CASE("fix-up file: a real Shopify export, reported once, given back with its customs columns, imported once accepted")
{
    const std::string_view original = EmbeddedTestAssetView("shopify_packt");
    // As it is: one problem for the customs columns, none on each row for them.
    CatalogImport plain = ImportCatalog(original, CatalogFormat::ShopifyCsv, Options());
    CHECK(Count(plain.problems, "import.no_customs_columns") == 1);
    CHECK(Count(plain.problems, "import.customs_column_missing") == 0);
    for (const Problem& p : plain.problems) CHECK_MESSAGE(p.field.find("metafields.customs") == std::string::npos, p.code << " " << p.field);
    CHECK(plain.products.empty());

    HsSuggester hs(Keywords());
    OriginSuggester origin;
    CatalogFixup fixup = FixUpShopifyCsv(original, hs, origin);
    REQUIRE_MESSAGE(fixup.ok(), fixup.problem.code);
    std::vector<CsvRecord> before = Records(original), after = Records(fixup.file);
    REQUIRE(after.size() == before.size()); // the same rows, in the same order
    const size_t width = before[0].fields.size();
    CHECK(after[0].fields.size() == width + 6);
    CHECK(after[0].fields[width] == "HS code (product.metafields.customs.hs_code)");
    size_t sku_col = 0;
    while (before[0].fields[sku_col] != "Variant SKU") sku_col++;
    for (size_t i = 0; i < before.size(); i++) {
        CAPTURE(i);
        for (size_t c = 0; c < width; c++)
            if (c != sku_col || !before[i].fields[c].empty()) CHECK(after[i].fields[c] == before[i].fields[c]); // every cell kept
    }
    // Every variant got a SKU (none had one), unique, and everything to review.
    REQUIRE(fixup.rows.size() == 21);
    std::set<std::string> skus;
    for (const FixupSuggestion& s : fixup.rows) {
        CAPTURE(s.row);
        CHECK(s.sku_suggested);
        CHECK(skus.insert(s.sku).second);
        CHECK(s.review == std::vector<std::string>{"sku", "hs_code", "origin_country", "unit", "legal_qty", "title_zh"});
    }
    CHECK(fixup.rows[0].sku == "FLOOR-LAMP"); // (its handle)

    // Imported as given back: only the review is reported, once per variant.
    CatalogImport pending = ImportCatalog(fixup.file, CatalogFormat::ShopifyCsv, Options());
    CHECK(Count(pending.problems, "import.review_pending") == 21);
    CHECK(pending.problems.size() == 21);
    CHECK(pending.products.empty());

    // The merchant checks each row: keeps or completes the suggestions, empties the review.
    std::string accepted;
    std::vector<CsvRecord> rows = Records(fixup.file);
    for (CsvRecord& r : rows) {
        if (r.row > 1 && !r.fields[width + 5].empty()) {
            if (r.fields[width].empty()) r.fields[width] = "6602000000";     // (a code the merchant looks up)
            if (r.fields[width + 1].empty()) r.fields[width + 1] = "US";
            if (r.fields[width + 3].empty()) r.fields[width + 3] = "1 piece";
            r.fields[width + 4] = "园艺用品";                                  // (the merchant's Chinese name)
            r.fields[width + 5].clear();
        }
        for (size_t c = 0; c < r.fields.size(); c++) {
            if (c) accepted += ',';
            AppendCsvField(accepted, r.fields[c]);
        }
        accepted += "\n";
    }
    CatalogImport imported = ImportCatalog(accepted, CatalogFormat::ShopifyCsv, Options());
    for (const Problem& p : imported.problems) CHECK_MESSAGE(p.severity != Severity::Error, p.row << " " << p.code << " " << p.field << " " << p.value);
    CHECK(imported.products.size() == 21);

    // The same review through the merchant screen's table: half the rows accepted, the rest left.
    std::vector<FixupSuggestion> reviewed = fixup.rows;
    for (size_t i = 0; i < reviewed.size(); i += 2) {
        FixupSuggestion& s = reviewed[i];
        if (s.hs_code.empty()) s.hs_code = "6602000000";
        if (s.origin.empty()) s.origin = "US";
        if (s.legal_qty.empty()) s.legal_qty = "1 piece";
        s.title_zh = "园艺用品";
        s.review.clear();
    }
    std::string half = ReviewedFixupFile(fixup, reviewed);
    CHECK(Records(half).size() == before.size());
    CatalogImport partly = ImportCatalog(half, CatalogFormat::ShopifyCsv, Options());
    CHECK(partly.products.size() == 11);
    CHECK(Count(partly.problems, "import.review_pending") == 10);
    CHECK(partly.problems.size() == 10);
}

TEST_CASE("fix-up file: Shopify's own template — pictures on rows of their own, two options, SKUs kept")
{
    HsSuggester hs(Keywords());
    OriginSuggester origin;
    const std::string_view original = EmbeddedTestAssetView("shopify_transporter");
    CatalogFixup fixup = FixUpShopifyCsv(original, hs, origin);
    REQUIRE_MESSAGE(fixup.ok(), fixup.problem.code);
    std::vector<CsvRecord> before = Records(original), after = Records(fixup.file);
    REQUIRE(after.size() == before.size());
    for (const FixupSuggestion& s : fixup.rows) CHECK_FALSE(s.sku_suggested); // (its SKUs are its own)
    CHECK(fixup.rows.size() == 3);
    // A file that already has the customs columns needs none.
    CatalogFixup again = FixUpShopifyCsv(fixup.file, hs, origin);
    CHECK(again.problem.code == "import.fixup_has_customs_columns");
}

TEST_CASE("fix-up file: a plain Google feed (TSV or XML) is reported once for its customs attributes, not on each item")
{
    const std::string tsv = "id\ttitle\tdescription\tprice\tbrand\n"
                            "A-1\tManuka honey 500 g\tFrom New Zealand\t168.00 CNY\tComvita\n"
                            "A-2\tHand cream 50 ml\tSoft\t88.00 CNY\tL'Occitane\n";
    CatalogImport t = ImportCatalog(tsv, CatalogFormat::GoogleTsv, Options());
    CHECK(Count(t.problems, "import.no_customs_columns") == 1);
    CHECK(t.problems.size() == 1);
    CHECK(t.products.empty());
    const std::string xml = R"(<?xml version="1.0"?><rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel>
<item><g:id>A-1</g:id><g:title>Manuka honey 500 g</g:title><g:price>168.00 CNY</g:price></item>
<item><g:id>A-2</g:id><g:title>Hand cream 50 ml</g:title><g:price>88.00 CNY</g:price></item></channel></rss>)";
    CatalogImport x = ImportCatalog(xml, CatalogFormat::GoogleXml, Options());
    CHECK(Count(x.problems, "import.no_customs_columns") == 1);
    CHECK(x.problems.size() == 1);
    // With the customs attributes and a review still pending: only the review is said.
    const std::string reviewing = "id\ttitle\tprice\tcustoms_hs_code\tcustoms_origin_country\tcustoms_unit\tcustoms_legal_qty\ttitle_zh\tcustoms_review\n"
                                  "A-1\tManuka honey 500 g\t168.00 CNY\t\tNZ\tpiece\t500 g\t\ths_code title_zh\n"
                                  "A-2\tHand cream 50 ml\t88.00 CNY\t3304990099\tFR\tpiece\t50 ml\t护手霜\t\n";
    CatalogImport r = ImportCatalog(reviewing, CatalogFormat::GoogleTsv, Options());
    CHECK(Count(r.problems, "import.review_pending") == 1);
    for (const Problem& p : r.problems) INFO(p.code << " " << p.field << " " << p.value);
    CHECK_MESSAGE(r.problems.size() == 1, r.problems.back().code << " " << r.problems.back().field);
    CHECK(r.products.size() == 1);
}

TEST_CASE("fix-up file: a plain Google TSV feed given back in its own dialect, imported once reviewed")
{
    HsSuggester hs(Keywords());
    OriginSuggester origin;
    const std::string tsv = "id\ttitle\tdescription\tprice\tbrand\tproduct_type\n"
                            "A-1\tManuka honey UMF 10+ 500 g\tRaw honey from New Zealand\t168.00 CNY\tComvita\tFood > Honey\n"
                            "A-2\tHydrating face cream 50 ml\t\"Made in France; soft, light\"\t228.00 CNY\tMaison\tBeauty\n";
    CatalogFixup fixup = FixUpGoogleTsv(tsv, hs, origin);
    REQUIRE_MESSAGE(fixup.ok(), fixup.problem.code);
    CHECK(fixup.file.rfind("id\ttitle\tdescription\tprice\tbrand\tproduct_type\tcustoms_hs_code\tcustoms_origin_country\tcustoms_unit\t"
                           "customs_legal_qty\ttitle_zh\tcustoms_review\n", 0) == 0);
    REQUIRE(fixup.rows.size() == 2);
    CHECK(fixup.rows[0].hs_code == "0409000000");
    CHECK(fixup.rows[0].origin == "NZ");
    CHECK(fixup.rows[0].legal_qty == "500 g");
    CHECK(fixup.rows[1].origin == "FR");
    CHECK_FALSE(fixup.rows[0].sku_suggested);
    CatalogImport pending = ImportCatalog(fixup.file, CatalogFormat::GoogleTsv, Options());
    CHECK(Count(pending.problems, "import.review_pending") == 2);
    CHECK(pending.problems.size() == 2);
    std::vector<FixupSuggestion> reviewed = fixup.rows;
    for (FixupSuggestion& s : reviewed) {
        s.title_zh = "中文名称";
        s.review.clear();
    }
    CatalogImport imported = ImportCatalog(ReviewedFixupFile(fixup, reviewed), CatalogFormat::GoogleTsv, Options());
    for (const Problem& p : imported.problems) CHECK_MESSAGE(p.severity != Severity::Error, p.code << " " << p.field << " " << p.value);
    CHECK(imported.products.size() == 2);
    CHECK(FixupFileName("feed.tsv") == "feed-fixup.tsv");
    CHECK(FixupFileName("products_export.csv") == "products_export-fixup.csv");
    CHECK(FixupFileName("dir.v2/export") == "dir.v2/export-fixup.csv");
}

TEST_CASE("fix-up file: a plain Google XML feed — the attributes written into each item, the feed otherwise byte for byte")
{
    HsSuggester hs(Keywords());
    OriginSuggester origin;
    const std::string xml = R"(<?xml version="1.0"?><rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel>)"
                            R"(<item><g:id>A-1</g:id><g:title>Manuka honey 500 g</g:title><g:description><![CDATA[Raw <b>honey</b> from New Zealand]]></g:description><g:price>168.00 CNY</g:price></item>)"
                            R"(<item><g:id>A-2</g:id><g:title>Hand &amp; face cream 50 ml</g:title><g:brand>Maison</g:brand><g:price>88.00 CNY</g:price></item>)"
                            R"(</channel></rss>)";
    CatalogFixup fixup = FixUpGoogleXml(xml, hs, origin);
    REQUIRE_MESSAGE(fixup.ok(), fixup.problem.code);
    REQUIRE(fixup.rows.size() == 2);
    CHECK(fixup.rows[0].row == 1);
    CHECK(fixup.rows[0].hs_code == "0409000000");
    CHECK(fixup.rows[0].origin == "NZ");
    CHECK(fixup.rows[1].title == "Hand & face cream 50 ml");
    // Byte for byte but for what was written before each </item>.
    std::string stripped = fixup.file;
    for (size_t at; (at = stripped.find("<g:customs_hs_code>")) != std::string::npos;)
        stripped.erase(at, stripped.find("</item>", at) - at);
    CHECK(stripped == xml);
    CatalogImport pending = ImportCatalog(fixup.file, CatalogFormat::GoogleXml, Options());
    CHECK(Count(pending.problems, "import.review_pending") == 2);
    CHECK(pending.problems.size() == 2);
    std::vector<FixupSuggestion> reviewed = fixup.rows;
    for (FixupSuggestion& s : reviewed) {
        if (s.hs_code.empty()) s.hs_code = "3304990099";
        if (s.origin.empty()) s.origin = "FR";
        s.title_zh = "中文名称";
        s.review.clear();
    }
    CatalogImport imported = ImportCatalog(ReviewedFixupFile(fixup, reviewed), CatalogFormat::GoogleXml, Options());
    for (const Problem& p : imported.problems) CHECK_MESSAGE(p.severity != Severity::Error, p.code << " " << p.field << " " << p.value);
    CHECK(imported.products.size() == 2);
    CHECK(FixUpGoogleXml(fixup.file, hs, origin).problem.code == "import.fixup_has_customs_columns");
    CHECK(FixUpGoogleXml("<rss><channel></channel></rss>", hs, origin).problem.code == "google.no_items");
    CHECK_FALSE(FixUpGoogleXml("<rss><item>", hs, origin).ok());
}

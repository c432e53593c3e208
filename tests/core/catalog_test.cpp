#include <doctest/doctest.h>

#include "core/base/localized_text.h"
#include "core/customs/customs_codes.h"
#include "core/i18n/i18n_bundle.h"
#include "core/wire/catalog_json.h"
#include "tests/core/parity.h"

#include <algorithm>
#include <string>

using namespace bondstore;

namespace {

const char* kGood = R"({
  "version": 3,
  "warehouses": [{"code": "CQ-LL", "name": {"zh-Hans": "两路仓", "en": "Lianglu"}}],
  "products": [{
    "sku": "IF-01", "title": {"zh-Hans": "婴儿奶粉 800克", "en": "Infant formula 800 g"},
    "brand": "Demo", "category": "infant_formula", "price_fen": 29800, "hs_code": "1901101010",
    "origin": {"country": "304", "iso": "DE"}, "unit": "122", "legal_qty": "800", "legal_unit": "g",
    "barcode": "4006381333931", "weight_g": 950
  }],
  "stock": [{"sku": "IF-01", "warehouse": "CQ-LL", "on_hand": 12}]
})";

// The good document with one product field replaced by `replacement` (a JSON member or "").
std::string WithField(const std::string& field, const std::string& replacement)
{
    std::string doc = kGood;
    size_t at = doc.find("\"" + field + "\":");
    REQUIRE(at != std::string::npos);
    size_t end = at;
    int depth = 0;
    for (; end < doc.size(); end++) {
        char c = doc[end];
        if (c == '{' || c == '[') depth++;
        else if (c == '}' || c == ']') { if (depth == 0) break; depth--; if (depth == 0 && c == '}') { end++; break; } }
        else if (c == ',' && depth == 0) break;
    }
    if (replacement.empty()) { // drop the member and the comma after it
        while (end < doc.size() && (doc[end] == ',' || doc[end] == ' ' || doc[end] == '\n')) end++;
    }
    return doc.substr(0, at) + replacement + doc.substr(end);
}

std::string Repeat(const char* text, int n)
{
    std::string out;
    for (int i = 0; i < n; i++) out += text;
    return out;
}

const Problem* FindProblem(const CatalogParse& r, const std::string& code)
{
    auto it = std::find_if(r.problems.begin(), r.problems.end(), [&](const Problem& p) { return p.code == code; });
    return it == r.problems.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("a well-formed catalog parses with no problems and round-trips")
{
    CatalogParse r = ParseCatalogJson(kGood);
    CHECK(r.problems.empty());
    REQUIRE(r.catalog.products.size() == 1);
    const Product& p = r.catalog.products[0];
    CHECK(r.catalog.version == 3);
    CHECK(p.sku == "IF-01");
    CHECK(p.handle == "IF-01");
    CHECK(*p.title.Find("zh-Hans") == "婴儿奶粉 800克");
    CHECK(p.price.fen == 29800);
    CHECK(FormatDecimal(p.legal_qty) == "800");
    CHECK(r.catalog.stock[0].on_hand == 12);

    CatalogParse again = ParseCatalogJson(CatalogToJson(r.catalog, true));
    CHECK(again.problems.empty());
    CHECK(CatalogToJson(again.catalog, true) == CatalogToJson(r.catalog, true));
}

TEST_CASE("the sample catalog is valid, realistic and stocked in two warehouses")
{
    CatalogParse r = ParseCatalogJson(test::EmbeddedTestAssetView("sample_catalog"));
    for (const Problem& p : r.problems) INFO(p.code << " " << p.section << "[" << p.index << "]." << p.field);
    CHECK(r.problems.empty());
    CHECK(r.catalog.products.size() >= 30);
    CHECK(r.catalog.warehouses.size() >= 2);
    for (const Product& p : r.catalog.products) {
        CHECK(p.title.Find("zh-Hans"));
        CHECK(p.title.Find("en"));
        CHECK(!p.brand.empty());
        CHECK(!p.barcode.empty());
        CHECK(!p.customs_name.empty()); // what customs reads, distinct from the marketing title
        CHECK(!p.item_record_no.empty());
        CHECK((p.net_weight_g > 0 && p.net_weight_g <= p.weight_g));
    }
    for (const char* category : {"infant_formula", "skincare", "makeup", "wine", "spirits", "olive_oil", "tea",
                                 "supplements", "snacks", "watch", "appliances"}) {
        bool found = std::any_of(r.catalog.products.begin(), r.catalog.products.end(),
                                 [&](const Product& p) { return p.category == category; });
        CHECK_MESSAGE(found, category);
    }
}

TEST_CASE("validation names the product, the field and what is wrong")
{
    struct Case { std::string field, replacement, code, problem_field; };
    const Case cases[] = {
        {"hs_code", R"("hs_code": "19011")", "catalog.hs_code_format", "hs_code"},
        {"hs_code", R"("hs_code": "19011010AB")", "catalog.hs_code_format", "hs_code"},
        {"hs_code", "", "json.missing_field", "hs_code"},
        {"price_fen", R"("price_fen": 0)", "catalog.price_not_positive", "price_fen"},
        {"price_fen", R"("price_fen": -5)", "catalog.price_not_positive", "price_fen"},
        {"price_fen", R"("price_fen": 298.5)", "json.expected_integer", "price_fen"},
        {"price_fen", R"("price_fen": "298")", "json.expected_integer", "price_fen"},
        {"price_fen", R"("price_fen": 99999999999999999999)", "json.integer_out_of_range", "price_fen"},
        {"title", R"("title": {"en": "Formula"})", "catalog.title_zh_missing", "title.zh-Hans"},
        {"title", R"("title": {"zh-Hans": 5})", "json.expected_string", "title.zh-Hans"},
        {"barcode", R"("barcode": "4006381333932")", "catalog.barcode_check_digit", "barcode"},
        {"barcode", R"("barcode": "12345")", "catalog.barcode_length", "barcode"},
        {"origin", R"("origin": {"country": "998", "iso": "DE"})", "catalog.origin_unknown", "origin.country"},
        {"origin", R"("origin": {"country": "116", "iso": "DE"})", "catalog.origin_mismatch", "origin"},
        {"origin", R"("origin": {"country": "304"})", "json.missing_field", "origin.iso"},
        {"unit", R"("unit": "999")", "catalog.unit_unknown", "unit"},
        {"legal_qty", R"("legal_qty": "0")", "catalog.legal_qty_not_positive", "legal_qty"},
        {"legal_qty", R"("legal_qty": "-3")", "json.negative_decimal", "legal_qty"},
        {"legal_qty", R"("legal_qty": "lots")", "json.expected_decimal", "legal_qty"},
        {"legal_unit", R"("legal_unit": "gallon")", "catalog.legal_unit_unknown", "legal_unit"},
        // What a CEB message could not carry without truncating or rounding (decimal(19,5),
        // gmodel C..510): refused at import, so no message is ever cut.
        {"legal_qty", R"("legal_qty": "0.123456")", "catalog.legal_qty_precision", "legal_qty"},
        {"brand", "\"brand\": \"" + std::string(201, 'B') + "\"", "catalog.brand_too_long", "brand"},
        // What customs reads: a net weight within the gross, a Chinese goods name of the schema's
        // length (gname C..250), an account-book item number (itemRecordNo C..30).
        {"weight_g", R"("weight_g": 950, "net_weight_g": 951)", "catalog.net_weight_over_gross", "net_weight_g"},
        {"weight_g", R"("weight_g": 950, "net_weight_g": -1)", "catalog.weight_negative", "net_weight_g"},
        {"brand", R"("brand": "A", "customs_name": "Infant formula")", "catalog.customs_name_not_chinese", "customs_name"},
        {"brand", "\"brand\": \"A\", \"customs_name\": \"" + Repeat("粉", 251) + "\"", "catalog.customs_name_too_long", "customs_name"},
        {"brand", R"("brand": "A", "item_record_no": "BS 0001")", "catalog.item_record_no_format", "item_record_no"},
        {"brand", R"("brand": "A", "item_record_no": "料号1")", "catalog.item_record_no_format", "item_record_no"},
        {"brand", "\"brand\": \"A\", \"item_record_no\": \"" + std::string(31, '7') + "\"", "catalog.item_record_no_format", "item_record_no"},
        // Images are fetched by shoppers' browsers: web addresses or this store's paths only.
        {"brand", R"x("brand": "A", "images": ["javascript:alert(1)"])x", "catalog.image_url", "images[0]"},
        {"brand", R"("brand": "A", "images": ["https://cdn.example/a.png", "/images/a b.png"])", "catalog.image_url", "images[1]"},
        {"brand", R"("brand": "A", "images": ["images/a.png"])", "catalog.image_url", "images[0]"},
        {"brand", R"("brand": "A", "images": ["//elsewhere.example/a.png"])", "catalog.image_url", "images[0]"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.replacement);
        CatalogParse r = ParseCatalogJson(WithField(c.field, c.replacement));
        CHECK_FALSE(r.ok());
        const Problem* p = FindProblem(r, c.code);
        REQUIRE_MESSAGE(p, "expected " << c.code << ", got " << (r.problems.empty() ? "nothing" : r.problems[0].code));
        CHECK(p->section == "products");
        CHECK(p->index == 0);
        CHECK(p->field == c.problem_field);
    }
}

TEST_CASE("the customs limits are limits, not approximations")
{
    CHECK(ParseCatalogJson(WithField("legal_qty", R"("legal_qty": "0.12345")")).ok());
    CHECK(ParseCatalogJson(WithField("brand", R"("brand": "A", "images": ["https://cdn.example/a.png?v=2", "http://x.example/b.jpg", "/images/IF-01.png"])")).ok());
    CHECK(ParseCatalogJson(WithField("legal_qty", R"("legal_qty": "0.1234500")")).ok()); // trailing zeros are not precision
    CHECK(ParseCatalogJson(WithField("brand", "\"brand\": \"" + std::string(200, 'B') + "\"")).ok());
    std::string brand200;
    for (int i = 0; i < 200; i++) brand200 += "牌";
    CHECK(ParseCatalogJson(WithField("brand", "\"brand\": \"" + brand200 + "\"")).ok()); // characters, not bytes
}

TEST_CASE("customs reads the declared name and net weight, else the title and the gross weight")
{
    CatalogParse plain = ParseCatalogJson(kGood);
    REQUIRE(plain.ok());
    CHECK(CustomsName(plain.catalog.products[0]) == "婴儿奶粉 800克");
    CHECK(NetWeightGrams(plain.catalog.products[0]) == 950);

    CatalogParse r = ParseCatalogJson(WithField(
        "weight_g", R"("weight_g": 950, "net_weight_g": 800, "customs_name": "婴儿配方奶粉", "item_record_no": "BS-001_a")"));
    REQUIRE(r.ok());
    const Product& p = r.catalog.products[0];
    CHECK(CustomsName(p) == "婴儿配方奶粉");
    CHECK(NetWeightGrams(p) == 800);
    CHECK(p.item_record_no == "BS-001_a");
    std::string text = CatalogToJson(r.catalog, true);
    CHECK(CatalogToJson(ParseCatalogJson(text).catalog, true) == text);

    // The limits are limits: net = gross, 250 characters, 30 characters, a name mixing scripts.
    CHECK(ParseCatalogJson(WithField("weight_g", R"("weight_g": 950, "net_weight_g": 950)")).ok());
    CHECK(ParseCatalogJson(WithField("brand", "\"brand\": \"A\", \"customs_name\": \"" + Repeat("粉", 250) + "\"")).ok());
    CHECK(ParseCatalogJson(WithField("brand", "\"brand\": \"A\", \"item_record_no\": \"" + std::string(30, '7') + "\"")).ok());
    CHECK(ParseCatalogJson(WithField("brand", R"("brand": "A", "customs_name": "SK-II 护肤精华露")")).ok());
    CHECK(HasHanCharacter("𠀀")); // extension B, four bytes
    CHECK_FALSE(HasHanCharacter("ひらがな and Latin"));
}

TEST_CASE("customs' country and unit tables are whole: every code once, in order, the alpha-2 codes ICU knows")
{
    CustomsTables t = AllCustomsCodes();
    CHECK(t.country_count == 242);
    CHECK(t.unit_count == 123);
    for (size_t i = 1; i < t.country_count; i++) CHECK(t.countries[i - 1].customs < t.countries[i].customs);
    for (size_t i = 1; i < t.unit_count; i++) CHECK(t.units[i - 1].code < t.units[i].code);
    size_t with_iso = 0;
    for (size_t i = 0; i < t.country_count; i++) {
        const CustomsCountry& c = t.countries[i];
        CHECK(c.customs.size() == 3);
        CHECK(HasHanCharacter(c.name_zh));
        if (c.iso2.empty()) continue;
        with_iso++;
        CHECK(c.iso2.size() == 2);
        // One customs code per alpha-2, except Bonaire and Saba (both BQ): declared as the first.
        const CustomsCountry* back = FindCountryByIso2(c.iso2);
        CHECK((back == &c || c.iso2 == "BQ"));
    }
    CHECK(with_iso == 224);
    struct Spot { const char* code; const char* iso; const char* name; };
    for (Spot s : {Spot{"116", "JP", "日本"}, Spot{"143", "TW", "台澎金马关税区"}, Spot{"304", "DE", "德国"},
                   Spot{"358", "RS", "塞尔维亚"}, Spot{"359", "ME", "黑山"}, Spot{"502", "US", "美国"}, Spot{"609", "NZ", "新西兰"},
                   Spot{"701", "", "国(地)别不详的"}, Spot{"999", "", "中性包装原产国别"}}) {
        CAPTURE(s.code);
        const CustomsCountry* c = FindCountryByCustomsCode(s.code);
        REQUIRE(c);
        CHECK(c->iso2 == s.iso);
        CHECK(c->name_zh == s.name);
    }
    CHECK_FALSE(FindCountryByIso2(""));
    CHECK_FALSE(FindCountryByCustomsCode("140")); // a gap in customs' table
    CHECK(FindUnitByCode("070")->name_zh == "吨");
    CHECK(FindUnitByCode("070")->measure == CustomsUnit::Measure::Mass);
    CHECK(FindUnitByCode("164")->name_zh == "亿株");
    CHECK(FindUnitByCode("096")->symbol == "ml");
    CHECK_FALSE(FindUnitBySymbol(""));
    CHECK_FALSE(FindUnitByCode("024"));

    // A product may come from anywhere in the table with an alpha-2 code and be sold in any unit.
    CHECK(ParseCatalogJson(WithField("origin", R"("origin": {"country": "358", "iso": "RS"})")).ok());
    CHECK(ParseCatalogJson(WithField("unit", R"("unit": "002")")).ok());
    CHECK(ParseCatalogJson(WithField("origin", R"("origin": {"country": "436", "iso": "BQ"})")).ok());
    CatalogParse grouping = ParseCatalogJson(WithField("origin", R"("origin": {"country": "701", "iso": ""})"));
    CHECK(FindProblem(grouping, "catalog.origin_unknown"));
}

TEST_CASE("duplicate SKUs, bad stock rows and syntax errors are reported precisely")
{
    std::string doc = kGood;
    size_t start = doc.find("{\n    \"sku\"");
    size_t end = doc.find("\n  }]") + 4;
    std::string product = doc.substr(start, end - start);
    std::string two = doc.substr(0, end) + ", " + product + doc.substr(end);
    CatalogParse dup = ParseCatalogJson(two);
    const Problem* p = FindProblem(dup, "catalog.duplicate_sku");
    REQUIRE(p);
    CHECK(p->index == 1);
    CHECK(p->value == "IF-01");

    std::string bad_stock = std::string(kGood);
    bad_stock.replace(bad_stock.find("\"warehouse\": \"CQ-LL\""), 20, "\"warehouse\": \"NOPE\"");
    bad_stock.replace(bad_stock.find("\"on_hand\": 12"), 13, "\"on_hand\": -1");
    CatalogParse s = ParseCatalogJson(bad_stock);
    REQUIRE(FindProblem(s, "catalog.stock_unknown_warehouse"));
    CHECK(FindProblem(s, "catalog.stock_unknown_warehouse")->section == "stock");
    CHECK(FindProblem(s, "catalog.stock_negative"));

    CatalogParse syntax = ParseCatalogJson("{\"products\": [ {\"sku\": \"A\",, } ]}");
    REQUIRE(syntax.problems.size() == 1);
    CHECK(syntax.problems[0].code == "json.syntax");
    CHECK(syntax.problems[0].value == "28"); // 1-based byte offset of the second comma

    CHECK(ParseCatalogJson("").problems[0].code == "json.syntax");
    CHECK(ParseCatalogJson("[]").problems[0].code == "json.expected_object");
    CHECK(ParseCatalogJson("{}").problems[0].code == "json.missing_field");
    CHECK(ParseCatalogJson("{\"products\": 5}").problems[0].code == "json.expected_array");
    CHECK(ParseCatalogJson("{\"products\": [5]}").problems[0].code == "json.expected_object");
}

TEST_CASE("unknown fields are warnings, not errors")
{
    std::string doc = kGood;
    doc.replace(doc.find("\"brand\""), 7, "\"brnad\"");
    CatalogParse r = ParseCatalogJson(doc);
    CHECK(r.ok());
    const Problem* p = FindProblem(r, "json.unknown_field");
    REQUIRE(p);
    CHECK(p->severity == Severity::Warning);
    CHECK(p->field == "brnad");
}

TEST_CASE("a problem reads as a sentence in each language")
{
    CatalogParse r = ParseCatalogJson(WithField("hs_code", R"("hs_code": "19011")"));
    const Problem* p = FindProblem(r, "catalog.hs_code_format");
    REQUIRE(p);
    CHECK(DescribeProblem(LoadBundledMessages("en"), *p) ==
          "products[0] (SKU IF-01) field “hs_code”: the HS code must be exactly 10 digits, got “19011”");
    CHECK(DescribeProblem(LoadBundledMessages("zh-Hans"), *p) ==
          "products[0]（货号 IF-01） 字段“hs_code”：HS 编码必须是 10 位数字，实际为“19011”");
}

TEST_CASE("search keys the server computed travel with the catalog and read back")
{
    CatalogParse r = ParseCatalogJson(kGood);
    REQUIRE(r.ok());
    r.catalog.products[0].search.pinyin = "yingerpeifangnaifen";
    r.catalog.products[0].search.initials = "yepfnf";
    r.catalog.products[0].search.rank = {{"zh-Hans", 4}, {"en", 7}};
    CatalogParse back = ParseCatalogJson(CatalogToJson(r.catalog));
    REQUIRE(back.ok());
    const Product& p = back.catalog.products[0];
    CHECK(p.search.pinyin == "yingerpeifangnaifen");
    CHECK(p.search.initials == "yepfnf");
    CHECK(p.search.RankIn("en") == 7);
    CHECK(p.search.RankIn("ja") == -1);
}

#include "core/catalog/catalog.h"

#include "core/catalog/barcode.h"
#include "core/customs/customs_codes.h"
#include "core/i18n/text_conversion.h"

#include <algorithm>
#include <unordered_map>

namespace bondstore {

const Product* Catalog::FindBySku(std::string_view sku) const
{
    for (const Product& p : products)
        if (p.sku == sku) return &p;
    return nullptr;
}

static bool AllDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void ValidateProduct(const Product& p, int64_t index, std::vector<Problem>& out)
{
    auto add = [&](std::string code, std::string field, std::string value = {}, std::string limit = {}) {
        Problem pr;
        pr.code = std::move(code);
        pr.section = "products";
        pr.index = index;
        pr.sku = p.sku;
        pr.field = std::move(field);
        pr.value = ShortenForReport(value);
        pr.limit = std::move(limit);
        out.push_back(std::move(pr));
    };

    if (p.sku.empty()) add("catalog.sku_missing", "sku");
    else if (p.sku.size() > 64) add("catalog.sku_too_long", "sku", p.sku, "64");

    const std::string* zh = p.title.Find(kCustomsLocale);
    if (!zh || zh->empty()) add("catalog.title_zh_missing", "title.zh-Hans");
    else if (CountCodePoints(*zh) > kMaxCustomsNameChars)
        add("catalog.title_zh_too_long", "title.zh-Hans", *zh, std::to_string(kMaxCustomsNameChars));
    for (const auto& [locale, text] : p.title.entries)
        if (!IsValidUtf8(text)) add("catalog.invalid_utf8", "title." + locale);

    if (p.price.fen <= 0) add("catalog.price_not_positive", "price_fen", FormatYuan(p.price));
    if (p.compare_at.fen < 0) add("catalog.price_not_positive", "compare_at_fen", FormatYuan(p.compare_at));

    if (!(p.hs_code.size() == 10 && AllDigits(p.hs_code)))
        add("catalog.hs_code_format", "hs_code", p.hs_code);

    const CustomsCountry* by_code = FindCountryByCustomsCode(p.origin_country);
    const CustomsCountry* by_iso = FindCountryByIso2(p.origin_iso);
    if (!by_code) add("catalog.origin_unknown", "origin.country", p.origin_country);
    if (!by_iso) add("catalog.origin_unknown", "origin.iso", p.origin_iso);
    if (by_code && by_iso && by_code->iso2 != by_iso->iso2) // by alpha-2: BQ is two customs codes
        add("catalog.origin_mismatch", "origin", p.origin_country + "/" + p.origin_iso);

    if (!FindUnitByCode(p.unit_code)) add("catalog.unit_unknown", "unit", p.unit_code);

    // CEB messages carry the brand in gmodel (C..510, with the specification) and quantities as
    // decimal(19,5): refused here, so no message is ever truncated or rounded.
    if (CountCodePoints(p.brand) > kMaxBrandChars)
        add("catalog.brand_too_long", "brand", p.brand, std::to_string(kMaxBrandChars));
    auto decimals = [](Decimal d) {
        while (d.scale > 0 && d.units % 10 == 0) { d.units /= 10; d.scale--; }
        return d.scale;
    };
    if (p.legal_qty.units <= 0) add("catalog.legal_qty_not_positive", "legal_qty", FormatDecimal(p.legal_qty));
    else if (decimals(p.legal_qty) > kMaxCebDecimals) add("catalog.legal_qty_precision", "legal_qty", FormatDecimal(p.legal_qty));
    if (p.second_qty.units > 0 && decimals(p.second_qty) > kMaxCebDecimals)
        add("catalog.legal_qty_precision", "second_qty", FormatDecimal(p.second_qty));
    if (!FindUnitBySymbol(p.legal_unit)) add("catalog.legal_unit_unknown", "legal_unit", p.legal_unit);
    if (!p.second_unit.empty()) {
        if (!FindUnitBySymbol(p.second_unit)) add("catalog.legal_unit_unknown", "second_unit", p.second_unit);
        if (p.second_qty.units <= 0)
            add("catalog.legal_qty_not_positive", "second_qty", FormatDecimal(p.second_qty));
    }

    if (!p.barcode.empty()) {
        switch (CheckBarcode(p.barcode)) {
        case BarcodeCheck::Ok: break;
        case BarcodeCheck::WrongLength: add("catalog.barcode_length", "barcode", p.barcode); break;
        case BarcodeCheck::NotDigits: add("catalog.barcode_not_digits", "barcode", p.barcode); break;
        case BarcodeCheck::WrongCheckDigit: add("catalog.barcode_check_digit", "barcode", p.barcode); break;
        }
    }
    if (p.weight_g < 0) add("catalog.weight_negative", "weight_g", std::to_string(p.weight_g));
    if (p.net_weight_g < 0) add("catalog.weight_negative", "net_weight_g", std::to_string(p.net_weight_g));
    else if (p.net_weight_g > p.weight_g && p.weight_g > 0)
        add("catalog.net_weight_over_gross", "net_weight_g", std::to_string(p.net_weight_g), std::to_string(p.weight_g));

    // What customs reads: a Chinese goods name of the schema's length, an account-book number of
    // the schema's length in the characters account books use.
    if (!p.customs_name.empty()) {
        if (!IsValidUtf8(p.customs_name)) add("catalog.invalid_utf8", "customs_name");
        else if (CountCodePoints(p.customs_name) > kMaxCustomsNameChars)
            add("catalog.customs_name_too_long", "customs_name", p.customs_name, std::to_string(kMaxCustomsNameChars));
        else if (!HasHanCharacter(p.customs_name))
            add("catalog.customs_name_not_chinese", "customs_name", p.customs_name);
    }
    if (!p.item_record_no.empty()) {
        bool ok = p.item_record_no.size() <= kMaxItemRecordNoChars;
        for (char c : p.item_record_no)
            ok = ok && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_');
        if (!ok) add("catalog.item_record_no_format", "item_record_no", p.item_record_no, std::to_string(kMaxItemRecordNoChars));
    }

    // An image is fetched by shoppers' browsers: a web address, or a path on this store
    // (/images/…; not "//host/…", which is another host), with nothing that would break out of a URL.
    for (size_t i = 0; i < p.images.size(); i++) {
        const std::string& url = p.images[i];
        bool path = url.rfind("/", 0) == 0 && url.rfind("//", 0) != 0;
        bool ok = url.size() <= 2000 && (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0 || path);
        for (unsigned char c : url) ok = ok && c > 0x20 && c != 0x7f && c != '"' && c != '<' && c != '>' && c != '\\';
        if (!ok) add("catalog.image_url", "images[" + std::to_string(i) + "]", url);
    }
}

void ValidateAgainstTaxTable(const Product& p, const TaxTable& table, CalendarDate date, int64_t index,
                             std::vector<Problem>& out)
{
    if (p.hs_code.size() != 10) return; // ValidateProduct reports the format
    const TaxHeading* heading = table.FindHeading(p.hs_code);
    const HeadingPeriod* period = heading ? TaxTable::PeriodOn(*heading, date) : nullptr;
    if (period && period->positive_list) return;
    Problem pr;
    pr.code = period ? "catalog.not_on_positive_list" : "catalog.hs_code_not_in_table";
    pr.section = "products";
    pr.index = index;
    pr.sku = p.sku;
    pr.field = "hs_code";
    pr.value = p.hs_code;
    out.push_back(std::move(pr));
}

std::vector<Problem> ValidateCatalog(const Catalog& c)
{
    std::vector<Problem> out;
    std::unordered_map<std::string_view, int64_t> seen_sku;
    for (size_t i = 0; i < c.products.size(); i++) {
        const Product& p = c.products[i];
        ValidateProduct(p, int64_t(i), out);
        if (!p.sku.empty() && !seen_sku.emplace(p.sku, int64_t(i)).second) {
            Problem pr;
            pr.code = "catalog.duplicate_sku";
            pr.section = "products";
            pr.index = int64_t(i);
            pr.sku = p.sku;
            pr.field = "sku";
            pr.value = p.sku;
            out.push_back(std::move(pr));
        }
    }
    std::unordered_map<std::string_view, bool> warehouses;
    for (size_t i = 0; i < c.warehouses.size(); i++) {
        if (c.warehouses[i].code.empty() || !warehouses.emplace(c.warehouses[i].code, true).second) {
            Problem pr;
            pr.code = c.warehouses[i].code.empty() ? "catalog.warehouse_code_missing" : "catalog.duplicate_warehouse";
            pr.section = "warehouses";
            pr.index = int64_t(i);
            pr.field = "code";
            pr.value = c.warehouses[i].code;
            out.push_back(std::move(pr));
        }
    }
    for (size_t i = 0; i < c.stock.size(); i++) {
        const StockLevel& s = c.stock[i];
        auto add = [&](const char* code, const char* field, std::string value) {
            Problem pr;
            pr.code = code;
            pr.section = "stock";
            pr.index = int64_t(i);
            pr.sku = s.sku;
            pr.field = field;
            pr.value = std::move(value);
            out.push_back(std::move(pr));
        };
        if (!seen_sku.count(s.sku)) add("catalog.stock_unknown_sku", "sku", s.sku);
        if (!warehouses.count(s.warehouse)) add("catalog.stock_unknown_warehouse", "warehouse", s.warehouse);
        if (s.on_hand < 0) add("catalog.stock_negative", "on_hand", std::to_string(s.on_hand));
    }
    return out;
}

void ComputeMachineTitles(std::vector<Product>& products)
{
    MachineText machine;
    for (Product& p : products) p.machine_title = machine.Missing(p.title);
}

} // namespace bondstore

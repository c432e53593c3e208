// Product: one sellable variant (one SKU) of the catalog, with what customs needs to clear it.
//
// Variants of the same product share a `handle` (Shopify's word); each variant is its own Product
// record because price, barcode, legal quantity and stock are per SKU. Stock is not here: it lives
// per SKU per bonded warehouse (bonded_stock.h).
#pragma once

#include "core/base/decimal.h"
#include "core/base/localized_text.h"
#include "core/base/money.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bondstore {

// Customs requires a Chinese item name (CEB itemName, C..250).
constexpr std::string_view kCustomsLocale = "zh-Hans";
constexpr size_t kMaxCustomsNameChars = 250;
// The bonded account book's item number (CEB621 itemRecordNo, C..30).
constexpr size_t kMaxItemRecordNoChars = 30;
// The brand goes into CEB gmodel (C..510) with the specification.
constexpr size_t kMaxBrandChars = 200;
// CEB quantities are decimal(19,5).
constexpr int kMaxCebDecimals = 5;

struct Product {
    std::string sku;            // unique across the store
    std::string handle;         // groups variants; defaults to the SKU
    std::string merchant;       // owning merchant id
    LocalizedText title;        // zh-Hans required
    LocalizedText description;
    // Computed by the server when it publishes the catalog (text_conversion.h), not uploaded:
    // titles a locale lacks, converted by machine (zh-Hant from zh-Hans). Shown marked as such.
    LocalizedText machine_title;
    std::string brand;
    std::string category;       // a category key, e.g. "infant_formula"
    std::vector<std::string> tags;
    std::vector<std::string> images; // URLs
    Money price;                // settlement price per item, CNY
    Money compare_at;           // "was" price; 0 when none
    std::string hs_code;        // 10 digits; its tax profile comes from the tax table
    std::string origin_country; // customs numeric code, "116"
    std::string origin_iso;     // ISO 3166 alpha-2, "JP"
    std::string unit_code;      // customs trade unit code, "122" (can)
    Decimal legal_qty;          // qty1: legal quantity per item, e.g. 800
    std::string legal_unit;     // unit1 symbol: "g", "ml", "kg", "L", "piece", …
    Decimal second_qty;         // qty2 (optional; zero when absent)
    std::string second_unit;    // unit2 symbol (optional)
    std::string barcode;        // EAN-8/13, UPC-A, GTIN-14
    int64_t weight_g = 0;       // gross weight per item, grams
    // What customs reads, where it differs from what shoppers read (all optional):
    std::string customs_name;   // the goods' name and kind as declared (gname), e.g. "婴儿配方奶粉";
                                // the zh-Hans title when empty (CustomsName)
    std::string item_record_no; // the item's number in the bonded account book (itemRecordNo)
    int64_t net_weight_g = 0;   // net weight per item, grams; the gross weight when 0 (NetWeightGrams)

    // Computed by the server when it publishes the catalog (search_keys.h), not uploaded.
    struct SearchData {
        std::string pinyin, initials;                      // of the zh-Hans title
        std::vector<std::pair<std::string, int32_t>> rank; // locale → position by name
        int32_t RankIn(std::string_view locale) const;    // -1 if not computed
    } search;
};

// The name customs is told (CEB311 itemName, CEB621 gname, the payment data's gname): the
// declared goods' name, else the zh-Hans title.
const std::string& CustomsName(const Product& p);
// The net weight declared (CEB621 netWeight): never above the gross weight (ValidateProduct).
int64_t NetWeightGrams(const Product& p);

} // namespace bondstore

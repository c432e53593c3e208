// Customs code tables used on products and in CEB messages (SPEC.md §3.12).
//
// Both tables are customs' parameter tables whole (docs/customs-codes.md gives their sources):
// Countries: CEB messages carry the legacy 3-digit customs country code ("116" = Japan); people and
// ICU use ISO 3166 alpha-2 ("JP"). A product carries both and they must agree. Customs' groupings
// ("199" other Asia, "701" unknown, "999" neutral packaging) and places with no alpha-2 of their
// own have none, so no product can name them.
// Units: JGS-20 customs unit codes ("096" = ml). Legal quantities (qty1/unit1) are written with a
// symbol ("ml", "g", "kg", "L", "piece", …); the units customs uses most have one.
#pragma once

#include <cstddef>
#include <string_view>

namespace bondstore {

struct CustomsCountry {
    std::string_view customs; // "116"
    std::string_view iso2;    // "JP"; "" for customs' groupings
    std::string_view name_zh; // "日本", as the customs table names it
};

// nullptr when unknown (and for an empty code).
const CustomsCountry* FindCountryByCustomsCode(std::string_view code);
const CustomsCountry* FindCountryByIso2(std::string_view iso2);

struct CustomsUnit {
    std::string_view code;   // "096"
    std::string_view symbol; // "ml" — the symbol used for legal quantities, or "" for a unit without one
    std::string_view name_zh; // "毫升" — the name the customs code table gives
    // How a legal quantity in this unit counts for the cosmetics consumption-tax threshold:
    // per ml/g (mass or volume), per piece/sheet, or not at all (length, area, power, …).
    enum class Measure { Volume, Mass, Count, Other } measure;
};

const CustomsUnit* FindUnitByCode(std::string_view code);
const CustomsUnit* FindUnitBySymbol(std::string_view symbol); // nullptr for ""

// The whole tables, in code order (for tests and docs).
struct CustomsTables {
    const CustomsCountry* countries;
    size_t country_count;
    const CustomsUnit* units;
    size_t unit_count;
};
CustomsTables AllCustomsCodes();

// The payment company behind a payment provider, as customs registers it: CEB311's payCode and
// payName must name the company that sends the payment record (CEB411) for the order
// (../shared/payments/SPEC.md §5). nullptr for a provider with no customs registration (the sandbox).
struct PaymentCompany {
    std::string_view provider; // "wechat", "alipay"
    std::string_view code;     // payCode (≤ 18)
    std::string_view name;     // payName (≤ 100)
};
const PaymentCompany* FindPaymentCompany(std::string_view provider);

} // namespace bondstore

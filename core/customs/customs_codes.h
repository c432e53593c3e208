// Customs code tables used on products and in CEB messages (SPEC.md §3.12).
//
// Countries: CEB messages carry the legacy 3-digit customs country code ("116" = Japan); people and
// ICU use ISO 3166 alpha-2 ("JP"). A product carries both and they must agree.
// Units: JGS-20 customs unit codes ("096" = ml); legal quantities (qty1/unit1) use the symbols in
// LegalUnit ("ml", "g", "kg", "L", "piece", …), each mapped to its customs code.
#pragma once

#include <string_view>

namespace bondstore {

struct CustomsCountry {
    std::string_view customs; // "116"
    std::string_view iso2;    // "JP"
};

// nullptr when unknown.
const CustomsCountry* FindCountryByCustomsCode(std::string_view code);
const CustomsCountry* FindCountryByIso2(std::string_view iso2);

struct CustomsUnit {
    std::string_view code;   // "096"
    std::string_view symbol; // "ml" — the symbol used for legal quantities, or "" for trade-only units
    std::string_view name_zh; // "毫升" — the name the customs code table gives
    // How a legal quantity in this unit counts for the cosmetics consumption-tax threshold:
    // per ml/g (mass or volume), per piece/sheet, or not applicable.
    enum class Measure { Volume, Mass, Count } measure;
};

const CustomsUnit* FindUnitByCode(std::string_view code);
const CustomsUnit* FindUnitBySymbol(std::string_view symbol);

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

#include "core/customs/customs_codes.h"

namespace bondstore {

// Sourced in SPEC.md §3.12 (numeric customs codes as used by the official CEB samples).
// Add a country only with a source for its customs code.
static const CustomsCountry kCountries[] = {
    {"110", "HK"}, {"116", "JP"}, {"121", "MO"}, {"132", "SG"}, {"133", "KR"}, {"142", "CN"},
    {"143", "TW"}, {"301", "BE"}, {"303", "GB"}, {"304", "DE"}, {"305", "FR"}, {"307", "IT"},
    {"309", "NL"}, {"312", "ES"}, {"315", "AT"}, {"330", "SE"}, {"331", "CH"}, {"344", "RU"},
    {"501", "CA"}, {"502", "US"}, {"601", "AU"}, {"609", "NZ"},
};

static const CustomsUnit kUnits[] = {
    {"001", "set", "台", CustomsUnit::Measure::Count},
    {"006", "suite", "套", CustomsUnit::Measure::Count},
    {"007", "piece", "个", CustomsUnit::Measure::Count},
    {"011", "article", "件", CustomsUnit::Measure::Count},
    {"012", "stick", "支", CustomsUnit::Measure::Count},
    {"015", "strip", "条", CustomsUnit::Measure::Count},
    {"020", "sheet", "片", CustomsUnit::Measure::Count},
    {"025", "pair", "双", CustomsUnit::Measure::Count},
    {"035", "kg", "千克", CustomsUnit::Measure::Mass},
    {"036", "g", "克", CustomsUnit::Measure::Mass},
    {"095", "L", "升", CustomsUnit::Measure::Volume},
    {"096", "ml", "毫升", CustomsUnit::Measure::Volume},
    {"120", "carton", "箱", CustomsUnit::Measure::Count},
    {"122", "can", "罐", CustomsUnit::Measure::Count},
    {"125", "pack", "包", CustomsUnit::Measure::Count},
    {"136", "bag", "袋", CustomsUnit::Measure::Count},
    {"140", "box", "盒", CustomsUnit::Measure::Count},
    {"142", "bottle", "瓶", CustomsUnit::Measure::Count},
};

const CustomsCountry* FindCountryByCustomsCode(std::string_view code)
{
    for (const CustomsCountry& c : kCountries)
        if (c.customs == code) return &c;
    return nullptr;
}

const CustomsCountry* FindCountryByIso2(std::string_view iso2)
{
    for (const CustomsCountry& c : kCountries)
        if (c.iso2 == iso2) return &c;
    return nullptr;
}

const CustomsUnit* FindUnitByCode(std::string_view code)
{
    for (const CustomsUnit& u : kUnits)
        if (u.code == code) return &u;
    return nullptr;
}

const CustomsUnit* FindUnitBySymbol(std::string_view symbol)
{
    for (const CustomsUnit& u : kUnits)
        if (u.symbol == symbol) return &u;
    return nullptr;
}

const PaymentCompany* FindPaymentCompany(std::string_view provider)
{
    // WeChat Pay's company is Tenpay (财付通), code 4403169D3W [I1]; its payName is the company's
    // registered name, which no primary source prints beside the code (SPEC.md §5: unverified).
    // Alipay's: 31222699S7, 支付宝(中国)网络技术有限公司 [AP2].
    static const PaymentCompany companies[] = {
        {"wechat", "4403169D3W", "财付通支付科技有限公司"},
        {"alipay", "31222699S7", "支付宝(中国)网络技术有限公司"},
    };
    for (const PaymentCompany& c : companies)
        if (c.provider == provider) return &c;
    return nullptr;
}

} // namespace bondstore

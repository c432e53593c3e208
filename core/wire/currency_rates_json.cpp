#include "core/wire/currency_rates_json.h"

#include "core/wire/json_reader.h"
#include "core/wire/json_writer.h"

namespace bondstore {

CurrencyRatesParse ParseCurrencyRatesJson(std::string_view text)
{
    CurrencyRatesParse out;
    Problem syntax;
    wire::json doc = wire::ParseDocument(text, &syntax);
    if (doc.is_discarded()) { out.problems.push_back(syntax); return out; }
    if (!doc.is_object()) {
        out.problems.push_back(wire::SectionProblem("json.expected_object", "", -1, doc.dump().substr(0, 40)));
        return out;
    }
    wire::FieldReader r(doc, "", -1, out.problems);
    std::string as_of = r.String("as_of", true);
    if (!as_of.empty() && !ParseIsoDate(as_of, &out.rates.as_of)) r.Report("json.expected_date", "as_of", as_of);
    if (const wire::json* rates = r.Get("rates", true)) {
        if (!rates->is_object()) r.Report("json.expected_object", "rates", rates->dump());
        else {
            wire::FieldReader rr(*rates, "", -1, out.problems, {}, "rates.");
            for (auto it = rates->begin(); it != rates->end(); ++it) {
                const std::string& code = it.key();
                bool iso = code.size() == 3 && code != "CNY";
                for (char c : code) iso = iso && c >= 'A' && c <= 'Z';
                if (!iso) { rr.Report("currency.code_format", code, code); continue; }
                const wire::json& v = it.value();
                std::string value = v.is_string() ? v.get<std::string>() : v.dump();
                DecimalParse rate = v.is_string() ? ParseDecimal(value) : DecimalParse{{}, "decimal.not_a_number"};
                if (rate.error == "decimal.negative" || (rate.ok() && rate.value.is_zero()))
                    { rr.Report("currency.rate_not_positive", code, value); continue; }
                if (!rate.ok()) { rr.Report("json.expected_decimal", code, value); continue; }
                if (out.rates.Find(code)) continue; // JSON objects cannot repeat a key here
                out.rates.rates.push_back({code, rate.value});
            }
        }
    }
    r.UnknownFields({"as_of", "rates"});
    return out;
}

std::string CurrencyRatesToJson(const CurrencyRates& rates)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("as_of", FormatIsoDate(rates.as_of));
    w.Key("rates").BeginObject();
    for (const CurrencyRate& r : rates.rates) w.Field(r.currency, FormatDecimal(r.per_yuan));
    w.EndObject().EndObject();
    return out;
}

} // namespace bondstore

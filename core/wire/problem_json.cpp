#include "core/wire/problem_json.h"

#include "core/i18n/i18n.h"
#include "core/wire/json_reader.h"
#include "core/wire/json_writer.h"

namespace bondstore {

using wire::json;

namespace {

json ProblemsArray(const std::vector<Problem>& problems, const Messages* messages)
{
    json arr = json::array();
    for (const Problem& p : problems) {
        json j;
        j["code"] = p.code;
        j["severity"] = p.severity == Severity::Error ? "error" : "warning";
        if (!p.section.empty()) j["section"] = p.section;
        if (p.index >= 0) j["index"] = p.index;
        if (p.row >= 0) j["row"] = p.row;
        if (!p.sku.empty()) j["sku"] = p.sku;
        if (!p.field.empty()) j["field"] = p.field;
        if (!p.value.empty()) j["value"] = p.value;
        if (!p.limit.empty()) j["limit"] = p.limit;
        if (messages) j["message"] = DescribeProblem(*messages, p);
        arr.push_back(std::move(j));
    }
    return arr;
}

std::vector<Problem> ReadProblems(const json& arr, std::vector<std::string>* messages)
{
    std::vector<Problem> out;
    if (messages) messages->clear();
    if (!arr.is_array()) return out;
    for (const json& pj : arr) {
        if (!pj.is_object()) continue;
        auto str = [&](const char* k) { return pj.contains(k) && pj[k].is_string() ? pj[k].get<std::string>() : std::string(); };
        auto num = [&](const char* k) { return pj.contains(k) && pj[k].is_number_integer() ? pj[k].get<int64_t>() : int64_t(-1); };
        Problem p;
        p.code = str("code");
        p.severity = str("severity") == "warning" ? Severity::Warning : Severity::Error;
        p.section = str("section");
        p.index = num("index");
        p.row = num("row");
        p.sku = str("sku");
        p.field = str("field");
        p.value = str("value");
        p.limit = str("limit");
        if (messages) messages->push_back(str("message"));
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

std::string ProblemsToJson(const std::vector<Problem>& problems, const Messages* messages)
{
    return ProblemsArray(problems, messages).dump();
}

std::vector<Problem> ParseProblemsJson(std::string_view text, std::vector<std::string>* messages)
{
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    return ReadProblems(j, messages);
}

std::string ApiErrorToJson(const ApiError& e, const Messages* messages)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Key("error").BeginObject().Field("code", e.code).Field("message", e.message);
    if (e.with_problems || !e.problems.empty()) w.Key("problems").Raw(ProblemsArray(e.problems, messages).dump());
    w.EndObject();
    if (!e.quote_json.empty()) w.Key("quote").Raw(e.quote_json);
    if (e.with_skus || !e.skus.empty()) {
        w.Key("skus").BeginArray();
        for (const std::string& sku : e.skus) w.String(sku);
        w.EndArray();
    }
    if (!e.reason.empty()) w.Field("reason", e.reason);
    w.EndObject();
    return out;
}

std::optional<ApiError> ParseApiErrorJson(std::string_view text)
{
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return std::nullopt;
    const json& err = j["error"];
    ApiError e;
    e.code = err.value("code", "");
    e.message = err.value("message", "");
    if (err.contains("problems")) {
        e.with_problems = true;
        e.problems = ReadProblems(err["problems"], &e.problem_messages);
    }
    if (j.contains("quote") && j["quote"].is_object()) {
        e.quote_json = j["quote"].dump();
        if (j["quote"].contains("amount_to_pay_fen") && j["quote"]["amount_to_pay_fen"].is_number_integer())
            e.quoted_total = Money{j["quote"]["amount_to_pay_fen"].get<int64_t>()};
    }
    if (j.contains("skus") && j["skus"].is_array()) {
        e.with_skus = true;
        for (const json& s : j["skus"])
            if (s.is_string()) e.skus.push_back(s.get<std::string>());
    }
    if (j.contains("reason") && j["reason"].is_string()) e.reason = j["reason"].get<std::string>();
    return e;
}

} // namespace bondstore

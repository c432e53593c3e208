#include "core/wire/import_report_json.h"

#include "core/wire/catalog_json.h"
#include "core/wire/json_reader.h"
#include "core/wire/json_writer.h"
#include "core/wire/problem_json.h"

namespace bondstore {

using wire::json;

std::string ImportReportToJson(const ImportReport& r, const Messages* messages)
{
    json j;
    j["kind"] = r.kind;
    if (!r.format.empty()) j["format"] = r.format;
    if (!r.dialect.empty()) j["dialect"] = r.dialect;
    j["ok"] = !HasErrors(r.problems);
    j["dry_run"] = r.dry_run;
    j["partial"] = r.partial;
    j["applied"] = r.applied;
    j["rows"] = r.rows;
    j["valid"] = r.valid;
    j["rejected"] = r.rejected;
    j["created"] = r.created;
    j["updated"] = r.updated;
    j["unchanged"] = r.unchanged;
    if (r.catalog_version) j["catalog_version"] = r.catalog_version;
    j["problems"] = json::parse(ProblemsToJson(r.problems, messages));
    return j.dump();
}

bool ParseImportReportJson(std::string_view text, ImportReport* r, std::vector<std::string>* messages)
{
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("rows") || !j.contains("problems")) return false;
    auto str = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string(); };
    auto num = [&](const char* k) { return j.contains(k) && j[k].is_number_integer() ? j[k].get<int64_t>() : int64_t(0); };
    auto flag = [&](const char* k) { return j.contains(k) && j[k].is_boolean() && j[k].get<bool>(); };
    r->kind = str("kind");
    r->format = str("format");
    r->dialect = str("dialect");
    r->dry_run = flag("dry_run");
    r->partial = flag("partial");
    r->applied = flag("applied");
    r->rows = num("rows");
    r->valid = num("valid");
    r->rejected = num("rejected");
    r->created = num("created");
    r->updated = num("updated");
    r->unchanged = num("unchanged");
    r->catalog_version = num("catalog_version");
    if (!j["problems"].is_array()) return false;
    r->problems = ParseProblemsJson(j["problems"].dump(), messages);
    return true;
}

std::string CatalogCheckToJson(const CatalogParse& parsed, const Messages* messages)
{
    std::string out;
    wire::JsonWriter(out)
        .BeginObject()
        .Key("ok")
        .Bool(parsed.ok())
        .Field("products", int64_t(parsed.catalog.products.size()))
        .Key("problems")
        .Raw(ProblemsToJson(parsed.problems, messages))
        .EndObject();
    return out;
}

} // namespace bondstore

#include "core/wire/experience_store_json.h"

#include "core/wire/json_reader.h"

namespace bondstore {

using wire::FieldReader;
using wire::json;
using wire::LocalizedJson;

namespace {

json StoreJson(const ExperienceStore& s)
{
    return {{"id", s.id}, {"name", LocalizedJson(s.name)}, {"address", s.address}, {"district", s.district}, {"hours", s.hours}};
}

ExperienceStore ReadStore(FieldReader& r)
{
    ExperienceStore s;
    s.id = r.String("id", true);
    s.name = r.Localized("name", true);
    s.address = r.String("address", true);
    s.district = r.String("district", true);
    s.hours = r.String("hours", true);
    return s;
}

} // namespace

ExperienceStoreParse ParseExperienceStoreJson(std::string_view text, const std::vector<std::string>& locales)
{
    ExperienceStoreParse out;
    json j = wire::ParseObject(text, &out.problems);
    if (j.is_discarded()) return out;
    FieldReader r(j, "store", -1, out.problems);
    out.store = ReadStore(r);
    r.UnknownFields({"id", "name", "address", "district", "hours"});
    if (HasErrors(out.problems)) return out;
    for (Problem& p : CheckExperienceStore(out.store, locales)) out.problems.push_back(std::move(p));
    return out;
}

std::string ExperienceStoreToJson(const ExperienceStore& store) { return StoreJson(store).dump(); }

std::string StoreDirectoryToJson(const StoreDirectory& d)
{
    json stores = json::array();
    for (const ExperienceStore& s : d.stores) {
        json j = StoreJson(s);
        json samples = json::array();
        for (const DisplaySample& x : d.samples)
            if (x.store == s.id) samples.push_back({{"sku", x.sku}, {"count", x.count}});
        j["samples"] = std::move(samples);
        stores.push_back(std::move(j));
    }
    return json{{"stores", std::move(stores)}}.dump();
}

std::optional<StoreDirectory> ParseStoreDirectoryJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (j.is_discarded() || !j.contains("stores") || !j["stores"].is_array()) return std::nullopt;
    StoreDirectory d;
    std::vector<Problem> problems;
    for (const json& e : j["stores"]) {
        if (!e.is_object()) return std::nullopt;
        FieldReader r(e, "stores", int64_t(d.stores.size()), problems);
        ExperienceStore s = ReadStore(r);
        for (const ExperienceStore& earlier : d.stores)
            if (earlier.id == s.id) return std::nullopt; // (one entry per store)
        if (const json* samples = r.Get("samples", false)) {
            if (!samples->is_array()) return std::nullopt;
            for (const json& x : *samples) {
                if (!x.is_object()) return std::nullopt;
                FieldReader xr(x, "samples", -1, problems);
                DisplaySample sample{s.id, xr.String("sku", true), xr.Integer("count", true)};
                if (sample.count > 0) d.samples.push_back(std::move(sample));
            }
        }
        d.stores.push_back(std::move(s));
    }
    if (HasErrors(problems)) return std::nullopt;
    return d;
}

} // namespace bondstore

#include "core/wire/customs_config_json.h"

#include "core/base/localized_text.h"

#include <nlohmann/json.hpp>

namespace bondstore {

namespace {

struct ConfigReader {
    const nlohmann::json& root;
    std::string error;

    const nlohmann::json* At(const nlohmann::json& obj, const char* key)
    {
        auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    }
    // A string member no longer than `max` code points (and at least 1 unless optional).
    std::string Text(const nlohmann::json& obj, const std::string& path, const char* key, size_t max, bool optional = false)
    {
        if (!error.empty()) return {};
        const nlohmann::json* v = At(obj, key);
        std::string name = path.empty() ? key : path + "." + key;
        if (!v || (v->is_string() && v->get<std::string>().empty())) {
            if (!optional) error = name + " is missing";
            return {};
        }
        if (!v->is_string()) { error = name + " must be a string"; return {}; }
        std::string s = v->get<std::string>();
        if (!IsValidUtf8(s)) error = name + " is not valid UTF-8";
        else if (CountCodePoints(s) > max) error = name + " is longer than " + std::to_string(max) + " characters (the CEB schema's limit)";
        return s;
    }
    CustomsParty Party(const nlohmann::json& obj, const std::string& path, const char* key, size_t code_max = 18, size_t name_max = 100)
    {
        if (!error.empty()) return {};
        const nlohmann::json* v = At(obj, key);
        std::string name = path.empty() ? key : path + "." + key;
        if (!v || !v->is_object()) { error = name + " must be an object {\"code\", \"name\"}"; return {}; }
        CustomsParty p;
        p.code = Text(*v, name, "code", code_max);
        p.name = Text(*v, name, "name", name_max);
        return p;
    }
    void Digits(const std::string& value, const std::string& name, size_t n)
    {
        if (!error.empty()) return;
        bool ok = value.size() == n;
        for (char c : value) ok = ok && c >= '0' && c <= '9';
        if (!ok) error = name + " must be " + std::to_string(n) + " digits";
    }
};

} // namespace

CustomsConfigParse ParseCustomsConfigJson(std::string_view text)
{
    CustomsConfigParse out;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        out.error = "not a JSON object";
        return out;
    }
    ConfigReader r{j, {}};
    CustomsConfig& c = out.config;
    c.platform = r.Party(j, "", "platform");
    c.transfer = r.Party(j, "", "transfer");
    c.dxp_id = r.Text(j, "", "dxp_id", 16); // BaseTransfer allows 30; the DxpMsg SenderId it also is, 16
    const nlohmann::json* merchants = r.At(j, "merchants");
    if (r.error.empty() && (!merchants || !merchants->is_object() || merchants->empty()))
        r.error = "merchants must map each merchant id to its {\"code\", \"name\"} (ebcCode, ebcName)";
    if (r.error.empty())
        for (const auto& [id, party] : merchants->items()) {
            if (!party.is_object()) { r.error = "merchants." + id + " must be an object"; break; }
            c.merchants[id] = {r.Text(party, "merchants." + id, "code", 18), r.Text(party, "merchants." + id, "name", 100)};
        }
    const nlohmann::json* inv = r.At(j, "inventory");
    if (r.error.empty() && inv) {
        if (!inv->is_object()) r.error = "inventory must be an object";
        else {
            c.declare_inventory = true;
            c.agent = r.Party(*inv, "inventory", "agent");
            c.area = r.Party(*inv, "inventory", "area");
            c.logistics = r.Party(*inv, "inventory", "logistics");
            c.assure_code = r.Text(*inv, "inventory", "assure_code", 30);
            c.ems_no = r.Text(*inv, "inventory", "ems_no", 30);
            c.customs_code = r.Text(*inv, "inventory", "customs_code", 4);
            r.Digits(c.customs_code, "inventory.customs_code", 4);
            c.port_code = r.Text(*inv, "inventory", "port_code", 4);
            r.Digits(c.port_code, "inventory.port_code", 4);
            c.traf_mode = r.Text(*inv, "inventory", "traf_mode", 1);
            if (r.error.empty() && std::string("0123456789HWXYZ").find(c.traf_mode) == std::string::npos)
                r.error = "inventory.traf_mode must be a transport mode code (0-9, H, W, X, Y, Z)";
            // The order number is at most 20 characters; logisticsNo is C..60.
            c.waybill_prefix = r.Text(*inv, "inventory", "waybill_prefix", 40, true);
        }
    }
    out.error = r.error;
    return out;
}

} // namespace bondstore

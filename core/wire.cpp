#include "wire.h"

#include "i18n.h"

#include <nlohmann/json.hpp>

namespace bondstore {

using json = nlohmann::ordered_json;

namespace {

// Reads typed fields out of a JSON object, recording a Problem for each one that is missing or
// has the wrong type. Exceptions are never used: nlohmann's checked accessors are avoided.
struct FieldReader {
    const json& obj;
    const char* section;
    int64_t index;
    std::vector<Problem>& problems;
    std::string sku;
    std::string prefix; // for nested objects: "origin."

    FieldReader(const json& o, const char* sec, int64_t idx, std::vector<Problem>& out, std::string item_sku = {},
                std::string field_prefix = {})
        : obj(o), section(sec), index(idx), problems(out), sku(std::move(item_sku)), prefix(std::move(field_prefix)) {}

    void Report(const char* code, std::string field, std::string value = {})
    {
        Problem p;
        p.code = code;
        p.section = section;
        p.index = index;
        p.sku = sku;
        p.field = prefix + field;
        p.value = ShortenForReport(value);
        problems.push_back(std::move(p));
    }

    const json* Get(const char* key, bool required)
    {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) {
            if (required) Report("json.missing_field", key);
            return nullptr;
        }
        return &*it;
    }

    std::string String(const char* key, bool required)
    {
        const json* v = Get(key, required);
        if (!v) return {};
        if (!v->is_string()) { Report("json.expected_string", key, v->dump()); return {}; }
        const std::string& s = v->get_ref<const std::string&>();
        return s;
    }

    int64_t Integer(const char* key, bool required)
    {
        const json* v = Get(key, required);
        if (!v) return 0;
        if (v->is_number_integer()) return v->get<int64_t>();
        if (v->is_number_unsigned()) {
            // Values above INT64_MAX arrive as unsigned; they are out of any range we accept.
            Report("json.integer_out_of_range", key, v->dump());
            return 0;
        }
        if (v->is_number_float()) {
            // A whole number beyond 64 bits arrives as a float: say it is too big, not "not whole".
            // (Doubles that large have no fractional part.)
            double d = v->get<double>();
            if (d >= 9.2e18 || d <= -9.2e18) {
                Report("json.integer_out_of_range", key, v->dump());
                return 0;
            }
        }
        Report("json.expected_integer", key, v->dump());
        return 0;
    }

    Money Fen(const char* key, bool required)
    {
        int64_t fen = Integer(key, required);
        if (fen > kMaxFen || fen < -kMaxFen) {
            Report("json.integer_out_of_range", key, std::to_string(fen));
            return {};
        }
        return {fen};
    }

    Decimal DecimalString(const char* key, bool required)
    {
        const json* v = Get(key, required);
        if (!v) return {};
        std::string text;
        if (v->is_string()) text = v->get_ref<const std::string&>();
        else if (v->is_number_integer() || v->is_number_unsigned()) text = v->dump();
        else { Report("json.expected_decimal", key, v->dump()); return {}; }
        DecimalParse d = ParseDecimal(text);
        if (!d.ok()) { Report(d.error == "decimal.negative" ? "json.negative_decimal" : "json.expected_decimal", key, text); return {}; }
        return d.value;
    }

    LocalizedText Localized(const char* key, bool required)
    {
        LocalizedText out;
        const json* v = Get(key, required);
        if (!v) return out;
        if (!v->is_object()) { Report("json.expected_object", key, v->dump()); return out; }
        for (auto it = v->begin(); it != v->end(); ++it) {
            if (!it.value().is_string()) {
                Report("json.expected_string", std::string(key) + "." + it.key(), it.value().dump());
                continue;
            }
            out.Set(it.key(), it.value().get<std::string>());
        }
        return out;
    }

    std::vector<std::string> StringList(const char* key)
    {
        std::vector<std::string> out;
        const json* v = Get(key, false);
        if (!v) return out;
        if (!v->is_array()) { Report("json.expected_array", key, v->dump()); return out; }
        for (const json& e : *v) {
            if (!e.is_string()) { Report("json.expected_string", key, e.dump()); continue; }
            out.push_back(e.get<std::string>());
        }
        return out;
    }

    // Flags fields that are not in `known`, which catches typos like "hs_cod".
    void UnknownFields(std::initializer_list<std::string_view> known)
    {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            bool found = false;
            for (std::string_view k : known) found |= (k == it.key());
            if (!found) {
                Report("json.unknown_field", it.key());
                problems.back().severity = Severity::Warning;
            }
        }
    }
};

Problem SectionProblem(const char* code, const char* section, int64_t index, std::string value = {})
{
    Problem p;
    p.code = code;
    p.section = section;
    p.index = index;
    p.value = ShortenForReport(value);
    return p;
}

Product ReadProduct(const json& j, int64_t index, std::vector<Problem>& problems)
{
    Product p;
    FieldReader r(j, "products", index, problems);
    p.sku = r.String("sku", true);
    r.sku = p.sku;
    p.handle = r.String("handle", false);
    if (p.handle.empty()) p.handle = p.sku;
    p.merchant = r.String("merchant", false);
    p.title = r.Localized("title", true);
    p.description = r.Localized("description", false);
    p.brand = r.String("brand", false);
    p.category = r.String("category", false);
    p.tags = r.StringList("tags");
    p.images = r.StringList("images");
    p.price = r.Fen("price_fen", true);
    p.compare_at = r.Fen("compare_at_fen", false);
    p.hs_code = r.String("hs_code", true);
    if (const json* o = r.Get("origin", true)) {
        if (o->is_object()) {
            FieldReader ro(*o, "products", index, problems, p.sku, "origin.");
            p.origin_country = ro.String("country", true);
            p.origin_iso = ro.String("iso", true);
            ro.UnknownFields({"country", "iso"});
        } else {
            r.Report("json.expected_object", "origin", o->dump());
        }
    }
    p.unit_code = r.String("unit", true);
    p.legal_qty = r.DecimalString("legal_qty", true);
    p.legal_unit = r.String("legal_unit", true);
    p.second_qty = r.DecimalString("second_qty", false);
    p.second_unit = r.String("second_unit", false);
    p.barcode = r.String("barcode", false);
    p.weight_g = r.Integer("weight_g", false);
    r.UnknownFields({"sku", "handle", "merchant", "title", "description", "brand", "category", "tags",
                     "images", "price_fen", "compare_at_fen", "hs_code", "origin", "unit", "legal_qty",
                     "legal_unit", "second_qty", "second_unit", "barcode", "weight_g", "search"});
    return p;
}

// Collects the byte offset of the first syntax error (nlohmann reports it only through an
// exception or a SAX handler; this handler accepts everything else).
struct SyntaxErrorFinder {
    size_t position = 0;
    std::string what;
    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(json::number_integer_t) { return true; }
    bool number_unsigned(json::number_unsigned_t) { return true; }
    bool number_float(json::number_float_t, const std::string&) { return true; }
    bool string(std::string&) { return true; }
    bool binary(json::binary_t&) { return true; }
    bool start_object(std::size_t) { return true; }
    bool key(std::string&) { return true; }
    bool end_object() { return true; }
    bool start_array(std::size_t) { return true; }
    bool end_array() { return true; }
    bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex)
    {
        position = pos;
        what = ex.what();
        return false;
    }
};

} // namespace

CatalogParse ParseCatalogJson(std::string_view text)
{
    CatalogParse out;
    json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        SyntaxErrorFinder finder;
        json::sax_parse(text.begin(), text.end(), &finder, nlohmann::detail::input_format_t::json, true);
        Problem p;
        p.code = "json.syntax";
        p.field = "offset";
        p.value = std::to_string(finder.position);
        out.problems.push_back(std::move(p));
        return out;
    }
    if (!doc.is_object()) {
        out.problems.push_back(SectionProblem("json.expected_object", "", -1, doc.dump().substr(0, 40)));
        return out;
    }

    FieldReader top(doc, "", -1, out.problems);
    out.catalog.version = top.Integer("version", false);
    top.UnknownFields({"version", "products", "warehouses", "stock"});

    auto products = doc.find("products");
    if (products == doc.end() || !products->is_array()) {
        Problem p = SectionProblem(products == doc.end() ? "json.missing_field" : "json.expected_array", "", -1);
        p.field = "products";
        out.problems.push_back(std::move(p));
        return out;
    }
    out.catalog.products.reserve(products->size());
    int64_t i = 0;
    for (const json& j : *products) {
        if (!j.is_object()) out.problems.push_back(SectionProblem("json.expected_object", "products", i, j.dump()));
        else out.catalog.products.push_back(ReadProduct(j, i, out.problems));
        i++;
    }

    if (auto w = doc.find("warehouses"); w != doc.end()) {
        if (!w->is_array()) out.problems.push_back(SectionProblem("json.expected_array", "warehouses", -1));
        else {
            int64_t k = 0;
            for (const json& j : *w) {
                if (!j.is_object()) { out.problems.push_back(SectionProblem("json.expected_object", "warehouses", k++, j.dump())); continue; }
                FieldReader r(j, "warehouses", k++, out.problems);
                Warehouse wh;
                wh.code = r.String("code", true);
                wh.name = r.Localized("name", false);
                r.UnknownFields({"code", "name"});
                out.catalog.warehouses.push_back(std::move(wh));
            }
        }
    }
    if (auto s = doc.find("stock"); s != doc.end()) {
        if (!s->is_array()) out.problems.push_back(SectionProblem("json.expected_array", "stock", -1));
        else {
            int64_t k = 0;
            for (const json& j : *s) {
                if (!j.is_object()) { out.problems.push_back(SectionProblem("json.expected_object", "stock", k++, j.dump())); continue; }
                FieldReader r(j, "stock", k++, out.problems);
                StockLevel level;
                level.sku = r.String("sku", true);
                r.sku = level.sku;
                level.warehouse = r.String("warehouse", true);
                level.on_hand = r.Integer("on_hand", true);
                r.UnknownFields({"sku", "warehouse", "on_hand"});
                out.catalog.stock.push_back(std::move(level));
            }
        }
    }

    // Shape problems first; only a well-shaped catalog gets the business rules (otherwise every
    // missing field would be reported twice).
    if (!HasErrors(out.problems)) {
        std::vector<Problem> rules = ValidateCatalog(out.catalog);
        out.problems.insert(out.problems.end(), rules.begin(), rules.end());
    }
    return out;
}

static json LocalizedToJson(const LocalizedText& t)
{
    json o = json::object();
    for (const auto& [locale, text] : t.entries) o[locale] = text;
    return o;
}

static json ProductJson(const Product& p)
{
    json j;
    j["sku"] = p.sku;
    if (p.handle != p.sku) j["handle"] = p.handle;
    if (!p.merchant.empty()) j["merchant"] = p.merchant;
    j["title"] = LocalizedToJson(p.title);
    if (!p.description.empty()) j["description"] = LocalizedToJson(p.description);
    if (!p.brand.empty()) j["brand"] = p.brand;
    if (!p.category.empty()) j["category"] = p.category;
    if (!p.tags.empty()) j["tags"] = p.tags;
    if (!p.images.empty()) j["images"] = p.images;
    j["price_fen"] = p.price.fen;
    if (p.compare_at.fen) j["compare_at_fen"] = p.compare_at.fen;
    j["hs_code"] = p.hs_code;
    j["origin"] = {{"country", p.origin_country}, {"iso", p.origin_iso}};
    j["unit"] = p.unit_code;
    j["legal_qty"] = FormatDecimal(p.legal_qty);
    j["legal_unit"] = p.legal_unit;
    if (!p.second_unit.empty()) {
        j["second_qty"] = FormatDecimal(p.second_qty);
        j["second_unit"] = p.second_unit;
    }
    if (!p.barcode.empty()) j["barcode"] = p.barcode;
    if (p.weight_g) j["weight_g"] = p.weight_g;
    return j;
}

std::string ProductToJson(const Product& p) { return ProductJson(p).dump(); }

std::string LocalizedTextToJson(const LocalizedText& t) { return LocalizedToJson(t).dump(); }

std::string JsonQuote(std::string_view text) { return json(std::string(text)).dump(); }

std::string CatalogToJson(const Catalog& c, bool with_stock)
{
    json j;
    j["version"] = c.version;
    if (with_stock) {
        json w = json::array();
        for (const Warehouse& wh : c.warehouses) w.push_back({{"code", wh.code}, {"name", LocalizedToJson(wh.name)}});
        j["warehouses"] = std::move(w);
    }
    json products = json::array();
    for (const Product& p : c.products) products.push_back(ProductJson(p));
    j["products"] = std::move(products);
    if (with_stock) {
        json s = json::array();
        for (const StockLevel& l : c.stock)
            s.push_back({{"sku", l.sku}, {"warehouse", l.warehouse}, {"on_hand", l.on_hand}});
        j["stock"] = std::move(s);
    }
    return j.dump();
}

std::string ProblemsToJson(const std::vector<Problem>& problems, const Messages* messages)
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
    return arr.dump();
}

} // namespace bondstore

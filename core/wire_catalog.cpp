// The catalog part of the wire format (wire.h): catalogs, products, problems.
#include "wire.h"

#include "i18n.h"
#include "wire_reader.h"

namespace bondstore {

using wire::FieldReader;
using wire::SectionProblem;
using wire::json;
using wire::ParseDocument;

namespace {

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

} // namespace

CatalogParse ParseCatalogJson(std::string_view text)
{
    CatalogParse out;
    Problem syntax;
    // Products are read one by one as the parser completes them and dropped from the document:
    // a 100,000-product file is never held as a JSON tree as well as a product list.
    std::vector<Problem> product_problems;
    int64_t index = 0;
    bool in_products = false, saw_products_array = false;
    json::parser_callback_t take_products = [&](int depth, json::parse_event_t event, json& parsed) {
        using E = json::parse_event_t;
        if (depth == 1 && event == E::key) in_products = parsed.is_string() && parsed.get_ref<const std::string&>() == "products";
        if (!in_products) return true;
        if (depth == 1 && event == E::array_start) saw_products_array = true;
        if (depth == 1 && (event == E::array_end || event == E::value)) { in_products = false; return true; }
        if (depth == 2 && event == E::object_end) {
            out.catalog.products.push_back(ReadProduct(parsed, index++, product_problems));
            return false;
        }
        if (depth == 2 && event == E::value) {
            product_problems.push_back(SectionProblem("json.expected_object", "products", index++, parsed.dump()));
            return false;
        }
        if (depth == 2 && event == E::array_end) { // an array as an element: not a product
            product_problems.push_back(SectionProblem("json.expected_object", "products", index++, "[…]"));
            return false;
        }
        return true;
    };
    json doc = ParseDocument(text, &syntax, take_products);
    if (doc.is_discarded()) {
        out.catalog.products.clear();
        out.problems.push_back(std::move(syntax));
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
    if (products == doc.end() || !products->is_array() || !saw_products_array) {
        Problem p = SectionProblem(products == doc.end() ? "json.missing_field" : "json.expected_array", "", -1);
        p.field = "products";
        out.problems.push_back(std::move(p));
        out.catalog.products.clear();
        return out;
    }
    out.problems.insert(out.problems.end(), product_problems.begin(), product_problems.end());

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

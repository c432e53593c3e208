#include "core/wire/catalog_json.h"

#include "core/i18n/i18n.h"
#include "core/search/search.h"
#include "core/wire/json_reader.h"
#include "core/wire/json_writer.h"
#include "core/wire/order_json.h"

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
    p.net_weight_g = r.Integer("net_weight_g", false);
    p.customs_name = r.String("customs_name", false);
    p.item_record_no = r.String("item_record_no", false);
    p.machine_title = r.Localized("machine_title", false); // computed by the server
    if (const json* search = r.Get("search", false); search && search->is_object()) {
        // Computed by the server (search_keys.h); read back by the browser.
        FieldReader rs(*search, "products", index, problems, p.sku, "search.");
        p.search.pinyin = rs.String("pinyin", false);
        p.search.initials = rs.String("initials", false);
        if (auto rank = search->find("rank"); rank != search->end() && rank->is_object())
            for (auto it = rank->begin(); it != rank->end(); ++it)
                if (it.value().is_number_integer()) p.search.rank.emplace_back(it.key(), it.value().get<int32_t>());
    }
    r.UnknownFields({"sku", "handle", "merchant", "title", "description", "brand", "category", "tags",
                     "images", "price_fen", "compare_at_fen", "hs_code", "origin", "unit", "legal_qty",
                     "legal_unit", "second_qty", "second_unit", "barcode", "weight_g", "net_weight_g", "customs_name",
                     "item_record_no", "machine_title", "search"});
    return p;
}

std::vector<Warehouse> ReadWarehouses(const json& doc, std::vector<Problem>& problems)
{
    std::vector<Warehouse> out;
    auto w = doc.find("warehouses");
    if (w == doc.end()) return out;
    if (!w->is_array()) { problems.push_back(SectionProblem("json.expected_array", "warehouses", -1)); return out; }
    int64_t k = 0;
    for (const json& j : *w) {
        if (!j.is_object()) { problems.push_back(SectionProblem("json.expected_object", "warehouses", k++, j.dump())); continue; }
        FieldReader r(j, "warehouses", k++, problems);
        Warehouse wh;
        wh.code = r.String("code", true);
        wh.name = r.Localized("name", false);
        r.UnknownFields({"code", "name"});
        out.push_back(std::move(wh));
    }
    return out;
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

    out.catalog.warehouses = ReadWarehouses(doc, out.problems);
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

ProductParse ParseProductJson(std::string_view text)
{
    ProductParse out;
    Problem syntax;
    json doc = ParseDocument(text, &syntax);
    if (doc.is_discarded()) out.problems.push_back(std::move(syntax));
    else if (!doc.is_object()) out.problems.push_back(SectionProblem("json.expected_object", "products", 0, doc.dump().substr(0, 40)));
    else out.product = ReadProduct(doc, 0, out.problems);
    return out;
}

std::optional<LocalizedText> ParseLocalizedTextJson(std::string_view text)
{
    Problem syntax;
    json doc = ParseDocument(text, &syntax);
    if (!doc.is_object()) return std::nullopt;
    LocalizedText t;
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        if (!it.value().is_string()) return std::nullopt;
        t.Set(it.key(), it.value().get<std::string>());
    }
    return t;
}

static void WriteLocalized(wire::JsonWriter& w, const LocalizedText& t)
{
    w.BeginObject();
    for (const auto& [locale, text] : t.entries) w.Field(locale, text);
    w.EndObject();
}

static void WriteProduct(wire::JsonWriter& w, const Product& p, ProductDetail detail = ProductDetail::Full)
{
    bool full = detail == ProductDetail::Full;
    w.BeginObject();
    w.Field("sku", p.sku);
    if (p.handle != p.sku) w.Field("handle", p.handle);
    if (full && !p.merchant.empty()) w.Field("merchant", p.merchant);
    w.Key("title");
    WriteLocalized(w, p.title);
    if (full && !p.description.empty()) {
        w.Key("description");
        WriteLocalized(w, p.description);
    }
    if (!p.brand.empty()) w.Field("brand", p.brand);
    if (!p.category.empty()) w.Field("category", p.category);
    for (const auto& [key, list] : {std::pair{"tags", &p.tags}, std::pair{"images", &p.images}}) {
        if (list->empty() || (!full && key == std::string_view("tags"))) continue;
        w.Key(key).BeginArray();
        for (const std::string& v : *list) {
            w.String(v);
            if (!full) break; // a list shows the first picture
        }
        w.EndArray();
    }
    w.Field("price_fen", p.price.fen);
    if (p.compare_at.fen) w.Field("compare_at_fen", p.compare_at.fen);
    w.Field("hs_code", p.hs_code);
    w.Key("origin").BeginObject().Field("country", p.origin_country).Field("iso", p.origin_iso).EndObject();
    w.Field("unit", p.unit_code);
    w.Field("legal_qty", FormatDecimal(p.legal_qty));
    w.Field("legal_unit", p.legal_unit);
    if (!p.second_unit.empty()) {
        w.Field("second_qty", FormatDecimal(p.second_qty));
        w.Field("second_unit", p.second_unit);
    }
    if (full && !p.barcode.empty()) w.Field("barcode", p.barcode);
    if (p.weight_g) w.Field("weight_g", p.weight_g);
    if (full && p.net_weight_g) w.Field("net_weight_g", p.net_weight_g);
    if (full && !p.customs_name.empty()) w.Field("customs_name", p.customs_name);
    if (full && !p.item_record_no.empty()) w.Field("item_record_no", p.item_record_no);
    if (!p.machine_title.empty()) {
        w.Key("machine_title");
        WriteLocalized(w, p.machine_title);
    }
    if (!p.search.pinyin.empty() || !p.search.rank.empty()) {
        w.Key("search").BeginObject().Field("pinyin", p.search.pinyin).Field("initials", p.search.initials);
        w.Key("rank").BeginObject();
        for (const auto& [locale, position] : p.search.rank) w.Field(locale, int64_t(position));
        w.EndObject().EndObject();
    }
    w.EndObject();
}

std::string ProductToJson(const Product& p, ProductDetail detail)
{
    std::string out;
    wire::JsonWriter w(out);
    WriteProduct(w, p, detail);
    return out;
}

std::string LocalizedTextToJson(const LocalizedText& t)
{
    std::string out;
    wire::JsonWriter w(out);
    WriteLocalized(w, t);
    return out;
}


static void WriteWarehouses(wire::JsonWriter& w, const std::vector<Warehouse>& warehouses)
{
    w.Key("warehouses").BeginArray();
    for (const Warehouse& wh : warehouses) {
        w.BeginObject().Field("code", wh.code).Key("name");
        WriteLocalized(w, wh.name);
        w.EndObject();
    }
    w.EndArray();
}

std::string CatalogToJson(const Catalog& c, bool with_stock)
{
    std::string out;
    out.reserve(64 + c.products.size() * 640);
    wire::JsonWriter w(out);
    w.BeginObject().Field("version", c.version);
    // The bonded warehouses are public (a shopper sees where the goods ship from); their stock is not.
    if (with_stock || !c.warehouses.empty()) WriteWarehouses(w, c.warehouses);
    w.Key("products").BeginArray();
    for (const Product& p : c.products) WriteProduct(w, p);
    w.EndArray();
    if (with_stock) {
        w.Key("stock").BeginArray();
        for (const StockLevel& l : c.stock)
            w.BeginObject().Field("sku", l.sku).Field("warehouse", l.warehouse).Field("on_hand", l.on_hand).EndObject();
        w.EndArray();
    }
    w.EndObject();
    return out;
}




static void WriteFacets(wire::JsonWriter& w, const SearchResult& r)
{
    w.Key("facets").BeginObject();
    for (const auto& [key, list] : {std::pair{"category", &r.categories}, std::pair{"origin", &r.origins}}) {
        w.Key(key).BeginObject();
        for (const FacetCount& f : *list) w.Field(f.value, f.count);
        w.EndObject();
    }
    w.Key("price_band").BeginArray();
    for (int b = 0; b < kPriceBandCount; b++)
        w.BeginObject().Field("from_fen", PriceBandLow(b).fen).Field("count", r.price_bands[b]).EndObject();
    w.EndArray().EndObject();
}

std::string CompleteCatalogPageToJson(const Catalog& c)
{
    std::string out;
    out.reserve(128 + c.products.size() * 640);
    wire::JsonWriter w(out);
    w.BeginObject().Field("version", c.version).Key("complete").Bool(true);
    w.Field("product_count", int64_t(c.products.size()));
    WriteWarehouses(w, c.warehouses);
    w.Key("products").BeginArray();
    for (const Product& p : c.products) WriteProduct(w, p);
    w.EndArray().EndObject();
    return out;
}

std::string CatalogPageToJson(const Catalog& c, const SearchResult& r, size_t offset,
                              const std::vector<SkuAvailability>& availability)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("version", c.version).Key("complete").Bool(false);
    w.Field("product_count", int64_t(c.products.size())).Field("total", int64_t(r.total)).Field("offset", int64_t(offset));
    WriteWarehouses(w, c.warehouses);
    w.Key("products").BeginArray();
    for (size_t i = offset; i < r.hits.size(); i++) WriteProduct(w, c.products[r.hits[i]], ProductDetail::Listing);
    w.EndArray();
    w.Key("availability").Raw(InventoryToJson(availability));
    WriteFacets(w, r);
    w.EndObject();
    return out;
}

CatalogPageParse ParseCatalogPageJson(std::string_view text)
{
    CatalogPageParse out;
    CatalogPage& page = out.page;
    Problem syntax;
    json doc = ParseDocument(text, &syntax);
    if (doc.is_discarded()) { out.problems.push_back(std::move(syntax)); return out; }
    if (!doc.is_object()) { out.problems.push_back(SectionProblem("json.expected_object", "", -1)); return out; }
    FieldReader top(doc, "", -1, out.problems);
    page.version = top.Integer("version", true);
    if (const json* c = top.Get("complete", true)) {
        if (c->is_boolean()) page.complete = c->get<bool>();
        else out.problems.push_back(SectionProblem("json.expected_boolean", "", -1, c->dump()));
    }
    page.product_count = top.Integer("product_count", true);
    page.total = top.Integer("total", !page.complete);
    page.offset = top.Integer("offset", !page.complete);
    page.warehouses = ReadWarehouses(doc, out.problems);
    const json* products = top.Get("products", true);
    if (products && !products->is_array()) out.problems.push_back(SectionProblem("json.expected_array", "products", -1));
    else if (products) {
        int64_t k = 0;
        for (const json& j : *products) {
            if (!j.is_object()) { out.problems.push_back(SectionProblem("json.expected_object", "products", k++, "")); continue; }
            page.products.push_back(ReadProduct(j, k++, out.problems));
        }
    }
    if (const json* a = top.Get("availability", !page.complete)) {
        InventoryParse inventory = ParseInventoryJson(a->dump());
        out.problems.insert(out.problems.end(), inventory.problems.begin(), inventory.problems.end());
        page.availability = std::move(inventory.items);
    }
    if (const json* f = top.Get("facets", !page.complete); f && f->is_object()) {
        for (const auto& [key, list] : {std::pair{"category", &page.categories}, std::pair{"origin", &page.origins}}) {
            auto values = f->find(key);
            if (values == f->end() || !values->is_object()) continue;
            for (auto it = values->begin(); it != values->end(); ++it)
                if (it.value().is_number_integer()) list->push_back({it.key(), it.value().get<int64_t>()});
        }
        if (auto bands = f->find("price_band"); bands != f->end() && bands->is_array())
            for (size_t b = 0; b < bands->size() && b < size_t(kPriceBandCount); b++)
                if ((*bands)[b].is_object()) page.price_bands[b] = (*bands)[b].value("count", int64_t(0));
    }
    top.UnknownFields({"version", "complete", "product_count", "total", "offset", "warehouses", "products", "availability", "facets"});
    return out;
}

std::string SearchResultToJson(const SearchResult& r, const std::vector<Product>& products)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("total", int64_t(r.total)).Key("hits").BeginArray();
    for (uint32_t i : r.hits) WriteProduct(w, products[i]);
    w.EndArray();
    WriteFacets(w, r);
    w.EndObject();
    return out;
}



} // namespace bondstore

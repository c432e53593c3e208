#include "core/import/catalog_fixup.h"

#include "core/formats/csv.h"
#include "core/formats/markup_text.h"
#include "core/formats/xml_reader.h"
#include "core/import/import_common.h"

#include <map>
#include <set>

namespace bondstore {

namespace {

using namespace import;

// The columns a fix-up file adds after the merchant's own, in each dialect (the importers' names).
const char* const kShopifyAdded[] = {
    "HS code (product.metafields.customs.hs_code)",
    "Origin country (product.metafields.customs.origin_country)",
    "Customs unit (product.metafields.customs.unit)",
    "Legal quantity (variant.metafields.customs.legal_qty)",
    "Chinese title (variant.metafields.customs.title_zh)",
    "Customs review (variant.metafields.customs.review)",
};
const char* const kGoogleAdded[] = {"customs_hs_code", "customs_origin_country", "customs_unit", "customs_legal_qty", "title_zh",
                                    "customs_review"};
constexpr size_t kAdded = std::size(kShopifyAdded);

// A problem with the file itself, at its header.
Problem FileProblem(const char* code, std::string column)
{
    Problem p;
    p.code = code;
    p.row = 1;
    p.field = std::move(column);
    return p;
}

void AppendRecord(std::string& out, const std::vector<std::string>& fields, char delimiter, const char* eol)
{
    for (size_t i = 0; i < fields.size(); i++) {
        if (i) out += delimiter;
        AppendCsvField(out, fields[i], delimiter);
    }
    out += eol;
}

// The file's own line ends (Shopify writes LF; a spreadsheet saves CRLF).
const char* LineEnd(std::string_view bytes)
{
    size_t nl = bytes.find('\n');
    return nl != std::string_view::npos && nl > 0 && bytes[nl - 1] == '\r' ? "\r\n" : "\n";
}

// What one variant's or item's text says, for the suggestions.
struct Variant {
    int64_t row = 0;
    std::string handle, title, sku;
    std::vector<std::string> options;
    std::string kind;   // product type, category path and tags
    std::string maker;  // vendor, tags and description (plain text)
};

// The suggestions for one variant; its SKU made unique among `skus` when it has none.
FixupSuggestion Suggest(const Variant& v, const HsSuggester& hs, const OriginSuggester& origin, std::set<std::string>& skus)
{
    FixupSuggestion s;
    s.row = v.row;
    s.handle = v.handle;
    s.title = v.title;
    s.sku = v.sku;
    if (s.sku.empty()) {
        std::string base = SuggestSku(v.handle, v.options);
        if (base.empty()) base = "ITEM-" + std::to_string(v.row);
        s.sku = base;
        for (int n = 2; skus.count(s.sku); n++) s.sku = base + "-" + std::to_string(n);
        s.sku_suggested = true;
        s.review.push_back("sku");
    }
    skus.insert(s.sku);
    HsSuggestion h = hs.Suggest(s.title + " \n " + v.kind);
    s.hs_code = h.code;
    s.hs_heading = h.heading;
    s.hs_keyword = h.keyword;
    s.origin = origin.Suggest(v.maker);
    s.unit = "piece";
    QuantitySuggestion q = SuggestLegalQuantity(s.title);
    if (!q.unit.empty()) s.legal_qty = FormatDecimal(q.qty) + " " + q.unit;
    for (const char* field : {"hs_code", "origin_country", "unit", "legal_qty", "title_zh"}) s.review.push_back(field);
    return s;
}

std::vector<std::string> AddedCells(const FixupSuggestion& s)
{
    std::string review;
    for (const std::string& field : s.review) review += (review.empty() ? "" : " ") + field;
    return {s.hs_code, s.origin, s.unit, s.legal_qty, s.title_zh, review};
}

// Reads `bytes` record by record: `on_header` checks the header (false with out.problem set to
// stop), `on_row` turns a record into a variant (false: a row with no variant, kept as it is).
template <class OnHeader, class OnRow>
CatalogFixup Rewrite(std::string_view bytes, char delimiter, const char* const* added, const HsSuggester& hs, const OriginSuggester& origin,
                     OnHeader on_header, OnRow on_row)
{
    CatalogFixup out;
    out.delimiter = delimiter;
    const char* eol = LineEnd(bytes);
    CsvReader csv(delimiter);
    size_t width = 0;
    bool have_header = false;
    std::set<std::string> skus; // every SKU the file has or is given, kept unique
    auto on_record = [&](const CsvRecord& r) {
        std::vector<std::string> f = r.fields;
        if (!have_header) {
            for (const std::string& name : f)
                if (AsciiLower(name).find("customs") != std::string::npos) {
                    out.problem = FileProblem("import.fixup_has_customs_columns", name);
                    return false;
                }
            if (!on_header(f, out)) return false;
            width = f.size();
            for (size_t i = 0; i < kAdded; i++) f.push_back(added[i]);
            AppendRecord(out.file, f, delimiter, eol);
            have_header = true;
            return true;
        }
        if (f.size() < width) f.resize(width); // (a short row keeps its cells; the new ones follow the header's)
        Variant v;
        std::vector<std::string> cells(kAdded);
        if (on_row(r.row, f, v)) {
            FixupSuggestion s = Suggest(v, hs, origin, skus);
            if (s.sku_suggested && out.sku_column >= 0) f[size_t(out.sku_column)] = s.sku;
            cells = AddedCells(s);
            out.rows.push_back(std::move(s));
        } else if (out.sku_column >= 0 && size_t(out.sku_column) < f.size() && !Trim(f[size_t(out.sku_column)]).empty()) {
            skus.insert(Trim(f[size_t(out.sku_column)]));
        }
        for (std::string& c : cells) f.push_back(std::move(c));
        AppendRecord(out.file, f, delimiter, eol);
        return true;
    };
    constexpr size_t kChunk = 64 << 10;
    for (size_t at = 0; at < bytes.size() && !csv.failed() && out.ok(); at += kChunk) csv.Feed(bytes.substr(at, kChunk), on_record);
    if (!csv.failed() && out.ok()) csv.Finish(on_record);
    if (csv.failed()) out.problem = csv.error();
    else if (out.ok() && !have_header) out.problem = FileProblem("import.no_header", "");
    if (!out.ok()) {
        out.file.clear();
        out.rows.clear();
    }
    return out;
}

// The feed with each row's attributes written before its item's end tag (and its id, when made).
std::string WriteXmlFixup(const CatalogFixup& fixup, const std::vector<FixupSuggestion>& rows)
{
    const std::string prefix = fixup.original.find("xmlns:g=") != std::string::npos ? "g:" : "";
    std::string out;
    size_t copied = 0;
    for (size_t i = 0; i < rows.size() && i < fixup.item_ends.size(); i++) {
        out.append(fixup.original, copied, fixup.item_ends[i] - copied);
        copied = fixup.item_ends[i];
        const FixupSuggestion& s = rows[i];
        auto element = [&](const char* name, const std::string& value) {
            out += "<" + prefix + name + ">" + EscapeMarkup(value) + "</" + prefix + name + ">";
        };
        if (s.sku_suggested) element("id", s.sku);
        std::vector<std::string> cells = AddedCells(s);
        for (size_t k = 0; k < kAdded; k++) element(kGoogleAdded[k], cells[k]);
    }
    out.append(fixup.original, copied, std::string::npos);
    return out;
}

} // namespace

CatalogFixup FixUpGoogleXml(std::string_view bytes, const HsSuggester& hs, const OriginSuggester& origin)
{
    CatalogFixup out;
    out.delimiter = 0;
    XmlReader xml(bytes);
    struct Item {
        int64_t line = 0;
        size_t end = 0;
        std::map<std::string, std::string> attrs;
    };
    std::vector<Item> items;
    int item_depth = -1;
    std::string current, value;
    bool nested = false;
    Item item;
    for (;;) {
        XmlReader::Event e = xml.Next();
        if (e == XmlReader::Event::End) break;
        if (e == XmlReader::Event::Error) {
            out.problem.code = xml.error();
            out.problem.row = xml.line();
            return out;
        }
        if (e == XmlReader::Event::StartElement) {
            if (item_depth < 0 && (xml.local_name() == "item" || xml.local_name() == "entry")) {
                item_depth = xml.depth();
                item = Item{xml.line(), 0, {}};
            } else if (item_depth >= 0 && xml.depth() == item_depth + 1) {
                current = AsciiLower(xml.local_name());
                value.clear();
                nested = false;
            } else if (item_depth >= 0) {
                nested = true;
            }
        } else if (e == XmlReader::Event::Text) {
            if (item_depth >= 0 && !current.empty() && !nested) value += xml.text();
        } else if (e == XmlReader::Event::EndElement) {
            if (item_depth >= 0 && xml.depth() == item_depth) {
                if (!nested && !current.empty()) item.attrs.emplace(current, value);
                current.clear();
            } else if (item_depth >= 0 && xml.depth() == item_depth - 1) {
                item.end = xml.offset();
                // (An empty <item/> has no end tag to write before: it is no product either.)
                if (bytes.substr(item.end, 2) == "</") items.push_back(std::move(item));
                item_depth = -1;
            }
        }
    }
    if (items.empty()) {
        out.problem.code = "google.no_items";
        return out;
    }
    std::set<std::string> skus;
    for (const Item& it : items) {
        for (const char* customs : kGoogleAdded)
            if (it.attrs.count(customs)) {
                out.problem.code = "import.fixup_has_customs_columns";
                out.problem.field = customs;
                return out;
            }
        if (auto id = it.attrs.find("id"); id != it.attrs.end() && !Trim(id->second).empty()) skus.insert(Trim(id->second));
    }
    auto get = [](const Item& it, const char* name) {
        auto found = it.attrs.find(name);
        return found == it.attrs.end() ? std::string() : Trim(found->second);
    };
    out.original = std::string(bytes);
    for (const Item& it : items) {
        Variant v;
        v.row = int64_t(out.rows.size()) + 1; // (the item's number: a feed may be one line)
        v.handle = get(it, "item_group_id");
        if (v.handle.empty()) v.handle = Slugify(get(it, "title"));
        v.title = get(it, "title");
        for (const char* option : {"color", "size", "material", "pattern"})
            if (!get(it, option).empty()) v.options.push_back(get(it, option));
        v.sku = get(it, "id");
        v.kind = get(it, "product_type") + " \n " + get(it, "google_product_category");
        v.maker = get(it, "brand") + " \n " + PlainText(get(it, "description"));
        out.rows.push_back(Suggest(v, hs, origin, skus));
        out.item_ends.push_back(it.end);
    }
    out.file = WriteXmlFixup(out, out.rows);
    return out;
}

CatalogFixup FixUpShopifyCsv(std::string_view bytes, const HsSuggester& hs, const OriginSuggester& origin)
{
    ShopifyColumns col{};
    std::vector<std::string> group; // the product's first row
    std::string group_handle;
    auto get = [&](const std::vector<std::string>& f, Col c) {
        return col[c] >= 0 && size_t(col[c]) < f.size() ? Trim(f[size_t(col[c])]) : std::string();
    };
    auto on_header = [&](const std::vector<std::string>& header, CatalogFixup& out) {
        col = FindShopifyColumns(header);
        if (col[kSku] < 0 || col[kPrice] < 0 || (col[kHandle] < 0 && col[kTitle] < 0)) {
            out.problem = FileProblem("shopify.missing_column", col[kSku] < 0 ? "Variant SKU / SKU" : col[kPrice] < 0 ? "Variant Price / Price" : "Handle");
            return false;
        }
        out.sku_column = col[kSku];
        return true;
    };
    auto on_row = [&](int64_t row, const std::vector<std::string>& f, Variant& v) {
        std::string handle = get(f, kHandle);
        if (handle.empty() && !get(f, kTitle).empty()) handle = Slugify(get(f, kTitle));
        if (handle.empty()) handle = group_handle; // a continuation row
        if (handle != group_handle) {
            group = f;
            group_handle = handle;
        }
        for (Col c : {kOpt1Value, kOpt2Value, kOpt3Value})
            if (!get(f, c).empty()) v.options.push_back(get(f, c));
        if (get(f, kSku).empty() && get(f, kPrice).empty() && v.options.empty()) return false; // pictures only
        v.row = row;
        v.handle = handle;
        v.title = get(group, kTitle);
        for (const std::string& o : v.options)
            if (o != "Default Title") v.title += " / " + o;
        v.sku = get(f, kSku);
        v.kind = get(group, kType) + " \n " + get(group, kProductCategory) + " \n " + get(group, kTags);
        v.maker = get(group, kVendor) + " \n " + get(group, kTags) + " \n " + PlainText(get(group, kBody));
        return true;
    };
    return Rewrite(bytes, ',', kShopifyAdded, hs, origin, on_header, on_row);
}

CatalogFixup FixUpGoogleTsv(std::string_view bytes, const HsSuggester& hs, const OriginSuggester& origin)
{
    std::map<std::string, int> col; // attribute name (lower case, without "g:") → index
    auto get = [&](const std::vector<std::string>& f, const char* name) {
        auto it = col.find(name);
        return it != col.end() && size_t(it->second) < f.size() ? Trim(f[size_t(it->second)]) : std::string();
    };
    auto on_header = [&](const std::vector<std::string>& header, CatalogFixup& out) {
        for (size_t i = 0; i < header.size(); i++) {
            std::string name = AsciiLower(Trim(header[i]));
            if (name.rfind("g:", 0) == 0) name.erase(0, 2);
            col.emplace(name, int(i));
        }
        for (const char* required : {"id", "title", "price"})
            if (!col.count(required)) {
                out.problem = FileProblem("google.missing_attribute", required);
                return false;
            }
        out.sku_column = col["id"];
        return true;
    };
    auto on_row = [&](int64_t row, const std::vector<std::string>& f, Variant& v) {
        v.row = row;
        v.handle = get(f, "item_group_id");
        if (v.handle.empty()) v.handle = Slugify(get(f, "title"));
        v.title = get(f, "title");
        for (const char* option : {"color", "size", "material", "pattern"})
            if (!get(f, option).empty()) v.options.push_back(get(f, option));
        v.sku = get(f, "id");
        v.kind = get(f, "product_type") + " \n " + get(f, "google_product_category");
        v.maker = get(f, "brand") + " \n " + PlainText(get(f, "description"));
        return true;
    };
    return Rewrite(bytes, '\t', kGoogleAdded, hs, origin, on_header, on_row);
}

std::string_view FixupMediaType(const CatalogFixup& fixup)
{
    if (fixup.delimiter == 0) return "application/xml; charset=utf-8";
    return fixup.delimiter == '\t' ? "text/tab-separated-values; charset=utf-8" : kCsvMediaType;
}

std::string FixupFileName(std::string_view original)
{
    size_t dot = original.rfind('.');
    size_t slash = original.find_last_of("/\\");
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) dot = original.size();
    return std::string(original.substr(0, dot)) + "-fixup" + std::string(original.substr(dot).empty() ? ".csv" : original.substr(dot));
}

std::string ReviewedFixupFile(const CatalogFixup& fixup, const std::vector<FixupSuggestion>& reviewed)
{
    if (fixup.delimiter == 0) { // Google XML: written again from the feed, row by row
        std::vector<FixupSuggestion> rows = fixup.rows;
        for (const FixupSuggestion& s : reviewed)
            for (FixupSuggestion& r : rows)
                if (r.row == s.row) r = s;
        return WriteXmlFixup(fixup, rows);
    }
    const char* eol = LineEnd(fixup.file);
    std::map<int64_t, const FixupSuggestion*> by_row;
    for (const FixupSuggestion& s : reviewed) by_row[s.row] = &s;
    std::string out;
    CsvReader csv(fixup.delimiter);
    size_t width = 0;
    auto on_record = [&](const CsvRecord& r) {
        std::vector<std::string> f = r.fields;
        if (r.row == 1) {
            width = f.size();
        } else if (auto it = by_row.find(r.row); it != by_row.end() && width >= kAdded && fixup.sku_column >= 0) {
            const FixupSuggestion& s = *it->second;
            f.resize(width);
            f[size_t(fixup.sku_column)] = s.sku;
            std::vector<std::string> cells = AddedCells(s);
            for (size_t i = 0; i < kAdded; i++) f[width - kAdded + i] = cells[i];
        }
        AppendRecord(out, f, fixup.delimiter, eol);
        return true;
    };
    csv.Feed(fixup.file, on_record);
    csv.Finish(on_record);
    return out;
}

} // namespace bondstore

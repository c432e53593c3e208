#include "core/import/import_common.h"

#include "core/catalog/catalog.h"
#include "core/customs/customs_codes.h"

#include <algorithm>

namespace bondstore::import {

// --- Sink -------------------------------------------------------------------------------------

void Sink::Report(Problem p)
{
    if (out.problems.size() >= kMaxReportedProblems) {
        suppressed++;
        return;
    }
    out.problems.push_back(std::move(p));
}

void Sink::Report(const char* code, int64_t row, int64_t index, std::string column, std::string value, std::string sku,
                  Severity severity)
{
    Problem p;
    p.code = code;
    p.severity = severity;
    p.row = row;
    p.index = index;
    if (index >= 0 && row < 0) p.section = "products";
    p.field = std::move(column);
    p.value = ShortenForReport(value);
    p.sku = std::move(sku);
    Report(std::move(p));
}

void Sink::Fatal(const char* code, int64_t row, std::string column, std::string value)
{
    // The reason the file is unusable comes first in the report.
    out.fatal = true;
    Problem p;
    p.code = code;
    p.row = row;
    p.field = std::move(column);
    p.value = ShortenForReport(value);
    out.problems.insert(out.problems.begin(), std::move(p));
}

void Sink::Accept(Product p, int64_t row, int64_t index, const FieldColumns& columns, const std::vector<std::string>& reported)
{
    p.merchant = options.merchant;
    if (p.handle.empty()) p.handle = p.sku;
    std::vector<Problem> found;
    ValidateProduct(p, index, found);
    if (options.tax_table) ValidateAgainstTaxTable(p, *options.tax_table, options.date, index, found);
    bool errors = !reported.empty();
    std::vector<std::string> seen = reported; // one problem per column
    for (Problem& pr : found) {
        auto column = columns.find(pr.field);
        if (column == columns.end()) {
            // "origin.country" and the like map through their first segment when not listed.
            column = columns.find(std::string_view(pr.field).substr(0, pr.field.find('.')));
        }
        if (column != columns.end()) pr.field = column->second;
        if (std::find(seen.begin(), seen.end(), pr.field) != seen.end()) {
            errors |= pr.severity == Severity::Error;
            continue;
        }
        seen.push_back(pr.field);
        pr.row = row;
        pr.index = index;
        pr.section = row < 0 ? "products" : "";
        errors |= pr.severity == Severity::Error;
        Report(std::move(pr));
    }
    if (!p.sku.empty()) {
        auto [it, inserted] = seen_sku.emplace(p.sku, row >= 0 ? row : index);
        if (!inserted) {
            Report("catalog.duplicate_sku", row, index, columns.count("sku") ? columns.at("sku") : "sku", p.sku, p.sku);
            errors = true;
        }
    }
    if (errors) {
        out.rejected++;
        return;
    }
    out.products.push_back({std::move(p), row, index});
}

void Sink::Close()
{
    if (suppressed > 0) {
        Problem p;
        p.code = "import.more_problems";
        p.severity = Severity::Error;
        p.value = std::to_string(suppressed);
        out.problems.push_back(std::move(p));
    }
}

// --- CSV-based formats -------------------------------------------------------------------------

void CsvFormatReader::Feed(std::string_view chunk)
{
    if (stopped_) return;
    csv_.Feed(chunk, [this](const CsvRecord& r) { return OnRecord(r); });
    CheckCsv();
}

void CsvFormatReader::Finish()
{
    if (!stopped_) {
        csv_.Finish([this](const CsvRecord& r) { return OnRecord(r); });
        CheckCsv();
    }
    if (sink_.out.fatal) return;
    if (header_.empty()) sink_.Fatal("import.no_header", 1);
    else OnFinish();
}

void CsvFormatReader::CheckCsv()
{
    if (!csv_.failed() || stopped_) return;
    stopped_ = true;
    const Problem& e = csv_.error();
    int column = std::atoi(e.field.c_str());
    std::string name = column >= 1 && size_t(column) <= header_.size() ? header_[size_t(column) - 1] : e.field;
    sink_.Fatal(e.code.c_str(), e.row, name, e.value);
}

// --- field parsers ----------------------------------------------------------------------------

std::string Trim(std::string_view s)
{
    size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string_view::npos) return {};
    size_t b = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(a, b - a + 1));
}

std::vector<std::string> SplitList(std::string_view s, char sep)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = s.find(sep, start);
        if (end == std::string_view::npos) end = s.size();
        std::string part = Trim(s.substr(start, end - start));
        if (!part.empty()) out.push_back(std::move(part));
        start = end + 1;
    }
    return out;
}

bool ParseQuantityText(std::string_view text, Decimal* qty, std::string* unit)
{
    std::string t = Trim(text);
    size_t i = 0;
    while (i < t.size() && ((t[i] >= '0' && t[i] <= '9') || t[i] == '.')) i++;
    DecimalParse d = ParseDecimal(t.substr(0, i));
    if (!d.ok() || d.value.units <= 0) return false;
    std::string u = Trim(std::string_view(t).substr(i));
    // Plurals and common spellings merchants write.
    static const std::pair<const char*, const char*> aliases[] = {
        {"sheets", "sheet"}, {"pieces", "piece"}, {"pcs", "piece"}, {"pc", "piece"}, {"l", "L"},
        {"litre", "L"}, {"liter", "L"}, {"litres", "L"}, {"liters", "L"}, {"ML", "ml"}, {"cans", "can"},
        {"bottles", "bottle"}, {"boxes", "box"}, {"bags", "bag"}, {"packs", "pack"}, {"pairs", "pair"},
        {"sets", "set"}, {"sticks", "stick"}, {"G", "g"}, {"KG", "kg"}, {"Kg", "kg"}, {"gram", "g"},
        {"grams", "g"}, {"kilogram", "kg"}, {"kilograms", "kg"}, {"millilitre", "ml"}, {"millilitres", "ml"},
        {"milliliter", "ml"}, {"milliliters", "ml"}, {"mL", "ml"},
    };
    for (const auto& [from, to] : aliases)
        if (u == from) u = to;
    if (!FindUnitBySymbol(u)) return false;
    *qty = d.value;
    *unit = u;
    return true;
}

bool ResolveCountry(std::string_view text, std::string* customs, std::string* iso)
{
    std::string t = Trim(text);
    const CustomsCountry* c = FindCountryByCustomsCode(t);
    if (!c) {
        std::string upper = t;
        for (char& ch : upper) ch = (ch >= 'a' && ch <= 'z') ? char(ch - 32) : ch;
        c = FindCountryByIso2(upper);
    }
    if (!c) return false;
    *customs = std::string(c->customs);
    *iso = std::string(c->iso2);
    return true;
}

bool ResolveUnitCode(std::string_view text, std::string* code)
{
    std::string t = Trim(text);
    const CustomsUnit* u = FindUnitByCode(t);
    if (!u) u = FindUnitBySymbol(t);
    if (!u) return false;
    *code = std::string(u->code);
    return true;
}

MoneyParse ParseAmountWithCurrency(std::string_view text, std::string* currency)
{
    std::string t = Trim(text);
    currency->clear();
    // A trailing ISO 4217 code ("15.00 CNY"), or a leading yuan sign.
    if (t.size() > 4 && t[t.size() - 4] == ' ') {
        std::string code = t.substr(t.size() - 3);
        if (std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
            *currency = code;
            t = Trim(std::string_view(t).substr(0, t.size() - 4));
        }
    }
    for (std::string_view sign : {"¥", "￥", "CN¥"})
        if (t.rfind(sign, 0) == 0) {
            t = Trim(std::string_view(t).substr(sign.size()));
            if (currency->empty()) *currency = "CNY";
        }
    return ParseYuan(t);
}

std::string CleanBarcode(std::string_view text, bool* scientific)
{
    std::string t = Trim(text);
    if (!t.empty() && t[0] == '\'') t.erase(0, 1);
    std::string out;
    for (char c : t)
        if (c != ' ' && c != '-') out += c;
    *scientific = out.find_first_of("eE") != std::string::npos && out.find_first_of("+.") != std::string::npos;
    return out;
}

std::string PlainText(std::string_view html)
{
    std::string out;
    bool in_tag = false;
    for (size_t i = 0; i < html.size(); i++) {
        char c = html[i];
        if (in_tag) { if (c == '>') { in_tag = false; out += ' '; } continue; }
        if (c == '<') { in_tag = true; continue; }
        if (c == '&') {
            static const std::pair<const char*, const char*> entities[] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};
            bool replaced = false;
            for (const auto& [from, to] : entities)
                if (html.substr(i, std::char_traits<char>::length(from)) == from) {
                    out += to;
                    i += std::char_traits<char>::length(from) - 1;
                    replaced = true;
                    break;
                }
            if (replaced) continue;
        }
        out += c;
    }
    // Collapse runs of whitespace.
    std::string collapsed;
    bool space = false;
    for (char c : out) {
        bool ws = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        if (ws) { space = !collapsed.empty(); continue; }
        if (space) collapsed += ' ';
        space = false;
        collapsed += c;
    }
    return collapsed;
}

std::string Slugify(std::string_view text)
{
    std::string out;
    bool dash = false;
    for (char c : text) {
        char l = (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
        if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
            if (dash && !out.empty()) out += '-';
            out += l;
            dash = false;
        } else {
            dash = true;
        }
    }
    return out;
}

bool ParseGrams(std::string_view text, int64_t* grams)
{
    DecimalParse d = ParseDecimal(Trim(text));
    if (!d.ok()) return false;
    // Round half up to whole grams.
    int64_t scale = Pow10(d.value.scale);
    *grams = (d.value.units + scale / 2) / scale;
    return true;
}

ShopifyColumns FindShopifyColumns(const std::vector<std::string>& header)
{
    struct Names {
        Col col;
        std::array<const char*, 2> names;
    };
    static const Names kNames[] = {
        {kHandle, {"handle", "url handle"}},
        {kTitle, {"title", nullptr}},
        {kBody, {"body (html)", "description"}},
        {kVendor, {"vendor", nullptr}},
        {kType, {"type", nullptr}},
        {kProductCategory, {"product category", nullptr}},
        {kTags, {"tags", nullptr}},
        {kStatus, {"status", nullptr}},
        {kSku, {"variant sku", "sku"}},
        {kPrice, {"variant price", "price"}},
        {kCompareAt, {"variant compare at price", "compare-at price"}},
        {kBarcode, {"variant barcode", "barcode"}},
        {kGrams, {"variant grams", "weight value (grams)"}},
        {kImage, {"image src", "product image url"}},
        {kVariantImage, {"variant image", "variant image url"}},
        {kOpt1Name, {"option1 name", nullptr}}, {kOpt1Value, {"option1 value", nullptr}},
        {kOpt2Name, {"option2 name", nullptr}}, {kOpt2Value, {"option2 value", nullptr}},
        {kOpt3Name, {"option3 name", nullptr}}, {kOpt3Value, {"option3 value", nullptr}},
    };
    ShopifyColumns col;
    col.fill(-1);
    for (size_t i = 0; i < header.size(); i++) {
        std::string name = AsciiLower(Trim(header[i]));
        for (const Names& c : kNames)
            for (const char* n : c.names)
                if (n && name == n && col[c.col] < 0) col[c.col] = int(i);
    }
    return col;
}

} // namespace bondstore::import


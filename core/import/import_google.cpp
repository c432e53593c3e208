// Google Merchant Center feeds: the tab-separated form and the RSS 2.0 / Atom XML form, with the
// customs fields in custom attributes (docs/catalog-import.md).
#include "core/import/import_common.h"

#include "core/formats/xml_reader.h"

#include <algorithm>
#include <map>

namespace bondstore::import {

namespace {

using Attributes = std::map<std::string, std::string, std::less<>>; // local name → value

std::string Attr(const Attributes& a, std::string_view name)
{
    auto it = a.find(name);
    return it == a.end() ? std::string() : Trim(it->second);
}

// "950 g", "0.95 kg", "2 lb", "12 oz" → grams.
bool ParseWeight(std::string_view text, int64_t* grams)
{
    std::string t = Trim(text);
    size_t i = 0;
    while (i < t.size() && ((t[i] >= '0' && t[i] <= '9') || t[i] == '.')) i++;
    DecimalParse d = ParseDecimal(t.substr(0, i));
    if (!d.ok()) return false;
    std::string unit = AsciiLower(Trim(std::string_view(t).substr(i)));
    // grams = value × factor / divisor, rounded half up.
    int64_t factor, divisor;
    if (unit == "g" || unit.empty()) { factor = 1; divisor = 1; }
    else if (unit == "kg") { factor = 1000; divisor = 1; }
    else if (unit == "lb") { factor = 45359237; divisor = 100000; }
    else if (unit == "oz") { factor = 28349523125; divisor = 1000000000; }
    else return false;
    Int128 scale = Pow10(d.value.scale);
    Int128 num = Int128(d.value.units) * factor, den = scale * divisor;
    *grams = int64_t((2 * num + den) / (2 * den));
    return true;
}

// The element or column name for each product field, for problems.
const FieldColumns kGoogleColumns = {
    {"sku", "id"}, {"title", "title"}, {"title.zh-Hans", "title_zh"}, {"price_fen", "price"},
    {"compare_at_fen", "price"}, {"barcode", "gtin"}, {"weight_g", "shipping_weight"},
    {"hs_code", "customs_hs_code"}, {"origin", "customs_origin_country"}, {"unit", "customs_unit"},
    {"legal_qty", "customs_legal_qty"}, {"legal_unit", "customs_legal_qty"},
    {"second_qty", "customs_second_qty"}, {"second_unit", "customs_second_qty"},
};

// The customs attributes a product needs; a feed with none of them is a plain export, said once.
const char* const kCustomsAttributes[] = {"customs_hs_code", "customs_origin_country", "customs_unit", "customs_legal_qty"};

// `plain`: the feed has no customs attribute at all (reported once, not on each item).
void BuildProduct(Sink& sink, const Attributes& a, int64_t row, int64_t index, bool plain)
{
    std::vector<std::string> reported; // columns found wrong before the catalog rules run
    std::string id = Attr(a, "id");
    auto report = [&](const char* code, const char* column, std::string value) {
        sink.Report(code, row, index, column, std::move(value), id);
        reported.push_back(column == std::string("sale_price") ? "price" : column);
    };
    if (plain)
        for (const char* customs : {"customs_hs_code", "customs_origin_country", "customs_unit", "customs_legal_qty", "title_zh"})
            reported.push_back(customs);
    // A fix-up file's suggestions not yet checked (catalog_fixup.h): the item waits for the merchant.
    if (std::string review = Attr(a, "customs_review"); !review.empty()) {
        report("import.review_pending", "customs_review", review);
        for (const std::string& field : SplitList(review, ' '))
            reported.push_back(field == "sku" ? "id" : field == "title_zh" ? "title_zh" : "customs_" + field);
    }
    Product p;
    p.sku = id;
    p.handle = Attr(a, "item_group_id");
    std::string title = Attr(a, "title");
    if (!title.empty()) p.title.Set(sink.options.source_locale, title);
    std::string title_zh = Attr(a, "title_zh");
    if (!title_zh.empty()) p.title.Set("zh-Hans", title_zh);
    std::string description = PlainText(Attr(a, "description"));
    if (!description.empty()) p.description.Set(sink.options.source_locale, description);
    p.brand = Attr(a, "brand");
    std::vector<std::string> path = SplitList(Attr(a, "product_type"), '>');
    if (!path.empty()) p.category = path.back();
    std::string image = Attr(a, "image_link");
    if (!image.empty()) p.images.push_back(image);
    for (std::string& extra : SplitList(Attr(a, "additional_image_link"), ',')) p.images.push_back(std::move(extra));

    std::string currency;
    std::string price = Attr(a, "price");
    MoneyParse mp = ParseAmountWithCurrency(price, &currency);
    if (price.empty()) {
        report("json.missing_field", "price", {});
    } else if (!mp.ok()) {
        report("catalog.price_not_a_number", "price", price);
    } else if (currency != "CNY") {
        report("catalog.currency_not_cny", "price", price);
    } else {
        p.price = mp.value;
    }
    std::string sale = Attr(a, "sale_price");
    if (!sale.empty() && mp.ok()) {
        MoneyParse sp = ParseAmountWithCurrency(sale, &currency);
        if (!sp.ok()) report("catalog.price_not_a_number", "sale_price", sale);
        else if (currency != "CNY") report("catalog.currency_not_cny", "sale_price", sale);
        else if (sp.value < mp.value) {
            p.compare_at = mp.value; // the regular price, shown struck through
            p.price = sp.value;
        }
    }
    bool scientific = false;
    p.barcode = CleanBarcode(Attr(a, "gtin"), &scientific);
    if (scientific) report("catalog.barcode_scientific", "gtin", p.barcode);
    std::string weight = Attr(a, "shipping_weight");
    if (!weight.empty() && !ParseWeight(weight, &p.weight_g)) report("catalog.weight_not_a_number", "shipping_weight", weight);

    p.hs_code = Attr(a, "customs_hs_code");
    std::string origin = Attr(a, "customs_origin_country");
    if (!origin.empty() && !ResolveCountry(origin, &p.origin_country, &p.origin_iso)) p.origin_country = origin;
    std::string unit = Attr(a, "customs_unit");
    if (!unit.empty() && !ResolveUnitCode(unit, &p.unit_code)) p.unit_code = unit;
    std::string legal = Attr(a, "customs_legal_qty");
    if (!legal.empty() && !ParseQuantityText(legal, &p.legal_qty, &p.legal_unit))
        report("catalog.quantity_not_understood", "customs_legal_qty", legal);
    std::string second = Attr(a, "customs_second_qty");
    if (!second.empty() && !ParseQuantityText(second, &p.second_qty, &p.second_unit))
        report("catalog.quantity_not_understood", "customs_second_qty", second);
    sink.Accept(std::move(p), row, index, kGoogleColumns, reported);
}

std::string AttributeName(std::string_view header)
{
    std::string name = AsciiLower(Trim(header));
    if (name.rfind("g:", 0) == 0) name.erase(0, 2);
    return name;
}

class GoogleTsvReader final : public CsvFormatReader {
public:
    explicit GoogleTsvReader(Sink& sink) : CsvFormatReader(sink, '\t') {}
    int64_t rows() const override { return rows_; }

private:
    bool OnRecord(const CsvRecord& r) override
    {
        if (header_.empty()) {
            header_ = r.fields;
            for (const std::string& h : r.fields) names_.push_back(AttributeName(h));
            for (const char* required : {"id", "title", "price"})
                if (std::find(names_.begin(), names_.end(), required) == names_.end())
                    sink_.Fatal("google.missing_attribute", 1, required);
            int missing = 0;
            for (const char* customs : kCustomsAttributes) missing += std::find(names_.begin(), names_.end(), customs) == names_.end();
            plain_ = missing == int(std::size(kCustomsAttributes));
            if (plain_) sink_.Report("import.no_customs_columns", 1, -1, "");
            else
                for (const char* customs : kCustomsAttributes)
                    if (std::find(names_.begin(), names_.end(), customs) == names_.end())
                        sink_.Report("import.customs_column_missing", 1, -1, customs);
            return !sink_.out.fatal;
        }
        rows_++;
        Attributes a;
        for (size_t i = 0; i < r.fields.size() && i < names_.size(); i++) a[names_[i]] = r.fields[i];
        BuildProduct(sink_, a, r.row, -1, plain_);
        return true;
    }

    bool plain_ = false;             // no customs column at all
    std::vector<std::string> names_; // attribute names: lower case, without "g:"
    int64_t rows_ = 0;
};

class GoogleXmlReader final : public FormatReader {
public:
    explicit GoogleXmlReader(Sink& sink) : sink_(sink) {}
    void Feed(std::string_view chunk) override { text_.append(chunk); }
    int64_t rows() const override { return items_; }

    void Finish() override
    {
        if (!IsValidUtf8(text_)) { sink_.Fatal("import.invalid_utf8", -1); return; }
        XmlReader xml(text_);
        // Items are <item> (RSS 2.0) or <entry> (Atom); their direct children are attributes.
        int item_depth = -1;
        int64_t item_line = 0;
        Attributes attrs;
        std::vector<std::pair<int64_t, Attributes>> items; // (the feed is in memory already: so are its items)
        std::string current;  // the attribute element being read
        std::string value;
        bool nested = false;  // inside a structured attribute such as <g:shipping>
        for (;;) {
            XmlReader::Event e = xml.Next();
            if (e == XmlReader::Event::End) break;
            if (e == XmlReader::Event::Error) {
                sink_.Fatal(xml.error().c_str(), xml.line());
                return;
            }
            if (e == XmlReader::Event::StartElement) {
                if (item_depth < 0 && (xml.local_name() == "item" || xml.local_name() == "entry")) {
                    item_depth = xml.depth();
                    item_line = xml.line();
                    attrs.clear();
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
                    if (!nested) {
                        auto it = attrs.find(current);
                        if (it == attrs.end()) attrs.emplace(current, value);
                        else if (current == "additional_image_link" && !value.empty()) it->second += "," + value; // repeated
                    }
                    current.clear();
                } else if (item_depth >= 0 && xml.depth() == item_depth - 1) {
                    items.push_back({item_line, std::move(attrs)});
                    attrs.clear();
                    item_depth = -1;
                }
            }
        }
        std::string().swap(text_);
        if (items.empty()) return sink_.Fatal("google.no_items", -1);
        // A feed whose items carry no customs attribute at all is a plain export: said once.
        bool plain = true;
        for (const auto& item : items)
            for (const char* customs : kCustomsAttributes) plain = plain && !item.second.count(customs);
        if (plain) sink_.Report("import.no_customs_columns", -1, -1, "");
        for (auto& [line, item] : items) BuildProduct(sink_, item, line, items_++, plain);
    }

private:
    Sink& sink_;
    std::string text_;
    int64_t items_ = 0;
};

} // namespace

std::unique_ptr<FormatReader> MakeGoogleTsvReader(Sink& sink) { return std::make_unique<GoogleTsvReader>(sink); }
std::unique_ptr<FormatReader> MakeGoogleXmlReader(Sink& sink) { return std::make_unique<GoogleXmlReader>(sink); }

} // namespace bondstore::import

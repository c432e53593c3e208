// Shopify's product CSV, both header dialects, one row per variant grouped by handle
// (docs/catalog-import.md).
#include "core/import/import_common.h"

#include <array>
#include <optional>

namespace bondstore::import {

namespace {

// Customs data lives in metafield columns, "<any label> (product.metafields.customs.<key>)" or
// the same with "variant."; the variant's value wins.
// "review": the fields of a fix-up file's suggestions still to check (core/import/catalog_fixup.h).
enum Meta { kHsCode, kOrigin, kUnit, kLegalQty, kSecondQty, kTitleZh, kCustomsName, kItemRecordNo, kNetWeight, kReview, kMetaCount };
const char* const kMetaKeys[] = {"hs_code", "origin_country", "unit", "legal_qty", "second_qty",
                                 "title_zh", "customs_name", "item_record_no", "net_weight_g", "review"};

struct Variant {
    int64_t row = 0;
    std::vector<std::string> fields; // the record
};

class ShopifyReader final : public CsvFormatReader {
public:
    explicit ShopifyReader(Sink& sink) : CsvFormatReader(sink, ',') {}
    int64_t rows() const override { return data_rows_; }

private:
    void OnFinish() override { FlushGroup(); }

    const std::string& Get(const std::vector<std::string>& f, Col c) const
    {
        static const std::string empty;
        int i = col_[c];
        return i >= 0 && size_t(i) < f.size() ? f[size_t(i)] : empty;
    }
    std::string GetMeta(const std::vector<std::string>& f, Meta m, bool variant) const
    {
        int i = variant ? variant_meta_[m] : product_meta_[m];
        return i >= 0 && size_t(i) < f.size() ? Trim(f[size_t(i)]) : std::string();
    }
    std::string ColumnName(Col c) const { return col_[c] >= 0 ? header_[size_t(col_[c])] : std::string(); }
    std::string MetaColumnName(Meta m) const
    {
        int i = product_meta_[m] >= 0 ? product_meta_[m] : variant_meta_[m];
        return i >= 0 ? header_[size_t(i)] : std::string("(product.metafields.customs.") + kMetaKeys[m] + ")";
    }

    bool ReadHeader(const CsvRecord& r)
    {
        header_ = r.fields;
        col_ = FindShopifyColumns(header_);
        product_meta_.fill(-1);
        variant_meta_.fill(-1);
        for (size_t i = 0; i < header_.size(); i++) {
            std::string name = AsciiLower(Trim(header_[i]));
            // "(product.metafields.customs.hs_code)" at the end of the header.
            for (const char* scope : {"product", "variant"}) {
                std::string prefix = std::string("(") + scope + ".metafields.customs.";
                size_t at = name.rfind(prefix);
                if (at == std::string::npos || name.back() != ')') continue;
                std::string key = name.substr(at + prefix.size(), name.size() - at - prefix.size() - 1);
                for (int m = 0; m < kMetaCount; m++)
                    if (key == kMetaKeys[m]) (scope[0] == 'p' ? product_meta_ : variant_meta_)[size_t(m)] = int(i);
            }
        }
        // Legacy exports name the variant columns "Variant …"; 2024+ exports do not.
        sink_.out.dialect = col_[kSku] >= 0 && AsciiLower(Trim(header_[size_t(col_[kSku])])) == "variant sku" ? "legacy" : "2024";
        if (col_[kSku] < 0) sink_.Fatal("shopify.missing_column", 1, "Variant SKU / SKU");
        if (col_[kPrice] < 0) sink_.Fatal("shopify.missing_column", 1, "Variant Price / Price");
        if (col_[kHandle] < 0 && col_[kTitle] < 0) sink_.Fatal("shopify.missing_column", 1, "Handle / URL handle");
        if (sink_.out.fatal) return false;
        // A plain export has none of the customs columns: said once (with the fix-up file that
        // adds them, catalog_fixup.h), not again on every row. One missing among others is named.
        int missing = 0;
        for (int m : {kHsCode, kOrigin, kUnit, kLegalQty}) missing += product_meta_[size_t(m)] < 0 && variant_meta_[size_t(m)] < 0;
        no_customs_ = missing == 4;
        if (no_customs_) sink_.Report("import.no_customs_columns", 1, -1, "");
        else
            for (int m : {kHsCode, kOrigin, kUnit, kLegalQty})
                if (product_meta_[size_t(m)] < 0 && variant_meta_[size_t(m)] < 0)
                    sink_.Report("import.customs_column_missing", 1, -1, MetaColumnName(Meta(m)));
        have_header_ = true;
        return true;
    }

    bool OnRecord(const CsvRecord& r) override
    {
        if (!have_header_) return ReadHeader(r);
        data_rows_++;
        const std::vector<std::string>& f = r.fields;
        std::string handle = Trim(Get(f, kHandle));
        std::string title = Trim(Get(f, kTitle));
        if (handle.empty() && !title.empty()) handle = Slugify(title);
        if (handle.empty()) {
            if (group_handle_.empty()) {
                sink_.Report("shopify.handle_missing", r.row, -1, ColumnName(kHandle).empty() ? "Handle" : ColumnName(kHandle));
                sink_.out.rejected++;
                return true;
            }
            handle = group_handle_; // a continuation row of the current product
        }
        if (handle != group_handle_) {
            FlushGroup();
            group_handle_ = handle;
            group_row_ = r.row;
            group_fields_ = f;
            group_images_.clear();
            group_ok_ = true;
            if (title.empty()) {
                sink_.Report("shopify.title_missing", r.row, -1, ColumnName(kTitle));
                group_ok_ = false;
            }
        }
        std::string image = Trim(Get(f, kImage));
        if (!image.empty()) group_images_.push_back(image);
        bool is_variant = !Trim(Get(f, kSku)).empty() || !Trim(Get(f, kPrice)).empty() ||
                          !Trim(Get(f, kOpt1Value)).empty();
        if (is_variant) variants_.push_back({r.row, f});
        return true;
    }

    void FlushGroup()
    {
        if (group_handle_.empty()) return;
        for (const Variant& v : variants_) BuildVariant(v);
        variants_.clear();
        group_handle_.clear();
    }

    void BuildVariant(const Variant& v)
    {
        const std::vector<std::string>& g = group_fields_;
        const std::vector<std::string>& f = v.fields;
        std::vector<std::string> reported; // columns found wrong before the catalog rules run
        auto report = [&](const char* code, std::string column, std::string value) {
            sink_.Report(code, v.row, -1, column, std::move(value), Trim(Get(f, kSku)));
            reported.push_back(std::move(column));
        };
        auto meta = [&](Meta m) {
            std::string value = GetMeta(f, m, true);
            if (value.empty()) value = GetMeta(f, m, false);
            if (value.empty() && v.row != group_row_) value = GetMeta(g, m, false); // product-level, first row
            return value;
        };

        // (Without customs columns, the row cannot be imported; the file's header said why once.)
        if (no_customs_)
            for (Meta m : {kHsCode, kOrigin, kUnit, kLegalQty, kTitleZh}) reported.push_back(MetaColumnName(m));
        // A fix-up file's suggestions not yet checked: the row waits for the merchant, and only
        // that is said of the fields under review (their values are suggestions, maybe empty).
        if (std::string review = meta(kReview); !review.empty()) {
            report("import.review_pending", MetaColumnName(kReview), review);
            for (const std::string& field : SplitList(review, ' ')) {
                for (int m = 0; m < kMetaCount; m++)
                    if (field == kMetaKeys[m]) reported.push_back(MetaColumnName(Meta(m)));
                if (field == "sku") reported.push_back(ColumnName(kSku));
            }
        }

        Product p;
        p.sku = Trim(Get(f, kSku));
        p.handle = group_handle_;

        // Title: the product's, plus the variant's option values (not Shopify's "Default Title").
        std::string suffix;
        for (auto [name_col, value_col] : {std::pair{kOpt1Name, kOpt1Value}, std::pair{kOpt2Name, kOpt2Value},
                                           std::pair{kOpt3Name, kOpt3Value}}) {
            std::string name = Trim(Get(g, name_col)), value = Trim(Get(f, value_col));
            if (value.empty() || value == "Default Title" || name == "Title") continue;
            suffix += (suffix.empty() ? " / " : " / ") + value;
        }
        // A continuation row may carry its own full title (Bondstore's export writes one per row);
        // otherwise the variant is named by the product's title and its option values.
        std::string own_title = v.row != group_row_ ? Trim(Get(f, kTitle)) : std::string();
        std::string title = own_title.empty() ? Trim(Get(g, kTitle)) + suffix : own_title;
        if (!title.empty()) p.title.Set(sink_.options.source_locale, title);
        std::string own_zh = v.row != group_row_ ? GetMeta(f, kTitleZh, true) : std::string();
        std::string title_zh = own_zh.empty() ? meta(kTitleZh) : own_zh;
        if (!title_zh.empty()) p.title.Set("zh-Hans", own_zh.empty() ? title_zh + suffix : own_zh);
        std::string body = PlainText(Get(g, kBody));
        if (!body.empty()) p.description.Set(sink_.options.source_locale, body);
        p.brand = Trim(Get(g, kVendor));
        p.category = Trim(Get(g, kType));
        if (p.category.empty()) {
            std::vector<std::string> path = SplitList(Get(g, kProductCategory), '>');
            if (!path.empty()) p.category = path.back();
        }
        p.tags = SplitList(Get(g, kTags), ',');
        std::string variant_image = Trim(Get(f, kVariantImage));
        if (!variant_image.empty()) p.images.push_back(variant_image);
        for (const std::string& img : group_images_)
            if (img != variant_image) p.images.push_back(img);

        std::string status = AsciiLower(Trim(Get(g, kStatus)));
        if (!status.empty() && status != "active") {
            sink_.Report("shopify.not_active", v.row, -1, ColumnName(kStatus), status, p.sku, Severity::Warning);
            sink_.out.rejected++;
            return;
        }

        std::string currency;
        std::string price = Trim(Get(f, kPrice));
        MoneyParse mp = ParseAmountWithCurrency(price, &currency);
        if (!mp.ok()) report("catalog.price_not_a_number", ColumnName(kPrice), price);
        else p.price = mp.value;
        std::string compare = Trim(Get(f, kCompareAt));
        if (!compare.empty()) {
            MoneyParse cp = ParseAmountWithCurrency(compare, &currency);
            if (!cp.ok()) report("catalog.price_not_a_number", ColumnName(kCompareAt), compare);
            else p.compare_at = cp.value;
        }

        bool scientific = false;
        p.barcode = CleanBarcode(Get(f, kBarcode), &scientific);
        if (scientific) report("catalog.barcode_scientific", ColumnName(kBarcode), p.barcode);
        std::string grams = Trim(Get(f, kGrams));
        if (!grams.empty() && !ParseGrams(grams, &p.weight_g)) report("catalog.weight_not_a_number", ColumnName(kGrams), grams);

        p.hs_code = meta(kHsCode);
        std::string origin = meta(kOrigin);
        if (!origin.empty() && !ResolveCountry(origin, &p.origin_country, &p.origin_iso))
            p.origin_country = origin; // reported by the catalog rules as unknown
        std::string unit = meta(kUnit);
        if (!unit.empty() && !ResolveUnitCode(unit, &p.unit_code)) p.unit_code = unit;
        std::string legal = meta(kLegalQty);
        if (!legal.empty() && !ParseQuantityText(legal, &p.legal_qty, &p.legal_unit))
            report("catalog.quantity_not_understood", MetaColumnName(kLegalQty), legal);
        std::string second = meta(kSecondQty);
        if (!second.empty() && !ParseQuantityText(second, &p.second_qty, &p.second_unit))
            report("catalog.quantity_not_understood", MetaColumnName(kSecondQty), second);
        p.customs_name = meta(kCustomsName);
        p.item_record_no = meta(kItemRecordNo);
        std::string net = meta(kNetWeight);
        if (!net.empty() && !ParseGrams(net, &p.net_weight_g))
            report("catalog.weight_not_a_number", MetaColumnName(kNetWeight), net);

        FieldColumns columns = {
            {"sku", ColumnName(kSku)},
            {"title", ColumnName(kTitle)},
            {"title.zh-Hans", sink_.options.source_locale == "zh-Hans" ? ColumnName(kTitle) : MetaColumnName(kTitleZh)},
            {"price_fen", ColumnName(kPrice)},
            {"compare_at_fen", ColumnName(kCompareAt)},
            {"barcode", ColumnName(kBarcode)},
            {"weight_g", ColumnName(kGrams)},
            {"hs_code", MetaColumnName(kHsCode)},
            {"origin", MetaColumnName(kOrigin)},
            {"unit", MetaColumnName(kUnit)},
            {"legal_qty", MetaColumnName(kLegalQty)},
            {"legal_unit", MetaColumnName(kLegalQty)},
            {"second_qty", MetaColumnName(kSecondQty)},
            {"second_unit", MetaColumnName(kSecondQty)},
            {"customs_name", MetaColumnName(kCustomsName)},
            {"item_record_no", MetaColumnName(kItemRecordNo)},
            {"net_weight_g", MetaColumnName(kNetWeight)},
        };
        if (!group_ok_) reported.push_back(ColumnName(kTitle));
        sink_.Accept(std::move(p), v.row, -1, columns, reported);
    }

    bool have_header_ = false;
    bool no_customs_ = false; // none of the customs columns: a plain export
    ShopifyColumns col_{};
    std::array<int, kMetaCount> product_meta_{}, variant_meta_{};
    int64_t data_rows_ = 0;

    // The product being read: its first row and the variant rows seen so far.
    std::string group_handle_;
    int64_t group_row_ = 0;
    std::vector<std::string> group_fields_;
    std::vector<std::string> group_images_;
    bool group_ok_ = true;
    std::vector<Variant> variants_;
};

} // namespace

std::unique_ptr<FormatReader> MakeShopifyReader(Sink& sink) { return std::make_unique<ShopifyReader>(sink); }

} // namespace bondstore::import

namespace bondstore {

std::string ProductsToShopifyCsv(const std::vector<Product>& products)
{
    static const char* const header[] = {
        "Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Option1 Name", "Option1 Value", "Variant SKU",
        "Variant Grams", "Variant Price", "Variant Compare At Price", "Variant Barcode", "Image Src", "Status",
        "HS code (product.metafields.customs.hs_code)", "Origin country (product.metafields.customs.origin_country)",
        "Customs unit (product.metafields.customs.unit)", "Legal quantity (variant.metafields.customs.legal_qty)",
        "Second quantity (variant.metafields.customs.second_qty)", "Chinese title (variant.metafields.customs.title_zh)",
        "Customs name (variant.metafields.customs.customs_name)",
        "Account book item (variant.metafields.customs.item_record_no)",
        "Net grams (variant.metafields.customs.net_weight_g)",
    };
    std::string out;
    for (size_t i = 0; i < std::size(header); i++) {
        if (i) out += ',';
        out += header[i];
    }
    out += "\r\n";
    for (const Product& p : products) {
        auto text = [](const LocalizedText& t, const char* locale) {
            const std::string* s = t.Find(locale);
            return s ? *s : std::string();
        };
        std::string tags;
        for (size_t i = 0; i < p.tags.size(); i++) tags += (i ? ", " : "") + p.tags[i];
        const std::string fields[] = {
            p.handle, text(p.title, "en"), text(p.description, "en"), p.brand, p.category, tags, "Title",
            "Default Title", p.sku, std::to_string(p.weight_g), FormatYuan(p.price),
            p.compare_at.fen ? FormatYuan(p.compare_at) : std::string(), p.barcode,
            p.images.empty() ? std::string() : p.images.front(), "active", p.hs_code, p.origin_iso, p.unit_code,
            FormatDecimal(p.legal_qty) + " " + p.legal_unit,
            p.second_unit.empty() ? std::string() : FormatDecimal(p.second_qty) + " " + p.second_unit,
            text(p.title, "zh-Hans"), p.customs_name, p.item_record_no,
            p.net_weight_g ? std::to_string(p.net_weight_g) : std::string(),
        };
        for (size_t i = 0; i < std::size(fields); i++) {
            if (i) out += ',';
            AppendCsvField(out, fields[i]);
        }
        out += "\r\n";
    }
    return out;
}

} // namespace bondstore

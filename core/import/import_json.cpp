// The native JSON format (docs/catalog-format.md), the wire format's catalog document, read product
// by product.
#include "core/import/import_common.h"

#include "core/wire/catalog_json.h"

namespace bondstore::import {

namespace {

class JsonReader final : public FormatReader {
public:
    explicit JsonReader(Sink& sink) : sink_(sink) {}
    void Feed(std::string_view chunk) override { text_.append(chunk); }
    int64_t rows() const override { return rows_; }
    void Finish() override
    {
        // The native schema, read by the same parser as every other catalog document; problems
        // name each product by its index.
        CatalogParse parsed = ParseCatalogJson(text_);
        std::string().swap(text_);
        rows_ = int64_t(parsed.catalog.products.size());
        std::vector<bool> bad(parsed.catalog.products.size(), false);
        for (Problem& p : parsed.problems) {
            // Warehouses and stock are not a merchant's to upload here (stock has its own upload).
            if (p.section == "stock" || p.section == "warehouses") continue;
            if (p.section == "products" && p.index >= 0 && size_t(p.index) < bad.size()) {
                if (p.severity == Severity::Error) bad[size_t(p.index)] = true;
            } else if (p.severity == Severity::Error) {
                sink_.out.fatal = true; // the document itself is wrong (syntax, shape)
            }
            sink_.Report(std::move(p));
        }
        if (!parsed.catalog.stock.empty() || !parsed.catalog.warehouses.empty())
            sink_.Report("import.stock_section_ignored", -1, -1, "stock", {}, {}, Severity::Warning);
        if (sink_.out.fatal) return;
        for (size_t i = 0; i < parsed.catalog.products.size(); i++) {
            Product& p = parsed.catalog.products[i];
            if (bad[i]) {
                sink_.out.rejected++;
                continue;
            }
            // ParseCatalogJson already ran the catalog rules (and duplicate SKUs); only the
            // positive list and ownership stamps remain.
            p.merchant = sink_.options.merchant;
            std::vector<Problem> found;
            if (sink_.options.tax_table)
                ValidateAgainstTaxTable(p, *sink_.options.tax_table, sink_.options.date, int64_t(i), found);
            bool errors = false;
            for (Problem& pr : found) {
                errors |= pr.severity == Severity::Error;
                sink_.Report(std::move(pr));
            }
            if (errors) { sink_.out.rejected++; continue; }
            sink_.out.products.push_back({std::move(p), -1, int64_t(i)});
        }
    }

private:
    Sink& sink_;
    std::string text_;
    int64_t rows_ = 0;
};

} // namespace

std::unique_ptr<FormatReader> MakeJsonReader(Sink& sink) { return std::make_unique<JsonReader>(sink); }

} // namespace bondstore::import

// bondstore-admin catalog check, quote: a catalog file checked offline, a tax quote on stdin.
#include "server/programs/admin_commands.h"

#include "server/base/files.h"

#include "core/i18n/i18n.h"
#include "core/i18n/i18n_bundle.h"
#include "core/import/catalog_file.h"
#include "core/import/catalog_fixup.h"
#include "core/i18n/text_conversion.h"
#include "core/tax/tax.h"
#include "core/wire/catalog_json.h"
#include "core/wire/hs_keywords_json.h"
#include "core/wire/import_report_json.h"
#include "core/wire/tax_json.h"

#include <cstdio>
#include <iostream>
#include <iterator>

#ifndef BONDSTORE_DEFAULT_HS_KEYWORDS
#define BONDSTORE_DEFAULT_HS_KEYWORDS ""
#endif
#ifndef BONDSTORE_DEFAULT_TAX_TABLE
#define BONDSTORE_DEFAULT_TAX_TABLE ""
#endif

namespace bondstore::admin {

int CatalogCheck(const std::vector<std::string>& args)
{
    std::string file, lang = "en";
    bool as_json = false;
    for (size_t i = 0; i < args.size(); i++) {
        if (args[i] == "--json") as_json = true;
        else if (args[i] == "--lang" && i + 1 < args.size()) lang = args[++i];
        else if (file.empty() && args[i].rfind("--", 0) != 0) file = args[i];
        else { std::fprintf(stderr, "bondstore-admin: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    if (file.empty()) { PrintUsage(); return 2; }
    std::string text;
    if (!ReadFile(file, &text)) { std::fprintf(stderr, "bondstore-admin: cannot read %s\n", file.c_str()); return 2; }
    CatalogParse parsed = ParseCatalogJson(text);
    Messages messages = LoadBundledMessages(lang, nullptr, ConvertText);
    if (as_json) {
        std::printf("%s\n", CatalogCheckToJson(parsed, &messages).c_str());
    } else {
        for (const Problem& p : parsed.problems)
            std::printf("%s: %s\n", p.severity == Severity::Error ? "error" : "warning", DescribeProblem(messages, p).c_str());
        std::printf("%s: %zu products, %zu warehouses, %zu stock rows, %zu problems\n", file.c_str(),
                    parsed.catalog.products.size(), parsed.catalog.warehouses.size(), parsed.catalog.stock.size(),
                    parsed.problems.size());
    }
    return parsed.ok() ? 0 : 1;
}

// catalog fixup FILE [--out F]: a plain Shopify export or Google feed (TSV or XML) given back with the customs columns and
// suggestions to review (core/import/catalog_fixup.h); what was suggested is listed on stderr.
int CatalogFixupCommand(const std::vector<std::string>& args)
{
    std::string file, out, keywords_path = BONDSTORE_DEFAULT_HS_KEYWORDS, lang = "en";
    for (size_t i = 0; i < args.size(); i++) {
        if (args[i] == "--out" && i + 1 < args.size()) out = args[++i];
        else if (args[i] == "--hs-keywords" && i + 1 < args.size()) keywords_path = args[++i];
        else if (args[i] == "--lang" && i + 1 < args.size()) lang = args[++i];
        else if (file.empty() && args[i].rfind("--", 0) != 0) file = args[i];
        else { std::fprintf(stderr, "bondstore-admin catalog fixup: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    if (file.empty()) { PrintUsage(); return 2; }
    if (out.empty()) out = FixupFileName(file);
    std::string text, keywords_text;
    if (!ReadFile(file, &text)) { std::fprintf(stderr, "bondstore-admin: cannot read %s\n", file.c_str()); return 2; }
    if (!ReadFile(keywords_path, &keywords_text)) { std::fprintf(stderr, "bondstore-admin: cannot read %s\n", keywords_path.c_str()); return 1; }
    HsKeywordParse keywords = ParseHsKeywordJson(keywords_text);
    if (!keywords.ok()) { std::fprintf(stderr, "bondstore-admin: %s is not an HS keyword table\n", keywords_path.c_str()); return 1; }
    HsSuggester hs(keywords.table);
    OriginSuggester origin;
    CatalogFormat format = DetectCatalogFormat(std::string_view(text).substr(0, 4096), file);
    if (format != CatalogFormat::ShopifyCsv && format != CatalogFormat::GoogleTsv && format != CatalogFormat::GoogleXml) {
        std::fprintf(stderr, "bondstore-admin catalog fixup: %s is not a Shopify CSV or a Google feed (TSV or XML)\n", file.c_str());
        return 2;
    }
    CatalogFixup fixup = format == CatalogFormat::GoogleTsv   ? FixUpGoogleTsv(text, hs, origin)
                       : format == CatalogFormat::GoogleXml ? FixUpGoogleXml(text, hs, origin)
                                                            : FixUpShopifyCsv(text, hs, origin);
    if (!fixup.ok()) {
        Messages messages = LoadBundledMessages(lang, nullptr, ConvertText);
        std::fprintf(stderr, "error: %s\n", DescribeProblem(messages, fixup.problem).c_str());
        return 1;
    }
    if (!WriteFileAtomically(out, fixup.file)) { std::fprintf(stderr, "bondstore-admin: cannot write %s\n", out.c_str()); return 1; }
    size_t with_hs = 0, with_origin = 0, with_qty = 0, skus = 0;
    for (const FixupSuggestion& s : fixup.rows) {
        with_hs += !s.hs_code.empty() || !s.hs_heading.empty();
        with_origin += !s.origin.empty();
        with_qty += !s.legal_qty.empty();
        skus += s.sku_suggested;
        std::fprintf(stderr, "row %lld  %-28s  hs %-10s  origin %-2s  qty %-8s  %s\n", (long long)s.row, s.sku.c_str(),
                     s.hs_code.empty() ? (s.hs_heading.empty() ? "-" : s.hs_heading.c_str()) : s.hs_code.c_str(),
                     s.origin.empty() ? "-" : s.origin.c_str(), s.legal_qty.empty() ? "-" : s.legal_qty.c_str(), s.title.c_str());
    }
    std::fprintf(stderr, "wrote %s: %zu variants to review; suggested: %zu HS headings, %zu origins, %zu quantities, %zu SKUs\n",
                 out.c_str(), fixup.rows.size(), with_hs, with_origin, with_qty, skus);
    return 0;
}

int Quote(const std::vector<std::string>& args)
{
    std::string table_path = BONDSTORE_DEFAULT_TAX_TABLE, lang = "en";
    for (size_t i = 0; i < args.size(); i++) {
        if (args[i] == "--tax-table" && i + 1 < args.size()) table_path = args[++i];
        else if (args[i] == "--lang" && i + 1 < args.size()) lang = args[++i];
        else { std::fprintf(stderr, "bondstore-admin quote: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    Messages messages = LoadBundledMessages(lang, nullptr, ConvertText);
    auto report = [&](const std::string& what, const std::vector<Problem>& problems) {
        std::fprintf(stderr, "bondstore-admin quote: %s\n", what.c_str());
        for (const Problem& p : problems)
            if (p.severity == Severity::Error) std::fprintf(stderr, "  %s\n", DescribeProblem(messages, p).c_str());
    };
    std::string table_text;
    if (!ReadFile(table_path, &table_text)) {
        std::fprintf(stderr, "bondstore-admin quote: cannot read the tax table %s\n", table_path.c_str());
        return 1;
    }
    TaxTableParse table = ParseTaxTableJson(table_text);
    if (!table.ok()) { report("the tax table " + table_path + " is not valid", table.problems); return 1; }

    std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    QuoteRequestParse request = ParseQuoteRequestJson(input, QuoteLineForm::Inline);
    if (request.ok() && !request.has_date) {
        Problem p;
        p.code = "json.missing_field";
        p.field = "date";
        request.problems.push_back(p);
    }
    if (!request.ok()) { report("the quote request is not valid", request.problems); return 1; }
    TaxQuote quote = Quote(request.request, table.table);
    std::printf("%s\n", TaxQuoteToJson(quote).c_str());
    return quote.accepted() ? 0 : 3;
}

} // namespace bondstore::admin

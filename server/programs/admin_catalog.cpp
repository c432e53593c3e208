// bondstore-admin catalog check, quote: a catalog file checked offline, a tax quote on stdin.
#include "server/programs/admin_commands.h"

#include "server/base/files.h"

#include "core/i18n/i18n_bundle.h"
#include "core/i18n/text_conversion.h"
#include "core/tax/tax.h"
#include "core/wire/catalog_json.h"
#include "core/wire/import_report_json.h"
#include "core/wire/tax_json.h"

#include <cstdio>
#include <iostream>
#include <iterator>

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

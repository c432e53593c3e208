// bondstore-admin: the operator's command line. Subcommands:
//   catalog check FILE   validate a catalog file and print every problem
//   quote                a tax quote for a QuoteRequest on stdin (docs/tax.md)
#include "core/i18n_bundle.h"
#include "core/wire.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using namespace bondstore;

static const char* kUsage = R"(bondstore-admin — Bondstore operator commands

Usage:
  bondstore-admin catalog check FILE [--lang TAG] [--json]
      Validate a catalog file (native JSON). Prints every problem with its product, field and
      reason; exits 0 if the file can be loaded, 1 if not.
  bondstore-admin quote [--tax-table FILE] [--lang TAG]
      Read a QuoteRequest (JSON, inline lines; docs/tax.md) on stdin and print the TaxQuote JSON on
      stdout. Exit 0 when the order is admissible, 3 when it is not (the quote's "reason" says
      why), 1 on bad input (a message on stderr), 2 on bad usage.
  bondstore-admin --help
)";

#ifndef BONDSTORE_DEFAULT_TAX_TABLE
#define BONDSTORE_DEFAULT_TAX_TABLE ""
#endif

static bool ReadFile(const std::string& path, std::string* out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    *out = std::move(ss).str();
    return true;
}

static int CatalogCheck(const std::vector<std::string>& args)
{
    std::string file, lang = "en";
    bool as_json = false;
    for (size_t i = 0; i < args.size(); i++) {
        if (args[i] == "--json") as_json = true;
        else if (args[i] == "--lang" && i + 1 < args.size()) lang = args[++i];
        else if (file.empty() && args[i].rfind("--", 0) != 0) file = args[i];
        else { std::fprintf(stderr, "bondstore-admin: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    if (file.empty()) { std::fputs(kUsage, stderr); return 2; }
    std::string text;
    if (!ReadFile(file, &text)) { std::fprintf(stderr, "bondstore-admin: cannot read %s\n", file.c_str()); return 2; }
    CatalogParse parsed = ParseCatalogJson(text);
    Messages messages = LoadBundledMessages(lang);
    if (as_json) {
        std::printf("{\"ok\":%s,\"products\":%zu,\"problems\":%s}\n", parsed.ok() ? "true" : "false",
                    parsed.catalog.products.size(), ProblemsToJson(parsed.problems, &messages).c_str());
    } else {
        for (const Problem& p : parsed.problems)
            std::printf("%s: %s\n", p.severity == Severity::Error ? "error" : "warning", DescribeProblem(messages, p).c_str());
        std::printf("%s: %zu products, %zu warehouses, %zu stock rows, %zu problems\n", file.c_str(),
                    parsed.catalog.products.size(), parsed.catalog.warehouses.size(), parsed.catalog.stock.size(),
                    parsed.problems.size());
    }
    return parsed.ok() ? 0 : 1;
}

static int QuoteCommand(const std::vector<std::string>& args)
{
    std::string table_path = BONDSTORE_DEFAULT_TAX_TABLE, lang = "en";
    for (size_t i = 0; i < args.size(); i++) {
        if (args[i] == "--tax-table" && i + 1 < args.size()) table_path = args[++i];
        else if (args[i] == "--lang" && i + 1 < args.size()) lang = args[++i];
        else { std::fprintf(stderr, "bondstore-admin quote: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    Messages messages = LoadBundledMessages(lang);
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

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    if (args.size() >= 2 && args[0] == "catalog" && args[1] == "check")
        return CatalogCheck(std::vector<std::string>(args.begin() + 2, args.end()));
    if (args[0] == "quote") return QuoteCommand(std::vector<std::string>(args.begin() + 1, args.end()));
    std::fprintf(stderr, "bondstore-admin: unknown command '%s' (see --help)\n", args[0].c_str());
    return 2;
}

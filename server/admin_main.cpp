// bondstore-admin: the operator's command line. Subcommands:
//   catalog check FILE   validate a catalog file and print every problem
#include "core/i18n_bundle.h"
#include "core/wire.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace bondstore;

static const char* kUsage = R"(bondstore-admin — Bondstore operator commands

Usage:
  bondstore-admin catalog check FILE [--lang TAG] [--json]
      Validate a catalog file (native JSON). Prints every problem with its product, field and
      reason; exits 0 if the file can be loaded, 1 if not.
  bondstore-admin --help
)";

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

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    if (args.size() >= 2 && args[0] == "catalog" && args[1] == "check")
        return CatalogCheck(std::vector<std::string>(args.begin() + 2, args.end()));
    std::fprintf(stderr, "bondstore-admin: unknown command '%s' (see --help)\n", args[0].c_str());
    return 2;
}

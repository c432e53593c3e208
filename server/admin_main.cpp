// bondstore-admin: the operator's and merchant's command line. Subcommands:
//   catalog check FILE           validate a catalog file and print every problem
//   quote                        a tax quote for a QuoteRequest on stdin (docs/tax.md)
//   tokens create|list|revoke    merchant API tokens, in the server's data directory
//   import FILE                  upload a catalog to a server, with progress and a report
//   export                       download a merchant's products (JSON or CSV)
//   i18n export-po|import-po     the translator round trip (core/po_file.h)
//   ceb ORDER_NO                 an order's CEB message, signed, as sent (order_relay.h)
#include "china_time.h"
#include "merchant_tokens.h"
#include "order_relay.h"
#include "store.h"

#include "core/catalog_import.h"
#include "core/i18n_bundle.h"
#include "core/po_file.h"
#include "core/text_conversion.h"
#include "core/wire.h"

#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include <cstdio>
#include <filesystem>
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
  bondstore-admin tokens create --merchant ID [--label TEXT] [--data-dir DIR | --database URL]
  bondstore-admin tokens list [--data-dir DIR | --database URL]
  bondstore-admin tokens revoke HASH_PREFIX [--data-dir DIR | --database URL]
      Merchant API tokens, in the server's store (SQLite in DIR, default $BONDSTORE_DATA_DIR,
      else ./bondstore-data; or PostgreSQL, as bondstore-server --database). A new token is
      printed once; only its SHA-256 is stored.
  bondstore-admin import FILE --server URL --token TOKEN [--dry-run] [--partial] [--format F]
                  [--lang TAG] [--json]
      Upload a catalog (native JSON, Shopify CSV, Google Merchant TSV or XML; detected unless
      --format json|shopify|google-tsv|google-xml). Shows progress (bytes, rows, rate, ETA), then
      the report as a table (or JSON with --json). Exit 0 when the file was applied (or, with
      --dry-run, would be) without errors, 1 when it has errors, 3 when the server cannot be used.
  bondstore-admin export --server URL --token TOKEN [--format json|csv] [--out FILE]
  bondstore-admin i18n export-po TAG [--out FILE] [--i18n-dir DIR]
      Write locale TAG's messages as a gettext PO file for a translator (stdout, or FILE):
      msgctxt = key, msgid = English source, msgstr = translation; `fuzzy` where the source has
      changed since. DIR defaults to the repository's i18n/.
  bondstore-admin i18n import-po TAG FILE [--i18n-dir DIR] [--dry-run] [--lang TAG]
      Check a translated PO file and, if it has no errors, write DIR/TAG.json. Errors (unknown
      keys, broken MessageFormat, placeholders that differ from the source, …) are printed with
      their line numbers; exit 1 and nothing is written.
  bondstore-admin ceb ORDER_NO [--type 311|621] [--data-dir DIR | --database URL]
                  [--data-key-file FILE] [--customs-config FILE] [--ceb-xsd FILE]
                  [--signing-key FILE --signing-cert FILE] [--key-name NAME]
      Print the order's CEB message (311: the order; 621: the bonded inventory list) exactly as
      it was sent, or as it would be sent now if it has not been: signed, valid against customs'
      schema, without the transport envelope. It carries the buyer's personal data unmasked: for
      the operator's audit. The data key is read as bondstore-server reads it (BONDSTORE_DATA_KEY,
      --data-key-file, or DIR/data-key); defaults as bondstore-server's.
  bondstore-admin --help
)";

#ifndef BONDSTORE_I18N_DIR
#define BONDSTORE_I18N_DIR "i18n"
#endif

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
    Messages messages = LoadBundledMessages(lang, nullptr, ConvertText);
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

// --- tokens ------------------------------------------------------------------------------------

static std::string DefaultDataDir()
{
    const char* env = std::getenv("BONDSTORE_DATA_DIR");
    return env && *env ? env : "bondstore-data";
}

static int TokensCommand(const std::vector<std::string>& args)
{
    if (args.empty()) { std::fputs(kUsage, stderr); return 2; }
    std::string verb = args[0], merchant, label, data_dir = DefaultDataDir(), prefix;
    const char* database_env = std::getenv("BONDSTORE_DATABASE");
    std::string database = database_env ? database_env : "";
    for (size_t i = 1; i < args.size(); i++) {
        if (args[i] == "--merchant" && i + 1 < args.size()) merchant = args[++i];
        else if (args[i] == "--label" && i + 1 < args.size()) label = args[++i];
        else if (args[i] == "--data-dir" && i + 1 < args.size()) data_dir = args[++i];
        else if (args[i] == "--database" && i + 1 < args.size()) database = args[++i];
        else if (verb == "revoke" && prefix.empty() && args[i].rfind("--", 0) != 0) prefix = args[i];
        else { std::fprintf(stderr, "bondstore-admin tokens: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    std::string error;
    std::unique_ptr<Store> store = database.empty() ? OpenSqliteStore(data_dir, &error) : OpenPostgresStore(database, 1, &error);
    if (!store) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    if (verb == "create") {
        bool valid = !merchant.empty() && merchant.size() <= 64;
        for (char c : merchant) valid &= (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
        if (!valid) { std::fprintf(stderr, "bondstore-admin tokens create: --merchant needs an id of letters, digits, '-', '_' or '.'\n"); return 2; }
        std::string token = GenerateMerchantToken();
        if (!store->AddToken(merchant, HashMerchantToken(token), label, &error)) {
            std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str());
            return 1;
        }
        std::printf("%s\n", token.c_str());
        std::fprintf(stderr, "token for merchant '%s' created (hash %s…); keep it now: it cannot be shown again\n",
                     merchant.c_str(), HashMerchantToken(token).substr(0, 12).c_str());
        return 0;
    }
    if (verb == "list") {
        std::printf("%-14s %-20s %-22s %-8s %s\n", "HASH", "MERCHANT", "CREATED", "STATE", "LABEL");
        for (const Store::TokenInfo& t : store->ListTokens(&error))
            std::printf("%-14s %-20s %-22s %-8s %s\n", t.hash_prefix.c_str(), t.merchant.c_str(), t.created_at.c_str(),
                        t.revoked ? "revoked" : "active", t.label.c_str());
        return error.empty() ? 0 : 1;
    }
    if (verb == "revoke") {
        if (!store->RevokeToken(prefix, &error)) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
        std::fprintf(stderr, "revoked\n");
        return 0;
    }
    std::fputs(kUsage, stderr);
    return 2;
}

// --- import / export (HTTP clients of the merchant API) -----------------------------------------

struct ServerArgs {
    std::string url, token;
};

static std::string HumanBytes(double b)
{
    char buf[32];
    if (b >= 1 << 20) std::snprintf(buf, sizeof buf, "%.1f MB", b / (1 << 20));
    else if (b >= 1 << 10) std::snprintf(buf, sizeof buf, "%.1f KB", b / (1 << 10));
    else std::snprintf(buf, sizeof buf, "%.0f B", b);
    return buf;
}

// Progress on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise.
class Progress {
public:
    explicit Progress(uint64_t total) : total_(total), tty_(isatty(2)), start_(std::chrono::steady_clock::now()) {}
    void Update(uint64_t bytes, int64_t rows, bool final = false)
    {
        auto now = std::chrono::steady_clock::now();
        double elapsed = std::chrono::duration<double>(now - start_).count();
        double since = std::chrono::duration<double>(now - last_).count();
        if (!final && since < (tty_ ? 0.1 : 2.0)) return;
        last_ = now;
        double rate = elapsed > 0 ? double(bytes) / elapsed : 0;
        double eta = rate > 0 ? double(total_ - bytes) / rate : 0;
        int pct = total_ ? int(100.0 * double(bytes) / double(total_)) : 100;
        char line[256];
        std::snprintf(line, sizeof line, "%3d%% %s / %s · %lld rows · %s/s · %lld rows/s · ETA %.0f s", pct,
                      HumanBytes(double(bytes)).c_str(), HumanBytes(double(total_)).c_str(), static_cast<long long>(rows),
                      HumanBytes(rate).c_str(), static_cast<long long>(elapsed > 0 ? double(rows) / elapsed : 0), eta);
        if (tty_) {
            int width = 24, filled = width * pct / 100;
            std::fprintf(stderr, "\r[%s%s] %s\x1b[K", std::string(size_t(filled), '#').c_str(),
                         std::string(size_t(width - filled), '-').c_str(), line);
            if (final) std::fputc('\n', stderr);
        } else {
            std::fprintf(stderr, "progress: %s\n", line);
        }
    }

private:
    uint64_t total_;
    bool tty_;
    std::chrono::steady_clock::time_point start_, last_{};
};

static std::unique_ptr<httplib::Client> ClientFor(const ServerArgs& s)
{
    auto client = std::make_unique<httplib::Client>(s.url);
    client->set_bearer_token_auth(s.token);
    client->set_read_timeout(300, 0);
    client->set_write_timeout(300, 0);
    return client;
}

static void PrintReport(const ImportReport& r, const std::vector<std::string>& messages)
{
    std::printf("%s import (%s%s%s): %s\n", r.kind.c_str(), r.format.c_str(), r.dialect.empty() ? "" : ", ",
                r.dialect.c_str(),
                r.dry_run ? "dry run, nothing changed" : r.applied ? "applied" : "NOT applied, nothing changed");
    std::printf("  rows %lld · valid %lld · rejected %lld · created %lld · updated %lld · unchanged %lld",
                static_cast<long long>(r.rows), static_cast<long long>(r.valid), static_cast<long long>(r.rejected),
                static_cast<long long>(r.created), static_cast<long long>(r.updated), static_cast<long long>(r.unchanged));
    if (r.catalog_version) std::printf(" · catalog version %lld", static_cast<long long>(r.catalog_version));
    std::printf("\n");
    if (r.problems.empty()) return;
    std::printf("\n  %-7s %-34s %-36s %s\n", "ROW", "COLUMN", "CODE", "MESSAGE");
    for (size_t i = 0; i < r.problems.size(); i++) {
        const Problem& p = r.problems[i];
        std::string where = p.row >= 0 ? std::to_string(p.row) : p.index >= 0 ? "#" + std::to_string(p.index) : "-";
        std::string column = p.field.size() > 34 ? p.field.substr(0, 31) + "..." : p.field;
        std::string code = p.code + (p.severity == Severity::Warning ? " (warning)" : "");
        std::printf("  %-7s %-34s %-36s %s\n", where.c_str(), column.c_str(), code.c_str(),
                    i < messages.size() ? messages[i].c_str() : "");
    }
}

static int ImportCommand(const std::vector<std::string>& args)
{
    ServerArgs server;
    std::string file, format, lang;
    bool dry_run = false, partial = false, as_json = false;
    for (size_t i = 0; i < args.size(); i++) {
        const std::string& a = args[i];
        if (a == "--server" && i + 1 < args.size()) server.url = args[++i];
        else if (a == "--token" && i + 1 < args.size()) server.token = args[++i];
        else if (a == "--format" && i + 1 < args.size()) format = args[++i];
        else if (a == "--lang" && i + 1 < args.size()) lang = args[++i];
        else if (a == "--dry-run") dry_run = true;
        else if (a == "--partial") partial = true;
        else if (a == "--json") as_json = true;
        else if (file.empty() && a.rfind("--", 0) != 0) file = a;
        else { std::fprintf(stderr, "bondstore-admin import: unexpected argument '%s'\n", a.c_str()); return 2; }
    }
    if (file.empty() || server.url.empty() || server.token.empty()) { std::fputs(kUsage, stderr); return 2; }
    if (!format.empty() && ParseFormatName(format) == CatalogFormat::Unknown) {
        std::fprintf(stderr, "bondstore-admin import: unknown --format '%s'\n", format.c_str());
        return 2;
    }
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) { std::fprintf(stderr, "bondstore-admin import: cannot read %s\n", file.c_str()); return 2; }
    std::fseek(f, 0, SEEK_END);
    uint64_t size = uint64_t(std::ftell(f));
    std::fseek(f, 0, SEEK_SET);

    // Rows are counted here, with the same importer the server runs, as the bytes go out.
    char head[4096];
    size_t head_len = std::fread(head, 1, sizeof head, f);
    std::fseek(f, 0, SEEK_SET);
    CatalogFormat detected = format.empty() ? DetectCatalogFormat(std::string_view(head, head_len), file) : ParseFormatName(format);
    CatalogImporter counter(detected, ImportOptions{});
    Progress progress(size);

    std::string path = "/api/merchant/catalog?format=" + std::string(FormatName(detected)) +
                       (dry_run ? "&dry_run=1" : "") + (partial ? "&partial=1" : "") +
                       (lang.empty() ? "" : "&lang=" + lang);
    auto client = ClientFor(server);
    httplib::Headers headers;
    if (const char* l = std::getenv("LANG"); l && std::string(l).rfind("zh", 0) == 0) headers.emplace("Accept-Language", "zh-CN");
    else headers.emplace("Accept-Language", "en");
    std::vector<char> buffer(1 << 16);
    auto result = client->Post(path, headers, size_t(size),
        [&](size_t offset, size_t length, httplib::DataSink& sink) {
            size_t want = std::min(length, buffer.size());
            std::fseek(f, long(offset), SEEK_SET);
            size_t got = std::fread(buffer.data(), 1, want, f);
            if (got == 0) return false;
            counter.Feed(std::string_view(buffer.data(), got));
            sink.write(buffer.data(), got);
            progress.Update(offset + got, counter.rows(), offset + got == size);
            return true;
        },
        "application/octet-stream");
    std::fclose(f);
    if (!result) {
        std::fprintf(stderr, "bondstore-admin import: %s: %s\n", server.url.c_str(), httplib::to_string(result.error()).c_str());
        return 3;
    }
    if (result->status == 401) { std::fprintf(stderr, "bondstore-admin import: the server refused the token (401)\n"); return 3; }
    ImportReport report;
    std::vector<std::string> messages;
    if (!ParseImportReportJson(result->body, &report, &messages)) {
        std::fprintf(stderr, "bondstore-admin import: the server answered %d: %s\n", result->status, result->body.c_str());
        return 3;
    }
    if (as_json) std::printf("%s\n", result->body.c_str());
    else PrintReport(report, messages);
    return HasErrors(report.problems) ? 1 : 0;
}

static int ExportCommand(const std::vector<std::string>& args)
{
    ServerArgs server;
    std::string format = "json", out;
    for (size_t i = 0; i < args.size(); i++) {
        const std::string& a = args[i];
        if (a == "--server" && i + 1 < args.size()) server.url = args[++i];
        else if (a == "--token" && i + 1 < args.size()) server.token = args[++i];
        else if (a == "--format" && i + 1 < args.size()) format = args[++i];
        else if (a == "--out" && i + 1 < args.size()) out = args[++i];
        else { std::fprintf(stderr, "bondstore-admin export: unexpected argument '%s'\n", a.c_str()); return 2; }
    }
    if (server.url.empty() || server.token.empty() || (format != "json" && format != "csv")) { std::fputs(kUsage, stderr); return 2; }
    auto result = ClientFor(server)->Get("/api/merchant/products?format=" + format);
    if (!result) { std::fprintf(stderr, "bondstore-admin export: %s\n", httplib::to_string(result.error()).c_str()); return 3; }
    if (result->status != 200) { std::fprintf(stderr, "bondstore-admin export: the server answered %d\n", result->status); return 3; }
    if (out.empty()) { std::fwrite(result->body.data(), 1, result->body.size(), stdout); return 0; }
    std::ofstream file(out, std::ios::binary);
    file << result->body;
    return file.good() ? 0 : 1;
}

static bool WriteFileAtomically(const std::string& path, const std::string& text)
{
    std::string temp = path + ".tmp";
    bool written;
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        written = out && (out << text) && out.flush();
    }
    if (written && std::rename(temp.c_str(), path.c_str()) == 0) return true;
    std::remove(temp.c_str());
    return false;
}

static int I18nCommand(const std::vector<std::string>& args)
{
    if (args.size() < 2 || (args[0] != "export-po" && args[0] != "import-po")) { std::fputs(kUsage, stderr); return 2; }
    bool importing = args[0] == "import-po";
    std::string tag = args[1], file, out_path, dir = BONDSTORE_I18N_DIR, lang = "en";
    bool dry_run = false;
    for (size_t i = 2; i < args.size(); i++) {
        if (args[i] == "--i18n-dir" && i + 1 < args.size()) dir = args[++i];
        else if (args[i] == "--out" && i + 1 < args.size() && !importing) out_path = args[++i];
        else if (args[i] == "--lang" && i + 1 < args.size()) lang = args[++i];
        else if (args[i] == "--dry-run" && importing) dry_run = true;
        else if (importing && file.empty() && args[i].rfind("--", 0) != 0) file = args[i];
        else { std::fprintf(stderr, "bondstore-admin: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    const LocaleInfo* locale = FindLocale(tag);
    if (!locale || !locale->pseudo_from.empty() || tag == SourceLocale()) {
        std::fprintf(stderr, "bondstore-admin: '%s' is not a translated locale (locales.json; %s is the source)\n",
                     tag.c_str(), SourceLocale().c_str());
        return 2;
    }
    if (importing && file.empty()) { std::fputs(kUsage, stderr); return 2; }
    lang = NegotiateLocale({lang}); // "DE", "zh_TW" as a person types them

    std::string source_text, current_text;
    std::string source_path = dir + "/" + SourceLocale() + ".json", locale_path = dir + "/" + tag + ".json";
    if (!ReadFile(source_path, &source_text)) { std::fprintf(stderr, "bondstore-admin: cannot read %s\n", source_path.c_str()); return 2; }
    if (std::filesystem::exists(locale_path) && !ReadFile(locale_path, &current_text)) { // a new locale has none yet
        std::fprintf(stderr, "bondstore-admin: cannot read %s\n", locale_path.c_str());
        return 2;
    }
    std::vector<Problem> file_problems;
    TranslationFile source = ParseTranslationFile(source_text, &file_problems);
    TranslationFile current = current_text.empty() ? TranslationFile() : ParseTranslationFile(current_text, &file_problems);
    Messages messages = LoadBundledMessages(lang, nullptr, ConvertText);
    if (!file_problems.empty()) {
        for (const Problem& p : file_problems) std::fprintf(stderr, "error: %s\n", DescribeProblem(messages, p).c_str());
        return 1;
    }

    if (!importing) {
        std::string po = ExportPo(tag, source, current);
        if (out_path.empty()) std::fwrite(po.data(), 1, po.size(), stdout);
        else if (!WriteFileAtomically(out_path, po)) { std::fprintf(stderr, "bondstore-admin: cannot write %s\n", out_path.c_str()); return 1; }
        TranslationStatus status = StatusOf(source, current);
        std::fprintf(stderr, "%s: %zu messages, %d fuzzy, %d untranslated\n", tag.c_str(), source.messages.size(),
                     status.fuzzy, status.untranslated);
        return 0;
    }
    std::string po;
    if (!ReadFile(file, &po)) { std::fprintf(stderr, "bondstore-admin: cannot read %s\n", file.c_str()); return 2; }
    PoImport result = ImportPo(po, tag, source, current);
    for (const Problem& p : result.problems)
        std::fprintf(stderr, "%s:%lld: error: %s\n", file.c_str(), static_cast<long long>(p.row), DescribeProblem(messages, p).c_str());
    if (!result.ok()) {
        std::fprintf(stderr, "%s: %zu errors; %s not changed\n", file.c_str(), result.problems.size(), locale_path.c_str());
        return 1;
    }
    if (!dry_run && !WriteFileAtomically(locale_path, TranslationFileToJson(result.file))) {
        std::fprintf(stderr, "bondstore-admin: cannot write %s\n", locale_path.c_str());
        return 1;
    }
    std::fprintf(stderr, "%s: %d translated, %d fuzzy, %d untranslated%s\n", locale_path.c_str(), result.translated,
                 result.fuzzy, result.untranslated, dry_run ? " (dry run: not written)" : "");
    return 0;
}

static int CebCommand(const std::vector<std::string>& args)
{
    std::string order_no, type = "311", data_dir = DefaultDataDir(), key_file;
    const char* database_env = std::getenv("BONDSTORE_DATABASE");
    std::string database = database_env ? database_env : "";
    std::optional<RelayFiles> files;
    std::vector<std::pair<std::string, std::string>> file_flags;
    for (size_t i = 0; i < args.size(); i++) {
        const std::string& a = args[i];
        bool has_value = i + 1 < args.size();
        if (a == "--type" && has_value) type = args[++i];
        else if (a == "--data-dir" && has_value) data_dir = args[++i];
        else if (a == "--database" && has_value) database = args[++i];
        else if (a == "--data-key-file" && has_value) key_file = args[++i];
        else if ((a == "--customs-config" || a == "--ceb-xsd" || a == "--signing-key" || a == "--signing-cert" || a == "--key-name") &&
                 has_value)
            file_flags.emplace_back(a, args[++i]);
        else if (order_no.empty() && a.rfind("--", 0) != 0) order_no = a;
        else { std::fprintf(stderr, "bondstore-admin ceb: unexpected argument '%s'\n", a.c_str()); return 2; }
    }
    if (order_no.empty() || (type != "311" && type != "621")) { std::fputs(kUsage, stderr); return 2; }
    RelayFiles f = DefaultRelayFiles(data_dir);
    for (const auto& [flag, value] : file_flags) {
        if (flag == "--customs-config") f.customs_config = value;
        else if (flag == "--ceb-xsd") f.ceb_xsd = value;
        else if (flag == "--signing-key") f.signing_key = value;
        else if (flag == "--signing-cert") f.signing_cert = value;
        else f.key_name = value;
    }

    std::string error;
    std::optional<PersonalData> keys;
    if (const char* hex = std::getenv("BONDSTORE_DATA_KEY"); hex && *hex) keys = PersonalData::FromHexKey(hex, &error);
    else keys = PersonalData::FromKeyFile(key_file.empty() ? data_dir + "/data-key" : key_file, false, &error);
    if (!keys) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    std::unique_ptr<Store> store = database.empty() ? OpenSqliteStore(data_dir, &error) : OpenPostgresStore(database, 1, &error);
    if (!store || !store->BindDataKey(keys->Fingerprint(), &error)) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    std::optional<Store::OrderDeclaration> d = store->FindDeclaration(order_no, type == "311" ? "order" : "inventory", &error);
    if (!d) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    if (d->order_no.empty()) { std::fprintf(stderr, "bondstore-admin ceb: no order %s\n", order_no.c_str()); return 1; }
    if (!d->sent_message.empty()) { // as it was sent, byte for byte
        std::fputs(d->sent_message.c_str(), stdout);
        return 0;
    }
    // Not sent yet: as it would be sent. A missing key pair is not
    // created here: the server creates it, and a message signed by a key nobody has is no audit.
    std::optional<RelayKit> kit = OpenRelayKit(f, false, &error);
    if (!kit) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    std::optional<CebOrder> order = CebOrderFor(*d, *keys, UnixNow(), &error);
    std::optional<std::string> xml =
        order ? SignedCebMessage(*order, type == "311" ? CebType::Order311 : CebType::Inventory621, kit->config, *kit->signer,
                                 *kit->schema, &error)
              : std::nullopt;
    if (!xml) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    if (d->declared_at == 0) std::fprintf(stderr, "bondstore-admin ceb: %s is not paid: this is the message as it would be sent now\n", order_no.c_str());
    std::fputs(xml->c_str(), stdout);
    return 0;
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
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "quote") return QuoteCommand(rest);
    if (args[0] == "tokens") return TokensCommand(rest);
    if (args[0] == "import") return ImportCommand(rest);
    if (args[0] == "export") return ExportCommand(rest);
    if (args[0] == "i18n") return I18nCommand(rest);
    if (args[0] == "ceb") return CebCommand(rest);
    std::fprintf(stderr, "bondstore-admin: unknown command '%s' (see --help)\n", args[0].c_str());
    return 2;
}

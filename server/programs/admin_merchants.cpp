// bondstore-admin tokens, import, export: merchants' API tokens in the store, and the merchant
// API's client (upload with progress and a report; export).
#include "server/programs/admin_commands.h"

#include "server/store/stores.h"

#include "server/security/tokens.h"

#include "core/import/catalog_import.h"
#include "core/wire/import_report_json.h"

#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace bondstore::admin {

namespace {

struct ServerArgs {
    std::string url, token;
};

std::string HumanBytes(double b)
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

std::unique_ptr<httplib::Client> ClientFor(const ServerArgs& s)
{
    auto client = std::make_unique<httplib::Client>(s.url);
    client->set_bearer_token_auth(s.token);
    client->set_read_timeout(300, 0);
    client->set_write_timeout(300, 0);
    return client;
}

void PrintReport(const ImportReport& r, const std::vector<std::string>& messages)
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

} // namespace

int Import(const std::vector<std::string>& args)
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
    if (file.empty() || server.url.empty() || server.token.empty()) { PrintUsage(); return 2; }
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

int Export(const std::vector<std::string>& args)
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
    if (server.url.empty() || server.token.empty() || (format != "json" && format != "csv")) { PrintUsage(); return 2; }
    auto result = ClientFor(server)->Get("/api/merchant/products?format=" + format);
    if (!result) { std::fprintf(stderr, "bondstore-admin export: %s\n", httplib::to_string(result.error()).c_str()); return 3; }
    if (result->status != 200) { std::fprintf(stderr, "bondstore-admin export: the server answered %d\n", result->status); return 3; }
    if (out.empty()) { std::fwrite(result->body.data(), 1, result->body.size(), stdout); return 0; }
    std::ofstream file(out, std::ios::binary);
    file << result->body;
    return file.good() ? 0 : 1;
}

int Tokens(const std::vector<std::string>& args)
{
    if (args.empty()) { PrintUsage(); return 2; }
    std::string verb = args[0], merchant, label, data_dir = DefaultDataDir(), prefix;
    std::string database = DefaultDatabase();
    for (size_t i = 1; i < args.size(); i++) {
        if (args[i] == "--merchant" && i + 1 < args.size()) merchant = args[++i];
        else if (args[i] == "--label" && i + 1 < args.size()) label = args[++i];
        else if (args[i] == "--data-dir" && i + 1 < args.size()) data_dir = args[++i];
        else if (args[i] == "--database" && i + 1 < args.size()) database = args[++i];
        else if (verb == "revoke" && prefix.empty() && args[i].rfind("--", 0) != 0) prefix = args[i];
        else { std::fprintf(stderr, "bondstore-admin tokens: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    std::string error;
    std::unique_ptr<Stores> stores = OpenStores(data_dir, database, DatabaseOptions{1}, &error);
    if (!stores) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    if (verb == "create") {
        bool valid = !merchant.empty() && merchant.size() <= 64;
        for (char c : merchant) valid &= (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
        if (!valid) { std::fprintf(stderr, "bondstore-admin tokens create: --merchant needs an id of letters, digits, '-', '_' or '.'\n"); return 2; }
        std::string token = GenerateMerchantToken();
        if (!stores->merchants.AddToken(merchant, HashMerchantToken(token), label, &error)) {
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
        std::optional<std::vector<MerchantStore::TokenInfo>> tokens = stores->merchants.ListTokens(&error);
        if (!tokens) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
        for (const MerchantStore::TokenInfo& t : *tokens)
            std::printf("%-14s %-20s %-22s %-8s %s\n", t.hash_prefix.c_str(), t.merchant.c_str(), t.created_at.c_str(),
                        t.revoked ? "revoked" : "active", t.label.c_str());
        return error.empty() ? 0 : 1;
    }
    if (verb == "revoke") {
        if (!stores->merchants.RevokeToken(prefix, &error)) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
        std::fprintf(stderr, "revoked\n");
        return 0;
    }
    PrintUsage();
    return 2;
}

} // namespace bondstore::admin

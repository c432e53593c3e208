// bondstore-admin backup | restore: an online copy of a SQLite store while the server runs, and
// the copy put back into an empty data directory (store/backup.h, docs/operations.md#backups).
#include "server/programs/admin_commands.h"

#include "server/store/backup.h"
#include "server/store/stores.h"

#include <cstdio>
#include <filesystem>

namespace bondstore::admin {

namespace {

void PrintFacts(const char* what, const std::string& file, const BackupFacts& f)
{
    std::fprintf(stderr, "%s %s: %lld bytes, %lld orders, schema %lld, data key %s\n", what, file.c_str(),
                 static_cast<long long>(f.bytes), static_cast<long long>(f.orders), static_cast<long long>(f.schema_version),
                 f.data_key_fingerprint.empty() ? "(none yet)" : f.data_key_fingerprint.c_str());
}

} // namespace

int Backup(const Args& args)
{
    std::string out, data_dir = DefaultDataDir(), database = DefaultDatabase();
    for (size_t i = 0; i < args.size(); i++) {
        if (args[i] == "--out" && i + 1 < args.size()) out = args[++i];
        else if (args[i] == "--data-dir" && i + 1 < args.size()) data_dir = args[++i];
        else if (args[i] == "--database" && i + 1 < args.size()) database = args[++i];
        else { std::fprintf(stderr, "bondstore-admin backup: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    if (out.empty()) { std::fprintf(stderr, "bondstore-admin backup: give --out FILE\n"); return 2; }
    if (!database.empty()) {
        std::fprintf(stderr, "bondstore-admin backup: a PostgreSQL store is backed up with pg_dump -Fc (docs/operations.md#backups)\n");
        return 2;
    }
    if (!std::filesystem::exists(std::filesystem::path(data_dir) / "bondstore.db")) {
        std::fprintf(stderr, "bondstore-admin backup: no store in %s\n", data_dir.c_str());
        return 1;
    }
    std::string error;
    std::unique_ptr<Stores> stores = OpenStores(data_dir, database, DatabaseOptions{1}, &error);
    if (!stores) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    BackupFacts facts;
    if (!BackUpSqlite(*stores->database, out, &facts, &error)) { std::fprintf(stderr, "bondstore-admin backup: %s\n", error.c_str()); return 1; }
    PrintFacts("backed up to", out, facts);
    std::fprintf(stderr, "the data key is not in it: keep its backup apart (docs/security.md)\n");
    return 0;
}

int Restore(const Args& args)
{
    std::string from, data_dir = DefaultDataDir();
    for (size_t i = 0; i < args.size(); i++) {
        if (args[i] == "--from" && i + 1 < args.size()) from = args[++i];
        else if (args[i] == "--data-dir" && i + 1 < args.size()) data_dir = args[++i];
        else { std::fprintf(stderr, "bondstore-admin restore: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    if (from.empty()) { std::fprintf(stderr, "bondstore-admin restore: give --from FILE\n"); return 2; }
    std::string error;
    BackupFacts facts;
    if (!RestoreSqlite(from, data_dir, &facts, &error)) { std::fprintf(stderr, "bondstore-admin restore: %s\n", error.c_str()); return 1; }
    PrintFacts("restored from", from, facts);
    std::fprintf(stderr, "start the server on %s with the data key whose fingerprint is %s\n", data_dir.c_str(),
                 facts.data_key_fingerprint.empty() ? "(none yet)" : facts.data_key_fingerprint.c_str());
    return 0;
}

} // namespace bondstore::admin

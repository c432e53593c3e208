#include "server/store/backup.h"

#include "server/base/files.h"
#include "server/store/sql.h"

#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace bondstore {

namespace fs = std::filesystem;

namespace {

std::string StoreFile(const std::string& data_dir) { return (fs::path(data_dir) / "bondstore.db").string(); }

// The file's bytes on disk before it gets its final name.
bool Sync(const std::string& path, std::string* error)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) { *error = "cannot open " + path; return false; }
    bool ok = fsync(fileno(f)) == 0;
    std::fclose(f);
    if (!ok) *error = "cannot sync " + path;
    return ok;
}

} // namespace

bool CheckSqliteBackup(const std::string& file, BackupFacts* facts, std::string* error)
{
    if (!fs::is_regular_file(file)) { *error = file + " is not a file"; return false; }
    std::unique_ptr<SqlConnection> c = OpenSqliteConnection(file, error, true);
    if (!c) return false;
    auto check = c->Query("PRAGMA integrity_check", {}, error);
    if (!check) return false;
    if (check->rows.empty() || check->rows[0][0].Text() != "ok") {
        *error = file + " is damaged: " + (check->rows.empty() ? std::string("no answer") : check->rows[0][0].Text());
        return false;
    }
    auto orders = c->Query("SELECT count(*) FROM orders", {}, error);
    auto key = c->Query("SELECT value FROM meta WHERE key = 'data_key_fingerprint'", {}, error);
    if (!orders || !key) { *error = file + " is not a Bondstore store: " + *error; return false; }
    BackupFacts f;
    f.orders = orders->rows[0][0].Int();
    f.data_key_fingerprint = key->rows.empty() ? std::string() : key->rows[0][0].Text();
    std::string ignored;
    f.schema_version = c->SchemaVersion(&ignored).value_or(0);
    f.bytes = int64_t(fs::file_size(file));
    if (facts) *facts = f;
    return true;
}

bool BackUpSqlite(Database& db, const std::string& out, BackupFacts* facts, std::string* error)
{
    if (db.postgres()) {
        *error = "a PostgreSQL store is backed up with pg_dump (docs/operations.md#backups)";
        return false;
    }
    if (fs::exists(out)) { *error = out + " exists: a backup never overwrites a file"; return false; }
    const std::string part = out + ".part";
    std::error_code ignored;
    fs::remove(part, ignored);
    {
        // (the writer connection: a reader is query_only, which VACUUM INTO is refused on; it
        // reads the store in one transaction all the same, and the server's writer goes on)
        auto c = db.writers().Acquire();
        if (!c->Query("VACUUM INTO $1", {part}, error)) {
            fs::remove(part, ignored);
            *error = "the copy failed: " + *error;
            return false;
        }
    }
    if (!Sync(part, error) || !CheckSqliteBackup(part, facts, error)) {
        fs::remove(part, ignored);
        return false;
    }
    fs::rename(part, out); // (same directory: atomic)
    return true;
}

bool RestoreSqlite(const std::string& file, const std::string& data_dir, BackupFacts* facts, std::string* error)
{
    const std::string target = StoreFile(data_dir);
    if (fs::exists(target)) {
        *error = target + " exists: restore into an empty data directory (a store is never overwritten; move it away first, "
                          "with its server stopped)";
        return false;
    }
    if (!CheckSqliteBackup(file, facts, error)) return false;
    if (!MakePrivateDirectory(data_dir, error)) return false;
    const std::string part = target + ".part";
    std::error_code ec;
    fs::copy_file(file, part, fs::copy_options::overwrite_existing, ec);
    if (ec) { *error = "cannot copy " + file + " to " + part + ": " + ec.message(); return false; }
    fs::permissions(part, fs::perms::owner_read | fs::perms::owner_write, ec);
    // (the backup was opened in WAL mode when checked: its -wal and -shm files are not part of it)
    if (!Sync(part, error)) return false;
    fs::rename(part, target, ec);
    if (ec) { *error = "cannot move " + part + " into place: " + ec.message(); return false; }
    return true;
}

} // namespace bondstore

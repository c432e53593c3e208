#include "server/store/database.h"

#include "server/base/files.h"
#include "server/store/migrations.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

namespace bondstore {

bool Database::Ping(std::string* error)
{
    auto c = readers().Acquire();
    auto r = c->Query("SELECT 1", {}, error);
    return r && r->rows.size() == 1;
}

bool Database::InWriteTransaction(const std::function<bool(SqlConnection&, std::string*)>& body, std::string* error)
{
    auto c = writers_->Acquire();
    for (int attempt = 0;; attempt++) {
        std::string e;
        if (!c->BeginWrite(&e)) {
            if (c->last_failure() == SqlFailure::Retry && attempt < 20) continue;
            if (error) *error = e;
            return false;
        }
        bool commit = false;
        try {
            commit = body(*c, &e);
        } catch (...) {
            c->Exec("ROLLBACK", nullptr); // never back to the pool inside a transaction
            throw;
        }
        if (commit && c->Exec("COMMIT", &e)) return true;
        SqlFailure failure = c->last_failure();
        c->Exec("ROLLBACK", nullptr);
        if (!commit && e.empty()) return false; // the body chose to roll back
        if (failure == SqlFailure::Retry && attempt < 20) {
            // Another transaction holds what this one needs: back off a little, then again.
            std::this_thread::sleep_for(std::chrono::milliseconds(1 + attempt * 2));
            continue;
        }
        if (error) *error = e;
        return false;
    }
}

bool Database::BindDataKey(const std::string& fingerprint, std::string* error)
{
    std::string recorded;
    bool ok = InWriteTransaction([&](SqlConnection& db, std::string* e) {
        if (!db.Query("INSERT INTO meta(key, value) VALUES ('data_key_fingerprint', $1) ON CONFLICT DO NOTHING", {fingerprint}, e))
            return false;
        auto r = db.Query("SELECT value FROM meta WHERE key = 'data_key_fingerprint'", {}, e);
        if (!r || r->rows.empty()) return false;
        recorded = r->rows[0][0].Text();
        return true;
    }, error);
    if (!ok) return false;
    if (recorded != fingerprint) {
        *error = "this store's personal data was sealed under another data key (fingerprint " + recorded +
                 "; the key given has " + fingerprint + "): start the server with the key it was created with";
        return false;
    }
    return true;
}

constexpr int kSqliteReaders = 4;

std::unique_ptr<Database> OpenSqliteDatabase(const std::string& data_dir, const DatabaseOptions& options, std::string* error)
{
    if (!MakePrivateDirectory(data_dir, error)) return nullptr;
    std::string path = (std::filesystem::path(data_dir) / "bondstore.db").string();
    std::unique_ptr<SqlConnection> c = OpenSqliteConnection(path, error);
    if (!c) return nullptr;
    std::vector<std::unique_ptr<SqlConnection>> one;
    one.push_back(std::move(c));
    auto writer = std::make_unique<SqlPool>(std::move(one));
    writer->set_wait(std::chrono::milliseconds(options.wait_ms));
    if (!Migrate(*writer, error)) { *error = path + ": " + *error; return nullptr; }
    // Writes go through the one writer connection (SQLite serialises them anyway); shoppers'
    // reads (inventory, order look-ups) go through readers that never wait for it.
    std::vector<std::unique_ptr<SqlConnection>> readers;
    for (int i = 0; i < kSqliteReaders; i++) {
        std::unique_ptr<SqlConnection> r = OpenSqliteConnection(path, error, true);
        if (!r) return nullptr;
        readers.push_back(std::move(r));
    }
    auto reader_pool = std::make_unique<SqlPool>(std::move(readers));
    reader_pool->set_wait(std::chrono::milliseconds(options.wait_ms));
    return std::make_unique<Database>(std::move(writer), std::move(reader_pool));
}

std::unique_ptr<Database> OpenPostgresDatabase(const std::string& conninfo, const DatabaseOptions& options, std::string* error)
{
    std::vector<std::unique_ptr<SqlConnection>> pool;
    for (int i = 0; i < std::max(1, options.connections); i++) {
        std::unique_ptr<SqlConnection> c = OpenPostgresConnection(conninfo, error, options.statement_timeout_ms);
        if (!c) return nullptr;
        pool.push_back(std::move(c));
    }
    auto db = std::make_unique<Database>(std::make_unique<SqlPool>(std::move(pool)));
    db->writers().set_wait(std::chrono::milliseconds(options.wait_ms));
    if (!Migrate(db->writers(), error)) { *error = "PostgreSQL: " + *error; return nullptr; }
    return db;
}

} // namespace bondstore

// The SQLite driver of SqlConnection: WAL journal, synchronous=FULL (an acknowledged write
// survives power loss), foreign keys on, prepared statements cached by their text.
#include "server/store/sql.h"

#include <sqlite3.h>

#include <map>

namespace bondstore {

namespace {

class SqliteConnection final : public SqlConnection {
public:
    explicit SqliteConnection(sqlite3* db) : db_(db) {}
    ~SqliteConnection() override
    {
        for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
        sqlite3_close(db_);
    }

    const char* dialect() const override { return "sqlite"; }
    SqlFailure last_failure() const override { return failure_; }

    bool Exec(std::string_view sql, std::string* error) override
    {
        if (MayWrite(sql)) wrote = true;
        char* msg = nullptr;
        std::string text(sql);
        if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
            Fail(error, msg ? msg : sqlite3_errmsg(db_));
            sqlite3_free(msg);
            return false;
        }
        return true;
    }

    std::optional<SqlResult> Query(std::string_view sql, const SqlParams& params, std::string* error) override
    {
        if (MayWrite(sql)) wrote = true;
        sqlite3_stmt* stmt = Prepared(sql);
        if (!stmt) { Fail(error, sqlite3_errmsg(db_)); return std::nullopt; }
        for (size_t i = 0; i < params.size(); i++) {
            std::string name = "$" + std::to_string(i + 1);
            int index = sqlite3_bind_parameter_index(stmt, name.c_str());
            if (index == 0) continue; // the statement does not use it
            const SqlValue& p = params[i];
            if (p.is_null()) sqlite3_bind_null(stmt, index);
            else if (const int64_t* v = std::get_if<int64_t>(&p.v)) sqlite3_bind_int64(stmt, index, *v);
            else {
                const std::string& s = std::get<std::string>(p.v);
                sqlite3_bind_text(stmt, index, s.data(), int(s.size()), SQLITE_TRANSIENT);
            }
        }
        SqlResult r;
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            int n = sqlite3_column_count(stmt);
            std::vector<SqlValue> row(static_cast<size_t>(n));
            for (int c = 0; c < n; c++) {
                switch (sqlite3_column_type(stmt, c)) {
                case SQLITE_NULL: break;
                case SQLITE_INTEGER: row[size_t(c)] = SqlValue(int64_t(sqlite3_column_int64(stmt, c))); break;
                default: {
                    const unsigned char* t = sqlite3_column_text(stmt, c);
                    row[size_t(c)] = SqlValue(std::string(reinterpret_cast<const char*>(t), size_t(sqlite3_column_bytes(stmt, c))));
                }
                }
            }
            r.rows.push_back(std::move(row));
        }
        bool ok = rc == SQLITE_DONE;
        if (!ok) {
            int code = sqlite3_extended_errcode(db_);
            failure_ = (code & 0xff) == SQLITE_CONSTRAINT ? SqlFailure::Conflict
                     : (code & 0xff) == SQLITE_BUSY ? SqlFailure::Retry : SqlFailure::Other;
            if (error) *error = sqlite3_errmsg(db_);
        }
        r.changed = sqlite3_changes64(db_);
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        if (!ok) return std::nullopt;
        return r;
    }

    bool BeginWrite(std::string* error) override { return Exec("BEGIN IMMEDIATE", error); }
    // A deferred transaction takes its WAL snapshot at the first read and keeps it to COMMIT.
    bool BeginRead(std::string* error) override { return Exec("BEGIN DEFERRED", error); }

    std::optional<int64_t> SchemaVersion(std::string* error) override
    {
        auto r = Query("PRAGMA user_version", {}, error);
        if (!r || r->rows.empty()) return std::nullopt;
        return r->rows[0][0].Int();
    }

    bool SetSchemaVersion(int64_t version, std::string* error) override
    {
        return Exec("PRAGMA user_version = " + std::to_string(version), error);
    }

private:
    void Fail(std::string* error, const char* message)
    {
        failure_ = SqlFailure::Other;
        if (error) *error = message;
    }

    sqlite3_stmt* Prepared(std::string_view sql)
    {
        auto it = cache_.find(sql);
        if (it != cache_.end()) return it->second;
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db_, sql.data(), int(sql.size()), &stmt, nullptr) != SQLITE_OK) return nullptr;
        cache_.emplace(std::string(sql), stmt);
        return stmt;
    }

    sqlite3* db_;
    std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
    SqlFailure failure_ = SqlFailure::Other;
};

} // namespace

std::unique_ptr<SqlConnection> OpenSqliteConnection(const std::string& path, std::string* error, bool reader)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
        *error = "cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return nullptr;
    }
    sqlite3_busy_timeout(db, 5000);
    auto c = std::make_unique<SqliteConnection>(db);
    if (!c->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", error)) return nullptr;
    if (reader && !c->Exec("PRAGMA query_only=1", error)) return nullptr;
    return c;
}

} // namespace bondstore

// The PostgreSQL driver of SqlConnection (libpq): text-format parameters and results, READ
// COMMITTED transactions, synchronous_commit on (the server default: an acknowledged commit is
// on disk, or on the standby that the operator configured).
#include "server/store/sql.h"

#include <libpq-fe.h>

#include <cstring>

namespace bondstore {

namespace {

class PostgresConnection final : public SqlConnection {
public:
    explicit PostgresConnection(PGconn* c) : c_(c) {}
    ~PostgresConnection() override { PQfinish(c_); }

    const char* dialect() const override { return "postgresql"; }
    SqlFailure last_failure() const override { return failure_; }

    bool Exec(std::string_view sql, std::string* error) override
    {
        bool begin = sql.rfind("BEGIN", 0) == 0;
        bool end = sql.rfind("COMMIT", 0) == 0 || sql.rfind("ROLLBACK", 0) == 0;
        if (MayWrite(sql)) wrote = true;
        std::string text(sql);
        PGresult* r = PQexec(c_, text.c_str());
        bool ok = Check(r, error);
        PQclear(r);
        // A transaction's first statement may find the connection gone (the database restarted,
        // the network dropped): nothing has happened in it yet, so reconnect and start again.
        if (!ok && begin && Reconnect(nullptr)) {
            if (error) error->clear();
            r = PQexec(c_, text.c_str());
            ok = Check(r, error);
            PQclear(r);
        }
        if (begin) in_transaction_ = ok;
        if (end) in_transaction_ = false;
        return ok;
    }

    std::optional<SqlResult> Query(std::string_view sql, const SqlParams& params, std::string* error) override
    {
        std::string text(sql);
        std::vector<std::string> values(params.size());
        std::vector<const char*> pointers(params.size());
        for (size_t i = 0; i < params.size(); i++) {
            if (params[i].is_null()) { pointers[i] = nullptr; continue; }
            values[i] = params[i].Text();
            pointers[i] = values[i].c_str();
        }
        bool may_write = MayWrite(sql);
        if (may_write) wrote = true;
        PGresult* r = PQexecParams(c_, text.c_str(), int(params.size()), nullptr, pointers.data(), nullptr, nullptr, 0);
        // Outside a transaction, a read that found the connection gone is simply asked again on a
        // new one. (A write is not: whether it happened is unknown, and the caller must know.)
        if (!Check(r, error) && !in_transaction_ && !may_write && Reconnect(nullptr)) {
            PQclear(r);
            if (error) error->clear(); // the first attempt's message is not this one's
            r = PQexecParams(c_, text.c_str(), int(params.size()), nullptr, pointers.data(), nullptr, nullptr, 0);
        }
        if (!Check(r, error)) { PQclear(r); return std::nullopt; }
        SqlResult out;
        int rows = PQntuples(r), cols = PQnfields(r);
        out.rows.reserve(size_t(rows));
        for (int i = 0; i < rows; i++) {
            std::vector<SqlValue> row(static_cast<size_t>(cols));
            for (int c = 0; c < cols; c++)
                if (!PQgetisnull(r, i, c)) row[size_t(c)] = SqlValue(std::string(PQgetvalue(r, i, c), size_t(PQgetlength(r, i, c))));
            out.rows.push_back(std::move(row));
        }
        const char* changed = PQcmdTuples(r);
        out.changed = changed && *changed ? std::strtoll(changed, nullptr, 10) : 0;
        PQclear(r);
        return out;
    }

    bool BeginWrite(std::string* error) override { return Exec("BEGIN", error); }
    bool BeginRead(std::string* error) override { return Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error); }

    std::optional<int64_t> SchemaVersion(std::string* error) override
    {
        if (!Exec("CREATE TABLE IF NOT EXISTS bondstore_schema (version BIGINT NOT NULL); "
                  "INSERT INTO bondstore_schema SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM bondstore_schema)", error))
            return std::nullopt;
        auto r = Query("SELECT version FROM bondstore_schema", {}, error);
        if (!r || r->rows.empty()) return std::nullopt;
        return r->rows[0][0].Int();
    }

    bool SetSchemaVersion(int64_t version, std::string* error) override
    {
        return Query("UPDATE bondstore_schema SET version = $1", {version}, error).has_value();
    }

    // Session settings, applied on every (re)connection.
    bool Configure(std::string* error)
    {
        // Notices (e.g. "relation already exists, skipping") are not for the operator's log.
        PQsetNoticeProcessor(c_, [](void*, const char*) {}, nullptr);
        // No statement runs longer than the limit: a stuck one fails (and its request answers 500)
        // instead of holding a connection and its locks.
        std::string settings = "SET client_encoding = 'UTF8'; SET synchronous_commit = on; SET statement_timeout = " +
                               std::to_string(statement_timeout_ms_);
        PGresult* r = PQexec(c_, settings.c_str());
        bool ok = Check(r, error);
        PQclear(r);
        return ok;
    }

private:
    // True if the connection was lost and is back.
    bool Reconnect(std::string* error)
    {
        if (PQstatus(c_) == CONNECTION_OK) return false;
        in_transaction_ = false;
        PQreset(c_);
        return PQstatus(c_) == CONNECTION_OK && Configure(error);
    }

    bool Check(PGresult* r, std::string* error)
    {
        ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY) return true;
        const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
        std::string code = state ? state : "";
        // 40001 serialization_failure, 40P01 deadlock_detected; class 23: integrity constraints.
        failure_ = code == "40001" || code == "40P01" ? SqlFailure::Retry
                 : code.rfind("23", 0) == 0 ? SqlFailure::Conflict : SqlFailure::Other;
        if (error) *error = r ? PQresultErrorMessage(r) : PQerrorMessage(c_);
        while (error && !error->empty() && (error->back() == '\n' || error->back() == ' ')) error->pop_back();
        return false;
    }

    PGconn* c_;
public:
    int statement_timeout_ms_ = 30000;
private:
    SqlFailure failure_ = SqlFailure::Other;
    bool in_transaction_ = false;
};

} // namespace

std::unique_ptr<SqlConnection> OpenPostgresConnection(const std::string& conninfo, std::string* error, int statement_timeout_ms)
{
    PGconn* c = PQconnectdb(conninfo.c_str());
    if (!c || PQstatus(c) != CONNECTION_OK) {
        *error = "cannot connect to PostgreSQL: " + std::string(c ? PQerrorMessage(c) : "out of memory");
        while (!error->empty() && error->back() == '\n') error->pop_back();
        PQfinish(c);
        return nullptr;
    }
    auto conn = std::make_unique<PostgresConnection>(c);
    conn->statement_timeout_ms_ = statement_timeout_ms;
    if (!conn->Configure(error)) return nullptr;
    return conn;
}

} // namespace bondstore

#include "server/store/payment_data_store.h"

#include "server/store/migrations.h"

namespace bondstore {

const std::vector<Migration>& PaymentDataMigrations()
{
    static const std::vector<Migration> parts = {
        {14, R"sql(
        -- Customs' asks for raw payment data (announcement 179), until uploaded.
        CREATE TABLE payment_data_asks (
            session_id      TEXT PRIMARY KEY,
            order_no        TEXT NOT NULL REFERENCES orders(order_no),
            service_time_ms BIGINT NOT NULL,   -- customs' serviceTime in its ask
            asked_at        BIGINT NOT NULL,
            state           TEXT NOT NULL,     -- due, uploaded, refused
            attempts        BIGINT NOT NULL DEFAULT 0,
            next_at         BIGINT NOT NULL,   -- when to try (again): pushed ahead while a worker holds it
            answer          TEXT NOT NULL DEFAULT '',
            updated_at      BIGINT NOT NULL
        );
        CREATE INDEX payment_data_asks_due ON payment_data_asks(state, next_at);
        )sql"},
    };
    return parts;
}

namespace {

const char* kColumns = "session_id, order_no, service_time_ms, asked_at, state, attempts, next_at, answer";

PaymentDataStore::Row RowOf(const std::vector<SqlValue>& r)
{
    PaymentDataStore::Row row;
    row.session_id = r[0].Text();
    row.order_no = r[1].Text();
    row.service_time_ms = r[2].Int();
    row.asked_at = r[3].Int();
    row.state = r[4].Text();
    row.attempts = r[5].Int();
    row.next_at = r[6].Int();
    row.answer = r[7].Text();
    return row;
}

} // namespace

std::optional<bool> PaymentDataStore::Ask(const std::string& session_id, const std::string& order_no, int64_t service_time_ms, int64_t now,
                                          std::string* error)
{
    bool fresh = false;
    bool ok = db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            auto r = db.Query("INSERT INTO payment_data_asks(session_id, order_no, service_time_ms, asked_at, state, next_at, updated_at) "
                              "VALUES ($1, $2, $3, $4, 'due', $4, $4) ON CONFLICT (session_id) DO NOTHING RETURNING session_id",
                              {session_id, order_no, service_time_ms, now}, e);
            if (!r) return false;
            fresh = !r->rows.empty();
            return true;
        },
        error);
    if (!ok) return std::nullopt;
    return fresh;
}

std::optional<std::vector<PaymentDataStore::Row>> PaymentDataStore::Claim(int64_t now, int64_t lease, int limit, std::string* error)
{
    std::vector<Row> out;
    bool ok = db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            out.clear();
            auto r = db.Query(std::string("SELECT ") + kColumns +
                                  " FROM payment_data_asks WHERE state = 'due' AND next_at <= $1 ORDER BY next_at LIMIT $2",
                              {now, int64_t(limit)}, e);
            if (!r) return false;
            for (const auto& row : r->rows) {
                // Taken only if no other worker took it meanwhile (next_at still as read).
                auto took = db.Query("UPDATE payment_data_asks SET next_at = $2, attempts = attempts + 1, updated_at = $3 "
                                     "WHERE session_id = $1 AND state = 'due' AND next_at = $4 RETURNING session_id",
                                     {row[0].Text(), now + lease, now, row[6].Int()}, e);
                if (!took) return false;
                if (took->rows.empty()) continue;
                out.push_back(RowOf(row));
                out.back().attempts++;
            }
            return true;
        },
        error);
    if (!ok) return std::nullopt;
    return out;
}

bool PaymentDataStore::Finish(const std::string& session_id, const std::string& state, const std::string& answer, int64_t next_at, int64_t now,
                              std::string* error)
{
    return db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            return db.Query("UPDATE payment_data_asks SET state = $2, answer = $3, next_at = $4, updated_at = $5 WHERE session_id = $1",
                            {session_id, state, answer, next_at, now}, e)
                .has_value();
        },
        error);
}

std::optional<std::vector<PaymentDataStore::Row>> PaymentDataStore::List(int limit, std::string* error)
{
    auto c = db_.readers().Acquire();
    auto r = c->Query(std::string("SELECT ") + kColumns + " FROM payment_data_asks ORDER BY asked_at DESC, session_id LIMIT $1", {int64_t(limit)},
                      error);
    if (!r) return std::nullopt;
    std::vector<Row> out;
    for (const auto& row : r->rows) out.push_back(RowOf(row));
    return out;
}

} // namespace bondstore

#include "server/store/merchant_store.h"

#include "server/base/china_time.h"
#include "server/store/migrations.h"

namespace bondstore {

const std::vector<Migration>& MerchantMigrations()
{
    static const std::vector<Migration> parts = {
        {2, R"sql(
        CREATE TABLE merchants (
            id         TEXT PRIMARY KEY,
            created_at TEXT NOT NULL
        );
        INSERT INTO merchants(id, created_at) SELECT DISTINCT merchant, '2026-11-26T00:00:00Z' FROM products;
        CREATE TABLE merchant_tokens (
            hash       TEXT PRIMARY KEY,          -- SHA-256 of the token, hex; the token itself is never stored
            merchant   TEXT NOT NULL REFERENCES merchants(id),
            label      TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            revoked_at TEXT
        );
        )sql"},
    };
    return parts;
}

bool AddMerchant(SqlConnection& db, const std::string& merchant, std::string* error)
{
    return db.Query("INSERT INTO merchants(id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", {merchant, IsoUtc(UnixNow())}, error)
        .has_value();
}

bool MerchantStore::AddToken(const std::string& merchant, const std::string& hash, const std::string& label, std::string* error)
{
    std::string now = IsoUtc(UnixNow());
    return db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        return AddMerchant(db, merchant, e) &&
               db.Query("INSERT INTO merchant_tokens(hash, merchant, label, created_at) VALUES ($1, $2, $3, $4)",
                        {hash, merchant, label, now}, e);
    }, error);
}

std::string MerchantStore::MerchantForToken(const std::string& hash, std::string* error)
{
    auto c = db_.readers().Acquire();
    auto r = c->Query("SELECT merchant FROM merchant_tokens WHERE hash = $1 AND revoked_at IS NULL", {hash}, error);
    return r && !r->rows.empty() ? r->rows[0][0].Text() : std::string();
}

std::optional<std::vector<MerchantStore::TokenInfo>> MerchantStore::ListTokens(std::string* error)
{
    auto c = db_.readers().Acquire();
    auto r = c->Query("SELECT merchant, label, substr(hash, 1, 12), created_at, "
                      "CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END FROM merchant_tokens ORDER BY created_at, merchant",
                      {}, error);
    if (!r) return std::nullopt;
    std::vector<TokenInfo> out;
    for (const auto& row : r->rows) out.push_back({row[0].Text(), row[1].Text(), row[2].Text(), row[3].Text(), row[4].Int() != 0});
    return out;
}

bool MerchantStore::RevokeToken(const std::string& prefix, std::string* error)
{
    if (prefix.size() < 8) { *error = "give at least 8 hex digits of the token's hash"; return false; }
    std::string now = IsoUtc(UnixNow());
    std::string why;
    bool ok = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        auto count = db.Query("SELECT count(*) FROM merchant_tokens WHERE substr(hash, 1, $2) = $1 AND revoked_at IS NULL",
                              {prefix, int64_t(prefix.size())}, e);
        if (!count) return false;
        int64_t n = count->rows[0][0].Int();
        if (n != 1) {
            why = n == 0 ? "no active token starts with " + prefix : "more than one token starts with " + prefix;
            return false;
        }
        return db.Query("UPDATE merchant_tokens SET revoked_at = $3 WHERE substr(hash, 1, $2) = $1 AND revoked_at IS NULL",
                        {prefix, int64_t(prefix.size()), now}, e)
            .has_value();
    }, error);
    if (!why.empty()) *error = why;
    return ok;
}

} // namespace bondstore

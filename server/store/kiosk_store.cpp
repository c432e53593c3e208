#include "server/store/kiosk_store.h"

#include "server/store/migrations.h"

namespace bondstore {

const std::vector<Migration>& KioskMigrations()
{
    static const std::vector<Migration> parts = {
        {8, R"sql(
        CREATE TABLE kiosks (
            id              TEXT PRIMARY KEY,      -- the operator's name for it ("jfb-1")
            name            TEXT NOT NULL,
            code_hash       TEXT,                  -- SHA-256 of its one-time enrollment code (NULL once used)
            code_expires_at BIGINT,
            token_hash      TEXT UNIQUE,           -- SHA-256 of its token (NULL until it enrolls)
            created_at      BIGINT NOT NULL,
            enrolled_at     BIGINT,
            revoked_at      BIGINT
        );
        )sql"},
        {15, R"sql(
        ALTER TABLE kiosks ADD COLUMN store TEXT NOT NULL DEFAULT '';  -- its experience store ("" for none)
        ALTER TABLE kiosks ADD COLUMN last_seen_at BIGINT;              -- its last contact (a minute's precision)
        )sql"},
    };
    return parts;
}

bool KioskStore::AddKiosk(const std::string& id, const std::string& name, const std::string& store, const std::string& code_hash,
                          int64_t now, std::string* error)
{
    return db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        return db.Query("INSERT INTO kiosks(id, name, store, code_hash, code_expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
                        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, store = excluded.store, code_hash = excluded.code_hash, "
                        "code_expires_at = excluded.code_expires_at, token_hash = NULL, enrolled_at = NULL, revoked_at = NULL",
                        {id, name, store, code_hash, now + kCodeSeconds, now}, e)
            .has_value();
    }, error);
}

std::optional<KioskStore::Kiosk> KioskStore::Enroll(const std::string& code_hash, const std::string& token_hash, int64_t now,
                                                    std::string* error)
{
    Kiosk kiosk;
    bool ok = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        auto r = db.Query("UPDATE kiosks SET token_hash = $2, enrolled_at = $3, last_seen_at = $3, code_hash = NULL, "
                          "code_expires_at = NULL WHERE code_hash = $1 AND code_expires_at >= $3 AND revoked_at IS NULL "
                          "RETURNING id, store",
                          {code_hash, token_hash, now}, e);
        if (!r) return false;
        if (!r->rows.empty()) kiosk = {r->rows[0][0].Text(), r->rows[0][1].Text()};
        return true;
    }, error);
    if (!ok) return std::nullopt;
    return kiosk;
}

std::optional<KioskStore::Kiosk> KioskStore::KioskForToken(const std::string& token_hash, int64_t now, std::string* error)
{
    Kiosk kiosk;
    int64_t seen = 0;
    {
        auto c = db_.readers().Acquire();
        auto r = c->Query("SELECT id, store, coalesce(last_seen_at, 0) FROM kiosks WHERE token_hash = $1 AND revoked_at IS NULL",
                          {token_hash}, error);
        if (!r) return std::nullopt;
        if (r->rows.empty()) return kiosk;
        kiosk = {r->rows[0][0].Text(), r->rows[0][1].Text()};
        seen = r->rows[0][2].Int();
    }
    // Its contact, for the operator (a write at most once a minute per kiosk, not per request).
    if (now - seen >= kSeenSeconds) {
        std::string ignored; // (a contact not recorded does not refuse the kiosk)
        db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
            return db.Query("UPDATE kiosks SET last_seen_at = $2 WHERE id = $1 AND coalesce(last_seen_at, 0) < $2", {kiosk.id, now}, e)
                .has_value();
        }, &ignored);
    }
    return kiosk;
}

bool KioskStore::Revoke(const std::string& id, int64_t now, std::string* error)
{
    bool found = false;
    bool ok = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        auto r = db.Query("UPDATE kiosks SET revoked_at = $2, code_hash = NULL WHERE id = $1 AND revoked_at IS NULL", {id, now}, e);
        if (r) found = r->changed == 1;
        return r.has_value();
    }, error);
    if (ok && !found) *error = "no kiosk '" + id + "' that is not revoked";
    return ok && found;
}

std::optional<std::vector<KioskStore::KioskInfo>> KioskStore::ListKiosks(std::string* error)
{
    auto c = db_.readers().Acquire();
    auto r = c->Query("SELECT id, name, store, created_at, coalesce(enrolled_at, 0), coalesce(revoked_at, 0), coalesce(last_seen_at, 0) "
                      "FROM kiosks ORDER BY id",
                      {}, error);
    if (!r) return std::nullopt;
    std::vector<KioskInfo> out;
    for (const auto& row : r->rows)
        out.push_back({row[0].Text(), row[1].Text(), row[2].Text(), row[3].Int(), row[4].Int(), row[5].Int(), row[6].Int()});
    return out;
}

const char* KioskStore::State(const KioskInfo& k) { return k.revoked_at ? "revoked" : k.enrolled_at ? "enrolled" : "waiting"; }

} // namespace bondstore


// Backup: an online copy of a SQLite store, taken while the server takes orders, and the copy put
// back (docs/operations.md#backups). PostgreSQL stores are backed up with PostgreSQL's own
// pg_dump/pg_restore, as documented there.
//
// The copy is SQLite's `VACUUM INTO`: written from one read transaction, so it is the store as
// it was at one moment — every order acknowledged before the backup began is in it, whole, and no
// half of a later one — while the server's writer goes on (WAL: readers and the writer do not
// wait for each other). It is checked (integrity_check, and that it is a Bondstore store) before
// it is given its name; a restore checks it again and refuses to overwrite a store.
//
// Neither holds the data key: a backup is the sealed personal data without its key. The key is
// backed up apart (docs/security.md), and a server started on a restored store with another key
// refuses to start (Database::BindDataKey).
#pragma once

#include "server/store/database.h"

#include <cstdint>
#include <string>

namespace bondstore {

struct BackupFacts {
    int64_t bytes = 0;
    int64_t orders = 0;
    int64_t schema_version = 0;
    std::string data_key_fingerprint; // of the key its personal data is sealed under ("" = none yet)
};

// Writes the copy of `db` (a SQLite store) to `out` (which must not exist). False, with a
// sentence, for PostgreSQL or on any failure (then nothing is left at `out`).
bool BackUpSqlite(Database& db, const std::string& out, BackupFacts* facts, std::string* error);

// What a backup file holds, after SQLite's integrity check; false if it is not a sound Bondstore store.
bool CheckSqliteBackup(const std::string& file, BackupFacts* facts, std::string* error);

// Puts the backup `file` in place as the SQLite store of `data_dir`, which must have none.
bool RestoreSqlite(const std::string& file, const std::string& data_dir, BackupFacts* facts, std::string* error);

} // namespace bondstore

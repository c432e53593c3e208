// The commands of bondstore-admin, one file per concern (admin_main.cpp prints the usage and
// dispatches). Each takes the arguments after its name and returns the process's exit code: 0 done,
// 1 failed (a message on stderr), 2 bad usage, 3 as the command's usage says.
#pragma once


#include <memory>
#include <string>
#include <vector>

namespace bondstore::admin {

using Args = std::vector<std::string>;

int CatalogCheck(const Args& args);  // admin_catalog.cpp
int CatalogFixupCommand(const Args& args); // admin_catalog.cpp ("catalog fixup")
int Quote(const Args& args);         // admin_catalog.cpp
int Tokens(const Args& args);        // admin_merchants.cpp
int Kiosks(const Args& args);        // admin_kiosks.cpp
int ExperienceStoreAdmin(const Args& args); // admin_stores.cpp ("stores")
int Import(const Args& args);        // admin_merchants.cpp
int Export(const Args& args);        // admin_merchants.cpp
int I18n(const Args& args);          // admin_i18n.cpp
int Ceb(const Args& args);           // admin_customs.cpp
int TaxBills(const Args& args);      // admin_customs.cpp
int Stats(const Args& args);         // admin_stats.cpp
int Backup(const Args& args);        // admin_backup.cpp
int Restore(const Args& args);       // admin_backup.cpp

// The usage text (admin_main.cpp), printed on bad usage.
void PrintUsage();

// The server's data directory as bondstore-server finds it: $BONDSTORE_DATA_DIR, else ./bondstore-data.
std::string DefaultDataDir();
// $BONDSTORE_DATABASE, or "" (SQLite).
std::string DefaultDatabase();

} // namespace bondstore::admin

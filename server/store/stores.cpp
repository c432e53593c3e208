#include "server/store/stores.h"

namespace bondstore {

std::unique_ptr<Stores> OpenStores(const std::string& data_dir, const std::string& database_url, const DatabaseOptions& options,
                                   std::string* error)
{
    std::unique_ptr<Database> db =
        database_url.empty() ? OpenSqliteDatabase(data_dir, options, error) : OpenPostgresDatabase(database_url, options, error);
    if (!db) return nullptr;
    return std::make_unique<Stores>(std::move(db));
}

} // namespace bondstore

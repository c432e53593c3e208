// MetricsStore: what the database holds that an operator graphs (operations/metrics.h), read when
// /metrics is scraped: a handful of grouped counts over indexed or small tables, the same from
// every server that shares the database.
#pragma once

#include "server/operations/metrics.h"
#include "server/store/database.h"

#include <optional>
#include <string>

namespace bondstore {

class MetricsStore {
public:
    explicit MetricsStore(Database& db) : db_(db) {}
    // `now` (unix seconds) for the age of the relay's oldest message.
    std::optional<StoreFigures> Figures(int64_t now, std::string* error);

private:
    Database& db_;
};

} // namespace bondstore

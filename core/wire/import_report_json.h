// What a merchant's upload did, as JSON.
// Part of core's wire format (core/wire/README.md).
#pragma once

#include "core/base/problem.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

class Messages;

// What a catalog or stock upload did (or, in a dry run, would do), with every problem found.
struct ImportReport {
    std::string kind = "catalog";   // "catalog" or "stock"
    std::string format, dialect;
    bool dry_run = false;
    bool partial = false;           // the merchant asked for the valid rows even if others fail
    bool applied = false;           // the store was changed
    int64_t rows = 0, valid = 0, rejected = 0;
    int64_t created = 0, updated = 0, unchanged = 0;
    int64_t catalog_version = 0;
    std::vector<Problem> problems;
};

std::string ImportReportToJson(const ImportReport& report, const Messages* messages);
// For clients (bondstore-admin import): false if `json` is not a report.
bool ParseImportReportJson(std::string_view json, ImportReport* report, std::vector<std::string>* messages);

// `bondstore-admin catalog check --json`: {"ok","products","problems":[…]} for a catalog file.
struct CatalogParse;
std::string CatalogCheckToJson(const CatalogParse& parsed, const Messages* messages);

} // namespace bondstore

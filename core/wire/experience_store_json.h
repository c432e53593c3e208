// Experience stores (core/storefront/experience_store.h): the operator's store file and
// GET /api/stores. Part of core's wire format (core/wire/README.md).
//
//   store file: {"id": "jiefangbei", "name": {"zh-Hans": "解放碑体验店", "en": "Jiefangbei Experience Store", …},
//                "address": "重庆市渝中区民族路 188 号", "district": "500103", "hours": "10:00-22:00"}
//   GET /api/stores: {"stores": [{…a store…, "samples": [{"sku": "IF-APT-PF3-800", "count": 2}, …]}, …]}
#pragma once

#include "core/base/problem.h"
#include "core/storefront/experience_store.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct ExperienceStoreParse {
    ExperienceStore store;
    std::vector<Problem> problems; // the file's shape, then CheckExperienceStore's
    bool ok() const { return !HasErrors(problems); }
};
// Reads a store file and checks it against the bundled locales' tags (`locales`).
ExperienceStoreParse ParseExperienceStoreJson(std::string_view json, const std::vector<std::string>& locales);
std::string ExperienceStoreToJson(const ExperienceStore& store);

// The stores and what each has on display.
struct StoreDirectory {
    std::vector<ExperienceStore> stores;
    std::vector<DisplaySample> samples;
};
std::string StoreDirectoryToJson(const StoreDirectory& directory);
std::optional<StoreDirectory> ParseStoreDirectoryJson(std::string_view json);

} // namespace bondstore

// The customs configuration file (docs/single-window.md) as JSON. Part of core's wire format
// (core/wire/README.md).
#pragma once

#include "core/customs/customs_config.h"

#include <string>
#include <string_view>

namespace bondstore {

// The configuration from JSON, checked against the schema's lengths and the code formats. For
// the operator, at start-up: `error` names the field ("inventory.customs_code must be 4 digits").
struct CustomsConfigParse {
    CustomsConfig config;
    std::string error;
    bool ok() const { return error.empty(); }
};
CustomsConfigParse ParseCustomsConfigJson(std::string_view json);

} // namespace bondstore

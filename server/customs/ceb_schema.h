// CebSchema: the official CEB import schema (202205), loaded once, against which every message
// Bondstore generates is validated before it is sent (libxml2). The XSD files are customs' own
// and are not part of this repository: the server reads them from a configured directory
// (../shared/customs/xsd/v202205 in development).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

class CebSchema {
public:
    // `xsd_file`: ceb_import_202205.xsd (it imports xmldsig-core-schema.xsd beside it).
    static std::unique_ptr<CebSchema> Load(const std::string& xsd_file, std::string* error);
    ~CebSchema();

    // Every error the schema finds ("line 12: Element '{…}appTime': [facet 'length'] …"); empty
    // when the message is valid. Safe to call from several threads at once.
    std::vector<std::string> Validate(std::string_view xml) const;

private:
    CebSchema() = default;
    struct Impl;
    Impl* impl_ = nullptr;
};

} // namespace bondstore

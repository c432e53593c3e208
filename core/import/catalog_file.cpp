#include "core/import/catalog_file.h"

#include <algorithm>

namespace bondstore {

const char* FormatName(CatalogFormat f)
{
    switch (f) {
    case CatalogFormat::NativeJson: return "json";
    case CatalogFormat::ShopifyCsv: return "shopify";
    case CatalogFormat::GoogleTsv: return "google-tsv";
    case CatalogFormat::GoogleXml: return "google-xml";
    case CatalogFormat::Unknown: break;
    }
    return "unknown";
}

CatalogFormat ParseFormatName(std::string_view name)
{
    for (CatalogFormat f : {CatalogFormat::NativeJson, CatalogFormat::ShopifyCsv, CatalogFormat::GoogleTsv, CatalogFormat::GoogleXml})
        if (name == FormatName(f)) return f;
    return CatalogFormat::Unknown;
}

CatalogFormat DetectCatalogFormat(std::string_view head, std::string_view filename)
{
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    size_t start = head.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) {
        std::string ext = AsciiLower(filename.substr(std::min(filename.size(), filename.rfind('.') + 1)));
        if (ext == "json") return CatalogFormat::NativeJson;
        if (ext == "xml") return CatalogFormat::GoogleXml;
        if (ext == "tsv" || ext == "txt") return CatalogFormat::GoogleTsv;
        if (ext == "csv") return CatalogFormat::ShopifyCsv;
        return CatalogFormat::Unknown;
    }
    head.remove_prefix(start);
    if (head[0] == '{') return CatalogFormat::NativeJson;
    if (head[0] == '<') return CatalogFormat::GoogleXml;
    std::string first_line = AsciiLower(head.substr(0, head.find_first_of("\r\n")));
    if (first_line.find('\t') != std::string::npos && first_line.find("price") != std::string::npos)
        return CatalogFormat::GoogleTsv;
    if (first_line.find("handle") != std::string::npos || first_line.find("variant sku") != std::string::npos ||
        first_line.find("variant price") != std::string::npos)
        return CatalogFormat::ShopifyCsv;
    return CatalogFormat::Unknown;
}

} // namespace bondstore

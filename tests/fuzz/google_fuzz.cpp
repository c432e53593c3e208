// libFuzzer target: Google Merchant feeds, the TSV form and the XML form (the first byte chooses),
// including the XML reader itself.
#include "tests/fuzz/fuzz_tax_table.h"

#include "core/formats/xml_reader.h"
#include "core/import/catalog_import.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0) return 0;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    bondstore::ImportOptions options;
    options.merchant = "fuzz";
    options.tax_table = &bondstore::fuzz::TaxTable();
    options.date = {2025, 6, 1};
    options.csv.max_field_bytes = 4096;
    bool xml = data[0] & 1;
    bondstore::CatalogImport r =
        bondstore::ImportCatalog(text, xml ? bondstore::CatalogFormat::GoogleXml : bondstore::CatalogFormat::GoogleTsv, options);
    for (const bondstore::ImportedProduct& p : r.products)
        if (p.product.sku.empty() || p.product.price.fen <= 0) std::abort();
    if (xml) { // the reader alone must always end, with End or Error
        bondstore::XmlReader reader(text);
        for (int guard = 0; guard < 1000000; guard++) {
            auto e = reader.Next();
            if (e == bondstore::XmlReader::Event::End || e == bondstore::XmlReader::Event::Error) return 0;
        }
        std::abort();
    }
    return 0;
}

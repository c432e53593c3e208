// libFuzzer target: Google Merchant feeds, the TSV form and the XML form (the first byte chooses),
// including the XML reader itself; and the fix-up file made from the same bytes (catalog_fixup.h):
// a TSV feed keeps every record, an XML feed every byte outside the attributes it adds, and both
// are read back by the importer.
#include "tests/fuzz/fuzz_tax_table.h"

#include "core/formats/csv.h"
#include "core/formats/xml_reader.h"
#include "core/import/catalog_fixup.h"
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

    static const bondstore::HsKeywordTable keywords = {{{"0409", "0409000000", {{"en", {"honey"}}, {"zh-Hans", {"蜂蜜"}}}}}};
    static const bondstore::HsSuggester hs(keywords);
    static const bondstore::OriginSuggester origin;
    bondstore::CatalogFixup fixup = xml ? bondstore::FixUpGoogleXml(text, hs, origin) : bondstore::FixUpGoogleTsv(text, hs, origin);
    if (fixup.ok()) {
        if (xml) {
            // Only insertions: the feed is the fix-up file with the added elements taken out, so
            // it is at least as long and every item end is inside the original.
            if (fixup.file.size() < text.size() || fixup.item_ends.size() != fixup.rows.size()) std::abort();
            for (size_t end : fixup.item_ends)
                if (end > text.size()) std::abort();
            size_t head = fixup.item_ends.front(), tail = text.size() - fixup.item_ends.back();
            if (fixup.file.compare(0, head, text.substr(0, head)) != 0 ||
                fixup.file.compare(fixup.file.size() - tail, tail, text.substr(text.size() - tail)) != 0)
                std::abort();
        } else {
            int64_t in = 0, out = 0;
            bondstore::CsvReader a('\t'), b('\t');
            auto count_in = [&](const bondstore::CsvRecord&) { in++; return true; };
            auto count_out = [&](const bondstore::CsvRecord&) { out++; return true; };
            a.Feed(text, count_in);
            a.Finish(count_in);
            b.Feed(fixup.file, count_out);
            b.Finish(count_out);
            if (in != out || b.failed()) std::abort();
        }
        bondstore::ImportCatalog(bondstore::ReviewedFixupFile(fixup, fixup.rows),
                                 xml ? bondstore::CatalogFormat::GoogleXml : bondstore::CatalogFormat::GoogleTsv, options);
    }
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

#include "core/import/catalog_import.h"

#include "core/import/import_common.h"

namespace bondstore {

using namespace import;

struct CatalogImporter::Impl {
    ImportOptions options;
    CatalogImport result;
    Sink sink{options, result};
    std::unique_ptr<FormatReader> reader;
    bool too_large = false;
};

CatalogImporter::CatalogImporter(CatalogFormat format, ImportOptions options) : impl_(std::make_unique<Impl>())
{
    impl_->options = std::move(options);
    impl_->result.format = format;
    switch (format) {
    case CatalogFormat::NativeJson: impl_->reader = MakeJsonReader(impl_->sink); break;
    case CatalogFormat::ShopifyCsv: impl_->reader = MakeShopifyReader(impl_->sink); break;
    case CatalogFormat::GoogleTsv: impl_->reader = MakeGoogleTsvReader(impl_->sink); break;
    case CatalogFormat::GoogleXml: impl_->reader = MakeGoogleXmlReader(impl_->sink); break;
    case CatalogFormat::Unknown: impl_->sink.Fatal("import.format_unknown", -1); break;
    }
}

CatalogImporter::~CatalogImporter() = default;

void CatalogImporter::Feed(std::string_view chunk)
{
    bytes_ += chunk.size();
    if (!impl_->reader || impl_->too_large || impl_->result.fatal) return;
    if (bytes_ > impl_->options.max_file_bytes) {
        impl_->too_large = true;
        impl_->sink.Fatal("import.file_too_large", -1, {}, std::to_string(impl_->options.max_file_bytes));
        return;
    }
    impl_->reader->Feed(chunk);
}

int64_t CatalogImporter::rows() const { return impl_->reader ? impl_->reader->rows() : 0; }

CatalogImport CatalogImporter::Finish()
{
    if (bytes_ == 0 && !impl_->result.fatal) impl_->sink.Fatal("import.empty_file", -1);
    if (impl_->reader && !impl_->too_large && !impl_->result.fatal) impl_->reader->Finish();
    if (impl_->reader) impl_->result.rows = impl_->reader->rows();
    if (impl_->result.fatal) {
        // Nothing from an unusable file is imported.
        impl_->result.rejected += int64_t(impl_->result.products.size());
        impl_->result.products.clear();
    }
    impl_->sink.Close();
    return std::move(impl_->result);
}

CatalogImport ImportCatalog(std::string_view bytes, CatalogFormat format, const ImportOptions& options)
{
    CatalogImporter importer(format, options);
    // Fed in pieces, as a file arriving over the network would be.
    constexpr size_t kChunk = 1 << 16;
    for (size_t at = 0; at < bytes.size(); at += kChunk) importer.Feed(bytes.substr(at, kChunk));
    return importer.Finish();
}

} // namespace bondstore

#include "tests/core/parity.h"

#include "core/decimal.h"
#include "core/i18n.h"
#include "core/i18n_bundle.h"
#include "core/money.h"
#include "core/wire.h"

#include <cstdio>

namespace bondstore {
std::string_view EmbeddedTestAsset(std::string_view key); // tests/CMakeLists.txt
}

namespace bondstore::test {

std::string Digest::Hex() const
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::string_view EmbeddedTestAssetView(std::string_view name) { return EmbeddedTestAsset(name); }

std::string ParityDigest()
{
    Digest d;
    Rng rng{2016};
    d.Add(IcuVersion());

    // Money and prices in every bundled locale.
    std::vector<PriceFormatter> formatters;
    for (const LocaleInfo& l : BundledLocales()) formatters.emplace_back(l.tag);
    for (int i = 0; i < 2000; i++) {
        Money m{rng.Between(-kMaxFen, kMaxFen) / (1 + int64_t(rng.Next() % 1000000))};
        d.Add(FormatYuan(m));
        d.Add(formatters[size_t(i) % formatters.size()].Format(m));
        MoneyParse back = ParseYuan(FormatYuan(m), true);
        d.Add(back.ok() ? FormatYuan(back.value) : back.error);
    }
    // Decimals.
    for (int i = 0; i < 2000; i++) {
        Decimal x{rng.Between(-1'000'000'000, 1'000'000'000), int(rng.Next() % 10)};
        d.Add(FormatDecimal(x));
    }
    // Messages with plurals in every locale.
    for (const LocaleInfo& l : BundledLocales()) {
        Messages m = LoadBundledMessages(l.tag);
        for (int64_t n : {0, 1, 2, 5, 21, 1000, 123456})
            d.Add(m.Format("browse.count", {{"count", n}}));
    }
    // The sample catalog, parsed and written back.
    CatalogParse parsed = ParseCatalogJson(EmbeddedTestAssetView("sample_catalog"));
    d.Add(CatalogToJson(parsed.catalog, true));
    return d.Hex();
}

} // namespace bondstore::test

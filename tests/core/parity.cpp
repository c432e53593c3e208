#include "tests/core/parity.h"

#include "core/base/decimal.h"
#include "core/base/money.h"
#include "core/cart/cart.h"
#include "core/i18n/i18n.h"
#include "core/i18n/i18n_bundle.h"
#include "core/orders/order.h"
#include "core/orders/resident_id.h"
#include "core/wire/catalog_json.h"
#include "core/wire/order_json.h"
#include "core/wire/tax_json.h"

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

std::string ParityDigest(FILE* dump)
{
    Digest d;
    d.dump = dump;
    Rng rng{2016};
    d.Add(IcuVersion());

    // Money and prices in every bundled locale.
    std::vector<PriceFormatter> formatters;
    for (const LocaleInfo& l : BundledLocales()) formatters.emplace_back(l.tag);
    for (int i = 0; i < 2000; i++) {
        // One generator call per statement: C++ leaves the order of operands unspecified, and
        // GCC and Clang pick differently.
        int64_t magnitude = rng.Between(-kMaxFen, kMaxFen);
        int64_t divisor = 1 + int64_t(rng.Next() % 1000000);
        Money m{magnitude / divisor};
        d.Add(FormatYuan(m));
        d.Add(formatters[size_t(i) % formatters.size()].Format(m));
        MoneyParse back = ParseYuan(FormatYuan(m), true);
        d.Add(back.ok() ? FormatYuan(back.value) : back.error);
    }
    // Decimals.
    for (int i = 0; i < 2000; i++) {
        int64_t units = rng.Between(-1'000'000'000, 1'000'000'000);
        Decimal x{units, int(rng.Next() % 10)};
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

    // 10,000 random tax quotes over the sample catalog, every date since the regime began.
    TaxTableParse table = ParseTaxTableJson(EmbeddedTestAssetView("tax_table"));
    d.Add(std::to_string(table.problems.size()));
    const std::vector<Product>& products = parsed.catalog.products;
    CalendarDate start;
    ParseIsoDate("2016-04-08", &start);
    for (int i = 0; i < 10000; i++) {
        QuoteRequest r;
        r.date = FromDaysSinceEpoch(DaysSinceEpoch(start) + long(rng.Between(0, 3900)));
        r.freight = Money{rng.Between(0, 5000)};
        r.insurance = Money{rng.Between(0, 2) == 0 ? rng.Between(0, 800) : 0};
        r.annual_used = Money{rng.Between(0, 3) == 0 ? rng.Between(0, 2600000) : 0};
        int lines = int(rng.Between(1, 5));
        for (int k = 0; k < lines; k++) {
            const Product& p = products[size_t(rng.Between(0, int64_t(products.size()) - 1))];
            QuoteLine l = QuoteLineFor(p, rng.Between(1, 3));
            if (rng.Between(0, 2) == 0) l.price = Money{rng.Between(1, 700000)};
            r.lines.push_back(l);
        }
        d.Add(TaxQuoteToJson(Quote(r, table.table)));
    }

    // ID numbers with random digits (most fail the check character, about 1 in 11 passes) and
    // whole order requests: the web app refuses exactly what the server refuses.
    CalendarDate today{2026, 11, 26};
    for (int i = 0; i < 3000; i++) {
        std::string id = "1101051949123100";
        for (int k = 0; k < 2; k++) id += char('0' + rng.Between(0, 9));
        if (rng.Between(0, 3) == 0) id[size_t(rng.Between(6, 13))] = char('0' + rng.Between(0, 9));
        ResidentIdCheck c = CheckResidentId(id, today);
        d.Add(c.ok() ? c.normalized + MaskResidentId(c.normalized) : c.error);
        OrderRequest r;
        r.lines = {{"S" + std::to_string(rng.Between(0, 3)), rng.Between(-1, 1000)}, {"S2", 1}};
        r.buyer = {rng.Between(0, 5) == 0 ? "" : "张三", id, "1" + std::to_string(rng.Between(2000000000, 9999999999))};
        r.consignee = {"李四", "13800138000", "渝北区", std::to_string(rng.Between(100000, 999999))};
        r.freight = Money{rng.Between(-10, 1000)};
        r.expected_total = Money{rng.Between(0, 100000)};
        for (const Problem& p : ValidateOrderRequest(r, today)) d.Add(p.code + p.field + p.value);
        d.Add(OrderRequestToJson(r));
    }
    return d.Hex();
}

} // namespace bondstore::test

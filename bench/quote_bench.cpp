// Tax quotes per second: the same program natively and as WebAssembly under node, so the two
// figures can be printed side by side (bench/run.sh quote).
//
// Carts are drawn at random from the sample catalog (1–5 lines, random dates since 2016, freight,
// annual usage) before timing starts; the timed loop runs core's Quote() only, then separately
// Quote() plus the TaxQuote JSON the server sends.
#include "core/cart/cart.h"
#include "core/tax/tax.h"
#include "core/wire/catalog_json.h"
#include "core/wire/tax_json.h"
#include "tests/core/parity.h" // the same deterministic generator as the parity digest

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

namespace bondstore {
std::string_view EmbeddedBenchAsset(std::string_view key);
}

using namespace bondstore;

namespace {


double Seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

} // namespace

int main(int argc, char** argv)
{
    const char* label = argc > 1 ? argv[1] : "native";
    CatalogParse catalog = ParseCatalogJson(EmbeddedBenchAsset("sample_catalog"));
    TaxTableParse table = ParseTaxTableJson(EmbeddedBenchAsset("tax_table"));
    if (!catalog.ok() || !table.ok()) { std::fprintf(stderr, "bench assets do not parse\n"); return 1; }

    test::Rng rng{7};
    std::vector<QuoteRequest> requests(4096);
    CalendarDate start{2016, 4, 8};
    for (QuoteRequest& r : requests) {
        r.date = FromDaysSinceEpoch(DaysSinceEpoch(start) + long(rng.Between(0, 3900)));
        r.freight = Money{rng.Between(0, 2000)};
        r.annual_used = Money{rng.Between(0, 3) == 0 ? rng.Between(0, 2000000) : 0};
        int64_t lines = rng.Between(1, 5);
        for (int64_t k = 0; k < lines; k++) {
            const Product& p = catalog.catalog.products[size_t(rng.Between(0, int64_t(catalog.catalog.products.size()) - 1))];
            r.lines.push_back(QuoteLineFor(p, rng.Between(1, 2)));
        }
    }

    auto run = [&](bool with_json) {
        // Warm up, then time whole passes over the requests for at least one second.
        volatile int64_t sink = 0;
        for (const QuoteRequest& r : requests) sink = sink + Quote(r, table.table).tax_total.fen;
        size_t done = 0;
        auto t0 = std::chrono::steady_clock::now(), t1 = t0;
        while (Seconds(t0, t1) < 1.0) {
            for (const QuoteRequest& r : requests) {
                TaxQuote q = Quote(r, table.table);
                sink = sink + q.tax_total.fen;
                if (with_json) sink = sink + int64_t(TaxQuoteToJson(q).size());
            }
            done += requests.size();
            t1 = std::chrono::steady_clock::now();
        }
        return double(done) / Seconds(t0, t1);
    };
    double quotes = run(false);
    double with_json = run(true);
    std::printf("%s quotes/s %.0f  quote+json/s %.0f\n", label, quotes, with_json);
    return 0;
}

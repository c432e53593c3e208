// CEB messages per second, single-threaded: built from an order (CEB311 and CEB621 alternately,
// 1–5 lines of the sample catalog), signed (RSA-SHA1 over inclusive C14N) and validated against
// customs' schema — the work the relay does before each delivery. Printed next to the baseline
// measured in the same run: bare RSA-2048 SHA-1 signatures of a message-sized buffer with the
// same key (the part no implementation can skip).
//
//   bondstore-ceb-bench XSD_FILE [SECONDS per figure, default 3]
#include "server/customs/order_relay.h"

#include "core/wire/catalog_json.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace bondstore;
using Clock = std::chrono::steady_clock;

namespace bondstore {
std::string_view EmbeddedBenchAsset(std::string_view key);
}

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bondstore-ceb-bench XSD_FILE [SECONDS]\n");
        return 2;
    }
    double seconds = argc > 2 ? std::atof(argv[2]) : 3;
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("ceb-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    RelayFiles files = DefaultRelayFiles(dir.string());
    files.ceb_xsd = argv[1];
    std::string error;
    std::optional<RelayKit> kit = OpenRelayKit(files, true, &error);
    if (!kit) {
        std::fprintf(stderr, "ceb-bench: %s\n", error.c_str());
        return 1;
    }
    std::vector<Product> products = ParseCatalogJson(EmbeddedBenchAsset("sample_catalog")).catalog.products;
    std::mt19937 rng(1210);
    auto order = [&](int n) {
        CebOrder o;
        o.guid = NewMessageGuid();
        o.declared_at = 1795700000 + n;
        o.order_no = "BS2611270000" + std::to_string(100000 + n % 900000);
        o.merchant = "demo";
        o.buyer_reg_no = "BS0123456789abcdef";
        o.buyer = {"张三", "11010519491231002X", "13800138000"};
        o.consignee = {"张三", "13800138000", "重庆市渝北区金开大道 1 号", "500112"};
        int lines = 1 + int(rng() % 5);
        for (int i = 0; i < lines; i++) {
            const Product& p = products[rng() % products.size()];
            o.lines.push_back({p, 1, p.price, p.price});
            o.goods = o.goods + p.price;
        }
        o.tax_total = Money{o.goods.fen / 10};
        o.amount_paid = o.goods + o.tax_total;
        return o;
    };

    // The relay's work per message.
    int n = 0;
    size_t bytes = 0;
    auto start = Clock::now();
    while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
        std::optional<std::string> xml =
            SignedCebMessage(order(n), n % 2 ? CebType::Inventory621 : CebType::Order311, kit->config, *kit->signer, *kit->schema, &error);
        if (!xml) {
            std::fprintf(stderr, "ceb-bench: %s\n", error.c_str());
            return 1;
        }
        bytes += xml->size();
        n++;
    }
    double rate = n / std::chrono::duration<double>(Clock::now() - start).count();

    // The baseline: RSA-SHA1 signatures of a buffer the size of a canonical SignedInfo plus the
    // SHA-1 of a message-sized document (the digest and the signature the relay cannot avoid).
    FILE* kf = std::fopen(files.signing_key.c_str(), "r");
    EVP_PKEY* key = kf ? PEM_read_PrivateKey(kf, nullptr, nullptr, nullptr) : nullptr;
    if (kf) std::fclose(kf);
    if (!key) return 1;
    std::string document(bytes / size_t(n), 'x'), signed_info(800, 'y');
    int m = 0;
    start = Clock::now();
    while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_Digest(document.data(), document.size(), digest, &length, EVP_sha1(), nullptr);
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        size_t size = 0;
        EVP_DigestSignInit(ctx, nullptr, EVP_sha1(), nullptr, key);
        EVP_DigestSign(ctx, nullptr, &size, reinterpret_cast<const unsigned char*>(signed_info.data()), signed_info.size());
        std::vector<unsigned char> sig(size);
        EVP_DigestSign(ctx, sig.data(), &size, reinterpret_cast<const unsigned char*>(signed_info.data()), signed_info.size());
        EVP_MD_CTX_free(ctx);
        m++;
    }
    double baseline = m / std::chrono::duration<double>(Clock::now() - start).count();
    EVP_PKEY_free(key);
    std::filesystem::remove_all(dir);
    std::printf("CEB messages built + signed + validated: %.0f/s (mean %zu bytes); bare RSA-2048 SHA-1 digest+signature: %.0f/s; ratio %.2f\n",
                rate, bytes / size_t(n), baseline, rate / baseline);
    return 0;
}

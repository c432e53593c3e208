#include "server/app/storefront.h"

#include "server/catalog/shop_pages.h"

#include "server/operations/event_log.h"
#include "server/base/files.h"
#include "server/carriers/sf_express.h"
#include "server/http/security_headers.h"
#include "server/orders/checkout.h"
#include "server/payments/alipay.h"
#include "server/payments/sandbox_payments.h"
#include "server/payments/wechat_pay.h"

#include "core/i18n/i18n_bundle.h"
#include "core/wire/alipay_json.h"
#include "core/wire/brand_json.h"
#include "core/wire/catalog_json.h"
#include "core/wire/currency_rates_json.h"
#include "core/wire/hs_keywords_json.h"
#include "core/wire/sf_express_json.h"
#include "core/wire/tax_json.h"
#include "core/wire/wechat_pay_json.h"

#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace bondstore {

static std::string DescribeProblems(const std::vector<Problem>& problems)
{
    Messages en = LoadBundledMessages("en");
    std::string lines;
    for (const Problem& p : problems)
        if (p.severity == Severity::Error) lines += "\n  " + DescribeProblem(en, p);
    return lines;
}

// A provider's account file, parsed, with the file names in it that are relative made relative to
// its folder; nothing (and `error`) if it cannot be read or is not valid.
template <class Config>
static std::optional<Config> ReadAccount(const std::string& path, const char* provider,
                                         std::optional<Config> (*parse)(std::string_view, std::vector<Problem>*),
                                         std::initializer_list<std::string Config::*> files, std::string* error)
{
    std::string text;
    if (!ReadFile(path, &text)) {
        *error = std::string("cannot read the ") + provider + " account " + path;
        return std::nullopt;
    }
    std::vector<Problem> problems;
    std::optional<Config> config = parse(text, &problems);
    if (!config) {
        *error = std::string("the ") + provider + " account " + path + " is not valid:" + DescribeProblems(problems);
        return std::nullopt;
    }
    std::filesystem::path folder = std::filesystem::path(path).parent_path();
    for (std::string Config::*file : files) {
        std::string& name = (*config).*file;
        if (!name.empty() && std::filesystem::path(name).is_relative()) name = (folder / name).string();
    }
    return config;
}

// The provider --payment names, and the cashier over it.
bool OpenPaymentProvider(Storefront& s, std::string* error)
{
    const ServerOptions& o = s.options;
    if (o.payment == "sandbox") {
        s.payment_provider = std::make_unique<SandboxPayments>(*s.personal_data);
    } else if (o.payment == "wechat") {
        std::optional<WeChatPayConfig> config =
            ReadAccount<WeChatPayConfig>(o.wechat_pay, "WeChat Pay", ParseWeChatPayConfigJson,
                                         {&WeChatPayConfig::merchant_key_file, &WeChatPayConfig::platform_key_file,
                                          &WeChatPayConfig::apiv3_key_file, &WeChatPayConfig::apiv2_key_file},
                                         error);
        if (!config) return false;
        WeChatPaySettings settings;
        static_cast<WeChatPayConfig&>(settings) = *config;
        // The symmetric keys: from their files, else from the environment; never on the command line.
        for (auto [file, env, into] : {std::tuple{&settings.apiv3_key_file, "BONDSTORE_WECHAT_APIV3_KEY", &settings.apiv3_key},
                                       std::tuple{&settings.apiv2_key_file, "BONDSTORE_WECHAT_APIV2_KEY", &settings.apiv2_key}}) {
            if (!file->empty()) {
                if (!ReadFile(*file, into)) {
                    *error = "cannot read " + *file;
                    return false;
                }
                while (!into->empty() && (into->back() == '\n' || into->back() == '\r' || into->back() == ' ')) into->pop_back();
            } else if (const char* v = std::getenv(env)) {
                *into = v;
            }
        }
        s.payment_provider = WeChatPay::Open(settings, error);
        if (!s.payment_provider) return false;
    } else if (o.payment == "alipay") {
        std::optional<AlipayConfig> config = ReadAccount<AlipayConfig>(
            o.alipay, "Alipay", ParseAlipayConfigJson, {&AlipayConfig::app_private_key_file, &AlipayConfig::alipay_public_key_file}, error);
        if (!config) return false;
        s.payment_provider = Alipay::Open(*config, error);
        if (!s.payment_provider) return false;
    }
    if (s.payment_provider) {
        s.cashier = std::make_unique<Cashier>(*s.payment_provider, *s.stores, *s.personal_data);
        s.cashier->query_after = o.payment_query_after;
    }
    return true;
}

// The carrier --carrier names, and the dispatch over it.
bool OpenCarrier(Storefront& s, std::string* error)
{
    const ServerOptions& o = s.options;
    if (o.carrier != "sf") return true;
    std::optional<SfExpressConfig> config =
        ReadAccount<SfExpressConfig>(o.sf_express, "SF Express", ParseSfExpressConfigJson, {&SfExpressConfig::checkword_file}, error);
    if (!config) return false;
    // The checkword: from its file, else from the environment; never on the command line.
    std::string checkword;
    if (!config->checkword_file.empty()) {
        if (!ReadFile(config->checkword_file, &checkword)) {
            *error = "cannot read " + config->checkword_file;
            return false;
        }
        while (!checkword.empty() && (checkword.back() == '\n' || checkword.back() == '\r' || checkword.back() == ' ')) checkword.pop_back();
    } else if (const char* v = std::getenv("BONDSTORE_SF_CHECKWORD")) {
        checkword = v;
    }
    std::unique_ptr<SfExpress> sf = SfExpress::Open(*config, checkword, error);
    if (!sf) return false;
    s.carrier = std::move(sf);
    s.dispatch = std::make_unique<Dispatch>(*s.carrier, *s.stores, *s.personal_data);
    return true;
}

// The store's brand (--brand): read, checked (contrast, sizes) and prepared for GET /api/brand,
// with its logo beside it served at /brand/NAME. No file: the built-in look.
static bool LoadBrand(Storefront& s, std::string* error)
{
    s.brand = DefaultBrand();
    if (!s.options.brand.empty()) {
        std::string text;
        if (!ReadFile(s.options.brand, &text)) {
            *error = "cannot read the brand file " + s.options.brand;
            return false;
        }
        BrandParse parsed = ParseBrandJson(text);
        if (!parsed.ok()) {
            *error = "the brand file " + s.options.brand + " is not valid:" + DescribeProblems(parsed.problems);
            return false;
        }
        s.brand = std::move(parsed.brand);
    }
    s.brand_logo = nullptr;
    if (!s.brand.logo.empty()) {
        std::filesystem::path name(s.brand.logo);
        // A name beside the file, never a path elsewhere on the machine.
        if (name.has_parent_path() || name.filename() != name || name.string().rfind('.', 0) == 0 ||
            MimeTypeFor(name.string()).rfind("image/", 0) != 0) {
            *error = "the brand file " + s.options.brand + ": \"logo\" must name a picture (.png, .jpg, .webp, .svg) beside it, not '" +
                     s.brand.logo + "'";
            return false;
        }
        std::string bytes, path = (std::filesystem::path(s.options.brand).parent_path() / name).string();
        if (!ReadFile(path, &bytes)) {
            *error = "cannot read the brand's logo " + path;
            return false;
        }
        s.brand_logo = MakeCachedBody(std::move(bytes), MimeTypeFor(name.string()), "no-cache", false);
        s.brand.logo = "/brand/" + name.string();
    }
    s.brand_body = MakeCachedBody(BrandToJson(s.brand), "application/json; charset=utf-8", "no-cache", true);
    return true;
}

bool OpenStorefront(Storefront& s, std::string* error)
{
    if (!s.errors.Load(error)) return false;

    std::string table_text;
    if (!ReadFile(s.options.tax_table, &table_text)) {
        *error = "cannot read the tax table " + s.options.tax_table;
        return false;
    }
    TaxTableParse table = ParseTaxTableJson(table_text);
    if (!table.ok()) {
        *error = "the tax table " + s.options.tax_table + " is not valid:" + DescribeProblems(table.problems);
        return false;
    }
    s.tax_table = std::move(table.table);
    s.tax_table_body = MakeCachedBody(std::move(table_text), "application/json; charset=utf-8", "no-cache", true);

    // The words that suggest a plain export's HS headings: only the tax table's headings.
    if (!s.options.hs_keywords.empty()) {
        std::string text;
        if (!ReadFile(s.options.hs_keywords, &text)) {
            *error = "cannot read the HS keyword table " + s.options.hs_keywords;
            return false;
        }
        HsKeywordParse keywords = ParseHsKeywordJson(text);
        if (!keywords.ok()) {
            *error = "the HS keyword table " + s.options.hs_keywords + " is not valid:" + DescribeProblems(keywords.problems);
            return false;
        }
        for (const HsKeywordTable::Heading& h : keywords.table.headings) {
            bool known = false;
            for (const TaxHeading& t : s.tax_table.headings) known = known || t.hs == h.hs;
            if (!known) {
                *error = "the HS keyword table " + s.options.hs_keywords + " names heading " + h.hs + ", which the tax table has not";
                return false;
            }
        }
        s.hs_keywords_body = MakeCachedBody(std::move(text), "application/json; charset=utf-8", "no-cache", true);
    }

    if (!s.options.currency_rates.empty()) {
        std::string text;
        if (!ReadFile(s.options.currency_rates, &text)) {
            *error = "cannot read the currency rates " + s.options.currency_rates;
            return false;
        }
        CurrencyRatesParse rates = ParseCurrencyRatesJson(text);
        if (!rates.ok()) {
            *error = "the currency rates " + s.options.currency_rates + " are not valid:" + DescribeProblems(rates.problems);
            return false;
        }
        s.currency_rates_body = MakeCachedBody(CurrencyRatesToJson(rates.rates), "application/json; charset=utf-8", "no-cache", true);
    }

    // The seed catalog is checked at every start, not only the first: a broken file named on the
    // command line should be reported, not silently ignored because the store already has data.
    Catalog seed;
    bool have_seed = !s.options.seed_catalog.empty();
    if (have_seed) {
        std::string text;
        if (!ReadFile(s.options.seed_catalog, &text)) {
            *error = "cannot read the seed catalog " + s.options.seed_catalog;
            return false;
        }
        CatalogParse parsed = ParseCatalogJson(text);
        if (!parsed.ok()) {
            *error = "the catalog file " + s.options.seed_catalog + " is not valid:" + DescribeProblems(parsed.problems);
            return false;
        }
        seed = std::move(parsed.catalog);
    }

    if (const char* hex = std::getenv("BONDSTORE_DATA_KEY"); hex && *hex) {
        s.personal_data = PersonalData::FromHexKey(hex, error);
        if (!s.personal_data) { *error = "BONDSTORE_DATA_KEY: " + *error; return false; }
    }

    DatabaseOptions db;
    db.connections = s.options.db_connections;
    db.wait_ms = s.options.db_wait_ms;
    db.statement_timeout_ms = s.options.db_statement_timeout_ms;
    s.stores = OpenStores(s.options.data_dir, s.options.database, db, error);
    if (!s.stores) return false;
    if (!s.personal_data) {
        // The key file: named, or in the data directory (created on first start; with PostgreSQL,
        // every server needs the same one).
        bool named = !s.options.data_key_file.empty();
        std::string path = named ? s.options.data_key_file : (std::filesystem::path(s.options.data_dir) / "data-key").string();
        if (!named && !MakePrivateDirectory(s.options.data_dir, error)) return false;
        s.personal_data = PersonalData::FromKeyFile(path, !named, error);
        if (!s.personal_data) return false;
        if (!named && s.options.database.empty())
            LogEvent(LogLevel::Warning, "server",
                     {{"message", Printed("WARNING: the data key (%s) sits beside the database it protects: a copy of the data "
                                          "directory is a readable copy of every buyer's personal data. Keep the key elsewhere (--data-key-file "
                                          "or BONDSTORE_DATA_KEY) and back it up apart from the database (docs/security.md).",
                                          path.c_str())}});
    }
    if (!s.stores->database->BindDataKey(s.personal_data->Fingerprint(), error)) return false;
    s.order_seal.emplace(*s.personal_data);
    // Messages an earlier version kept in the clear after sending are sealed now (they carry the
    // buyer's name, ID number, phone and address).
    const PersonalData& keys = *s.personal_data;
    if (!s.stores->relay.SealClearMessages([&keys](std::string_view xml) { return keys.Seal(xml); }, error)) return false;
    // Answers an earlier version kept with the order's lookup secret in them lose it.
    if (!s.stores->orders.StripKeptSecrets(AnswerWithoutLookupSecret, error)) return false;

    // The single window: the registration always (checkout writes the messages the store will
    // send), the schema and the signing key when the relay or receipts are on.
    const ServerOptions& o = s.options;
    s.relay_files = DefaultRelayFiles(o.data_dir);
    if (!o.customs_config.empty()) s.relay_files.customs_config = o.customs_config;
    if (!o.ceb_xsd.empty()) s.relay_files.ceb_xsd = o.ceb_xsd;
    if (!o.signing_key.empty()) s.relay_files.signing_key = o.signing_key;
    if (!o.signing_cert.empty()) s.relay_files.signing_cert = o.signing_cert;
    s.relay_files.key_name = o.signing_key_name;
    s.relay_files.algorithm = o.signing_algorithm;
    if (!o.single_window.empty() || !o.receipt_token.empty()) {
        // A key pair of our own making only where none was named (the simulator trusts it).
        std::optional<RelayKit> kit = OpenRelayKit(s.relay_files, o.signing_key.empty() && o.signing_cert.empty(), error);
        if (!kit) return false;
        s.relay_kit = std::move(kit);
        s.customs = s.relay_kit->config;
    } else {
        std::optional<CustomsConfig> config = ReadCustomsConfig(s.relay_files.customs_config, error);
        if (!config) return false;
        s.customs = std::move(*config);
    }
    bool empty = s.stores->catalog.IsEmpty(error);
    if (!error->empty()) return false;
    if (empty && have_seed && !s.stores->catalog.SeedCatalog(seed, error)) {
        *error = "cannot load the seed catalog into the store: " + *error;
        return false;
    }
    s.catalog.SetWholeMax(size_t(s.options.whole_catalog_max));
    if (!s.catalog.Refresh(s.stores->catalog, error)) return false;
    if (!s.web.Load(s.options.web_dir, error)) return false;
    if (!s.options.single_window_cert.empty()) {
        s.customs_signature = SignatureVerifier::FromCertificateFile(s.options.single_window_cert, error);
        if (!s.customs_signature) return false;
    } else if (!s.options.receipt_token.empty()) {
        LogEvent(LogLevel::Warning, "server", {{"message", std::string("customs' receipts are not signature-checked (no --single-window-cert)")}});
    }
    // What one client may ask for, and hold, at once (docs/security.md).
    if (!s.options.rate_limits) s.rate_limit.TurnOff();
    // A burst of a quarter of the minute, and at least 5: a shopper who retries a refused checkout
    // a few times (a changed total, a typo in an ID number) is not slowed.
    for (const auto& [kind, per_minute] : s.options.rate_per_minute)
        s.rate_limit.Set(kind, RateRule{per_minute, std::max(5.0, per_minute / 4)});
    s.order_limits = {s.options.max_unpaid_per_buyer, s.options.max_unpaid_per_client, s.options.max_orders_per_buyer_hour};
    if (!s.options.images_dir.empty() && !s.images.Load(s.options.images_dir, error, false)) return false;
    s.thumbnails.Make(s.images);
    s.flags = std::make_unique<Flags>(s.options.flags_dir);
    if (!LoadBrand(s, error)) return false;
    // The app's page frames every page, in the brand's colours (http/app_shell.h).
    if (auto index = s.web.Find("/")) {
        s.shell.Load(index->identity, BrandStyle(s.brand));
        s.page_policy = PagePolicy(s.shell.Empty());
    }
    if (!OpenPaymentProvider(s, error)) return false;
    if (!OpenCarrier(s, error)) return false;
    return true;
}

} // namespace bondstore

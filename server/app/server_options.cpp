#include "server/app/server_options.h"

#include "server/base/files.h"

#include <charconv>

namespace bondstore {

#ifndef BONDSTORE_DEFAULT_WEB_DIR
#define BONDSTORE_DEFAULT_WEB_DIR ""
#endif
#ifndef BONDSTORE_DEFAULT_SEED_CATALOG
#define BONDSTORE_DEFAULT_SEED_CATALOG ""
#endif
#ifndef BONDSTORE_DEFAULT_HS_KEYWORDS
#define BONDSTORE_DEFAULT_HS_KEYWORDS ""
#endif
#ifndef BONDSTORE_DEFAULT_TAX_TABLE
#define BONDSTORE_DEFAULT_TAX_TABLE ""
#endif

bool LoopbackUrl(const std::string& url)
{
    size_t start = url.find("://");
    if (start == std::string::npos) return false;
    start += 3;
    std::string host = url.substr(start, url.find_first_of("/?#", start) - start);
    if (!host.empty() && host[0] == '[') host = host.substr(1, host.find(']') - 1);
    else host = host.substr(0, host.rfind(':') == std::string::npos ? host.size() : host.rfind(':'));
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

bool TokenStrongEnough(const std::string& token)
{
    std::string distinct;
    for (char c : token)
        if (distinct.find(c) == std::string::npos) distinct += c;
    return token.size() >= 32 && distinct.size() >= 10;
}

static bool ParsePort(const std::string& s, int* port)
{
    int v = -1;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < 0 || v > 65535) return false;
    *port = v;
    return true;
}

// A kiosk's idle time: long enough to read a product page, short enough to forget a shopper who left.
static bool ParseKioskIdle(const std::string& s, int* seconds)
{
    int v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < 10 || v > 3600) return false;
    *seconds = v;
    return true;
}

OptionsParse ParseServerOptions(const std::vector<std::string>& args, EnvLookup env)
{
    OptionsParse r;
    ServerOptions& o = r.options;
    o.web_dir = BONDSTORE_DEFAULT_WEB_DIR;
    o.seed_catalog = BONDSTORE_DEFAULT_SEED_CATALOG;
    o.images_dir = BONDSTORE_DEFAULT_IMAGES_DIR;
    o.flags_dir = BONDSTORE_DEFAULT_FLAGS_DIR;
    o.brand = BONDSTORE_DEFAULT_BRAND;
    o.tax_table = BONDSTORE_DEFAULT_TAX_TABLE;
    o.hs_keywords = BONDSTORE_DEFAULT_HS_KEYWORDS;
    o.currency_rates = BONDSTORE_DEFAULT_CURRENCY_RATES;

    auto from_env = [&](const char* name, std::string& into) {
        if (const char* v = env ? env(name) : nullptr; v && *v) into = v;
    };
    from_env("BONDSTORE_BIND", o.bind);
    from_env("BONDSTORE_DATA_DIR", o.data_dir);
    from_env("BONDSTORE_WEB_DIR", o.web_dir);
    from_env("BONDSTORE_SEED_CATALOG", o.seed_catalog);
    from_env("BONDSTORE_IMAGES_DIR", o.images_dir);
    from_env("BONDSTORE_FLAGS_DIR", o.flags_dir);
    from_env("BONDSTORE_BRAND", o.brand);
    from_env("BONDSTORE_TAX_TABLE", o.tax_table);
    from_env("BONDSTORE_HS_KEYWORDS", o.hs_keywords);
    if (const char* v = env ? env("BONDSTORE_CURRENCY_RATES") : nullptr) o.currency_rates = v; // "" turns them off
    from_env("BONDSTORE_DATABASE", o.database);
    from_env("BONDSTORE_DATA_KEY_FILE", o.data_key_file);
    from_env("BONDSTORE_CUSTOMS_CONFIG", o.customs_config);
    from_env("BONDSTORE_SINGLE_WINDOW", o.single_window);
    from_env("BONDSTORE_CEB_XSD", o.ceb_xsd);
    from_env("BONDSTORE_RECEIPT_TOKEN", o.receipt_token);
    from_env("BONDSTORE_ADMIN_TOKEN", o.admin_token);
    from_env("BONDSTORE_PAYMENT", o.payment);
    from_env("BONDSTORE_WECHAT_PAY", o.wechat_pay);
    from_env("BONDSTORE_ALIPAY", o.alipay);
    from_env("BONDSTORE_CARRIER", o.carrier);
    from_env("BONDSTORE_SF_EXPRESS", o.sf_express);
    std::string timeout_text;
    from_env("BONDSTORE_PAYMENT_TIMEOUT", timeout_text);
    auto positive = [](const std::string& text, int* out) {
        if (text.empty() || text.size() > 7 || text.find_first_not_of("0123456789") != std::string::npos) return false;
        *out = std::stoi(text);
        return *out > 0;
    };
    if (!timeout_text.empty() && !positive(timeout_text, &o.payment_timeout)) {
        r.error = "BONDSTORE_PAYMENT_TIMEOUT must be a number of seconds, got '" + timeout_text + "'";
        return r;
    }
    std::string idle_text;
    from_env("BONDSTORE_KIOSK_IDLE", idle_text);
    if (!idle_text.empty() && !ParseKioskIdle(idle_text, &o.kiosk_idle)) {
        r.error = "BONDSTORE_KIOSK_IDLE must be 10-3600 seconds, got '" + idle_text + "'";
        return r;
    }
    std::string whole_text;
    from_env("BONDSTORE_WHOLE_CATALOG_MAX", whole_text);
    if (!whole_text.empty() && !positive(whole_text, &o.whole_catalog_max)) {
        r.error = "BONDSTORE_WHOLE_CATALOG_MAX must be a number of products, got '" + whole_text + "'";
        return r;
    }
    std::string port_text;
    from_env("BONDSTORE_PORT", port_text);
    if (!port_text.empty() && !ParsePort(port_text, &o.port)) {
        r.error = "BONDSTORE_PORT must be a port number (0-65535), got '" + port_text + "'";
        return r;
    }

    for (size_t i = 0; i < args.size(); i++) {
        const std::string& a = args[i];
        std::string name = a, value;
        bool has_inline_value = false;
        if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
            name = a.substr(0, eq);
            value = a.substr(eq + 1);
            has_inline_value = true;
        }
        if (name == "--help" || name == "-h") { o.help = true; continue; }
        if (name == "--list-routes") { o.list_routes = true; continue; }
        auto take = [&](std::string& into) -> bool {
            if (has_inline_value) { into = value; return true; }
            if (i + 1 >= args.size()) { r.error = name + " needs a value"; return false; }
            into = args[++i];
            return true;
        };
        if (name == "--port") {
            std::string v;
            if (!take(v)) return r;
            if (!ParsePort(v, &o.port)) { r.error = "--port must be a port number (0-65535), got '" + v + "'"; return r; }
        } else if (name == "--bind") {
            if (!take(o.bind)) return r;
        } else if (name == "--data-dir") {
            if (!take(o.data_dir)) return r;
        } else if (name == "--web-dir") {
            if (!take(o.web_dir)) return r;
        } else if (name == "--seed-catalog") {
            if (!take(o.seed_catalog)) return r;
        } else if (name == "--images-dir") {
            if (!take(o.images_dir)) return r;
        } else if (name == "--flags-dir") {
            if (!take(o.flags_dir)) return r;
        } else if (name == "--brand") {
            if (!take(o.brand)) return r;
        } else if (name == "--kiosk-idle") {
            std::string v;
            if (!take(v)) return r;
            if (!ParseKioskIdle(v, &o.kiosk_idle)) { r.error = "--kiosk-idle must be 10-3600 seconds, got '" + v + "'"; return r; }
        } else if (name == "--whole-catalog-max") {
            std::string v;
            if (!take(v)) return r;
            if (!positive(v, &o.whole_catalog_max)) { r.error = "--whole-catalog-max must be a number of products, got '" + v + "'"; return r; }
        } else if (name == "--tax-table") {
            if (!take(o.tax_table)) return r;
        } else if (name == "--hs-keywords") {
            if (!take(o.hs_keywords)) return r;
        } else if (name == "--currency-rates") {
            if (!take(o.currency_rates)) return r;
        } else if (name == "--database") {
            if (!take(o.database)) return r;
        } else if (name == "--db-connections") {
            std::string v;
            if (!take(v)) return r;
            if (!positive(v, &o.db_connections) || o.db_connections > 256) {
                r.error = "--db-connections must be 1 to 256, got '" + v + "'";
                return r;
            }
        } else if (name == "--freight-fen") {
            std::string v;
            if (!take(v)) return r;
            int fen = 0;
            if (!(v == "0" || positive(v, &fen)) || fen > 10'000'000) {
                r.error = "--freight-fen must be 0 to 10000000 (fen), got '" + v + "'";
                return r;
            }
            o.freight_fen = fen;
        } else if (name == "--http-threads") {
            std::string v;
            if (!take(v)) return r;
            if (!positive(v, &o.http_threads) || o.http_threads > 4096) {
                r.error = "--http-threads must be 1 to 4096, got '" + v + "'";
                return r;
            }
        } else if (name == "--customs-config") {
            if (!take(o.customs_config)) return r;
        } else if (name == "--single-window") {
            if (!take(o.single_window)) return r;
            if (o.single_window.rfind("https://", 0) != 0 && !(o.single_window.rfind("http://", 0) == 0 && LoopbackUrl(o.single_window))) {
                r.error = "--single-window must be an https:// URL (plain http:// only to this machine: it carries buyers' personal "
                          "data), got '" + o.single_window + "'";
                return r;
            }
        } else if (name == "--ceb-xsd") {
            if (!take(o.ceb_xsd)) return r;
        } else if (name == "--signing-key") {
            if (!take(o.signing_key)) return r;
        } else if (name == "--signing-cert") {
            if (!take(o.signing_cert)) return r;
        } else if (name == "--signing-key-name") {
            if (!take(o.signing_key_name)) return r;
        } else if (name == "--signing-algorithm") {
            std::string v;
            if (!take(v)) return r;
            o.signing_algorithm = ParseSignatureAlgorithm(v);
            if (!o.signing_algorithm) {
                r.error = "--signing-algorithm must be rsa-sha1 or sm2-sm3, got '" + v + "'";
                return r;
            }
        } else if (name == "--receipt-token" || name == "--admin-token") {
            // A token on the command line is visible to every user of the machine (ps).
            r.error = name + " is not accepted on the command line (every user sees it in ps): use " + name +
                      "-file FILE or BONDSTORE_" + (name == "--receipt-token" ? "RECEIPT" : "ADMIN") + "_TOKEN";
            return r;
        } else if (name == "--receipt-token-file" || name == "--admin-token-file") {
            std::string file;
            if (!take(file)) return r;
            std::string text;
            if (!ReadFile(file, &text)) { r.error = "cannot read " + name.substr(2) + " " + file; return r; }
            while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
            (name == "--receipt-token-file" ? o.receipt_token : o.admin_token) = text;
        } else if (name == "--payment-data-upload") {
            if (!take(o.payment_data_upload)) return r;
            if (o.payment_data_upload.rfind("https://", 0) != 0 &&
                !(o.payment_data_upload.rfind("http://", 0) == 0 && LoopbackUrl(o.payment_data_upload))) {
                r.error = "--payment-data-upload must be an https:// URL (plain http:// only to this machine), got '" + o.payment_data_upload + "'";
                return r;
            }
        } else if (name == "--customs-address") {
            std::string v;
            if (!take(v)) return r;
            if (v == "none") o.customs_addresses.clear();
            else o.customs_addresses.push_back(v);
        } else if (name == "--public-url") {
            if (!take(o.public_url)) return r;
            if ((o.public_url.rfind("https://", 0) != 0 && o.public_url.rfind("http://", 0) != 0) || o.public_url.back() != '/') {
                r.error = "--public-url must be an http(s):// address ending in '/', got '" + o.public_url + "'";
                return r;
            }
        } else if (name == "--single-window-cert") {
            if (!take(o.single_window_cert)) return r;
        } else if (name == "--trusted-proxy") {
            std::string v;
            if (!take(v)) return r;
            if (v == "none") o.trusted_proxies.clear();
            else o.trusted_proxies.push_back(v);
        } else if (name == "--rate-limit") {
            std::string v;
            if (!take(v)) return r;
            if (v == "off") { o.rate_limits = false; continue; }
            size_t eq = v.find('=');
            int per_minute = 0;
            std::string kind = eq == std::string::npos ? std::string() : v.substr(0, eq);
            bool known = false;
            for (auto& [k, n] : o.rate_per_minute)
                if (k == kind && (v.substr(eq + 1) == "0" || positive(v.substr(eq + 1), &per_minute))) { n = per_minute; known = true; }
            if (!known) {
                r.error = "--rate-limit takes off, or KIND=N requests a minute per client (KIND: checkout, quote, search, kiosk, "
                          "enroll; 0 = no limit), got '" + v + "'";
                return r;
            }
        } else if (name == "--max-unpaid-per-buyer" || name == "--max-unpaid-per-client" || name == "--max-orders-per-buyer-hour") {
            std::string v;
            if (!take(v)) return r;
            int n = 0;
            if (!(v == "0" || positive(v, &n)) || n > 100000) { r.error = name + " must be 0 (no limit) to 100000, got '" + v + "'"; return r; }
            (name == "--max-unpaid-per-buyer" ? o.max_unpaid_per_buyer : name == "--max-unpaid-per-client" ? o.max_unpaid_per_client
                                                                                                           : o.max_orders_per_buyer_hour) = n;
        } else if (name == "--drain-seconds") {
            std::string v;
            if (!take(v)) return r;
            if (!positive(v, &o.drain_seconds) || o.drain_seconds > 3600) { r.error = "--drain-seconds must be 1 to 3600, got '" + v + "'"; return r; }
        } else if (name == "--db-wait-ms" || name == "--db-statement-timeout-ms") {
            std::string v;
            if (!take(v)) return r;
            int* into = name == "--db-wait-ms" ? &o.db_wait_ms : &o.db_statement_timeout_ms;
            if (!positive(v, into) || *into > 3600000) { r.error = name + " must be 1 to 3600000 (ms), got '" + v + "'"; return r; }
        } else if (name == "--relay-retry-ms") {
            std::string v;
            if (!take(v)) return r;
            if (!positive(v, &o.relay_retry_ms) || o.relay_retry_ms > 300000) {
                r.error = "--relay-retry-ms must be 1 to 300000, got '" + v + "'";
                return r;
            }
        } else if (name == "--relay-max-retry-ms" || name == "--relay-timeout-ms") {
            std::string v;
            if (!take(v)) return r;
            int* into = name == "--relay-max-retry-ms" ? &o.relay_max_retry_ms : &o.relay_timeout_ms;
            if (!positive(v, into) || *into > 3600000) { r.error = name + " must be 1 to 3600000 (ms), got '" + v + "'"; return r; }
        } else if (name == "--single-window-receiver") {
            if (!take(o.single_window_receiver)) return r;
            if (o.single_window_receiver.empty() || o.single_window_receiver.size() > 16) {
                r.error = "--single-window-receiver must be 1 to 16 characters (a DXP id), got '" + o.single_window_receiver + "'";
                return r;
            }
        } else if (name == "--relay-park-after") {
            std::string v;
            if (!take(v)) return r;
            if (!positive(v, &o.relay_park_after)) { r.error = "--relay-park-after must be a number of seconds, got '" + v + "'"; return r; }
        } else if (name == "--data-key-file") {
            if (!take(o.data_key_file)) return r;
        } else if (name == "--payment") {
            if (!take(o.payment)) return r;
        } else if (name == "--wechat-pay") {
            if (!take(o.wechat_pay)) return r;
        } else if (name == "--alipay") {
            if (!take(o.alipay)) return r;
        } else if (name == "--carrier") {
            if (!take(o.carrier)) return r;
        } else if (name == "--sf-express") {
            if (!take(o.sf_express)) return r;
        } else if (name == "--payment-query-after") {
            std::string v;
            if (!take(v)) return r;
            if (!positive(v, &o.payment_query_after) || o.payment_query_after > 86400) {
                r.error = "--payment-query-after must be 1 to 86400 seconds, got '" + v + "'";
                return r;
            }
        } else if (name == "--payment-timeout") {
            std::string v;
            if (!take(v)) return r;
            if (!positive(v, &o.payment_timeout)) { r.error = "--payment-timeout must be a number of seconds, got '" + v + "'"; return r; }
        } else {
            r.error = "unknown option '" + a + "' (see --help)";
            return r;
        }
    }
    if (!o.single_window.empty() &&
        !(o.single_window.rfind("https://", 0) == 0 || (o.single_window.rfind("http://", 0) == 0 && LoopbackUrl(o.single_window))))
        r.error = "BONDSTORE_SINGLE_WINDOW must be an https:// URL (plain http:// only to this machine), got '" + o.single_window + "'";
    else if (!o.receipt_token.empty() && !TokenStrongEnough(o.receipt_token))
        r.error = "the receipt token is too weak: at least 32 characters of at least 10 different ones (e.g. openssl rand -hex 24)";
    else if (!o.admin_token.empty() && !TokenStrongEnough(o.admin_token))
        r.error = "the admin token is too weak: at least 32 characters of at least 10 different ones (e.g. openssl rand -hex 24)";
    else if (o.payment != "" && o.payment != "none" && o.payment != "sandbox" && o.payment != "wechat" && o.payment != "alipay")
        r.error = "--payment must be none, sandbox, wechat or alipay, got '" + o.payment + "'";
    else if (o.payment == "wechat" && o.wechat_pay.empty())
        r.error = "--payment wechat needs the WeChat Pay account: --wechat-pay FILE (docs/payments.md)";
    else if (o.payment == "alipay" && o.alipay.empty())
        r.error = "--payment alipay needs the Alipay account: --alipay FILE (docs/payments.md)";
    else if (o.carrier != "" && o.carrier != "none" && o.carrier != "sf")
        r.error = "--carrier must be none or sf, got '" + o.carrier + "'";
    else if (o.carrier == "sf" && o.sf_express.empty())
        r.error = "--carrier sf needs the SF Express account: --sf-express FILE (docs/carriers.md)";
    else if (o.bind.empty()) r.error = "--bind must not be empty";
    else if (o.data_dir.empty()) r.error = "--data-dir must not be empty";
    else if (o.tax_table.empty()) r.error = "--tax-table must name the tax table file";
    return r;
}

std::string ServerUsage()
{
    return R"(bondstore-server — the Bondstore storefront server

Serves the shopper's web app, the catalog API and the bonded-warehouse inventory, backed by an
embedded SQLite file in the data directory (created, and seeded from the seed catalog, on first
start).

Usage: bondstore-server [options]

  --port N             port to listen on; 0 picks a free one       (BONDSTORE_PORT, default 8080)
  --bind ADDR          address to listen on                        (BONDSTORE_BIND, default 127.0.0.1)
  --data-dir DIR       where the database lives                    (BONDSTORE_DATA_DIR, default ./bondstore-data)
  --web-dir DIR        the built web app to serve                  (BONDSTORE_WEB_DIR)
  --seed-catalog FILE  catalog loaded into an empty store          (BONDSTORE_SEED_CATALOG)
  --images-dir DIR     product images, served under /images/ for catalogs that link
                       to /images/NAME; an empty value serves none  (BONDSTORE_IMAGES_DIR)
  --brand FILE         the store's brand: name, logo, colours, sizes, featured products
                       (docs/brand.md); colours are checked for WCAG AA contrast
                                                                    (BONDSTORE_BRAND, default Bondstore's)
  --flags-dir DIR      country flags as xx.png (Debian's iso-flags-png-320x240), served
                       small under /flags/           (BONDSTORE_FLAGS_DIR; "" = none)
  --kiosk-idle N       seconds without a touch before a kiosk (/kiosk) warns for 20 s,
                       then forgets its shopper                      (BONDSTORE_KIOSK_IDLE, default 90)
  --whole-catalog-max N  catalogs of at most N products go to browsers whole; larger ones a
                       page at a time, searched on the server (BONDSTORE_WHOLE_CATALOG_MAX, default 1000)
  --tax-table FILE     the effective-dated tax table                (BONDSTORE_TAX_TABLE)
  --hs-keywords FILE   words for each tax-table heading, nine languages: a plain export's
                       suggested HS codes (BONDSTORE_HS_KEYWORDS; "" = none suggested)
  --currency-rates FILE  the store's rates for approximate prices in other currencies;
                       an empty value shows yuan only               (BONDSTORE_CURRENCY_RATES)
  --database URL       PostgreSQL instead of SQLite, e.g. postgresql://bondstore@db/bondstore
                       or "host=/run/postgresql dbname=bondstore"    (BONDSTORE_DATABASE)
  --db-connections N   PostgreSQL connections to keep, default 8
  --freight-fen N      the store's freight per order in fen (charged, taxed and declared),
                       default 0; an order that assumes another is answered total_changed
  --http-threads N     connections served at once, default 64 (a kept-alive connection holds
                       one thread while it is open)
  --data-key-file FILE the 32-byte key personal data is sealed with (64 hex digits); default
                       data-key in the data directory, created on first start (BONDSTORE_DATA_KEY_FILE;
                       or the key itself in BONDSTORE_DATA_KEY)
  --payment-timeout S  seconds an order may stay unpaid before it expires and its stock is
                       released, default 900                          (BONDSTORE_PAYMENT_TIMEOUT)

Payment (docs/payments.md):
  --payment NAME       none (default: checkout says payment is unavailable), sandbox (a demo
                       provider: no money moves, every screen says so), wechat or alipay
                       (BONDSTORE_PAYMENT)
  --wechat-pay FILE    the WeChat Pay account: ids, key files, notify URL, customs registration
                       (BONDSTORE_WECHAT_PAY; the APIv3/APIv2 keys from the files it names or
                       BONDSTORE_WECHAT_APIV3_KEY / BONDSTORE_WECHAT_APIV2_KEY)
  --alipay FILE        the Alipay account: app id, key files, gateway, notify URL, customs
                       registration and office (BONDSTORE_ALIPAY)
  --payment-query-after S  seconds without a notification before a started payment is asked
                       about at the provider, default 30

Carrier (docs/carriers.md):
  --carrier NAME       none (default: the inventory list's waybill number is the customs
                       configuration's waybill_prefix + order number) or sf: SF Express issues a
                       waybill for each paid order and reports its tracking  (BONDSTORE_CARRIER)
  --sf-express FILE    the SF Express account: partner id, checkword file, gateway, sender
                       (BONDSTORE_SF_EXPRESS; the checkword from its file or BONDSTORE_SF_CHECKWORD)

The single window (docs/single-window.md):
  --customs-config FILE  the enterprise's customs registration (codes, names; CEB621 declarant
                       details)                                  (BONDSTORE_CUSTOMS_CONFIG; default
                       the sample assets/customs/declarant.json, made-up codes)
  --single-window URL  the gateway the relay POSTs DxpMsg envelopes to; without it orders wait
                       in the outbox                              (BONDSTORE_SINGLE_WINDOW)
  --ceb-xsd FILE       customs' ceb_import_202205.xsd              (BONDSTORE_CEB_XSD; default
                       ../shared/customs/xsd/v202205 beside the checkout)
  --signing-key FILE --signing-cert FILE  the PEM key pair messages are signed with; default
                       signing-key.pem/signing-cert.pem in the data directory, created
                       self-signed (accepted by the simulator, not by the real single window)
  --signing-key-name N KeyInfo KeyName (the e-port certificate number), default 0001
  --signing-algorithm rsa-sha1|sm2-sm3  what the signing key must be, and the kind of key created
                       when there is none; default: the key's own (a new key is RSA)
  --receipt-token-file FILE  the bearer token customs receipts must carry (BONDSTORE_RECEIPT_TOKEN;
                       never on the command line); at least 32 characters
  --admin-token-file FILE    the bearer token of /api/admin/ (BONDSTORE_ADMIN_TOKEN), likewise
  --single-window-cert PEM   customs' certificate: receipts must carry its XML signature
                       (without it receipts are not signature-checked: say so in production)
  --relay-retry-ms N   first retry after a failed delivery, doubling (with jitter), default 1000
  --relay-max-retry-ms N  the longest wait between two tries, default 300000 (5 min)
  --relay-timeout-ms N one delivery's time-out, default 10000
  --single-window-receiver ID  the DxpMsg ReceiverId: customs' exchange id for import messages,
                       default DXPEDCCEB0000002 (DXPEDCCEB0000003 is export's)
  --relay-park-after S seconds of failed deliveries before a message is parked, default 86400
  --payment-data-upload URL  customs' realTimeDataUpload for raw payment data (announcement 179),
                       default the --single-window origin + /ceb2grab/grab/realTimeDataUpload
  --customs-address ADDR  an address customs' asks for payment data come from (repeatable;
                       default this machine: 127.0.0.1 and ::1; "none": no one)
  --public-url URL     the store's public address, ending in '/' (links customs and shoppers
                       are given), default http://BIND:PORT/

Abuse (docs/security.md):
  --trusted-proxy ADDR a peer whose X-Forwarded-For names the client (repeatable; default the
                       front on this machine: 127.0.0.1 and ::1; "none" trusts no one)
  --rate-limit KIND=N  requests a minute per client (checkout 10, quote 120, search 300, enroll
                       10) and per enrolled kiosk (kiosk 30 orders); 0 = no limit; "off": none
  --max-unpaid-per-buyer N    unpaid orders at once per ID number, default 2 (0 = no limit)
  --max-unpaid-per-client N   unpaid orders at once per client address, default 5
  --max-orders-per-buyer-hour N  orders an hour per ID number, default 10
  --db-wait-ms N       the longest a request waits for a database connection, default 10000
  --drain-seconds N    on SIGTERM: no new connections; requests under way are answered and the
                       relay finishes its delivery for at most N seconds (default 20), then the
                       server exits anyway (1–3600)
  --db-statement-timeout-ms N  PostgreSQL statement_timeout, default 30000
  --list-routes        print every route the server answers (method and path, as the API
                       description docs/openapi.json names it) and stop
  -h, --help           this text

Flags win over environment variables. The server prints the URL it serves once it is listening,
and stops cleanly on SIGINT or SIGTERM.
)";
}

} // namespace bondstore

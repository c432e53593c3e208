#include "server/customs/order_relay.h"
#include "server/operations/event_log.h"

#include "server/base/china_time.h"
#include "server/base/files.h"
#include "server/customs/dxp_envelope.h"

#include "core/customs/customs_codes.h"
#include "core/wire/catalog_json.h"
#include "core/wire/customs_config_json.h"
#include "core/wire/order_json.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#ifndef BONDSTORE_DEFAULT_CUSTOMS_CONFIG
#define BONDSTORE_DEFAULT_CUSTOMS_CONFIG "assets/customs/declarant.json"
#endif
#ifndef BONDSTORE_DEFAULT_CEB_XSD
#define BONDSTORE_DEFAULT_CEB_XSD "../shared/customs/xsd/v202205/ceb_import_202205.xsd"
#endif

namespace bondstore {

RelayFiles DefaultRelayFiles(const std::string& data_dir)
{
    RelayFiles f;
    f.customs_config = BONDSTORE_DEFAULT_CUSTOMS_CONFIG;
    f.ceb_xsd = BONDSTORE_DEFAULT_CEB_XSD;
    f.signing_key = (std::filesystem::path(data_dir) / "signing-key.pem").string();
    f.signing_cert = (std::filesystem::path(data_dir) / "signing-cert.pem").string();
    return f;
}

std::optional<CustomsConfig> ReadCustomsConfig(const std::string& file, std::string* error)
{
    std::string text;
    if (!ReadFile(file, &text)) { *error = "cannot read the customs configuration " + file; return std::nullopt; }
    CustomsConfigParse parsed = ParseCustomsConfigJson(text);
    if (!parsed.ok()) { *error = file + ": " + parsed.error; return std::nullopt; }
    return std::move(parsed.config);
}

std::optional<RelayKit> OpenRelayKit(const RelayFiles& files, bool create_key, std::string* error)
{
    RelayKit kit;
    std::optional<CustomsConfig> config = ReadCustomsConfig(files.customs_config, error);
    if (!config) return std::nullopt;
    kit.config = std::move(*config);
    kit.schema = CebSchema::Load(files.ceb_xsd, error);
    if (!kit.schema) return std::nullopt;
    std::error_code ec;
    if (create_key && !std::filesystem::exists(files.signing_key, ec) && !std::filesystem::exists(files.signing_cert, ec) &&
        !CreateSelfSignedSigningKey(files.signing_key, files.signing_cert, "Bondstore development signer (self-signed)", error,
                                    files.algorithm.value_or(SignatureAlgorithm::RsaSha1)))
        return std::nullopt;
    kit.signer = OpenKeySigner(files.signing_key, files.signing_cert, files.key_name, error);
    if (!kit.signer) return std::nullopt;
    if (files.algorithm && std::string_view(kit.signer->algorithm()) != SignatureMethodUri(*files.algorithm)) {
        *error = "the signing key " + files.signing_key + " does not sign with " + SignatureAlgorithmName(*files.algorithm) +
                 " (it signs with " + kit.signer->algorithm() + "): give a key of that kind, or leave --signing-algorithm out";
        return std::nullopt;
    }
    return kit;
}

std::optional<CebOrder> CebOrderFor(const RelayStore::OrderDeclaration& d, const PersonalData& keys, int64_t now, std::string* error)
{
    std::optional<std::string> contact = keys.Open(d.contact_sealed);
    if (!contact) {
        *error = "order " + d.order_no + ": its personal data does not open with this data key";
        return std::nullopt;
    }
    std::optional<OrderContact> people = ParseOrderContactJson(*contact);
    if (!people) {
        *error = "order " + d.order_no + ": its personal data is not an order contact";
        return std::nullopt;
    }
    CebOrder o;
    o.guid = d.guid;
    o.declared_at = d.declared_at ? d.declared_at : now;
    o.order_no = d.order_no;
    o.merchant = d.merchant;
    // The buyer's account on the platform: Bondstore has no accounts, so a pseudonym that is the
    // same for every order of one ID number (and says nothing about it).
    o.buyer_reg_no = "BS" + d.buyer_id_hash.substr(0, 16);
    o.buyer = std::move(people->buyer);
    o.consignee = std::move(people->consignee);
    for (const RelayStore::OrderDeclaration::Line& l : d.lines) {
        ProductParse parsed = ParseProductJson(l.product_json);
        if (l.product_json.empty() || !parsed.ok()) {
            *error = "order " + d.order_no + ": the product of line " + l.sku + " as sold was not recorded";
            return std::nullopt;
        }
        o.lines.push_back({std::move(parsed.product), l.qty, l.price, l.goods});
    }
    o.goods = d.goods;
    o.freight = d.freight;
    o.insurance = d.insurance;
    o.tax_total = d.tax_total;
    o.amount_paid = d.amount_to_pay;
    o.payment_id = d.payment_id;
    o.waybill_no = d.waybill_no;
    o.pre_no = d.pre_no;
    o.invt_no = d.invt_no;
    if (const PaymentCompany* company = FindPaymentCompany(d.payment_provider)) {
        o.pay_code = std::string(company->code);
        o.pay_name = std::string(company->name);
    }
    return o;
}

std::optional<std::string> SignedCebMessage(const CebOrder& order, CebType type, const CustomsConfig& config,
                                            const MessageSigner& signer, const CebSchema& schema, std::string* error)
{
    // The shopper's words are not customs' business: the withdrawal says why in customs' terms.
    std::string xml = type == CebType::Order311       ? Ceb311Xml(order, config, error)
                      : type == CebType::Inventory621 ? Ceb621Xml(order, config, error)
                      : type == CebType::Return625    ? Ceb625Xml(order, config, "消费者申请退货", error)
                                                      : Ceb623Xml(order, config, "消费者取消订单", error);
    if (xml.empty()) return std::nullopt;
    std::optional<std::string> signed_xml = signer.Sign(xml, error);
    if (!signed_xml) return std::nullopt;
    std::vector<std::string> problems = schema.Validate(*signed_xml);
    if (!problems.empty()) {
        *error = "order " + order.order_no + ": the generated message is not valid against the CEB schema: " + problems.front() +
                 (problems.size() > 1 ? " (and " + std::to_string(problems.size() - 1) + " more)" : "");
        return std::nullopt;
    }
    return signed_xml;
}

// --- the relay worker ---------------------------------------------------------------------------


OrderRelay::OrderRelay(RelayStore& store, const PersonalData& keys, const RelayKit& kit, RelaySettings settings)
    : store_(store), keys_(keys), kit_(kit), settings_(std::move(settings))
{
}

OrderRelay::~OrderRelay() { Stop(); }

// Busy: straight on. Idle: look again shortly (a paid order should leave within a second or so).
void OrderRelay::Start() { loop_.Start([this] { return RunOnce(); }, std::chrono::milliseconds(200)); }

void OrderRelay::Stop() { loop_.Stop(); }

bool OrderRelay::Alive(int64_t now_ms) const
{
    // A delivery takes at most its connect, write and read time-outs; then a store write.
    return loop_.running() && now_ms - loop_.last_beat_ms() <= 3 * int64_t(settings_.timeout_ms) + 10000;
}

int OrderRelay::RunOnce()
{
    std::string error;
    auto now_ms = [] {
        return int64_t(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    };
    // One message at a time, each under its own lease (longer than a delivery can take), so no
    // lease runs out while the message waits its turn; another server's worker leaves it alone.
    int64_t lease_ms = 2 * int64_t(settings_.timeout_ms) + 5000;
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    int tried = 0;
    for (; tried < 32; tried++) {
        if (loop_.stopping()) break; // (a stale false costs one more delivery)
        std::optional<std::vector<RelayStore::OutboxMessage>> due = store_.ClaimOutbox(now_ms(), lease_ms, 1, &error);
        if (!due) {
            LogEvent(LogLevel::Error, "relay", {{"error", error}});
            break;
        }
        if (due->empty()) break;
        const RelayStore::OutboxMessage& m = due->front();
        // Each delivery is a request of its own: its id goes to the single window (X-Request-Id)
        // and into its log lines.
        SetCurrentRequestId(MakeRequestId());
        loop_.Beat();
        bool permanent = false;
        std::string sent;
        std::string why = Deliver(m, &permanent, &sent);
        int64_t at = UnixNow();
        if (why.empty()) {
            if (!store_.MarkOutboxSent(m, keys_.Seal(sent), at, &error))
                LogEvent(LogLevel::Error, "relay", {{"order_no", m.order_no}, {"kind", m.kind}, {"error", error}});
            else
                LogEvent(LogLevel::Info, "relay", {{"order_no", m.order_no}, {"kind", m.kind}, {"outcome", std::string("sent")},
                                                   {"attempts", m.attempts + 1}});
            // (ready_at is in whole seconds: the latency is good to a second)
            if (settings_.metrics) settings_.metrics->ObserveRelayDelivery(m.kind, "sent", std::max(0.0, double(now_ms()) / 1000 - double(m.ready_at)));
            continue;
        }
        // Exponential back-off with jitter (0.5–1.5×), from the number of attempts so far.
        int64_t delay = settings_.retry_ms << std::min<int64_t>(m.attempts, 20);
        delay = std::min(delay, settings_.max_retry_ms);
        delay = int64_t(double(delay) * std::uniform_real_distribution<double>(0.5, 1.5)(rng));
        // Parked when it cannot succeed, or has failed for longer than park_after.
        bool park = permanent || (m.first_failed_at > 0 && at - m.first_failed_at > settings_.park_after);
        if (!store_.MarkOutboxFailed(m, why, at, now_ms() + delay, park, &error))
            LogEvent(LogLevel::Error, "relay", {{"order_no", m.order_no}, {"kind", m.kind}, {"error", error}});
        if (settings_.metrics) settings_.metrics->ObserveRelayDelivery(m.kind, park ? "parked" : "retry", 0);
        LogEvent(park ? LogLevel::Error : LogLevel::Warning, "relay",
                 {{"order_no", m.order_no}, {"kind", m.kind}, {"outcome", std::string(park ? "parked" : "retry")},
                  {"attempts", m.attempts + 1}, {"retry_in_ms", park ? int64_t(0) : delay}, {"why", why}});
    }
    SetCurrentRequestId({});
    return tried;
}

std::string OrderRelay::Deliver(const RelayStore::OutboxMessage& m, bool* permanent, std::string* sent)
{
    std::string error;
    std::optional<RelayStore::OrderDeclaration> d = store_.FindDeclaration(m.order_no, m.kind, &error);
    if (!d) return "reading the order: " + error;
    CebType type = m.kind == "inventory"    ? CebType::Inventory621
                   : m.kind == "withdrawal" ? CebType::Withdrawal623
                   : m.kind == "return"     ? CebType::Return625
                                            : CebType::Order311;
    // A withdrawal (or a return) names the list's number, which customs gives in its receipts:
    // until one has come, it waits (tried again), it is not broken.
    if ((type == CebType::Withdrawal623 || type == CebType::Return625) && d->invt_no.empty())
        return "waiting for customs' number of the list (invtNo) to name it";
    std::optional<CebOrder> order = CebOrderFor(*d, keys_, UnixNow(), &error);
    std::optional<std::string> xml =
        order ? SignedCebMessage(*order, type, kit_.config, *kit_.signer, *kit_.schema, &error) : std::nullopt;
    if (!xml) {
        *permanent = true; // it will not build better next time: an operator must look
        return error;
    }
    DxpEnvelope envelope;
    envelope.cop_msg_id = m.guid;
    envelope.sender_id = kit_.config.dxp_id; // ≤ 16, checked when the configuration is read
    envelope.receiver_ids = {settings_.receiver_id};
    envelope.created_at = UnixNow();
    envelope.msg_type = type == CebType::Order311       ? "CEB311Message"
                        : type == CebType::Inventory621 ? "CEB621Message"
                        : type == CebType::Return625    ? "CEB625Message"
                                                        : "CEB623Message";
    envelope.data = *xml;

    HttpTarget target = SplitUrl(settings_.gateway);
    httplib::Client client(target.base);
    client.set_connection_timeout(std::chrono::milliseconds(std::min(settings_.timeout_ms, 3000)));
    client.set_read_timeout(std::chrono::milliseconds(settings_.timeout_ms));
    client.set_write_timeout(std::chrono::milliseconds(settings_.timeout_ms));
    httplib::Headers headers;
    if (!CurrentRequestId().empty()) headers.emplace("X-Request-Id", CurrentRequestId()); // (operations/event_log.h)
    httplib::Result r = client.Post(target.path, headers, DxpMsgXml(envelope), "application/xml; charset=utf-8");
    if (!r) return "the single window cannot be reached: " + httplib::to_string(r.error());
    if (r->status >= 200 && r->status < 300) {
        *sent = *xml;
        return {};
    }
    // 4xx (but a time-out or too many requests): the gateway refuses this message as it is.
    *permanent = r->status >= 400 && r->status < 500 && r->status != 408 && r->status != 429;
    return "the single window answered " + std::to_string(r->status) + ": " + ShortenForReport(r->body, 300);
}

} // namespace bondstore

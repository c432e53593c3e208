#include "server/customs/plat_data_open.h"
#include "server/operations/event_log.h"

#include "server/customs/dxp_envelope.h"

#include "core/cart/cart_handoff.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace bondstore {

namespace {

const char* kUploaded = "uploaded";
const char* kRefused = "refused";
const char* kDue = "due";

void Log(const std::string& session, const std::string& order_no, const std::string& what)
{
    LogEvent(LogLevel::Info, "payment_data", {{"session", session}, {"order_no", order_no}, {"what", what}});
}

PaymentDataReply Reply(const char* code, std::string message, int64_t now_ms)
{
    PaymentDataReply r;
    r.code = code;
    r.message = std::move(message);
    r.service_time_ms = now_ms;
    return r;
}

} // namespace

PlatDataOpen::PlatDataOpen(Stores& stores, const PersonalData& keys, const RelayKit& kit, PlatDataOpenSettings settings)
    : stores_(stores), keys_(keys), kit_(kit), settings_(std::move(settings))
{
}

PlatDataOpen::~PlatDataOpen() { Stop(); }

PaymentDataReply PlatDataOpen::Ask(const std::string& open_req, int64_t now_ms)
{
    std::string why;
    std::optional<PaymentDataAsk> ask = ParsePaymentDataAskJson(open_req, &why);
    if (!ask) return Reply("20000", "openReq: " + why, now_ms);
    std::string error;
    std::optional<PaymentStore::Payment> payment = stores_.payments.Find(ask->order_no, &error);
    if (!payment) {
        Log(ask->session_id, ask->order_no, error);
        return Reply("20000", "暂时无法处理，请稍后再试 (the platform cannot answer now)", now_ms);
    }
    if (payment->order_no.empty() || (payment->state != "paid" && payment->state != "late")) {
        Log(ask->session_id, ask->order_no, "asked for, but the platform has no paid payment for it");
        return Reply("20000", "无此订单的支付数据 (no paid payment for order " + ask->order_no + ")", now_ms);
    }
    std::optional<bool> fresh = stores_.payment_data.Ask(ask->session_id, ask->order_no, ask->service_time_ms, now_ms / 1000, &error);
    if (!fresh) {
        Log(ask->session_id, ask->order_no, error);
        return Reply("20000", "暂时无法处理，请稍后再试 (the platform cannot answer now)", now_ms);
    }
    if (*fresh) Log(ask->session_id, ask->order_no, "asked; the upload follows");
    loop_.Wake();
    return Reply("10000", "", now_ms);
}

std::optional<PaymentDataUpload> PlatDataOpen::Upload(const std::string& session_id, const std::string& order_no, int64_t now_ms,
                                                      std::string* error)
{
    std::optional<PaymentStore::Payment> payment = stores_.payments.Find(order_no, error);
    if (!payment) return std::nullopt;
    if (payment->order_no.empty() || (payment->state != "paid" && payment->state != "late")) {
        *error = "no paid payment";
        return std::nullopt;
    }
    std::optional<RelayStore::OrderDeclaration> d = stores_.relay.FindDeclaration(order_no, "order", error);
    if (!d) return std::nullopt;
    std::optional<CebOrder> order = CebOrderFor(*d, keys_, now_ms / 1000, error);
    if (!order) return std::nullopt;
    auto merchant = kit_.config.merchants.find(order->merchant);
    if (merchant == kit_.config.merchants.end()) {
        *error = "merchant " + order->merchant + " has no customs registration";
        return std::nullopt;
    }
    auto open = [&](const std::string& sealed, const char* what) -> std::optional<std::string> {
        if (sealed.empty()) return std::string(); // paid before the store kept raw data: customs sees it is missing
        std::optional<std::string> text = keys_.Open(sealed);
        if (!text) *error = std::string("the payment's raw ") + what + " does not open with this data key";
        return text;
    };
    std::optional<std::string> request = open(payment->raw_request, "request");
    if (!request) return std::nullopt;
    std::optional<std::string> response = open(payment->raw_response, "answer");
    if (!response) return std::nullopt;

    PaymentDataUpload u;
    u.session_id = session_id;
    PaymentDataHead& h = u.head;
    h.guid = NewMessageGuid();
    h.inital_request = std::move(*request);
    h.inital_response = std::move(*response);
    h.ebp_code = kit_.config.platform.code;
    h.pay_code = order->pay_code;
    // The transaction as customs knows it from the payment company's record (CEB411) and the order (CEB311).
    h.pay_transaction_id = !order->payment_id.empty() ? order->payment_id : payment->transaction_id;
    h.total_amount = payment->amount;
    h.pay_type = payment->channel == "qr" ? "3" : "4";
    h.trading_time = CebTime(payment->paid_at ? payment->paid_at : payment->updated_at);
    PaymentDataOrder o;
    o.order_no = order_no;
    for (const CebOrder::Line& l : order->lines)
        o.goods.push_back({CustomsName(l.product), CartHandoffUrl(settings_.store_url, {CartLine{l.product.sku, l.qty}})});
    // The money goes to the merchant (the e-commerce enterprise) through the payment company.
    o.recp_account = merchant->second.code;
    o.recp_code = merchant->second.code;
    o.recp_name = merchant->second.name;
    u.orders.push_back(std::move(o));
    u.service_time_ms = std::to_string(now_ms);
    u.cert_no = kit_.signer->certificate_serial();
    std::optional<std::string> signature = kit_.signer->SignText(PaymentDataSignText(u), error);
    if (!signature) return std::nullopt;
    u.sign_value = std::move(*signature);
    return u;
}

int PlatDataOpen::RunOnce(int64_t now)
{
    if (settings_.upload_url.empty()) return 0;
    std::string error;
    std::optional<std::vector<PaymentDataStore::Row>> due = stores_.payment_data.Claim(now, 60, 8, &error);
    if (!due) {
        Log("-", "-", error);
        return 0;
    }
    for (const PaymentDataStore::Row& ask : *due) {
        auto finish = [&](const char* state, const std::string& answer, int64_t next_at) {
            std::string e;
            if (!stores_.payment_data.Finish(ask.session_id, state, answer, next_at, now, &e)) Log(ask.session_id, ask.order_no, e);
            Log(ask.session_id, ask.order_no, std::string(state) + ": " + answer);
        };
        auto retry = [&](const std::string& why) {
            if (now - ask.asked_at >= settings_.give_up_after) return finish(kRefused, "given up: " + why, now);
            int64_t wait = settings_.retry_s << std::min<int64_t>(ask.attempts - 1, 10);
            finish(kDue, why, now + std::min<int64_t>(wait, 3600));
        };
        std::string why;
        std::optional<PaymentDataUpload> upload = Upload(ask.session_id, ask.order_no, now * 1000, &why);
        if (!upload) {
            retry("not built: " + why); // a store that cannot be read now may be readable later
            continue;
        }
        HttpTarget target = SplitUrl(settings_.upload_url);
        httplib::Client client(target.base);
        client.set_connection_timeout(std::chrono::milliseconds(std::min(settings_.timeout_ms, 3000)));
        client.set_read_timeout(std::chrono::milliseconds(settings_.timeout_ms));
        client.set_write_timeout(std::chrono::milliseconds(settings_.timeout_ms));
        httplib::Headers headers;
        if (!CurrentRequestId().empty()) headers.emplace("X-Request-Id", CurrentRequestId()); // (operations/event_log.h)
        httplib::Result r = client.Post(target.path, headers, httplib::Params{{"payExInfoStr", PaymentDataUploadToJson(*upload)}});
        if (!r) {
            retry("customs cannot be reached: " + httplib::to_string(r.error()));
            continue;
        }
        std::optional<PaymentDataReply> reply = r->status == 200 ? ParsePaymentDataReplyJson(r->body) : std::nullopt;
        if (!reply) {
            retry("customs answered HTTP " + std::to_string(r->status) + ": " + r->body.substr(0, 200));
            continue;
        }
        std::string answer = reply->code + " " + reply->message;
        if (reply->code == "10000") finish(kUploaded, answer, now);
        else finish(kRefused, answer, now); // customs refuses the data as it is: an operator must look
    }
    return int(due->size());
}

void PlatDataOpen::Start()
{
    loop_.Start(
        [this] {
            return RunOnce(std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
        },
        std::chrono::milliseconds(500));
}

void PlatDataOpen::Stop() { loop_.Stop(); }

} // namespace bondstore

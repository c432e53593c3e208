// The single window's side of the API: customs' receipts coming in, and the relay's state for the
// operator (docs/api.md). Both rest on bearer tokens (from files or the environment: app/server_options.h).
#include "server/api/routes.h"
#include "server/operations/event_log.h"

#include "server/app/storefront.h"
#include "server/base/china_time.h"
#include "server/customs/ceb_receipt.h"
#include "server/customs/ceb_tax_bill.h"
#include "server/customs/dxp_envelope.h"
#include "server/http/body_routes.h"
#include "server/http/client_address.h"
#include "server/http/json_reply.h"

#include "core/wire/payment_data_json.h"
#include "core/wire/service_json.h"

#include <httplib.h>

#include <algorithm>

namespace bondstore {

namespace {

constexpr size_t kMaxReceiptBytes = 8u << 20;
constexpr size_t kMaxOpenReqBytes = 16u << 10;

void Unauthorized(Storefront& s, const httplib::Request& req, httplib::Response& res)
{
    res.set_header("WWW-Authenticate", "Bearer");
    s.errors.Send(req, res, 401, "unauthorized");
}

void InvalidMessage(Storefront& s, const httplib::Request& req, httplib::Response& res, std::string reason)
{
    ApiError error;
    error.code = "invalid_request";
    error.reason = std::move(reason);
    s.errors.Send(req, res, 400, std::move(error));
}

void TakeTaxBills(Storefront& s, const httplib::Request& req, httplib::Response& res, const std::string& message)
{
    CebTaxBillParse parsed = ParseCebTaxBills(message);
    if (!parsed.ok()) return InvalidMessage(s, req, res, parsed.error);
    ReceiptsAck ack;
    for (const TaxBill& bill : parsed.bills) {
        std::string error;
        std::optional<TaxBillStore::Recorded> r = s.stores->tax_bills.Record(bill, UnixNow(), &error);
        if (!r) return s.errors.Internal(req, res, "recording the tax bill " + bill.tax_no, error);
        if (!r->known_order) ack.unknown_orders++;
        else if (r->stale) ack.duplicates++;
        else ack.applied++;
        // The operator's work: said in the log at once, and listed by bondstore-admin tax-bills.
        if (r->known_order && !r->stale && !r->check.agrees())
            LogEvent(LogLevel::Warning, "tax_bill", {{"tax_no", bill.tax_no}, {"order_no", r->order_no}, {"outcome", std::string("differs")},
                                                     {"billed", FormatDecimal(r->check.billed)}, {"charged", FormatYuan(r->check.charged)},
                                                     {"difference", r->check.differences.front()}});
    }
    SendJson(res, 200, ReceiptsAckToJson(ack));
}

} // namespace

void MountSingleWindowRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& s)
{
    // Receipts (CEB312, CEB622, CEB624, CEB626) and tax bills (CEB816), bare or in a DxpMsg envelope, as customs (or the simulator)
    // posts them: the token first (before the body is read), then customs' signature (when its
    // certificate is configured), the schema, and each receipt stored and applied in one
    // transaction.
    auto token_first = [&s](const httplib::Request& req, httplib::Response& res) {
        if (HasBearerToken(req, s.options.receipt_token) && s.relay_kit) return true;
        Unauthorized(s, req, res);
        return false;
    };
    posts.Post("/api/single-window/receipts", {kMaxReceiptBytes}, [&s](const httplib::Request& req, httplib::Response& res,
                                                                        const std::string& body) {
        std::string message = body, why;
        if (s.customs_signature) {
            std::string unsigned_why;
            if (!s.customs_signature->Verify(body, &unsigned_why)) return InvalidMessage(s, req, res, "signature: " + unsigned_why);
        }
        // In an envelope (its root is dxp:DxpMsg), or bare.
        std::optional<DxpEnvelope> envelope = ParseDxpMsg(body, &why);
        if (envelope) message = envelope->data;
        else if (why != kNotDxpMsg) return InvalidMessage(s, req, res, why);
        // Customs' tax bills (CEB816) are read leniently (integrators' bills carry fields the schema
        // lacks), stored and checked against the tax charged.
        if (IsCebTaxBillMessage(message)) return TakeTaxBills(s, req, res, message);
        std::vector<std::string> invalid = s.relay_kit->schema->Validate(message);
        if (!invalid.empty()) return InvalidMessage(s, req, res, "CEB schema: " + invalid.front());
        CebReceiptParse parsed = ParseCebReceipts(message);
        if (!parsed.ok()) return InvalidMessage(s, req, res, parsed.error);
        ReceiptsAck ack;
        for (const CebReceipt& r : parsed.receipts) {
            std::string error;
            std::optional<RelayStore::ReceiptResult> result =
                s.stores->relay.ApplyCustomsReceipt({r.order_no, r.message, r.code, r.return_time, r.info, r.pre_no, r.invt_no}, UnixNow(), &error);
            // Customs sends again what was not acknowledged: the ones before stay applied (and are
            // duplicates then).
            if (!result) return s.errors.Internal(req, res, "applying the receipt for " + r.order_no, error);
            if (!result->known_order) ack.unknown_orders++;
            else if (result->duplicate) ack.duplicates++;
            else ack.applied++;
        }
        SendJson(res, 200, ReceiptsAckToJson(ack));
    }, token_first);

    // Customs' ask for an order's raw payment data (announcement 179, CLEARANCE.md §11): the form
    // field openReq, only from customs' addresses (--customs-address); answered at once in
    // customs' JSON, the signed upload follows (customs/plat_data_open.h).
    auto from_customs = [&s](const httplib::Request& req, httplib::Response& res) {
        std::string client = ClientAddress(req, s.options.trusted_proxies);
        const std::vector<std::string>& allowed = s.options.customs_addresses;
        if (s.plat_data_open && std::find(allowed.begin(), allowed.end(), client) != allowed.end()) return true;
        s.errors.Send(req, res, 403, "forbidden");
        return false;
    };
    posts.Post("/api/single-window/platDataOpen", {kMaxOpenReqBytes}, [&s](const httplib::Request& req, httplib::Response& res,
                                                                           const std::string& body) {
        httplib::Params form;
        httplib::detail::parse_query_text(body, form);
        auto open_req = form.find("openReq");
        int64_t now_ms = UnixNow() * 1000;
        PaymentDataReply reply;
        if (open_req == form.end()) {
            reply.code = "20000";
            reply.message = "openReq is missing";
            reply.service_time_ms = now_ms;
        } else {
            reply = s.plat_data_open->Ask(open_req->second, now_ms);
        }
        SendJson(res, 200, PaymentDataReplyToJson(reply));
    }, from_customs);

    // The relay for the operator: what waits, since when, what fails, what is parked.
    routes.Get("/api/admin/relay", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!HasBearerToken(req, s.options.admin_token)) return Unauthorized(s, req, res);
        std::string error;
        std::optional<RelayStore::RelayStats> st = s.stores->relay.GetRelayStats(&error);
        if (!st) return s.errors.Internal(req, res, "reading the relay's state", error);
        RelayStatus status;
        status.on = !s.options.single_window.empty();
        status.pending = st->pending;
        status.failing = st->failing;
        status.oldest_age_s = st->oldest_ready_at ? UnixNow() - st->oldest_ready_at : 0;
        status.sent = st->sent;
        status.parked_total = st->parked_total;
        for (const auto& p : st->parked) status.parked.push_back({p.order_no, p.kind, p.error, p.ready_at, p.attempts});
        SendJson(res, 200, RelayStatusToJson(status));
    });
}

} // namespace bondstore

#include "single_window_api.h"

#include "ceb_receipt.h"
#include "china_time.h"
#include "dxp_envelope.h"
#include "storefront.h"

#include "core/wire.h"

#include <httplib.h>
#include <openssl/crypto.h>

namespace bondstore {

namespace {

// A bearer token compared in constant time; an empty expected token refuses everyone.
bool HasToken(const httplib::Request& req, const std::string& expected)
{
    std::string header = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (expected.empty() || header.rfind(prefix, 0) != 0) return false;
    std::string got = header.substr(prefix.size());
    return got.size() == expected.size() && CRYPTO_memcmp(got.data(), expected.data(), got.size()) == 0;
}

void Unauthorized(Storefront& s, const httplib::Request& req, httplib::Response& res)
{
    res.set_header("WWW-Authenticate", "Bearer");
    s.errors.Send(req, res, 401, "unauthorized");
}

} // namespace

void MountSingleWindowRoutes(httplib::Server& server, Storefront& s)
{
    // Receipts (CEB312, CEB622), bare or in a DxpMsg envelope, as customs (or the simulator)
    // posts them. Checked against the schema, then each stored and applied in one transaction.
    server.Post("/api/single-window/receipts", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!HasToken(req, s.options.receipt_token) || !s.relay_kit) return Unauthorized(s, req, res);
        if (req.body.size() > (8u << 20)) return s.errors.Send(req, res, 413, "body_too_large");
        std::string message = req.body, why;
        // In an envelope (its root is dxp:DxpMsg), or bare.
        std::optional<DxpEnvelope> envelope = ParseDxpMsg(req.body, &why);
        if (envelope) message = envelope->data;
        else if (why != kNotDxpMsg) return s.errors.SendWith(req, res, 400, "invalid_request", {}, "\"reason\":" + JsonQuote(why));
        std::vector<std::string> invalid = s.relay_kit->schema->Validate(message);
        if (!invalid.empty())
            return s.errors.SendWith(req, res, 400, "invalid_request", {}, "\"reason\":" + JsonQuote("CEB schema: " + invalid.front()));
        CebReceiptParse parsed = ParseCebReceipts(message);
        if (!parsed.ok()) return s.errors.SendWith(req, res, 400, "invalid_request", {}, "\"reason\":" + JsonQuote(parsed.error));
        int applied = 0, duplicates = 0, unknown = 0;
        for (const CebReceipt& r : parsed.receipts) {
            std::string error;
            std::optional<Store::ReceiptResult> result =
                s.store->ApplyCustomsReceipt({r.order_no, r.message, r.code, r.return_time, r.info}, UnixNow(), &error);
            if (!result) {
                // Customs sends again what was not acknowledged: the ones before stay applied
                // (and are duplicates then).
                std::fprintf(stderr, "bondstore-server: receipt for %s: %s\n", r.order_no.c_str(), error.c_str());
                return s.errors.Send(req, res, 500, "internal");
            }
            if (!result->known_order) unknown++;
            else if (result->duplicate) duplicates++;
            else applied++;
        }
        res.set_header("Cache-Control", "no-store");
        res.set_content("{\"applied\":" + std::to_string(applied) + ",\"duplicates\":" + std::to_string(duplicates) +
                            ",\"unknown_orders\":" + std::to_string(unknown) + "}",
                        "application/json; charset=utf-8");
    });

    // The relay for the operator: what waits, since when, what fails, what is parked.
    server.Get("/api/admin/relay", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!HasToken(req, s.options.admin_token)) return Unauthorized(s, req, res);
        std::string error;
        std::optional<Store::RelayStats> st = s.store->GetRelayStats(&error);
        if (!st) return s.errors.Send(req, res, 500, "internal");
        int64_t now = UnixNow();
        std::string parked = "[";
        for (size_t i = 0; i < st->parked.size(); i++) {
            const auto& p = st->parked[i];
            parked += (i ? "," : "") + std::string("{\"order_no\":") + JsonQuote(p.order_no) + ",\"kind\":" + JsonQuote(p.kind) +
                      ",\"error\":" + JsonQuote(p.error) + ",\"ready_at\":" + std::to_string(p.ready_at) +
                      ",\"attempts\":" + std::to_string(p.attempts) + "}";
        }
        parked += "]";
        res.set_header("Cache-Control", "no-store");
        res.set_content("{\"relay\":" + std::string(s.options.single_window.empty() ? "\"off\"" : "\"on\"") +
                            ",\"pending\":" + std::to_string(st->pending) + ",\"failing\":" + std::to_string(st->failing) +
                            ",\"oldest_age_s\":" + std::to_string(st->oldest_ready_at ? now - st->oldest_ready_at : 0) +
                            ",\"sent\":" + std::to_string(st->sent) + ",\"parked_total\":" + std::to_string(st->parked_total) +
                            ",\"parked\":" + parked + "}",
                        "application/json; charset=utf-8");
    });
}

} // namespace bondstore

// bondstore-single-window: a simulator of customs' single window, for development, the README demo
// and the tests (server/customs/single_window_simulator.h). See `bondstore-single-window --help`.
#include "server/base/files.h"
#include "server/customs/dxp_envelope.h"
#include "server/customs/payment_data_grab.h"
#include "server/customs/single_window_simulator.h"

#include "core/wire/tax_json.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <thread>

using namespace bondstore;

namespace {

const char* kUsage = R"(bondstore-single-window — a simulator of customs' single window, for development and tests

Usage: bondstore-single-window --trusted-cert PEM --receipts-url URL [options]
       (the receipt token from BONDSTORE_RECEIPT_TOKEN or --receipt-token-file)

  --port N                 port (0: any; printed), default 0
  --bind ADDR              default 127.0.0.1
  --ceb-xsd FILE           customs' ceb_import_202205.xsd (default: ../shared beside the checkout);
                           ceb_terminal_202205.xsd is read from beside it
  --trusted-cert PEM       the certificate messages must be signed with
  --receipts-url URL       where receipts go (the store's /api/single-window/receipts)
  --receipt-token-file F   the bearer token the store expects on receipts (or BONDSTORE_RECEIPT_TOKEN)
  --signing-key PEM        customs' key: receipts' envelopes are signed with it (enveloped XML-DSig)
  --payment-cert PEM       a payment company's certificate: its CEB411 vouchers must be signed with it
                           (repeatable); GET /payments?order=NO shows the voucher kept for an order
  --fail-rate R            0–1: requests answered 503 (half before, half after taking the message)
  --latency-ms N           added to every request
  --down FROM:TO           seconds since start during which every request gets 503 (repeatable)
  --duplicate-receipts R   0–1: receipts sent twice
  --shuffle-receipts       receipts of a message in random order
  --receipt-delay-ms N     between a message's receipts, default 50
  --seed N                 for the random faults
  --carrier-cert PEM       a carrier's certificate: its CEB511 waybill records must be signed with it
                           (repeatable); GET /waybills?order=NO shows the record kept for an order
  --require LIST           the documents a list is matched with before release: payment,waybill
                           (default), payment, waybill or none (three documents matched)
  --tax-table FILE         core's tax table: the limits are checked with its rules (default: the
                           project's assets/tax/tax-table.json)
  --annual-limit-fen N     a lower annual limit than the rules' (0, default: the rules' own); to
                           play a buyer who also bought on other platforms
  --plat-data-open URL     the platform's platDataOpen (announcement 179), default the receipts
                           URL's origin + /api/single-window/platDataOpen
GET /stats: what arrived, by guid. POST /control/down (body 1 or 0): down or up.
POST /control/inspect (body: an order number): its list is inspected (500) and kept from release
until POST /control/release (same body; 409 if it is not under inspection).
POST /control/tax-bill-offset (body: fen, may be negative): the next list's tax bill (CEB816) states
its VAT off by that much.
Announcement 179: POST /control/ask-payment-data (body: an order number, or empty for a random
released order) asks the platform for its raw payment data and answers {"session","order","reply"};
the upload comes to POST /ceb2grab/grab/realTimeDataUpload and is checked against the payment
company's CEB411; GET /payment-data?session=S says waiting, verified or refused: why.
)";

} // namespace

#ifndef BONDSTORE_DEFAULT_TAX_TABLE
#define BONDSTORE_DEFAULT_TAX_TABLE "assets/tax/tax-table.json"
#endif
#ifndef BONDSTORE_DEFAULT_CEB_XSD
#define BONDSTORE_DEFAULT_CEB_XSD "../shared/customs/xsd/v202205/ceb_import_202205.xsd"
#endif

int main(int argc, char** argv)
{
    SingleWindowSimulator sim;
    SimulatorOptions& o = sim.o;
    std::string plat_data_open;
    PaymentDataGrab grab;
    o.ceb_xsd = BONDSTORE_DEFAULT_CEB_XSD;
    o.tax_table = BONDSTORE_DEFAULT_TAX_TABLE;
    std::vector<std::string> args(argv + 1, argv + argc);
    for (size_t i = 0; i < args.size(); i++) {
        const std::string& a = args[i];
        bool more = i + 1 < args.size();
        auto number = [&](double lo, double hi, double* out) {
            try {
                *out = std::stod(args[++i]);
            } catch (...) {
                return false;
            }
            return *out >= lo && *out <= hi;
        };
        double v = 0;
        if (a == "--help" || a == "-h") { std::fputs(kUsage, stdout); return 0; }
        else if (a == "--port" && more && number(0, 65535, &v)) o.port = int(v);
        else if (a == "--bind" && more) o.bind = args[++i];
        else if (a == "--ceb-xsd" && more) o.ceb_xsd = args[++i];
        else if (a == "--trusted-cert" && more) o.trusted_cert = args[++i];
        else if (a == "--receipts-url" && more) o.receipts_url = args[++i];
        else if (a == "--plat-data-open" && more) plat_data_open = args[++i];
        else if (a == "--receipt-token-file" && more) {
            std::string file = args[++i];
            if (!ReadFile(file, &o.receipt_token)) { std::fprintf(stderr, "bondstore-single-window: cannot read %s\n", file.c_str()); return 2; }
            while (!o.receipt_token.empty() && (o.receipt_token.back() == '\n' || o.receipt_token.back() == ' ')) o.receipt_token.pop_back();
        }
        else if (a == "--signing-key" && more) o.signing_key = args[++i];
        else if (a == "--payment-cert" && more) o.payment_certs.push_back(args[++i]);
        else if (a == "--carrier-cert" && more) o.carrier_certs.push_back(args[++i]);
        else if (a == "--tax-table" && more) o.tax_table = args[++i];
        else if (a == "--require" && more) {
            std::string list = "," + args[++i] + ",";
            o.require_payment = list.find(",payment,") != std::string::npos;
            o.require_waybill = list.find(",waybill,") != std::string::npos;
            std::string rest = list;
            for (const char* known : {",payment", ",waybill", ",none"})
                for (size_t at; (at = rest.find(known)) != std::string::npos;) rest.erase(at, std::string(known).size());
            if (rest != ",") {
                std::fprintf(stderr, "bondstore-single-window: --require takes payment, waybill or none, got '%s'\n", args[i].c_str());
                return 2;
            }
        }
        else if (a == "--fail-rate" && more && number(0, 1, &o.fail_rate)) {}
        else if (a == "--duplicate-receipts" && more && number(0, 1, &o.duplicate_receipts)) {}
        else if (a == "--latency-ms" && more && number(0, 60000, &v)) o.latency_ms = int(v);
        else if (a == "--receipt-delay-ms" && more && number(0, 60000, &v)) o.receipt_delay_ms = int(v);
        else if (a == "--seed" && more && number(0, 1e15, &v)) o.seed = uint64_t(v);
        else if (a == "--annual-limit-fen" && more && number(0, 1e12, &v)) o.annual_limit_fen = int64_t(v);
        else if (a == "--shuffle-receipts") o.shuffle_receipts = true;
        else if (a == "--down" && more) {
            std::string w = args[++i];
            size_t colon = w.find(':');
            try {
                o.down.emplace_back(std::stod(w.substr(0, colon)), std::stod(w.substr(colon + 1)));
            } catch (...) {
                std::fprintf(stderr, "bondstore-single-window: --down needs FROM:TO in seconds, got '%s'\n", w.c_str());
                return 2;
            }
        } else {
            std::fprintf(stderr, "bondstore-single-window: bad argument '%s' (see --help)\n", a.c_str());
            return 2;
        }
    }
    if (o.receipt_token.empty())
        if (const char* t = std::getenv("BONDSTORE_RECEIPT_TOKEN")) o.receipt_token = t;
    if (o.trusted_cert.empty() || o.receipts_url.empty() || o.receipt_token.empty()) { std::fputs(kUsage, stderr); return 2; }
    sim.rng.seed(o.seed);
    o.terminal_xsd = o.ceb_xsd.substr(0, o.ceb_xsd.rfind('/') + 1) + "ceb_terminal_202205.xsd";
    std::string error, table_text;
    if (!ReadFile(o.tax_table, &table_text)) {
        std::fprintf(stderr, "bondstore-single-window: cannot read the tax table %s\n", o.tax_table.c_str());
        return 1;
    }
    TaxTableParse table = ParseTaxTableJson(table_text);
    if (!table.ok()) {
        std::fprintf(stderr, "bondstore-single-window: the tax table %s is not valid\n", o.tax_table.c_str());
        return 1;
    }
    sim.tax_table = std::move(table.table);
    std::vector<std::string> parties = o.payment_certs;
    parties.insert(parties.end(), o.carrier_certs.begin(), o.carrier_certs.end());
    sim.ceb = CebSchema::Load(o.ceb_xsd, &error);
    if (sim.ceb) sim.terminal = CebSchema::Load(o.terminal_xsd, &error);
    if (!sim.ceb || !sim.terminal || !sim.signatures.Init({o.trusted_cert}, &error) || !sim.payment_signatures.Init(parties, &error) ||
        (!o.signing_key.empty() && !sim.signatures.LoadSigningKey(o.signing_key, &error))) {
        std::fprintf(stderr, "bondstore-single-window: %s\n", error.c_str());
        return 1;
    }

    if (plat_data_open.empty()) plat_data_open = SplitUrl(o.receipts_url).base + "/api/single-window/platDataOpen";
    if (!grab.Init(plat_data_open, o.trusted_cert, &error)) {
        std::fprintf(stderr, "bondstore-single-window: %s\n", error.c_str());
        return 1;
    }

    std::signal(SIGPIPE, SIG_IGN);
    httplib::Server http;
    http.new_task_queue = [] { return new httplib::ThreadPool(32); };
    http.set_tcp_nodelay(true);
    http.Post("/ceb", [&](const httplib::Request& req, httplib::Response& res) { sim.Receive(req, res); });
    http.Get("/stats", [&](const httplib::Request&, httplib::Response& res) { res.set_content(sim.Stats(), "application/json"); });
    http.Get("/payments", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(sim.mutex);
        auto it = sim.payments.find(req.get_param_value("order"));
        if (it == sim.payments.end()) res.status = 404;
        else res.set_content(it->second.pay_code + " " + it->second.pay_transaction_id + " " + std::to_string(it->second.amount_paid_fen) + "\n",
                             "text/plain");
    });
    http.Get("/waybills", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(sim.mutex);
        auto it = sim.waybills.find(req.get_param_value("order"));
        if (it == sim.waybills.end()) res.status = 404;
        else res.set_content(it->second.Head("logisticsCode") + " " + it->second.Head("logisticsNo") + "\n", "text/plain");
    });
    http.Post("/control/down", [&](const httplib::Request& req, httplib::Response& res) {
        sim.forced_down = req.body == "1";
        res.set_content(sim.forced_down ? "down" : "up", "text/plain");
    });
    http.Post("/control/inspect", [&](const httplib::Request& req, httplib::Response& res) {
        sim.Inspect(req.body);
        res.status = 204;
    });
    // The next tax bill's VAT differs from the list's by the body's fen (a difference to report).
    http.Post("/control/tax-bill-offset", [&](const httplib::Request& req, httplib::Response& res) {
        const std::string& v = req.body;
        bool number = !v.empty() && v.size() <= 9 && v.find_first_not_of("-0123456789") == std::string::npos && v.find('-', 1) == std::string::npos;
        if (!number) return void(res.status = 400);
        sim.OffsetNextTaxBill(std::stoll(v));
        res.status = 204;
    });
    // 409: that order's list is not under inspection.
    http.Post("/control/release", [&](const httplib::Request& req, httplib::Response& res) { res.status = sim.Release(req.body) ? 204 : 409; });
    // Announcement 179: customs asks for an order's raw payment data (the order customs has the
    // payment company's voucher for), and checks the upload against what it already knows.
    http.Post("/control/ask-payment-data", [&](const httplib::Request& req, httplib::Response& res) {
        PaymentDataExpected want;
        {
            std::lock_guard lock(sim.mutex);
            std::string order_no = req.body;
            if (order_no.empty() && !sim.released.empty()) {
                auto it = sim.released.begin();
                std::advance(it, int64_t(sim.rng() % sim.released.size()));
                order_no = *it;
            }
            auto payment = sim.payments.find(order_no);
            auto order = sim.orders.find(order_no);
            if (payment == sim.payments.end() || order == sim.orders.end()) {
                res.status = 409;
                // Customs has no order (CEB311) and payment record (CEB411) of that number.
                return res.set_content(R"({"error":"no_record","order":)" + nlohmann::json(order_no).dump() + "}", "application/json");
            }
            want = {order_no, order->second.Head("ebpCode"), payment->second.pay_code, payment->second.pay_transaction_id,
                    payment->second.amount_paid_fen};
        }
        PaymentDataGrab::Asked asked = grab.Ask(want, SingleWindowSimulator::NowMs());
        res.status = asked.accepted ? 200 : 502;
        res.set_content("{\"session\":\"" + asked.session_id + "\",\"order\":\"" + want.order_no + "\",\"reply\":" +
                            (asked.status == 200 && !asked.reply.empty() && asked.reply[0] == '{' ? asked.reply : "\"\"") + "}",
                        "application/json");
    });
    http.Post("/ceb2grab/grab/realTimeDataUpload", [&](const httplib::Request& req, httplib::Response& res) {
        res.set_content(PaymentDataReplyToJson(grab.Receive(req.body, SingleWindowSimulator::NowMs())), "application/json");
    });
    http.Get("/payment-data", [&](const httplib::Request& req, httplib::Response& res) {
        if (req.has_param("session")) {
            std::string outcome = grab.Outcome(req.get_param_value("session"));
            if (outcome.empty()) res.status = 404;
            return res.set_content(outcome + "\n", "text/plain");
        }
        res.set_content(grab.Stats(), "application/json");
    });
    int port = o.port == 0 ? http.bind_to_any_port(o.bind) : (http.bind_to_port(o.bind, o.port) ? o.port : -1);
    if (port <= 0) { std::fprintf(stderr, "bondstore-single-window: cannot listen on %s:%d\n", o.bind.c_str(), o.port); return 1; }
    std::thread sender([&] { sim.SendReceipts(); });
    std::printf("single window simulator at http://%s:%d/ceb\n", o.bind.c_str(), port);
    std::fflush(stdout);
    http.listen_after_bind();
    {
        std::lock_guard lock(sim.mutex);
        sim.stopping = true;
    }
    sim.wake.notify_all();
    sender.join();
    return 0;
}

// bondstore-single-window: plays customs' single window for development, the README demo and the
// tests. It takes DxpMsg posts as the real gateway does, checks each message the way customs
// would — the envelope, the official schema, the XML signature (with xmlsec, an implementation
// that is not Bondstore's), the buyer's annual quota — and answers asynchronously with CEB312 and
// CEB622 receipts posted back to the store. Faults on demand: failed requests, latency, downtime,
// duplicated and reordered receipts.
//
//   bondstore-single-window --trusted-cert PEM --receipts-url URL --receipt-token T [options]
//   (programs/single_window_main.cpp)
//
// Three documents matched (../shared/customs/CLEARANCE.md §5): an inventory list (CEB621) is
// released only when the order (CEB311), the payment company's payment record (CEB411) and the
// carrier's waybill record (CEB511) for its order number are in and agree — platform and
// merchant codes, the payment transaction, acturalPaid = the amount paid = goods + freight + tax,
// payer = buyer, the waybill number and the consignee. A list whose counterparts are missing is
// held (its 2 receipt only) until they come; a mismatch gets customs' rejection (100) naming it.
// Which counterparts are required is an option (--require payment,waybill: the default; a store on
// the sandbox payment provider has no payment company to send a CEB411). The list's limits are
// checked with core's tax rules (the same Quote the store charged by), against customs' own ledger
// of the buyer's year.
//
// GET /stats reports what it saw, counted by message guid (the test of "delivered exactly once in
// effect"); POST /control/down with body 1 or 0 takes it down or up. POST /control/inspect with an
// order number as the body has customs inspect that order's list (CEB622 500, no release) until
// POST /control/release with the same body (then 800). A withdrawal (CEB623) of a list not yet
// released is accepted (CEB624 2, 399) and the list never released. Payment companies' vouchers
// (CEB411, signed with a --payment-cert) are kept by order for matching: GET /payments?order=NO
// answers "payCode payTransactionId amountPaid(fen)". Carriers' waybill records (CEB511, signed
// with a --carrier-cert) likewise. (No CEB412/512 goes back to the company.)
#pragma once

#include "server/customs/ceb_receipt.h"
#include "server/customs/ceb_schema.h"
#include "server/customs/ceb_tax_bill.h"
#include "server/customs/simulator_signatures.h"

#include "core/tax/tax_table.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}


namespace bondstore {

struct SimulatorOptions {
    std::string bind = "127.0.0.1";
    int port = 0;
    std::string ceb_xsd, terminal_xsd, trusted_cert, receipts_url, receipt_token;
    std::string signing_key; // PEM: customs' key the receipts' envelopes are signed with ("" = unsigned)
    std::vector<std::string> payment_certs; // payment companies' certificates: their CEB411 must verify with one
    std::vector<std::string> carrier_certs; // carriers' certificates: their CEB511 must verify with one
    bool require_payment = true, require_waybill = true; // the counterparts a list is matched with
    std::string tax_table;                  // core's tax table: the limits
    double fail_rate = 0, duplicate_receipts = 0;
    int latency_ms = 0, receipt_delay_ms = 50;
    bool shuffle_receipts = false;
    std::vector<std::pair<double, double>> down; // seconds since start: [from, to)
    int64_t annual_limit_fen = 0; // a lower annual limit than the rules' (tests); 0: the rules' own
    uint64_t seed = 1;
};

// What the simulator reads from a message, by element name (namespace ceb): every field of its
// head (the first of each name), and each line of its OrderList, InventoryList or InvtRefundList.
struct MessageFacts {
    std::string root, guid, order_no, buyer_id, year;
    int64_t total_fen = 0;
    std::string pay_code, pay_transaction_id; // CEB411
    int64_t amount_paid_fen = 0;
    std::map<std::string, std::string> head;
    std::vector<std::map<std::string, std::string>> lines;
    std::string Head(const char* name) const
    {
        auto it = head.find(name);
        return it == head.end() ? std::string() : it->second;
    }
    static std::string Field(const std::map<std::string, std::string>& line, const char* name)
    {
        auto it = line.find(name);
        return it == line.end() ? std::string() : it->second;
    }
};
MessageFacts Facts(const std::string& xml);

struct SingleWindowSimulator {
    SimulatorOptions o;
    std::unique_ptr<CebSchema> ceb, terminal;
    SignatureCheck signatures;         // the store's (CEB311, CEB621)
    SignatureCheck payment_signatures; // payment companies' (CEB411) and carriers' (CEB511)
    TaxTable tax_table;                // core's rules, for the limits
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::atomic<bool> forced_down{false};

    std::mutex mutex; // everything below
    std::mt19937_64 rng;
    std::map<std::string, int> deliveries; // guid → times received (valid)
    int64_t received = 0, invalid = 0, refused_by_fault = 0, rejected_quota = 0, rejected_mismatch = 0, receipts_sent = 0;
    std::map<std::string, int64_t> ledger; // buyer id + year → fen counted
    // The documents of each order number, the first of each kind; and the lists held for a missing one.
    std::map<std::string, MessageFacts> orders, payments, waybills, held;
    std::map<std::string, std::string> invt_numbers;               // order number → the list's invtNo (once accepted)
    std::map<std::string, std::pair<std::string, int64_t>> counted; // order number → ledger key and fen counted
    std::set<std::string> released, withdrawn, returned;           // order numbers
    std::map<std::string, MessageFacts> lists;                      // order number → its list, once customs took it in
    struct Pending {
        int64_t due_ms;
        CebReceipt receipt; // message "tax_bill": `bill` is what is sent (a CEB816)
        TaxBill bill;
    };
    std::map<std::string, TaxBill> bills; // order number → its tax bill (CEB816), made when the list is taken in
    int64_t tax_bill_offset_fen = 0;      // POST /control/tax-bill-offset: the next bill's VAT differs by this
    int64_t tax_bills_sent = 0;
    std::vector<Pending> pending;
    std::map<std::string, std::string> to_inspect; // order number → the list's guid once it is under inspection ("" before)
    std::condition_variable wake;
    bool stopping = false;

    // Down now (--down windows, or POST /control/down)?
    bool Down();
    // A random number in [0, 1), for the faults.
    double Chance();
    static int64_t NowMs();
    // Customs' answers to a new message, scheduled (caller holds the mutex).
    void Answer(const MessageFacts& f);
    // A list whose counterparts are in: matched, limits checked, answered (caller holds the mutex).
    // `first`: its 2 receipt is not yet sent.
    void Clear(const MessageFacts& list, bool first);
    // Why the list and its documents disagree ("" when they agree), or that one is missing
    // (`missing`).
    std::string Mismatch(const MessageFacts& list, bool* missing);
    void Schedule(const std::string& message, const MessageFacts& f, const std::vector<std::pair<int64_t, std::string>>& steps);
    // A list's withdrawal (CEB623): accepted while customs has not released the list (it is held or
    // under inspection), the buyer's ledger given back; −623003 for an unknown invtNo, −623005 for a
    // released list (caller holds the mutex).
    void Withdraw(const MessageFacts& f);
    // A return (CEB625) of a released list's goods: each line a line of the list (same gnum and
    // gcode, no more than its quantity); accepted once, the buyer's ledger given back for what
    // returns (caller holds the mutex). 100 for an unknown or unreleased list, −625006 without
    // lines, −625209 for a line not in the list, −625022 for a second return.
    void Return(const MessageFacts& f);
    // The tax bill of a released list (status 1), or the void one after a return (3), sent after
    // the list's last receipt (caller holds the mutex).
    void ScheduleTaxBill(const std::string& order_no, int status, int64_t after_ms);
    // The next tax bill's VAT differs from the list's by `fen` (a customs-side difference, for tests).
    void OffsetNextTaxBill(int64_t fen);
    // An order's list to be inspected (kept from release), or released after its inspection;
    // false if that list is not under inspection.
    void Inspect(const std::string& order_no);
    bool Release(const std::string& order_no);
    // The gateway: one DxpMsg.
    void Receive(const httplib::Request& req, httplib::Response& res);
    // Posts due receipts to the store, each in its own DxpMsg; keeps those that fail for later.
    void SendReceipts();
    // What arrived, counted by message guid (core/wire/service_json.h SingleWindowStats).
    std::string Stats();
};

} // namespace bondstore

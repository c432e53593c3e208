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
// GET /stats reports what it saw, counted by message guid (the test of "delivered exactly once in
// effect"); POST /control/down with body 1 or 0 takes it down or up. POST /control/inspect with an
// order number as the body has customs inspect that order's list (CEB622 500, no release) until
// POST /control/release with the same body (then 800). Payment companies' vouchers
// (CEB411, signed with a --payment-cert) are kept by order for matching: GET /payments?order=NO
// answers "payCode payTransactionId amountPaid(fen)". (No CEB412 goes back to the company.)
#pragma once

#include "server/customs/ceb_receipt.h"
#include "server/customs/ceb_schema.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}

typedef struct _xmlSecKeysMngr xmlSecKeysMngr;
typedef struct _xmlSecKey xmlSecKey;

namespace bondstore {

struct SimulatorOptions {
    std::string bind = "127.0.0.1";
    int port = 0;
    std::string ceb_xsd, terminal_xsd, trusted_cert, receipts_url, receipt_token;
    std::string signing_key; // PEM: customs' key the receipts' envelopes are signed with ("" = unsigned)
    std::vector<std::string> payment_certs; // payment companies' certificates: their CEB411 must verify with one
    double fail_rate = 0, duplicate_receipts = 0;
    int latency_ms = 0, receipt_delay_ms = 50;
    bool shuffle_receipts = false;
    std::vector<std::pair<double, double>> down; // seconds since start: [from, to)
    int64_t single_limit_fen = 500000, annual_limit_fen = 2600000;
    uint64_t seed = 1;
};

// XML signature verification with xmlsec (one keys manager trusting the store's certificate), and
// customs' own signature on the receipts it sends (an enveloped signature, as the single window's).
class SignatureCheck {
public:
    bool Init(const std::vector<std::string>& certs, std::string* error);
    bool Verify(const std::string& xml);
    // Customs' signing key (PEM); then Sign signs a document. False (and `error`) if unreadable.
    bool LoadSigningKey(const std::string& pem, std::string* error);
    bool signing() const { return signing_key_ != nullptr; }
    std::string Sign(const std::string& xml);

private:
    xmlSecKeysMngr* manager_ = nullptr;
    xmlSecKey* signing_key_ = nullptr;
    std::mutex mutex_;
};

// The few fields the simulator reads from a message, by element name (namespace ceb).
struct MessageFacts {
    std::string root, guid, order_no, buyer_id, year;
    int64_t total_fen = 0;
    std::string pay_code, pay_transaction_id; // CEB411
    int64_t amount_paid_fen = 0;
};
MessageFacts Facts(const std::string& xml);

struct SingleWindowSimulator {
    SimulatorOptions o;
    std::unique_ptr<CebSchema> ceb, terminal;
    SignatureCheck signatures;         // the store's (CEB311, CEB621)
    SignatureCheck payment_signatures; // payment companies' (CEB411)
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::atomic<bool> forced_down{false};

    std::mutex mutex; // everything below
    std::mt19937_64 rng;
    std::map<std::string, int> deliveries; // guid → times received (valid)
    int64_t received = 0, invalid = 0, refused_by_fault = 0, rejected_quota = 0, receipts_sent = 0;
    std::map<std::string, int64_t> ledger; // buyer id + year → fen declared
    std::map<std::string, std::string> payments; // order number → "payCode payTransactionId amountPaid(fen)" 
    struct Pending {
        int64_t due_ms;
        CebReceipt receipt;
    };
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

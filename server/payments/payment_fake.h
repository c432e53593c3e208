// What the payment providers' local fakes (WeChatPayFake, AlipayFake) share: FakeCourier, what a
// fake sends on its own; the faults and counts the tests drive and read; account files made once.
//
// FakeCourier: notifications go to the store and are retried until it answers 2xx, as providers
// retry them; a payment company's payment record (CEB411) goes to the single window, signed and
// wrapped in a DxpMsg once, retried the same way; and timed work (a refund that completes later)
// runs on the same thread. The controls the tests use live here too: hold the notifications back
// (the store cannot be reached), then let them go; send the last one again, unchanged (a replay).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}

namespace bondstore {

class MessageSigner;

// What a fake counts (GET /fake/stats): its own work, and the courier's deliveries.
struct PaymentFakeStats {
    int64_t requests = 0, bad_signatures = 0, refused = 0, notifications_sent = 0, notifications_failed = 0;
    int64_t declarations = 0, refunds = 0, closed = 0, vouchers_sent = 0;
};
std::string PaymentFakeStatsText(const PaymentFakeStats& s); // "name value" lines

// The faults a test asks a fake for with POST /fake/control.
struct FakeFaults {
    std::string fail_next; // the next call answers a system error with this code (used up by it)
    int delay_ms = 0;      // every answer this late
    // The payment company's record to customs (CEB411) gets it wrong, once: another amount (fen), or
    // the payer's identity left unchecked (the store then declares an order customs may refuse).
    int64_t declare_amount_fen = -1;
    bool unchecked_identity = false;
};

// A file of a fake's account, made once: read if it is there, else made with `make` and written,
// so a second start keeps the keys the first one made (the store has them).
bool KeepAccountFile(const std::string& path, const std::function<std::string()>& make, std::string* into, std::string* error);

// Providers notify only public https URLs; a fake told to (the tests, the demo) also accepts plain
// http to this machine.
bool LoopbackHttpUrl(const std::string& url);

class FakeCourier {
public:
    struct Letter {
        std::string url, body, content_type;
        // The headers of one attempt (WeChat Pay signs each attempt with a fresh timestamp).
        std::function<std::vector<std::pair<std::string, std::string>>(const std::string& body)> headers;
        bool voucher = false; // to the single window: counted apart
        std::string expect_body; // delivered only when the answer's body is this too (Alipay: "success")
        std::function<bool(const std::string& body)> accepts; // or when this says so (SF: return_code 0000)
    };
    struct Stats {
        int64_t notifications_sent = 0, notifications_failed = 0, vouchers_sent = 0;
    };

    FakeCourier() = default;
    ~FakeCourier();
    FakeCourier(const FakeCourier&) = delete;
    FakeCourier& operator=(const FakeCourier&) = delete;

    void Start();
    void Stop();

    void Post(Letter letter);
    // A payment company's CEB411 (unsigned XML) to the single window at `url`: signed with
    // `signer`, in a DxpMsg from `dxp_sender` to customs (DXPEDCCEB0000002). A carrier's CEB511 the same way
    // (`msg_type` "CEB511Message").
    void PostVoucher(const std::string& url, const std::string& ceb_xml, MessageSigner& signer, const std::string& dxp_sender,
                     const std::string& msg_type = "CEB411Message");
    // Runs `task` on the courier's thread `delay_ms` from now (never under the courier's lock).
    void After(int64_t delay_ms, std::function<void()> task);

    void Hold(bool hold);
    // The last notification delivered, once more; false if none was.
    bool Replay();
    Stats stats();
    // `own` with the courier's deliveries filled in.
    PaymentFakeStats Counted(PaymentFakeStats own);

private:
    struct Queued {
        Letter letter;
        int attempt = 0;
        int64_t due_ms = 0;
    };
    void Loop();
    static int64_t NowMs();

    std::mutex mutex_; // everything below
    std::vector<Queued> queue_;
    std::multimap<int64_t, std::function<void()>> timers_;
    std::unique_ptr<Letter> last_sent_;
    bool hold_ = false, stopping_ = false;
    Stats stats_;
    std::condition_variable wake_;
    std::thread thread_;
};

// POST /fake/control: ?fail_next=CODE, ?delay_ms=N, ?declare_amount_fen=N, ?unchecked_identity=1, ?hold=1|0 (notifications kept back, then let
// go), ?replay=1 (the last notification again; 409 if none was sent). The caller holds the lock
// that guards `faults`.
void ControlFake(const httplib::Request& req, httplib::Response& res, FakeFaults& faults, FakeCourier& courier);

} // namespace bondstore

#include "server/payments/payment_fake.h"

#include "server/base/bytes.h"
#include "server/base/china_time.h"
#include "server/base/files.h"
#include "server/customs/dxp_envelope.h"
#include "server/customs/message_signer.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

namespace bondstore {

// Providers retry for a day (WeChat Pay: 15 s, 15 s, 30 s, 3 min, …); the fakes, faster, eight times.
constexpr int kAttempts = 8;

bool LoopbackHttpUrl(const std::string& url)
{
    return url.rfind("http://127.", 0) == 0 || url.rfind("http://localhost", 0) == 0 || url.rfind("http://[::1]", 0) == 0;
}

std::string PaymentFakeStatsText(const PaymentFakeStats& s)
{
    std::string out;
    for (auto [name, value] : {std::pair{"requests", s.requests}, {"bad_signatures", s.bad_signatures}, {"refused", s.refused},
                               {"notifications_sent", s.notifications_sent}, {"notifications_failed", s.notifications_failed},
                               {"declarations", s.declarations}, {"refunds", s.refunds}, {"closed", s.closed},
                               {"vouchers_sent", s.vouchers_sent}})
        out += std::string(name) + " " + std::to_string(value) + "\n";
    return out;
}

bool KeepAccountFile(const std::string& path, const std::function<std::string()>& make, std::string* into, std::string* error)
{
    if (ReadFile(path, into) && !into->empty()) return true;
    *into = make();
    if (WriteFileAtomically(path, *into)) return true;
    *error = "cannot write " + path;
    return false;
}

void ControlFake(const httplib::Request& req, httplib::Response& res, FakeFaults& faults, FakeCourier& courier)
{
    if (req.has_param("fail_next")) faults.fail_next = req.get_param_value("fail_next");
    if (req.has_param("delay_ms")) faults.delay_ms = std::atoi(req.get_param_value("delay_ms").c_str());
    if (req.has_param("declare_amount_fen")) faults.declare_amount_fen = std::atoll(req.get_param_value("declare_amount_fen").c_str());
    if (req.has_param("unchecked_identity")) faults.unchecked_identity = req.get_param_value("unchecked_identity") == "1";
    if (req.has_param("hold")) courier.Hold(req.get_param_value("hold") == "1");
    if (req.has_param("replay") && !courier.Replay()) {
        res.status = 409;
        res.set_content("nothing sent yet\n", "text/plain");
        return;
    }
    res.set_content("ok\n", "text/plain");
}

FakeCourier::~FakeCourier() { Stop(); }

int64_t FakeCourier::NowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void FakeCourier::Start()
{
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = false;
    if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
}

void FakeCourier::Stop()
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void FakeCourier::Post(Letter letter)
{
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(Queued{std::move(letter), 0, 0});
    wake_.notify_all();
}

void FakeCourier::PostVoucher(const std::string& url, const std::string& xml, MessageSigner& signer, const std::string& dxp_sender,
                              const std::string& msg_type)
{
    std::string error;
    std::optional<std::string> signed_xml = signer.Sign(xml, &error);
    DxpEnvelope e;
    size_t guid = xml.find("guid=\"");
    e.cop_msg_id = guid == std::string::npos ? RandomHex(16) : xml.substr(guid + 6, 36);
    e.sender_id = dxp_sender;
    e.receiver_ids = {"DXPEDCCEB0000002"}; // customs' import exchange id
    e.created_at = UnixNow();
    e.msg_type = msg_type;
    e.data = signed_xml.value_or(xml); // unsigned if signing failed: the single window refuses it, as it should
    Letter l;
    l.url = url;
    l.body = DxpMsgXml(e);
    l.content_type = "application/xml; charset=utf-8";
    l.voucher = true;
    Post(std::move(l));
}

void FakeCourier::After(int64_t delay_ms, std::function<void()> task)
{
    std::lock_guard<std::mutex> lock(mutex_);
    timers_.emplace(NowMs() + std::max<int64_t>(0, delay_ms), std::move(task));
    wake_.notify_all();
}

void FakeCourier::Hold(bool hold)
{
    std::lock_guard<std::mutex> lock(mutex_);
    hold_ = hold;
    wake_.notify_all();
}

bool FakeCourier::Replay()
{
    std::lock_guard<std::mutex> lock(mutex_);
    if (!last_sent_) return false;
    queue_.push_back(Queued{*last_sent_, 0, 0});
    wake_.notify_all();
    return true;
}

FakeCourier::Stats FakeCourier::stats()
{
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_;
}

PaymentFakeStats FakeCourier::Counted(PaymentFakeStats own)
{
    Stats c = stats();
    own.notifications_sent = c.notifications_sent;
    own.notifications_failed = c.notifications_failed;
    own.vouchers_sent = c.vouchers_sent;
    return own;
}

void FakeCourier::Loop()
{
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        int64_t now = NowMs();
        if (!timers_.empty() && timers_.begin()->first <= now) {
            std::function<void()> task = std::move(timers_.begin()->second);
            timers_.erase(timers_.begin());
            lock.unlock();
            task();
            lock.lock();
            continue;
        }
        int64_t next = timers_.empty() ? now + 1000 : std::min(now + 1000, timers_.begin()->first);
        auto due = queue_.end();
        for (auto it = queue_.begin(); it != queue_.end(); ++it) {
            if (hold_ && !it->letter.voucher) continue;
            if (it->due_ms <= now) {
                due = it;
                break;
            }
            next = std::min(next, it->due_ms);
        }
        if (due == queue_.end()) {
            wake_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(1, next - now)));
            continue;
        }
        Queued q = std::move(*due);
        queue_.erase(due);
        lock.unlock();
        HttpTarget target = SplitUrl(q.letter.url);
        httplib::Client c(target.base);
        c.set_connection_timeout(std::chrono::seconds(2));
        c.set_read_timeout(std::chrono::seconds(5));
        httplib::Headers headers;
        if (q.letter.headers)
            for (auto& [k, v] : q.letter.headers(q.letter.body)) headers.emplace(k, v);
        httplib::Result r = c.Post(target.path, headers, q.letter.body, q.letter.content_type);
        bool ok = r && r->status >= 200 && r->status < 300 && (q.letter.expect_body.empty() || r->body == q.letter.expect_body) &&
                  (!q.letter.accepts || q.letter.accepts(r->body));
        lock.lock();
        if (ok && q.letter.voucher) {
            stats_.vouchers_sent++;
        } else if (ok) {
            stats_.notifications_sent++;
            last_sent_ = std::make_unique<Letter>(q.letter);
        } else {
            if (!q.letter.voucher) stats_.notifications_failed++;
            // A record to customs is never given up (customs would hold the order's list for it
            // forever), and is tried again at most 2 s apart; a notification to the store gives
            // up after kAttempts, as providers do.
            ++q.attempt;
            if (q.letter.voucher || q.attempt < kAttempts) {
                q.due_ms = NowMs() + (int64_t(250) << std::min(q.attempt, q.letter.voucher ? 3 : 6));
                queue_.push_back(std::move(q));
            }
        }
    }
}

} // namespace bondstore

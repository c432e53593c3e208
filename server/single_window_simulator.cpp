// bondstore-single-window: plays customs' single window for development, the README demo and the
// tests. It takes DxpMsg posts as the real gateway does, checks each message the way customs
// would — the envelope, the official schema, the XML signature (with xmlsec, an implementation
// that is not Bondstore's), the buyer's annual quota — and answers asynchronously with CEB312 and
// CEB622 receipts posted back to the store. Faults on demand: failed requests, latency, downtime,
// duplicated and reordered receipts.
//
//   bondstore-single-window --trusted-cert PEM --receipts-url URL --receipt-token T [options]
//
// GET /stats reports what it saw, counted by message guid (the test of "delivered exactly once in
// effect"); POST /control/down with body 1 or 0 takes it down or up.
#include "ceb_message.h"
#include "ceb_receipt.h"
#include "ceb_schema.h"
#include "china_time.h"
#include "dxp_envelope.h"

#include <httplib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <xmlsec/crypto.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <vector>

using namespace bondstore;

namespace {

struct Options {
    std::string bind = "127.0.0.1";
    int port = 0;
    std::string ceb_xsd, terminal_xsd, trusted_cert, receipts_url, receipt_token;
    double fail_rate = 0, duplicate_receipts = 0;
    int latency_ms = 0, receipt_delay_ms = 50;
    bool shuffle_receipts = false;
    std::vector<std::pair<double, double>> down; // seconds since start: [from, to)
    int64_t single_limit_fen = 500000, annual_limit_fen = 2600000;
    uint64_t seed = 1;
};

// XML signature verification with xmlsec (one keys manager trusting the store's certificate).
class SignatureCheck {
public:
    bool Init(const std::string& cert, std::string* error)
    {
        if (xmlSecInit() < 0 || xmlSecCryptoAppInit(nullptr) < 0 || xmlSecCryptoInit() < 0) { *error = "xmlsec cannot start"; return false; }
        manager_ = xmlSecKeysMngrCreate();
        if (!manager_ || xmlSecCryptoAppDefaultKeysMngrInit(manager_) < 0 ||
            xmlSecCryptoAppKeysMngrCertLoad(manager_, cert.c_str(), xmlSecKeyDataFormatPem, xmlSecKeyDataTypeTrusted) < 0) {
            *error = "cannot load the trusted certificate " + cert;
            return false;
        }
        return true;
    }
    bool Verify(const std::string& xml)
    {
        std::lock_guard lock(mutex_); // xmlsec's contexts are per call, but keep it simple
        xmlDoc* doc = xmlReadMemory(xml.data(), int(xml.size()), nullptr, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (!doc) return false;
        bool ok = false;
        xmlNode* node = xmlSecFindNode(xmlDocGetRootElement(doc), xmlSecNodeSignature, xmlSecDSigNs);
        xmlSecDSigCtx* ctx = node ? xmlSecDSigCtxCreate(manager_) : nullptr;
        if (ctx && xmlSecDSigCtxVerify(ctx, node) >= 0) ok = ctx->status == xmlSecDSigStatusSucceeded;
        if (ctx) xmlSecDSigCtxDestroy(ctx);
        xmlFreeDoc(doc);
        return ok;
    }

private:
    xmlSecKeysMngr* manager_ = nullptr;
    std::mutex mutex_;
};

// The few fields the simulator reads from a message, by element name (namespace ceb).
struct MessageFacts {
    std::string root, guid, order_no, buyer_id, year;
    int64_t total_fen = 0;
};

MessageFacts Facts(const std::string& xml)
{
    MessageFacts f;
    xmlDoc* doc = xmlReadMemory(xml.data(), int(xml.size()), nullptr, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) return f;
    xmlNode* root = xmlDocGetRootElement(doc);
    f.root = reinterpret_cast<const char*>(root->name);
    std::vector<xmlNode*> stack = {root};
    while (!stack.empty()) {
        xmlNode* n = stack.back();
        stack.pop_back();
        for (xmlNode* c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE) stack.push_back(c);
        if (n->type != XML_ELEMENT_NODE || n == root) continue;
        std::string name = reinterpret_cast<const char*>(n->name);
        xmlChar* t = xmlNodeGetContent(n);
        std::string text = t ? reinterpret_cast<const char*>(t) : "";
        xmlFree(t);
        if (name == "guid" && f.guid.empty()) f.guid = text;
        else if (name == "orderNo") f.order_no = text;
        else if (name == "buyerIdNumber") f.buyer_id = text;
        else if (name == "appTime") f.year = text.substr(0, 4);
        else if (name == "totalPrice") f.total_fen += ParseYuan(text).value.fen;
    }
    xmlFreeDoc(doc);
    return f;
}

// The gateway's acknowledgement (DxpRep, ResponseCode 0: taken).
const char kAccepted[] = "<DxpRep ver=\"1.0\"><ResponseCode>0</ResponseCode></DxpRep>";

std::string ReturnTime(int64_t ms)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "%03d", int(ms % 1000));
    return CebTime(ms / 1000) + buf;
}

struct Simulator {
    Options o;
    std::unique_ptr<CebSchema> ceb, terminal;
    SignatureCheck signatures;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::atomic<bool> forced_down{false};

    std::mutex mutex; // everything below
    std::mt19937_64 rng;
    std::map<std::string, int> deliveries; // guid → times received (valid)
    int64_t received = 0, invalid = 0, refused_by_fault = 0, rejected_quota = 0, receipts_sent = 0;
    std::map<std::string, int64_t> ledger; // buyer id + year → fen declared
    struct Pending {
        int64_t due_ms;
        CebReceipt receipt;
    };
    std::vector<Pending> pending;
    std::condition_variable wake;
    bool stopping = false;

    bool Down()
    {
        if (forced_down) return true;
        double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        for (auto [from, to] : o.down)
            if (t >= from && t < to) return true;
        return false;
    }
    double Chance()
    {
        std::lock_guard lock(mutex);
        return std::uniform_real_distribution<double>(0, 1)(rng);
    }

    static int64_t NowMs()
    {
        return int64_t(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    }

    // Customs' answers to a new message, scheduled (caller holds the mutex).
    void Answer(const MessageFacts& f)
    {
        std::vector<std::pair<int64_t, std::string>> steps; // code, info
        std::string message = f.root == "CEB621Message" ? "inventory" : "order";
        if (message == "order") {
            steps = {{2, "新增申报成功"}, {120, "入库成功"}, {399, "审结"}};
        } else {
            std::string key = f.buyer_id + "/" + f.year;
            if (f.total_fen > o.single_limit_fen) {
                steps = {{2, "新增申报成功"}, {-621005, "订购金额超过单次交易限值"}};
                rejected_quota++;
            } else if (ledger[key] + f.total_fen > o.annual_limit_fen) {
                steps = {{2, "新增申报成功"}, {-621018, "订购人年度已购买额度加本次超过年度交易限值"}};
                rejected_quota++;
            } else {
                ledger[key] += f.total_fen;
                steps = {{2, "新增申报成功"}, {120, "入库成功"}, {399, "审结"}, {800, "放行"}};
            }
        }
        int64_t now = NowMs();
        for (size_t i = 0; i < steps.size(); i++) {
            int64_t due = now + int64_t(i + 1) * o.receipt_delay_ms;
            if (o.shuffle_receipts) due = now + std::uniform_int_distribution<int64_t>(1, int64_t(steps.size()) * o.receipt_delay_ms)(rng);
            CebReceipt r{message, f.guid, f.order_no, steps[i].first, ReturnTime(now + int64_t(i)), steps[i].second};
            pending.push_back({due, r});
            if (std::uniform_real_distribution<double>(0, 1)(rng) < o.duplicate_receipts) pending.push_back({due + o.receipt_delay_ms, r});
        }
        wake.notify_all();
    }

    // The gateway: one DxpMsg.
    void Receive(const httplib::Request& req, httplib::Response& res)
    {
        if (o.latency_ms) std::this_thread::sleep_for(std::chrono::milliseconds(o.latency_ms));
        if (Down()) {
            std::lock_guard lock(mutex);
            refused_by_fault++;
            res.status = 503;
            return;
        }
        // A failure before anything happened, or one after (the message was taken, the answer
        // lost): the sender must try again either way, and the second kind makes a duplicate.
        bool fail = Chance() < o.fail_rate, fail_after = fail && Chance() < 0.5;
        if (fail && !fail_after) {
            std::lock_guard lock(mutex);
            refused_by_fault++;
            res.status = 503;
            return;
        }
        std::string why;
        std::optional<DxpEnvelope> envelope = ParseDxpMsg(req.body, &why);
        std::vector<std::string> problems;
        if (envelope) {
            problems = terminal->Validate(req.body);
            if (problems.empty()) problems = ceb->Validate(envelope->data);
            if (problems.empty() && !signatures.Verify(envelope->data)) problems.push_back("signature verification failed (1001)");
        } else {
            problems.push_back(why);
        }
        std::lock_guard lock(mutex);
        received++;
        if (!problems.empty()) {
            invalid++;
            res.status = 400;
            res.set_content(problems.front(), "text/plain; charset=utf-8");
            return;
        }
        MessageFacts f = Facts(envelope->data);
        if (deliveries[f.guid]++ == 0) Answer(f); // a guid seen before: acknowledged, not processed again
        if (fail_after) {
            refused_by_fault++;
            res.status = 503;
            return;
        }
        res.set_content(kAccepted, "application/xml");
    }

    // Posts due receipts to the store, each in its own DxpMsg; keeps those that fail for later.
    void SendReceipts()
    {
        std::unique_lock lock(mutex);
        while (!stopping) {
            int64_t now = NowMs();
            std::vector<Pending> due;
            for (size_t i = 0; i < pending.size();)
                if (pending[i].due_ms <= now) {
                    due.push_back(pending[i]);
                    pending.erase(pending.begin() + long(i));
                } else {
                    i++;
                }
            if (due.empty()) {
                wake.wait_for(lock, std::chrono::milliseconds(20));
                continue;
            }
            lock.unlock();
            // As customs does: several receipts of one kind in one message (at most 100).
            std::vector<std::vector<Pending>> batches;
            for (const char* kind : {"order", "inventory"}) {
                std::vector<Pending> batch;
                for (const Pending& p : due)
                    if (p.receipt.message == kind) {
                        batch.push_back(p);
                        if (batch.size() == 100) { batches.push_back(batch); batch.clear(); }
                    }
                if (!batch.empty()) batches.push_back(batch);
            }
            std::vector<Pending> failed;
            for (const std::vector<Pending>& batch : batches) {
                std::vector<CebReceipt> receipts;
                for (const Pending& p : batch) receipts.push_back(p.receipt);
                DxpEnvelope e;
                e.cop_msg_id = NewMessageGuid();
                e.sender_id = "EPORT";
                e.receiver_ids = {"BONDSTORE"};
                e.created_at = UnixNow();
                e.msg_type = receipts[0].message == "order" ? "CEB312Message" : "CEB622Message";
                e.data = CebReceiptsXml(receipts, NewMessageGuid());
                HttpTarget target = SplitUrl(o.receipts_url);
                httplib::Client c(target.base);
                c.set_connection_timeout(std::chrono::seconds(2));
                c.set_read_timeout(std::chrono::seconds(10));
                auto r = c.Post(target.path,
                                {{"Authorization", "Bearer " + o.receipt_token}}, DxpMsgXml(e), "application/xml");
                if (r && r->status == 200) {
                    std::lock_guard count(mutex);
                    receipts_sent += int64_t(receipts.size());
                } else {
                    for (Pending again : batch) {
                        again.due_ms = NowMs() + 500; // the store is away: customs keeps them and tries again
                        failed.push_back(again);
                    }
                    if (r && r->status != 500)
                        std::fprintf(stderr, "bondstore-single-window: the store refused a receipt (%d): %s\n", r->status, r->body.c_str());
                }
            }
            lock.lock();
            for (const Pending& p : failed) pending.push_back(p);
        }
    }

    std::string Stats()
    {
        std::lock_guard lock(mutex);
        int64_t unique = int64_t(deliveries.size()), duplicates = 0;
        for (const auto& [guid, n] : deliveries) duplicates += n - 1;
        return "{\"received\":" + std::to_string(received) + ",\"unique\":" + std::to_string(unique) +
               ",\"duplicates\":" + std::to_string(duplicates) + ",\"invalid\":" + std::to_string(invalid) +
               ",\"refused_by_fault\":" + std::to_string(refused_by_fault) + ",\"rejected_quota\":" + std::to_string(rejected_quota) +
               ",\"receipts_sent\":" + std::to_string(receipts_sent) + ",\"receipts_pending\":" + std::to_string(pending.size()) + "}";
    }
};

const char* kUsage = R"(bondstore-single-window — a simulator of customs' single window, for development and tests

Usage: bondstore-single-window --trusted-cert PEM --receipts-url URL --receipt-token T [options]

  --port N                 port (0: any; printed), default 0
  --bind ADDR              default 127.0.0.1
  --ceb-xsd FILE           customs' ceb_import_202205.xsd (default: ../shared beside the checkout);
                           ceb_terminal_202205.xsd is read from beside it
  --trusted-cert PEM       the certificate messages must be signed with
  --receipts-url URL       where receipts go (the store's /api/single-window/receipts)
  --receipt-token T        the bearer token the store expects on receipts
  --fail-rate R            0–1: requests answered 503 (half before, half after taking the message)
  --latency-ms N           added to every request
  --down FROM:TO           seconds since start during which every request gets 503 (repeatable)
  --duplicate-receipts R   0–1: receipts sent twice
  --shuffle-receipts       receipts of a message in random order
  --receipt-delay-ms N     between a message's receipts, default 50
  --seed N                 for the random faults
  --annual-limit-fen N     the buyer's annual limit as customs' ledger sees it, default 2600000
                           (lower it to play a buyer who also bought on other platforms)
GET /stats: what arrived, by guid. POST /control/down (body 1 or 0): down or up.
)";

} // namespace

#ifndef BONDSTORE_DEFAULT_CEB_XSD
#define BONDSTORE_DEFAULT_CEB_XSD "../shared/customs/xsd/v202205/ceb_import_202205.xsd"
#endif

int main(int argc, char** argv)
{
    Simulator sim;
    Options& o = sim.o;
    o.ceb_xsd = BONDSTORE_DEFAULT_CEB_XSD;
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
        else if (a == "--receipt-token" && more) o.receipt_token = args[++i];
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
    if (o.trusted_cert.empty() || o.receipts_url.empty() || o.receipt_token.empty()) { std::fputs(kUsage, stderr); return 2; }
    sim.rng.seed(o.seed);
    o.terminal_xsd = o.ceb_xsd.substr(0, o.ceb_xsd.rfind('/') + 1) + "ceb_terminal_202205.xsd";
    std::string error;
    sim.ceb = CebSchema::Load(o.ceb_xsd, &error);
    if (sim.ceb) sim.terminal = CebSchema::Load(o.terminal_xsd, &error);
    if (!sim.ceb || !sim.terminal || !sim.signatures.Init(o.trusted_cert, &error)) {
        std::fprintf(stderr, "bondstore-single-window: %s\n", error.c_str());
        return 1;
    }

    std::signal(SIGPIPE, SIG_IGN);
    httplib::Server http;
    http.new_task_queue = [] { return new httplib::ThreadPool(32); };
    http.set_tcp_nodelay(true);
    http.Post("/ceb", [&](const httplib::Request& req, httplib::Response& res) { sim.Receive(req, res); });
    http.Get("/stats", [&](const httplib::Request&, httplib::Response& res) { res.set_content(sim.Stats(), "application/json"); });
    http.Post("/control/down", [&](const httplib::Request& req, httplib::Response& res) {
        sim.forced_down = req.body == "1";
        res.set_content(sim.forced_down ? "down" : "up", "text/plain");
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

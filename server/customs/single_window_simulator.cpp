#include "server/customs/single_window_simulator.h"

#include "server/base/china_time.h"
#include "server/customs/ceb_message.h"
#include "server/customs/dxp_envelope.h"

#include "core/base/money.h"
#include "core/wire/service_json.h"

#include <httplib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <xmlsec/crypto.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>

#include <cstdio>
#include <thread>

namespace bondstore {

bool SignatureCheck::Init(const std::vector<std::string>& certs, std::string* error)
{
    static const bool started = xmlSecInit() >= 0 && xmlSecCryptoAppInit(nullptr) >= 0 && xmlSecCryptoInit() >= 0;
    if (!started) { *error = "xmlsec cannot start"; return false; }
    manager_ = xmlSecKeysMngrCreate();
    if (!manager_ || xmlSecCryptoAppDefaultKeysMngrInit(manager_) < 0) { *error = "xmlsec cannot make a keys manager"; return false; }
    for (const std::string& cert : certs)
        if (xmlSecCryptoAppKeysMngrCertLoad(manager_, cert.c_str(), xmlSecKeyDataFormatPem, xmlSecKeyDataTypeTrusted) < 0) {
            *error = "cannot load the trusted certificate " + cert;
            return false;
        }
    return true;
}
bool SignatureCheck::Verify(const std::string& xml)
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

bool SignatureCheck::LoadSigningKey(const std::string& pem, std::string* error)
{
    signing_key_ = xmlSecCryptoAppKeyLoad(pem.c_str(), xmlSecKeyDataFormatPem, nullptr, nullptr, nullptr);
    if (!signing_key_) *error = "cannot load the signing key " + pem;
    return signing_key_ != nullptr;
}

std::string SignatureCheck::Sign(const std::string& xml)
{
    std::lock_guard lock(mutex_);
    xmlDoc* doc = xmlReadMemory(xml.data(), int(xml.size()), nullptr, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) return xml;
    std::string out = xml;
    // An enveloped signature, last child of the root: inclusive C14N, RSA-SHA1, one reference to
    // the whole document.
    xmlNode* signature = xmlSecTmplSignatureCreate(doc, xmlSecTransformInclC14NId, xmlSecTransformRsaSha1Id, nullptr);
    xmlNode* reference = signature ? xmlSecTmplSignatureAddReference(signature, xmlSecTransformSha1Id, nullptr, BAD_CAST "", nullptr)
                                   : nullptr;
    if (reference && xmlSecTmplReferenceAddTransform(reference, xmlSecTransformEnvelopedId)) {
        xmlAddChild(xmlDocGetRootElement(doc), signature);
        xmlSecDSigCtx* ctx = xmlSecDSigCtxCreate(nullptr);
        if (ctx) {
            ctx->signKey = xmlSecKeyDuplicate(signing_key_);
            if (xmlSecDSigCtxSign(ctx, signature) >= 0) {
                xmlChar* dumped = nullptr;
                int n = 0;
                xmlDocDumpMemoryEnc(doc, &dumped, &n, "UTF-8");
                if (dumped) out.assign(reinterpret_cast<char*>(dumped), size_t(n));
                xmlFree(dumped);
            }
            xmlSecDSigCtxDestroy(ctx);
        }
    }
    xmlFreeDoc(doc);
    return out;
}

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
        else if (name == "payCode") f.pay_code = text;
        else if (name == "payTransactionId") f.pay_transaction_id = text;
        else if (name == "amountPaid") f.amount_paid_fen = ParseYuan(text).value.fen;
    }
    xmlFreeDoc(doc);
    return f;
}

namespace {

// The gateway's acknowledgement (DxpRep, ResponseCode 0: taken).
const char kAccepted[] = "<DxpRep ver=\"1.0\"><ResponseCode>0</ResponseCode></DxpRep>";

std::string ReturnTime(int64_t ms)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "%03d", int(ms % 1000));
    return CebTime(ms / 1000) + buf;
}

} // namespace


bool SingleWindowSimulator::Down()
{
    if (forced_down) return true;
    double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    for (auto [from, to] : o.down)
        if (t >= from && t < to) return true;
    return false;
}

double SingleWindowSimulator::Chance()
{
    std::lock_guard lock(mutex);
    return std::uniform_real_distribution<double>(0, 1)(rng);
}

int64_t SingleWindowSimulator::NowMs()
{
    return int64_t(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

// Customs' answers to a new message, scheduled (caller holds the mutex).
void SingleWindowSimulator::Answer(const MessageFacts& f)
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
            auto inspect = to_inspect.find(f.order_no);
            if (inspect != to_inspect.end()) {
                inspect->second = f.guid; // held at 500 until POST /control/release
                steps = {{2, "新增申报成功"}, {120, "入库成功"}, {500, "查验"}};
            } else {
                steps = {{2, "新增申报成功"}, {120, "入库成功"}, {399, "审结"}, {800, "放行"}};
            }
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

void SingleWindowSimulator::Inspect(const std::string& order_no)
{
    std::lock_guard lock(mutex);
    to_inspect.emplace(order_no, "");
}

bool SingleWindowSimulator::Release(const std::string& order_no)
{
    std::lock_guard lock(mutex);
    auto it = to_inspect.find(order_no);
    if (it == to_inspect.end() || it->second.empty()) return false;
    int64_t now = NowMs();
    pending.push_back({now + o.receipt_delay_ms, CebReceipt{"inventory", it->second, order_no, 399, ReturnTime(now), "审结"}});
    pending.push_back({now + 2 * o.receipt_delay_ms, CebReceipt{"inventory", it->second, order_no, 800, ReturnTime(now + 1), "放行"}});
    to_inspect.erase(it);
    wake.notify_all();
    return true;
}

// The gateway: one DxpMsg.
void SingleWindowSimulator::Receive(const httplib::Request& req, httplib::Response& res)
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
        // The platform signs its orders and lists; a payment company its vouchers.
        SignatureCheck& signer = envelope->msg_type == "CEB411Message" ? payment_signatures : signatures;
        if (problems.empty() && !signer.Verify(envelope->data)) problems.push_back("signature verification failed (1001)");
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
    if (f.root == "CEB411Message") {
        // Kept for matching with the platform's order (the first voucher of an order stays).
        payments.emplace(f.order_no, f.pay_code + " " + f.pay_transaction_id + " " + std::to_string(f.amount_paid_fen));
        res.set_content(kAccepted, "application/xml");
        return;
    }
    if (deliveries[f.guid]++ == 0) Answer(f); // a guid seen before: acknowledged, not processed again
    if (fail_after) {
        refused_by_fault++;
        res.status = 503;
        return;
    }
    res.set_content(kAccepted, "application/xml");
}

// Posts due receipts to the store, each in its own DxpMsg; keeps those that fail for later.
void SingleWindowSimulator::SendReceipts()
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
                            {{"Authorization", "Bearer " + o.receipt_token}},
                            signatures.signing() ? signatures.Sign(DxpMsgXml(e)) : DxpMsgXml(e), "application/xml");
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

std::string SingleWindowSimulator::Stats()
{
    std::lock_guard lock(mutex);
    SingleWindowStats stats;
    stats.received = received;
    stats.unique = int64_t(deliveries.size());
    for (const auto& [guid, n] : deliveries) stats.duplicates += n - 1;
    stats.invalid = invalid;
    stats.refused_by_fault = refused_by_fault;
    stats.rejected_quota = rejected_quota;
    stats.receipts_sent = receipts_sent;
    stats.receipts_pending = int64_t(pending.size());
    stats.payments = int64_t(payments.size());
    return SingleWindowStatsToJson(stats);
}

} // namespace bondstore

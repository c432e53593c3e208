// The single-window relay end to end (issue 7): a paid order's CEB311 and CEB621 go to the
// simulator (bondstore-single-window, which checks them as customs would, with xmlsec), its
// receipts come back and move the order to "released" — or "rejected", releasing stock and quota.
// Receipts twice or out of order never move an order backwards; an outage loses and duplicates
// nothing in effect; kill -9 of the server while relaying loses nothing.
#include <doctest/doctest.h>

#include "server/customs/dxp_envelope.h"
#include "server/customs/message_signer.h"
#include "tests/server/carrier_fixture.h"
#include "tests/server/order_fixture.h"

#include "core/wire/order_json.h"

#include <csignal>
#include <map>
#include <mutex>
#include <thread>

using namespace bondstore;
using namespace bondstore::test;
using json = nlohmann::json;

namespace {

// Tokens reach the programs through the environment (never argv), and must be strong.
const std::string kReceiptToken = "receipt-token-0123456789abcdefghijk";
const std::string kAdminToken = "admin-token-0123456789abcdefghijklm";
const std::vector<std::string> kTokenEnv = {"BONDSTORE_RECEIPT_TOKEN=" + kReceiptToken, "BONDSTORE_ADMIN_TOKEN=" + kAdminToken};

// A store with its relay on, and the simulator it talks to.
struct Relayed {
    Backend& backend;
    TempDir files;
    std::vector<std::string> server_args;
    int port = FreePort();
    // The carrier: SF Express's fake issues each paid order's waybill and declares it to customs
    // (CEB511); the simulator matches it with the list. (Payment is the sandbox's: no payment
    // company sends a CEB411, so the simulator is told not to wait for one.)
    LocalCarrier carrier{"http://127.0.0.1:" + std::to_string(port) + "/api/carriers/sf/routes"};
    ServerProcess sim, server;
    std::map<std::string, std::string> secrets; // order number → lookup secret
    std::mutex secrets_mutex;                    // (PaidOrder runs on several threads)

    Relayed(Backend& b, std::vector<std::string> sim_flags = {}, std::vector<std::string> server_flags = {},
            SignatureAlgorithm algorithm = SignatureAlgorithm::RsaSha1)
        : backend(b)
    {
        std::string store = b.dir->path + "/store";
        std::filesystem::create_directories(store);
        std::string error;
        // The key pair first, so the simulator can trust its certificate.
        REQUIRE_MESSAGE(CreateSelfSignedSigningKey(store + "/signing-key.pem", store + "/signing-cert.pem", "relay test", &error, algorithm), error);
        if (algorithm == SignatureAlgorithm::Sm2Sm3) server_flags.insert(server_flags.end(), {"--signing-algorithm", "sm2-sm3"});
        WriteFile(files.path + "/web/index.html", "<!doctype html>");
        WriteOrderCatalog(files.path + "/catalog.json");
        std::vector<std::string> sim_args = {"--trusted-cert", store + "/signing-cert.pem", "--carrier-cert", carrier.CertFile(), "--require",
                                             "waybill", "--ceb-xsd", CebXsdFile(), "--receipts-url",
                                             "http://127.0.0.1:" + std::to_string(port) + "/api/single-window/receipts",
                                             "--receipt-delay-ms", "20"};
        sim_args.insert(sim_args.end(), sim_flags.begin(), sim_flags.end());
        sim = ServerProcess::StartBinary(SimulatorBinary(), sim_args, kTokenEnv);
        carrier.Start(sim.url + "/ceb");
        server_args = b.ServerArgs();
        for (const std::string& a : carrier.ServerArgs()) server_args.push_back(a);
        for (const std::string& a :
             {std::string("--web-dir"), files.path + "/web", std::string("--seed-catalog"), files.path + "/catalog.json", std::string("--port"),
              std::to_string(port), std::string("--single-window"), sim.url + "/ceb", std::string("--ceb-xsd"), CebXsdFile(), std::string("--relay-retry-ms"),
              std::string("50"), std::string("--relay-max-retry-ms"), std::string("1000"), std::string("--relay-timeout-ms"), std::string("2000")})
            server_args.push_back(a);
        server_args.insert(server_args.end(), server_flags.begin(), server_flags.end());
        server = ServerProcess::Start(server_args, kTokenEnv);
    }

    // Places and pays an order for `lines` by buyer `buyer`; returns its number.
    std::string PaidOrder(const std::vector<std::pair<std::string, int>>& lines, int buyer, const std::string& key)
    {
        httplib::Client c(server.url);
        auto placed = PlaceOrder(c, key, OrderBody(lines, buyer, QuotedTotal(server.url, lines)));
        REQUIRE(placed);
        REQUIRE_MESSAGE(placed->status == 201, placed->body);
        json o = json::parse(placed->body);
        std::string no = o["order_no"].get<std::string>();
        {
            std::lock_guard lock(secrets_mutex);
            secrets[no] = o["lookup_secret"].get<std::string>();
        }
        auto start = c.Post("/api/orders/" + no + "/payment", {{"X-Order-Secret", o["lookup_secret"].get<std::string>()}}, "", "application/json");
        REQUIRE(start);
        auto paid = c.Post("/api/payments/sandbox/notify", json::parse(start->body)["notification"].dump(), "application/json");
        REQUIRE(paid);
        REQUIRE(paid->status == 200);
        return no;
    }

    std::string Status(const std::string& no) { return backend.Sql("SELECT status FROM orders WHERE order_no = '" + no + "'"); }

    // Waits up to `seconds` for the order to reach `status`.
    std::string WaitFor(const std::string& no, const std::string& status, int seconds = 20)
    {
        std::string now;
        for (int i = 0; i < seconds * 20 && (now = Status(no)) != status; i++) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return now;
    }

    json SimStats()
    {
        httplib::Client c(sim.url);
        auto r = c.Get("/stats");
        REQUIRE_MESSAGE(r, "the simulator does not answer; its log:\n" << sim.Stderr());
        return json::parse(r->body);
    }

    json RelayStats()
    {
        httplib::Client c(server.url);
        auto r = c.Get("/api/admin/relay", {{"Authorization", "Bearer " + kAdminToken}});
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return json::parse(r->body);
    }
};

// A receipt posted as customs would, bare (no envelope).
httplib::Result PostReceipt(const std::string& url, const std::string& xml, const std::string& token = kReceiptToken)
{
    httplib::Client c(url);
    return c.Post("/api/single-window/receipts", {{"Authorization", "Bearer " + token}}, xml, "application/xml");
}

std::string Receipt622(const std::string& guid, const std::string& order_no, int code, const std::string& time)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ceb:CEB622Message guid=\"" + guid +
           "\" version=\"1.0\" xmlns:ceb=\"http://www.chinaport.gov.cn/ceb\"><ceb:InventoryReturn><ceb:guid>" + guid +
           "</ceb:guid><ceb:copNo>" + order_no + "</ceb:copNo><ceb:preNo>P00000000000000000</ceb:preNo><ceb:returnStatus>" +
           std::to_string(code) + "</ceb:returnStatus><ceb:returnTime>" + time + "</ceb:returnTime><ceb:returnInfo>test</ceb:returnInfo>"
           "</ceb:InventoryReturn></ceb:CEB622Message>";
}

} // namespace

TEST_CASE("a paid order reaches the single window and is released by its receipts")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Relayed r(b);
        std::string no = r.PaidOrder({{"T-000", 1}, {"T-001", 1}}, 41, "relay-1");
        CHECK_MESSAGE(r.WaitFor(no, "released") == "released", r.server.Stderr() << r.sim.Stderr());
        // The timeline: paid → declared (the CEB311 was delivered) → released (CEB622 800).
        std::string timeline = b.kind == "sqlite"
                                   ? b.Sql("SELECT group_concat(status, ',') FROM (SELECT status FROM order_events WHERE order_no = '" + no + "' ORDER BY seq)")
                                   : b.Sql("SELECT string_agg(status, ',' ORDER BY seq) FROM order_events WHERE order_no = '" + no + "'");
        CHECK(timeline == "pending_payment,paid,declared,released");
        // Every receipt the simulator sent is stored once: 2/120/399 for the order, 2/120/399/800 for the list.
        for (int i = 0; i < 40 && b.SqlInt("SELECT count(*) FROM customs_receipts WHERE order_no = '" + no + "'") < 7; i++)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        CHECK(b.SqlInt("SELECT count(*) FROM customs_receipts WHERE order_no = '" + no + "'") == 7);
        // The shopper's view of the order carries customs' answers, in the order they arrived.
        httplib::Client shopper(r.server.url);
        auto view = shopper.Get("/api/orders/" + no, {{"X-Order-Secret", r.secrets[no]}});
        REQUIRE(view);
        json customs = json::parse(view->body)["customs"];
        CHECK(customs.size() == 7);
        bool released_seen = false;
        for (const json& step : customs) released_seen = released_seen || (step["message"] == "inventory" && step["code"] == 800);
        CHECK(released_seen);
        json sim = r.SimStats();
        CHECK(sim["unique"] == 2); // one CEB311, one CEB621
        CHECK(sim["invalid"] == 0);
        json relay = r.RelayStats();
        CHECK(relay["sent"] == 2);
        CHECK(relay["pending"] == 0);
        CHECK(relay["parked"].empty());
        // The audit CLI prints what was sent; the store keeps it sealed, never in the clear.
        std::vector<std::string> ceb = {"ceb", no, "--data-dir", b.dir->path + "/store", "--ceb-xsd", CebXsdFile()};
        if (b.kind == "postgresql") { ceb.push_back("--database"); ceb.push_back(b.conninfo); }
        RunResult printed = Run(AdminBinary(), ceb);
        CHECK(printed.exit_code == 0);
        CHECK(printed.out.rfind("<?xml", 0) == 0);
        CHECK(printed.out.find("<ceb:CEB311Message") != std::string::npos);
        CHECK(printed.out.find("<ceb:orderNo>" + no + "</ceb:orderNo>") != std::string::npos);
        CHECK(printed.out.find("王小明") != std::string::npos);
        std::string kept = b.Sql("SELECT message FROM outbox WHERE kind = 'order' AND order_no = '" + no + "'");
        CHECK(!kept.empty());
        CHECK(kept.find("<?xml") == std::string::npos);
        CHECK(kept.find(no) == std::string::npos);

        // Receipts again, late, out of order: stored once, never backwards.
        std::string guid = b.Sql("SELECT guid FROM outbox WHERE kind = 'inventory' AND order_no = '" + no + "'");
        auto late = PostReceipt(r.server.url, Receipt622(guid, no, 120, "20991231235959000"));
        REQUIRE(late);
        CHECK(late->status == 200);
        CHECK(json::parse(late->body)["applied"] == 1);
        CHECK(r.Status(no) == "released");
        auto again = PostReceipt(r.server.url, Receipt622(guid, no, 120, "20991231235959000"));
        REQUIRE(again);
        CHECK(json::parse(again->body)["duplicates"] == 1);
        // Without the token, or not a receipt: refused, nothing stored.
        auto stranger = PostReceipt(r.server.url, Receipt622(guid, no, -621018, "20991231235959001"), "guess");
        REQUIRE(stranger);
        CHECK(stranger->status == 401);
        auto junk = PostReceipt(r.server.url, "<ceb:CEB622Message xmlns:ceb=\"http://www.chinaport.gov.cn/ceb\"/>");
        REQUIRE(junk);
        CHECK(junk->status == 400);
        // A document type (entities: the way to a file on the server, or a billion laughs) is
        // refused before anything reads the message.
        int64_t kept_receipts = b.SqlInt("SELECT count(*) FROM customs_receipts WHERE order_no = '" + no + "'");
        std::string with_entity = Receipt622(guid, no, 120, "20991231235959002");
        with_entity.insert(with_entity.find("<ceb:CEB622Message"),
                           "<!DOCTYPE ceb:CEB622Message [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n");
        with_entity.replace(with_entity.find(">test<"), 6, ">&e;<");
        auto entity = PostReceipt(r.server.url, with_entity);
        REQUIRE(entity);
        CHECK(entity->status == 400);
        CHECK(entity->body.find("root:") == std::string::npos);
        CHECK(b.SqlInt("SELECT count(*) FROM customs_receipts WHERE order_no = '" + no + "'") == kept_receipts);
        CHECK(r.Status(no) == "released");

        // What the store keeps: no buyer's name, ID number, phone or address, and no order's
        // lookup secret, in any byte of the database (SQLite's file and log; PostgreSQL's dump)
        // — sealed (docs/security.md).
        std::string stored = b.StoredBytes();
        CHECK(stored.size() > 10000);
        CHECK(stored.find(no) != std::string::npos); // the search works: order numbers are there
        for (const std::string& secret : {std::string("王小明"), ValidIdNumber(41), std::string("13800138000"), std::string("139 0013 9000"),
                                          std::string("重庆市渝北区两路寸滩保税港区"), r.secrets[no]}) {
            CAPTURE(secret);
            CHECK(stored.find(secret) == std::string::npos);
        }
    }
}

TEST_CASE("signed with SM2-SM3: customs verifies the store's messages and releases the order; another key's are invalid")
{
    Backend b = SqliteBackend();
    Relayed r(b, {}, {}, SignatureAlgorithm::Sm2Sm3);
    std::string no = r.PaidOrder({{"T-000", 1}}, 43, "relay-sm2");
    CHECK_MESSAGE(r.WaitFor(no, "released") == "released", r.server.Stderr() << r.sim.Stderr());
    json sim = r.SimStats();
    CHECK(sim["unique"] == 2);
    CHECK(sim["invalid"] == 0);
    RunResult printed = Run(AdminBinary(), {"ceb", no, "--data-dir", b.dir->path + "/store", "--ceb-xsd", CebXsdFile()});
    CHECK(printed.exit_code == 0);
    CHECK(printed.out.find("Algorithm=\"http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3\"") != std::string::npos);
    CHECK(printed.out.find("Algorithm=\"http://www.chinaport.gov.cn/2022/04/xmldsig#sm3\"") != std::string::npos);

    // A store asked for RSA-SHA1 with an SM2 key does not start: it says why.
    std::vector<std::string> args = r.server_args;
    args.insert(args.end(), {"--signing-algorithm", "rsa-sha1", "--port", "0"});
    RunResult refused = Run(ServerBinary(), args, kTokenEnv);
    CHECK(refused.exit_code != 0);
    CHECK(refused.err.find("does not sign with rsa-sha1") != std::string::npos);
}

TEST_CASE("customs inspects an order's goods: the order says so while they are held, and goes on when they are released")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Relayed r(b);
        httplib::Client sim(r.sim.url);
        // The single window down a moment, so that customs knows which order to inspect before its list arrives.
        REQUIRE(sim.Post("/control/down", "1", "text/plain"));
        std::string no = r.PaidOrder({{"T-002", 1}}, 42, "inspect-1");
        REQUIRE(sim.Post("/control/inspect", no, "text/plain")->status == 204);
        REQUIRE(sim.Post("/control/down", "0", "text/plain"));
        auto inspected = [&] {
            return b.SqlInt("SELECT count(*) FROM customs_receipts WHERE order_no = '" + no + "' AND kind = 'inventory' AND status = '500'") == 1;
        };
        for (int i = 0; i < 400 && !inspected(); i++) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        REQUIRE(inspected());
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        CHECK(r.Status(no) == "declared"); // held: not released
        // The shopper's view of the order carries the inspection, and core reads it as a hold.
        httplib::Client shopper(r.server.url);
        auto view = shopper.Get("/api/orders/" + no, {{"X-Order-Secret", r.secrets[no]}});
        REQUIRE(view);
        OrderReceiptParse seen = ParseOrderReceiptJson(view->body);
        REQUIRE(seen.ok());
        CHECK(CustomsHoldOf(seen.receipt.status, seen.receipt.customs) == CustomsHold::Inspection);
        // The inspection done: concluded and released.
        REQUIRE(sim.Post("/control/release", no, "text/plain")->status == 204);
        CHECK(r.WaitFor(no, "released") == "released");
        seen = ParseOrderReceiptJson(shopper.Get("/api/orders/" + no, {{"X-Order-Secret", r.secrets[no]}})->body);
        REQUIRE(seen.ok());
        CHECK(CustomsHoldOf(seen.receipt.status, seen.receipt.customs) == CustomsHold::None);
        CHECK(sim.Post("/control/release", no, "text/plain")->status == 409); // nothing under inspection now
    }
}

TEST_CASE("receipts signed by customs are verified against its certificate; unsigned, altered or foreign ones are refused")
{
    Backend b = PostgresBackend();
    TempDir keys;
    std::string error;
    REQUIRE_MESSAGE(CreateSelfSignedSigningKey(keys.path + "/customs-key.pem", keys.path + "/customs-cert.pem", "customs", &error), error);
    REQUIRE_MESSAGE(CreateSelfSignedSigningKey(keys.path + "/other-key.pem", keys.path + "/other-cert.pem", "someone", &error), error);
    // The simulator signs its receipts with customs' key (xmlsec); the store trusts only that
    // certificate (its own verifier): two implementations agree.
    Relayed r(b, {"--signing-key", keys.path + "/customs-key.pem"}, {"--single-window-cert", keys.path + "/customs-cert.pem"});
    std::string no = r.PaidOrder({{"T-004", 1}}, 1001, "signed-1");
    CHECK_MESSAGE(r.WaitFor(no, "released") == "released", r.server.Stderr());
    std::string guid = b.Sql("SELECT guid FROM outbox WHERE kind = 'inventory' AND order_no = '" + no + "'");
    int64_t receipts = b.SqlInt("SELECT count(*) FROM customs_receipts");

    auto sign = [&](const std::string& who, const std::string& xml) {
        std::string e;
        auto signer = OpenKeySigner(keys.path + "/" + who + "-key.pem", keys.path + "/" + who + "-cert.pem", who, &e);
        REQUIRE_MESSAGE(signer, e);
        std::optional<std::string> signed_xml = signer->Sign(xml, &e);
        REQUIRE_MESSAGE(signed_xml, e);
        return *signed_xml;
    };
    // As customs sends them: the receipt in a DxpMsg envelope, the envelope signed.
    DxpEnvelope envelope;
    envelope.cop_msg_id = "signed-envelope-1";
    envelope.sender_id = "EPORT";
    envelope.receiver_ids = {"BONDSTORE"};
    envelope.created_at = 1767225600;
    envelope.msg_type = "CEB622Message";
    envelope.data = Receipt622(guid, no, 120, "20991231235959000");
    std::string receipt = DxpMsgXml(envelope);
    struct Case {
        const char* what;
        std::string xml;
    };
    std::string altered = sign("customs", receipt);
    size_t data = altered.find("<dxp:Data>") + 20; // a character of the base64 message
    altered[data] = altered[data] == 'A' ? 'B' : 'A';
    for (const Case& c : {Case{"unsigned", receipt}, Case{"signed by someone else", sign("other", receipt)}, Case{"altered after signing", altered}}) {
        CAPTURE(c.what);
        auto refused = PostReceipt(r.server.url, c.xml);
        REQUIRE(refused);
        CHECK(refused->status == 400);
        CHECK(json::parse(refused->body)["reason"].get<std::string>().rfind("signature", 0) == 0);
    }
    CHECK(b.SqlInt("SELECT count(*) FROM customs_receipts") == receipts);
    // Signed by customs: taken.
    auto taken = PostReceipt(r.server.url, sign("customs", receipt));
    REQUIRE(taken);
    CHECK_MESSAGE(taken->status == 200, taken->body);
    CHECK(b.SqlInt("SELECT count(*) FROM customs_receipts") == receipts + 1);
}

TEST_CASE("customs rejects an order over the buyer's annual limit: the order is rejected, stock and quota come back, a refund is due")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        // Customs' ledger knows purchases Bondstore does not (other platforms): here, a limit of ¥10.
        Relayed r(b, {"--annual-limit-fen", "1000"});
        std::string no = r.PaidOrder({{"T-002", 1}}, 42, "reject-1");
        CHECK_MESSAGE(r.WaitFor(no, "rejected") == "rejected", r.server.Stderr());
        CHECK(b.SqlInt("SELECT reserved FROM stock WHERE sku = 'T-002'") == 0);
        CHECK(b.SqlInt("SELECT count(*) FROM buyer_quota WHERE used_fen > 0") == 0);
        CHECK(b.Sql("SELECT reason FROM refunds WHERE order_no = '" + no + "'") == "reject");
        CHECK(b.SqlInt("SELECT count(*) FROM customs_receipts WHERE order_no = '" + no + "' AND status = '-621018'") == 1);
        CHECK(r.SimStats()["rejected_quota"] == 1);
    }
}

TEST_CASE("an outage: 1,000 orders while the single window is down, then failing 30% of requests — each delivered once in effect, none stuck")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Relayed r(b, {"--fail-rate", "0.3", "--seed", "7", "--duplicate-receipts", "0.2", "--shuffle-receipts"});
        httplib::Client sim(r.sim.url);
        REQUIRE(sim.Post("/control/down", "1", "text/plain"));

        // 1,000 orders (5 buyers' worth of SKUs would sell out: the test catalog holds 2 units of each
        // T-0xx; so T-BIG's 100 and restocked T-0xx — each order one unit of T-0nn, restocked).
        b.SqlWrite("UPDATE stock SET on_hand = 1000 WHERE sku LIKE 'T-0%'");
        std::vector<std::string> orders(1000);
        std::vector<std::thread> shoppers;
        std::mutex failures_mutex;
        std::vector<std::string> failures;
        for (int t = 0; t < 8; t++)
            shoppers.emplace_back([&, t] {
                for (int i = t; i < 1000; i += 8) {
                    char sku[16];
                    std::snprintf(sku, sizeof sku, "T-%03d", i % 50);
                    try {
                        orders[size_t(i)] = r.PaidOrder({{sku, 1}}, 1000 + i, "outage-" + std::to_string(i));
                    } catch (...) {
                        std::lock_guard lock(failures_mutex);
                        failures.push_back(std::to_string(i));
                    }
                }
            });
        for (std::thread& t : shoppers) t.join();
        REQUIRE(failures.empty());
        // While it is down, the relay reports what waits.
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        json waiting = r.RelayStats();
        CHECK(waiting["pending"].get<int>() > 0);
        CHECK(waiting["failing"].get<int>() > 0);

        // Recovery (still failing 30%): everything released, in time.
        REQUIRE(sim.Post("/control/down", "0", "text/plain"));
        int released = 0;
        for (int i = 0; i < 1200 && released < 1000; i++) { // ≤ 120 s
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            released = int(b.SqlInt("SELECT count(*) FROM orders WHERE status = 'released'"));
        }
        CHECK_MESSAGE(released == 1000, b.Sql("SELECT status || ' ' || count(*) FROM orders GROUP BY status") << r.server.Stderr());
        // A message whose acknowledgement was lost is sent again (and acknowledged as a
        // duplicate): wait for the last of those, and for the last receipts.
        json sim_stats;
        for (int i = 0; i < 300; i++) {
            sim_stats = r.SimStats();
            if (sim_stats["receipts_pending"] == 0 && b.SqlInt("SELECT count(*) FROM outbox WHERE state <> 'sent'") == 0) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        MESSAGE(b.kind << ": simulator " << sim_stats.dump() << "; relay " << r.RelayStats().dump());
        CHECK(sim_stats["unique"] == 2000);  // every message delivered, each counted once by guid
        CHECK(sim_stats["invalid"] == 0);
        CHECK(b.SqlInt("SELECT count(*) FROM outbox WHERE state <> 'sent'") == 0);
        CHECK(r.RelayStats()["parked"].empty());
        // Every receipt applied, each once: 2, 120, 399 for each order message; 2, 120, 399, 800
        // for each list — whatever the simulator sent twice or out of order.
        CHECK(b.SqlInt("SELECT count(*) FROM customs_receipts") == 7000);
        CHECK(b.SqlInt("SELECT count(*) FROM order_events WHERE status = 'released'") == 1000);
    }
}

TEST_CASE("kill -9 of the server while it relays: after a restart every message is delivered, none twice in effect")
{
    Backend b = PostgresBackend();
    Relayed r(b, {"--latency-ms", "20"});
    std::vector<std::string> orders;
    for (int i = 0; i < 60; i++) orders.push_back(r.PaidOrder({{"T-0" + std::to_string(10 + i % 40), 1}}, 2000 + i, "kill-" + std::to_string(i)));
    // Some delivered, most not: kill it.
    for (int i = 0; i < 200 && b.SqlInt("SELECT count(*) FROM outbox WHERE state = 'sent'") < 10; i++)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    r.server.Stop(SIGKILL);
    int64_t sent_before = b.SqlInt("SELECT count(*) FROM outbox WHERE state = 'sent'");
    CHECK(sent_before < 120);
    // What the dead worker had leased waits out its lease (2 × the 2 s time-out + 5 s): restart,
    // and wait for all of them.
    ServerProcess again = ServerProcess::Start(r.server_args, kTokenEnv);
    r.server = std::move(again);
    int released = 0;
    for (int i = 0; i < 1000 && released < 60; i++) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        released = int(b.SqlInt("SELECT count(*) FROM orders WHERE status = 'released'"));
    }
    CHECK(released == 60);
    // An order is released on its list's receipt; its order message, leased by the dead worker,
    // may still be waiting out the lease (slow under a sanitizer): wait for every message.
    for (int i = 0; i < 300 && b.SqlInt("SELECT count(*) FROM outbox WHERE state <> 'sent'") > 0; i++)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    json sim = r.SimStats();
    MESSAGE("killed after " << sent_before << " of 120 messages were marked sent; simulator " << sim.dump());
    CHECK(sim["unique"] == 120);
}

TEST_CASE("a paid order cancelled while the single window is down never reaches customs")
{
    Backend b = PostgresBackend();
    Relayed r(b);
    httplib::Client sim(r.sim.url);
    REQUIRE(sim.Post("/control/down", "1", "text/plain"));
    httplib::Client c(r.server.url);
    std::vector<std::pair<std::string, int>> lines = {{"T-003", 1}};
    auto placed = PlaceOrder(c, "cancel-1", OrderBody(lines, 51, QuotedTotal(r.server.url, lines)));
    REQUIRE(placed);
    REQUIRE(placed->status == 201);
    json o = json::parse(placed->body);
    std::string no = o["order_no"].get<std::string>();
    httplib::Headers secret = {{"X-Order-Secret", o["lookup_secret"].get<std::string>()}};
    auto start = c.Post("/api/orders/" + no + "/payment", secret, "", "application/json");
    REQUIRE(start);
    REQUIRE(c.Post("/api/payments/sandbox/notify", json::parse(start->body)["notification"].dump(), "application/json"));
    // The relay tries (and fails) a few times; the shopper cancels between two tries.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    int status = 0;
    for (int i = 0; i < 50 && status != 200; i++) { // not while a delivery is under way: then 409, and again
        auto cancel = c.Post("/api/orders/" + no + "/cancel", secret, "", "application/json");
        REQUIRE(cancel);
        status = cancel->status;
        if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(status == 200);
    CHECK(b.SqlInt("SELECT count(*) FROM outbox WHERE order_no = '" + no + "' AND state = 'withdrawn'") == 2);
    CHECK(b.Sql("SELECT reason FROM refunds WHERE order_no = '" + no + "'") == "cancel");
    REQUIRE(sim.Post("/control/down", "0", "text/plain"));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(r.SimStats()["unique"] == 0); // nothing of it reached customs
    CHECK(r.Status(no) == "cancelled");
}

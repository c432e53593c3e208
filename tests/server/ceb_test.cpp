// The single window's messages (issue 7): every CEB311 and CEB621 Bondstore builds is valid
// against customs' own 202205 schema (read from ../shared/customs/xsd, never copied here), its
// amounts are the order's, and its signature verifies with xmlsec1 — an implementation that is
// not ours.
#include <doctest/doctest.h>

#include "server/customs/order_relay.h"
#include "server/customs/single_window_simulator.h"
#include "tests/core/parity.h"
#include "tests/server/order_fixture.h"

#include "core/cart/cart.h"
#include "core/tax/tax.h"
#include "core/wire/catalog_json.h"
#include "core/wire/customs_config_json.h"
#include "core/wire/tax_json.h"

#include <csignal>
#include <regex>

using namespace bondstore;
using namespace bondstore::test;
using json = nlohmann::json;

namespace {


// A relay kit with the sample registration and a fresh self-signed key pair.
struct Kit {
    TempDir dir;
    RelayFiles files;
    RelayKit kit;
    Kit()
    {
        files = DefaultRelayFiles(dir.path);
        files.customs_config = std::string(BONDSTORE_SOURCE_DIR) + "/assets/customs/declarant.json";
        files.ceb_xsd = CebXsdFile();
        std::string error;
        std::optional<RelayKit> k = OpenRelayKit(files, true, &error);
        REQUIRE_MESSAGE(k, error);
        kit = std::move(*k);
    }
};

// Every number of one element, in order ("<ceb:totalPrice>596.00</ceb:totalPrice>" …) in fen.
std::vector<int64_t> Amounts(const std::string& xml, const std::string& element)
{
    std::vector<int64_t> out;
    std::regex re("<ceb:" + element + ">([0-9.]+)</ceb:" + element + ">");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator(); ++it) {
        MoneyParse m = ParseYuan((*it)[1].str());
        REQUIRE_MESSAGE(m.ok(), element << ": " << (*it)[1].str());
        out.push_back(m.value.fen);
    }
    return out;
}

int64_t Sum(const std::vector<int64_t>& v)
{
    int64_t s = 0;
    for (int64_t x : v) s += x;
    return s;
}

// Products at the edges of what the schema and the catalog allow, beside the sample's.
std::vector<Product> EdgeProducts(const std::vector<Product>& sample)
{
    std::vector<Product> out;
    Product longest = sample[0];
    longest.sku = std::string(64, 'L'); // too long for itemNo: left out (it is optional)
    std::string title;
    for (size_t i = 0; i < kMaxCustomsNameChars; i++) title += "纸";
    longest.title.Set("zh-Hans", title);
    longest.brand = std::string(kMaxBrandChars - 20, 'B') + " & <Söhne> \"Co\" 'x'";
    longest.customs_name.clear();
    for (size_t i = 0; i < kMaxCustomsNameChars; i++) longest.customs_name += "粉";
    longest.item_record_no = std::string(kMaxItemRecordNoChars, 'R');
    out.push_back(longest);
    Product middling = sample[1];
    middling.sku = std::string(25, 'M'); // fits OrderList itemNo (30), not InventoryList's (20)
    middling.barcode.clear();
    middling.legal_qty = ParseDecimal("0.12345").value;
    middling.legal_unit = "kg";
    middling.second_qty = ParseDecimal("2.5").value;
    middling.second_unit = "L";
    middling.customs_name.clear(); // declared by its title
    middling.net_weight_g = 0;     // net = gross
    out.push_back(middling);
    return out;
}

} // namespace

TEST_CASE("CEB311, CEB621, CEB623 and CEB625 for hundreds of generated orders: valid against customs' schema, amounts the order's")
{
    Kit k;
    std::string text = ReadFile(std::string(BONDSTORE_SOURCE_DIR) + "/assets/catalog/sample.json");
    std::vector<Product> products = ParseCatalogJson(text).catalog.products;
    REQUIRE(products.size() > 20);
    TaxTableParse table = ParseTaxTableJson(ReadFile(std::string(BONDSTORE_SOURCE_DIR) + "/assets/tax/tax-table.json"));
    REQUIRE(table.ok());
    for (const Product& p : EdgeProducts(products)) products.push_back(p);
    // 99 distinct SKUs for the largest order a CEB311 head carries.
    std::vector<Product> many;
    for (int i = 0; i < 99; i++) {
        Product p = products[size_t(i) % products.size()];
        p.sku = "V" + std::to_string(i) + "-" + p.sku.substr(0, 10);
        p.price = Money{100 + i}; // 99 lines within the ¥5,000 per-order limit
        many.push_back(p);
    }

    Rng rng{311};
    int built = 0, checked_with_tools = 0;
    for (int n = 0; built < 300 && n < 3000; n++) {
        CebOrder o;
        o.guid = NewMessageGuid();
        o.declared_at = 1795700000 + n * 3607;
        o.order_no = "BS261127" + std::to_string(1000000000 + n);
        o.merchant = n % 7 == 0 ? "other" : "demo";
        o.buyer_reg_no = "BS0123456789abcdef";
        const char* names[] = {"张三", "阿依古丽·买买提", "Maximilian Alexander Johnsonxx", "欧阳娜娜"};
        o.buyer = {names[n % 4], ValidIdNumber(n), "138" + std::to_string(10000000 + n)};
        std::string address = n % 5 == 0 ? std::string(190, 'A') + " & <#5>\"" : "重庆市渝北区金开大道 " + std::to_string(n) + " 号";
        o.consignee = {names[(n + 1) % 4], "13900139000", address, "500112"};
        QuoteRequest q;
        q.date = ChinaDateAt(o.declared_at);
        q.freight = Money{n % 3 == 0 ? 0 : rng.Between(1, 3000)};
        bool largest = n % 50 == 49;
        size_t lines = largest ? 99 : size_t(rng.Between(1, 4));
        for (size_t i = 0; i < lines; i++) {
            const Product& p = largest ? many[i] : products[size_t(rng.Between(0, int64_t(products.size()) - 1))];
            bool again = false;
            for (const CebOrder::Line& l : o.lines) again = again || l.product.sku == p.sku;
            if (again) continue;
            int64_t qty = largest ? 1 : rng.Between(1, 3);
            q.lines.push_back(QuoteLineFor(p, qty));
            o.lines.push_back({p, qty, p.price, Money{p.price.fen * qty}});
        }
        TaxQuote quote = Quote(q, table.table);
        if (largest) REQUIRE(quote.accepted());
        if (!quote.accepted()) continue; // the rules refuse it: never taken, never declared
        o.goods = quote.goods;
        o.freight = quote.freight;
        o.tax_total = quote.tax_total;
        o.amount_paid = quote.amount_to_pay;
        o.payment_id = n % 2 ? "sbx_" + std::to_string(n) : "";
        o.invt_no = "80122026I" + std::to_string(100000000 + n); // customs' list number, from its receipts
        o.pre_no = n % 3 ? "P" + std::to_string(10000000000000000LL + n) : "";
        built++;

        for (CebType type : {CebType::Order311, CebType::Inventory621, CebType::Withdrawal623, CebType::Return625}) {
            CAPTURE(n);
            CAPTURE(int(type));
            std::string error;
            std::optional<std::string> xml = SignedCebMessage(o, type, k.kit.config, *k.kit.signer, *k.kit.schema, &error);
            REQUIRE_MESSAGE(xml, error);
            CHECK(k.kit.schema->Validate(*xml).empty());
            // A withdrawal names the list; a return names it and every line of it.
            if (type == CebType::Withdrawal623 || type == CebType::Return625) {
                CHECK(xml->find("<ceb:invtNo>" + o.invt_no + "</ceb:invtNo>") != std::string::npos);
                size_t refund_lines = 0;
                for (size_t at = xml->find("<ceb:InvtRefundList>"); at != std::string::npos; at = xml->find("<ceb:InvtRefundList>", at + 1))
                    refund_lines++;
                CHECK(refund_lines == (type == CebType::Return625 ? o.lines.size() : 0));
                continue;
            }
            std::vector<int64_t> totals = Amounts(*xml, "totalPrice");
            CHECK(totals.size() == o.lines.size());
            if (type == CebType::Order311) {
                CHECK(Amounts(*xml, "goodsValue") == std::vector<int64_t>{Sum(totals)});
                CHECK(Amounts(*xml, "goodsValue") == std::vector<int64_t>{quote.goods.fen});
                CHECK(Amounts(*xml, "taxTotal") == std::vector<int64_t>{quote.tax_total.fen});
                // acturalPaid = goodsValue + freight + taxTotal − discount: what the shopper paid.
                CHECK(Amounts(*xml, "acturalPaid") == std::vector<int64_t>{quote.amount_to_pay.fen});
                CHECK(xml->find("<ceb:buyerIdNumber>" + o.buyer.id_number + "<") != std::string::npos);
                for (const CebOrder::Line& l : o.lines) // the name the list's gname must repeat
                    CHECK(xml->find("<ceb:itemName>" + XmlText(CustomsName(l.product)) + "</ceb:itemName>") != std::string::npos);
            } else {
                // What customs reads of the goods: the declared name, the account-book item, the
                // net weight (the gross where the catalog has none), never above the gross.
                int64_t gross = 0, net = 0;
                for (const CebOrder::Line& l : o.lines) {
                    gross += l.product.weight_g * l.qty;
                    net += NetWeightGrams(l.product) * l.qty;
                    CHECK(xml->find("<ceb:gname>" + XmlText(CustomsName(l.product)) + "</ceb:gname>") != std::string::npos);
                    if (!l.product.item_record_no.empty())
                        CHECK(xml->find("<ceb:itemRecordNo>" + l.product.item_record_no + "</ceb:itemRecordNo>") != std::string::npos);
                }
                CHECK(xml->find("<ceb:grossWeight>" + FormatDecimal(Decimal{gross, 3}) + "<") != std::string::npos);
                CHECK(xml->find("<ceb:netWeight>" + FormatDecimal(Decimal{net, 3}) + "<") != std::string::npos);
                CHECK(net <= gross);
            }
            // Now and then, the independent tools: xmllint against the schema, xmlsec1 on the
            // signature; and a message changed after signing must fail.
            if (n % 23 == 0) {
                checked_with_tools++;
                std::string file = k.dir.path + "/m.xml", bad = k.dir.path + "/bad.xml";
                WriteFile(file, *xml);
                RunResult lint = Run("/usr/bin/xmllint", {"--noout", "--schema", CebXsdFile(), file});
                CHECK_MESSAGE(lint.exit_code == 0, lint.err);
                RunResult verify = Run("/usr/bin/xmlsec1", {"--verify", "--trusted-pem", k.files.signing_cert, file});
                CHECK_MESSAGE(verify.exit_code == 0, verify.err);
                std::string tampered = *xml;
                size_t at = tampered.find("<ceb:qty>");
                REQUIRE(at != std::string::npos);
                tampered.insert(at + 9, "1");
                WriteFile(bad, tampered);
                CHECK(Run("/usr/bin/xmlsec1", {"--verify", "--trusted-pem", k.files.signing_cert, bad}).exit_code != 0);
            }
        }
    }
    CHECK(built == 300);
    CHECK(checked_with_tools >= 20);
    MESSAGE(built << " orders, " << 4 * built << " signed messages (CEB311, 621, 623, 625) valid against the 202205 schema; " << checked_with_tools
                  << " also checked with xmllint and xmlsec1");
}

TEST_CASE("customs matches the list to the order line by line: the goods' name, the account-book item, net within gross")
{
    Kit k;
    std::vector<Product> products =
        ParseCatalogJson(ReadFile(std::string(BONDSTORE_SOURCE_DIR) + "/assets/catalog/sample.json")).catalog.products;
    CebOrder o;
    o.guid = NewMessageGuid();
    o.declared_at = 1795700000;
    o.order_no = "BS2612060000000001";
    o.merchant = "demo";
    o.buyer_reg_no = "BS0123456789abcdef";
    o.buyer = {"张三", ValidIdNumber(1), "13800138000"};
    o.consignee = {"张三", "13800138000", "重庆市渝北区金开大道 1 号", "500112"};
    for (size_t i : {size_t(0), size_t(5)}) {
        const Product& p = products[i];
        o.lines.push_back({p, 1, p.price, p.price});
        o.goods.fen += p.price.fen;
    }
    o.amount_paid = o.goods;
    std::string error;
    std::string order = Ceb311Xml(o, k.kit.config, &error), list = Ceb621Xml(o, k.kit.config, &error);
    REQUIRE_MESSAGE(!list.empty(), error);

    SingleWindowSimulator sim;
    sim.o.require_payment = sim.o.require_waybill = false;
    sim.orders[o.order_no] = Facts(order);
    bool missing = false;
    CHECK(sim.Mismatch(Facts(list), &missing) == "");
    auto changed = [&](const std::string& from, const std::string& to) {
        std::string xml = list;
        size_t at = xml.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, from);
        xml.replace(at, from.size(), to);
        return sim.Mismatch(Facts(xml), &missing);
    };
    std::string gname = "<ceb:gname>" + CustomsName(products[5]) + "</ceb:gname>";
    CHECK(changed(gname, "<ceb:gname>精华液</ceb:gname>") == "清单商品名称与订单不一致");
    CHECK(changed("<ceb:itemRecordNo>" + products[0].item_record_no + "</ceb:itemRecordNo>", "") == "保税进口清单账册备案料号不能为空");
    CHECK(changed("<ceb:gnum>2</ceb:gnum>", "<ceb:gnum>3</ceb:gnum>") == "清单表体与订单表体不一致：gnum");
    int64_t gross = products[0].weight_g + products[5].weight_g;
    CHECK(changed("<ceb:netWeight>", "<ceb:netWeight>" + std::to_string(gross)) == "净重不能大于毛重");
    CHECK_FALSE(missing);
}

TEST_CASE("no message for what cannot be declared: an unregistered merchant, no inventory section, a broken configuration")
{
    Kit k;
    CebOrder o;
    o.guid = NewMessageGuid();
    o.merchant = "nobody";
    std::string error;
    CHECK(Ceb311Xml(o, k.kit.config, &error).empty());
    CHECK(error.find("nobody") != std::string::npos);
    CustomsConfig no_inventory = k.kit.config;
    no_inventory.declare_inventory = false;
    o.merchant = "demo";
    CHECK(Ceb621Xml(o, no_inventory, &error).empty());

    std::string good = ReadFile(k.files.customs_config);
    CHECK(ParseCustomsConfigJson(good).ok());
    json j = json::parse(good);
    j["inventory"]["customs_code"] = "80X2";
    CHECK(ParseCustomsConfigJson(j.dump()).error == "inventory.customs_code must be 4 digits");
    j = json::parse(good);
    j["platform"]["name"] = std::string(101, 'n');
    CHECK(ParseCustomsConfigJson(j.dump()).error.find("platform.name is longer than 100") == 0);
    j = json::parse(good);
    j.erase("merchants");
    CHECK_FALSE(ParseCustomsConfigJson(j.dump()).ok());
    CHECK_FALSE(ParseCustomsConfigJson("[").ok());

    RelayFiles missing = k.files;
    missing.ceb_xsd = k.dir.path + "/none.xsd";
    CHECK_FALSE(OpenRelayKit(missing, false, &error));
    CHECK(error.find("none.xsd") != std::string::npos);
    CHECK_FALSE(k.kit.signer->Sign("<not xml", &error));
}

TEST_CASE("bondstore-admin ceb prints a paid order's message: signed, valid, the amounts charged, the buyer as customs needs")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        TempDir files;
        WriteFile(files.path + "/web/index.html", "<!doctype html>");
        WriteOrderCatalog(files.path + "/catalog.json");
        std::vector<std::string> args = b.ServerArgs();
        for (const std::string& a : {std::string("--web-dir"), files.path + "/web", std::string("--seed-catalog"), files.path + "/catalog.json"})
            args.push_back(a);
        ServerProcess server = ServerProcess::Start(args);
        httplib::Client c(server.url);
        std::vector<std::pair<std::string, int>> lines = {{"T-000", 1}, {"T-001", 2}};
        auto placed = PlaceOrder(c, "ceb-1", OrderBody(lines, 31, QuotedTotal(server.url, lines)));
        REQUIRE(placed);
        REQUIRE_MESSAGE(placed->status == 201, placed->body);
        json order = json::parse(placed->body);
        std::string no = order["order_no"].get<std::string>();
        httplib::Headers secret = {{"X-Order-Secret", order["lookup_secret"].get<std::string>()}};

        std::string store = b.dir->path + "/store";
        std::string error;
        REQUIRE_MESSAGE(CreateSelfSignedSigningKey(store + "/signing-key.pem", store + "/signing-cert.pem", "test", &error), error);
        std::vector<std::string> ceb = {"ceb", no, "--data-dir", store, "--ceb-xsd", CebXsdFile()};
        if (b.kind == "postgresql") { ceb.push_back("--database"); ceb.push_back(b.conninfo); }

        // Unpaid: what would be sent, said so.
        RunResult unpaid = Run(AdminBinary(), ceb);
        CHECK(unpaid.exit_code == 0);
        CHECK(unpaid.err.find("not paid") != std::string::npos);

        auto start = c.Post("/api/orders/" + no + "/payment", secret, "", "application/json");
        REQUIRE(start);
        auto paid = c.Post("/api/payments/sandbox/notify", json::parse(start->body)["notification"].dump(), "application/json");
        REQUIRE(paid);
        REQUIRE(paid->status == 200);

        for (const char* type : {"311", "621"}) {
            CAPTURE(type);
            std::vector<std::string> with_type = ceb;
            with_type.push_back("--type");
            with_type.push_back(type);
            RunResult r = Run(AdminBinary(), with_type);
            REQUIRE_MESSAGE(r.exit_code == 0, r.err);
            CHECK(r.err.empty());
            std::string file = files.path + "/" + type + ".xml";
            WriteFile(file, r.out);
            RunResult lint = Run("/usr/bin/xmllint", {"--noout", "--schema", CebXsdFile(), file});
            CHECK_MESSAGE(lint.exit_code == 0, lint.err);
            RunResult verify = Run("/usr/bin/xmlsec1", {"--verify", "--trusted-pem", store + "/signing-cert.pem", file});
            CHECK_MESSAGE(verify.exit_code == 0, verify.err);
            // The amounts are the order's, as charged; the buyer is named as customs requires.
            CHECK(Amounts(r.out, "totalPrice") == std::vector<int64_t>{5000, 10000});
            CHECK(r.out.find("<ceb:buyerIdNumber>" + ValidIdNumber(31) + "<") != std::string::npos);
            CHECK(r.out.find("<ceb:orderNo>" + no + "<") != std::string::npos);
            if (std::string(type) == "311") {
                CHECK(Amounts(r.out, "acturalPaid") == std::vector<int64_t>{order["amount_to_pay_fen"].get<int64_t>()});
                CHECK(Amounts(r.out, "taxTotal") == std::vector<int64_t>{order["tax_total_fen"].get<int64_t>()});
                CHECK(r.out.find("<ceb:payTransactionId>sbx_") != std::string::npos);
            } else {
                CHECK(r.out.find("<ceb:tradeMode>1210</ceb:tradeMode>") != std::string::npos);
                CHECK(r.out.find("<ceb:gcode>" + json::parse(ReadFile(files.path + "/catalog.json"))["products"][0]["hs_code"].get<std::string>()) !=
                      std::string::npos);
            }
        }
        // The guid is the order's relay message's, fixed at checkout: the same on every print.
        RunResult again = Run(AdminBinary(), ceb);
        std::smatch m1, m2;
        std::string first = Run(AdminBinary(), ceb).out;
        REQUIRE(std::regex_search(first, m1, std::regex("guid=\"([0-9A-F-]{36})\"")));
        REQUIRE(std::regex_search(again.out, m2, std::regex("guid=\"([0-9A-F-]{36})\"")));
        CHECK(m1[1].str() == m2[1].str());
        CHECK(m1[1].str() == b.Sql("SELECT guid FROM outbox WHERE kind = 'order' AND order_no = '" + no + "'"));

        std::vector<std::string> unknown = ceb;
        unknown[1] = "BS000000000000000";
        CHECK(Run(AdminBinary(), unknown).exit_code == 1);
        RunResult wrong_key = Run(AdminBinary(), ceb, {"BONDSTORE_DATA_KEY=" + std::string(64, 'c')});
        CHECK(wrong_key.exit_code == 1);
        CHECK(wrong_key.err.find("another data key") != std::string::npos);
    }
}

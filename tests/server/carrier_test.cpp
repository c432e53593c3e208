// The carrier (issue 18): SF Express's signing rule against its published vector, the adapter
// against the fake that checks what SF checks, and an order's parcel from waybill to doorstep:
// the waybill asked for when the order is paid, the inventory list held for it, the tracking
// pushed by the carrier moving the order to shipped and delivered, shown to the shopper.
#include <doctest/doctest.h>

#include "server/base/china_time.h"
#include "server/carriers/sf_express.h"
#include "server/carriers/sf_express_protocol.h"
#include "tests/server/carrier_fixture.h"
#include "tests/server/order_fixture.h"
#include "tests/server/payment_fixture.h"

#include "core/wire/sf_express_json.h"

#include <nlohmann/json.hpp>

using namespace bondstore;
using namespace bondstore::test;
using json = nlohmann::json;

TEST_CASE("SF Express's msgDigest: the published vector, and what other URL encoders would wrongly give")
{
    // V1, published by SF (../shared/carriers/SPEC.md §2.2).
    const std::string data = R"({"language":"zh-CN","orderId":"QIAO-20200618-004"})";
    const std::string check = "fjcg5PGKaNpPSHFAZ4QsCOkV71R3zVci";
    CHECK(JavaUrlEncode(data + "12312334453453" + check) ==
          "%7B%22language%22%3A%22zh-CN%22%2C%22orderId%22%3A%22QIAO-20200618-004%22%7D12312334453453fjcg5PGKaNpPSHFAZ4QsCOkV71R3zVci");
    CHECK(SfMsgDigest(data, "12312334453453", check) == "IIKJtuLVzoFTu4kHI8M8vA==");
    // V2: spaces, '*', '~' and Chinese, by the Java rules (not quote_plus, not encodeURIComponent).
    const std::string v2 = R"({"orderId":"BS-20261205-0001","remark":"重庆 保税仓 A*B~C"})";
    CHECK(JavaUrlEncode("重庆 A*B~C") == "%E9%87%8D%E5%BA%86+A*B%7EC");
    CHECK(SfMsgDigest(v2, "1764900000000", check) == "7HIT/JJhiMxH4UjwM//Shg==");
    CHECK(SfMsgDigest(v2, "1764900000000", check) != "XXymiGLUEsx2V3ua+1HTOw==");
    // Times as SF writes them, China time.
    CHECK(SfTime(0) == "1970-01-01 08:00:00");
    CHECK(ParseSfTime("2020-05-11 16:56:54") == std::optional<int64_t>(1589187414));
    CHECK(!ParseSfTime("2020-05-11T16:56:54"));
    CHECK(SfStage("50") == TrackingStage::PickedUp);
    CHECK(SfStage("80") == TrackingStage::Delivered);
    CHECK(SfStage("12345") == TrackingStage::Other);
}

TEST_CASE("SF's answers as they come: apiResultData a string or an object, success a bool or a string")
{
    auto string_form = ParseSfAnswerJson(
        R"({"apiResultCode":"A1000","apiErrorMsg":"","apiResponseID":"X","apiResultData":"{\"success\":true,\"errorCode\":\"S0000\",\"errorMsg\":null,\"msgData\":{\"orderId\":\"QIAO-20200528-006\",\"waybillNoInfoList\":[{\"waybillType\":1,\"waybillNo\":\"SF7444400043266\"}],\"filterResult\":2}}"})");
    REQUIRE(string_form);
    CHECK(string_form->success);
    auto order = ParseSfOrderResultJson(string_form->msg_data);
    REQUIRE(order);
    CHECK(order->waybill_no == "SF7444400043266");
    auto object_form = ParseSfAnswerJson(R"({"apiResultCode":"A1000","apiResultData":{"success":"true","errorCode":"S0000","msgData":null}})");
    REQUIRE(object_form);
    CHECK(object_form->success);
    auto refused = ParseSfAnswerJson(R"({"apiResultCode":"A1000","apiResultData":"{\"success\":false,\"errorCode\":\"8114\",\"errorMsg\":\"月结卡号不合法\"}"})");
    REQUIRE(refused);
    CHECK(!refused->success);
    CHECK(refused->error_code == "8114");
    // The push sample of §6.2.
    auto push = ParseSfRoutePushJson(
        R"({"Body":{"WaybillRoute":[{"mailno":"SF7444400031887","acceptAddress":"深圳市","reasonName":"","orderid":"202003225d33322239ddW1df5t3","acceptTime":"2020-05-11 16:56:54","remark":"顺丰速运 已收取快件","opCode":"50","id":"158918741444476","reasonCode":""}]}})");
    REQUIRE(push);
    REQUIRE(push->size() == 1);
    CHECK((*push)[0].mail_no == "SF7444400031887");
    CHECK(TrackingEventOf((*push)[0]).stage == TrackingStage::PickedUp);
    // The same event read by a route query (no id of its own) is the same event: one id.
    auto queried = ParseSfRouteAnswerJson(
        R"({"routeResps":[{"mailNo":"SF7444400031887","routes":[{"acceptAddress":"深圳市","acceptTime":"2020-05-11 16:56:54","remark":"顺丰速运 已收取快件","opCode":"50"}]}]})");
    REQUIRE(queried);
    REQUIRE(queried->size() == 1);
    CHECK(TrackingEventOf((*queried)[0]).id == TrackingEventOf((*push)[0]).id);
    CHECK(TrackingEventOf((*queried)[0]).at == TrackingEventOf((*push)[0]).at);
    CHECK(!ParseSfRoutePushJson(R"({"Body":{"WaybillRoute":[]}})"));
    CHECK(!ParseSfAnswerJson("not json"));
}

TEST_CASE("the SF Express adapter against the fake: waybills, a lost answer, cancelling, routes, and refusals as SF answers them")
{
    LocalCarrier sf("");
    sf.Start("");
    std::vector<Problem> problems;
    std::optional<SfExpressConfig> config = ParseSfExpressConfigJson(test::ReadFile(sf.AccountFile()), &problems);
    REQUIRE(config);
    std::string error;
    std::unique_ptr<SfExpress> adapter = SfExpress::Open(*config, sf.options.checkword, &error);
    REQUIRE_MESSAGE(adapter, error);

    ShipmentRequest q;
    q.order_no = "BS20261205000001";
    q.carrier_order_id = q.order_no;
    q.consignee = {"王小明", "13900139000", "重庆市渝北区两路寸滩保税港区 1 号", "500112"};
    q.items.push_back({"测试商品 婴儿奶粉 800g", "122", "JP", "1901101000", 2, 1100, Money{16800}});
    q.goods = Money{33600};
    q.freight = Money{1000};
    SfCreateOrder sent = adapter->CreateOrderFor(q);
    CHECK(sent.contacts.size() == 2);
    CHECK(sent.total_weight_g == 2200);
    CHECK(sent.freight.fen == 1000);

    std::optional<WaybillIssued> w = adapter->Issue(q, &error);
    REQUIRE_MESSAGE(w, error);
    CHECK(w->waybill_no.size() == 15);
    CHECK(w->waybill_no.rfind("SF", 0) == 0);
    // Asking again with the same order id answers the same waybill; so does the search.
    std::optional<WaybillIssued> again = adapter->Issue(q, &error);
    REQUIRE(again);
    CHECK(again->waybill_no == w->waybill_no);
    std::optional<WaybillIssued> found = adapter->Find(q.carrier_order_id, &error);
    REQUIRE(found);
    CHECK(found->waybill_no == w->waybill_no);
    error.clear();
    CHECK(!adapter->Find("NO-SUCH-ORDER", &error));
    CHECK(error.empty()); // not ordered: nothing, no error

    // A lost answer: the order was made, the answer never came; asking again recovers its waybill.
    ShipmentRequest lost = q;
    lost.carrier_order_id = lost.order_no = "BS20261205000002";
    REQUIRE(sf.Control("lose_next=1")->status == 200);
    CHECK(!adapter->Issue(lost, &error));
    sf.Control("lose_next=0");
    std::optional<WaybillIssued> recovered = adapter->Issue(lost, &error);
    REQUIRE_MESSAGE(recovered, error);
    CHECK(sf.Waybill(lost.order_no) == recovered->waybill_no);

    // What SF refuses: a receiver without a phone (1016), a cargo line without its cross-border
    // facts (8194), a wrong checkword (A1006); a cancelled order id is never used again (8016).
    ShipmentRequest no_phone = q;
    no_phone.carrier_order_id = "BS20261205000003";
    no_phone.consignee.phone.clear();
    CHECK(!adapter->Issue(no_phone, &error));
    CHECK(error.find("1016") != std::string::npos);
    ShipmentRequest no_origin = q;
    no_origin.carrier_order_id = "BS20261205000004";
    no_origin.items[0].origin_country.clear();
    CHECK(!adapter->Issue(no_origin, &error));
    CHECK(error.find("8194") != std::string::npos);
    std::unique_ptr<SfExpress> forger = SfExpress::Open(*config, "not-the-checkword", &error);
    REQUIRE(forger);
    CHECK(!forger->Issue(q, &error));
    CHECK(error.find("A1006") != std::string::npos);
    CHECK(sf.fake->stats().bad_signatures == 1);
    CHECK(adapter->Cancel(lost.carrier_order_id, recovered->waybill_no, &error));
    CHECK(!adapter->Issue(lost, &error));
    CHECK(error.find("8016") != std::string::npos);
    CHECK(!adapter->Cancel(q.carrier_order_id, "SF0000000000000", &error)); // the waybill is not that order's

    // A stale timestamp (A1002) and a replayed requestID (A1007), sent by hand as a form.
    httplib::Client c(sf.url);
    auto form = [&](int64_t timestamp_ms, const std::string& request_id) {
        std::string msg = SfOrderRefToJson({q.carrier_order_id, "zh-CN", 0, ""}), ts = std::to_string(timestamp_ms);
        httplib::Params p = {{"partnerID", config->partner_id}, {"requestID", request_id}, {"serviceCode", "EXP_RECE_SEARCH_ORDER_RESP"},
                             {"timestamp", ts}, {"msgData", msg}, {"msgDigest", SfMsgDigest(msg, ts, sf.options.checkword)}};
        auto r = c.Post("/std/service", p);
        REQUIRE(r);
        return ParseSfAnswerJson(r->body).value_or(SfAnswer{}).api_result_code;
    };
    int64_t now_ms = int64_t(UnixNow()) * 1000;
    CHECK(form(now_ms - kSfTimestampWindowMs - 60000, "stale-1") == "A1002");
    CHECK(form(now_ms, "request-1") == "A1000");
    CHECK(form(now_ms, "request-1") == "A1007");
    // A gateway fault asked for by the test.
    sf.Control("fail_next=A1009");
    CHECK(!adapter->Find(q.carrier_order_id, &error));
    CHECK(error.find("A1009") != std::string::npos);

    // Routes: added at the fake, read back by the query, sorted by the store.
    REQUIRE(sf.Route(w->waybill_no, "50")->status == 200);
    REQUIRE(sf.Route(w->waybill_no, "80")->status == 200);
    auto routes = adapter->Track({w->waybill_no}, &error);
    REQUIRE_MESSAGE(routes, error);
    REQUIRE(routes->size() == 2);
    CHECK((*routes)[0].first == w->waybill_no);
    CHECK((*routes)[0].second.stage == TrackingStage::PickedUp);
    CHECK((*routes)[1].second.stage == TrackingStage::Delivered);
    CHECK(!adapter->Cancel(q.carrier_order_id, w->waybill_no, &error)); // picked up: too late
    // A push is taken in JSON mode only; the store answers as SF expects.
    CHECK(!adapter->ReadPush({"content=%3CRequest%3E", "application/x-www-form-urlencoded"}, &error));
    CHECK(ParseSfPushReplyJson(adapter->PushTaken().body) == std::optional<bool>(true));
    CHECK(ParseSfPushReplyJson(adapter->PushRefused("no").body) == std::optional<bool>(false));
}

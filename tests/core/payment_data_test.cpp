// Announcement 179's shapes (core/wire/payment_data_json.h): customs' ask, the replies, and the
// upload whose signed text customs rebuilds from what it received.
#include <doctest/doctest.h>

#include "core/wire/payment_data_json.h"

using namespace bondstore;

namespace {

PaymentDataUpload Sample()
{
    PaymentDataUpload u;
    u.session_id = "S-20261205-0001";
    u.head.guid = "6F9619FF-8B86-D011-B42D-00C04FC964FF";
    u.head.inital_request = "{\"out_trade_no\":\"BS1\",\"amount\":{\"total\":12345}}";
    u.head.inital_response = "{\"transaction_id\":\"4200000001\",\"trade_state\":\"SUCCESS\"}";
    u.head.ebp_code = "5000960001";
    u.head.pay_code = "4403169D3W";
    u.head.pay_transaction_id = "4200000001";
    u.head.total_amount = Money{12345};
    u.head.pay_type = "3";
    u.head.trading_time = "20261205101500";
    PaymentDataOrder o;
    o.order_no = "BS1";
    o.goods.push_back({"奶粉 800克", "https://shop.example/p/SK-1"});
    o.recp_account = "5000960002";
    o.recp_code = "5000960002";
    o.recp_name = "重庆示例商贸有限公司";
    u.orders.push_back(o);
    u.service_time_ms = "1764900900000";
    u.cert_no = "01ab";
    u.sign_value = "c2ln";
    return u;
}

} // namespace

TEST_CASE("customs' ask for an order's payment data: read, and refused when it is not one")
{
    std::string why;
    std::optional<PaymentDataAsk> a = ParsePaymentDataAskJson(R"({"orderNo":"BS1","sessionID":"abc-1","serviceTime":1544519952469})", &why);
    REQUIRE(a);
    CHECK(a->order_no == "BS1");
    CHECK(a->session_id == "abc-1");
    CHECK(a->service_time_ms == 1544519952469);
    // serviceTime as a string, as some integrators send it; written back as a number.
    a = ParsePaymentDataAskJson(R"({"orderNo":"BS1","sessionID":"abc-1","serviceTime":"1544519952469"})", &why);
    REQUIRE(a);
    CHECK(ParsePaymentDataAskJson(PaymentDataAskToJson(*a), &why)->service_time_ms == 1544519952469);
    for (const char* bad : {"", "[]", R"({"sessionID":"s","serviceTime":1})", R"({"orderNo":"BS1","serviceTime":1})",
                            R"({"orderNo":"BS1","sessionID":"s","serviceTime":"soon"})", R"({"orderNo":"","sessionID":"s","serviceTime":1})",
                            R"({"orderNo":["BS1"],"sessionID":"s","serviceTime":1})"}) {
        why.clear();
        CHECK_MESSAGE(!ParsePaymentDataAskJson(bad, &why), bad);
        CHECK(!why.empty());
    }
}

TEST_CASE("the replies: the platform's at once, customs' to an upload with its total")
{
    PaymentDataReply r;
    r.service_time_ms = 1764900900000;
    CHECK(PaymentDataReplyToJson(r) == R"({"code":"10000","message":"","serviceTime":1764900900000})");
    std::optional<PaymentDataReply> back = ParsePaymentDataReplyJson(R"({"code":"20004","message":"验签证书未在服务系统注册","total":0,"serviceTime":1})");
    REQUIRE(back);
    CHECK(back->code == "20004");
    CHECK(back->has_total);
    CHECK(!ParsePaymentDataReplyJson("<html>"));
}

TEST_CASE("the upload: written and read back; the signed text is the same from either side")
{
    PaymentDataUpload u = Sample();
    std::string json = PaymentDataUploadToJson(u);
    CHECK(json.find(R"("totalAmount":123.45,)") != std::string::npos); // a number in yuan, exactly
    std::string why;
    std::optional<PaymentDataUpload> back = ParsePaymentDataUploadJson(json, &why);
    REQUIRE_MESSAGE(back, why);
    CHECK(back->head.total_amount.fen == 12345);
    CHECK(back->head.pay_transaction_id == "4200000001");
    CHECK(back->orders.at(0).goods.at(0).gname == "奶粉 800克");
    CHECK(PaymentDataSignText(*back) == PaymentDataSignText(u));
    CHECK(PaymentDataSignTextOf(json) == PaymentDataSignText(u));
    std::string text = PaymentDataSignText(u);
    CHECK(text.rfind("\"sessionID\":\"S-20261205-0001\"||\"payExchangeInfoHead\":\"{\"guid\":", 0) == 0);
    CHECK(text.find("}\"||\"payExchangeInfoLists\":\"[{\"orderNo\":\"BS1\"") != std::string::npos);
    const std::string tail = "]\"||\"serviceTime\":\"1764900900000\"";
    CHECK(text.size() > tail.size());
    CHECK(text.substr(text.size() - tail.size()) == tail);

    // Customs verifies what it received: another key order is another text.
    std::string reordered = json;
    size_t at = reordered.find("\"guid\"");
    reordered.replace(at, 0, "\"note\":\"\",");
    CHECK(PaymentDataSignTextOf(reordered) != PaymentDataSignText(u));

    // A whole yuan keeps its decimal point; more than two decimals is not an amount.
    u.head.total_amount = Money{500};
    CHECK(PaymentDataUploadToJson(u).find(R"("totalAmount":5.0,)") != std::string::npos);
    std::string three = json;
    three.replace(three.find("123.45"), 6, "123.456");
    CHECK(!ParsePaymentDataUploadJson(three, &why));
    CHECK(why.find("totalAmount") != std::string::npos);
    // A provider's raw text that is not UTF-8 is sent with the bytes replaced, never thrown on.
    PaymentDataUpload odd = Sample();
    odd.head.inital_response = "caf\xff";
    CHECK(ParsePaymentDataUploadJson(PaymentDataUploadToJson(odd), &why)->head.inital_response == "caf\xef\xbf\xbd");
    CHECK(PaymentDataSignTextOf(PaymentDataUploadToJson(odd)) == PaymentDataSignText(odd));
    std::string no_orders = json;
    no_orders.replace(no_orders.find("\"payExchangeInfoLists\":["), 24, "\"payExchangeInfoLists\":[],\"x\":[");
    CHECK(!ParsePaymentDataUploadJson(no_orders, &why));
}

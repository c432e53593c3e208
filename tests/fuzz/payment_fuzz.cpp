// libFuzzer target: what payment providers send the store — WeChat Pay's notification envelope, the
// transaction and refund inside it (also decrypted from a resource sealed with a fixed APIv3 key,
// as the real path does), its answers (create, errors), the Authorization items, and the APIv2
// customs XML with its signature check; Alipay's notification forms, its signed answers (the
// object cut out of the text) and biz_content, its times; the shopper's payment request body; and
// customs' payment-data ask, replies and upload (announcement 179).
// The first byte picks the parser; every parse that succeeds must survive writing and reading back.
#include "server/payments/alipay_protocol.h"
#include "server/payments/payment_crypto.h"
#include "server/payments/wechat_pay_protocol.h"

#include "core/wire/alipay_json.h"
#include "core/wire/payment_data_json.h"
#include "core/wire/payment_json.h"
#include "core/wire/wechat_pay_json.h"

#include <cstdlib>

using namespace bondstore;

namespace {

const char* kApiV3Key = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

void Transaction(std::string_view text)
{
    std::optional<WeChatTransaction> t = ParseWeChatTransactionJson(text);
    if (!t) return;
    std::optional<WeChatTransaction> back = ParseWeChatTransactionJson(WeChatTransactionToJson(*t));
    if (!back || back->out_trade_no != t->out_trade_no || back->total != t->total || back->trade_state != t->trade_state) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0) return 0;
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 13) {
    case 0: {
        std::optional<WeChatNotification> n = ParseWeChatNotificationJson(text);
        if (n) {
            if (!ParseWeChatNotificationJson(WeChatNotificationToJson(*n))) std::abort();
            if (std::optional<std::string> plain = AeadAes256GcmOpen(kApiV3Key, n->nonce, n->associated_data, n->ciphertext)) Transaction(*plain);
        }
        break;
    }
    case 1: Transaction(text); break;
    case 2: {
        // Sealed as WeChat Pay seals a resource, opened as the store opens it.
        std::optional<std::string> sealed = AeadAes256GcmSeal(kApiV3Key, "uluk4a9R25RW", "transaction", text);
        if (!sealed || AeadAes256GcmOpen(kApiV3Key, "uluk4a9R25RW", "transaction", *sealed) != std::optional<std::string>(std::string(text)))
            std::abort();
        Transaction(text);
        break;
    }
    case 3: {
        std::optional<WeChatRefund> r = ParseWeChatRefundJson(text);
        if (r && !ParseWeChatRefundJson(WeChatRefundToJson(*r))) std::abort();
        std::optional<WeChatRefund> q = ParseWeChatRefundRequestJson(text);
        if (q && !ParseWeChatRefundRequestJson(WeChatRefundRequestToJson(*q))) std::abort();
        break;
    }
    case 4: {
        std::optional<WeChatCreate> c = ParseWeChatCreateJson(text);
        if (c && !ParseWeChatCreateJson(WeChatCreateToJson(*c))) std::abort();
        ParseWeChatCodeUrlJson(text, "code_url");
        ParseWeChatErrorJson(text);
        break;
    }
    case 5: {
        std::optional<WeChatV2Fields> f = ParseWeChatV2Xml(text);
        if (f) {
            WeChatV2Verify(*f, kApiV3Key);
            WeChatV2Fields signed_fields = *f;
            signed_fields["sign"] = WeChatV2Sign(*f, kApiV3Key, "MD5");
            signed_fields.erase("sign_type");
            if (!WeChatV2Verify(signed_fields, kApiV3Key)) std::abort();
        }
        break;
    }
    case 6: {
        std::optional<WeChatAuthorization> a = ParseWeChatAuthorization(text);
        if (a && !ParseWeChatAuthorization(WeChatAuthorizationHeader(*a))) std::abort();
        WeChatTimestampFresh(text, 1700000000);
        break;
    }
    case 7: {
        std::vector<Problem> problems;
        ParseWeChatPayConfigJson(text, &problems);
        break;
    }
    case 8: {
        // An Alipay notification: a form, signed over its sorted fields.
        std::optional<AlipayParams> p = ParseAlipayForm(text);
        if (p) {
            if (ParseAlipayForm(AlipayForm(*p)) != p) std::abort();
            AlipaySignContent(*p, true);
        }
        break;
    }
    case 9: {
        // An Alipay answer: the signed object cut out as sent, which must itself parse as JSON.
        for (const char* method : {"alipay.trade.query", "alipay.trade.customs.declare"}) {
            std::optional<AlipaySignedAnswer> a = SplitAlipayAnswer(text, method);
            if (!a) continue;
            if (a->content.empty() || a->content.front() != '{' || a->content.back() != '}') std::abort();
            std::optional<AlipayAnswer> parsed = ParseAlipayAnswerJson(a->content, method);
            if (!parsed) continue;
            std::optional<AlipayAnswer> back = ParseAlipayAnswerJson(AlipayAnswerToJson(*parsed, method), method);
            if (!back || back->code != parsed->code || back->total_amount != parsed->total_amount || back->trade_no != parsed->trade_no) std::abort();
        }
        break;
    }
    case 10: {
        std::optional<AlipayTradeContent> t = ParseAlipayTradeContentJson(text);
        if (t) {
            std::optional<AlipayTradeContent> back = ParseAlipayTradeContentJson(AlipayTradeContentToJson(*t));
            if (!back || back->total_amount != t->total_amount || back->out_trade_no != t->out_trade_no) std::abort();
        }
        std::optional<AlipayRefundContent> r = ParseAlipayRefundContentJson(text);
        if (r && !ParseAlipayRefundContentJson(AlipayRefundContentToJson(*r))) std::abort();
        std::optional<AlipayDeclareContent> d = ParseAlipayDeclareContentJson(text);
        if (d && d->amount.fen > 0 && !ParseAlipayDeclareContentJson(AlipayDeclareContentToJson(*d))) std::abort();
        break;
    }
    case 11: {
        int64_t t = ParseAlipayTime(text);
        if (t >= 0 && text.size() == 19 && AlipayTime(t) != text) std::abort();
        std::vector<Problem> problems;
        ParseAlipayConfigJson(text, &problems);
        std::optional<PaymentAsk> ask = ParsePaymentAskJson(text);
        if (ask && !ParsePaymentAskJson(PaymentAskToJson(*ask))) std::abort();
        break;
    }
    case 12: {
        // Announcement 179: customs' ask, the replies, the upload (and the text its signature covers).
        std::string why;
        std::optional<PaymentDataAsk> ask = ParsePaymentDataAskJson(text, &why);
        if (ask) {
            std::optional<PaymentDataAsk> back = ParsePaymentDataAskJson(PaymentDataAskToJson(*ask), &why);
            if (!back || back->order_no != ask->order_no || back->session_id != ask->session_id || back->service_time_ms != ask->service_time_ms)
                std::abort();
        }
        std::optional<PaymentDataReply> reply = ParsePaymentDataReplyJson(text);
        if (reply && !ParsePaymentDataReplyJson(PaymentDataReplyToJson(*reply))) std::abort();
        std::optional<PaymentDataUpload> upload = ParsePaymentDataUploadJson(text, &why);
        if (upload) {
            std::string json = PaymentDataUploadToJson(*upload);
            std::optional<PaymentDataUpload> back = ParsePaymentDataUploadJson(json, &why);
            if (!back || back->head.total_amount != upload->head.total_amount || PaymentDataSignText(*back) != PaymentDataSignText(*upload) ||
                PaymentDataSignTextOf(json) != PaymentDataSignText(*upload))
                std::abort();
        }
        break;
    }
    }
    return 0;
}

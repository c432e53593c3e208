// libFuzzer target: what payment providers send the store — WeChat Pay's notification envelope, the
// transaction and refund inside it (also decrypted from a resource sealed with a fixed APIv3 key,
// as the real path does), its answers (create, errors), the Authorization items, and the APIv2
// customs XML with its signature check. The first byte picks the parser; every parse that
// succeeds must survive writing and reading back.
#include "server/payments/payment_crypto.h"
#include "server/payments/wechat_pay_protocol.h"

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
    switch (data[0] % 8) {
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
    }
    return 0;
}

// bondstore-payment-fake: a local fake of a payment provider, for development, the README demo and
// the browser tests (server/payments/wechat_pay_fake.h, alipay_fake.h). See `bondstore-payment-fake --help`.
#include "server/customs/order_relay.h"
#include "server/payments/alipay_fake.h"
#include "server/payments/wechat_pay_fake.h"

#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

using namespace bondstore;

namespace {

const char* kUsage = R"(bondstore-payment-fake — a local fake of WeChat Pay or Alipay, for development and tests

Usage: bondstore-payment-fake --account-dir DIR --notify-url URL [options]

  --provider NAME      wechat (default) or alipay
  --account-dir DIR    the merchant account: keys made there on first start and kept, and the
                       store's account file DIR/wechat-pay.json (bondstore-server --wechat-pay)
                       or DIR/alipay.json (bondstore-server --alipay)
  --notify-url URL     the store's /api/payments/NAME/notify, written into the account file
  --port N             port (0: any; printed), default 0
  --bind ADDR          default 127.0.0.1
  --refund-delay-ms N  how long a WeChat Pay refund stays PROCESSING, default 200
  --single-window URL  customs' gateway: each accepted declaration sends it a CEB411, signed with
                       DIR/customs-key.pem (the gateway must trust DIR/customs-cert.pem)
  --customs-config F   the store's customs registration (assets/customs/declarant.json): the
                       platform's code and name as WeChat Pay has them on record
WeChat Pay: its APIv3 (payments, refunds) and APIv2 customs declaration; /h5pay is the phone's
payment page (h5_url). Alipay: its OpenAPI gateway /gateway.do (precreate, query, close, refunds,
customs declaration); GET /gateway.do with a signed wap.pay request is the phone's page. Each
checks what its provider checks and notifies the store (plain http to this machine is allowed,
unlike the real ones). POST /fake/pay?out_trade_no=…&payer_name=…&payer_id=… plays the shopper
paying a QR code; POST /fake/control?fail_next=CODE|delay_ms=N|replay=1|hold=0/1; GET /fake/stats.
)";

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string dir, notify_url, bind = "127.0.0.1", single_window, customs_config, provider = "wechat";
    int port = 0, refund_delay = 200;
    for (size_t i = 0; i < args.size(); i++) {
        const std::string& a = args[i];
        bool more = i + 1 < args.size();
        if (a == "--help" || a == "-h") { std::fputs(kUsage, stdout); return 0; }
        else if (a == "--provider" && more) provider = args[++i];
        else if (a == "--account-dir" && more) dir = args[++i];
        else if (a == "--notify-url" && more) notify_url = args[++i];
        else if (a == "--bind" && more) bind = args[++i];
        else if (a == "--port" && more) port = std::atoi(args[++i].c_str());
        else if (a == "--refund-delay-ms" && more) refund_delay = std::atoi(args[++i].c_str());
        else if (a == "--single-window" && more) single_window = args[++i];
        else if (a == "--customs-config" && more) customs_config = args[++i];
        else {
            std::fprintf(stderr, "bondstore-payment-fake: bad argument '%s' (see --help)\n", a.c_str());
            return 2;
        }
    }
    if (dir.empty() || notify_url.empty() || port < 0 || port > 65535 || refund_delay < 0 || (provider != "wechat" && provider != "alipay")) {
        std::fputs(kUsage, stderr);
        return 2;
    }

    std::signal(SIGPIPE, SIG_IGN);
    httplib::Server http;
    http.new_task_queue = [] { return new httplib::ThreadPool(16); };
    int bound = port == 0 ? http.bind_to_any_port(bind) : (http.bind_to_port(bind, port) ? port : -1);
    if (bound <= 0) { std::fprintf(stderr, "bondstore-payment-fake: cannot listen on %s:%d\n", bind.c_str(), port); return 1; }
    std::string host = bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
    std::string url = "http://" + host + ":" + std::to_string(bound);

    std::string error, platform_code, platform_name;
    if (!customs_config.empty()) {
        std::optional<CustomsConfig> c = ReadCustomsConfig(customs_config, &error);
        if (!c) {
            std::fprintf(stderr, "bondstore-payment-fake: %s\n", error.c_str());
            return 2;
        }
        platform_code = c->platform.code;
        platform_name = c->platform.name;
    }
    // One provider per process: each fake mounts its routes and its /fake/ controls.
    std::unique_ptr<WeChatPayFake> wechat;
    std::unique_ptr<AlipayFake> alipay;
    bool made = false, mounted = false;
    std::string account;
    if (provider == "wechat") {
        WeChatPayFakeOptions o;
        o.allow_http_notify = true;
        o.h5_page = url + "/h5pay"; // a browser plays the phone on the fake's own page
        o.refund_delay_ms = refund_delay;
        o.single_window = single_window;
        if (!platform_code.empty()) {
            o.platform_code = platform_code;
            o.platform_name = platform_name;
        }
        made = WeChatPayFake::MakeAccount(dir, url, notify_url, &o, &error);
        if (made) {
            wechat = std::make_unique<WeChatPayFake>(o);
            mounted = wechat->Mount(http, &error);
        }
        account = dir + "/wechat-pay.json";
    } else {
        AlipayFakeOptions o;
        o.allow_http_notify = true;
        o.single_window = single_window;
        if (!platform_code.empty()) {
            o.platform_code = platform_code;
            o.platform_name = platform_name;
        }
        made = AlipayFake::MakeAccount(dir, url, notify_url, &o, &error);
        if (made) {
            alipay = std::make_unique<AlipayFake>(o);
            mounted = alipay->Mount(http, &error);
        }
        account = dir + "/alipay.json";
    }
    if (!made || !mounted) {
        std::fprintf(stderr, "bondstore-payment-fake: %s\n", error.c_str());
        return 1;
    }
    std::printf("%s fake at %s/ (account %s)\n", provider == "wechat" ? "WeChat Pay" : "Alipay", url.c_str(), account.c_str());
    std::fflush(stdout);
    http.listen_after_bind();
    if (wechat) wechat->Stop();
    if (alipay) alipay->Stop();
    return 0;
}

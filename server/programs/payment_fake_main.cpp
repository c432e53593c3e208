// bondstore-payment-fake: a local fake of a payment provider, for development, the README demo and
// the browser tests (server/payments/wechat_pay_fake.h). See `bondstore-payment-fake --help`.
#include "server/customs/order_relay.h"
#include "server/payments/wechat_pay_fake.h"

#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace bondstore;

namespace {

const char* kUsage = R"(bondstore-payment-fake — a local fake of WeChat Pay, for development and tests

Usage: bondstore-payment-fake --account-dir DIR --notify-url URL [options]

  --account-dir DIR    the merchant account: keys made there on first start and kept, and the
                       store's account file DIR/wechat-pay.json (bondstore-server --wechat-pay)
  --notify-url URL     the store's /api/payments/wechat/notify, written into the account file
  --port N             port (0: any; printed), default 0
  --bind ADDR          default 127.0.0.1
  --refund-delay-ms N  how long a refund stays PROCESSING, default 200
  --single-window URL  customs' gateway: each accepted declaration sends it a CEB411, signed with
                       DIR/customs-key.pem (the gateway must trust DIR/customs-cert.pem)
  --customs-config F   the store's customs registration (assets/customs/declarant.json): the
                       platform's code and name as WeChat Pay has them on record
It speaks WeChat Pay's APIv3 (payments, refunds) and APIv2 customs declaration, checks what WeChat
Pay checks, and notifies the store (plain http to this machine is allowed, unlike WeChat Pay).
POST /fake/pay?out_trade_no=…&payer_name=…&payer_id=… plays the shopper paying; /h5pay is the
phone's payment page (h5_url), which sends the browser back to the store;
POST /fake/control?fail_next=CODE|delay_ms=N|replay=1; GET /fake/stats.
)";

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string dir, notify_url, bind = "127.0.0.1", single_window, customs_config;
    int port = 0, refund_delay = 200;
    for (size_t i = 0; i < args.size(); i++) {
        const std::string& a = args[i];
        bool more = i + 1 < args.size();
        if (a == "--help" || a == "-h") { std::fputs(kUsage, stdout); return 0; }
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
    if (dir.empty() || notify_url.empty() || port < 0 || port > 65535 || refund_delay < 0) { std::fputs(kUsage, stderr); return 2; }

    std::signal(SIGPIPE, SIG_IGN);
    httplib::Server http;
    http.new_task_queue = [] { return new httplib::ThreadPool(16); };
    int bound = port == 0 ? http.bind_to_any_port(bind) : (http.bind_to_port(bind, port) ? port : -1);
    if (bound <= 0) { std::fprintf(stderr, "bondstore-payment-fake: cannot listen on %s:%d\n", bind.c_str(), port); return 1; }
    std::string host = bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
    std::string url = "http://" + host + ":" + std::to_string(bound);

    WeChatPayFakeOptions o;
    o.allow_http_notify = true;
    o.h5_page = url + "/h5pay"; // a browser plays the phone on the fake's own page
    o.refund_delay_ms = refund_delay;
    o.single_window = single_window;
    std::string error;
    if (!customs_config.empty()) {
        std::optional<CustomsConfig> c = ReadCustomsConfig(customs_config, &error);
        if (!c) {
            std::fprintf(stderr, "bondstore-payment-fake: %s\n", error.c_str());
            return 2;
        }
        o.platform_code = c->platform.code;
        o.platform_name = c->platform.name;
    }
    if (!WeChatPayFake::MakeAccount(dir, url, notify_url, &o, &error)) {
        std::fprintf(stderr, "bondstore-payment-fake: %s\n", error.c_str());
        return 1;
    }
    WeChatPayFake fake(o);
    if (!fake.Mount(http, &error)) {
        std::fprintf(stderr, "bondstore-payment-fake: %s\n", error.c_str());
        return 1;
    }
    std::printf("WeChat Pay fake at %s/ (account %s/wechat-pay.json)\n", url.c_str(), dir.c_str());
    std::fflush(stdout);
    http.listen_after_bind();
    fake.Stop();
    return 0;
}

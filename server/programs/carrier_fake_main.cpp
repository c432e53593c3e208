// bondstore-carrier-fake: a local fake of SF Express's open platform, for development, the README
// demo and the tests (server/carriers/sf_express_fake.h). See `bondstore-carrier-fake --help`.
#include "server/carriers/sf_express_fake.h"
#include "server/customs/order_relay.h"

#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace bondstore;

namespace {

const char* kUsage = R"(bondstore-carrier-fake — a local fake of SF Express's open platform, for development and tests

Usage: bondstore-carrier-fake --account-dir DIR [options]

  --account-dir DIR    the partner account: the checkword and the carrier's customs key made there
                       on first start and kept, and the store's account file DIR/sf-express.json
                       (bondstore-server --carrier sf --sf-express DIR/sf-express.json)
  --push-url URL       the store's /api/carriers/sf/routes: route events are pushed there
  --port N             port (0: any; printed), default 0
  --bind ADDR          default 127.0.0.1
  --single-window URL  customs' gateway: each new waybill sends it a CEB511, signed with
                       DIR/carrier-key.pem (the gateway must trust DIR/carrier-cert.pem)
  --customs-config F   the store's customs registration (assets/customs/declarant.json): the
                       carrier's customs code and name (its logistics party)
  --auto-routes-s N    each waybill advances by itself every N seconds (picked up, at a hub, out
                       for delivery, delivered); 0 (default): only POST /fake/route moves parcels
SF's gateway is POST /std/service (create, search and cancel orders; routes), checked as SF checks
it. POST /fake/route?waybill=…&op=50 adds a route and pushes it; POST /fake/control?fail_next=CODE|
lose_next=1|ceb511_waybill=NO|delay_ms=N|hold=0/1; GET /fake/waybill?order=NO; GET /fake/stats.
)";

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string dir, bind = "127.0.0.1";
    SfExpressFakeOptions o;
    o.allow_http_push = true;
    int port = 0;
    std::string customs_config;
    for (size_t i = 0; i < args.size(); i++) {
        const std::string& a = args[i];
        bool more = i + 1 < args.size();
        if (a == "--help" || a == "-h") { std::fputs(kUsage, stdout); return 0; }
        else if (a == "--account-dir" && more) dir = args[++i];
        else if (a == "--push-url" && more) o.push_url = args[++i];
        else if (a == "--bind" && more) bind = args[++i];
        else if (a == "--port" && more) port = std::atoi(args[++i].c_str());
        else if (a == "--single-window" && more) o.single_window = args[++i];
        else if (a == "--customs-config" && more) customs_config = args[++i];
        else if (a == "--auto-routes-s" && more) o.auto_routes_s = std::atoi(args[++i].c_str());
        else {
            std::fprintf(stderr, "bondstore-carrier-fake: bad argument '%s' (see --help)\n", a.c_str());
            return 2;
        }
    }
    if (dir.empty() || port < 0 || port > 65535 || o.auto_routes_s < 0) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    std::string error;
    if (!customs_config.empty()) {
        std::optional<CustomsConfig> c = ReadCustomsConfig(customs_config, &error);
        if (!c) {
            std::fprintf(stderr, "bondstore-carrier-fake: %s\n", error.c_str());
            return 2;
        }
        o.logistics_code = c->logistics.code;
        o.logistics_name = c->logistics.name;
    }

    std::signal(SIGPIPE, SIG_IGN);
    httplib::Server http;
    http.new_task_queue = [] { return new httplib::ThreadPool(8); };
    int bound = port == 0 ? http.bind_to_any_port(bind) : (http.bind_to_port(bind, port) ? port : -1);
    if (bound <= 0) { std::fprintf(stderr, "bondstore-carrier-fake: cannot listen on %s:%d\n", bind.c_str(), port); return 1; }
    std::string host = bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
    std::string url = "http://" + host + ":" + std::to_string(bound);
    if (!SfExpressFake::MakeAccount(dir, url, &o, &error)) {
        std::fprintf(stderr, "bondstore-carrier-fake: %s\n", error.c_str());
        return 1;
    }
    SfExpressFake fake(o);
    if (!fake.Mount(http, &error)) {
        std::fprintf(stderr, "bondstore-carrier-fake: %s\n", error.c_str());
        return 1;
    }
    std::printf("SF Express fake at %s/ (account %s/sf-express.json)\n", url.c_str(), dir.c_str());
    std::fflush(stdout);
    http.listen_after_bind();
    fake.Stop();
    return 0;
}

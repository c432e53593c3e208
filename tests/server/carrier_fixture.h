// The carrier's local fake (SfExpressFake) on a thread of this process, with its account in a
// temporary folder, for the sample registration's carrier (assets/customs/declarant.json). Made in
// two steps: the account first (the single window must trust the carrier's certificate before it
// starts), then Start once the single window's address is known.
#pragma once

#include "server/carriers/sf_express_fake.h"
#include "tests/server/server_process.h"

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

namespace bondstore::test {

struct LocalCarrier {
    TempDir dir;
    SfExpressFakeOptions options;
    httplib::Server http;
    std::unique_ptr<SfExpressFake> fake;
    std::thread thread;
    std::string url;

    // `push_url`: the store's /api/carriers/sf/routes ("" for none).
    explicit LocalCarrier(const std::string& push_url);
    ~LocalCarrier();
    // `single_window`: customs' gateway for its CEB511 ("" for none).
    void Start(const std::string& single_window);

    std::string AccountFile() const { return dir.path + "/account/sf-express.json"; }
    std::string CertFile() const { return options.carrier_cert_file; }
    // The server's flags for this carrier.
    std::vector<std::string> ServerArgs() const { return {"--carrier", "sf", "--sf-express", AccountFile()}; }
    httplib::Result Control(const std::string& query);
    // A route event for a waybill (op: SF's opCode), pushed to the store.
    httplib::Result Route(const std::string& waybill, const std::string& op);
    std::string Waybill(const std::string& order_no); // "" if the fake has none
};

} // namespace bondstore::test

// bondstore-admin ceb: an order's CEB message exactly as it was (or would now be) sent, for the
// operator's audit (customs/order_relay.h).
#include "server/programs/admin_commands.h"

#include "server/store/stores.h"

#include "server/base/china_time.h"
#include "server/customs/order_relay.h"
#include "server/security/personal_data.h"

#include <cstdio>
#include <cstdlib>

namespace bondstore::admin {

int Ceb(const std::vector<std::string>& args)
{
    std::string order_no, type = "311", data_dir = DefaultDataDir(), key_file;
    std::string database = DefaultDatabase();
    std::optional<RelayFiles> files;
    std::vector<std::pair<std::string, std::string>> file_flags;
    for (size_t i = 0; i < args.size(); i++) {
        const std::string& a = args[i];
        bool has_value = i + 1 < args.size();
        if (a == "--type" && has_value) type = args[++i];
        else if (a == "--data-dir" && has_value) data_dir = args[++i];
        else if (a == "--database" && has_value) database = args[++i];
        else if (a == "--data-key-file" && has_value) key_file = args[++i];
        else if ((a == "--customs-config" || a == "--ceb-xsd" || a == "--signing-key" || a == "--signing-cert" || a == "--key-name") &&
                 has_value)
            file_flags.emplace_back(a, args[++i]);
        else if (order_no.empty() && a.rfind("--", 0) != 0) order_no = a;
        else { std::fprintf(stderr, "bondstore-admin ceb: unexpected argument '%s'\n", a.c_str()); return 2; }
    }
    if (order_no.empty() || (type != "311" && type != "621")) { PrintUsage(); return 2; }
    RelayFiles f = DefaultRelayFiles(data_dir);
    for (const auto& [flag, value] : file_flags) {
        if (flag == "--customs-config") f.customs_config = value;
        else if (flag == "--ceb-xsd") f.ceb_xsd = value;
        else if (flag == "--signing-key") f.signing_key = value;
        else if (flag == "--signing-cert") f.signing_cert = value;
        else f.key_name = value;
    }

    std::string error;
    std::optional<PersonalData> keys;
    if (const char* hex = std::getenv("BONDSTORE_DATA_KEY"); hex && *hex) keys = PersonalData::FromHexKey(hex, &error);
    else keys = PersonalData::FromKeyFile(key_file.empty() ? data_dir + "/data-key" : key_file, false, &error);
    if (!keys) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    std::unique_ptr<Stores> stores = OpenStores(data_dir, database, DatabaseOptions{1}, &error);
    if (!stores || !stores->database->BindDataKey(keys->Fingerprint(), &error)) {
        std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str());
        return 1;
    }
    std::optional<RelayStore::OrderDeclaration> d = stores->relay.FindDeclaration(order_no, type == "311" ? "order" : "inventory", &error);
    if (!d) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    if (d->order_no.empty()) { std::fprintf(stderr, "bondstore-admin ceb: no order %s\n", order_no.c_str()); return 1; }
    if (!d->sent_message.empty()) { // as it was sent, byte for byte (kept sealed: it carries personal data)
        std::optional<std::string> sent = keys->Open(d->sent_message);
        if (!sent) {
            std::fprintf(stderr, "bondstore-admin ceb: the message as sent does not open with this data key\n");
            return 1;
        }
        std::fputs(sent->c_str(), stdout);
        return 0;
    }
    // Not sent yet: as it would be sent. A missing key pair is not
    // created here: the server creates it, and a message signed by a key nobody has is no audit.
    std::optional<RelayKit> kit = OpenRelayKit(f, false, &error);
    if (!kit) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    std::optional<CebOrder> order = CebOrderFor(*d, *keys, UnixNow(), &error);
    std::optional<std::string> xml =
        order ? SignedCebMessage(*order, type == "311" ? CebType::Order311 : CebType::Inventory621, kit->config, *kit->signer,
                                 *kit->schema, &error)
              : std::nullopt;
    if (!xml) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    if (d->declared_at == 0) std::fprintf(stderr, "bondstore-admin ceb: %s is not paid: this is the message as it would be sent now\n", order_no.c_str());
    std::fputs(xml->c_str(), stdout);
    return 0;
}

int TaxBills(const std::vector<std::string>& args)
{
    std::string data_dir = DefaultDataDir(), database = DefaultDatabase(), merchant;
    bool all = false;
    for (size_t i = 0; i < args.size(); i++) {
        const std::string& a = args[i];
        bool has_value = i + 1 < args.size();
        if (a == "--data-dir" && has_value) data_dir = args[++i];
        else if (a == "--database" && has_value) database = args[++i];
        else if (a == "--merchant" && has_value) merchant = args[++i];
        else if (a == "--all") all = true;
        else { std::fprintf(stderr, "bondstore-admin tax-bills: unexpected argument '%s'\n", a.c_str()); return 2; }
    }
    std::string error;
    std::unique_ptr<Stores> stores = OpenStores(data_dir, database, DatabaseOptions{1}, &error);
    if (!stores) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    std::optional<std::vector<TaxBillStore::Row>> rows = stores->tax_bills.List(merchant, !all, 1000, &error);
    if (!rows) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    // One line per bill: what customs billed beside what the shopper was charged, and why they differ.
    std::printf("%-20s %-20s %-6s %14s %14s  %s\n", "order", "tax bill", "status", "billed (yuan)", "charged (yuan)", "differences");
    int differing = 0;
    for (const TaxBillStore::Row& r : *rows) {
        const char* status = r.status == 1 ? "new" : r.status == 2 ? "paid" : "void";
        std::printf("%-20s %-20s %-6s %14s %14s  %s\n", r.order_no.c_str(), r.tax_no.c_str(), status, r.billed.c_str(), FormatYuan(r.charged).c_str(),
                    r.differences.empty() ? "-" : r.differences.c_str());
        if (!r.differences.empty()) differing++;
    }
    std::fprintf(stderr, "%zu tax bill(s), %d differing from the tax charged\n", rows->size(), differing);
    return differing > 0 ? 3 : 0;
}

} // namespace bondstore::admin

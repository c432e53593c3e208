// bondstore-admin kiosks add|list|revoke: the kiosks of the experience stores, which name their
// store on their orders and may send orders sealed in an outage (store/kiosk_store.h).
#include "server/programs/admin_commands.h"

#include "server/base/china_time.h"
#include "server/security/tokens.h"
#include "server/store/stores.h"

#include <cctype>
#include <cstdio>

namespace bondstore::admin {

int Kiosks(const Args& args)
{
    if (args.empty()) { PrintUsage(); return 2; }
    std::string verb = args[0], id, name, store, data_dir = DefaultDataDir(), database = DefaultDatabase();
    for (size_t i = 1; i < args.size(); i++) {
        if (args[i] == "--name" && i + 1 < args.size()) name = args[++i];
        else if (args[i] == "--store" && verb == "add" && i + 1 < args.size()) store = args[++i];
        else if (args[i] == "--data-dir" && i + 1 < args.size()) data_dir = args[++i];
        else if (args[i] == "--database" && i + 1 < args.size()) database = args[++i];
        else if ((verb == "add" || verb == "revoke") && id.empty() && args[i].rfind("--", 0) != 0) id = args[i];
        else { std::fprintf(stderr, "bondstore-admin kiosks: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    std::string error;
    std::unique_ptr<Stores> stores = OpenStores(data_dir, database, DatabaseOptions{1}, &error);
    if (!stores) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    if (verb == "add") {
        bool valid = !id.empty() && id.size() <= 64 && !name.empty() && name.size() <= 200;
        for (char c : id) valid &= (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
        if (!valid) {
            std::fprintf(stderr, "bondstore-admin kiosks add: an ID of letters, digits, '-', '_' or '.' and a --name are needed\n");
            return 2;
        }
        if (!store.empty() && !stores->experience_stores.Exists(store, &error)) {
            std::fprintf(stderr, "bondstore-admin: %s\n", error.empty() ? ("no experience store '" + store + "' (bondstore-admin stores put)").c_str()
                                                                         : error.c_str());
            return 1;
        }
        std::string code = GenerateEnrollmentCode();
        if (!stores->kiosks.AddKiosk(id, name, store, HashToken(NormalizeEnrollmentCode(code)), UnixNow(), &error)) {
            std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str());
            return 1;
        }
        std::printf("%s\n", code.c_str());
        std::fprintf(stderr, "enrollment code for kiosk '%s', valid 24 hours, usable once: open /kiosk?enroll=%s on it\n", id.c_str(),
                     code.c_str());
        return 0;
    }
    if (verb == "list") {
        std::optional<std::vector<KioskStore::KioskInfo>> kiosks = stores->kiosks.ListKiosks(&error);
        if (!kiosks) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
        std::printf("%-20s %-16s %-10s %-22s %-22s %s\n", "KIOSK", "STORE", "STATE", "SINCE", "LAST CONTACT", "NAME");
        for (const KioskStore::KioskInfo& k : *kiosks) {
            const char* state = KioskStore::State(k);
            int64_t since = k.revoked_at ? k.revoked_at : k.enrolled_at ? k.enrolled_at : k.created_at;
            std::printf("%-20s %-16s %-10s %-22s %-22s %s\n", k.id.c_str(), k.store.empty() ? "-" : k.store.c_str(), state,
                        IsoUtc(since).c_str(), k.last_seen_at ? IsoUtc(k.last_seen_at).c_str() : "-", k.name.c_str());
        }
        return 0;
    }
    if (verb == "revoke") {
        if (!stores->kiosks.Revoke(id, UnixNow(), &error)) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
        std::fprintf(stderr, "revoked: kiosk '%s' can no longer send sealed orders\n", id.c_str());
        return 0;
    }
    PrintUsage();
    return 2;
}

} // namespace bondstore::admin

// bondstore-admin stores put|list|samples: the experience stores and the display samples on their
// shelves (store/experience_stores.h, core/storefront/experience_store.h).
#include "server/programs/admin_commands.h"

#include "server/base/china_time.h"
#include "server/base/files.h"
#include "server/store/stores.h"

#include "core/i18n/i18n.h"
#include "core/i18n/i18n_bundle.h"
#include "core/i18n/text_conversion.h"
#include "core/storefront/experience_store.h"
#include "core/wire/experience_store_json.h"

#include <cstdio>

namespace bondstore::admin {

namespace {

std::vector<std::string> LocaleTags()
{
    std::vector<std::string> tags;
    for (const LocaleInfo& l : BundledLocales()) tags.push_back(l.tag);
    return tags;
}

// A whole number of samples, 0 to 10,000; -1 if it is not one.
int64_t SampleCount(const std::string& s)
{
    if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos) return -1;
    int64_t n = std::stoll(s);
    return n <= 10000 ? n : -1;
}

} // namespace

int ExperienceStoreAdmin(const Args& args)
{
    if (args.empty()) { PrintUsage(); return 2; }
    std::string verb = args[0], data_dir = DefaultDataDir(), database = DefaultDatabase(), lang = "en";
    std::vector<std::string> positional;
    for (size_t i = 1; i < args.size(); i++) {
        if (args[i] == "--data-dir" && i + 1 < args.size()) data_dir = args[++i];
        else if (args[i] == "--database" && i + 1 < args.size()) database = args[++i];
        else if (args[i] == "--lang" && i + 1 < args.size()) lang = args[++i];
        else if (args[i].rfind("--", 0) != 0) positional.push_back(args[i]);
        else { std::fprintf(stderr, "bondstore-admin stores: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    const size_t wanted = verb == "put" ? 1 : verb == "samples" ? 3 : verb == "list" ? 0 : size_t(-1);
    if (positional.size() != wanted) { PrintUsage(); return 2; }

    // A store file is checked before the database is opened: a bad one changes nothing.
    ExperienceStoreParse parsed;
    if (verb == "put") {
        std::string text;
        if (!ReadFile(positional[0], &text)) { std::fprintf(stderr, "bondstore-admin: cannot read %s\n", positional[0].c_str()); return 2; }
        parsed = ParseExperienceStoreJson(text, LocaleTags());
        if (!parsed.ok()) {
            Messages messages = LoadBundledMessages(lang, nullptr, ConvertText);
            for (const Problem& p : parsed.problems) std::fprintf(stderr, "error: %s\n", DescribeProblem(messages, p).c_str());
            std::fprintf(stderr, "%s: not stored (%zu problems)\n", positional[0].c_str(), parsed.problems.size());
            return 1;
        }
    }
    int64_t count = 0;
    if (verb == "samples") {
        count = SampleCount(positional[2]);
        if (count < 0) { std::fprintf(stderr, "bondstore-admin stores samples: COUNT is a whole number from 0 to 10000\n"); return 2; }
    }

    std::string error;
    std::unique_ptr<Stores> stores = OpenStores(data_dir, database, DatabaseOptions{1}, &error);
    if (!stores) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    if (verb == "put") {
        if (!stores->experience_stores.Put(parsed.store, UnixNow(), &error)) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
        std::fprintf(stderr, "stored: experience store '%s'\n", parsed.store.id.c_str());
        return 0;
    }
    if (verb == "samples") {
        // Display samples are not bonded stock: any SKU the store shows, in the catalog or not yet.
        if (!stores->experience_stores.SetSamples(positional[0], positional[1], count, UnixNow(), &error)) {
            std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str());
            return 1;
        }
        std::fprintf(stderr, "%s: %lld of %s on display\n", positional[0].c_str(), static_cast<long long>(count), positional[1].c_str());
        return 0;
    }
    std::optional<StoreDirectory> directory = stores->experience_stores.Directory(&error);
    if (!directory) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    std::printf("%-20s %-8s %-12s %-8s %s\n", "STORE", "DISTRICT", "HOURS", "SAMPLES", "NAME");
    for (const ExperienceStore& s : directory->stores) {
        int64_t samples = 0;
        for (const DisplaySample& d : directory->samples)
            if (d.store == s.id) samples += d.count;
        const std::string* name = s.name.Find("zh-Hans");
        std::printf("%-20s %-8s %-12s %-8lld %s\n", s.id.c_str(), s.district.c_str(), s.hours.c_str(), static_cast<long long>(samples),
                    name ? name->c_str() : "");
    }
    return 0;
}

} // namespace bondstore::admin

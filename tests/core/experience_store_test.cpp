// Experience stores (core/storefront/experience_store.h, core/wire/experience_store_json.h): a
// store is checked before it is kept — its id, its name in every bundled language, its address,
// district and opening hours — and the product page's "on display at" line names who shows it.
#include "core/i18n/i18n.h"
#include "core/i18n/i18n_bundle.h"
#include "core/storefront/experience_store.h"
#include "core/wire/experience_store_json.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace bondstore;

namespace {

std::vector<std::string> Tags()
{
    std::vector<std::string> tags;
    for (const LocaleInfo& l : BundledLocales()) tags.push_back(l.tag);
    return tags;
}

nlohmann::ordered_json StoreFile()
{
    nlohmann::ordered_json names = nlohmann::ordered_json::object();
    for (const std::string& tag : Tags()) names[tag] = "Store " + tag;
    names["zh-Hans"] = "解放碑体验店";
    names["en"] = "Jiefangbei Experience Store";
    return {{"id", "jfb"}, {"name", names}, {"address", "重庆市渝中区民族路 188 号"}, {"district", "500103"}, {"hours", "10:00-22:00"}};
}

std::vector<std::string> Codes(const std::vector<Problem>& problems)
{
    std::vector<std::string> out;
    for (const Problem& p : problems) out.push_back(p.code + ":" + p.value);
    return out;
}

} // namespace

TEST_CASE("an experience store file: read, checked, written back the same")
{
    ExperienceStoreParse ok = ParseExperienceStoreJson(StoreFile().dump(), Tags());
    REQUIRE(ok.ok());
    CHECK(ok.store.id == "jfb");
    CHECK(*ok.store.name.Find("en") == "Jiefangbei Experience Store");
    CHECK(nlohmann::ordered_json::parse(ExperienceStoreToJson(ok.store)) == StoreFile());

    struct Case {
        const char* field;
        nlohmann::ordered_json value;
        const char* code;
    } cases[] = {
        {"id", "jfb 1", "store.id_format:jfb 1"},
        {"id", std::string(65, 'a'), "store.id_format"},
        {"district", "500100", "store.district_invalid:500100"}, // a prefecture
        {"district", "990103", "store.district_invalid:990103"}, // no such province
        {"district", "50010", "store.district_invalid:50010"},
        {"hours", "22:00-10:00", "store.hours_format:22:00-10:00"},
        {"hours", "10:00-24:30", "store.hours_format:10:00-24:30"},
        {"hours", "10-22", "store.hours_format:10-22"},
        {"address", "", "store.address_missing:"},
        {"address", "line\nbreak", "store.address_too_long"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.field);
        nlohmann::ordered_json j = StoreFile();
        j[c.field] = c.value;
        ExperienceStoreParse p = ParseExperienceStoreJson(j.dump(), Tags());
        CHECK_FALSE(p.ok());
        std::vector<std::string> codes = Codes(p.problems);
        CHECK_MESSAGE(std::any_of(codes.begin(), codes.end(), [&](const std::string& s) { return s.rfind(c.code, 0) == 0; }),
                      "got " << nlohmann::json(codes).dump());
    }
    CHECK(ParseExperienceStoreJson(nlohmann::ordered_json(StoreFile()).dump(), Tags()).ok());
    nlohmann::ordered_json missing = StoreFile();
    missing["name"].erase("ar");
    CHECK(Codes(ParseExperienceStoreJson(missing.dump(), Tags()).problems) == std::vector<std::string>{"store.name_missing:ar"});
    CHECK(ParseExperienceStoreJson("{\"id\": 1}", Tags()).problems.size() >= 5); // the shape first
    CHECK_FALSE(ParseExperienceStoreJson("not json", Tags()).ok());
    nlohmann::ordered_json extra = StoreFile();
    extra["colour"] = "red";
    CHECK(Codes(ParseExperienceStoreJson(extra.dump(), Tags()).problems) == std::vector<std::string>{"json.unknown_field:"});
}

TEST_CASE("the store directory: written and read back; who shows a product, said in the shopper's language")
{
    StoreDirectory d;
    d.stores.push_back(ParseExperienceStoreJson(StoreFile().dump(), Tags()).store);
    ExperienceStore second = d.stores[0];
    second.id = "gyq";
    second.name.Set("en", "Guanyinqiao Experience Store");
    second.name.Set("zh-Hans", "观音桥体验店");
    d.stores.push_back(second);
    d.samples = {{"jfb", "IF-APT-PF3-800", 2}, {"gyq", "IF-APT-PF3-800", 1}, {"gyq", "WN-PEN-B389-750", 4}};
    std::optional<StoreDirectory> back = ParseStoreDirectoryJson(StoreDirectoryToJson(d));
    REQUIRE(back);
    CHECK(StoreDirectoryToJson(*back) == StoreDirectoryToJson(d));
    CHECK_FALSE(ParseStoreDirectoryJson("{\"stores\": 3}"));

    std::vector<const ExperienceStore*> both = StoresShowing(d.stores, d.samples, "IF-APT-PF3-800");
    REQUIRE(both.size() == 2);
    CHECK(both[0]->id == "jfb");
    CHECK(StoresShowing(d.stores, d.samples, "WN-PEN-B389-750").size() == 1);
    CHECK(StoresShowing(d.stores, d.samples, "NONE").empty());

    Messages en = LoadBundledMessages("en"), zh = LoadBundledMessages("zh-Hans");
    CHECK(OnDisplayLine(en, FallbackChain("en"), both, false) == "On display at Jiefangbei Experience Store and 1 more store: see it before you buy");
    CHECK(OnDisplayLine(en, FallbackChain("en"), {both[1]}, false) == "On display at Guanyinqiao Experience Store: see it before you buy");
    CHECK(OnDisplayLine(zh, FallbackChain("zh-Hans"), both, false) == "解放碑体验店等 1 家门店有样品展示，可到店体验");
    CHECK(OnDisplayLine(en, FallbackChain("en"), both, true) == "On display in this store: ask to see it");
    CHECK(OnDisplayLine(en, FallbackChain("en"), {}, true).empty());
}

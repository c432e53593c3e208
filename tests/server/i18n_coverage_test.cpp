// Every code a person may read has a message in every bundled locale: problems ("problem.<code>"),
// tax refusals ("tax.reason.<code>"), tax notes ("tax.note.<code>") and HTTP errors
// ("error.<code>"). The codes are found in the sources themselves, so a new one cannot slip in
// untranslated.
#include <doctest/doctest.h>

#include "tests/server/server_process.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>
#include <set>

using namespace bondstore::test;

namespace {

std::string Sources(const std::vector<const char*>& folders)
{
    std::string all;
    for (const char* folder : folders)
        for (const auto& entry : std::filesystem::directory_iterator(std::string(BONDSTORE_SOURCE_DIR) + "/" + folder))
            if (entry.path().extension() == ".cpp" || entry.path().extension() == ".h") all += ReadFile(entry.path().string());
    return all;
}

std::set<std::string> Matches(const std::string& text, const std::string& pattern)
{
    std::set<std::string> out;
    std::regex re(pattern);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) out.insert((*it)[1]);
    return out;
}

} // namespace

TEST_CASE("every code a person can read has a message in every locale")
{
    std::string core = Sources({"core"}), server = Sources({"server"});
    std::set<std::string> problems = Matches(core + server, R"re("((?:json|catalog|csv|import|shopify|google|xml|stock|tax|quote|cart)\.[a-z_]+)")re");
    for (auto it = problems.begin(); it != problems.end();) // "#include "catalog.h"" is not a code
        it = it->size() > 2 && it->compare(it->size() - 2, 2, ".h") == 0 ? problems.erase(it) : std::next(it);
    problems.erase("tax.reason"); // prefixes built in code
    problems.erase("tax.note");
    problems.erase("tax.regime");
    std::set<std::string> reasons = Matches(core, R"re(reject\("([a-z_]+)")re");
    for (const std::string& r : Matches(core, R"re(t\.error = "([a-z_]+)")re")) reasons.insert(r);
    std::set<std::string> notes = Matches(core, R"re(Note\("([a-z_]+)")re");
    for (const std::string& n : Matches(core, R"re(\? "([a-z_]+)" : "[a-z_]+"\s*,\s*\{)re")) notes.insert(n);
    for (const std::string& n : Matches(core, R"re(: "([a-z_]+)",\s*\{\{)re")) notes.insert(n);
    std::set<std::string> errors = Matches(server, R"re(Send(?:Problems)?\(req, res, \d+, "([a-z_]+)")re");
    CHECK(problems.size() > 60);
    CHECK(reasons.size() > 12);
    CHECK(errors.size() > 5);

    for (const char* locale : {"en", "zh-Hans"}) {
        CAPTURE(locale);
        nlohmann::json messages = nlohmann::json::parse(ReadFile(std::string(BONDSTORE_SOURCE_DIR) + "/i18n/" + locale + ".json"));
        for (const std::string& code : problems) CHECK_MESSAGE(messages.contains("problem." + code), "problem." << code);
        for (const std::string& code : reasons) CHECK_MESSAGE(messages.contains("tax.reason." + code), "tax.reason." << code);
        for (const std::string& code : notes) CHECK_MESSAGE(messages.contains("tax.note." + code), "tax.note." << code);
        for (const char* regime : {"within_limits", "single_item_full_tax", "general_trade_full_tax"})
            CHECK(messages.contains(std::string("tax.note.regime_") + regime));
        for (const std::string& code : errors) CHECK_MESSAGE(messages.contains("error." + code), "error." << code);
    }
}

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

// The store's sources (the fakes of outside parties, *_fake.*, speak for those parties and are not
// the store's: left out).
std::string Sources(const std::vector<const char*>& folders)
{
    std::string all;
    for (const char* folder : folders)
        for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(BONDSTORE_SOURCE_DIR) + "/" + folder)) {
            if (entry.path().stem().string().size() > 5 && entry.path().stem().string().ends_with("_fake")) continue;
            if (entry.path().extension() == ".cpp" || entry.path().extension() == ".h") all += ReadFile(entry.path().string());
        }
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
    std::set<std::string> problems = Matches(core + server, R"re("((?:json|catalog|csv|import|shopify|google|xml|stock|tax|quote|cart|po|currency|order|identity|brand)\.[a-z_]+)")re");
    for (auto it = problems.begin(); it != problems.end();) // "#include "catalog.h"" is not a code
        it = it->size() > 2 && it->compare(it->size() - 2, 2, ".h") == 0 ? problems.erase(it) : std::next(it);
    problems.erase("tax.reason"); // prefixes built in code
    problems.erase("tax.note");
    problems.erase("tax.regime");
    problems.erase("cart.title"); // the cart screen's title, which the server's pages use too (not a problem code)
    std::set<std::string> reasons = Matches(core, R"re(reject\("([a-z_]+)")re");
    for (const std::string& r : Matches(core, R"re(t\.error = "([a-z_]+)")re")) reasons.insert(r);
    std::set<std::string> notes = Matches(core, R"re(Note\("([a-z_]+)")re");
    for (const std::string& n : Matches(core, R"re(\? "([a-z_]+)" : "[a-z_]+"\s*,\s*\{)re")) notes.insert(n);
    for (const std::string& n : Matches(core, R"re(: "([a-z_]+)",\s*\{\{)re")) notes.insert(n);
    std::set<std::string> errors = Matches(server, R"re(Send(?:Problems)?\(req, res, \d+, "([a-z_]+)")re");
    for (const std::string& e : Matches(server, R"re(error\.code = "([a-z_]+)")re")) errors.insert(e); // an ApiError with more members
    CHECK(problems.size() > 60);
    CHECK(reasons.size() > 12);
    CHECK(errors.size() > 5);

    nlohmann::json locales = nlohmann::json::parse(ReadFile(std::string(BONDSTORE_SOURCE_DIR) + "/i18n/locales.json"));
    REQUIRE(locales["locales"].size() == 9);
    for (const auto& l : locales["locales"]) {
        std::string locale = l["tag"].get<std::string>();
        CAPTURE(locale);
        nlohmann::json messages = nlohmann::json::parse(ReadFile(std::string(BONDSTORE_SOURCE_DIR) + "/i18n/" + locale + ".json"));
        // A locale may leave merchant-facing problem reports to its fallback when locales.json says so.
        if (l.contains("may_fall_back"))
            for (const auto& prefix : l["may_fall_back"])
                if (prefix == "problem.")
                    for (const std::string& code : problems) messages["problem." + code] = "(falls back)";
        for (const std::string& code : problems) CHECK_MESSAGE(messages.contains("problem." + code), "problem." << code);
        for (const std::string& code : reasons) CHECK_MESSAGE(messages.contains("tax.reason." + code), "tax.reason." << code);
        for (const std::string& code : notes) CHECK_MESSAGE(messages.contains("tax.note." + code), "tax.note." << code);
        for (const char* regime : {"within_limits", "single_item_full_tax", "general_trade_full_tax"})
            CHECK(messages.contains(std::string("tax.note.regime_") + regime));
        for (const std::string& code : errors) CHECK_MESSAGE(messages.contains("error." + code), "error." << code);
    }
}

TEST_CASE("no text a person reads is written in the web app's or the server's code: it all goes through a key")
{
    // Every string literal in the screens, the app's state and actions, and main() must be something no shopper
    // reads as prose: a message key or widget id ("cart.title", "add.", "a11y.combo"), the end of one
    // (".to_pay"), an ImGui id ("##sort"), a format ("%s"), a path ("/api/catalog"), a preference
    // name, a currency code, an HTTP header name ("Idempotency-Key"), or symbols with no letters
    // ("-", " ("). (web/platform/ is glue to the browser and GL: it draws no text.)
    std::regex literal(R"re("((?:[^"\\\n]|\\.)*)")re");
    std::regex allowed(R"re(^(|##.*|[a-z_]+|[a-z_+-][a-z0-9_+-]*(\.[A-Za-z0-9_+-]*)+|(\.[a-z0-9_]+)+|%[a-z]+|/.*|[A-Z]{3}|#version .*|[A-Z][A-Za-z]*(-[A-Z][A-Za-z]*)+|[^A-Za-z]*)$)re");
    std::vector<std::string> files;
    for (const char* folder : {"web/screens", "web/state", "web/actions"})
        for (const auto& entry : std::filesystem::directory_iterator(std::string(BONDSTORE_SOURCE_DIR) + "/" + folder))
            if (entry.path().extension() == ".cpp") files.push_back(entry.path().string());
    files.push_back(std::string(BONDSTORE_SOURCE_DIR) + "/web/main.cpp");
    CHECK(files.size() >= 7);
    int literals = 0;
    for (const std::string& path : files) {
        std::string text = ReadFile(path);
        size_t line_start = 0;
        int line_no = 0;
        while (line_start < text.size()) {
            size_t end = text.find('\n', line_start);
            std::string line = text.substr(line_start, end == std::string::npos ? std::string::npos : end - line_start);
            line_start = end == std::string::npos ? text.size() : end + 1;
            line_no++;
            std::string code = line.substr(0, line.find("//")); // comments may say anything
            if (code.find("#include") != std::string::npos) continue;
            if (code.find("fprintf(stderr") != std::string::npos) continue; // the developer's console
            for (auto it = std::sregex_iterator(code.begin(), code.end(), literal); it != std::sregex_iterator(); ++it) {
                literals++;
                std::string value = (*it)[1];
                CHECK_MESSAGE(std::regex_match(value, allowed), path << ":" << line_no << ": \"" << value << "\" is text a person reads; give it a key in i18n/");
            }
        }
    }
    CHECK(literals > 50);

    // The server answers errors through ErrorReply (a code, and its message in the client's
    // language): no route writes prose of its own.
    std::string server = Sources({"server"});
    std::regex prose(R"re(set_content\(\s*"[^"]*[A-Za-z]{3})re");
    CHECK_FALSE(std::regex_search(server, prose));
}

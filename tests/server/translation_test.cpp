// The translator round trip through `bondstore-admin i18n`, on a copy of the repository's i18n/,
// and the display-currency rates the server serves to the web app.
#include <doctest/doctest.h>

#include "tests/server/server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <filesystem>

using namespace bondstore::test;

namespace {

std::string CopyI18n(const TempDir& dir)
{
    std::string to = dir.path + "/i18n";
    std::filesystem::copy(std::string(BONDSTORE_SOURCE_DIR) + "/i18n", to);
    return to;
}

void Replace(std::string& text, const std::string& from, const std::string& to)
{
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("bondstore-admin i18n: PO out, edited, back in; errors with line numbers change nothing")
{
    // Message files only, no store opened: nothing to run on two back ends.
    TempDir dir;
    std::string i18n = CopyI18n(dir), po = dir.path + "/de.po";
    RunResult out = Run(AdminBinary(), {"i18n", "export-po", "de", "--i18n-dir", i18n, "--out", po});
    REQUIRE(out.exit_code == 0);
    CHECK(out.err.find(" messages, 0 fuzzy, 0 untranslated") != std::string::npos);
    std::string text = ReadFile(po);
    CHECK(text.find("msgctxt \"cart.title\"\nmsgid \"Your cart\"\n") != std::string::npos);

    // A translator breaks a pattern and renames a placeholder: refused, with the lines, file untouched.
    std::string before = ReadFile(i18n + "/de.json");
    std::string broken = text;
    Replace(broken, "msgstr \"Ihr Warenkorb\"", "msgstr \"Ihr {Warenkorb\"");
    Replace(broken, "msgstr \"{count, plural, =0", "msgstr \"{anzahl, plural, =0");
    WriteFile(po, broken);
    RunResult bad = Run(AdminBinary(), {"i18n", "import-po", "de", po, "--i18n-dir", i18n});
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("the translation is not a valid ICU MessageFormat pattern") != std::string::npos);
    CHECK(bad.err.find("placeholders ({anzahl, plural}) differ from the source’s ({count, plural})") != std::string::npos);
    CHECK(bad.err.find("not changed") != std::string::npos);
    CHECK(ReadFile(i18n + "/de.json") == before);

    // In German, too.
    RunResult bad_de = Run(AdminBinary(), {"i18n", "import-po", "de", po, "--i18n-dir", i18n, "--lang", "de"});
    CHECK(bad_de.exit_code == 1);
    CHECK(bad_de.err.find("Zeile") != std::string::npos);

    // A good edit lands, and the file still loads as the app embeds it.
    std::string good = text;
    Replace(good, "msgstr \"Ihr Warenkorb\"", "msgstr \"Ihr Einkaufswagen\"");
    WriteFile(po, good);
    RunResult ok = Run(AdminBinary(), {"i18n", "import-po", "de", po, "--i18n-dir", i18n});
    CHECK(ok.exit_code == 0);
    nlohmann::json de = nlohmann::json::parse(ReadFile(i18n + "/de.json"));
    CHECK(de["cart.title"] == "Ihr Einkaufswagen");
    CHECK(de["@source_hashes"].contains("cart.title"));

    // The source changes: the next export flags the entry for review.
    std::string en = ReadFile(i18n + "/en.json");
    Replace(en, "\"cart.title\": \"Your cart\"", "\"cart.title\": \"Your shopping cart\"");
    WriteFile(i18n + "/en.json", en);
    RunResult again = Run(AdminBinary(), {"i18n", "export-po", "de", "--i18n-dir", i18n});
    CHECK(again.exit_code == 0);
    CHECK(again.out.find("#, fuzzy\nmsgctxt \"cart.title\"\nmsgid \"Your shopping cart\"\nmsgstr \"Ihr Einkaufswagen\"") != std::string::npos);
    CHECK(again.err.find("1 fuzzy") != std::string::npos);

    CHECK(Run(AdminBinary(), {"i18n", "export-po", "en", "--i18n-dir", i18n}).exit_code == 2); // the source itself
    CHECK(Run(AdminBinary(), {"i18n", "export-po", "xx", "--i18n-dir", i18n}).exit_code == 2);
    CHECK(Run(AdminBinary(), {"i18n", "import-po", "de", dir.path + "/missing.po", "--i18n-dir", i18n}).exit_code == 2);
}

TEST_CASE("the store's display-currency rates: served as checked, or 404 when it shows yuan only")
{
    // The rates are a file the server reads at start, never the store's: one back end is enough.
    TempDir data;
    ServerProcess s = ServerProcess::Start({"--data-dir", data.path, "--seed-catalog", SampleCatalog()});
    httplib::Client c("127.0.0.1", s.port);
    auto r = c.Get("/api/currency-rates");
    REQUIRE(r);
    CHECK(r->status == 200);
    nlohmann::json rates = nlohmann::json::parse(r->body);
    CHECK(rates["rates"].contains("USD"));
    CHECK(rates["as_of"].is_string());
    s.Stop(SIGTERM);

    TempDir none;
    ServerProcess off = ServerProcess::Start({"--data-dir", none.path, "--seed-catalog", SampleCatalog(), "--currency-rates", ""});
    httplib::Client c2("127.0.0.1", off.port);
    auto r2 = c2.Get("/api/currency-rates");
    REQUIRE(r2);
    CHECK(r2->status == 404);
    off.Stop(SIGTERM);

    // A broken rates file stops the server at start, saying what is wrong.
    TempDir bad;
    WriteFile(bad.path + "/rates.json", R"({"as_of": "2026-11-20", "rates": {"usd": "0.14"}})");
    RunResult refused = Run(ServerBinary(), {"--data-dir", bad.path, "--port", "0", "--currency-rates", bad.path + "/rates.json"});
    CHECK(refused.exit_code != 0);
    CHECK(refused.err.find("“usd” is not a currency code") != std::string::npos);
}

// The store's pages on the open web (server/catalog/shop_pages.h, server/api/page_routes.cpp):
// each shopper address answers HTML in its language with what search engines and share cards
// read — title, description, canonical and alternates, Open Graph and Twitter tags, schema.org
// JSON-LD with the price and bonded availability — and the content a shopper without JavaScript
// browses; the tax on a page is the one POST /api/quote gives; the sitemap lists every page.
#include <doctest/doctest.h>

#include "tests/server/server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <regex>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

const char* const kLocales[] = {"zh-Hans", "zh-Hant", "en", "ja", "ko", "ru", "de", "fr", "ar"};

struct Pages {
    TempDir dir;
    ServerProcess server;
    json catalog;
    Pages(std::vector<std::string> more = {})
    {
        // The app's own page: the shell a page is written into (http/app_shell.h).
        WriteFile(dir.path + "/web/index.html", ReadFile(std::string(BONDSTORE_SOURCE_DIR) + "/web/index.html"));
        std::vector<std::string> args = {"--data-dir", dir.path + "/store", "--web-dir", dir.path + "/web"};
        args.insert(args.end(), more.begin(), more.end());
        server = ServerProcess::Start(args);
        catalog = json::parse(ReadFile(std::string(BONDSTORE_SOURCE_DIR) + "/assets/catalog/sample.json"));
    }
    httplib::Result Get(const std::string& path, httplib::Headers headers = {}) const
    {
        httplib::Client c(server.url);
        c.set_read_timeout(10, 0);
        c.set_decompress(true);
        return c.Get(path, headers);
    }
};

std::vector<json> JsonLd(const std::string& html)
{
    std::vector<json> out;
    static const std::regex block(R"(<script type="application/ld\+json">([^<]*)</script>)");
    for (std::sregex_iterator it(html.begin(), html.end(), block), end; it != end; ++it) out.push_back(json::parse((*it)[1].str()));
    return out;
}

size_t Count(const std::string& text, const std::string& what)
{
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) n++;
    return n;
}

} // namespace

TEST_CASE("a product's page in each of the nine languages: its words, share card, alternates and JSON-LD; the tax is the quote's")
{
    Pages p;
    const json& first = p.catalog["products"][0];
    const std::string sku = first["sku"].get<std::string>();
    httplib::Client c(p.server.url);
    auto quote = c.Post("/api/quote", json{{"lines", {{{"sku", sku}, {"qty", 1}}}}}.dump(), "application/json");
    REQUIRE(quote);
    REQUIRE(quote->status == 200);
    const int64_t to_pay = json::parse(quote->body)["amount_to_pay_fen"].get<int64_t>();
    const std::string to_pay_yuan = std::to_string(to_pay / 100) + "." + (to_pay % 100 < 10 ? "0" : "") + std::to_string(to_pay % 100);
    for (const char* tag : kLocales) {
        CAPTURE(tag);
        const std::string path = std::string("/") + tag + "/p/" + sku;
        auto r = p.Get(path);
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("Content-Type") == "text/html; charset=utf-8");
        const std::string& html = r->body;
        CHECK(html.find(std::string("<html lang=\"") + tag + "\"") != std::string::npos);
        CHECK((html.find("dir=\"rtl\"") != std::string::npos) == (std::string(tag) == "ar"));
        CHECK(html.find("<link rel=\"canonical\" href=\"" + p.server.url + path + "\">") != std::string::npos);
        CHECK(Count(html, "<link rel=\"alternate\" hreflang=") == 10);
        CHECK(html.find("hreflang=\"x-default\" href=\"" + p.server.url + "/p/" + sku + "\"") != std::string::npos);
        CHECK(html.find("<meta property=\"og:type\" content=\"product\">") != std::string::npos);
        CHECK(html.find("<meta property=\"og:image\" content=\"" + p.server.url + "/thumbnails/512/") != std::string::npos);
        CHECK(html.find("<meta name=\"twitter:card\" content=\"summary_large_image\">") != std::string::npos);
        CHECK(html.find("<meta name=\"description\" content=\"") != std::string::npos);
        std::vector<json> ld = JsonLd(html);
        REQUIRE(ld.size() == 2);
        const json& product = ld[0];
        CHECK(product["@type"] == "Product");
        CHECK(product["sku"] == sku);
        if (first["title"].contains(tag)) CHECK(product["name"] == first["title"][tag]);
        CHECK(html.find("<h1>") != std::string::npos);
        REQUIRE(product["image"].is_array());
        CHECK(product["image"][0].get<std::string>().rfind(p.server.url + "/images/", 0) == 0);
        const int64_t price = first["price_fen"].get<int64_t>();
        CHECK(product["offers"]["price"] == std::to_string(price / 100) + "." + (price % 100 < 10 ? "0" : "") + std::to_string(price % 100));
        CHECK(product["offers"]["priceCurrency"] == "CNY");
        CHECK(product["offers"]["availability"] == "https://schema.org/InStock");
        CHECK(ld[1]["@type"] == "BreadcrumbList");
        CHECK(ld[1]["itemListElement"].size() == 3);
        // The tax line shows what the checkout will charge (digits as the locale writes them).
        if (std::string(tag) == "en") CHECK(html.find("you pay CN¥" + to_pay_yuan + " in all") != std::string::npos);
        // Links the page gives a shopper without JavaScript: home, its category, the others.
        CHECK(html.find(std::string("href=\"/") + tag + "/p/") != std::string::npos);
    }
}

TEST_CASE("home, a category, a search: pages of products with links; what is not in the store is a 404 page in the shopper's language")
{
    Pages p;
    auto home = p.Get("/", {{"Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5"}});
    REQUIRE(home);
    CHECK(home->status == 200);
    CHECK(home->body.find("<html lang=\"ja\"") != std::string::npos);
    CHECK(home->get_header_value("Vary").find("Accept-Language") != std::string::npos);
    CHECK(home->body.find("<link rel=\"canonical\" href=\"" + p.server.url + "/\">") != std::string::npos);
    CHECK(home->body.find("href=\"/ja/c/infant_formula\"") != std::string::npos);

    size_t formula = 0;
    for (const json& product : p.catalog["products"]) formula += product["category"] == "infant_formula";
    auto category = p.Get("/en/c/infant_formula");
    REQUIRE(category);
    CHECK(category->status == 200);
    CHECK(Count(category->body, "<li><a href=\"/en/p/") == formula);
    CHECK(category->body.find("<h1>Infant formula</h1>") != std::string::npos);
    CHECK(category->body.find("noindex") == std::string::npos);

    auto search = p.Get("/en/?q=Aptamil");
    REQUIRE(search);
    CHECK(search->status == 200);
    CHECK(search->body.find("<meta name=\"robots\" content=\"noindex\">") != std::string::npos);
    CHECK(Count(search->body, "<li><a href=\"/en/p/IF-APT-") >= 2);

    for (const char* path : {"/en/p/NO-SUCH-SKU", "/en/c/no_such_category", "/en/c/infant_formula?page=2", "/en/c/infant_formula?page=x"}) {
        CAPTURE(path);
        auto r = p.Get(path);
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK(r->body.find("This page is not in the store") != std::string::npos);
        CHECK(r->body.find("noindex") != std::string::npos);
    }
    auto file = p.Get("/bondstore-no-such-file.js");
    REQUIRE(file);
    CHECK(file->status == 404);

    // The app's own screens: a title and no content, not indexed; the kiosk and merchant pages too.
    for (const char* path : {"/en/cart", "/en/checkout", "/en/order", "/kiosk", "/merchant"}) {
        CAPTURE(path);
        auto r = p.Get(path);
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->body.find("<meta name=\"robots\" content=\"noindex\">") != std::string::npos);
        CHECK(r->body.find("<div id=\"page\">") == std::string::npos);
    }
}

TEST_CASE("a page is revalidated by its ETag, compressed, and within its size budget")
{
    Pages p;
    const std::string path = "/en/p/" + p.catalog["products"][0]["sku"].get<std::string>();
    auto first = p.Get(path);
    REQUIRE(first);
    const std::string etag = first->get_header_value("ETag");
    CHECK(!etag.empty());
    CHECK(first->get_header_value("Cache-Control") == "no-cache");
    auto again = p.Get(path, {{"If-None-Match", etag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    httplib::Client raw(p.server.url);
    raw.set_decompress(false);
    auto packed = raw.Get(path, {{"Accept-Encoding", "br"}});
    REQUIRE(packed);
    CHECK(packed->get_header_value("Content-Encoding") == "br");
    MESSAGE("product page: " << first->body.size() << " bytes, " << packed->body.size() << " brotli");
    CHECK(packed->body.size() <= 30 * 1024);
}

TEST_CASE("the sitemap lists every language's home, categories and products; robots.txt points to it")
{
    Pages p;
    auto robots = p.Get("/robots.txt");
    REQUIRE(robots);
    CHECK(robots->body.find("Sitemap: " + p.server.url + "/sitemap.xml") != std::string::npos);
    CHECK(robots->body.find("Disallow: /api/") != std::string::npos);
    auto index = p.Get("/sitemap.xml");
    REQUIRE(index);
    CHECK(Count(index->body, "<sitemap><loc>") == 9);
    auto en = p.Get("/sitemaps/en-1.xml");
    REQUIRE(en);
    CHECK(en->status == 200);
    CHECK(Count(en->body, "<url><loc>" + p.server.url + "/en/p/") == p.catalog["products"].size());
    CHECK(en->body.find("<url><loc>" + p.server.url + "/en/c/infant_formula</loc></url>") != std::string::npos);
    for (const char* bad : {"/sitemaps/en-2.xml", "/sitemaps/en-0.xml", "/sitemaps/xx-1.xml", "/sitemaps/en-XA-1.xml"}) {
        CAPTURE(bad);
        auto r = p.Get(bad);
        REQUIRE(r);
        CHECK(r->status == 404);
    }
}

TEST_CASE("with --public-url, every link a page gives is on the store's public address")
{
    Pages p({"--public-url", "https://shop.example/"});
    auto r = p.Get("/de/c/wine");
    REQUIRE(r);
    CHECK(r->body.find("<link rel=\"canonical\" href=\"https://shop.example/de/c/wine\">") != std::string::npos);
    CHECK(r->body.find(p.server.url) == std::string::npos);
}

// How the store looks, as the server serves it: the brand file (GET /api/brand, its logo), the
// product pictures at the sizes the app draws (GET /thumbnails/{size}/NAME) and the countries'
// flags (GET /flags/{iso}.png). Files and flags, not the store's data: one back end is enough.
#include <doctest/doctest.h>

#include <sstream>

#include "tests/server/server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <filesystem>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

struct Look {
    TempDir dir;
    Look() { WriteFile(dir.path + "/web/index.html", "<!doctype html><title>app</title>"); }
    std::vector<std::string> Args(std::vector<std::string> more) const
    {
        std::vector<std::string> args = {"--data-dir", dir.path + "/store" + std::to_string(stores++), "--web-dir", dir.path + "/web"};
        args.insert(args.end(), more.begin(), more.end());
        return args;
    }
    mutable int stores = 0;
};

httplib::Result Get(const ServerProcess& s, const std::string& path)
{
    httplib::Client c(s.url);
    c.set_read_timeout(10, 0);
    return c.Get(path);
}

// A picture's size, as a browser would decode it.
std::pair<int, int> PictureSize(const std::string& bytes)
{
    int w = 0, h = 0, n = 0;
    if (!stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), int(bytes.size()), &w, &h, &n)) return {0, 0};
    return {w, h};
}

void Append(void* out, void* data, int size) { static_cast<std::string*>(out)->append(static_cast<const char*>(data), size_t(size)); }

// A `w` × `h` PNG of a gradient (a merchant's large packshot).
std::string LargePng(int w, int h)
{
    std::vector<unsigned char> rgb(size_t(w) * size_t(h) * 3);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char* p = &rgb[(size_t(y) * size_t(w) + size_t(x)) * 3];
            p[0] = static_cast<unsigned char>(x * 255 / w);
            p[1] = static_cast<unsigned char>(y * 255 / h);
            p[2] = 128;
        }
    std::string out;
    stbi_write_png_to_func(Append, &out, w, h, 3, rgb.data(), w * 3);
    return out;
}

std::string Source(const std::string& path) { return ReadFile(std::string(BONDSTORE_SOURCE_DIR) + "/" + path); }

} // namespace

TEST_CASE("the store's brand is served to the app with its logo; without --brand, Bondstore's own")
{
    Look look;
    ServerProcess s = ServerProcess::Start(look.Args({}));
    auto brand = Get(s, "/api/brand");
    REQUIRE(brand);
    CHECK(brand->status == 200);
    CHECK(brand->get_header_value("Content-Type") == "application/json; charset=utf-8");
    json b = json::parse(brand->body);
    CHECK(b["id"] == "bondstore");
    CHECK(b["logo"] == "/brand/logo.png");
    CHECK(b["colors"]["light"]["accent"] == "#0b6e4f");
    auto logo = Get(s, "/brand/logo.png");
    REQUIRE(logo);
    CHECK(logo->status == 200);
    CHECK(logo->body == Source("assets/brand/bondstore/logo.png"));
    for (const char* path : {"/brand/brand.json", "/brand/../catalog/sample.json", "/brand/other.png"}) {
        auto missing = Get(s, path);
        REQUIRE(missing);
        CHECK_MESSAGE(missing->status == 404, path);
    }

    ServerProcess harbour = ServerProcess::Start(look.Args({"--brand", std::string(BONDSTORE_SOURCE_DIR) + "/tests/brands/harbour/brand.json"}));
    json h = json::parse(Get(harbour, "/api/brand")->body);
    CHECK(h["id"] == "harbour");
    CHECK(h["name"]["zh-Hans"] == "港湾巷");
    CHECK(h["corner_radius"] == 14);
    CHECK(h["text_scale"] == 1.1);
    CHECK(h["default_locale"] == "zh-Hans");
    CHECK(h["featured"].size() == 5);
    CHECK(h["delivery_days"] == json::array({1, 3}));
    CHECK(Get(harbour, "/brand/logo.png")->body == Source("tests/brands/harbour/logo.png"));
    // Its kiosks feature its own choice; Bondstore's (none chosen, nothing sold yet) a product of each category.
    json featured = json::parse(Get(harbour, "/api/featured")->body);
    CHECK(featured["source"] == "brand");
    CHECK(featured["skus"] == h["featured"]);
    json tour = json::parse(Get(s, "/api/featured")->body);
    CHECK(tour["source"] == "categories");
    CHECK(tour["skus"].size() == 8);
    CHECK(tour["skus"][0] == "IF-APT-PF3-800");
}

TEST_CASE("a brand whose colours fail WCAG AA, or whose file is wrong, stops the server with the reason")
{
    Look look;
    std::string harbour = Source("tests/brands/harbour/brand.json");
    auto with = [&](const std::string& from, const std::string& to) {
        std::string text = harbour;
        size_t at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.replace(at, from.size(), to);
    };
    std::filesystem::copy_file(std::string(BONDSTORE_SOURCE_DIR) + "/tests/brands/harbour/logo.png", look.dir.path + "/logo.png");
    struct Case {
        const char* name;
        std::string file;
        std::vector<std::string> said;
    };
    std::vector<Case> cases = {
        {"dim text in the dark scheme", with("\"muted\": \"#c4ae9c\"", "\"muted\": \"#6e5a4b\""), {"dark.muted/page", "4.50:1", "WCAG AA"}},
        {"white on a pale accent", with("\"accent\": \"#a83a1a\"", "\"accent\": \"#f0a080\""), {"light.on_accent/accent"}},
        {"a colour that is not one", with("\"#fffaf3\"", "\"cream\""), {"colors.light.page", "#rrggbb"}},
        {"a logo elsewhere on the machine", with("\"logo.png\"", "\"../../etc/passwd\""), {"\"logo\" must name a picture"}},
        {"a logo that is not there", with("\"logo.png\"", "\"missing.png\""), {"missing.png"}},
        {"not JSON", "{\"id\": ", {"brand"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        WriteFile(look.dir.path + "/brand.json", c.file);
        RunResult r = Run(ServerBinary(), [&] {
            std::vector<std::string> args = look.Args({"--port", "0", "--brand", look.dir.path + "/brand.json"});
            return args;
        }());
        CHECK(r.exit_code == 1);
        // (the server's log is JSON lines: what it said is each line's message)
        std::string said;
        std::istringstream lines(r.err);
        for (std::string line; std::getline(lines, line);) {
            nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
            said += (j.is_object() && j.contains("message") ? j["message"].get<std::string>() : line) + "\n";
        }
        for (const std::string& s : c.said) CHECK_MESSAGE(said.find(s) != std::string::npos, s << " in: " << said);
    }
    RunResult none = Run(ServerBinary(), look.Args({"--port", "0", "--brand", look.dir.path + "/no-such-brand.json"}));
    CHECK(none.exit_code == 1);
    CHECK(none.err.find("no-such-brand.json") != std::string::npos);
}

TEST_CASE("every product picture is made at the sizes the app draws, never enlarged")
{
    Look look;
    std::string dir = look.dir.path + "/pictures";
    std::filesystem::create_directories(dir);
    for (const auto& entry : std::filesystem::directory_iterator(std::string(BONDSTORE_SOURCE_DIR) + "/assets/catalog/images"))
        std::filesystem::copy_file(entry.path(), dir + "/" + entry.path().filename().string());
    WriteFile(dir + "/packshot.png", LargePng(1200, 800));
    WriteFile(dir + "/README.txt", "not a picture"); // skipped, and the store still starts
    ServerProcess s = ServerProcess::Start(look.Args({"--images-dir", dir}));

    // The merchant's large packshot: each size fits within its square, sides in proportion.
    for (auto [size, w, h] : {std::tuple{128, 128, 85}, {256, 256, 171}, {512, 512, 341}}) {
        auto t = Get(s, "/thumbnails/" + std::to_string(size) + "/packshot.png");
        REQUIRE(t);
        CHECK(t->status == 200);
        CHECK(PictureSize(t->body) == std::pair{w, h});
        std::string type = t->get_header_value("Content-Type");
        CHECK((type == "image/png" || type == "image/jpeg"));
        CHECK(t->body.size() < Get(s, "/images/packshot.png")->body.size());
    }
    // The sample's 256-pixel pictures: smaller at 128, and their own bytes at 256 and 512.
    std::string original = Get(s, "/images/SK-LAM-CR-60.png")->body;
    CHECK(PictureSize(Get(s, "/thumbnails/128/SK-LAM-CR-60.png")->body) == std::pair{128, 128});
    CHECK(Get(s, "/thumbnails/256/SK-LAM-CR-60.png")->body == original);
    CHECK(Get(s, "/thumbnails/512/SK-LAM-CR-60-back.png")->body == Get(s, "/images/SK-LAM-CR-60-back.png")->body);
    for (const char* path : {"/thumbnails/100/SK-LAM-CR-60.png", "/thumbnails/128/nope.png", "/thumbnails/128/README.txt",
                             "/thumbnails/128/../images/SK-LAM-CR-60.png", "/thumbnails/x/SK-LAM-CR-60.png"}) {
        auto missing = Get(s, path);
        REQUIRE(missing);
        CHECK_MESSAGE(missing->status == 404, path);
    }
}

TEST_CASE("a country's flag, small, from Debian's flags")
{
    Look look;
    ServerProcess s = ServerProcess::Start(look.Args({}));
    auto jp = Get(s, "/flags/JP.png");
    REQUIRE(jp);
    CHECK(jp->status == 200);
    CHECK(jp->get_header_value("Content-Type") == "image/png");
    CHECK(PictureSize(jp->body) == std::pair{48, 36});
    CHECK(Get(s, "/flags/jp.png")->body == jp->body);
    for (const char* path : {"/flags/jpn.png", "/flags/j1.png", "/flags/.png", "/flags/../images/x.png"}) {
        auto missing = Get(s, path);
        REQUIRE(missing);
        CHECK_MESSAGE(missing->status == 404, path);
    }
    // Another folder of flags, or none.
    WriteFile(look.dir.path + "/flags/de.png", LargePng(300, 180));
    ServerProcess own = ServerProcess::Start(look.Args({"--flags-dir", look.dir.path + "/flags"}));
    CHECK(PictureSize(Get(own, "/flags/DE.png")->body) == std::pair{48, 29});
    CHECK(Get(own, "/flags/JP.png")->status == 404);
    ServerProcess none = ServerProcess::Start(look.Args({"--flags-dir", ""}));
    CHECK(Get(none, "/flags/JP.png")->status == 404);
}

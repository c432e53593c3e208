// AppShell: the web app's page (index.html) as the frame of every page the store serves — a
// shopper's address (/en/p/SKU) answers real HTML first (title, description, share-card tags,
// canonical and alternate links, JSON-LD, and the screen's content for people and search engines
// without JavaScript or WebGL), and the WebAssembly app starts on top of that same page.
//
// index.html marks where a page goes: its <html lang="en"> and <title>Bondstore</title> are
// replaced, <!--page-head--> takes the head's tags and <!--page-body--> the content. The store's
// colours go into one <style> made when the shell is loaded, so the page's Content-Security-Policy
// (hashes of the inline scripts and styles) is the same for every page.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace bondstore {

struct ShopPage {
    std::string lang = "en";
    bool rtl = false;
    std::string site_name;     // og:site_name
    std::string title;         // <title>, og:title
    std::string description;   // meta description, og:description
    std::string canonical;     // absolute URL; also og:url
    std::vector<std::pair<std::string, std::string>> alternates; // hreflang → absolute URL (with "x-default")
    std::string image;         // absolute URL for share cards; "" = none
    std::string og_type = "website";               // "product" on a product page
    std::vector<std::pair<std::string, std::string>> og_extra; // ("product:price:amount", "298.00"), …
    std::vector<std::string> json_ld;              // structured data (core/wire/structured_data_json.h)
    std::string body;          // the page's content, HTML (put in <div id="page">, which the app covers)
    bool indexable = true;     // false: robots "noindex" (the cart, checkout, an order)
};

class AppShell {
public:
    // `index_html`: the built app's index.html; `style`: CSS for the page content (the brand's
    // colours). A page without the markers (a test's stand-in app) is served as it is for every
    // address: no page is written into it.
    void Load(const std::string& index_html, const std::string& style);
    bool framed() const { return parts_.size() == 5; }

    std::string Render(const ShopPage& page) const;

    // The shell with no page in it (the policy's hashes are taken from it).
    const std::string& Empty() const { return empty_; }

private:
    std::vector<std::string> parts_; // the text between the four places a page fills
    std::string empty_;
};

} // namespace bondstore

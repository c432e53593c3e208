#include "server/catalog/shop_pages.h"

#include "core/cart/cart.h"
#include "core/catalog/bonded_stock.h"
#include "core/catalog/picture_sizes.h"
#include "core/formats/markup_text.h"
#include "core/i18n/formatting.h"
#include "core/i18n/i18n.h"
#include "core/i18n/i18n_bundle.h"
#include "core/i18n/text_conversion.h"
#include "core/storefront/experience_store.h"
#include "core/tax/tax.h"
#include "core/wire/structured_data_json.h"

#include <algorithm>
#include <cstdio>
#include <memory>

namespace bondstore {

namespace {

constexpr size_t kHomeProducts = 24;
constexpr size_t kRelated = 8;
constexpr size_t kSitemapUrls = 40000; // per file (the protocol allows 50,000)

// One language's words: its messages, money format and fallback chain. ICU's formatters are not
// shared between threads, so each thread keeps its own, made the first time it needs them.
struct PageWords {
    Messages messages;
    PriceFormatter prices;
    std::vector<std::string> chain;
    bool rtl = false;
    std::string locale;
    explicit PageWords(const std::string& tag)
        : messages(LoadBundledMessages(tag, nullptr, ConvertText)), prices(tag), chain(FallbackChain(tag)), locale(tag)
    {
        const LocaleInfo* info = FindLocale(tag);
        rtl = info && info->rtl;
    }
};

const PageWords& WordsFor(const std::string& locale)
{
    thread_local std::map<std::string, std::unique_ptr<PageWords>> words;
    auto& w = words[locale];
    if (!w) w = std::make_unique<PageWords>(locale);
    return *w;
}

std::string H(std::string_view text) { return EscapeMarkup(text); }

std::string Url(const ShopSite& site, const ShopAddress& a) { return site.origin + ShopAddressUrl(a); }

// A picture's address for a share card: the store's own made absolute; a merchant's CDN as it is.
std::string AbsolutePicture(const ShopSite& site, const std::string& image)
{
    std::string url = ThumbnailUrl(image, 512);
    return !url.empty() && url[0] == '/' ? site.origin + url : url;
}

ShopAddress In(ShopAddress a, const std::string& locale)
{
    a.locale = locale;
    return a;
}

std::string CategoryName(const PageWords& w, const std::string& key)
{
    std::string name = w.messages.Format("category." + key);
    return name == "category." + key ? key : name;
}

// (A brand always has a name: CheckBrand.)
std::string StoreName(const ShopSite& site, const PageWords& w) { return std::string(ChooseText(site.brand.name, {}, w.chain).text); }

std::string ProductName(const PageWords& w, const Product& p)
{
    TextChoice t = ChooseText(p.title, p.machine_title, w.chain);
    std::string title(t.text);
    if (t.machine_converted) title += " (" + w.messages.Format("text.machine_converted") + ")";
    return title;
}

// What one item costs with the cross-border tax, by the same quote the cart and checkout make.
std::optional<TaxQuote> QuoteOne(const ShopSite& site, const Product& p)
{
    QuoteRequest request;
    request.date = site.today;
    request.lines.push_back(QuoteLineFor(p, 1));
    TaxQuote q = Quote(request, site.tax);
    if (!q.accepted()) return std::nullopt;
    return q;
}

int64_t StockOf(const std::map<std::string, int64_t>& stock, const std::string& sku)
{
    auto it = stock.find(sku);
    return it == stock.end() ? -1 : it->second;
}

std::string StockText(const PageWords& w, int64_t available)
{
    if (available < 0) return {};
    if (available == 0) return w.messages.Format("inventory.out");
    if (available <= kLowStock) return w.messages.Format("inventory.low", {{"count", available}});
    return w.messages.Format("inventory.in_stock");
}

// A picture of the page: asked for after the app's own downloads (the app covers the page as soon
// as it can draw; the page's pictures are for those who read it without the app).
std::string Picture(const std::string& image, int px, const std::string& alt, bool lazy)
{
    return "<img src=\"" + H(ThumbnailUrl(image, float(px))) + "\" alt=\"" + H(alt) + "\" width=\"" + std::to_string(px) +
           "\" height=\"" + std::to_string(px) + "\"" + (lazy ? " loading=\"lazy\"" : "") + " decoding=\"async\" fetchpriority=\"low\">";
}

std::string Card(const ShopSite& site, const PageWords& w, const Product& p, const std::map<std::string, int64_t>& stock, bool lazy)
{
    const std::string name = ProductName(w, p);
    std::string html = "<li><a href=\"" + H(ShopAddressUrl({ShopScreen::Product, w.locale, "", p.sku, ""})) + "\">";
    if (!p.images.empty()) html += Picture(p.images.front(), 256, "", lazy); // (the name follows: the picture adds nothing to read)
    html += "<p>" + H(name) + "</p></a>";
    std::string origin = p.brand;
    if (!p.origin_iso.empty()) origin += (origin.empty() ? "" : " · ") + CountryName(p.origin_iso, w.locale);
    if (!origin.empty()) html += "<p class=\"muted\">" + H(origin) + "</p>";
    html += "<p class=\"price\">" + H(w.prices.Format(p.price)) + "</p>";
    if (auto q = QuoteOne(site, p))
        html += "<p class=\"muted\">" + H(w.messages.Format("card.with_tax", {{"amount", w.prices.Format(q->amount_to_pay)}})) + "</p>";
    std::string s = StockText(w, StockOf(stock, p.sku));
    if (!s.empty()) html += "<p>" + H(s) + "</p>";
    return html + "</li>\n";
}

// The top of every page: the store's name (home), and the same page in each other language.
std::string Header(const ShopSite& site, const PageWords& w, const ShopAddress& here)
{
    std::string html = "<header><a class=\"store\" href=\"" + H(ShopAddressUrl({ShopScreen::Home, w.locale, "", "", ""})) + "\">";
    if (!site.brand.logo.empty()) html += "<img src=\"" + H(site.brand.logo) + "\" alt=\"\" width=\"32\" height=\"32\">";
    html += H(StoreName(site, w)) + "</a>\n<nav aria-label=\"" + H(w.messages.Format("app.language")) + "\"><ul class=\"langs\">";
    for (const LocaleInfo& l : BundledLocales()) {
        if (l.tag == w.locale) continue;
        html += "<li><a href=\"" + H(ShopAddressUrl(In(here, l.tag))) + "\" hreflang=\"" + H(l.tag) + "\" lang=\"" + H(l.tag) + "\">" +
                H(l.name) + "</a></li>";
    }
    return html + "</ul></nav></header>\n";
}

std::string Crumbs(const PageWords& w, const std::vector<std::pair<std::string, std::string>>& trail)
{
    std::string html = "<nav class=\"crumbs\" aria-label=\"" + H(w.messages.Format("page.breadcrumbs")) + "\"><ol>";
    for (size_t i = 0; i < trail.size(); i++)
        html += i + 1 < trail.size() ? "<li><a href=\"" + H(trail[i].second) + "\">" + H(trail[i].first) + "</a></li>"
                                     : "<li aria-current=\"page\">" + H(trail[i].first) + "</li>";
    return html + "</ol></nav>\n";
}

// The same screen in every language, and "/"-less x-default (the shopper's language).
void Alternates(const ShopSite& site, const ShopAddress& a, ShopPage& page)
{
    for (const LocaleInfo& l : BundledLocales()) page.alternates.emplace_back(l.tag, Url(site, In(a, l.tag)));
    page.alternates.emplace_back("x-default", Url(site, In(a, "")));
}

SearchQuery ListQuery(const ShopAddress& a, size_t limit)
{
    SearchQuery q;
    q.text = a.query;
    q.category = a.screen == ShopScreen::Category ? a.category : "";
    q.locale = a.locale;
    q.limit = limit;
    return q;
}

void ProductPage(const ShopSite& site, const PageWords& w, const Product& p, const std::map<std::string, int64_t>& stock,
                 const std::vector<const Product*>& related, ShopPage& page)
{
    const std::string name = ProductName(w, p), category = CategoryName(w, p.category);
    const int64_t available = StockOf(stock, p.sku);
    const ShopAddress here{ShopScreen::Product, w.locale, "", p.sku, ""};
    const std::string home_url = Url(site, {ShopScreen::Home, w.locale, "", "", ""});
    const std::string category_url = Url(site, {ShopScreen::Category, w.locale, p.category, "", ""});
    std::optional<TaxQuote> q = QuoteOne(site, p);

    std::string origin = p.origin_iso.empty() ? std::string() : CountryName(p.origin_iso, w.locale);
    std::string tax_line = q ? w.messages.Format("product.tax_line", {{"tax", w.prices.Format(q->tax_total)}, {"total", w.prices.Format(q->amount_to_pay)}}) : "";
    page.title = name + " · " + StoreName(site, w);
    page.description = name + " · " + w.prices.Format(p.price) + (tax_line.empty() ? "" : " · " + tax_line) +
                       (origin.empty() ? "" : " · " + w.messages.Format("product.made_in", {{"country", origin}}));
    page.og_type = "product";
    page.og_extra = {{"product:price:amount", FormatYuan(p.price)}, {"product:price:currency", "CNY"},
                     {"product:availability", available > 0 ? "in stock" : "out of stock"}};
    if (!p.images.empty()) page.image = AbsolutePicture(site, p.images.front());
    ProductOffer offer = OfferFor(p, site.origin, w.chain, page.canonical, category, available > 0);
    page.json_ld.push_back(ProductJsonLd(offer));
    // Home › its category › the product (a product uploaded without a category: home › the product).
    std::vector<std::pair<std::string, std::string>> trail = {{StoreName(site, w), home_url}};
    if (!p.category.empty()) trail.emplace_back(category, category_url);
    trail.emplace_back(name, page.canonical);
    page.json_ld.push_back(BreadcrumbJsonLd(trail));

    std::string& b = page.body;
    trail.back().second.clear();
    b += Header(site, w, here) + "<main>\n" + Crumbs(w, trail);
    b += "<article class=\"product\">\n<div class=\"gallery\">";
    for (size_t i = 0; i < p.images.size(); i++) b += Picture(p.images[i], i == 0 ? 512 : 256, i == 0 ? name : "", i > 0);
    b += "</div>\n<div>\n<h1>" + H(name) + "</h1>\n";
    std::string facts = p.brand;
    if (!origin.empty()) facts += (facts.empty() ? "" : " · ") + w.messages.Format("product.made_in", {{"country", origin}});
    if (!facts.empty()) b += "<p class=\"muted\">" + H(facts) + "</p>\n";
    b += "<p class=\"price\">" + H(w.prices.Format(p.price)) + "</p>\n";
    if (!tax_line.empty()) b += "<p>" + H(tax_line) + "</p>\n";
    std::string s = StockText(w, available);
    if (!s.empty()) b += "<p>" + H(s) + "</p>\n";
    if (site.stores) {
        std::string shown = OnDisplayLine(w.messages, w.chain, StoresShowing(site.stores->stores, site.stores->samples, p.sku), false);
        if (!shown.empty()) b += "<p>" + H(shown) + "</p>\n";
    }
    if (site.brand.delivery_max_days > 0)
        b += "<p class=\"muted\">" + H(w.messages.Format("product.delivery", {{"min", int64_t(site.brand.delivery_min_days)}, {"max", int64_t(site.brand.delivery_max_days)}})) + "</p>\n";
    std::string_view description = ChooseText(p.description, {}, w.chain).text;
    if (!description.empty()) b += "<p>" + H(description) + "</p>\n";
    b += "<p class=\"note\">" + H(w.messages.Format("page.app_needed")) + "</p>\n</div>\n</article>\n";
    if (!related.empty()) {
        b += "<h2>" + H(w.messages.Format("product.related", {{"category", category}})) + "</h2>\n<ul class=\"cards\">\n";
        for (const Product* o : related) b += Card(site, w, *o, stock, true);
        b += "</ul>\n";
    }
    b += "</main>\n";
}

} // namespace

std::vector<std::string> PageSkus(const ShopSite& site, const ShopAddress& a, int page)
{
    std::vector<std::string> skus;
    const Catalog& c = site.catalog.catalog;
    if (a.screen == ShopScreen::Product) {
        const Product* p = c.FindBySku(a.sku);
        if (!p) return skus;
        skus.push_back(p->sku);
        if (p->category.empty()) return skus; // (related: the same category's)
        SearchQuery q;
        q.category = p->category;
        q.limit = kRelated + 1;
        for (uint32_t i : site.catalog.search.Search(q).hits)
            if (c.products[i].sku != p->sku && skus.size() <= kRelated) skus.push_back(c.products[i].sku);
        return skus;
    }
    if (a.screen != ShopScreen::Home && a.screen != ShopScreen::Category) return skus;
    const size_t per_page = a.screen == ShopScreen::Home && a.query.empty() ? kHomeProducts : kProductsPerPage;
    const size_t from = size_t(std::max(1, page) - 1) * per_page;
    SearchResult r = site.catalog.search.Search(ListQuery(a, from + per_page));
    for (size_t k = from; k < r.hits.size(); k++) skus.push_back(c.products[r.hits[k]].sku);
    return skus;
}

std::optional<ShopPage> RenderShopPage(const ShopSite& site, const ShopAddress& a, int page_no, const std::map<std::string, int64_t>& stock)
{
    const PageWords& w = WordsFor(a.locale);
    const Catalog& c = site.catalog.catalog;
    ShopPage page;
    page.lang = a.locale;
    page.rtl = w.rtl;
    page.site_name = StoreName(site, w);
    ShopAddress canonical = a;
    page.canonical = Url(site, canonical) + (page_no > 1 ? std::string(a.query.empty() ? "?" : "&") + "page=" + std::to_string(page_no) : "");
    Alternates(site, a, page);
    const std::string home_url = Url(site, {ShopScreen::Home, w.locale, "", "", ""});

    if (a.screen == ShopScreen::Cart || a.screen == ShopScreen::Checkout || a.screen == ShopScreen::Order) {
        // The app's own screens: a title, no content, not indexed.
        page.indexable = false;
        page.alternates.clear();
        page.canonical.clear();
        page.title = a.screen == ShopScreen::Order ? StoreName(site, w)
                   : w.messages.Format(a.screen == ShopScreen::Cart ? "cart.title" : "checkout.title") + " · " + StoreName(site, w);
        return page;
    }
    if (a.screen == ShopScreen::Product) {
        const Product* p = c.FindBySku(a.sku);
        if (!p) return std::nullopt;
        std::vector<const Product*> related;
        std::vector<std::string> skus = PageSkus(site, a, 1);
        for (size_t i = 1; i < skus.size(); i++) related.push_back(c.FindBySku(skus[i]));
        ProductPage(site, w, *p, stock, related, page);
        return page;
    }

    // Home, a category, a search: a page of products.
    const bool home = a.screen == ShopScreen::Home && a.query.empty();
    const size_t per_page = home ? kHomeProducts : kProductsPerPage;
    const size_t from = size_t(std::max(1, page_no) - 1) * per_page;
    SearchResult r = site.catalog.search.Search(ListQuery(a, from + per_page));
    if (a.screen == ShopScreen::Category && r.total == 0) return std::nullopt; // no such category
    if (page_no > 1 && from >= r.hits.size()) return std::nullopt;
    const std::string store = StoreName(site, w);
    const std::string category = a.screen == ShopScreen::Category ? CategoryName(w, a.category) : "";
    const std::string count = w.messages.Format("browse.count", {{"count", int64_t(r.total)}});
    std::string heading = home ? store : !category.empty() ? category : w.messages.Format("page.search_title", {{"query", a.query}});
    page.title = home ? store + " · " + w.messages.Format("browse.heading") : heading + " · " + store;
    std::string_view tagline = ChooseText(site.brand.tagline, {}, w.chain).text;
    page.description = home ? (tagline.empty() ? w.messages.Format("browse.heading") : std::string(tagline)) : heading + " · " + count;
    if (!a.query.empty()) page.indexable = false; // (searches are not pages to index; their products are)
    if (!r.hits.empty() && !c.products[r.hits.front()].images.empty()) page.image = AbsolutePicture(site, c.products[r.hits.front()].images.front());

    std::string& b = page.body;
    b += Header(site, w, a) + "<main>\n";
    if (!home) b += Crumbs(w, {{store, home_url}, {heading, ""}});
    b += "<h1>" + H(heading) + "</h1>\n<p class=\"muted\">" + H(home ? w.messages.Format("browse.heading") : count) + "</p>\n";
    if (home) {
        SearchResult all = site.catalog.search.Search(ListQuery(a, 0));
        b += "<h2>" + H(w.messages.Format("home.categories")) + "</h2>\n<ul class=\"tiles\">\n";
        for (const FacetCount& f : all.categories) {
            if (f.value.empty()) continue; // (products uploaded without a category are on no category's page)
            b += "<li><a href=\"" + H(ShopAddressUrl({ShopScreen::Category, w.locale, f.value, "", ""})) + "\">" + H(CategoryName(w, f.value)) +
                 " (" + std::to_string(f.count) + ")</a></li>\n";
        }
        b += "</ul>\n<h2>" + H(w.messages.Format("page.products")) + "</h2>\n";
    }
    b += "<ul class=\"cards\">\n";
    for (size_t k = from; k < r.hits.size(); k++) b += Card(site, w, c.products[r.hits[k]], stock, k - from >= 4);
    b += "</ul>\n";
    if (!home && (page_no > 1 || from + per_page < r.total)) {
        auto link = [&](int n) {
            std::string url = ShopAddressUrl(a);
            return n <= 1 ? url : url + (a.query.empty() ? "?" : "&") + "page=" + std::to_string(n);
        };
        b += "<nav class=\"pages\" aria-label=\"" + H(w.messages.Format("page.pages")) + "\">";
        if (page_no > 1) b += "<a rel=\"prev\" href=\"" + H(link(page_no - 1)) + "\">" + H(w.messages.Format("page.previous")) + "</a>";
        if (from + per_page < r.total) b += "<a rel=\"next\" href=\"" + H(link(page_no + 1)) + "\">" + H(w.messages.Format("page.next")) + "</a>";
        b += "</nav>\n";
    }
    b += "<p class=\"note\">" + H(w.messages.Format("page.app_needed")) + "</p>\n</main>\n";
    return page;
}

std::optional<std::string> SitemapXml(const ShopSite& site, const std::string& part)
{
    const Catalog& c = site.catalog.catalog;
    const size_t per_locale = 1 + c.products.size(); // (categories ride along in the first file)
    const size_t files = (per_locale + kSitemapUrls - 1) / kSitemapUrls;
    if (part.empty()) {
        std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
        for (const LocaleInfo& l : BundledLocales())
            for (size_t f = 1; f <= files; f++)
                xml += "<sitemap><loc>" + H(site.origin + "/sitemaps/" + l.tag + "-" + std::to_string(f) + ".xml") + "</loc></sitemap>\n";
        return xml + "</sitemapindex>\n";
    }
    size_t dash = part.rfind('-');
    if (dash == std::string::npos) return std::nullopt;
    const std::string locale = part.substr(0, dash);
    const LocaleInfo* info = FindLocale(locale);
    if (!info || !info->pseudo_kind.empty()) return std::nullopt;
    size_t file = 0;
    for (char ch : part.substr(dash + 1)) {
        if (ch < '0' || ch > '9' || file > files) return std::nullopt;
        file = file * 10 + size_t(ch - '0');
    }
    if (file < 1 || file > files) return std::nullopt;
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    auto url = [&](const ShopAddress& a) { xml += "<url><loc>" + H(Url(site, a)) + "</loc></url>\n"; };
    const size_t from = (file - 1) * kSitemapUrls, to = std::min(per_locale, from + kSitemapUrls);
    for (size_t k = from; k < to; k++) {
        if (k == 0) {
            url({ShopScreen::Home, locale, "", "", ""});
            for (const FacetCount& f : site.catalog.search.Search(SearchQuery{}).categories)
                if (!f.value.empty()) url({ShopScreen::Category, locale, f.value, "", ""});
        } else {
            url({ShopScreen::Product, locale, "", c.products[k - 1].sku, ""});
        }
    }
    return xml + "</urlset>\n";
}

std::string RobotsTxt(const ShopSite& site)
{
    return "User-agent: *\nDisallow: /api/\nDisallow: /merchant\nDisallow: /operator\nDisallow: /kiosk\nAllow: /\n\nSitemap: " + site.origin + "/sitemap.xml\n";
}

std::string BrandStyle(const Brand& brand)
{
    auto vars = [](const BrandColors& c) {
        return "--page:" + RgbToHex(c.page) + ";--surface:" + RgbToHex(c.surface) + ";--text:" + RgbToHex(c.text) + ";--muted:" + RgbToHex(c.muted) +
               ";--accent:" + RgbToHex(c.accent) + ";--on-accent:" + RgbToHex(c.on_accent) + ";--border:" + RgbToHex(c.border) + ";";
    };
    char radius[32];
    std::snprintf(radius, sizeof radius, "--radius:%gpx;", double(brand.corner_radius));
    return ":root{" + vars(brand.light) + radius + "}@media (prefers-color-scheme: dark){:root{" + vars(brand.dark) + "}}";
}

} // namespace bondstore

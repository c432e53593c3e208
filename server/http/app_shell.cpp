#include "server/http/app_shell.h"

#include "core/formats/markup_text.h"

namespace bondstore {

namespace {

const char* const kMarkers[] = {"<html lang=\"en\">", "<title>Bondstore</title>", "<!--page-head-->", "<!--page-body-->"};

std::string Meta(const char* attribute, const std::string& name, const std::string& content)
{
    return std::string("<meta ") + attribute + "=\"" + name + "\" content=\"" + EscapeMarkup(content) + "\">\n";
}

} // namespace

void AppShell::Load(const std::string& html, const std::string& style)
{
    parts_.clear();
    size_t from = 0;
    for (const char* marker : kMarkers) {
        size_t at = html.find(marker, from);
        if (at == std::string::npos) break;
        parts_.push_back(html.substr(from, at - from));
        from = at + std::string(marker).size();
    }
    parts_.push_back(html.substr(from));
    // The store's style goes last in the head (after index.html's defaults), in every page.
    size_t head_end = parts_.size() == 5 ? parts_[3].find("</head>") : std::string::npos;
    if (head_end == std::string::npos) { // not marked: every page is the app's page as it is
        parts_ = {html};
        empty_ = html;
        return;
    }
    parts_[3].insert(head_end, "<style>" + style + "</style>\n");
    ShopPage none;
    empty_ = Render(none);
}

std::string AppShell::Render(const ShopPage& p) const
{
    if (!framed()) return empty_;
    std::string head;
    if (!p.description.empty()) head += Meta("name", "description", p.description);
    if (!p.indexable) head += Meta("name", "robots", "noindex");
    if (!p.canonical.empty()) head += "<link rel=\"canonical\" href=\"" + EscapeMarkup(p.canonical) + "\">\n";
    for (const auto& [lang, url] : p.alternates)
        head += "<link rel=\"alternate\" hreflang=\"" + EscapeMarkup(lang) + "\" href=\"" + EscapeMarkup(url) + "\">\n";
    if (!p.canonical.empty()) {
        head += Meta("property", "og:type", p.og_type);
        head += Meta("property", "og:title", p.title);
        if (!p.description.empty()) head += Meta("property", "og:description", p.description);
        head += Meta("property", "og:url", p.canonical);
        if (!p.site_name.empty()) head += Meta("property", "og:site_name", p.site_name);
        head += Meta("property", "og:locale", p.lang);
        if (!p.image.empty()) head += Meta("property", "og:image", p.image);
        for (const auto& [property, content] : p.og_extra) head += Meta("property", property, content);
        head += Meta("name", "twitter:card", p.image.empty() ? "summary" : "summary_large_image");
        head += Meta("name", "twitter:title", p.title);
        if (!p.description.empty()) head += Meta("name", "twitter:description", p.description);
        if (!p.image.empty()) head += Meta("name", "twitter:image", p.image);
    }
    for (const std::string& data : p.json_ld) head += "<script type=\"application/ld+json\">" + data + "</script>\n";

    std::string out;
    out.reserve(parts_[0].size() + parts_[1].size() + parts_[2].size() + parts_[3].size() + parts_[4].size() + head.size() + p.body.size() + 256);
    out += parts_[0];
    out += "<html lang=\"" + EscapeMarkup(p.lang) + "\"" + (p.rtl ? " dir=\"rtl\"" : "") + ">";
    out += parts_[1];
    out += "<title>" + EscapeMarkup(p.title) + "</title>";
    out += parts_[2];
    out += head;
    out += parts_[3];
    if (!p.body.empty()) out += "<div id=\"page\">\n" + p.body + "</div>\n";
    out += parts_[4];
    return out;
}

} // namespace bondstore

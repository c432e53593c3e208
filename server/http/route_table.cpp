#include "server/http/route_table.h"

#include "server/http/request_log.h"

#include <httplib.h>

#include <stdexcept>

namespace bondstore {

namespace {

// What each path parameter matches. Bounded where a handler looks the value up, so a path cannot
// make a lookup of megabytes.
struct Parameter {
    std::string_view name, pattern;
};
constexpr Parameter kParameters[] = {
    {"order_no", "[A-Za-z0-9]+"},      // core/orders/order_number.h
    {"sku", "[^/]{1,64}"},             // a catalog SKU, percent-decoded by httplib
    {"size", "\\d{1,4}"},              // a thumbnail's longer side
    {"name", ".+"},                    // a picture's file name under --images-dir (checked there)
    {"file", "[^/]+"},                 // a brand asset
    {"iso", "[A-Za-z]{2}"},            // a country's ISO 3166 alpha-2 code
    {"sitemap", "[A-Za-z]{2,3}(?:-[A-Za-z]{2,4})?-\\d{1,4}"}, // a locale and a file number
};

} // namespace

std::string RoutePattern(std::string_view path)
{
    std::string out;
    for (size_t i = 0; i < path.size(); i++) {
        char c = path[i];
        if (c == '{') {
            size_t end = path.find('}', i);
            if (end == std::string_view::npos) throw std::invalid_argument("route " + std::string(path) + ": unclosed {");
            std::string_view name = path.substr(i + 1, end - i - 1);
            const Parameter* found = nullptr;
            for (const Parameter& p : kParameters)
                if (p.name == name) found = &p;
            if (!found) throw std::invalid_argument("route " + std::string(path) + ": no pattern for {" + std::string(name) + "}");
            out += "(";
            out += found->pattern;
            out += ")";
            i = end;
        } else {
            if (std::string_view(".+*?()[]|^$\\").find(c) != std::string_view::npos) out += '\\';
            out += c;
        }
    }
    return out;
}

void RouteTable::Get(const std::string& path, Handler handler)
{
    server_.Get(RoutePattern(path), [path, handler](const httplib::Request& req, httplib::Response& res) {
        NoteRoute(path);
        handler(req, res);
    });
    Record("GET", path);
}

void RouteTable::GetRest(const std::vector<std::string>& paths, Handler handler)
{
    server_.Get("/.*", [handler](const httplib::Request& req, httplib::Response& res) {
        NoteRoute("*"); // a shopper's page or one of the app's files
        handler(req, res);
    });
    for (const std::string& path : paths) Record("GET", path);
}

void RouteTable::GetNotFound(const std::string& pattern, Handler handler) { server_.Get(pattern, std::move(handler)); }

void RouteTable::Record(const std::string& method, const std::string& path) { routes_.push_back({method, path}); }

} // namespace bondstore

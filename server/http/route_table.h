// RouteTable: every route the server answers, by method and by its path as the API description
// names it (docs/openapi.json: "/api/orders/{order_no}"). Routes are mounted through it, so the
// table cannot miss one: the server lists it (bondstore-server --list-routes) and the test run
// holds it against the description both ways (tests/server/api_description_test.cpp), and logs
// and metrics can name a request by its route rather than by a path full of SKUs and order numbers.
//
// A path's parameters are matched by what each name means (RoutePattern), the same everywhere:
// {order_no} is letters and digits, {sku} at most 64 bytes without a slash, and so on.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace bondstore {

class RouteTable {
public:
    using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
    struct Route {
        std::string method; // "GET", "POST"
        std::string path;   // as the description names it
    };

    explicit RouteTable(httplib::Server& server) : server_(server) {}

    // GET `path`.
    void Get(const std::string& path, Handler handler);
    // The last GET route: every path nothing before it answered. `paths` are those it serves (the
    // shopper's pages, the app's files), as the description names them.
    void GetRest(const std::vector<std::string>& paths, Handler handler);
    // Not a route: a 404 for every GET matching `pattern` ("/api/.*") that no route before took.
    void GetNotFound(const std::string& pattern, Handler handler);
    // A route mounted elsewhere (BodyRoutes mounts the POST routes).
    void Record(const std::string& method, const std::string& path);

    const std::vector<Route>& routes() const { return routes_; }

private:
    httplib::Server& server_;
    std::vector<Route> routes_;
};

// The regular expression httplib matches for `path`, each {name} replaced by its parameter's
// pattern as a group (handlers read req.matches[1…] in order). Throws std::invalid_argument for a
// name that is not known: a route with a new kind of parameter says here what it matches.
std::string RoutePattern(std::string_view path);

} // namespace bondstore

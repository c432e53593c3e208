// ErrorReply: every API error a person may read is {"error":{"code":…, "message":…}} with a 4xx/5xx
// status (core/wire/problem_json.h); the code is stable, the message is translated through i18n
// into the language the client asked for (Accept-Language), falling back along the locale chain.
#pragma once

#include "core/base/problem.h"
#include "core/i18n/i18n.h"
#include "core/wire/problem_json.h"

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}

namespace bondstore {

class ErrorReply {
public:
    // Loads the bundled catalogs of every locale. False (with `error`) if any pattern is broken.
    bool Load(std::string* error);

    // The bundled locale that best matches an Accept-Language header.
    std::string NegotiateLocale(const std::string& accept_language) const;

    // Sends {"error":{"code":code,"message":"<error.code text>"}}. The message key is "error.<code>".
    void Send(const httplib::Request& req, httplib::Response& res, int status, const std::string& code,
              const MessageArgs& args = {});

    // Sends `error` (its message, and its problems' messages, filled in from its code).
    void Send(const httplib::Request& req, httplib::Response& res, int status, ApiError error, const MessageArgs& args = {});

    // Sends a list of problems: {"error":{"code":code,"message":…,"problems":[…]}}.
    void SendProblems(const httplib::Request& req, httplib::Response& res, int status, const std::string& code,
                      const std::vector<Problem>& problems);

    // Something failed that the client cannot mend: logs `what` and its cause for the operator
    // (with the request's method and path, never its body), answers 500 "internal".
    void Internal(const httplib::Request& req, httplib::Response& res, std::string_view what, std::string_view cause);

    // A message in a given locale (for logs and the CLI).
    std::string Text(const std::string& locale, const std::string& key, const MessageArgs& args = {});

    // Calls `render` with the bundled messages for `locale`, under the lock that guards them.
    std::string Render(const std::string& locale, const std::function<std::string(const Messages&)>& render);

private:
    std::mutex mutex_; // ICU formatters are not shared across threads unguarded
    std::map<std::string, Messages> messages_;
    std::vector<std::string> locales_;
};

} // namespace bondstore

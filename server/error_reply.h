// ErrorReply: every API error a person may read is {"error":{"code":…, "message":…}} with a 4xx/5xx
// status; the code is stable, the message is translated through i18n into the language the client
// asked for (Accept-Language), falling back along the locale chain.
#pragma once

#include "core/i18n.h"
#include "core/problem.h"

#include <functional>
#include <map>
#include <mutex>
#include <string>
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

    // The same, with more members after "error" in the answer's object: `members` is JSON object
    // content such as "\"quote\":{…}" (e.g. the new quote when the total changed).
    void SendWith(const httplib::Request& req, httplib::Response& res, int status, const std::string& code,
                  const MessageArgs& args, const std::string& members);

    // Sends a list of problems: {"error":{"code":code,"message":…,"problems":[…]}}.
    void SendProblems(const httplib::Request& req, httplib::Response& res, int status, const std::string& code,
                      const std::vector<Problem>& problems);

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

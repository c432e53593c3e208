#include "error_reply.h"

#include "core/i18n_bundle.h"
#include "core/text_conversion.h"
#include "core/wire.h"

#include <httplib.h>

namespace bondstore {

bool ErrorReply::Load(std::string* error)
{
    for (const LocaleInfo& l : BundledLocales()) {
        std::vector<Messages::LoadProblem> problems;
        Messages m = LoadBundledMessages(l.tag, &problems, ConvertText);
        if (!problems.empty()) {
            *error = "i18n catalog " + problems.front().locale + ": key '" + problems.front().key + "': " + problems.front().error;
            return false;
        }
        messages_.emplace(l.tag, std::move(m));
        locales_.push_back(l.tag);
    }
    if (locales_.empty()) { *error = "no bundled locales"; return false; }
    return true;
}

std::string ErrorReply::NegotiateLocale(const std::string& header) const
{
    return bondstore::NegotiateLocale(ParseAcceptLanguage(header));
}

std::string ErrorReply::Text(const std::string& locale, const std::string& key, const MessageArgs& args)
{
    std::lock_guard lock(mutex_);
    auto it = messages_.find(locale);
    if (it == messages_.end()) it = messages_.begin();
    return it->second.Format(key, args);
}

std::string ErrorReply::Render(const std::string& locale, const std::function<std::string(const Messages&)>& render)
{
    std::lock_guard lock(mutex_);
    auto it = messages_.find(locale);
    if (it == messages_.end()) it = messages_.begin();
    return render(it->second);
}

void ErrorReply::Send(const httplib::Request& req, httplib::Response& res, int status, const std::string& code,
                      const MessageArgs& args)
{
    SendWith(req, res, status, code, args, {});
}

void ErrorReply::SendWith(const httplib::Request& req, httplib::Response& res, int status, const std::string& code,
                          const MessageArgs& args, const std::string& members)
{
    std::string locale = NegotiateLocale(req.get_header_value("Accept-Language"));
    std::string message = Text(locale, "error." + code, args);
    res.status = status;
    res.set_header("Content-Language", locale);
    res.set_header("Cache-Control", "no-store");
    res.set_content("{\"error\":{\"code\":" + JsonQuote(code) + ",\"message\":" + JsonQuote(message) + "}" +
                        (members.empty() ? "" : "," + members) + "}",
                    "application/json; charset=utf-8");
}

void ErrorReply::SendProblems(const httplib::Request& req, httplib::Response& res, int status,
                              const std::string& code, const std::vector<Problem>& problems)
{
    std::string locale = NegotiateLocale(req.get_header_value("Accept-Language"));
    std::string body = Render(locale, [&](const Messages& m) {
        return "{\"error\":{\"code\":" + JsonQuote(code) + ",\"message\":" + JsonQuote(m.Format("error." + code)) +
               ",\"problems\":" + ProblemsToJson(problems, &m) + "}}";
    });
    res.status = status;
    res.set_header("Content-Language", locale);
    res.set_content(body, "application/json; charset=utf-8");
}

} // namespace bondstore

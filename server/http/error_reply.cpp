#include "server/http/error_reply.h"
#include "server/operations/event_log.h"

#include "core/i18n/i18n_bundle.h"
#include "core/i18n/text_conversion.h"

#include <httplib.h>

#include <cstdio>

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
    ApiError error;
    error.code = code;
    Send(req, res, status, std::move(error), args);
}

void ErrorReply::Send(const httplib::Request& req, httplib::Response& res, int status, ApiError error, const MessageArgs& args)
{
    std::string locale = NegotiateLocale(req.get_header_value("Accept-Language"));
    std::string body = Render(locale, [&](const Messages& m) {
        error.message = m.Format("error." + error.code, args);
        return ApiErrorToJson(error, &m);
    });
    res.status = status;
    res.set_header("Content-Language", locale);
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(body), "application/json; charset=utf-8");
}

void ErrorReply::SendProblems(const httplib::Request& req, httplib::Response& res, int status, const std::string& code,
                              const std::vector<Problem>& problems)
{
    ApiError error;
    error.code = code;
    error.problems = problems;
    error.with_problems = true;
    Send(req, res, status, std::move(error));
}

void ErrorReply::Internal(const httplib::Request& req, httplib::Response& res, std::string_view what, std::string_view cause)
{
    LogEvent(LogLevel::Error, "internal", {{"method", req.method}, {"path", req.path}, {"what", std::string(what)}, {"cause", std::string(cause)}});
    Send(req, res, 500, "internal");
}

} // namespace bondstore

// Problems (core/base/problem.h) as JSON, and the error every API route answers with.
// Part of core's wire format (core/wire/README.md).
#pragma once

#include "core/base/money.h"
#include "core/base/problem.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

class Messages;

// [{"code","severity","section"?,"index"?,"row"?,"sku"?,"field"?,"value"?,"limit"?,"message"?}];
// `messages` may be null (then no "message" field).
std::string ProblemsToJson(const std::vector<Problem>& problems, const Messages* messages);
// The problems of such a list, and their messages (one per problem, "" where none).
std::vector<Problem> ParseProblemsJson(std::string_view json, std::vector<std::string>* messages = nullptr);

// An API error (docs/api.md): {"error":{"code","message","problems"?}} and, for some codes,
// members beside "error": "quote" (the server's TaxQuote, when the total changed or the rules
// refuse the order), "skus" (what is out of stock), "reason" (why a message or an order was
// refused).
struct ApiError {
    std::string code;                 // stable: clients match on it
    std::string message;              // translated for the reader
    std::vector<Problem> problems;
    std::vector<std::string> problem_messages; // translated, one per problem (parsed answers)
    bool with_problems = false;
    std::string quote_json;           // the TaxQuote as the server wrote it ("" = none)
    std::optional<Money> quoted_total; // its amount_to_pay (parsed answers)
    std::vector<std::string> skus;
    bool with_skus = false;
    std::string reason;
};
// `messages` translates the problems (may be null).
std::string ApiErrorToJson(const ApiError& error, const Messages* messages);
// Nothing unless the body is such an error.
std::optional<ApiError> ParseApiErrorJson(std::string_view json);

} // namespace bondstore

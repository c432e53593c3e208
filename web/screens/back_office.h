// What the merchant screen and the operator screen draw alike: signing in with a token, a chart
// of a figure by day, refunds and customs' tax bills that differ from the tax charged. The
// operator sees every merchant's; a merchant their own (core/wire/merchant_json.h either way).
#pragma once

#include "core/wire/merchant_json.h"

#include <cstddef>
#include <initializer_list>
#include <utility>
#include <string>
#include <vector>

namespace bondstore::web {

struct App;
struct TestView;

// A token field and a sign-in button at the reading start, under `note`, with `notice` (the last
// failure) below. Widgets "<id>.token" and "<id>.sign_in". True when the person signs in (the
// button, or Enter in the field).
struct TokenForm {
    const char* id;                // "merchant", "operator"
    char* token;
    size_t token_size;
    bool busy;
    std::string note, field, button, notice; // as shown
};
bool DrawTokenSignIn(App& app, TestView& view, const TokenForm& form);

// A table's columns in reading order (message key, stretch weight) with their headers: right to
// left in a right-to-left language. TableCell(app, i, n) then goes to the i-th in reading order.
void TableColumns(App& app, std::initializer_list<std::pair<const char*, float>> columns);
void TableCell(const App& app, int column, int columns);

// One chart: a value per day, drawn by ImGui, titled (its total in the title). Widget
// "<prefix>.chart<id>", an image named by its title.
void DayChart(App& app, TestView& view, const char* prefix, const char* id, const std::string& title, const std::vector<float>& values,
              bool lines);

// Refunds: due and refunded totals, then each (done ones quieter).
void DrawRefunds(App& app, const RefundList& refunds);

// Customs' tax bills: how many, and each that differs from the tax the shopper was charged (the
// platform pays customs' bill; the shopper paid the quote). The orders shown go to `shown`.
void DrawTaxDifferences(App& app, const TaxBillList& bills, std::vector<std::string>& shown);

} // namespace bondstore::web

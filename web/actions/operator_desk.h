// The operator screen's actions (/operator): signing in with the operator token, reading the
// operator API's figures (server/api/operator_routes.cpp) and a place's orders. Its state is
// state/operator_desk.h; the screen is screens/operator.cpp.
#pragma once

#include <string>

namespace bondstore::web {

struct App;

void SignInOperator(App& app);
void SignOutOperator(App& app);
// Reads every figure again.
void RefreshOperator(App& app);
// Lists the newest orders of an experience store ("" for shoppers' own devices).
void ChoosePlace(App& app, const std::string& store);

// Reads the regulator's figures of `month` ("2026-11").
void LoadStatistics(App& app, const std::string& month);
// The month before or after the one shown (−1, +1).
void StepStatisticsMonth(App& app, int step);
// Downloads the month's figures as "csv" or "xlsx" (the workbook with its charts).
void DownloadStatistics(App& app, const std::string& format);

} // namespace bondstore::web

// Session: the app's life on one page — loading what it needs from the server (ICU data, fonts,
// catalog, tax table, rates, inventory), the per-frame housekeeping, and forgetting a shopper (a
// kiosk's idle wipe).
#pragma once

#include <string>

namespace bondstore::web {

struct App;

// Starts fetching the ICU data, the font and the catalog.
void StartLoading(App& app);

// True once ICU, the font and the catalog are all in (the catalog screen can draw).
bool IsReady(const App& app);

// The experience stores and their display samples (GET /api/stores), again.
void LoadStores(App& app);

// A kiosk's settings from the server (GET /api/kiosk: its idle time).
void LoadKioskSettings(App& app);

// A kiosk trades its one-time enrollment code for its token (POST /api/kiosks/enroll): it may then
// send orders sealed in an outage.
void EnrollKiosk(App& app, const std::string& code);

// Once per frame, before ImGui::NewFrame: applies finished loads (e.g. rebuilds the font atlas)
// and a language chosen during the last frame.
void BeforeFrame(App& app);

// Forgets the shopper: cart, checkout form, order, search, language and currency choices, QR
// codes, in memory and in browser storage; back to the attract screen (kiosk) or browsing.
void ForgetShopper(App& app);

} // namespace bondstore::web

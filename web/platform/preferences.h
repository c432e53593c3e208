// Preferences: small per-shopper settings kept in the browser (localStorage), and what the browser
// says about its user (navigator.languages).
#pragma once

#include <string>
#include <vector>

namespace bondstore::web {

std::string LoadPreference(const char* key);               // "" if unset
void SavePreference(const char* key, const std::string& value);
std::vector<std::string> BrowserLanguages();               // navigator.languages, in order
bool PrefersDarkColors();                                  // the device is set to dark (prefers-color-scheme)
bool PrefersReducedMotion();                               // … to less motion (prefers-reduced-motion)
bool PageQueryHas(const char* name);                       // "?pseudo=1" → PageQueryHas("pseudo")
std::string PageQueryValue(const char* name);              // "?idle=30" → "30"; "" if absent
                                                           // (raw: still percent-encoded)
void ForgetPageQuery(const char* name);                    // drops ?name=… from the address bar
std::string PageOrigin();                                  // "https://shop.example"
std::string PagePath();                                    // "/merchant"
// Leaves the app for another page (a payment provider's): only http(s) addresses.
void OpenPage(const std::string& url);
// What the device keeps for itself, not for a shopper (a kiosk's token): ForgetBrowserStorage
// leaves it. (localStorage, under "bondstore-device.".)
std::string LoadDeviceSetting(const char* key);
void SaveDeviceSetting(const char* key, const std::string& value);
// Forgets everything Bondstore keeps in this browser for its shoppers (its "bondstore." entries in
// localStorage and sessionStorage): a kiosk's next shopper starts from nothing.
void ForgetBrowserStorage();

} // namespace bondstore::web

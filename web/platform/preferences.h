// Preferences: small per-shopper settings kept in the browser (localStorage), and what the browser
// says about its user (navigator.languages).
#pragma once

#include <string>
#include <vector>

namespace bondstore::web {

std::string LoadPreference(const char* key);               // "" if unset
void SavePreference(const char* key, const std::string& value);
std::vector<std::string> BrowserLanguages();               // navigator.languages, in order
bool PageQueryHas(const char* name);                       // "?pseudo=1" → PageQueryHas("pseudo")
std::string PageQueryValue(const char* name);              // "?idle=30" → "30"; "" if absent
                                                           // (raw: still percent-encoded)
void ForgetPageQuery(const char* name);                    // drops ?name=… from the address bar
std::string PageOrigin();                                  // "https://shop.example"
std::string PagePath();                                    // "/merchant"
// Forgets everything Bondstore keeps in this browser (its localStorage and sessionStorage
// entries): a kiosk's next shopper starts from nothing.
void ForgetBrowserStorage();

} // namespace bondstore::web

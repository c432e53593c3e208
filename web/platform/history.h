// History: the browser's address bar, title and Back/Forward for the app's screens
// (actions/navigation.h decides what goes there). One canvas, many addresses: each screen a
// shopper moves to is a history entry, so Back goes back to the list instead of leaving the store.
#pragma once

#include <string>

namespace bondstore::web {

// The page's address: path and query ("/en/c/wine?q=red").
std::string PageAddress();

// A new history entry at `url` (a path and query of this origin), or the current one changed.
// The page's own settings in its query (?pseudo=1, ?touch, ?scheme=dark, ?contrast, ?attract)
// stay on every address; "q" and "page" are the address's own.
void PushAddress(const std::string& url);
void ReplaceAddress(const std::string& url);

// After Back or Forward: the address the browser moved to; "" if it has not moved since the last call.
std::string TakePoppedAddress();

void SetDocumentTitle(const std::string& title);
// <html lang dir>: what the browser's translation, spell check and screen readers go by.
void SetDocumentLanguage(const std::string& tag, bool rtl);

} // namespace bondstore::web

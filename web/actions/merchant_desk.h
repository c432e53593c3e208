// The merchant screen's actions (/merchant): signing in with an API token, checking a catalog file
// with core in the browser before anything is sent (the same importer the server runs), uploading
// it with progress, and reading back the merchant's stock and sales. Its state is
// state/merchant_desk.h; the screen itself is screens/merchant.cpp.
#pragma once

#include <string>

namespace bondstore::web {

struct App;

void SignIn(App& app);
void SignOut(App& app);
// A file chosen or dropped: core checks it at once.
void CheckCatalogFile(App& app, std::string name, std::string bytes);
// A plain export: core makes its fix-up file (the customs columns added with suggestions) and the
// review table is filled from it.
void MakeFixupFile(App& app);
// The fix-up file with the review as it stands, saved by the browser as a download.
void DownloadFixupFile(App& app);
// The reviewed file is checked as if chosen (then uploaded as any checked file).
void CheckReviewedFile(App& app);

// Sends the checked file; the server checks it again and applies it.
void UploadCatalog(App& app);
// Reads the merchant's products, stock and sales again.
void RefreshMerchant(App& app);
// The goods of a return customs accepted are back in the bonded warehouse: restocked, refunded.
void RecordGoodsBack(App& app, const std::string& order_no);

} // namespace bondstore::web

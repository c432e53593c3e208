// Files: a merchant's catalog file, chosen in the browser's file dialog or dropped on the page,
// and sent to the server with upload progress (emscripten_fetch reports download progress only);
// a file the app fetched, saved as a download (the operator's statistics).
#pragma once

#include "web/platform/fetch.h"

#include <functional>
#include <string>

namespace bondstore::web {

using FileChosen = std::function<void(std::string name, std::string bytes)>;

// Opens the file dialog. Call it from a click (browsers open dialogs only on a user gesture; a
// frame drawn just after the click still counts).
void ChooseFile(FileChosen done);

// From now on, a file dropped anywhere on the page is read and handed to `done`.
void AcceptDroppedFiles(FileChosen done);

// Hands `bytes` to the browser as a download named `name` (its downloads folder, or its "save
// as" dialog). The bytes were fetched with the operator's token: a link could not carry it.
void SaveFile(const std::string& name, const std::string& bytes, const std::string& mime);

// POST `body` (a file's bytes, application/octet-stream) with upload progress: `progress` gets
// the fraction sent (0…1) as it goes.
void UploadWithProgress(const std::string& url, const std::string& body, const FetchHeaders& headers,
                        std::function<void(double)> progress, FetchDone done);

} // namespace bondstore::web

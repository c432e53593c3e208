#include "web/platform/files.h"

#include <emscripten.h>

#include <map>

namespace {

bondstore::web::FileChosen g_chosen, g_dropped;

struct Upload {
    std::function<void(double)> progress;
    bondstore::web::FetchDone done;
};
std::map<int, Upload> g_uploads;
int g_next_upload = 1;

// Reads a File into the WebAssembly heap and hands it over (dropped: 1, chosen: 0).
EM_JS(void, js_files_install, (), {
    if (Module.bondstoreReadFile) return;
    Module.bondstoreReadFile = function (file, dropped) {
        file.arrayBuffer().then(function (buffer) {
            var bytes = new Uint8Array(buffer);
            var data = _malloc(Math.max(1, bytes.length));
            HEAPU8.set(bytes, data);
            var name = allocateUTF8(file.name);
            _bondstore_file_chosen(dropped, name, data, bytes.length);
            _free(name);
            _free(data);
        });
    };
});

EM_JS(void, js_save_file, (const char* name, const char* data, int size, const char* mime), {
    var blob = new Blob([HEAPU8.slice(data, data + size)], {type: UTF8ToString(mime)});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = UTF8ToString(name);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
});

EM_JS(void, js_choose_file, (), {
    var input = document.createElement("input");
    input.type = "file";
    input.accept = ".csv,.tsv,.txt,.json,.xml";
    input.addEventListener("change", function () {
        if (input.files && input.files.length) Module.bondstoreReadFile(input.files[0], 0);
    });
    input.click();
});

EM_JS(void, js_accept_drops, (), {
    var target = window;
    target.addEventListener("dragover", function (e) { e.preventDefault(); }, true);
    target.addEventListener("drop", function (e) {
        e.preventDefault();
        e.stopPropagation();
        if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) Module.bondstoreReadFile(e.dataTransfer.files[0], 1);
    }, true);
});

EM_JS(void, js_upload, (int id, const char* url, const char* data, int size, const char* content_type, const char* headers), {
    var xhr = new XMLHttpRequest();
    xhr.open("POST", UTF8ToString(url));
    xhr.setRequestHeader("Content-Type", UTF8ToString(content_type));
    var h = UTF8ToString(headers).split(String.fromCharCode(10));
    for (var i = 0; i + 1 < h.length; i += 2) xhr.setRequestHeader(h[i], h[i + 1]);
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) _bondstore_upload_progress(id, e.loaded / e.total); };
    var finish = function (status) {
        var body = allocateUTF8(xhr.responseText || "");
        _bondstore_upload_done(id, status, body);
        _free(body);
    };
    xhr.onload = function () { finish(xhr.status); };
    xhr.onerror = function () { finish(0); };
    xhr.send(HEAPU8.slice(data, data + size));
});

} // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void bondstore_file_chosen(int dropped, const char* name, const char* data, int size)
{
    auto& done = dropped ? g_dropped : g_chosen;
    if (done) done(name, std::string(data, size_t(size)));
}

extern "C" EMSCRIPTEN_KEEPALIVE void bondstore_upload_progress(int id, double fraction)
{
    auto it = g_uploads.find(id);
    if (it != g_uploads.end() && it->second.progress) it->second.progress(fraction);
}

extern "C" EMSCRIPTEN_KEEPALIVE void bondstore_upload_done(int id, int status, const char* body)
{
    auto it = g_uploads.find(id);
    if (it == g_uploads.end()) return;
    Upload upload = std::move(it->second);
    g_uploads.erase(it);
    bondstore::web::FetchResult r;
    r.status = status;
    r.body = body;
    if (status == 0) r.error = "network";
    else if (status >= 400) r.error = "HTTP " + std::to_string(status);
    upload.done(std::move(r));
}

namespace bondstore::web {

void SaveFile(const std::string& name, const std::string& bytes, const std::string& mime)
{
    js_save_file(name.c_str(), bytes.data(), int(bytes.size()), mime.c_str());
}

void ChooseFile(FileChosen done)
{
    js_files_install();
    g_chosen = std::move(done);
    js_choose_file();
}

void AcceptDroppedFiles(FileChosen done)
{
    js_files_install();
    bool first = !g_dropped;
    g_dropped = std::move(done);
    if (first) js_accept_drops();
}

void UploadWithProgress(const std::string& url, const std::string& body, const FetchHeaders& headers,
                        std::function<void(double)> progress, FetchDone done)
{
    int id = g_next_upload++;
    g_uploads[id] = Upload{std::move(progress), std::move(done)};
    std::string joined;
    for (const auto& [name, value] : headers) joined += name + '\n' + value + '\n';
    js_upload(id, url.c_str(), body.data(), int(body.size()), "application/octet-stream", joined.c_str());
}

} // namespace bondstore::web

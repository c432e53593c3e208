// bondstore-server: the storefront's HTTP server. See `bondstore-server --help`.
#include "http_api.h"
#include "options.h"
#include "storefront.h"

#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace bondstore;

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    OptionsParse parsed = ParseServerOptions(args, [](const char* name) -> const char* { return std::getenv(name); });
    if (!parsed.error.empty()) {
        std::fprintf(stderr, "bondstore-server: %s\n", parsed.error.c_str());
        return 2;
    }
    if (parsed.options.help) {
        std::fputs(ServerUsage().c_str(), stdout);
        return 0;
    }

    // SIGINT/SIGTERM are handled by a thread of ours (sigwait), not by an async handler: stopping
    // the HTTP server is not async-signal-safe. Block them before any other thread starts so every
    // thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    Storefront storefront;
    storefront.options = parsed.options;
    std::string error;
    if (!OpenStorefront(storefront, &error)) {
        std::fprintf(stderr, "bondstore-server: %s\n", error.c_str());
        return 1;
    }

    httplib::Server http;
    // Merchant uploads are the largest bodies: 64 MiB files, and a little more so the importer can
    // say "too large" itself.
    http.set_payload_max_length((64u << 20) + (1u << 20));
    MountRoutes(http, storefront);

    const ServerOptions& o = storefront.options;
    int port = o.port;
    if (port == 0) port = http.bind_to_any_port(o.bind);
    else if (!http.bind_to_port(o.bind, port)) port = -1;
    if (port <= 0) {
        std::fprintf(stderr, "bondstore-server: cannot listen on %s:%d (in use, or not an address of this machine)\n",
                     o.bind.c_str(), o.port);
        return 1;
    }

    std::thread stopper([&http, signals] {
        int sig = 0;
        sigwait(&signals, &sig);
        std::fprintf(stderr, "bondstore-server: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
        http.stop();
    });

    std::string host = o.bind.find(':') != std::string::npos ? "[" + o.bind + "]" : o.bind;
    auto snapshot = storefront.catalog.Current();
    std::printf("Bondstore is serving http://%s:%d/  (catalog v%lld, %zu products, data in %s)\n", host.c_str(), port,
                static_cast<long long>(snapshot->catalog.version), snapshot->catalog.products.size(), o.data_dir.c_str());
    std::fflush(stdout);

    bool ok = http.listen_after_bind();
    // Wake the stopper if listen ended for another reason, so join() returns.
    if (stopper.joinable()) {
        pthread_kill(stopper.native_handle(), SIGTERM);
        stopper.join();
    }
    std::fprintf(stderr, "bondstore-server: stopped\n");
    return ok ? 0 : 1;
}

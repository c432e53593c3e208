// bondstore-server: the storefront's HTTP server. See `bondstore-server --help`.
#include "server/api/routes.h"
#include "server/app/server_options.h"
#include "server/operations/event_log.h"
#include "server/app/storefront.h"
#include "server/base/china_time.h"
#include "server/customs/dxp_envelope.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace bondstore;

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    OptionsParse parsed = ParseServerOptions(args, [](const char* name) -> const char* { return std::getenv(name); });
    if (!parsed.error.empty()) {
        std::fprintf(stderr, "bondstore-server: %s\n", parsed.error.c_str()); // (a person at a terminal)
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
        LogEvent(LogLevel::Error, "server", {{"message", error}});
        return 1;
    }

    httplib::Server http;
    // Every body is bounded per route before it is read (http/body_routes.h); this is httplib's own
    // backstop for a declared length: the largest route's (a 64 MiB catalog file and a little more).
    http.set_payload_max_length((64u << 20) + (1u << 20));
    // Kiosks and load balancers keep connections open: closing one every few requests races with
    // the client's next request on it (which a client may not retry: POST is not idempotent
    // without a key).
    http.set_keep_alive_max_count(1000);
    // httplib serves a connection on one pool thread for as long as it is kept alive; with its
    // default pool (8 threads here) the ninth kiosk waits for a keep-alive time-out.
    int threads = storefront.options.http_threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(threads)); };
    // Small JSON answers on kept-alive connections otherwise wait for the client's delayed ACK
    // (Nagle): 40 ms per request.
    http.set_tcp_nodelay(true);
    // httplib's own listening-socket options set SO_REUSEPORT, which lets a second server bind the
    // same port silently and share its connections; and it listens with a backlog of 5, so a burst
    // of reconnecting clients overflows the queue and waits out SYN retransmits (1 s, 3 s, …).
    // Plain SO_REUSEADDR here, and the backlog raised once the socket is bound (below).
    int listening = -1;
    http.set_socket_options([&listening](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        listening = sock;
    });
    RouteTable routes(http);
    MountRoutes(http, routes, storefront);
    if (storefront.options.list_routes) {
        for (const RouteTable::Route& r : routes.routes()) std::printf("%s %s\n", r.method.c_str(), r.path.c_str());
        return 0;
    }

    const ServerOptions& o = storefront.options;
    int port = o.port;
    if (port == 0) port = http.bind_to_any_port(o.bind);
    else if (!http.bind_to_port(o.bind, port)) port = -1;
    if (port > 0 && listening >= 0) ::listen(listening, SOMAXCONN); // Linux: a second listen() resizes the queue
    if (port <= 0) {
        LogEvent(LogLevel::Error, "server", {{"message", Printed("cannot listen on %s:%d (in use, or not an address of this machine)",
                     o.bind.c_str(), o.port)}});
        return 1;
    }

    // Stopping (SIGTERM, SIGINT): /api/ready answers 503 at once; the listening socket closes (no
    // new connections); requests under way are answered and idle kept-alive connections closed
    // (httplib's stop); then the workers stop, the relay after the delivery it is making. All of it
    // within --drain-seconds, or the server exits anyway: a client that never finishes its request
    // cannot hold a deploy (what it had not finished was never acknowledged; a relay lease runs
    // out and another server takes the message).
    std::atomic<bool> listen_over{false};
    std::mutex drain_mutex;
    std::condition_variable drain_done;
    bool drained = false;
    std::thread stopper([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        {
            std::lock_guard lock(drain_mutex);
            if (drained) return; // (woken by main at the end)
        }
        storefront.stopping = true;
        LogEvent(LogLevel::Info, "server", {{"message", Printed("%s received, stopping (drain %d s)", sig == SIGINT ? "SIGINT" : "SIGTERM",
                                                                storefront.options.drain_seconds)}});
        // A signal just after start can come before listen begins; stop() then does nothing and the
        // server would serve on (found by a test stopping a server the moment it said it serves).
        while (!http.is_running() && !listen_over) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        http.stop();
        std::unique_lock lock(drain_mutex);
        if (!drain_done.wait_for(lock, std::chrono::seconds(storefront.options.drain_seconds), [&] { return drained; })) {
            LogEvent(LogLevel::Error, "server", {{"message", Printed("drain time over (%d s): exiting with work unfinished", storefront.options.drain_seconds)}});
            std::_Exit(1);
        }
    });

    // Housekeeping, once a second:
    // - unpaid orders expire (their stock and quota released) within a second of their deadline
    //   (checkout also releases the due orders of the stock and buyer it touches, at once);
    // - a catalog another server (or bondstore-admin) published to the shared database is picked
    //   up within a second or two, so every server prices orders from the same catalog;
    // - hourly: idempotency keys and kiosk answers past their window are forgotten.
    std::mutex expiry_mutex;
    std::condition_variable expiry_wake;
    bool stopping = false;
    std::thread expirer([&] {
        int seconds = 0;
        std::unique_lock lock(expiry_mutex);
        while (!expiry_wake.wait_for(lock, std::chrono::seconds(1), [&] { return stopping; })) {
            lock.unlock();
            try {
                std::string why;
                storefront.stores->orders.ExpireUnpaid(UnixNow(), &why);
                if (!why.empty()) LogEvent(LogLevel::Error, "server", {{"message", Printed("expiring unpaid orders: %s", why.c_str())}});
                why.clear();
                std::optional<int64_t> version = storefront.stores->catalog.CatalogVersion(&why);
                if (version && *version != storefront.catalog.Current()->catalog.version &&
                    !storefront.catalog.Refresh(storefront.stores->catalog, &why))
                    LogEvent(LogLevel::Error, "server", {{"message", Printed("reading the catalog another server published: %s", why.c_str())}});
                if (++seconds % 3600 == 1) {
                    why.clear();
                    if (!storefront.stores->orders.PurgeExpired(UnixNow(), &why))
                        LogEvent(LogLevel::Error, "server", {{"message", Printed("forgetting old idempotency keys: %s", why.c_str())}});
                }
            } catch (const std::exception& e) { // e.g. no database connection in time: the next round tries again
                LogEvent(LogLevel::Error, "server", {{"message", Printed("housekeeping: %s", e.what())}});
            }
            lock.lock();
        }
    });

    // The cashier's round every second, on its own thread (a provider's slow answer delays no
    // expiry): declarations, refunds, payments to close and payments to ask about.
    std::thread cashier([&] {
        if (!storefront.cashier) return;
        std::unique_lock lock(expiry_mutex);
        while (!expiry_wake.wait_for(lock, std::chrono::seconds(1), [&] { return stopping; })) {
            lock.unlock();
            try {
                storefront.cashier->Sweep(UnixNow());
            } catch (const std::exception& e) {
                LogEvent(LogLevel::Error, "server", {{"message", Printed("payments: %s", e.what())}});
            }
            lock.lock();
        }
    });

    // The dispatch's round every second, on its own thread (a carrier's slow answer delays no
    // payment): waybills for paid orders, and parcels to ask about.
    std::thread dispatch([&] {
        if (!storefront.dispatch) return;
        std::unique_lock lock(expiry_mutex);
        while (!expiry_wake.wait_for(lock, std::chrono::seconds(1), [&] { return stopping; })) {
            lock.unlock();
            try {
                storefront.dispatch->Sweep(UnixNow());
            } catch (const std::exception& e) {
                LogEvent(LogLevel::Error, "server", {{"message", Printed("dispatch: %s", e.what())}});
            }
            lock.lock();
        }
    });

    // The single-window relay: every paid order's messages, delivered at least once.
    std::unique_ptr<OrderRelay> relay;
    if (!o.single_window.empty()) {
        RelaySettings settings;
        settings.gateway = o.single_window;
        settings.retry_ms = o.relay_retry_ms;
        settings.park_after = o.relay_park_after;
        settings.max_retry_ms = o.relay_max_retry_ms;
        settings.timeout_ms = o.relay_timeout_ms;
        settings.receiver_id = o.single_window_receiver;
        settings.metrics = &storefront.metrics;
        relay = std::make_unique<OrderRelay>(storefront.stores->relay, *storefront.personal_data, *storefront.relay_kit, settings);
        relay->Start();
        storefront.relay = relay.get();
    }

    std::string host = o.bind.find(':') != std::string::npos ? "[" + o.bind + "]" : o.bind;
    // Customs' asks for an order's raw payment data (announcement 179), uploaded by their own worker.
    if (storefront.relay_kit) {
        PlatDataOpenSettings settings;
        settings.upload_url = o.payment_data_upload;
        if (settings.upload_url.empty() && !o.single_window.empty())
            settings.upload_url = SplitUrl(o.single_window).base + "/ceb2grab/grab/realTimeDataUpload";
        settings.store_url = !o.public_url.empty() ? o.public_url : "http://" + host + ":" + std::to_string(port) + "/";
        settings.timeout_ms = o.relay_timeout_ms;
        storefront.plat_data_open =
            std::make_unique<PlatDataOpen>(*storefront.stores, *storefront.personal_data, *storefront.relay_kit, settings);
        storefront.plat_data_open->Start();
    }

    if (!storefront.payment_provider)
        LogEvent(LogLevel::Warning, "server", {{"message", std::string("payment: none configured: checkout says payment is unavailable (--payment, docs/payments.md)")}});
    else if (!storefront.payment_provider->declares())
        LogEvent(LogLevel::Warning, "server", {{"message", std::string("payment: SANDBOX, a demo provider: no money moves, nothing is declared to customs' payment side")}});
    else if (storefront.payment_provider->sandbox())
        LogEvent(LogLevel::Warning, "server", {{"message", Printed("payment: %s DEMO ACCOUNT (its local fake): no money moves", storefront.payment_provider->name())}});
    else
        LogEvent(LogLevel::Info, "server", {{"message", Printed("payment: %s", storefront.payment_provider->name())}});
    if (storefront.carrier)
        LogEvent(LogLevel::Info, "server", {{"message", Printed("carrier: %s%s", storefront.carrier->name(),
                     storefront.carrier->demo() ? " DEMO ACCOUNT (its local fake): no parcel moves" : "")}});
    auto snapshot = storefront.catalog.Current();
    std::string where = o.database.empty() ? "SQLite in " + o.data_dir : std::string("PostgreSQL");
    std::printf("Bondstore is serving http://%s:%d/  (catalog v%lld, %zu products, data in %s)\n", host.c_str(), port,
                static_cast<long long>(snapshot->catalog.version), snapshot->catalog.products.size(), where.c_str());
    std::fflush(stdout);

    bool ok = http.listen_after_bind();
    listen_over = true;
    {
        std::lock_guard lock(expiry_mutex);
        stopping = true;
    }
    expiry_wake.notify_all();
    expirer.join();
    cashier.join();
    dispatch.join();
    storefront.relay = nullptr; // (GET /api/ready no longer asks it)
    if (relay) relay->Stop();
    if (storefront.plat_data_open) storefront.plat_data_open->Stop();
    {
        std::lock_guard lock(drain_mutex);
        drained = true;
    }
    drain_done.notify_all();
    // Wake the stopper if listen ended for another reason, so join() returns.
    if (stopper.joinable()) {
        pthread_kill(stopper.native_handle(), SIGTERM);
        stopper.join();
    }
    LogEvent(LogLevel::Info, "server", {{"message", std::string("stopped")}});
    return ok ? 0 : 1;
}

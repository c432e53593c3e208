// Metrics: the server's figures in Prometheus' text exposition format (version 0.0.4), served at
// GET /metrics to the operator's token (docs/operations.md has every figure with a dashboard
// query). Two kinds:
//
// - what this process saw, counted in memory as it happens: requests by route, method and status
//   with their latency, the relay's deliveries and their latency, imports by kind and outcome,
//   payment notifications by provider and outcome. Counters start at zero with the process, as
//   Prometheus expects (rate() handles restarts);
// - what the database holds, read when scraped (StoreFigures), the same whichever of several
//   servers is asked: orders by status, stock on hand and reserved, the relay's backlog and parked
//   messages, customs' receipts by message and code, payments and refunds by state.
//
// Labels are never personal data and never unbounded: a route is its described path, not the
// path asked for.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// A histogram's buckets (upper bounds, seconds) and counts, one per label set.
struct Histogram {
    std::vector<double> bounds;
    struct Series {
        std::vector<int64_t> counts; // per bound (not cumulative; made cumulative when written)
        int64_t count = 0;
        double sum = 0;
    };
    std::map<std::string, Series> series; // by label text: route="…",method="…"
    void Observe(const std::string& labels, double value);
};

// What the database holds, read at scrape time (store/metrics_store.h fills it).
struct StoreFigures {
    std::map<std::string, int64_t> orders_by_status;
    int64_t stock_on_hand = 0, stock_reserved = 0;
    int64_t relay_pending = 0, relay_failing = 0, relay_parked = 0, relay_oldest_age_s = 0;
    std::map<std::pair<std::string, std::string>, int64_t> receipts; // (message kind, returnStatus) → count
    std::map<std::pair<std::string, std::string>, int64_t> payments; // (provider, state) → count
    std::map<std::string, int64_t> refunds_by_state;
    std::map<std::string, int64_t> refunds_fen_by_state;
};

class Metrics {
public:
    Metrics();
    void ObserveRequest(std::string_view method, std::string_view route, int status, double seconds);
    void ObserveRelayDelivery(std::string_view kind, std::string_view outcome, double seconds); // outcome: sent, retry, parked
    void CountImport(std::string_view kind, std::string_view outcome);                          // outcome: applied, checked, refused
    void CountPaymentNotification(std::string_view provider, std::string_view outcome);

    // The exposition: this process's figures, then `figures` (null: the database could not be read,
    // and bondstore_store_up says so).
    std::string Text(const StoreFigures* figures) const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, int64_t> requests_;      // route="…",method="…",status="…"
    Histogram request_seconds_;
    std::map<std::string, int64_t> deliveries_;    // kind="…",outcome="…"
    Histogram delivery_seconds_;
    std::map<std::string, int64_t> imports_;       // kind="…",outcome="…"
    std::map<std::string, int64_t> notifications_; // provider="…",outcome="…"
    int64_t started_at_ = 0;
};

// A label value as Prometheus reads it: backslash, double quote and newline escaped.
std::string PrometheusLabel(std::string_view value);

constexpr std::string_view kPrometheusMediaType = "text/plain; version=0.0.4; charset=utf-8";

} // namespace bondstore

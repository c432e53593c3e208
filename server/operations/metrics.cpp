#include "server/operations/metrics.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace bondstore {

namespace {

// Request latency: from a cached page (sub-millisecond) to a checkout waiting on the database.
const std::vector<double> kRequestBounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
// The relay: from a message ready to its delivery (retries included), seconds to hours.
const std::vector<double> kDeliveryBounds = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600};

std::string Number(double v)
{
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(int64_t(v));
    char out[32];
    std::snprintf(out, sizeof out, "%.6g", v);
    return out;
}

struct Writer {
    std::string out;
    void Head(std::string_view name, std::string_view type, std::string_view help)
    {
        out.append("# HELP ").append(name).append(" ").append(help).append("\n");
        out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
    }
    void Sample(std::string_view name, const std::string& labels, double value)
    {
        out.append(name);
        if (!labels.empty()) out.append("{").append(labels).append("}");
        out.append(" ").append(Number(value)).append("\n");
    }
    void Gauge(std::string_view name, std::string_view help, double value)
    {
        Head(name, "gauge", help);
        Sample(name, "", value);
    }
    void Counters(std::string_view name, std::string_view help, const std::map<std::string, int64_t>& values)
    {
        Head(name, "counter", help);
        for (const auto& [labels, n] : values) Sample(name, labels, double(n));
    }
    void Histograms(std::string_view name, std::string_view help, const Histogram& h)
    {
        Head(name, "histogram", help);
        for (const auto& [labels, s] : h.series) {
            int64_t cumulative = 0;
            const std::string sep = labels.empty() ? "" : ",";
            for (size_t i = 0; i < h.bounds.size(); i++) {
                cumulative += s.counts[i];
                Sample(std::string(name) + "_bucket", labels + sep + "le=\"" + Number(h.bounds[i]) + "\"", double(cumulative));
            }
            Sample(std::string(name) + "_bucket", labels + sep + "le=\"+Inf\"", double(s.count));
            Sample(std::string(name) + "_sum", labels, s.sum);
            Sample(std::string(name) + "_count", labels, double(s.count));
        }
    }
};

std::string Labels(std::initializer_list<std::pair<std::string_view, std::string_view>> pairs)
{
    std::string out;
    for (const auto& [k, v] : pairs) {
        if (!out.empty()) out += ",";
        out.append(k).append("=\"").append(PrometheusLabel(v)).append("\"");
    }
    return out;
}

int64_t Now() { return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count(); }

} // namespace

std::string PrometheusLabel(std::string_view value)
{
    std::string out;
    for (char c : value) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

void Histogram::Observe(const std::string& labels, double value)
{
    Series& s = series[labels];
    if (s.counts.empty()) s.counts.assign(bounds.size(), 0);
    for (size_t i = 0; i < bounds.size(); i++)
        if (value <= bounds[i]) {
            s.counts[i]++;
            break;
        }
    s.count++;
    s.sum += value;
}

Metrics::Metrics()
{
    request_seconds_.bounds = kRequestBounds;
    delivery_seconds_.bounds = kDeliveryBounds;
    started_at_ = Now();
}

void Metrics::ObserveRequest(std::string_view method, std::string_view route, int status, double seconds)
{
    // (a path no route took is counted under route "", whatever was asked: paths are unbounded)
    std::lock_guard<std::mutex> lock(mutex_);
    requests_[Labels({{"route", route}, {"method", method}, {"status", std::to_string(status)}})]++;
    request_seconds_.Observe(Labels({{"route", route}, {"method", method}}), seconds);
}

void Metrics::ObserveRelayDelivery(std::string_view kind, std::string_view outcome, double seconds)
{
    std::lock_guard<std::mutex> lock(mutex_);
    deliveries_[Labels({{"kind", kind}, {"outcome", outcome}})]++;
    if (outcome == "sent") delivery_seconds_.Observe(Labels({{"kind", kind}}), seconds);
}

void Metrics::CountImport(std::string_view kind, std::string_view outcome)
{
    std::lock_guard<std::mutex> lock(mutex_);
    imports_[Labels({{"kind", kind}, {"outcome", outcome}})]++;
}

void Metrics::CountPaymentNotification(std::string_view provider, std::string_view outcome)
{
    std::lock_guard<std::mutex> lock(mutex_);
    notifications_[Labels({{"provider", provider}, {"outcome", outcome}})]++;
}

std::string Metrics::Text(const StoreFigures* f) const
{
    Writer w;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        w.Gauge("bondstore_start_time_seconds", "When this server process started (unix time).", double(started_at_));
        w.Counters("bondstore_http_requests_total", "Requests answered, by route (as docs/openapi.json names it), method and status.", requests_);
        w.Histograms("bondstore_http_request_duration_seconds", "Time to answer a request, from routing to the answer ready to write, by route and method.", request_seconds_);
        w.Counters("bondstore_relay_deliveries_total", "Messages the relay tried to deliver to the single window, by kind and outcome (sent, retry, parked).", deliveries_);
        w.Histograms("bondstore_relay_delivery_seconds", "From a message ready to be sent to its delivery, retries included, by kind.", delivery_seconds_);
        w.Counters("bondstore_imports_total", "Merchant uploads, by kind (catalog, stock) and outcome (applied, checked, refused).", imports_);
        w.Counters("bondstore_payment_notifications_total", "Payment providers' notifications, by provider and outcome.", notifications_);
    }
    w.Gauge("bondstore_store_up", "1 if the database answered the figures below, 0 if it did not.", f ? 1 : 0);
    if (!f) return w.out;
    w.Head("bondstore_orders", "gauge", "Orders in the store, by status.");
    for (const auto& [status, n] : f->orders_by_status) w.Sample("bondstore_orders", Labels({{"status", status}}), double(n));
    w.Gauge("bondstore_stock_on_hand_units", "Units on hand in the bonded warehouses.", double(f->stock_on_hand));
    w.Gauge("bondstore_stock_reserved_units", "Units reserved by orders not yet shipped or released back.", double(f->stock_reserved));
    w.Gauge("bondstore_relay_backlog", "Messages waiting for the single window (not yet delivered, not parked).", double(f->relay_pending));
    w.Gauge("bondstore_relay_failing", "Messages of the backlog whose last delivery failed.", double(f->relay_failing));
    w.Gauge("bondstore_relay_oldest_age_seconds", "Age of the oldest message of the backlog.", double(f->relay_oldest_age_s));
    w.Gauge("bondstore_relay_parked", "Messages parked: they will not be sent again until the operator acts.", double(f->relay_parked));
    w.Head("bondstore_customs_receipts_total", "counter", "Customs' receipts stored, by message (order, inventory, …) and returnStatus.");
    for (const auto& [key, n] : f->receipts) w.Sample("bondstore_customs_receipts_total", Labels({{"message", key.first}, {"code", key.second}}), double(n));
    w.Head("bondstore_payments", "gauge", "Payments, by provider and state (started, paid, late, closed).");
    for (const auto& [key, n] : f->payments) w.Sample("bondstore_payments", Labels({{"provider", key.first}, {"state", key.second}}), double(n));
    w.Head("bondstore_refunds", "gauge", "Refunds, by state (due, done, failed).");
    for (const auto& [state, n] : f->refunds_by_state) w.Sample("bondstore_refunds", Labels({{"state", state}}), double(n));
    w.Head("bondstore_refunds_fen", "gauge", "Money of the refunds, in fen, by state.");
    for (const auto& [state, n] : f->refunds_fen_by_state) w.Sample("bondstore_refunds_fen", Labels({{"state", state}}), double(n));
    return w.out;
}

} // namespace bondstore

#include "core/metrics/metrics.hpp"

#include <fmt/format.h>

namespace ponte::metrics {
namespace {

// Escapes a label value per the exposition format: backslash, double quote and newline.
std::string Escape(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace

void Registry::Bind(std::vector<RouteLabel> routes) {
    routes_ = std::move(routes);
    routes_.push_back({"GET", "static"});
    routes_.push_back({"ANY", "unmatched"});
    slots_ = std::make_unique<Slot[]>(routes_.size());
}

void Registry::Record(std::size_t slot, int status, std::chrono::nanoseconds duration) {
    Slot& s = slots_[slot];
    int status_class = status / 100 - 1;
    if (status_class >= 0 && status_class < 5) s.by_class[status_class].fetch_add(1, std::memory_order_relaxed);
    double seconds = std::chrono::duration<double>(duration).count();
    for (std::size_t b = 0; b < kLatencyBuckets.size(); ++b) {
        if (seconds <= kLatencyBuckets[b]) {
            s.buckets[b].fetch_add(1, std::memory_order_relaxed);  // non-cumulative here; summed at render
            break;
        }
    }
    s.count.fetch_add(1, std::memory_order_relaxed);
    s.sum_ns.fetch_add(static_cast<std::uint64_t>(duration.count()), std::memory_order_relaxed);
}

void Registry::AddGauge(std::string name, std::string help, std::function<double()> read) {
    gauges_.push_back({std::move(name), std::move(help), std::move(read), "gauge"});
}

void Registry::AddCounter(std::string name, std::string help, std::function<double()> read) {
    gauges_.push_back({std::move(name), std::move(help), std::move(read), "counter"});
}

std::string Registry::Render() const {
    std::string out;
    out += "# HELP ponte_http_requests_total HTTP requests by route and status class.\n";
    out += "# TYPE ponte_http_requests_total counter\n";
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        for (int c = 0; c < 5; ++c) {
            auto n = slots_[i].by_class[c].load(std::memory_order_relaxed);
            if (n == 0) continue;
            out += fmt::format("ponte_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}xx\"}} {}\n",
                               Escape(routes_[i].method), Escape(routes_[i].route), c + 1, n);
        }
    }
    out += "# HELP ponte_http_request_duration_seconds Time from a parsed request to its response.\n";
    out += "# TYPE ponte_http_request_duration_seconds histogram\n";
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        const Slot& s = slots_[i];
        auto count = s.count.load(std::memory_order_relaxed);
        if (count == 0) continue;
        std::string labels =
            fmt::format(R"(method="{}",route="{}")", Escape(routes_[i].method), Escape(routes_[i].route));
        std::uint64_t cumulative = 0;
        for (std::size_t b = 0; b < kLatencyBuckets.size(); ++b) {
            cumulative += s.buckets[b].load(std::memory_order_relaxed);
            out += fmt::format("ponte_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                               kLatencyBuckets[b], cumulative);
        }
        out += fmt::format("ponte_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, count);
        out += fmt::format("ponte_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                           static_cast<double>(s.sum_ns.load(std::memory_order_relaxed)) / 1e9);
        out += fmt::format("ponte_http_request_duration_seconds_count{{{}}} {}\n", labels, count);
    }
    for (const auto& gauge : gauges_) {
        out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", gauge.name, gauge.help, gauge.name, gauge.type,
                           gauge.name, gauge.read());
    }
    return out;
}

}  // namespace ponte::metrics

// Request counters and latency histograms by route, exported in the Prometheus text format.
//
// Lock-free on the request path: every route has a preallocated slot of atomic counters, chosen
// by the router's route index. Two extra slots count static files and unmatched requests.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ponte::metrics {

// Upper bounds of the latency buckets, in seconds (Prometheus convention).
inline constexpr std::array<double, 12> kLatencyBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

struct RouteLabel {
    std::string method;
    std::string route;  // the template, never the raw path: bounded label cardinality
};

class Registry {
  public:
    // Allocates one slot per route label, in router order, then "static" and "unmatched". Call
    // once, before any Record().
    void Bind(std::vector<RouteLabel> routes);

    std::size_t StaticSlot() const { return routes_.size() - 2; }
    std::size_t UnmatchedSlot() const { return routes_.size() - 1; }

    // Records one finished request in `slot`. Thread-safe, wait-free.
    void Record(std::size_t slot, int status, std::chrono::nanoseconds duration);

    // Adds a gauge rendered at every scrape, e.g. database pool use. Not thread-safe: call
    // during start-up only.
    void AddGauge(std::string name, std::string help, std::function<double()> read);
    // Adds a counter read at every scrape: `read` must never decrease while the process runs, and
    // `name` ends in `_total` (the exposition format's rule for counters). Same threading as
    // AddGauge.
    void AddCounter(std::string name, std::string help, std::function<double()> read);

    // The Prometheus text exposition (version 0.0.4).
    std::string Render() const;

  private:
    struct Slot {
        std::array<std::atomic<std::uint64_t>, 5> by_class{};  // 1xx..5xx
        std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size()> buckets{};
        std::atomic<std::uint64_t> count{0};
        std::atomic<std::uint64_t> sum_ns{0};
    };
    struct Gauge {
        std::string name;
        std::string help;
        std::function<double()> read;
        std::string_view type;  // "gauge" or "counter"
    };
    std::vector<RouteLabel> routes_;
    std::unique_ptr<Slot[]> slots_;
    std::vector<Gauge> gauges_;
};

}  // namespace ponte::metrics

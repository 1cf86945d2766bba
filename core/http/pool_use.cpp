#include "core/http/pool_use.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace ponte::http {

PoolUse::PoolUse(int limit) : limit_(std::max(1, limit)) {}

bool PoolUse::TryAdmit() {
    if (admitted_.fetch_add(1) >= limit_) {
        admitted_.fetch_sub(1);
        refused_.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    waiting_.fetch_add(1, std::memory_order_relaxed);
    return true;
}

void PoolUse::Start() {
    waiting_.fetch_sub(1, std::memory_order_relaxed);
    busy_.fetch_add(1, std::memory_order_relaxed);
}

void PoolUse::Finish() { busy_.fetch_sub(1, std::memory_order_relaxed); }

void PoolUse::Release() { admitted_.fetch_sub(1); }

void PoolUse::Hold() { held_.fetch_add(1, std::memory_order_relaxed); }

void PoolUse::Unhold() { held_.fetch_sub(1, std::memory_order_relaxed); }

void ExportPoolUse(std::shared_ptr<const PoolUse> use, metrics::Registry& metrics, std::string_view prefix,
                   std::string_view what) {
    metrics.AddGauge(fmt::format("{}_waiting", prefix), fmt::format("Requests waiting for a thread of {}", what),
                     [use] { return static_cast<double>(use->waiting()); });
    metrics.AddGauge(fmt::format("{}_busy", prefix), fmt::format("Threads of {} running a request", what),
                     [use] { return static_cast<double>(use->busy()); });
    metrics.AddGauge(fmt::format("{}_held", prefix),
                     fmt::format("Responses of {} waiting to go out until what they hold for is done (an audit "
                                 "entry committed)",
                                 what),
                     [use] { return static_cast<double>(use->held()); });
    metrics.AddCounter(fmt::format("{}_refused_total", prefix),
                       fmt::format("Requests refused with 503 because {} was full", what),
                       [use] { return static_cast<double>(use->refused()); });
}

}  // namespace ponte::http

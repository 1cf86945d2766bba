// The admission and use of one bounded pool of handler threads, as the server counts them and
// /metrics shows them. Lock-free: every member may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/metrics/metrics.hpp"

namespace ponte::http {

class PoolUse {
  public:
    // `limit` (at least 1) is how many admitted requests, not yet released, make TryAdmit refuse.
    explicit PoolUse(int limit);

    // A request's way through the pool: TryAdmit, then Start and Finish on a thread of the pool,
    // then Release when its response is back on its connection (until then it counts against the
    // limit). TryAdmit returns false, and counts a refusal, when `limit` requests are admitted.
    // Between Finish and Release, a response that waits to go out (Response::hold) is counted from
    // Hold to Unhold.
    bool TryAdmit();
    void Start();
    void Finish();
    void Release();
    void Hold();
    void Unhold();

    std::int64_t waiting() const { return waiting_.load(std::memory_order_relaxed); }   // admitted, not started
    std::int64_t busy() const { return busy_.load(std::memory_order_relaxed); }         // started, not finished
    std::int64_t held() const { return held_.load(std::memory_order_relaxed); }         // finished, not sent
    std::uint64_t refused() const { return refused_.load(std::memory_order_relaxed); }  // since construction

  private:
    int limit_;
    std::atomic<int> admitted_{0};
    std::atomic<std::int64_t> waiting_{0};
    std::atomic<std::int64_t> busy_{0};
    std::atomic<std::int64_t> held_{0};
    std::atomic<std::uint64_t> refused_{0};
};

// Exports `use` in `metrics`, read at every scrape: gauges `<prefix>_waiting`, `<prefix>_busy`
// and `<prefix>_held`, and counter `<prefix>_refused_total`, whose help texts name the pool as `what` says (e.g. "the
// route handler pool"). The registry keeps `use` alive. Same threading as metrics::Registry::AddGauge: start-up only.
void ExportPoolUse(std::shared_ptr<const PoolUse> use, metrics::Registry& metrics, std::string_view prefix,
                   std::string_view what);

}  // namespace ponte::http

// Operational routes: /healthz, /metrics, /api/v1/openapi.json and /api/v1/meta.
#pragma once

#include <string>
#include <string_view>

#include "core/registry.hpp"

namespace ponte::ops {

inline constexpr std::string_view kVersion = "0.1.0";

struct Options {
    bool demo = false;  // said by /api/v1/meta, so that every page can say it
    // Where the web app's quick exit goes: an ordinary site, which an organization may choose
    // (local weather or news in its language).
    std::string quick_exit_url = "https://www.wikipedia.org/";
    // The bearer token that opens /metrics to a scraper on another machine; empty: loopback only.
    std::string metrics_token;
};

// Adds the routes and the database pool gauges. /metrics answers only a loopback client whose
// request no proxy forwarded (no X-Forwarded-For or Forwarded), or a request with
// `Authorization: Bearer <metrics_token>`; anyone else gets 404, as for a missing route. `registry` must outlive the
// server.
void Register(core::Registry& registry, const Options& options = {});

}  // namespace ponte::ops

// The composition root's list of features: the one place that names every module, in order.
#pragma once

#include "core/auth/options.hpp"
#include "core/mail/mail.hpp"
#include "core/registry.hpp"

namespace ponte::app {

struct Features {
    bool test_routes = false;  // the probe routes of the test suite
    bool demo = false;
    std::string quick_exit_url = "https://www.wikipedia.org/";
    std::string metrics_token;  // opens /metrics beyond loopback
    auth::Options auth;
    mail::Options mail;
};

// Adds core's migrations and routes, then each module's, to `registry` (not yet finalized).
void RegisterAll(core::Registry& registry, const Features& features);

}  // namespace ponte::app

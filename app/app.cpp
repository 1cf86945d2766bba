#include "app/app.hpp"

#include "core/auth/auth.hpp"
#include "core/ops/ops.hpp"
#include "core/ops/probe.hpp"

namespace ponte::app {

void RegisterAll(core::Registry& registry, const Features& features) {
    registry.AddMigrations(db::LoadEmbeddedMigrations("core", "core/db/migrations/"));
    ops::Register(registry, {.demo = features.demo});
    mail::Register(registry, features.mail);
    auth::Register(registry, features.auth);
    // Domain modules register here, in dependency order, as they arrive: cases, network, ...
    if (features.test_routes) ops::RegisterProbe(registry);
}

}  // namespace ponte::app

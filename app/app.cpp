#include "app/app.hpp"

#include "core/auth/auth.hpp"
#include "core/mail/mail.hpp"
#include "core/ops/ops.hpp"
#include "core/ops/probe.hpp"
#include "core/privacy/privacy.hpp"
#include "modules/consents/module.hpp"

namespace ponte::app {

void RegisterAll(core::Registry& registry, const Features& features) {
    registry.AddMigrations(db::LoadEmbeddedMigrations("core", "core/db/migrations/"));
    ops::Register(
        registry,
        {.demo = features.demo, .quick_exit_url = features.quick_exit_url, .metrics_token = features.metrics_token});
    auth::Register(registry, features.auth);
    mail::Register(registry, features.mail);
    privacy::Register(registry);
    // Modules, in dependency order: one line each.
    consents::Register(registry);
    if (features.test_routes) ops::RegisterProbe(registry);
}

}  // namespace ponte::app

#include "app/app.hpp"

#include "core/calendar/module.hpp"
#include "core/db/migrate.hpp"
#include "core/identity/module.hpp"
#include "core/mail/module.hpp"
#include "core/ops/module.hpp"
#include "core/privacy/privacy.hpp"
#include "modules/cases/module.hpp"
#include "modules/consents/module.hpp"
#include "modules/directory/module.hpp"

namespace ponte::app {

core::Modules AllModules() {
    core::Modules modules;
    modules.push_back(ops::MakeModule());
    modules.push_back(identity::MakeModule());
    modules.push_back(mail::MakeModule());
    modules.push_back(privacy::MakeModule());
    modules.push_back(calendar::MakeModule());
    // Domain modules, in dependency order: one line each.
    modules.push_back(consents::MakeModule());
    modules.push_back(cases::MakeModule());
    modules.push_back(directory::MakeModule());
    modules.push_back(ops::MakeProbeModule());  // last: the test suite's probe routes, when asked for
    return modules;
}

void RegisterAll(core::Registry& registry, const core::Modules& modules) {
    registry.AddMigrations(db::LoadEmbeddedMigrations("core", "core/db/migrations/"));
    for (const auto& module : modules) module->Register(registry);
}

}  // namespace ponte::app

#include "modules/consents/module.hpp"

#include <boost/json.hpp>
#include <memory>

#include "core/db/migrate.hpp"
#include "modules/consents/actions.hpp"
#include "modules/consents/handlers.hpp"
#include "modules/consents/policy.hpp"
#include "modules/consents/seed.hpp"
#include "modules/consents/store.hpp"

namespace ponte::consents {

void Register(core::Registry& registry) {
    registry.AddMigrations(db::LoadEmbeddedMigrations("consents", "modules/consents/migrations/"));
    DeclarePolicy(registry.policy());
    registry.AddPersonalData(
        {.name = "consents.decisions",
         .description = "Every consent the person gave or withdrew: purpose, decision, how and by whom it was "
                        "recorded, and when.",
         .tables = {"consents_decisions"},
         .exporter = [](db::Connection& connection, std::int64_t person,
                        const privacy::Context&) -> boost::json::value {
             boost::json::array out;
             for (const Decision& decision : DecisionsOf(connection, person)) out.push_back(ToJson(decision));
             return out;
         },
         .retention = "Consent decisions are kept as proof of lawful processing; after erasure they name only an "
                      "anonymized account number."});
    registry.AddSeed("consents", &SeedDemo);
    AddRoutes(registry, std::make_shared<const Module>(
                            Module{registry.database_or_null(), registry.policy(), registry.consent_purposes()}));
}

}  // namespace ponte::consents

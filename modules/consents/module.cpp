#include "modules/consents/module.hpp"

#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "core/db/migrate.hpp"
#include "core/i18n/catalogue.hpp"
#include "modules/consents/actions.hpp"
#include "modules/consents/handlers.hpp"
#include "modules/consents/policy.hpp"
#include "modules/consents/seed.hpp"
#include "modules/consents/store.hpp"

namespace ponte::consents {
namespace {

// Lists the purposes every module declared, with what each means, and how many people have it
// given now: what a data protection officer reviews.
int ListPurposes(core::CommandContext& context) {
    const auto& catalogue = i18n::Catalogue::Instance();
    db::Lease connection = context.database().Acquire();
    for (const auto& [purpose, description_key] : context.registry().consent_purposes()) {
        std::cout << purpose << "  " << catalogue.Translate("en", description_key) << "  (given now by "
                  << CountGiven(*connection, purpose) << ")\n";
    }
    return 0;
}

void RegisterConsents(core::Registry& registry) {
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

class ConsentsModule : public core::Module {
  public:
    std::string_view word() const override { return "consents"; }
    void AddCommands(CLI::App& cli, core::Commands& commands) override {
        cli.add_subcommand("consents", "Consent records")->require_subcommand(1);
        commands.Add(cli, {"consents", "purposes"},
                     "List the consent purposes every module declared, and how many people gave each", &ListPurposes);
    }
    void Register(core::Registry& registry) const override { RegisterConsents(registry); }
};

}  // namespace

std::unique_ptr<core::Module> MakeModule() { return std::make_unique<ConsentsModule>(); }

}  // namespace ponte::consents

#include "core/privacy/privacy.hpp"

#include <algorithm>

#include "core/audit/audit.hpp"
#include "core/jobs/jobs.hpp"
#include "core/privacy/commands.hpp"
#include "core/privacy/retention.hpp"

namespace ponte::privacy {
namespace {

constexpr std::string_view kPersonExists = "SELECT 1 FROM accounts_users WHERE id = $1";
constexpr std::string_view kAuditAbout =
    "SELECT seq, at, actor_user_id, action, outcome, resource_type, resource_id, remote FROM audit_log "
    "WHERE actor_user_id = $1 OR (resource_type = 'auth.user' AND resource_id = $2) ORDER BY seq";

boost::json::value ExportAudit(db::Connection& connection, std::int64_t person) {
    auto rows = connection.Execute(kAuditAbout, {person, std::to_string(person)});
    boost::json::array out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back({{"seq", rows.Int(row, 0)},
                       {"at", rows.Int(row, 1)},
                       {"by_this_person", !rows.IsNull(row, 2) && rows.Int(row, 2) == person},
                       {"action", rows.Text(row, 3)},
                       {"outcome", rows.Text(row, 4)},
                       {"resource_type", rows.Text(row, 5)},
                       {"resource_id", rows.Text(row, 6)},
                       // Addresses of requests by others (staff) are theirs, not hers.
                       {"address", !rows.IsNull(row, 2) && rows.Int(row, 2) == person ? rows.Text(row, 7) : ""}});
    }
    return out;
}

void RequirePerson(db::Connection& connection, std::int64_t person) {
    if (connection.Execute(kPersonExists, {person}).empty()) {
        throw std::invalid_argument("no person with id " + std::to_string(person));
    }
}

// The keys of a registry that runs; the export and the erasure open sealed fields.
const crypto::Keyring& KeysOf(const core::Registry& registry) {
    if (!registry.running()) throw std::logic_error("a person's data is read through a registry that runs");
    return registry.keyring();
}

}  // namespace

boost::json::object ExportPerson(db::Database& database, const core::Registry& registry, std::int64_t person_id,
                                 std::int64_t now_ms) {
    const Context context{KeysOf(registry), now_ms};
    return database.Transact([&](db::Connection& connection) {
        RequirePerson(connection, person_id);
        boost::json::array sources;
        for (const auto& source : registry.personal_data()) {
            sources.push_back({{"name", source.name},
                               {"description", source.description},
                               {"data", source.exporter(connection, person_id, context)}});
        }
        audit::Append(connection,
                      {.action = "privacy.export",
                       .outcome = "ok",
                       .resource_type = "auth.user",
                       .resource_id = std::to_string(person_id)},
                      now_ms);
        return boost::json::object{{"format", "ponte.person-export/1"},
                                   {"person_id", person_id},
                                   {"exported_at", now_ms},
                                   {"sources", std::move(sources)},
                                   {"retention", RetentionJson()}};
    });
}

ErasureReport ErasePerson(db::Database& database, const core::Registry& registry, std::int64_t person_id,
                          std::int64_t now_ms) {
    const Context context{KeysOf(registry), now_ms};
    return database.Transact([&](db::Connection& connection) {
        RequirePerson(connection, person_id);
        ErasureReport report;
        // Later modules first: they may need what earlier ones hold (an email, a membership).
        const auto& sources = registry.personal_data();
        for (std::size_t i = sources.size(); i-- > 0;) {
            const auto& source = sources[i];
            if (source.eraser) {
                source.eraser(connection, person_id, context);
                report.erased.push_back(source.name);
            }
            if (!source.retention.empty()) report.kept.push_back(source.name + ": " + source.retention);
        }
        boost::json::array erased(report.erased.begin(), report.erased.end());
        audit::Append(connection,
                      {.action = "privacy.erase",
                       .outcome = "ok",
                       .resource_type = "auth.user",
                       .resource_id = std::to_string(person_id),
                       .detail = boost::json::serialize(boost::json::object{{"sources", std::move(erased)}})},
                      now_ms);
        return report;
    });
}

void Register(core::Registry& registry) {
    registry.AddMigrations(db::LoadEmbeddedMigrations("privacy", "core/privacy/migrations/"));
    registry.DeclareNoPersonalData("schema_migrations", "which database migrations ran, and when");
    registry.DeclareNoPersonalData("audit_head", "the last sequence number and hash of the audit log");
    registry.AddPersonalData(
        {.name = "audit.log",
         .description = "Audit log entries of what the person did and of what was done to her account: when, "
                        "which action, its outcome and from which address.",
         .tables = {"audit_log"},
         .exporter = [](db::Connection& connection, std::int64_t person,
                        const Context&) { return ExportAudit(connection, person); },
         .retention = "The audit log is append-only and hash-chained, kept to account for every access to "
                      "personal data; after erasure its entries name an anonymized account number, with the network "
                      "address of each request she made, kept as security records for their retention period."});
    const core::Registry* r = &registry;
    registry.AddJobHandler(std::string(kRetentionJobKind),
                           [r](const std::string&) { RunRetention(r->database(), jobs::SystemNowMs()); });
}

namespace {

class PrivacyModule : public core::Module {
  public:
    std::string_view word() const override { return "privacy"; }
    void AddCommands(CLI::App& cli, core::Commands& commands) override { AddPersonCommands(cli, commands); }
    void Register(core::Registry& registry) const override { privacy::Register(registry); }
};

}  // namespace

std::unique_ptr<core::Module> MakeModule() { return std::make_unique<PrivacyModule>(); }

}  // namespace ponte::privacy

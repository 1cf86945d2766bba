#include "modules/cases/module.hpp"

#include <boost/json.hpp>

#include "core/config/config.hpp"
#include "core/db/migrate.hpp"
#include "modules/cases/actions.hpp"
#include "modules/cases/appointments/feed.hpp"
#include "modules/cases/appointments/handlers.hpp"
#include "modules/cases/appointments/reminders.hpp"
#include "modules/cases/appointments/store.hpp"
#include "modules/cases/assessments/handlers.hpp"
#include "modules/cases/deadlines/handlers.hpp"
#include "modules/cases/deadlines/reminders.hpp"
#include "modules/cases/deadlines/store.hpp"
#include "modules/cases/documents/handlers.hpp"
#include "modules/cases/documents/store.hpp"
#include "modules/cases/glass/handlers.hpp"
#include "modules/cases/handlers.hpp"
#include "modules/cases/her/handlers.hpp"
#include "modules/cases/notes/handlers.hpp"
#include "modules/cases/notes/store.hpp"
#include "modules/cases/plans/handlers.hpp"
#include "modules/cases/plans/store.hpp"
#include "modules/cases/policy.hpp"
#include "modules/cases/profile/handlers.hpp"
#include "modules/cases/profile/store.hpp"
#include "modules/cases/referrals/handlers.hpp"
#include "modules/cases/referrals/store.hpp"
#include "modules/cases/retention.hpp"
#include "modules/cases/search.hpp"
#include "modules/cases/seed.hpp"
#include "modules/cases/store.hpp"
#include "modules/cases/teams/actions.hpp"
#include "modules/cases/teams/handlers.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kSelectCasesOf =
    "SELECT c.id FROM cases_cases c JOIN cases_women w ON w.id = c.woman_id WHERE w.user_id = $1 ORDER BY c.id";
constexpr std::string_view kDeleteWomenOf = "DELETE FROM cases_women WHERE user_id = $1";

// Her appointments, as her export shows them.
boost::json::array AppointmentsExport(db::Connection& connection, const crypto::Keyring& keyring,
                                      std::int64_t case_id) {
    boost::json::array out;
    for (const auto& appointment : AppointmentsOfCase(connection, keyring, case_id)) {
        out.push_back({{"place", appointment.place_name},
                       {"visit", VisitName(appointment.visit)},
                       {"state", AttendanceName(appointment.state)},
                       {"starts_at", appointment.starts_at},
                       {"ends_at", appointment.ends_at},
                       {"interpreter_language", appointment.interpreter_language},
                       {"reason", appointment.reason}});
    }
    return out;
}

// Her deadlines, as her export shows them.
boost::json::array DeadlinesExport(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id) {
    boost::json::array out;
    for (const auto& deadline : DeadlinesOfCase(connection, keyring, case_id)) {
        boost::json::array documents;
        for (const auto& document : deadline.documents) documents.emplace_back(document);
        out.push_back({{"kind", deadline.kind},
                       {"title", deadline.title},
                       {"due_on", deadline.due_on},
                       {"documents", std::move(documents)},
                       {"done_at", deadline.done_at}});
    }
    return out;
}

// Her plan with every version of it, as her export shows them; null when none was agreed.
boost::json::value PlanExport(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id) {
    const Plan plan = ReadPlan(connection, keyring, case_id);
    if (!plan.recorded) return nullptr;
    boost::json::array versions;
    for (auto& version : PlanVersions(connection, keyring, case_id)) {
        versions.push_back({{"version", version.version}, {"at", version.at}, {"changes", std::move(version.changes)}});
    }
    boost::json::object out = ToJson(plan);
    out["versions"] = std::move(versions);
    return out;
}

// Her workers' notes, as her export shows them: every one, the team's too, as it is about her.
boost::json::array NotesExport(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id) {
    boost::json::array out;
    for (const auto& note : NotesOfCase(connection, keyring, case_id)) {
        out.push_back({{"text", note.text}, {"visibility", note.visibility}, {"created_at", note.created_at}});
    }
    return out;
}

// The documents kept with her case: what they are, not their bytes (she asks for those apart).
boost::json::array DocumentsExport(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id) {
    boost::json::array out;
    for (const auto& document : DocumentsOfCase(connection, keyring, case_id)) {
        out.push_back({{"name", document.name},
                       {"media_type", document.media_type},
                       {"size_bytes", document.size_bytes},
                       {"visibility", document.visibility},
                       {"created_at", document.created_at}});
    }
    return out;
}

// Her cases, with their history, as her data export shows them.
boost::json::value TeamSeatsExport(db::Connection& connection, std::int64_t person, const privacy::Context&) {
    return TeamSeatsOf(connection, person);
}

boost::json::value Export(db::Connection& connection, std::int64_t person, const privacy::Context& context) {
    boost::json::array out;
    auto rows = connection.Execute(kSelectCasesOf, {person});
    for (std::size_t row = 0; row < rows.size(); ++row) {
        const auto found = FindCase(connection, rows.Int(row, 0));
        if (!found) continue;
        boost::json::array history;
        for (const auto& change : TransitionsOf(connection, context.keyring, found->id)) {
            history.push_back({{"from", StateName(change.from)},
                               {"to", StateName(change.to)},
                               {"outcome", change.outcome},
                               {"reason", change.reason},
                               {"at", change.at}});
        }
        boost::json::value referral = nullptr;
        if (const auto referred = FindReferralOfCase(connection, context.keyring, found->id)) {
            referral = boost::json::object{{"from_organization", referred->from_organization_name},
                                           {"reason", referred->reason},
                                           {"urgency", UrgencyName(referred->urgency)},
                                           {"consent_method", referred->consent_method},
                                           {"consent_at", referred->consent_at},
                                           {"state", ReferralStateName(referred->state)},
                                           {"answer", referred->answer},
                                           {"created_at", referred->created_at}};
        }
        // What her workers recorded of her: every part, sensitive ones included, as it is hers.
        boost::json::object about;
        for (Part part : {Part::kProfile, Part::kSafeContact, Part::kSensitive}) {
            auto stored = ReadPart(connection, context.keyring, found->woman_id, part);
            about[PartName(part)] = stored.content ? boost::json::value(*stored.content) : nullptr;
        }
        out.push_back({{"case_id", found->id},
                       {"organization_id", found->organization_id},
                       {"chosen_name", found->chosen_name},
                       {"code", found->code},
                       {"state", StateName(found->state)},
                       {"outcome", found->outcome},
                       {"opened_at", found->opened_at},
                       {"history", std::move(history)},
                       {"referral", std::move(referral)},
                       {"about_her", std::move(about)},
                       {"appointments", AppointmentsExport(connection, context.keyring, found->id)},
                       {"deadlines", DeadlinesExport(connection, context.keyring, found->id)},
                       {"plan", PlanExport(connection, context.keyring, found->id)},
                       {"notes", NotesExport(connection, context.keyring, found->id)},
                       {"documents", DocumentsExport(connection, context.keyring, found->id)},
                       {"teams", TeamsExport(connection, context.keyring, found->id)}});
    }
    return out;
}

void RegisterCases(core::Registry& registry, int retention_days, std::size_t document_max_bytes) {
    const std::filesystem::path documents = DocumentsFolder(registry.deployment().files_directory);
    registry.AddMigrations(db::LoadEmbeddedMigrations("cases", "modules/cases/migrations/"));
    DeclarePolicy(registry.policy());
    registry.AddSealedColumn({"cases_transitions", "case_id", "reason"});
    registry.AddSealedColumn({"cases_events", "case_id", "detail"});
    registry.AddSealedColumn({"cases_referrals", "case_id", "reason"});
    registry.AddSealedColumn({"cases_referrals", "case_id", "outside_referrer"});
    registry.AddSealedColumn({"cases_referrals", "case_id", "answer"});
    for (const char* part : {"profile", "safe_contact", "sensitive"})
        registry.AddSealedColumn({"cases_profiles", "woman_id", part});
    registry.AddSealedColumn({"cases_appointments", "case_id", "reason"});
    registry.AddSealedColumn({"cases_glass_breaks", "case_id", "reason"});
    registry.AddSealedColumn({"cases_deadlines", "case_id", "title"});
    registry.AddSealedColumn({"cases_deadlines", "case_id", "documents"});
    for (const char* column : {"statement", "target"})
        registry.AddSealedColumn({"cases_plan_goals", "case_id", column});
    registry.AddSealedColumn({"cases_plan_actions", "case_id", "title"});
    for (const char* column : {"content", "changes"})
        registry.AddSealedColumn({"cases_plan_versions", "case_id", column});
    registry.AddSealedColumn({"cases_notes", "case_id", "text"});
    registry.AddSealedColumn({"cases_documents", "case_id", "name"});
    registry.AddSealedColumn({"cases_mdt_agenda", "case_id", "minutes"});
    registry.AddSealedColumn({"cases_mdt_decisions", "case_id", "text"});
    registry.DeclareConsentPurpose(std::string(kTeamSharingPurpose), "cases.consent.team_sharing");
    registry.AddSealedFiles({.name = "case documents", .list = [documents](db::Connection& connection) {
                                 return SealedDocumentFiles(connection, documents);
                             }});
    registry.AddPersonalData(
        {.name = "cases.cases",
         .description =
             "The cases through which organizations follow her: the name she chose, her pseudonymous "
             "code, the referral that brought her (who referred her, why, how she consented), her "
             "languages and children, her safe-contact rules, her sensitive attributes (violence, health, "
             "legal status), her appointments (and when she was sent a reminder of one), her deadlines, her "
             "personalized project with its goals, actions and every version of it, the notes her workers "
             "wrote and the documents they keep with her case (sealed files in the files folder), each "
             "case's state and outcome, its team, the multidisciplinary teams it is shared with (and how she "
             "consented), the minutes and decisions of their meetings about her, its timeline and every "
             "change of state with its reason. "
             "A case closed longer than the retention period is anonymized (retention.hpp): what names or "
             "describes her goes, and her record goes with her last case unless she has an account.",
         .tables = {"cases_women",
                    "cases_cases",
                    "cases_team",
                    "cases_transitions",
                    "cases_events",
                    "cases_referrals",
                    "cases_profiles",
                    "cases_appointments",
                    "cases_glass_breaks",
                    "cases_deadlines",
                    "cases_deadline_reminders",
                    "cases_plans",
                    "cases_plan_goals",
                    "cases_plan_actions",
                    "cases_plan_versions",
                    "cases_notes",
                    "cases_documents",
                    "cases_mdt_shares",
                    "cases_mdt_agenda",
                    "cases_mdt_decisions"},
         .exporter = &Export,
         // Her record goes, and with it her cases, their teams and their history; then her
         // documents' files. (Removed before the erasure commits: should it not, her documents'
         // rows stay without their bytes, which errs on the side of what she asked.)
         .eraser = [documents](db::Connection& connection, std::int64_t person, const privacy::Context&) {
             const auto files = StoredFilesOfWoman(connection, person);
             connection.Execute(kDeleteWomenOf, {person});
             DropDeletedFromSearch(connection);
             RemoveStored(documents, files);
         }});
    // A team is named by its organization; who sits on it is the staff's own data (below).
    registry.DeclareNoPersonalData("cases_mdt_teams", "an organization's multidisciplinary teams");
    registry.DeclareNoPersonalData("cases_mdt_meetings", "when and where a team meets");
    // The common trigrams of the women's names for the caseload's search (search.hpp): each held by
    // hundreds of women at least, so that none names any of them.
    registry.DeclareNoPersonalData("cases_search_statistics", "the trigrams most women's names and codes share");
    registry.DeclareNoPersonalData("cases_places", "an organization's places and their opening hours");
    // Interpreters and mediators are listed by their organization as a service it books, with the
    // name and contact they work under; they have no account and no case here.
    registry.DeclareNoPersonalData("cases_interpreters", "an organization's interpreters, as a service it books");
    registry.AddPersonalData(
        {.name = "cases.team_seats",
         .description = "The multidisciplinary teams a worker sits on, and for which organization.",
         .tables = {"cases_mdt_members"},
         .exporter = &TeamSeatsExport,
         .eraser = [](db::Connection& connection, std::int64_t person, const privacy::Context&) {
             DeleteTeamSeatsOf(connection, person);
         }});
    registry.AddSeed("cases", &SeedDemo);
    const auto module = std::make_shared<const Module>(
        Module{registry.database_or_null(), registry.keyring_or_null(), registry.policy(), documents});
    AddRoutes(registry, module);
    AddReferralRoutes(registry, module);
    AddProfileRoutes(registry, module);
    AddAssessments(registry, module);
    AddAppointmentRoutes(registry, module);
    AddGlassRoutes(registry, module);
    AddDeadlineRoutes(registry, module);
    AddPlanRoutes(registry, module);
    AddNoteRoutes(registry, module);
    AddDocumentRoutes(registry, module, document_max_bytes);
    AddTeamRoutes(registry, module);
    AddCalendarFeed(registry, module);
    AddHerRoutes(registry, module);
    AddReminders(registry, module);
    AddDeadlineReminders(registry, module);
    AddRetention(registry, module, retention_days);
    AddSearchStatistics(registry, module);
}

class CasesModule : public core::Module {
  public:
    std::string_view word() const override { return "cases"; }

    void AddOptions(CLI::App& serve) override {
        serve
            .add_option("--case-retention-days", retention_days_,
                        "Days after a case closed when it is anonymized (what names or describes her goes)")
            ->envname("PONTE_CASE_RETENTION_DAYS")
            ->capture_default_str();
        serve
            .add_option("--case-document-max-bytes", document_max_bytes_,
                        "Largest document kept with a case, in bytes (larger: 413)")
            ->envname("PONTE_CASE_DOCUMENT_MAX_BYTES")
            ->capture_default_str();
    }

    std::optional<std::string> CheckOptions() const override {
        // Under a month a woman who comes back soon after closing would find nothing of her history.
        if (retention_days_ < 30 || retention_days_ > 100 * 365) {
            return config::SettingName("--case-retention-days", "PONTE_CASE_RETENTION_DAYS") +
                   ": must be between 30 and 36500 days";
        }
        if (document_max_bytes_ < 1024 || document_max_bytes_ > 1024ULL * 1024 * 1024) {
            return config::SettingName("--case-document-max-bytes", "PONTE_CASE_DOCUMENT_MAX_BYTES") +
                   ": must be between 1 KiB and 1 GiB";
        }
        return std::nullopt;
    }

    void Register(core::Registry& registry) const override {
        RegisterCases(registry, retention_days_, document_max_bytes_);
    }

  private:
    int retention_days_ = kDefaultRetentionDays;
    std::size_t document_max_bytes_ = kDefaultDocumentMaxBytes;
};

}  // namespace

std::unique_ptr<core::Module> MakeModule() { return std::make_unique<CasesModule>(); }

}  // namespace ponte::cases

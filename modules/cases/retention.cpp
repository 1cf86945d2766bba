#include "modules/cases/retention.hpp"

#include <boost/json.hpp>

#include "core/audit/audit.hpp"
#include "core/feature.hpp"
#include "core/jobs/jobs.hpp"
#include "core/log/log.hpp"
#include "modules/cases/deadlines/store.hpp"
#include "modules/cases/documents/store.hpp"
#include "modules/cases/plans/store.hpp"
#include "modules/cases/referrals/store.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kAnonymizeAction = "cases.case.anonymize";
// Each run queues the next: as many attempts as the other recurring jobs', so that a database away
// for hours does not end the chain (serve also queues a run at start).
constexpr int kAttempts = 100;

// When the case last closed: its latest move to closed (a case opened closed has none: then its
// last change).
constexpr std::string_view kClosedAt =
    "COALESCE((SELECT MAX(t.at) FROM cases_transitions t WHERE t.case_id = c.id AND t.to_state = 'closed'), "
    "c.updated_at)";

std::string SelectExpiredSql() {
    return "SELECT c.id, c.woman_id, c.organization_id FROM cases_cases c "
           "WHERE c.state = 'closed' AND c.anonymized_at IS NULL AND " +
           std::string(kClosedAt) + " < $1 ORDER BY c.id LIMIT $2";
}

// Claims the case for anonymization when it is still closed since before the cutoff and not yet
// anonymized: a case reopened (or anonymized by another run) since it was selected is left.
std::string ClaimSql() {
    return "UPDATE cases_cases SET anonymized_at = $2, version = version + 1 "
           "WHERE id = $1 AND state = 'closed' AND anonymized_at IS NULL AND " +
           std::string(
               "COALESCE((SELECT MAX(t.at) FROM cases_transitions t WHERE t.case_id = $1 AND t.to_state = "
               "'closed'), updated_at) < $3");
}

constexpr std::string_view kRehome = "UPDATE cases_cases SET woman_id = $2 WHERE id = $1";
// Her record goes with her last case, unless she has an account (see retention.hpp).
constexpr std::string_view kDeleteLonelyWoman =
    "DELETE FROM cases_women WHERE id = $1 AND user_id IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM cases_cases WHERE woman_id = $1)";
constexpr std::string_view kClearTransitions = "UPDATE cases_transitions SET reason = NULL WHERE case_id = $1";
constexpr std::string_view kClearEvents = "UPDATE cases_events SET detail = NULL WHERE case_id = $1";
// The referral's reason is required by its table: it is sealed empty.
constexpr std::string_view kClearReferral =
    "UPDATE cases_referrals SET reason = $2, outside_referrer = NULL, answer = NULL WHERE case_id = $1";
// The language of her interpreter tells where she comes from.
constexpr std::string_view kClearAppointments =
    "UPDATE cases_appointments SET reason = NULL, interpreter_language = NULL WHERE case_id = $1";
// A title and documents are required by its table: they are sealed empty.
constexpr std::string_view kClearDeadlines = "UPDATE cases_deadlines SET title = $2, documents = $3 WHERE case_id = $1";
constexpr std::string_view kClearAssessmentNotes = "UPDATE cases_assessment_scores SET note = NULL WHERE case_id = $1";
// Broken glass is about who read her case and why; its audit entries stay.
// Her plan keeps the domains of its goals, the scores aimed at and its actions' owners, days and
// states, which impact reporting counts; what its words said goes, and so do its versions.
constexpr std::string_view kClearPlanGoals =
    "UPDATE cases_plan_goals SET statement = $2, target = $3 WHERE case_id = $1";
constexpr std::string_view kClearPlanActions = "UPDATE cases_plan_actions SET title = $2 WHERE case_id = $1";
constexpr std::string_view kDeletePlanVersions = "DELETE FROM cases_plan_versions WHERE case_id = $1";
// Her workers' notes and the documents kept with her case describe her: they go, and the
// documents' files after the transaction that removes their rows.
constexpr std::string_view kDeleteNotes = "DELETE FROM cases_notes WHERE case_id = $1";
constexpr std::string_view kStoredDocuments = "SELECT stored_as FROM cases_documents WHERE case_id = $1";
constexpr std::string_view kDeleteDocuments = "DELETE FROM cases_documents WHERE case_id = $1";
constexpr std::string_view kDeleteGlassBreaks = "DELETE FROM cases_glass_breaks WHERE case_id = $1";
// Her case leaves the teams it was shared with, and what their meetings wrote of her goes.
constexpr std::string_view kDeleteTeamShares = "DELETE FROM cases_mdt_shares WHERE case_id = $1";
constexpr std::string_view kDeleteAgendaItems = "DELETE FROM cases_mdt_agenda WHERE case_id = $1";

struct Expired {
    std::int64_t case_id = 0;
    std::int64_t woman_id = 0;
    std::int64_t organization_id = 0;
};

enum class Fate { kAnonymized, kHerRecordErased, kTaken };

// Anonymizes one case in the caller's transaction, with its audit entry.
// `files` receives the stored names of the case's documents, to remove once this commits.
Fate Anonymize(db::Connection& connection, const crypto::Keyring& keyring, const Expired& expired,
               std::int64_t cutoff_ms, std::int64_t now_ms, std::vector<std::string>& files) {
    const std::int64_t id = expired.case_id;
    if (connection.Execute(ClaimSql(), {id, now_ms, cutoff_ms}).affected_rows == 0) return Fate::kTaken;
    // A record of its own, anonymous, with a new random code: the old code is written on her papers
    // and in her worker's notes, and would lead back to her.
    const std::int64_t anonymous = CreateWoman(connection, expired.organization_id, "", 0, now_ms);
    connection.Execute(kRehome, {id, anonymous});
    const bool erased = connection.Execute(kDeleteLonelyWoman, {expired.woman_id}).affected_rows > 0;
    connection.Execute(kClearTransitions, {id});
    connection.Execute(kClearEvents, {id});
    connection.Execute(kClearReferral, {id, keyring.Seal("", ReferralReasonContext(id))});
    connection.Execute(kClearAppointments, {id});
    connection.Execute(kClearDeadlines, {id, keyring.Seal("", DeadlineContext(id, "title")),
                                         keyring.Seal("[]", DeadlineContext(id, "documents"))});
    connection.Execute(kClearAssessmentNotes, {id});
    connection.Execute(kClearPlanGoals, {id, keyring.Seal("", PlanContext("cases_plan_goals", "statement", id)),
                                         keyring.Seal("", PlanContext("cases_plan_goals", "target", id))});
    connection.Execute(kClearPlanActions, {id, keyring.Seal("", PlanContext("cases_plan_actions", "title", id))});
    connection.Execute(kDeletePlanVersions, {id});
    connection.Execute(kDeleteNotes, {id});
    auto stored = connection.Execute(kStoredDocuments, {id});
    for (std::size_t row = 0; row < stored.size(); ++row) files.push_back(stored.Text(row, 0));
    connection.Execute(kDeleteDocuments, {id});
    connection.Execute(kDeleteGlassBreaks, {id});
    connection.Execute(kDeleteTeamShares, {id});
    connection.Execute(kDeleteAgendaItems, {id});
    audit::Append(connection,
                  {.action = std::string(kAnonymizeAction),
                   .outcome = "ok",
                   .resource_type = "cases.case",
                   .resource_id = std::to_string(id),
                   .organization_id = expired.organization_id,
                   .detail = boost::json::serialize(boost::json::object{{"her_record", erased ? "erased" : "kept"}})},
                  now_ms);
    return erased ? Fate::kHerRecordErased : Fate::kAnonymized;
}

}  // namespace

RetentionRun AnonymizeExpiredCases(db::Database& database, const crypto::Keyring& keyring,
                                   const std::filesystem::path& documents, std::chrono::days retention,
                                   std::int64_t now_ms) {
    const std::int64_t cutoff = now_ms - std::chrono::duration_cast<std::chrono::milliseconds>(retention).count();
    std::vector<Expired> expired;
    {
        auto rows = database.Acquire()->Execute(SelectExpiredSql(), {cutoff, kAnonymizationsPerRun});
        for (std::size_t row = 0; row < rows.size(); ++row)
            expired.push_back({rows.Int(row, 0), rows.Int(row, 1), rows.Int(row, 2)});
    }
    RetentionRun run;
    for (const auto& one : expired) {
        try {
            std::vector<std::string> files;
            const Fate fate = database.Transact([&](db::Connection& connection) {
                files.clear();
                return Anonymize(connection, keyring, one, cutoff, now_ms, files);
            });
            RemoveStored(documents, files);
            run.anonymized += fate == Fate::kTaken ? 0 : 1;
            run.women_erased += fate == Fate::kHerRecordErased ? 1 : 0;
        } catch (const std::exception& error) {
            // Nothing of it changed: the next run tries again, and the others go now.
            log::Error("case not anonymized", {{"case_id", std::to_string(one.case_id)}, {"error", error.what()}});
        }
    }
    if (run.women_erased > 0) DropDeletedFromSearch(*database.Acquire());
    return run;
}

void AddRetention(core::Registry& registry, std::shared_ptr<const Module> module, int retention_days) {
    const std::chrono::days retention{retention_days};
    registry.AddRecurringJob(std::string(kRetentionJobKind), [module, retention](const std::string&) {
        const std::int64_t now = core::NowMs();
        const RetentionRun run =
            AnonymizeExpiredCases(module->database(), module->keyring(), module->documents, retention, now);
        const std::int64_t next = std::chrono::duration_cast<std::chrono::milliseconds>(kRetentionInterval).count();
        jobs::EnqueueUnlessQueued(*module->database().Acquire(), kRetentionJobKind, "{}", now + next, kAttempts);
        if (run.anonymized > 0) log::Info("closed cases anonymized", {{"anonymized", std::to_string(run.anonymized)}});
    });
}

}  // namespace ponte::cases

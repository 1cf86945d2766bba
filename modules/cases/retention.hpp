// Retention: a case closed longer than the retention period is anonymized by a daily job, so that
// what impact reporting counts outlives what names or describes her.
//
// What goes: the name she chose and her pseudonymous code (the case moves to a new anonymous record
// of the organization, with a new random code and no name, profile, safe-contact rules or
// sensitive attributes), the reasons of its history, the details of its timeline, the referral's
// reason, answer and outside referrer, the appointments' reasons and interpreter languages, the
// deadlines' titles and documents, the notes of its assessments and its broken glass (with its
// reasons). What stays: the case's organization, state, outcome and dates, its team, the kinds of
// its timeline's entries, the referral's urgency and consent method, the appointments' places,
// times and attendance, the deadlines' kinds and days, and the assessments' scores.
//
// Her record (her name, profile, safe-contact rules and sensitive attributes, which are hers and
// not one case's) goes with her last case: it is deleted when the anonymized case was its last one
// and she has no account. While she has another case (open, or closed within the period) or an
// account, her record stays as it is and only the anonymized case leaves it; a person with an
// account erases the rest with `erase-person`.
//
// A case is closed since its latest move to closed; a case reopened meanwhile is not closed, and
// its time starts again when it closes again. Each case is anonymized in a transaction of its own
// with its audit entry ("cases.case.anonymize"); a run takes at most kAnonymizationsPerRun cases.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/registry.hpp"
#include "modules/cases/actions.hpp"

namespace ponte::cases {

inline constexpr std::string_view kRetentionJobKind = "cases.retention";
inline constexpr std::chrono::hours kRetentionInterval{24};
// Five years after a case closed: long enough for a woman who comes back, or for an audit of the
// organization's funding, to find her history; the flag --case-retention-days sets another period.
inline constexpr int kDefaultRetentionDays = 5 * 365 + 1;
// Cases a run anonymizes, at most: the next run takes the rest.
inline constexpr std::int64_t kAnonymizationsPerRun = 100;

// What a run did.
struct RetentionRun {
    int anonymized = 0;
    int women_erased = 0;  // her record went with her last case
};

// Anonymizes the cases closed before `now_ms` less `retention`, oldest first, at most
// kAnonymizationsPerRun, each in its own transaction with its audit entry (a failure of one is
// logged and leaves the others). Thread-safe: two runs at once anonymize each case once.
// The files of the documents of an anonymized case are removed from `documents` (the module's
// documents folder) once its transaction commits.
RetentionRun AnonymizeExpiredCases(db::Database& database, const crypto::Keyring& keyring,
                                   const std::filesystem::path& documents, std::chrono::days retention,
                                   std::int64_t now_ms);

// Adds the daily retention job (serve queues its first run), with `retention_days` as the period.
void AddRetention(core::Registry& registry, std::shared_ptr<const Module> module, int retention_days);

}  // namespace ponte::cases

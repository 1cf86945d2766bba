// Retention: records that outlive their use are deleted on a schedule, each kind after a fixed,
// documented period (README, "Retention"), by a job the worker of `serve` runs every hour. The
// same table of rules is what `ponte export-person` shows her under "retention".
//
// Records that are not listed here are kept while the account exists, until `ponte erase-person`
// (see each personal-data source's retention).
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/database.hpp"

namespace ponte::privacy {

struct RetentionRule {
    std::string_view name;     // "auth.sessions"
    std::string_view records;  // which records, in plain words
    std::string_view after;    // the moment the period starts
    std::chrono::days period;  // how long after that moment the records are kept
    std::string_view why;      // why they are kept that long and no longer
    // Deletes the records whose period ended: $1 is the cut-off, now minus `period`, in epoch ms.
    std::string_view purge;
};

// Every rule, in a fixed order.
const std::vector<RetentionRule>& RetentionRules();

inline constexpr std::string_view kRetentionJobKind = "privacy.retention";
inline constexpr std::chrono::hours kRetentionInterval{1};

// Deletes, on the caller's connection, every record past its period at `now_ms`. Returns the
// number deleted per rule name (rules with none are left out).
std::vector<std::pair<std::string, std::int64_t>> Purge(db::Connection& connection, std::int64_t now_ms);

// Queues the retention job at `run_at_ms` unless one is queued already (each run queues the next;
// `serve` calls this at start). True when it queued one.
bool ScheduleRetention(db::Connection& connection, std::int64_t run_at_ms);

// The job's work: Purge, log what it deleted, and schedule the next run, in one transaction.
void RunRetention(db::Database& database, std::int64_t now_ms);

// The "retention" section of a person export: each rule's records, period in days, start and
// reason, and what happens to everything else.
boost::json::array RetentionJson();

}  // namespace ponte::privacy

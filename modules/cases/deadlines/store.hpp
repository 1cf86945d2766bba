// The table of deadlines. SQL is in store.cpp as named constants with bound parameters; every
// function runs on the caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/page.hpp"
#include "core/policy/filter.hpp"
#include "modules/cases/deadlines/model.hpp"

namespace ponte::cases {

// Adds the deadline (its title and documents sealed); returns its id.
std::int64_t InsertDeadline(db::Connection& connection, const crypto::Keyring& keyring, const Deadline& deadline,
                            std::int64_t now_ms);
std::optional<Deadline> FindDeadline(db::Connection& connection, const crypto::Keyring& keyring,
                                     std::int64_t deadline_id);

// The case's deadlines, soonest first.
std::vector<Deadline> DeadlinesOfCase(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id);

// Marks the deadline done when it is still at `expected_version`; false otherwise.
bool MarkDeadlineDone(db::Connection& connection, std::int64_t deadline_id, std::int64_t expected_version,
                      std::int64_t now_ms);

// A page of the open deadlines of the organization's cases that `filter` reaches (as those of
// cases.case.read), due before `before` ("YYYY-MM-DD"), soonest first. One statement a page.
core::Page<Deadline> SelectOpenDeadlines(db::Connection& connection, const crypto::Keyring& keyring,
                                         std::int64_t organization_id, const policy::Filter& filter,
                                         std::string_view before, std::int64_t now_ms, const core::PageRequest& page);

// An open deadline of a followed case that falls due soon, with what its reminders say and what
// decides whether hers may be sent (her record, for her rules and languages; a zone for her hours).
struct DueDeadline {
    Deadline deadline;  // case_code set, chosen_name left empty: a reminder never names her
    std::int64_t woman_id = 0;
    std::int64_t organization_id = 0;
    std::string organization_name;
    std::string time_zone;  // the zone of the organization's first place, where she is received; else UTC
};

// The open deadlines of cases in intake, active or suspended whose day is in [from, to]
// ("YYYY-MM-DD"), leaving out those whose reminders for their lead (7 days for a day up to
// `week`, else 30) both went; soonest first, at most `limit`.
std::vector<DueDeadline> DueDeadlines(db::Connection& connection, const crypto::Keyring& keyring, std::string_view from,
                                      std::string_view week, std::string_view to, std::int64_t limit);

// Records that the reminder of `lead_days` to `audience` ("team" or "her") went at `now_ms`; false,
// changing nothing, when it had already (another instance came first).
bool MarkDeadlineReminded(db::Connection& connection, std::int64_t deadline_id, int lead_days,
                          std::string_view audience, std::int64_t now_ms);
// True when that reminder went already.
bool DeadlineReminded(db::Connection& connection, std::int64_t deadline_id, int lead_days, std::string_view audience);

// Where the case's team is written to: the address and language of each member with a live
// account and an address, the lead first.
struct Mailbox {
    std::string email;
    std::string locale;  // as the account records it; may be empty
};
std::vector<Mailbox> TeamMailboxes(db::Connection& connection, std::int64_t case_id);

// The context of the sealed `column` ("title" or "documents"), bound to the case.
std::string DeadlineContext(std::int64_t case_id, std::string_view column);

}  // namespace ponte::cases

// The table of deadlines. SQL is in store.cpp as named constants with bound parameters; every
// function runs on the caller's connection.
#pragma once

#include <cstdint>
#include <optional>
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

// The context of the sealed `column` ("title" or "documents"), bound to the case.
std::string DeadlineContext(std::int64_t case_id, std::string_view column);

}  // namespace ponte::cases

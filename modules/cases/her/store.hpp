// Her account and her record (cases_women.user_id): which of her cases she reads, and linking the
// account her workers made for her to the record they kept before she had one. SQL is in
// store.cpp as named constants with bound parameters; every function runs on the caller's
// connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.hpp"

namespace ponte::cases {

// The cases of the women whose account is `user_id` that she reads (not a referral still waiting
// for its answer, nor an anonymized case), the newest first.
std::vector<std::int64_t> CasesOfAccount(db::Connection& connection, std::int64_t user_id);

// The record of the organization's women that the account is linked to, if one is.
std::optional<std::int64_t> WomanOfAccount(db::Connection& connection, std::int64_t organization_id,
                                           std::int64_t user_id);

// The name of a live account that is a participant of the organization and none of its staff;
// nullopt for anyone else, of the organization or not.
std::optional<std::string> FindParticipant(db::Connection& connection, std::int64_t organization_id,
                                           std::int64_t user_id);

// Links her record to the account (0: unlinks it).
void LinkAccount(db::Connection& connection, std::int64_t woman_id, std::int64_t user_id, std::int64_t now_ms);

// The organization's name.
std::string OrganizationName(db::Connection& connection, std::int64_t organization_id);

}  // namespace ponte::cases

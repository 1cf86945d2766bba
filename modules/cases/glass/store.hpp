// The table of broken glass: who reads a case she is not on the team of, why, until when. Every
// function runs on the caller's connection.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"

namespace ponte::cases {

// How long a break of the glass lets its worker in.
inline constexpr std::int64_t kGlassHours = 4;

// Records that `user_id` broke the glass of the case at `now_ms` for `reason` (sealed); returns
// when her access ends.
std::int64_t BreakGlass(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                        std::int64_t user_id, std::string_view reason, std::int64_t now_ms);

// The workers whose broken glass lets them into the case at `now_ms`.
std::vector<std::int64_t> GlassBreakers(db::Connection& connection, std::int64_t case_id, std::int64_t now_ms);

// The SQL condition "the user `user` (a placeholder or parameter) broke the glass of case `case_id`
// (a column) and her access runs at `now` (a parameter)", for the caseload's access predicate.
std::string GlassPredicate(std::string_view case_id, std::string_view user, std::string_view now);

std::string GlassReasonContext(std::int64_t case_id);

}  // namespace ponte::cases

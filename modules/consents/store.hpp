// The consents_decisions table: one row per decision, never updated.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/db/database.hpp"
#include "modules/consents/model.hpp"

namespace ponte::consents {

// Her latest decision for `purpose`; nullopt when she was never asked.
std::optional<bool> LatestDecision(db::Connection& connection, std::int64_t user_id, std::string_view purpose);

void InsertDecision(db::Connection& connection, std::int64_t user_id, const Decision& decision);

// How many people's latest decision for `purpose` is "given".
std::int64_t CountGiven(db::Connection& connection, std::string_view purpose);

// Every decision of hers, oldest first.
std::vector<Decision> DecisionsOf(db::Connection& connection, std::int64_t user_id);

}  // namespace ponte::consents

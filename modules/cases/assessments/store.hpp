// The tables of a case's autonomy assessments. SQL is in store.cpp as named constants with bound
// parameters; every function runs on the caller's connection, so that the caller groups a change
// with its audit entry and its timeline event in one transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "modules/cases/assessments/model.hpp"

namespace ponte::cases {

// Records an assessment of the case by `by_user_id`, its notes sealed (none stored when empty).
// Returns its id. Precondition: RefusedAssessment is nullopt for it.
std::int64_t InsertAssessment(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                              std::int64_t by_user_id, std::int64_t assessed_at, std::int64_t now_ms,
                              const std::vector<Score>& scores);

// Every assessment of the case, newest first (by the time it was made, then the latest recorded),
// its scores in the order of kDomains and its notes opened. One statement: a case is assessed a few
// times a year, so it is read whole.
std::vector<Assessment> AssessmentsOf(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id);

// The context its notes are sealed with (crypto::FieldContext), bound to the case.
std::string NoteContext(std::int64_t case_id);

}  // namespace ponte::cases

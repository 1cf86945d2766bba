// What other modules may ask of consents: whether a person's latest decision for a purpose is
// "given", and recording a decision inside their own transaction. The only header of this module
// that others include.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/db/database.hpp"

namespace ponte::consents {

// True when the person's latest decision for `purpose` is "given". A module calls it before it
// uses her data for a purpose that needs consent (the purpose is declared with
// core::Registry::DeclareConsentPurpose).
bool HasConsent(db::Connection& connection, std::int64_t user_id, std::string_view purpose);

// Records a decision in the caller's transaction. Preconditions: `purpose` is declared; `method`
// is "online", "paper" or "verbal"; `recorded_by` is an account id, or 0 for none.
void RecordConsent(db::Connection& connection, std::int64_t user_id, std::string_view purpose, bool given,
                   std::string_view method, std::int64_t recorded_by, std::int64_t now_ms);

}  // namespace ponte::consents

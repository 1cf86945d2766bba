// The duties towards the people whose data Ponte holds: consent records that modules check
// before they use data for a purpose, and the export and erasure of everything about a person
// across every module's declared personal data (personal_data.hpp), both audited.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/registry.hpp"

namespace ponte::privacy {

// Adds the consent table and routes, and the registry entries of core's own tables (jobs, audit,
// migrations, consents).
void Register(core::Registry& registry);

// True when the person's latest decision for `purpose` is "given". Modules call it before they
// use data for a purpose that needs consent.
bool HasConsent(db::Connection& connection, std::int64_t user_id, std::string_view purpose);

// Records a decision in the caller's transaction. Precondition: `purpose` is declared, `method` is
// "online", "paper" or "verbal".
void RecordConsent(db::Connection& connection, std::int64_t user_id, std::string_view purpose, bool given,
                   std::string_view method, std::int64_t recorded_by, std::int64_t now_ms);

// Everything every module holds about the person, as one JSON document; audited. Throws
// std::invalid_argument when there is no such person.
boost::json::object ExportPerson(db::Database& database, const core::Registry& registry, std::int64_t person_id,
                                 std::int64_t now_ms);

// Erases or anonymizes everything about the person, every module in one transaction (all or
// nothing), and audits it. Returns the names of the sources erased and of those kept (with their
// retention reasons). Throws std::invalid_argument when there is no such person.
struct ErasureReport {
    std::vector<std::string> erased;
    std::vector<std::string> kept;  // "name: why"
};
ErasureReport ErasePerson(db::Database& database, const core::Registry& registry, std::int64_t person_id,
                          std::int64_t now_ms);

}  // namespace ponte::privacy

// The duties towards the people whose data Ponte holds: the export and erasure of everything about
// a person across every module's declared personal data (personal_data.hpp), both audited, and
// the retention rules (retention.hpp). Consent records are the consents module's.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/module.hpp"
#include "core/registry.hpp"

namespace ponte::privacy {

// Adds the retention job and the registry entries of core's own tables (jobs, audit, migrations).
void Register(core::Registry& registry);

// The same, as a module for the composition root.
std::unique_ptr<core::Module> MakeModule();

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

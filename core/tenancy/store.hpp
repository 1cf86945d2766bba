// Tenancy: organizations, territorial networks and memberships (who holds which role where).
// SQL is in store.cpp as named constants.
//
// Every function runs one or a few statements on the caller's connection, so that callers group
// them (with their audit entries) in one transaction. Throws db::UniqueViolation for a duplicate
// organization or network name, or membership.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/db/database.hpp"
#include "core/policy/principal.hpp"

namespace ponte::tenancy {

inline constexpr std::string_view kOrganizationKinds[] = {"social_service", "ngo",         "training_provider",
                                                          "employer",       "association", "public_body"};

std::int64_t CreateNetwork(db::Connection& connection, std::string_view name, std::int64_t now_ms);
std::int64_t CreateOrganization(db::Connection& connection, std::string_view name, std::string_view kind,
                                std::int64_t now_ms);
void AddOrganizationToNetwork(db::Connection& connection, std::int64_t network_id, std::int64_t organization_id);
// The networks an organization takes part in.
std::vector<std::int64_t> NetworksOf(db::Connection& connection, std::int64_t organization_id);

// Precondition: the membership's organization_id / network_id fit its role (the schema checks).
std::int64_t AddMembership(db::Connection& connection, std::int64_t user_id, const policy::Membership& membership,
                           std::int64_t created_by, std::int64_t now_ms);
std::vector<policy::Membership> ListMemberships(db::Connection& connection, std::int64_t user_id);

}  // namespace ponte::tenancy

// The lists of tenancy records (organizations, networks, the memberships of an organization), each read in
// one statement that carries the caller's access (policy::Filter) and the page (core::PageRequest):
// a list never returns a row the caller may not read, and costs one query whatever its length.
// Internal to core/tenancy; runs on the caller's connection.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/db/database.hpp"
#include "core/page.hpp"
#include "core/policy/filter.hpp"

namespace ponte::tenancy {

struct OrganizationRow {
    std::int64_t id = 0;
    std::string name;
    std::string kind;
    std::vector<std::int64_t> network_ids;  // ascending
};

// The organizations `filter` reaches (as those of auth.organization.read), by name then id.
core::Page<OrganizationRow> SelectOrganizations(db::Connection& connection, const policy::Filter& filter,
                                                const core::PageRequest& page);

struct NetworkRow {
    std::int64_t id = 0;
    std::string name;
    std::vector<std::int64_t> organization_ids;  // ascending
};

// The territorial networks `filter` reaches (as those of auth.network.read), by name then id.
core::Page<NetworkRow> SelectNetworks(db::Connection& connection, const policy::Filter& filter,
                                      const core::PageRequest& page);

struct MemberRow {
    std::int64_t id = 0;  // the membership's
    std::int64_t user_id = 0;
    std::string display_name;
    std::string role;
    bool disabled = false;
    std::int64_t user_version = 0;  // the account's version (core/version.hpp)
};

// The memberships of live accounts in `organization_id` that `filter` reaches (as those of
// auth.membership.list), by membership id.
core::Page<MemberRow> SelectMembers(db::Connection& connection, std::int64_t organization_id,
                                    const policy::Filter& filter, const core::PageRequest& page);

}  // namespace ponte::tenancy

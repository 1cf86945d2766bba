// The facts the policy needs about tenancy's records (organizations, and users by their
// memberships), read from the database; and who may give or manage which role. Modules read
// it too (consents: whom a worker reaches).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/db/database.hpp"
#include "core/policy/policy.hpp"

namespace ponte::tenancy {

// The organization as a policy resource, or nullopt when there is none with this id.
std::optional<policy::Resource> OrganizationResource(db::Connection& connection, std::int64_t organization_id);

// A user as the policy sees her: one resource per organization she belongs to.
struct UserFacts {
    std::int64_t id = 0;
    bool disabled = false;
    bool has_password = false;  // she has set her own password or passphrase
    std::vector<policy::Membership> memberships;
    std::vector<policy::Resource> organizations;
};
// Nullopt for an unknown or erased account.
std::optional<UserFacts> LoadUserFacts(db::Connection& connection, std::int64_t user_id);

// True when `action` is permitted over one of the user's organizations (platform admins: any user).
bool PermitsOnUser(const policy::Policy& policy, const policy::Principal& principal, std::string_view action,
                   const UserFacts& user);

// Who may give `role` in `organization_id`: platform admins any role anywhere; org admins any
// organization role in their organization; case workers and coordinators the roles of the people
// they accompany (participant, community member, mentor) in theirs; nobody else.
bool MayGrant(const policy::Principal& principal, policy::Role role, std::int64_t organization_id);

// True when the principal may give every role the user holds: she may then re-invite, disable or
// remove such a user. No one but a platform admin manages a network coordinator or platform admin,
// and no case worker can take over a coordinator's account by re-inviting her.
bool MayManage(const policy::Principal& principal, const UserFacts& user);

}  // namespace ponte::tenancy

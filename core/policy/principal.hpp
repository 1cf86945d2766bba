// Who is calling: the signed-in user with their roles, as the session resolved them. Plain data,
// set on the request by the authentication guard before a handler runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ponte::policy {

// Roles are given by memberships: in an organization (the first seven), in a territorial
// network (network coordinator) or on the whole platform (platform admin).
enum class Role {
    kParticipant,
    kCommunityMember,
    kMentor,
    kCaseWorker,
    kTrainer,
    kCoordinator,
    kOrgAdmin,
    kNetworkCoordinator,
    kPlatformAdmin,
};

inline constexpr Role kAllRoles[] = {
    Role::kParticipant,  Role::kCommunityMember, Role::kMentor,   Role::kCaseWorker,
    Role::kTrainer,      Role::kCoordinator,     Role::kOrgAdmin, Role::kNetworkCoordinator,
    Role::kPlatformAdmin};

// The stable name used in the database and the API: "participant", "case_worker", ...
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

// Staff roles work with other people's records; they need a second factor (outside demo mode).
bool IsStaff(Role role);
// Roles held in an organization (as opposed to a network or the platform).
bool IsOrganizationRole(Role role);

struct Membership {
    std::int64_t id = 0;
    Role role = Role::kParticipant;
    std::int64_t organization_id = 0;  // set for organization roles
    std::int64_t network_id = 0;       // set for the network coordinator
};

struct Principal {
    std::int64_t user_id = 0;
    std::string display_name;
    std::string locale;  // her chosen language; empty when she never chose
    std::vector<Membership> memberships;
    std::string session_digest;  // the stored digest of the session id
    std::string csrf_token;
    // Signed in with the password only, while this account must also pass its second factor:
    // such a principal may take no action but those of signing in (policy::kSigningIn).
    bool second_factor_due = false;
    bool second_factor_enrolled = false;  // has a confirmed TOTP
    bool second_factor_passed = false;    // gave it in this session

    bool HasRole(Role role) const;
    bool IsStaff() const;
};

}  // namespace ponte::policy

#include "core/ops/admin.hpp"

#include "core/accounts/store.hpp"
#include "core/audit/audit.hpp"
#include "core/db/errors.hpp"
#include "core/tenancy/store.hpp"

namespace ponte::ops {
namespace {

// A disabled administrator cannot sign in, so she does not count: an installation whose only
// administrator was disabled needs no --force to get one again.
constexpr std::string_view kCountEnabledAdmins =
    "SELECT COUNT(*) FROM tenancy_memberships m JOIN accounts_users u ON u.id = m.user_id "
    "WHERE m.role = 'platform_admin' AND u.disabled = 0";

}  // namespace

std::variant<CreatedAdmin, AdminRefusal> CreatePlatformAdmin(db::Database& database, const NewAdmin& admin,
                                                             std::int64_t now_ms) {
    const std::string email = accounts::NormalizeEmail(admin.email);
    if (!accounts::LooksLikeEmail(email) || email.size() > 254) return AdminRefusal::kInvalidEmail;
    if (admin.display_name.empty() || admin.display_name.size() > 100) return AdminRefusal::kInvalidName;
    try {
        return database.Transact([&](db::Connection& connection) -> std::variant<CreatedAdmin, AdminRefusal> {
            if (!admin.force && connection.Execute(kCountEnabledAdmins).Int(0, 0) > 0) {
                return AdminRefusal::kAdminExists;
            }
            if (accounts::FindUserByEmail(connection, email)) return AdminRefusal::kEmailTaken;
            const std::int64_t id =
                accounts::CreateUser(connection, {.email = email, .display_name = admin.display_name}, now_ms);
            tenancy::AddMembership(connection, id, {.role = policy::Role::kPlatformAdmin}, 0, now_ms);
            accounts::Invitation invitation = accounts::IssueInvitation(connection, id, 0, now_ms);
            audit::Append(connection,
                          {.action = "auth.admin.create",
                           .outcome = "ok",
                           .resource_type = "auth.user",
                           .resource_id = std::to_string(id),
                           .detail = admin.force ? R"({"forced":true})" : R"({"forced":false})"},
                          now_ms);
            return CreatedAdmin{id, std::move(invitation)};
        });
    } catch (const db::UniqueViolation&) {
        return AdminRefusal::kEmailTaken;  // made by someone else between the check and the insert
    }
}

std::string InvitationLink(std::string_view public_url, std::string_view code) {
    while (public_url.ends_with('/')) public_url.remove_suffix(1);
    return std::string(public_url) + "/invite#" + std::string(code);
}

}  // namespace ponte::ops

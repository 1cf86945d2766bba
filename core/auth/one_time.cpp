#include "core/auth/one_time.hpp"

#include "core/auth/auth.hpp"
#include "core/auth/passwords.hpp"
#include "core/auth/sessions.hpp"
#include "core/auth/throttle.hpp"
#include "core/auth/users.hpp"
#include "core/crypto/random.hpp"
#include "core/feature.hpp"

namespace ponte::auth {
namespace {

constexpr std::string_view kDeleteUnusedInvitations =
    "DELETE FROM auth_invitations WHERE user_id = $1 AND used_at IS NULL";
constexpr std::string_view kDeleteUnusedResets =
    "DELETE FROM auth_password_resets WHERE user_id = $1 AND used_at IS NULL";

core::Failure Invalid(std::string_view field, std::string_view code) {
    core::Failure problem{core::Fault::kInvalidFields};
    problem.errors.push_back({std::string(field), std::string(code)});
    return problem;
}

}  // namespace

core::Outcome<User> SetPasswordWithSecret(
    Service& service, const http::Request& request, const OneTimeSecret& secret, std::string_view digest,
    std::string_view password, const std::function<void(db::Connection&, const User&, std::int64_t now)>& also) {
    const std::string address_key = AddressKey(audit::AddressOf(request.remote));
    audit::Entry entry = AuditEntry(request, std::string(secret.audit_action), "");
    entry.resource_type = "auth.user";

    std::int64_t wait = 0;
    std::optional<User> user;
    {
        db::Lease connection = service.database->Acquire();
        const std::int64_t now = core::NowMs();
        wait = LockedFor(*connection, address_key, now);
        if (wait == 0) {
            auto rows = connection->Execute(secret.select_sql, {std::string(digest), now});
            if (!rows.empty()) {
                user = User{.id = rows.Int(0, 0), .email = rows.Text(0, 1), .display_name = rows.Text(0, 2)};
            }
        }
    }
    if (wait > 0) {
        entry.outcome = "throttled";
        audit::Record(*service.database, entry, core::NowMs());
        return TooManyAttempts(wait, "detail.too_many_codes");
    }
    if (!user) {
        service.database->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            RecordFailure(connection, address_key, now, kAddressRule);
            entry.outcome = "failed";
            audit::Append(connection, entry, now);
        });
        return Invalid(secret.field, secret.error_code);
    }
    if (auto weak = CheckNewPassword(password, user->email, user->display_name)) return Invalid("password", *weak);
    const std::string hash = service.hasher.Hash(password);
    const bool spent = service.database->Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        if (connection.Execute(secret.spend_sql, {std::string(digest), now}).affected_rows != 1) return false;
        SetPasswordHash(connection, user->id, hash, now);
        EndAllSessions(connection, user->id);
        // Every other code or link that could set her password stops working with this one.
        VoidOneTimeSecrets(connection, user->id);
        also(connection, *user, now);
        entry.outcome = "ok";
        entry.actor_user_id = user->id;
        entry.resource_id = std::to_string(user->id);
        audit::Append(connection, entry, now);
        return true;
    });
    if (!spent) return Invalid(secret.field, secret.error_code);
    return *user;
}

void VoidOneTimeSecrets(db::Connection& connection, std::int64_t user_id) {
    connection.Execute(kDeleteUnusedInvitations, {user_id});
    connection.Execute(kDeleteUnusedResets, {user_id});
}

std::optional<std::string> ReadCode(http::JsonFields& fields, std::string_view name, std::string error_code) {
    auto code = fields.String(name);
    if (!code) return std::nullopt;
    auto canonical = crypto::NormalizeReadableCode(*code, kInvitationGroups);
    if (!canonical) fields.Invalid(name, std::move(error_code));
    return canonical;
}

std::string PublicBaseUrl(const Service& service, const http::Request& request) {
    if (!service.options.public_url.empty()) return service.options.public_url;
    return std::string(service.options.sessions.secure_cookie ? "https://" : "http://") +
           std::string(request.headers.Get("Host").value_or("localhost"));
}

}  // namespace ponte::auth

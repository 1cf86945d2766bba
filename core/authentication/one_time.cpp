#include "core/authentication/one_time.hpp"

#include "core/accounts/passwords.hpp"
#include "core/authentication/sessions.hpp"
#include "core/crypto/random.hpp"
#include "core/feature.hpp"
#include "core/throttle/throttle.hpp"

namespace ponte::authentication {
namespace {

constexpr std::string_view kDeleteUnusedInvitations =
    "DELETE FROM accounts_invitations WHERE user_id = $1 AND used_at IS NULL";
constexpr std::string_view kDeleteUnusedResets =
    "DELETE FROM authentication_password_resets WHERE user_id = $1 AND used_at IS NULL";

core::Failure Invalid(std::string_view field, std::string_view code) {
    core::Failure problem{core::Fault::kInvalidFields};
    problem.errors.push_back({std::string(field), std::string(code)});
    return problem;
}

}  // namespace

core::Outcome<accounts::User> SetPasswordWithSecret(
    Service& service, const http::Request& request, const OneTimeSecret& secret, std::string_view digest,
    std::string_view password,
    const std::function<void(db::Connection&, const accounts::User&, std::int64_t now)>& also) {
    const std::string address_key = throttle::AddressKey(audit::AddressOf(request.remote));
    audit::Entry entry = AuditEntry(request, std::string(secret.audit_action), "");
    entry.resource_type = "auth.user";

    std::int64_t wait = 0;
    std::optional<accounts::User> user;
    {
        db::Lease connection = service.database->Acquire();
        const std::int64_t now = core::NowMs();
        wait = throttle::LockedFor(*connection, address_key, now);
        if (wait == 0) {
            auto rows = connection->Execute(secret.select_sql, {std::string(digest), now});
            if (!rows.empty()) {
                user = accounts::User{.id = rows.Int(0, 0), .email = rows.Text(0, 1), .display_name = rows.Text(0, 2)};
            }
        }
    }
    if (wait > 0) {
        entry.outcome = "throttled";
        audit::Record(*service.database, entry, core::NowMs());
        return throttle::TooManyAttempts(wait, "detail.too_many_codes");
    }
    if (!user) {
        service.database->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            throttle::RecordFailure(connection, address_key, now, throttle::kAddressRule);
            entry.outcome = "failed";
            audit::Append(connection, entry, now);
        });
        return Invalid(secret.field, secret.error_code);
    }
    if (auto weak = accounts::CheckNewPassword(password, user->email, user->display_name))
        return Invalid("password", *weak);
    const std::string hash = service.hasher.Hash(password);
    const bool spent = service.database->Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        if (connection.Execute(secret.spend_sql, {std::string(digest), now}).affected_rows != 1) return false;
        accounts::SetPasswordHash(connection, user->id, hash, now);
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

}  // namespace ponte::authentication

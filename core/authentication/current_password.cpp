#include "core/authentication/current_password.hpp"

#include "core/feature.hpp"

namespace ponte::authentication {

throttle::LoginKeys OwnThrottleKeys(const accounts::User& user, const http::Request& request) {
    return throttle::LoginKeysFor(throttle::AccountName(user.email, user.id), audit::AddressOf(request.remote));
}

audit::Entry OwnEntry(const http::Request& request, std::string action, std::string outcome) {
    return core::AuditEntry(request, std::move(action), std::move(outcome), "auth.user", request.principal->user_id);
}

core::Outcome<bool> VerifyCurrentPassword(Service& service, const http::Request& request, const accounts::User& user,
                                          std::string_view action, std::string_view password,
                                          std::string_view wrong_outcome) {
    const throttle::LoginKeys keys = OwnThrottleKeys(user, request);
    if (const std::int64_t wait = throttle::LoginWait(*service.database->Acquire(), keys, core::NowMs()); wait > 0) {
        audit::Record(*service.database, OwnEntry(request, std::string(action), "throttled"), core::NowMs());
        return throttle::TooManyAttempts(wait);
    }
    bool verified = false;
    if (!user.password_hash.empty()) {
        verified = service.hasher.Verify(user.password_hash, password);
    } else {
        service.hasher.VerifyNothing(password);
    }
    if (!verified) {
        service.database->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            throttle::RecordLoginFailure(connection, keys, now);
            audit::Append(connection, OwnEntry(request, std::string(action), std::string(wrong_outcome)), now);
        });
    }
    return verified;
}

}  // namespace ponte::authentication

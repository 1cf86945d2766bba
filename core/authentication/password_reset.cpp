#include "core/authentication/password_reset.hpp"

#include "core/accounts/passwords.hpp"
#include "core/accounts/store.hpp"
#include "core/authentication/one_time.hpp"
#include "core/authentication/sessions.hpp"
#include "core/crypto/random.hpp"
#include "core/feature.hpp"
#include "core/http/client_address.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/i18n/catalogue.hpp"
#include "core/mail/mail.hpp"
#include "core/tenancy/store.hpp"
#include "core/throttle/throttle.hpp"

namespace ponte::authentication {
namespace {

using http::Schema;

using core::Failure;
using core::Fault;
using http::Method;
using http::Problem;
using http::ProblemKind;
using http::Reply;
using http::Request;
using http::Response;

constexpr std::string_view kDeleteUnused =
    "DELETE FROM authentication_password_resets WHERE user_id = $1 AND used_at IS NULL";
constexpr std::string_view kInsertReset =
    "INSERT INTO authentication_password_resets (digest, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kSelectReset =
    "SELECT r.user_id, COALESCE(u.email, ''), u.display_name FROM authentication_password_resets r "
    "JOIN accounts_users u ON u.id = r.user_id WHERE r.digest = $1 AND r.used_at IS NULL AND r.expires_at > $2 "
    "AND u.disabled = 0";
constexpr std::string_view kUseReset =
    "UPDATE authentication_password_resets SET used_at = $2 WHERE digest = $1 AND used_at IS NULL AND expires_at > $2";

// Asking for reset links: a few per account (no mail bombing), more per client address.
constexpr std::int64_t kQuarterHourMs = std::int64_t{15} * 60'000;
constexpr throttle::ThrottleRule kRequestsPerAccount{3, kQuarterHourMs, kQuarterHourMs};
constexpr throttle::ThrottleRule kRequestsPerAddress{20, kQuarterHourMs, kQuarterHourMs};

Reply RequestReset(Service& service, const Request& request) {
    http::JsonFields fields(request);
    auto email = fields.String("email");
    if (email && !accounts::LooksLikeEmail(accounts::NormalizeEmail(*email))) fields.Invalid("email", "format");
    if (auto problem = fields.Finish()) return *problem;
    const std::string normalized = accounts::NormalizeEmail(*email);
    const std::string account_key = "reset:" + normalized;
    const std::string address_key = "reset_address:" + http::NetworkOf(audit::AddressOf(request.remote));

    std::int64_t wait = 0;
    service.database->Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        wait = std::max(throttle::LockedFor(connection, account_key, now),
                        throttle::LockedFor(connection, address_key, now));
        audit::Entry entry = AuditEntry(request, "auth.password_reset.request", "");
        entry.resource_type = "auth.user";
        if (wait > 0) {
            entry.outcome = "throttled";
            audit::Append(connection, entry, now);
            return;
        }
        throttle::RecordFailure(connection, account_key, now, kRequestsPerAccount);
        throttle::RecordFailure(connection, address_key, now, kRequestsPerAddress);
        auto user = accounts::FindUserByEmail(connection, normalized);
        if (!user || user->disabled) {
            entry.outcome = "no_account";
            audit::Append(connection, entry, now);
            return;
        }
        // The link's address never comes from the request: a forged Host header would send her
        // token to someone else's site.
        if (service.options.public_url.empty()) {
            entry.outcome = "no_public_url";
            entry.resource_id = std::to_string(user->id);
            audit::Append(connection, entry, now);
            return;
        }
        const std::string token = crypto::RandomToken(32);
        connection.Execute(kDeleteUnused, {user->id});
        connection.Execute(kInsertReset, {crypto::Sha256Hex(token), user->id, now,
                                          now + service.options.password_reset_lifetime.count()});
        const auto& catalogue = i18n::Catalogue::Instance();
        const std::string locale(catalogue.Resolve(user->locale.empty() ? request.locale : user->locale));
        const std::string link = service.options.public_url + "/reset-password#" + token;
        const std::int64_t minutes =
            std::chrono::duration_cast<std::chrono::minutes>(service.options.password_reset_lifetime).count();
        const std::string body = catalogue.Format(locale, "mail.password_reset.body",
                                                  {{"name", user->display_name}, {"link", link}, {"minutes", minutes}});
        mail::Enqueue(connection, *service.keyring,
                      {user->email, catalogue.Translate(locale, "mail.password_reset.subject"), body}, now);
        entry.outcome = "sent";
        entry.resource_id = std::to_string(user->id);
        audit::Append(connection, entry, now);
    });
    if (wait > 0) return throttle::TooManyAttempts(wait, "detail.too_many_reset_requests");
    // The same answer whether or not the address has an account.
    return Response::Json(202, "{}");
}

Reply CompleteReset(Service& service, const Request& request) {
    http::JsonFields fields(request);
    auto token = fields.String("token");
    auto password = fields.String("password", http::Text::kSecret);
    if (auto problem = fields.Finish()) return *problem;
    auto outcome = SetPasswordWithSecret(
        service, request, {kSelectReset, kUseReset, "auth.password_reset.complete", "token", "invalid_token"},
        crypto::Sha256Hex(*token), *password, [](db::Connection& connection, const accounts::User& user, std::int64_t) {
            // A new password lifts a lockout that guesses at the old one caused.
            throttle::ClearFailures(connection, "account:" + user.email);
        });
    if (!outcome) return std::move(outcome.failure());
    Response response;
    response.status = 204;
    return response;
}

}  // namespace

void RegisterPasswordReset(core::Registry& registry, std::shared_ptr<Service> service) {
    registry.AddRoute(
        {.method = Method::kPost,
         .path = "/api/v1/auth/password-reset",
         .policy_action = std::string(policy::kPublic),
         .id = "requestPasswordReset",
         .summary = "Mail a one-time password reset link to the account with this address, if there is one",
         .tag = "auth",
         .request = Schema(R"({"type":"object","additionalProperties":false,"required":["email"],
                            "properties":{"email":{"type":"string","minLength":3,"maxLength":254}}})"),
         .response = Schema(R"({"type":"object"})"),
         .status = 202,
         .errors = {422, 429},
         .handler = Bind(service, &RequestReset)});
    http::Route complete{
        .method = Method::kPost,
        .path = "/api/v1/auth/password-reset/complete",
        .policy_action = std::string(policy::kPublic),
        .id = "completePasswordReset",
        .summary = "Set a new password with the token of a reset link; ends every session of the account",
        .tag = "auth",
        .request = Schema(R"({"type":"object","additionalProperties":false,"required":["token","password"],
                              "properties":{"token":{"type":"string","minLength":1,"maxLength":100},
                                "password":{"type":"string","minLength":1,"maxLength":1024}}})"),
        .status = 204,
        .errors = {422, 429},
        .handler = [service](const Request& request) { return CompleteReset(*service, request); }};
    complete.heavy = true;
    registry.AddRoute(std::move(complete));
}

}  // namespace ponte::authentication

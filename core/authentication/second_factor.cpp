#include "core/authentication/second_factor.hpp"

#include "core/accounts/store.hpp"
#include "core/authentication/current_password.hpp"
#include "core/authentication/sessions.hpp"
#include "core/authentication/totp.hpp"
#include "core/crypto/random.hpp"
#include "core/db/errors.hpp"
#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/i18n/catalogue.hpp"
#include "core/qr/qr.hpp"
#include "core/tenancy/store.hpp"
#include "core/throttle/throttle.hpp"

namespace ponte::authentication {
namespace {

// The table the TOTP secrets are sealed for (crypto::FieldContext): the one they were first kept
// in, before the table took the room's name; a secret bound to it opens under no other.
constexpr std::string_view kTotpContextTable = "auth_totp";

using http::Schema;

using core::Failure;
using core::Fault;
using http::Method;
using http::Problem;
using http::ProblemKind;
using http::Reply;
using http::Request;
using http::Response;

constexpr std::string_view kIssuer = "Ponte";

constexpr std::string_view kSelectTotp =
    "SELECT secret, confirmed_at, last_step FROM authentication_totp WHERE user_id = $1";
constexpr std::string_view kDeletePendingTotp =
    "DELETE FROM authentication_totp WHERE user_id = $1 AND confirmed_at IS NULL";
constexpr std::string_view kInsertTotp =
    "INSERT INTO authentication_totp (user_id, secret, created_at) VALUES ($1, $2, $3)";
constexpr std::string_view kConfirmTotp =
    "UPDATE authentication_totp SET confirmed_at = $2, last_step = $3 WHERE user_id = $1";
constexpr std::string_view kAdvanceTotp =
    "UPDATE authentication_totp SET last_step = $2 WHERE user_id = $1 AND last_step < $2";
constexpr std::string_view kDeleteRecoveryCodes = "DELETE FROM authentication_recovery_codes WHERE user_id = $1";
constexpr std::string_view kInsertRecoveryCode =
    "INSERT INTO authentication_recovery_codes (user_id, digest) VALUES ($1, $2)";
constexpr std::string_view kUseRecoveryCode =
    "UPDATE authentication_recovery_codes SET used_at = $3 WHERE user_id = $1 AND digest = $2 AND used_at IS NULL";

struct Totp {
    std::string secret;  // base32, opened
    bool confirmed = false;
    std::int64_t last_step = 0;
};

std::optional<Totp> ReadTotp(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t user_id) {
    auto rows = connection.Execute(kSelectTotp, {user_id});
    if (rows.empty()) return std::nullopt;
    return Totp{keyring.Open(rows.Text(0, 0), crypto::FieldContext(kTotpContextTable, "secret", user_id)),
                !rows.IsNull(0, 1), rows.Int(0, 2)};
}

// Passing the second factor raises what the session may do, so it gets a new id (and CSRF
// token): an id seen before this moment is worth nothing after it.
NewSession RaiseSession(db::Connection& connection, const Service& service, const Request& request,
                        const policy::Principal& principal, std::int64_t now) {
    EndSession(connection, principal.session_digest);
    NewSession session =
        CreateSession(connection, principal.user_id, now, service.options.sessions, audit::AddressOf(request.remote),
                      request.headers.Get("User-Agent").value_or(""));
    MarkSecondFactorPassed(connection, crypto::Sha256Hex(session.id), now);
    return session;
}

// Replaces the user's recovery codes with new ones; returns them (shown once, stored as digests).
std::vector<std::string> ReplaceRecoveryCodes(db::Connection& connection, std::int64_t user_id) {
    connection.Execute(kDeleteRecoveryCodes, {user_id});
    auto codes = NewRecoveryCodes(kRecoveryCodeCount);
    for (const auto& code : codes) connection.Execute(kInsertRecoveryCode, {user_id, crypto::Sha256Hex(code)});
    return codes;
}

Response CodesResponse(int status, const std::vector<std::string>& codes) {
    boost::json::array items(codes.begin(), codes.end());
    return Response::Json(status, boost::json::serialize(boost::json::object{{"recovery_codes", std::move(items)}}));
}

core::Failure WrongCode() {
    Failure problem{Fault::kInvalidFields};
    problem.errors.push_back({"code", "wrong_code"});
    return problem;
}

// The `code` field of a body its schema accepted.
core::Outcome<std::string> DecodeCode(const http::Request& request) {
    http::JsonFields fields(request);
    auto code = fields.String("code");
    if (auto problem = fields.Finish()) return *problem;
    return *code;
}

Reply StartEnrolment(Service& service, const Request& request) {
    const std::int64_t user_id = request.principal->user_id;
    struct Started {
        std::string secret;
        std::string account;
    };
    std::optional<Started> started;
    try {
        started = service.database->Transact([&](db::Connection& connection) -> std::optional<Started> {
            if (auto existing = connection.Execute(kSelectTotp, {user_id});
                !existing.empty() && !existing.IsNull(0, 1)) {
                return std::nullopt;
            }
            const std::int64_t now = core::NowMs();
            connection.Execute(kDeletePendingTotp, {user_id});
            std::string secret = NewTotpSecret();
            connection.Execute(
                kInsertTotp,
                {user_id, service.keyring->Seal(secret, crypto::FieldContext(kTotpContextTable, "secret", user_id)),
                 now});
            auto user = accounts::FindUser(connection, user_id);
            audit::Entry entry = AuditEntry(request, "auth.totp.enrol", "started");
            entry.resource_type = "auth.user";
            entry.resource_id = std::to_string(user_id);
            audit::Append(connection, entry, now);
            return Started{std::move(secret),
                           user && !user->email.empty() ? user->email : request.principal->display_name};
        });
    } catch (const db::UniqueViolation&) {
        // Another request of hers started one at the same moment.
        return Failure{Fault::kConflict, "", "enrolment started concurrently"};
    }
    if (!started) return Failure{Fault::kConflict, "detail.totp_enrolled"};
    const std::string uri = OtpauthUri(kIssuer, started->account, started->secret);
    return Response::Json(
        201, boost::json::serialize(boost::json::object{
                 {"secret", started->secret},
                 {"otpauth_uri", uri},
                 {"qr_svg", qr::Svg(uri, i18n::Catalogue::Instance().Translate(request.locale, "label.totp_qr"))}}));
}

// Outcome of checking a code inside a transaction: what to answer.
enum class Check { kOk, kOkRecoveryCode, kWrong, kNoEnrolment };

// Adding a second factor to a session that is fully signed in (hers by choice) asks for her
// password: whoever picks up her unlocked phone cannot tie her account to their own app and so
// lock her out. At the second step of a sign-in she has just given it.
std::optional<Failure> CheckPasswordToAddFactor(Service& service, const Request& request,
                                                const std::optional<std::string>& password) {
    const auto& principal = *request.principal;
    if (principal.second_factor_due) return std::nullopt;
    auto user = accounts::FindUser(*service.database->Acquire(), principal.user_id);
    if (!user || user->password_hash.empty()) return std::nullopt;
    Failure problem{Fault::kInvalidFields};
    if (!password) {
        problem.errors.push_back({"current_password", "required"});
        return problem;
    }
    auto checked = VerifyCurrentPassword(service, request, *user, "auth.totp.confirm", *password, "wrong_password");
    if (!checked) return std::move(checked.failure());
    if (checked.value()) return std::nullopt;
    problem.errors.push_back({"current_password", "wrong_password"});
    return problem;
}

Reply ConfirmEnrolment(Service& service, const Request& request) {
    http::JsonFields fields(request);
    auto code = fields.String("code");
    auto password = fields.String("current_password", http::Text::kSecret);
    if (auto problem = fields.Finish()) return *problem;
    if (auto refused = CheckPasswordToAddFactor(service, request, password)) return *refused;
    const auto& principal = *request.principal;
    const std::string key = throttle::SecondFactorKey(principal.user_id);
    std::vector<std::string> codes;
    std::optional<NewSession> raised;
    std::int64_t wait = 0;
    const Check check = service.database->Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        if ((wait = throttle::LockedFor(connection, key, now)) > 0) return Check::kWrong;
        auto totp = ReadTotp(connection, *service.keyring, principal.user_id);
        if (!totp || totp->confirmed) return Check::kNoEnrolment;
        audit::Entry entry = AuditEntry(request, "auth.totp.confirm", "");
        auto step = MatchTotp(totp->secret, *code, now / 1000, 0);
        if (!step) {
            throttle::RecordFailure(connection, key, now, throttle::kSecondFactorRule);
            entry.outcome = "failed";
            audit::Append(connection, entry, now);
            return Check::kWrong;
        }
        connection.Execute(kConfirmTotp, {principal.user_id, now, *step});
        codes = ReplaceRecoveryCodes(connection, principal.user_id);
        raised = RaiseSession(connection, service, request, principal, now);
        throttle::ClearFailures(connection, key);
        entry.outcome = "ok";
        audit::Append(connection, entry, now);
        return Check::kOk;
    });
    if (wait > 0) return throttle::TooManyAttempts(wait, "detail.second_factor_locked_out");
    if (check == Check::kNoEnrolment) return Failure{Fault::kConflict, "detail.no_totp_enrolment"};
    if (check == Check::kWrong) return WrongCode();
    Response response = CodesResponse(200, codes);
    response.headers.Add("Set-Cookie", SessionCookie(service.options.sessions, raised->id));
    return response;
}

Reply PassSecondFactor(Service& service, const Request& request) {
    auto code = DecodeCode(request);
    if (!code) return std::move(code.failure());
    const auto& principal = *request.principal;
    const std::string key = throttle::SecondFactorKey(principal.user_id);
    std::int64_t wait = 0;
    std::optional<NewSession> raised;
    const Check check = service.database->Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        audit::Entry entry = AuditEntry(request, "auth.second_factor", "");
        entry.resource_type = "auth.user";
        entry.resource_id = std::to_string(principal.user_id);
        if ((wait = throttle::LockedFor(connection, key, now)) > 0) {
            entry.outcome = "throttled";
            audit::Append(connection, entry, now);
            return Check::kWrong;
        }
        auto totp = ReadTotp(connection, *service.keyring, principal.user_id);
        if (!totp || !totp->confirmed) return Check::kNoEnrolment;
        Check result = Check::kWrong;
        if (auto step = MatchTotp(totp->secret, code.value(), now / 1000, totp->last_step)) {
            // The conditional update makes two concurrent uses of one code count once.
            if (connection.Execute(kAdvanceTotp, {principal.user_id, *step}).affected_rows == 1) result = Check::kOk;
        } else if (auto recovery = NormalizeRecoveryCode(code.value())) {
            if (connection.Execute(kUseRecoveryCode, {principal.user_id, crypto::Sha256Hex(*recovery), now})
                    .affected_rows == 1) {
                result = Check::kOkRecoveryCode;
            }
        }
        if (result == Check::kWrong) {
            throttle::RecordFailure(connection, key, now, throttle::kSecondFactorRule);
            entry.outcome = "failed";
        } else {
            raised = RaiseSession(connection, service, request, principal, now);
            throttle::ClearFailures(connection, key);
            entry.outcome = result == Check::kOk ? "ok" : "ok_recovery_code";
        }
        audit::Append(connection, entry, now);
        return result;
    });
    if (wait > 0) return throttle::TooManyAttempts(wait, "detail.second_factor_locked_out");
    if (check == Check::kNoEnrolment) return Failure{Fault::kConflict, "detail.no_totp_enrolment"};
    if (check == Check::kWrong) return WrongCode();
    return SignedIn(service, raised->id);
}

// New recovery codes need a fresh code from the app: a stolen session alone cannot mint codes
// that would let its thief pass the second factor later.
Reply RenewRecoveryCodes(Service& service, const Request& request) {
    auto code = DecodeCode(request);
    if (!code) return std::move(code.failure());
    const std::int64_t user_id = request.principal->user_id;
    const std::string key = throttle::SecondFactorKey(user_id);
    std::vector<std::string> codes;
    std::int64_t wait = 0;
    const Check check = service.database->Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        if ((wait = throttle::LockedFor(connection, key, now)) > 0) return Check::kWrong;
        auto totp = ReadTotp(connection, *service.keyring, user_id);
        if (!totp || !totp->confirmed) return Check::kNoEnrolment;
        audit::Entry entry = AuditEntry(request, "auth.recovery_codes.renew", "");
        auto step = MatchTotp(totp->secret, code.value(), now / 1000, totp->last_step);
        if (!step || connection.Execute(kAdvanceTotp, {user_id, *step}).affected_rows != 1) {
            throttle::RecordFailure(connection, key, now, throttle::kSecondFactorRule);
            entry.outcome = "failed";
            audit::Append(connection, entry, now);
            return Check::kWrong;
        }
        codes = ReplaceRecoveryCodes(connection, user_id);
        entry.outcome = "ok";
        audit::Append(connection, entry, now);
        return Check::kOk;
    });
    if (wait > 0) return throttle::TooManyAttempts(wait, "detail.second_factor_locked_out");
    if (check == Check::kNoEnrolment) return Failure{Fault::kConflict, "detail.no_totp_enrolment"};
    if (check == Check::kWrong) return WrongCode();
    return CodesResponse(201, codes);
}

constexpr std::string_view kCodeSchema = R"({"type":"object","additionalProperties":false,"required":["code"],
    "properties":{"code":{"type":"string","minLength":1,"maxLength":64}}})";
constexpr std::string_view kCodesSchema = R"({"type":"object","required":["recovery_codes"],
    "properties":{"recovery_codes":{"type":"array","items":{"type":"string"}}}})";

}  // namespace

void RegisterSecondFactor(core::Registry& registry, std::shared_ptr<Service> service) {
    registry.AddSealedColumn({"authentication_totp", "user_id", "secret", std::string(kTotpContextTable)});
    registry.AddRoute({.method = Method::kPost,
                       .path = "/api/v1/auth/totp/enrolment",
                       .policy_action = std::string(policy::kSigningIn),
                       .id = "startTotpEnrolment",
                       .summary = "Start setting up two-step sign-in: a new TOTP key, as text, otpauth URI and QR code",
                       .tag = "auth",
                       .response = Schema(R"({"type":"object","required":["secret","otpauth_uri","qr_svg"]})"),
                       .status = 201,
                       .errors = {401, 403, 409},
                       .handler = Bind(service, &StartEnrolment)});
    registry.AddRoute({.method = Method::kPost,
                       .path = "/api/v1/auth/totp/enrolment/confirm",
                       .policy_action = std::string(policy::kSigningIn),
                       .id = "confirmTotpEnrolment",
                       .summary =
                           "Finish setting up two-step sign-in with a first code; answers the recovery codes, once. "
                           "A fully signed-in session (one adding a factor it does not need) also gives the "
                           "current password",
                       .tag = "auth",
                       .request = Schema(R"({"type":"object","additionalProperties":false,"required":["code"],
                            "properties":{"code":{"type":"string","minLength":1,"maxLength":64},
                              "current_password":{"type":"string","minLength":1,"maxLength":1024}}})"),
                       .response = Schema(kCodesSchema),
                       .errors = {401, 403, 409, 422, 429},
                       .handler = Bind(service, &ConfirmEnrolment),
                       .heavy = true});
    registry.AddRoute({.method = Method::kPost,
                       .path = "/api/v1/auth/second-factor",
                       .policy_action = std::string(policy::kSigningIn),
                       .id = "passSecondFactor",
                       .summary = "The second step of signing in: a TOTP code or an unused recovery code",
                       .tag = "auth",
                       .request = Schema(kCodeSchema),
                       .response = SessionSchema(),
                       .errors = {401, 403, 409, 422, 429},
                       .handler = Bind(service, &PassSecondFactor)});
    registry.AddRoute({.method = Method::kPost,
                       .path = "/api/v1/auth/recovery-codes",
                       .policy_action = std::string(policy::kSignedIn),
                       .id = "renewRecoveryCodes",
                       .summary =
                           "Replace the recovery codes with ten new ones, given a current code from the app (the old "
                           "ones stop working)",
                       .tag = "auth",
                       .request = Schema(kCodeSchema),
                       .response = Schema(kCodesSchema),
                       .status = 201,
                       .errors = {401, 403, 409, 422, 429},
                       .handler = Bind(service, &RenewRecoveryCodes)});
}

}  // namespace ponte::authentication

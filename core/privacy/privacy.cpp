#include "core/privacy/privacy.hpp"

#include <algorithm>

#include "core/audit/audit.hpp"
#include "core/auth/auth.hpp"
#include "core/auth/resources.hpp"
#include "core/auth/service.hpp"
#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/jobs/jobs.hpp"
#include "core/privacy/retention.hpp"

namespace ponte::privacy {
namespace {

using http::Method;
using http::Problem;
using http::ProblemKind;
using http::Reply;
using http::Request;
using http::Response;
using policy::Role;
using policy::Scope;

constexpr std::string_view kReadAction = "privacy.consent.read";
constexpr std::string_view kRecordAction = "privacy.consent.record";

constexpr std::string_view kLatest =
    "SELECT given FROM privacy_consents WHERE user_id = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1";
constexpr std::string_view kInsert =
    "INSERT INTO privacy_consents (user_id, purpose, given, method, recorded_at, recorded_by) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kHistory =
    "SELECT purpose, given, method, recorded_at, recorded_by FROM privacy_consents WHERE user_id = $1 ORDER BY id";
constexpr std::string_view kPersonExists = "SELECT 1 FROM auth_users WHERE id = $1";
constexpr std::string_view kAuditAbout =
    "SELECT seq, at, actor_user_id, action, outcome, resource_type, resource_id, remote FROM audit_log "
    "WHERE actor_user_id = $1 OR (resource_type = 'auth.user' AND resource_id = $2) ORDER BY seq";

boost::json::array History(db::Connection& connection, std::int64_t user_id) {
    auto rows = connection.Execute(kHistory, {user_id});
    boost::json::array out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back({{"purpose", rows.Text(row, 0)},
                       {"given", rows.Int(row, 1) != 0},
                       {"method", rows.Text(row, 2)},
                       {"recorded_at", rows.Int(row, 3)},
                       {"recorded_by", rows.IsNull(row, 4) ? boost::json::value(nullptr) : rows.Int(row, 4)}});
    }
    return out;
}

audit::Entry Entry(const Request& request, std::string_view action, std::string outcome, std::int64_t user_id) {
    audit::Entry entry = core::AuditEntry(request, std::string(action), std::move(outcome));
    entry.resource_type = "auth.user";
    entry.resource_id = std::to_string(user_id);
    return entry;
}

// True when she holds a staff role in `organization_id` (0: in any organization).
bool IsStaffIn(const auth::UserFacts& user, std::int64_t organization_id) {
    return std::any_of(user.memberships.begin(), user.memberships.end(), [&](const policy::Membership& m) {
        return policy::IsStaff(m.role) && (organization_id == 0 || m.organization_id == organization_id);
    });
}

// Staff reach her consents through an organization that serves her, one where she holds no staff
// role: a colleague's consents are her own business. Anyone reaches her own.
bool Reaches(const policy::Policy& policy, const policy::Principal& principal, std::string_view action,
             const auth::UserFacts& user) {
    if (user.id == principal.user_id || !IsStaffIn(user, 0)) {
        return auth::PermitsOnUser(policy, principal, action, user);
    }
    return std::any_of(user.organizations.begin(), user.organizations.end(), [&](const policy::Resource& org) {
        return !IsStaffIn(user, org.organization_id) && policy.Permits(&principal, action, org);
    });
}

// The person named in the path, if the caller may take `action` about her; else 404, the same
// for a person out of reach as for one who does not exist (both audited).
core::Outcome<auth::UserFacts> Person(db::Database& database, const policy::Policy& policy, const Request& request,
                                      std::string_view action) {
    auto id = core::ParseId(request.Param("user_id"));
    std::optional<auth::UserFacts> user;
    if (id) user = auth::LoadUserFacts(*database.Acquire(), *id);
    if (!user) return core::NotFoundAudited(database, Entry(request, action, "not_found", id.value_or(0)));
    if (!Reaches(policy, *request.principal, action, *user)) {
        return core::NotFoundAudited(database, Entry(request, action, "denied", user->id));
    }
    return *user;
}

Reply ListConsents(db::Database& database, const core::Registry& registry, const Request& request) {
    auto person = Person(database, registry.policy(), request, kReadAction);
    if (!person) return std::move(person.failure());
    const std::int64_t user_id = person.value().id;
    db::Lease connection = database.Acquire();
    boost::json::array history = History(*connection, user_id);
    boost::json::array purposes;
    for (const auto& [purpose, description] : registry.consent_purposes()) {
        boost::json::value given = nullptr;  // never asked
        for (const auto& decision : history) {
            if (decision.at("purpose").as_string() == purpose) given = decision.at("given");
        }
        purposes.push_back({{"purpose", purpose}, {"description", description}, {"given", given}});
    }
    audit::Record(database, Entry(request, kReadAction, "ok", user_id), core::NowMs());
    return Response::Json(200, boost::json::serialize(boost::json::object{{"purposes", std::move(purposes)},
                                                                          {"history", std::move(history)}}));
}

Reply PostConsent(db::Database& database, const core::Registry& registry, const Request& request) {
    auto person = Person(database, registry.policy(), request, kRecordAction);
    if (!person) return std::move(person.failure());
    const std::int64_t user_id = person.value().id;
    http::JsonFields fields(request);
    auto purpose = fields.String("purpose");
    auto given = fields.Bool("given");
    auto method = fields.String("method");
    if (purpose && !registry.consent_purposes().contains(*purpose)) fields.Invalid("purpose", "format");
    const std::string how = method.value_or(user_id == request.principal->user_id ? "online" : "");
    if (how != "online" && how != "paper" && how != "verbal") fields.Invalid("method", "format");
    // Her own decision is made online; staff record only what she decided on paper or by voice.
    const bool own = user_id == request.principal->user_id;
    if (own != (how == "online")) fields.Invalid("method", "format");
    if (auto problem = fields.Finish()) return *problem;
    database.Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        RecordConsent(connection, user_id, *purpose, *given, how, request.principal->user_id, now);
        audit::Entry entry = Entry(request, kRecordAction, "ok", user_id);
        entry.detail =
            boost::json::serialize(boost::json::object{{"purpose", *purpose}, {"given", *given}, {"method", how}});
        audit::Append(connection, entry, now);
    });
    return Response::Json(
        201, boost::json::serialize(boost::json::object{{"purpose", *purpose}, {"given", *given}, {"method", how}}));
}

boost::json::value ExportAudit(db::Connection& connection, std::int64_t person) {
    auto rows = connection.Execute(kAuditAbout, {person, std::to_string(person)});
    boost::json::array out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back({{"seq", rows.Int(row, 0)},
                       {"at", rows.Int(row, 1)},
                       {"by_this_person", !rows.IsNull(row, 2) && rows.Int(row, 2) == person},
                       {"action", rows.Text(row, 3)},
                       {"outcome", rows.Text(row, 4)},
                       {"resource_type", rows.Text(row, 5)},
                       {"resource_id", rows.Text(row, 6)},
                       // Addresses of requests by others (staff) are theirs, not hers.
                       {"address", !rows.IsNull(row, 2) && rows.Int(row, 2) == person ? rows.Text(row, 7) : ""}});
    }
    return out;
}

void RequirePerson(db::Connection& connection, std::int64_t person) {
    if (connection.Execute(kPersonExists, {person}).empty()) {
        throw std::invalid_argument("no person with id " + std::to_string(person));
    }
}

}  // namespace

bool HasConsent(db::Connection& connection, std::int64_t user_id, std::string_view purpose) {
    auto rows = connection.Execute(kLatest, {user_id, std::string(purpose)});
    return !rows.empty() && rows.Int(0, 0) != 0;
}

void RecordConsent(db::Connection& connection, std::int64_t user_id, std::string_view purpose, bool given,
                   std::string_view method, std::int64_t recorded_by, std::int64_t now_ms) {
    connection.Execute(kInsert, {user_id, std::string(purpose), std::int64_t{given ? 1 : 0}, std::string(method),
                                 now_ms, db::NullIfZero(recorded_by)});
}

boost::json::object ExportPerson(db::Database& database, const core::Registry& registry, std::int64_t person_id,
                                 std::int64_t now_ms) {
    const Context context{registry.keyring_or_null(), now_ms};
    return database.Transact([&](db::Connection& connection) {
        RequirePerson(connection, person_id);
        boost::json::array sources;
        for (const auto& source : registry.personal_data()) {
            sources.push_back({{"name", source.name},
                               {"description", source.description},
                               {"data", source.exporter(connection, person_id, context)}});
        }
        audit::Append(connection,
                      {.action = "privacy.export",
                       .outcome = "ok",
                       .resource_type = "auth.user",
                       .resource_id = std::to_string(person_id)},
                      now_ms);
        return boost::json::object{{"format", "ponte.person-export/1"},
                                   {"person_id", person_id},
                                   {"exported_at", now_ms},
                                   {"sources", std::move(sources)},
                                   {"retention", RetentionJson()}};
    });
}

ErasureReport ErasePerson(db::Database& database, const core::Registry& registry, std::int64_t person_id,
                          std::int64_t now_ms) {
    const Context context{registry.keyring_or_null(), now_ms};
    return database.Transact([&](db::Connection& connection) {
        RequirePerson(connection, person_id);
        ErasureReport report;
        // Later modules first: they may need what earlier ones hold (an email, a membership).
        const auto& sources = registry.personal_data();
        for (std::size_t i = sources.size(); i-- > 0;) {
            const auto& source = sources[i];
            if (source.eraser) {
                source.eraser(connection, person_id, context);
                report.erased.push_back(source.name);
            }
            if (!source.retention.empty()) report.kept.push_back(source.name + ": " + source.retention);
        }
        boost::json::array erased(report.erased.begin(), report.erased.end());
        audit::Append(connection,
                      {.action = "privacy.erase",
                       .outcome = "ok",
                       .resource_type = "auth.user",
                       .resource_id = std::to_string(person_id),
                       .detail = boost::json::serialize(boost::json::object{{"sources", std::move(erased)}})},
                      now_ms);
        return report;
    });
}

void Register(core::Registry& registry) {
    registry.AddMigrations(db::LoadEmbeddedMigrations("privacy", "core/privacy/migrations/"));
    registry.DeclareNoPersonalData("schema_migrations", "which database migrations ran, and when");
    registry.DeclareNoPersonalData("audit_head", "the last sequence number and hash of the audit log");
    registry.AddPersonalData(
        {.name = "audit.log",
         .description = "Audit log entries of what the person did and of what was done to her account: when, "
                        "which action, its outcome and from which address.",
         .tables = {"audit_log"},
         .exporter = [](db::Connection& connection, std::int64_t person,
                        const Context&) { return ExportAudit(connection, person); },
         .retention = "The audit log is append-only and hash-chained, kept to account for every access to "
                      "personal data; after erasure its entries name an anonymized account number, with the network "
                      "address of each request she made, kept as security records for their retention period."});
    registry.AddPersonalData(
        {.name = "privacy.consents",
         .description = "Every consent the person gave or withdrew: purpose, decision, how and by whom it was "
                        "recorded, and when.",
         .tables = {"privacy_consents"},
         .exporter = [](db::Connection& connection, std::int64_t person, const Context&) -> boost::json::value {
             return History(connection, person);
         },
         .retention = "Consent decisions are kept as proof of lawful processing; after erasure they name only an "
                      "anonymized account number."});

    std::vector<policy::Grant> grants;
    for (Role role : policy::kAllRoles) grants.push_back({role, Scope::kOwn});
    for (Role role : {Role::kCaseWorker, Role::kCoordinator, Role::kOrgAdmin})
        grants.push_back({role, Scope::kOrganization});
    grants.push_back({Role::kPlatformAdmin, Scope::kPlatform});
    registry.policy().Declare(std::string(kReadAction), grants);
    registry.policy().Declare(std::string(kRecordAction), grants);

    db::Database* database = registry.database_or_null();
    const core::Registry* r = &registry;
    registry.AddJobHandler(std::string(kRetentionJobKind),
                           [r](const std::string&) { RunRetention(r->database(), jobs::SystemNowMs()); });
    registry.AddRoute(
        {.method = Method::kGet,
         .path = "/api/v1/users/{user_id}/consents",
         .policy_action = std::string(kReadAction),
         .id = "listConsents",
         .summary = "A person's consent for each declared purpose, and the history of her decisions",
         .tag = "privacy",
         .response = boost::json::parse(R"({"type":"object","required":["purposes","history"]})"),
         .errors = {401, 403, 404},
         .handler = [database, r](const Request& request) { return ListConsents(*database, *r, request); }});
    registry.AddRoute(
        {.method = Method::kPost,
         .path = "/api/v1/users/{user_id}/consents",
         .policy_action = std::string(kRecordAction),
         .id = "recordConsent",
         .summary =
             "Record that a person gives or withdraws consent for a purpose (staff record paper or verbal decisions)",
         .tag = "privacy",
         .request = boost::json::parse(R"({"type":"object","additionalProperties":false,"required":["purpose","given"],
              "properties":{"purpose":{"type":"string","minLength":1,"maxLength":100},"given":{"type":"boolean"},
                "method":{"type":"string","enum":["online","paper","verbal"]}}})"),
         .response = boost::json::parse(R"({"type":"object","required":["purpose","given","method"]})"),
         .status = 201,
         .errors = {401, 403, 404, 422},
         .handler = [database, r](const Request& request) { return PostConsent(*database, *r, request); }});
}

}  // namespace ponte::privacy

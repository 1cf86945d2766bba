// The route table seen from outside: every route is in the OpenAPI document and in the
// authorization matrix. A new route that is in neither makes these tests fail.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <regex>

#include "app/app.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/matrix.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::app {
namespace {

std::string Lower(std::string_view method) {
    std::string out(method);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// All routes the binary can serve, test routes included.
std::vector<http::Route> AllRoutes() {
    core::Registry registry({.test_routes = true});
    RegisterAll(registry);
    registry.Finalize();
    return registry.router().routes();
}

class RoutesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        directory_ = testing::MakeTempDirectory();
        url_ = testing::ApiDatabaseUrl(directory_);
        server_ = std::make_unique<testing::ServerProcess>(url_);
    }
    void TearDown() override {
        server_.reset();
        std::filesystem::remove_all(directory_);
    }
    std::filesystem::path directory_;
    std::string url_;
    std::unique_ptr<testing::ServerProcess> server_;
};

TEST_F(RoutesTest, OpenApi_DescribesEveryRoute) {
    auto response = testing::HttpClient(server_->port()).Get("/api/v1/openapi.json");
    ASSERT_EQ(response.status, 200);
    auto document = response.Json().as_object();
    EXPECT_EQ(document.at("openapi"), "3.1.0");
    const auto& paths = document.at("paths").as_object();
    std::set<std::string> ids;
    for (const auto& route : AllRoutes()) {
        const auto* item = paths.if_contains(route.path);
        ASSERT_NE(item, nullptr) << "route missing from OpenAPI: " << route.path;
        const auto* operation = item->as_object().if_contains(Lower(http::MethodName(route.method)));
        ASSERT_NE(operation, nullptr) << http::MethodName(route.method) << " " << route.path;
        EXPECT_EQ(operation->at("operationId").as_string(), route.id);
        EXPECT_FALSE(operation->at("summary").as_string().empty());
        EXPECT_TRUE(operation->at("responses").as_object().contains("default"));
        EXPECT_TRUE(ids.insert(route.id).second) << "duplicate operationId " << route.id;
    }
}

// Every part of a request body is bounded and named by its route's schema, the one that checks it:
// objects list their properties and take no others, strings and arrays have a maximum length.
void ExpectBounded(const boost::json::value& schema, const std::string& where) {
    const auto& node = schema.as_object();
    const auto* type = node.if_contains("type");
    const std::string_view kind = type && type->is_string() ? std::string_view(type->as_string()) : "";
    if (kind == "object") {
        ASSERT_TRUE(node.contains("additionalProperties") && node.at("additionalProperties") == false)
            << where << ": an object schema must refuse unknown properties";
        ASSERT_TRUE(node.contains("properties")) << where;
        for (const auto& [name, property] : node.at("properties").as_object()) {
            ExpectBounded(property, where + "." + std::string(name));
        }
    } else if (kind == "string") {
        EXPECT_TRUE(node.contains("maxLength") || node.contains("enum")) << where << ": a string needs a maxLength";
    } else if (kind == "array") {
        EXPECT_TRUE(node.contains("maxItems")) << where << ": an array needs a maxItems";
        ExpectBounded(node.at("items"), where + "[]");
    } else {
        EXPECT_TRUE(kind == "integer" || kind == "boolean" || kind == "number" || node.contains("enum"))
            << where << ": every property says its type";
    }
}

TEST(RouteSchemas, EveryRequestBody_IsBoundedByItsSchema) {
    for (const auto& route : AllRoutes()) {
        if (route.TakesJson()) ExpectBounded(route.request, route.id);
    }
}

// The authorization matrix: for every route, the expected outcome for each actor, on a record of
// the actor's own organization, on one of a foreign organization and, for records with a team, on
// one of the own organization that the actor is not assigned to (testing::MatrixRow). Core's
// rows are here; each module declares its own beside its API tests (core/testing/matrix.hpp). A
// route without a row fails the test, so each new endpoint brings its row.
using testing::kEveryone;
using testing::kSignedIn;
using testing::MatrixRow;

// The route's path with its record ids filled in: those of records of the own or the foreign
// organization (a new record for each request, made as `reach` says); other parameters get a
// placeholder.
std::string RecordPath(std::string path, testing::Identities& world, db::Database& database, testing::Reach reach) {
    const bool foreign = reach == testing::Reach::kForeign;
    const auto record = world.NewRecord(foreign);
    const std::map<std::string, std::string> ids = {
        {"organization_id", std::to_string(foreign ? world.foreign_organization : world.own_organization)},
        {"user_id", std::to_string(record.user_id)},
        {"membership_id", std::to_string(record.membership_id)},
        {"network_id", std::to_string(foreign ? world.foreign_network : world.own_network)},
    };
    for (auto open = path.find('{'); open != std::string::npos; open = path.find('{')) {
        const auto close = path.find('}', open);
        const std::string name = path.substr(open + 1, close - open - 1);
        auto id = ids.find(name);
        const auto& factories = testing::DeclaredMatrixRows().records;
        auto factory = factories.find(name);
        std::string value = "x";
        if (id != ids.end()) {
            value = id->second;
        } else if (factory != factories.end()) {
            value = factory->second(world, database, reach).text;
        }
        path.replace(open, close - open + 1, value);
    }
    return path;
}

// The route's path with ids of records that do not exist.
std::string MissingRecordPath(std::string path) {
    for (auto open = path.find('{'); open != std::string::npos; open = path.find('{')) {
        path.replace(open, path.find('}', open) - open + 1, "987654321");
    }
    return path;
}

const std::map<std::string, MatrixRow, std::less<>> kCoreMatrix = {
    {"getHealth", {std::string(kEveryone), ""}},
    {"getMetrics", {std::string(kEveryone), ""}},
    {"getOpenApi", {std::string(kEveryone), ""}},
    {"getMeta", {std::string(kEveryone), ""}},
    {"login", {std::string(kEveryone), ""}},
    {"getSession", {std::string(kSignedIn), ""}},
    {"logout", {std::string(kSignedIn), ""}},
    {"logoutEverywhere", {std::string(kSignedIn), ""}},
    {"setLocale", {std::string(kSignedIn), ""}},
    {"startTotpEnrolment", {std::string(kSignedIn), ""}},
    {"confirmTotpEnrolment", {std::string(kSignedIn), ""}},
    {"passSecondFactor", {std::string(kSignedIn), ""}},
    {"renewRecoveryCodes", {std::string(kSignedIn), ""}},
    {"changePassword", {std::string(kSignedIn), ""}},
    {"listOwnSessions", {std::string(kSignedIn), ""}},
    // The placeholder id names no session of the caller's, so everyone is answered as for a missing
    // one; ending her own sessions, and a foreign id answered like a missing one, are in
    // core/authentication/own_account_apitest.cpp.
    {"endOwnSession", {"DDDDDDDDDD", "DDDDDDDDDD"}},
    {"endOtherOwnSessions", {std::string(kSignedIn), ""}},
    {"listMemberships", {"DDDDDDAAAA", "DDDDDDDDDA"}},
    {"createMembership", {"DDDDDDDADA", "DDDDDDDDDA", R"({"user_id":{user_id},"role":"mentor"})"}},
    {"createMembershipInvitation", {"DDDDADAADA", "DDDDDDDDDA"}},
    {"acceptMembershipInvitation", {std::string(kSignedIn), ""}},
    {"deleteMembership", {"DDDDDDDADA", "DDDDDDDDDA"}},
    {"createUser", {"DDDDADAADA", "DDDDDDDDDA"}},
    {"reinviteUser", {"DDDDADAADA", "DDDDDDDDDA"}},
    {"disableUser", {"DDDDDDDADA", "DDDDDDDDDA"}},
    {"enableUser", {"DDDDDDDADA", "DDDDDDDDDA"}},
    {"acceptInvitation", {std::string(kEveryone), ""}},
    {"requestPasswordReset", {std::string(kEveryone), ""}},
    {"listOrganizations", {std::string(kSignedIn), ""}},
    {"getOrganization", {"DAAAAAAAAA", "DDDDDDDDDA"}},
    {"createOrganization", {"DDDDDDDDDA", ""}},
    {"listNetworks", {"DDDDDDDDAA", ""}},
    {"createNetwork", {"DDDDDDDDDA", ""}},
    {"addNetworkOrganization", {"DDDDDDDDDA", "DDDDDDDDDA", R"({"organization_id":{organization_id}})"}},
    {"removeNetworkOrganization", {"DDDDDDDDDA", "DDDDDDDDDA"}},
    {"completePasswordReset", {std::string(kEveryone), ""}},
    {"createProbeWrite", {std::string(kEveryone), ""}},
    {"getProbeWrite", {std::string(kEveryone), ""}},
    {"getProbeWriteAudited", {std::string(kEveryone), ""}},
    {"probeSleep", {std::string(kEveryone), ""}},
};

// Core's rows and every module's.
const MatrixRow* RowOf(std::string_view id) {
    if (auto row = kCoreMatrix.find(id); row != kCoreMatrix.end()) return &row->second;
    const auto& declared = testing::DeclaredMatrixRows().rows;
    if (auto row = declared.find(id); row != declared.end()) return &row->second;
    return nullptr;
}

TEST_F(RoutesTest, AuthorizationMatrix_CoversEveryRouteAndHolds) {
    auto database = db::Database::Open(url_);
    testing::Identities world(*database);
    ASSERT_EQ(world.actors().size(), kEveryone.size());
    testing::HttpClient client(server_->port());
    std::size_t checked = 0;
    for (const auto& route : AllRoutes()) {
        const MatrixRow* row = RowOf(route.id);
        ASSERT_NE(row, nullptr) << "route not in the authorization matrix: " << route.id;
        ASSERT_EQ(row->own.size(), world.actors().size()) << route.id;
        const bool has_record = route.path.find('{') != std::string::npos && route.policy_action != "public";
        ASSERT_EQ(row->foreign.empty(), !has_record) << route.id << ": foreign column iff a record";
        bool names_team_record = false;
        for (const auto& parameter : testing::DeclaredMatrixRows().with_team) {
            names_team_record |= route.path.find("{" + parameter + "}") != std::string::npos;
        }
        ASSERT_EQ(row->unassigned.empty(), !names_team_record)
            << route.id << ": a column for records not assigned iff the route names a record with a team";
        const std::string body = route.TakesJson() ? "{}" : "";
        using testing::Reach;
        for (Reach reach : {Reach::kOwn, Reach::kUnassigned, Reach::kForeign}) {
            const std::string& expected = reach == Reach::kOwn          ? row->own
                                          : reach == Reach::kUnassigned ? row->unassigned
                                                                        : row->foreign;
            if (expected.empty()) continue;
            const std::string column = reach == Reach::kOwn          ? " (own)"
                                       : reach == Reach::kUnassigned ? " (own, not assigned)"
                                                                     : " (foreign)";
            ASSERT_EQ(expected.size(), world.actors().size()) << route.id << column;
            for (std::size_t i = 0; i < world.actors().size(); ++i) {
                const auto& actor = world.actors()[i];
                const std::string path = RecordPath(route.path, world, *database, reach);
                auto headers = world.SignIn(actor);
                if (!body.empty()) headers["Content-Type"] = "application/json";
                auto response = client.Send(http::MethodName(route.method), path, body, headers);
                // A public route that reads a record by id may answer 404 for the placeholder id.
                const bool denied = response.status == 401 || response.status == 403 ||
                                    (response.status == 404 && route.policy_action != "public");
                EXPECT_EQ(denied, expected[i] == 'D')
                    << route.id << column << " as " << actor.name << " -> " << response.status << " " << response.body;
                if (reach != Reach::kOwn && denied) {
                    // No existence leak: a foreign record, or one of the own organization out of
                    // the actor's reach, is refused exactly as a record that does not exist (404
                    // after the lookup, or 401/403 before any lookup).
                    auto again = world.SignIn(actor);
                    if (!body.empty()) again["Content-Type"] = "application/json";
                    auto missing =
                        client.Send(http::MethodName(route.method), MissingRecordPath(route.path), body, again);
                    EXPECT_EQ(response.status, missing.status) << route.id << column << " as " << actor.name
                                                               << ": a record out of reach must not reveal itself";
                }
                EXPECT_LT(response.status, 500) << route.id << " as " << actor.name;
                world.RestoreNetworks();
                ++checked;
            }
        }
    }
    EXPECT_GE(checked, AllRoutes().size() * world.actors().size());
}

// `body_ids` with its "{param}" placeholders filled with records of the foreign organization (a
// new participant for {user_id}, the organization itself, a new record of the parameter's
// factory), or, `missing`, with an id that names nothing.
std::string FillBody(const std::string& body_ids, testing::Identities& world, db::Database& database, bool missing) {
    static const std::regex kPlaceholder(R"(\{([a-z_]+)\})");
    const auto& factories = testing::DeclaredMatrixRows().records;
    std::string body;
    std::size_t last = 0;
    for (auto it = std::sregex_iterator(body_ids.begin(), body_ids.end(), kPlaceholder); it != std::sregex_iterator();
         ++it) {
        const std::string name = (*it)[1];
        std::string id = "987654321";
        if (!missing) {
            if (name == "user_id") {
                id = std::to_string(world.NewRecord(true).user_id);
            } else if (name == "organization_id") {
                id = std::to_string(world.foreign_organization);
            } else if (auto factory = factories.find(name); factory != factories.end()) {
                id = factory->second(world, database, testing::Reach::kForeign).text;
            } else {
                ADD_FAILURE() << "no record for the placeholder {" << name << "}";
            }
        }
        body += body_ids.substr(last, static_cast<std::size_t>(it->position()) - last) + id;
        last = static_cast<std::size_t>(it->position() + it->length());
    }
    return body + body_ids.substr(last);
}

// The answer without what differs between any two requests.
std::string Comparable(const testing::HttpResult& response) {
    auto json = response.Json();
    if (json.is_object()) {
        json.as_object().erase("instance");
        json.as_object().erase("request_id");
    }
    return std::to_string(response.status) + " " + boost::json::serialize(json);
}

// An id in the body is resolved within the caller's scope like one in the path: for every actor
// who may take the route on her own organization's record but not on a foreign one, a body that
// names the foreign record is answered exactly like one that names a record that does not exist.
TEST_F(RoutesTest, IdsInTheBody_ForeignAnsweredExactlyAsMissing) {
    auto database = db::Database::Open(url_);
    testing::Identities world(*database);
    testing::HttpClient client(server_->port());
    std::size_t compared = 0;
    for (const auto& route : AllRoutes()) {
        bool names_ids = false;
        if (const auto* schema = route.request.if_object()) {
            if (const auto* properties = schema->if_contains("properties")) {
                for (const auto& [name, ignored] : properties->as_object()) names_ids |= name.ends_with("_id");
            }
        }
        const MatrixRow* row_of = RowOf(route.id);
        ASSERT_NE(row_of, nullptr) << route.id;
        const MatrixRow& row = *row_of;
        ASSERT_EQ(names_ids, !row.body_ids.empty()) << route.id << ": body ids and the row's body_ids";
        if (!names_ids) continue;
        for (std::size_t i = 0; i < world.actors().size(); ++i) {
            if (row.own[i] != 'A' || row.foreign[i] != 'D') continue;
            const auto& actor = world.actors()[i];
            auto send = [&](const std::string& body) {
                auto headers = world.SignIn(actor);
                headers["Content-Type"] = "application/json";
                auto response =
                    client.Send(http::MethodName(route.method),
                                RecordPath(route.path, world, *database, testing::Reach::kOwn), body, headers);
                world.RestoreNetworks();
                return response;
            };
            auto foreign = send(FillBody(row.body_ids, world, *database, false));
            auto missing = send(FillBody(row.body_ids, world, *database, true));
            EXPECT_EQ(Comparable(foreign), Comparable(missing)) << route.id << " as " << actor.name;
            EXPECT_LT(foreign.status, 500);
            ++compared;
        }
    }
    EXPECT_GE(compared, 1u);
}

// Signed in with the password only, a staff member whose second factor is due reaches nothing
// but the routes that finish signing in (or read or end the session): every other route that
// needs a session answers 403 with the second-factor problem, before any record is read.
TEST_F(RoutesTest, SecondFactorDue_ReachesOnlyTheSigningInRoutes) {
    // Finishing sign-in, reading the session and ending this one session: nothing else (not
    // ending the account's other sessions, not changing its settings).
    const std::set<std::string> finishing = {"getSession", "logout", "startTotpEnrolment", "confirmTotpEnrolment",
                                             "passSecondFactor"};
    std::set<std::string> signing_in;
    for (const auto& route : AllRoutes()) {
        if (route.policy_action == policy::kSigningIn) signing_in.insert(route.id);
    }
    EXPECT_EQ(signing_in, finishing);

    auto database = db::Database::Open(url_);
    testing::Identities world(*database);
    testing::HttpClient client(server_->port());
    std::size_t refused = 0;
    for (policy::Role role : {policy::Role::kCaseWorker, policy::Role::kPlatformAdmin}) {
        for (const auto& route : AllRoutes()) {
            if (route.policy_action == policy::kPublic || route.policy_action == policy::kSigningIn) continue;
            auto headers = world.SignInWithPasswordOnly(world.actor(role));
            const std::string body = route.TakesJson() ? "{}" : "";
            if (!body.empty()) headers["Content-Type"] = "application/json";
            auto response = client.Send(http::MethodName(route.method),
                                        RecordPath(route.path, world, *database, testing::Reach::kOwn), body, headers);
            EXPECT_EQ(response.status, 403) << route.id << " " << response.body;
            EXPECT_EQ(response.Json().at("detail"), "Finish signing in with the code from your authenticator app.")
                << route.id;
            ++refused;
        }
        auto session = client.Get("/api/v1/auth/session", world.SignInWithPasswordOnly(world.actor(role)));
        ASSERT_EQ(session.status, 200);
        EXPECT_EQ(session.Json().at("second_factor"), "enrolment_required");
    }
    EXPECT_GE(refused, 2u * 3u);
}

}  // namespace
}  // namespace ponte::app

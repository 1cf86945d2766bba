// The route table seen from outside: every route is in the OpenAPI document and in the
// authorization matrix. A new route that is in neither makes these tests fail.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "app/app.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
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
    core::Registry registry(nullptr);
    RegisterAll(registry, {.test_routes = true});
    registry.Finalize();
    return registry.router().routes();
}

class RoutesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        directory_ = testing::MakeTempDirectory();
        server_ = std::make_unique<testing::ServerProcess>("sqlite:" + (directory_ / "t.db").string());
    }
    void TearDown() override {
        server_.reset();
        std::filesystem::remove_all(directory_);
    }
    std::filesystem::path directory_;
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
        EXPECT_EQ(operation->at("operationId").as_string(), route.operation.id);
        EXPECT_FALSE(operation->at("summary").as_string().empty());
        EXPECT_TRUE(operation->at("responses").as_object().contains("default"));
        EXPECT_TRUE(ids.insert(route.operation.id).second) << "duplicate operationId " << route.operation.id;
    }
}

// The authorization matrix. Until accounts exist (the identity work), the only role is the
// anonymous visitor; every route here must be reachable by it, and every route must be listed.
// Each later route adds its row with the expected outcome per role and per own/foreign record.
enum class Access { kAllow, kDeny };
const std::map<std::string, Access> kAnonymousMatrix = {
    {"getHealth", Access::kAllow},     {"getMetrics", Access::kAllow}, {"getOpenApi", Access::kAllow},
    {"getMeta", Access::kAllow},       {"login", Access::kAllow},      {"createProbeWrite", Access::kAllow},
    {"getProbeWrite", Access::kAllow}, {"probeSleep", Access::kAllow},
};

TEST_F(RoutesTest, AuthorizationMatrix_CoversEveryRouteAndHolds) {
    testing::HttpClient client(server_->port());
    for (const auto& route : AllRoutes()) {
        auto expected = kAnonymousMatrix.find(route.operation.id);
        ASSERT_NE(expected, kAnonymousMatrix.end()) << "route not in the authorization matrix: " << route.operation.id;
        std::string path = route.path;
        for (auto open = path.find('{'); open != std::string::npos; open = path.find('{')) {
            path.replace(open, path.find('}', open) - open + 1, "x");
        }
        std::string body = route.body == http::BodyKind::kJson ? "{}" : "";
        std::map<std::string, std::string> headers;
        if (!body.empty()) headers["Content-Type"] = "application/json";
        auto response = client.Send(http::MethodName(route.method), path, body, headers);
        bool denied = response.status == 401 || response.status == 403;
        // An allowed route may still refuse the empty body (422) or find nothing (404), but it
        // never answers "forbidden" or "sign in" before looking at the request.
        if (route.operation.id == "login") denied = response.status == 403;
        EXPECT_EQ(denied, expected->second == Access::kDeny) << route.operation.id << " -> " << response.status;
        EXPECT_LT(response.status, 500) << route.operation.id;
    }
}

}  // namespace
}  // namespace ponte::app

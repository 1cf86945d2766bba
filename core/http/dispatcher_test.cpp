#include "core/http/dispatcher.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "core/db/errors.hpp"
#include "core/http/json_body.hpp"

namespace ponte::http {
namespace {

enum class Body { kNone, kJson };

Route MakeRoute(Method method, std::string path, Body body, Handler handler) {
    std::string id = "op" + std::to_string(std::hash<std::string>{}(path) % 100000);
    return {.method = method,
            .path = std::move(path),
            .policy_action = "public",
            .id = std::move(id),
            .request = body == Body::kJson ? boost::json::parse(R"({"type":"object"})") : boost::json::value(),
            .handler = std::move(handler)};
}

// A route that takes a file of up to 4 MiB, and answers its size and the type it was sent as.
Route FileRoute() {
    Route route = MakeRoute(Method::kPost, "/api/v1/files", Body::kNone, [](const Request& r) -> Reply {
        return Response::Json(
            201, std::to_string(r.body.size()) + " " + std::string(r.headers.Get("Content-Type").value_or("")));
    });
    route.file_types = {"image/png"};
    route.max_body_bytes = std::size_t{4} * 1024 * 1024;
    return route;
}

class DispatcherTest : public ::testing::Test {
  protected:
    DispatcherTest()
        : router_({
              MakeRoute(Method::kGet, "/api/v1/items/{id}", Body::kNone,
                        [](const Request& r) -> Reply { return Response::Json(200, std::string(r.Param("id"))); }),
              MakeRoute(Method::kPost, "/api/v1/items", Body::kJson,
                        [](const Request& r) -> Reply {
                            JsonFields fields(r);
                            if (auto failure = fields.Finish()) return *failure;
                            return Response::Json(201, "{}");
                        }),
              MakeRoute(Method::kPost, "/api/v1/careless", Body::kJson,
                        [](const Request&) -> Reply { return Response::Json(201, "{}"); }),
              MakeRoute(Method::kGet, "/api/v1/boom", Body::kNone,
                        [](const Request&) -> Reply { throw std::runtime_error("secret SQL detail"); }),
              MakeRoute(Method::kPost, "/api/v1/bodiless", Body::kNone,
                        [](const Request& r) -> Reply {
                            JsonFields fields(r);  // a route without a body schema: a bug
                            return Response::Json(201, "{}");
                        }),
              MakeRoute(Method::kGet, "/api/v1/db-down", Body::kNone,
                        [](const Request&) -> Reply { throw db::ConnectionError("server gone"); }),
              FileRoute(),
          }) {
        std::vector<metrics::RouteLabel> labels;
        for (const auto& route : router_.routes())
            labels.push_back({std::string(MethodName(route.method)), route.path});
        metrics_.Bind(labels);
    }

    Response Send(Method method, std::string target, std::string body = "",
                  std::vector<std::pair<std::string, std::string>> headers = {}) {
        Request request;
        request.method = method;
        request.method_name = std::string(MethodName(method));
        request.target = std::move(target);
        request.body = std::move(body);
        for (auto& [name, value] : headers) request.headers.Add(name, value);
        return dispatcher_.Handle(request);
    }

    static boost::json::object Body(const Response& response) { return boost::json::parse(response.body).as_object(); }

    Router router_;
    metrics::Registry metrics_;
    Dispatcher dispatcher_{&router_, nullptr, &metrics_, false};
};

TEST_F(DispatcherTest, Handle_MatchingRoute_PassesPathParameter) {
    auto response = Send(Method::kGet, "/api/v1/items/a%20b");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "a b");
}

TEST_F(DispatcherTest, Handle_UnknownPath_IsProblem404) {
    auto response = Send(Method::kGet, "/api/v1/nothing");
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.headers.Get("Content-Type"), "application/problem+json");
    auto body = Body(response);
    EXPECT_EQ(body.at("type"), "/problems/not-found");
    EXPECT_EQ(body.at("status"), 404);
    EXPECT_EQ(body.at("instance"), "/api/v1/nothing");
}

TEST_F(DispatcherTest, Handle_WrongMethod_Is405WithAllow) {
    auto response = Send(Method::kDelete, "/api/v1/items/1");
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.headers.Get("Allow"), "GET, HEAD");
}

TEST_F(DispatcherTest, Handle_JsonRouteWithOtherContentType_Is415) {
    EXPECT_EQ(Send(Method::kPost, "/api/v1/items", "{}", {{"Content-Type", "text/plain"}}).status, 415);
    EXPECT_EQ(Send(Method::kPost, "/api/v1/items", "{}").status, 415);
    EXPECT_EQ(Send(Method::kPost, "/api/v1/items", "{}", {{"Content-Type", "application/json; charset=latin1"}}).status,
              415);
    EXPECT_EQ(Send(Method::kPost, "/api/v1/items", "{}", {{"Content-Type", "Application/JSON; charset=UTF-8"}}).status,
              201);
}

TEST_F(DispatcherTest, Handle_MalformedJsonBody_Is400BeforeTheHandler) {
    auto response = Send(Method::kPost, "/api/v1/items", "{\"a\":", {{"Content-Type", "application/json"}});
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(Body(response).at("type").as_string(), "/problems/malformed-json");
}

// A handler that answers without reading its body through JsonFields skipped the schema's check.
TEST_F(DispatcherTest, Handle_JsonHandlerThatNeverChecksItsBody_Is500) {
    EXPECT_EQ(Send(Method::kPost, "/api/v1/careless", "{}", {{"Content-Type", "application/json"}}).status, 500);
}

TEST_F(DispatcherTest, Handle_BodyOnRouteWithoutBody_Is400) {
    EXPECT_EQ(Send(Method::kGet, "/api/v1/items/1", "unexpected").status, 400);
}

TEST_F(DispatcherTest, Handle_FileRoute_TakesARawBodyOfAnyType) {
    const auto response = Send(Method::kPost, "/api/v1/files", "\x89PNG", {{"Content-Type", "image/png"}});
    EXPECT_EQ(response.status, 201);
    EXPECT_EQ(response.body, "4 image/png");
}

TEST_F(DispatcherTest, BodyLimitOf_IsTheRoutesOwn_ElseTheServers) {
    Request request;
    request.method = Method::kPost;
    request.target = "/api/v1/files?name=a.png";
    EXPECT_EQ(dispatcher_.BodyLimitOf(request, 1024), 4u * 1024 * 1024);
    request.target = "/api/v1/items";
    EXPECT_EQ(dispatcher_.BodyLimitOf(request, 1024), 1024u);
    request.target = "/api/v1/nowhere";
    EXPECT_EQ(dispatcher_.BodyLimitOf(request, 1024), 1024u);
    EXPECT_EQ(dispatcher_.LargestBodyLimit(1024), 4u * 1024 * 1024);
    EXPECT_EQ(dispatcher_.LargestBodyLimit(std::size_t{8} * 1024 * 1024), std::size_t{8} * 1024 * 1024);
}

TEST_F(DispatcherTest, Handle_HandlerThrows_Is500WithoutInternalDetail) {
    auto response = Send(Method::kGet, "/api/v1/boom");
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.body.find("secret"), std::string::npos);
    EXPECT_EQ(Body(response).at("type"), "/problems/internal");
}

// The bug surfaces as any handler failure does: a logged error and a 500 problem that tells the
// client nothing of the code.
TEST_F(DispatcherTest, Handle_HandlerReadingABodyItsRouteDoesNotDeclare_Is500ProblemAndLogged) {
    ::testing::internal::CaptureStdout();
    auto response = Send(Method::kPost, "/api/v1/bodiless");
    const std::string log = ::testing::internal::GetCapturedStdout();
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.headers.Get("Content-Type"), "application/problem+json");
    EXPECT_EQ(Body(response).at("type"), "/problems/internal");
    EXPECT_EQ(response.body.find("JsonFields"), std::string::npos);
    EXPECT_NE(log.find("handler failed"), std::string::npos) << log;
    EXPECT_NE(log.find("JsonFields on POST /api/v1/bodiless"), std::string::npos) << log;
}

TEST_F(DispatcherTest, Handle_DatabaseUnreachable_Is503) {
    EXPECT_EQ(Send(Method::kGet, "/api/v1/db-down").status, 503);
}

TEST_F(DispatcherTest, Handle_BadTargets_Are400) {
    for (std::string target :
         {"http://example.org/x", "/bad%zz", "/nul%00byte", "/bad-utf8-%C3%28", "*", "/over%C0%AFlong"}) {
        EXPECT_EQ(Send(Method::kGet, target).status, 400) << target;
    }
}

TEST_F(DispatcherTest, Handle_EveryResponse_HasSecurityHeadersAndRequestId) {
    for (const auto& response : {Send(Method::kGet, "/api/v1/items/1"), Send(Method::kGet, "/nothing")}) {
        EXPECT_EQ(response.headers.Get("X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(response.headers.Get("X-Frame-Options"), "DENY");
        EXPECT_TRUE(response.headers.Get("Content-Security-Policy").has_value());
        EXPECT_EQ(response.headers.Get("X-Request-Id")->size(), 16u);
    }
}

TEST_F(DispatcherTest, Handle_SafeClientRequestId_IsKeptUnsafeOneReplaced) {
    EXPECT_EQ(Send(Method::kGet, "/api/v1/items/1", "", {{"X-Request-Id", "abc-123"}}).headers.Get("X-Request-Id"),
              "abc-123");
    EXPECT_NE(Send(Method::kGet, "/api/v1/items/1", "", {{"X-Request-Id", "a\"b"}}).headers.Get("X-Request-Id"),
              "a\"b");
}

TEST_F(DispatcherTest, Handle_AcceptLanguage_TranslatesProblemTitle) {
    auto english = Body(Send(Method::kGet, "/nothing"));
    auto arabic = Send(Method::kGet, "/nothing", "", {{"Accept-Language", "ar"}});
    EXPECT_EQ(arabic.headers.Get("Content-Language"), "ar");
    EXPECT_NE(Body(arabic).at("title"), english.at("title"));
    EXPECT_EQ(Body(arabic).at("type"), english.at("type"));  // the type is stable across languages
}

TEST_F(DispatcherTest, Handle_CountsRequestsInMetrics) {
    Send(Method::kGet, "/api/v1/items/1");
    Send(Method::kGet, "/nothing");
    auto text = metrics_.Render();
    EXPECT_NE(text.find(R"(ponte_http_requests_total{method="GET",route="/api/v1/items/{id}",status="2xx"} 1)"),
              std::string::npos);
    EXPECT_NE(text.find(R"(ponte_http_requests_total{method="ANY",route="unmatched",status="4xx"} 1)"),
              std::string::npos);
    EXPECT_NE(text.find(R"(ponte_http_request_duration_seconds_count{method="GET",route="/api/v1/items/{id}"} 1)"),
              std::string::npos);
}

TEST(ProblemTaxonomy, EveryKind_HasErrorStatusUniqueTypeAndTranslatedTitle) {
    std::set<std::string_view> types;
    for (int k = 0; k <= static_cast<int>(ProblemKind::kUnavailable); ++k) {
        auto info = Describe(static_cast<ProblemKind>(k));
        EXPECT_GE(info.status, 400);
        EXPECT_TRUE(types.insert(info.type).second) << info.type;
        auto body = boost::json::parse(RenderProblem({static_cast<ProblemKind>(k)}, "en", "/x", "id").body);
        EXPECT_NE(body.at("title").as_string(), info.title_key) << "untranslated " << info.title_key;
    }
}

}  // namespace
}  // namespace ponte::http

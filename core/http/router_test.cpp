#include "core/http/router.hpp"

#include <gtest/gtest.h>

namespace ponte::http {
namespace {

Route MakeRoute(Method method, std::string path, std::string id) {
    Route route;
    route.method = method;
    route.path = std::move(path);
    route.policy_action = "public";
    route.id = id;
    route.handler = [id](const Request&) -> Reply { return Response::Json(200, id); };
    return route;
}

Router MakeRouter() {
    return Router({
        MakeRoute(Method::kGet, "/api/v1/cases/{case_id}", "getCase"),
        MakeRoute(Method::kPut, "/api/v1/cases/{case_id}", "putCase"),
        MakeRoute(Method::kGet, "/api/v1/cases/new", "newCase"),
        MakeRoute(Method::kGet, "/api/v1/cases/{case_id}/notes/{note_id}", "getNote"),
        MakeRoute(Method::kGet, "/healthz", "health"),
    });
}

std::string IdOf(const Match& match) { return match.route ? match.route->id : ""; }

TEST(Router, HeavyRoutes_ArePostOnly) {
    auto heavy_get = MakeRoute(Method::kGet, "/api/v1/auth/slow", "slow");
    heavy_get.heavy = true;
    EXPECT_THROW(Router({heavy_get}), std::invalid_argument);
    auto heavy_post = MakeRoute(Method::kPost, "/api/v1/auth/login", "login");
    heavy_post.heavy = true;
    EXPECT_TRUE(Router({heavy_post}).HasHeavyRoutes());
    EXPECT_FALSE(MakeRouter().HasHeavyRoutes());
}

TEST(Router, RoutesOnTheLoop_AreLightPublicGetsOnly) {
    auto scrape = MakeRoute(Method::kGet, "/metrics", "metrics");
    scrape.on_loop = true;
    EXPECT_NO_THROW(Router({scrape}));
    auto guarded = scrape;
    guarded.policy_action = "ops.read";
    EXPECT_THROW(Router({guarded}), std::invalid_argument);
    auto posted = MakeRoute(Method::kPost, "/metrics", "metrics");
    posted.on_loop = true;
    EXPECT_THROW(Router({posted}), std::invalid_argument);
}

TEST(Router, Find_LiteralPath_MatchesRoute) {
    auto router = MakeRouter();
    EXPECT_EQ(IdOf(router.Find(Method::kGet, "/healthz")), "health");
}

TEST(Router, Find_PathParameters_AreCaptured) {
    auto router = MakeRouter();
    auto match = router.Find(Method::kGet, "/api/v1/cases/42/notes/7");
    ASSERT_EQ(IdOf(match), "getNote");
    ASSERT_EQ(match.params.size(), 2u);
    EXPECT_EQ(match.params[0], (std::pair<std::string, std::string>{"case_id", "42"}));
    EXPECT_EQ(match.params[1], (std::pair<std::string, std::string>{"note_id", "7"}));
}

TEST(Router, Find_LiteralSegment_WinsOverParameterWhateverTheOrder) {
    auto router = MakeRouter();
    EXPECT_EQ(IdOf(router.Find(Method::kGet, "/api/v1/cases/new")), "newCase");
    EXPECT_EQ(IdOf(router.Find(Method::kGet, "/api/v1/cases/old")), "getCase");
}

TEST(Router, Find_WrongMethod_ListsAllowedMethods) {
    auto router = MakeRouter();
    auto match = router.Find(Method::kDelete, "/api/v1/cases/9");
    EXPECT_EQ(match.route, nullptr);
    EXPECT_EQ(match.allowed, (std::vector<std::string>{"GET", "HEAD", "PUT"}));
}

TEST(Router, Find_Head_FallsBackToGet) {
    auto router = MakeRouter();
    EXPECT_EQ(IdOf(router.Find(Method::kHead, "/healthz")), "health");
}

TEST(Router, Find_UnknownOrEmptyParameter_IsNoMatch) {
    auto router = MakeRouter();
    EXPECT_EQ(router.Find(Method::kGet, "/nope").route, nullptr);
    EXPECT_TRUE(router.Find(Method::kGet, "/nope").allowed.empty());
    EXPECT_EQ(router.Find(Method::kGet, "/api/v1/cases//notes/1").route, nullptr);
    EXPECT_EQ(router.Find(Method::kGet, "/healthz/").route, nullptr);
}

TEST(Router, Construct_DuplicateRouteEvenWithOtherParameterName_Throws) {
    EXPECT_THROW(Router({MakeRoute(Method::kGet, "/a/{x}", "one"), MakeRoute(Method::kGet, "/a/{y}", "two")}),
                 std::invalid_argument);
}

TEST(Router, Construct_MalformedTemplate_Throws) {
    EXPECT_THROW(Router({MakeRoute(Method::kGet, "/a/{x", "one")}), std::invalid_argument);
    EXPECT_THROW(Router({MakeRoute(Method::kGet, "a", "one")}), std::invalid_argument);
    EXPECT_THROW(Router({MakeRoute(Method::kGet, "/a", "")}), std::invalid_argument);
}

TEST(SplitPath, Splits) {
    EXPECT_EQ(SplitPath("/"), (std::vector<std::string_view>{}));
    EXPECT_EQ(SplitPath("/a/b"), (std::vector<std::string_view>{"a", "b"}));
    EXPECT_EQ(SplitPath("/a/"), (std::vector<std::string_view>{"a", ""}));
}

}  // namespace
}  // namespace ponte::http

#include "core/http/problem.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace ponte::http {
namespace {

core::Failure Throttled(std::int64_t minutes) {
    return core::Failure{.fault = core::Fault::kThrottled,
                         .detail_key = "detail.locked_out",
                         .retry_after_ms = minutes * 60'000,
                         .detail_arguments = {{"minutes", minutes}}};
}

// A detail with arguments is formatted in the reader's language, with its plural forms.
TEST(Problem, RenderProblem_DetailArguments_AreFormattedInTheLocale) {
    const Response french = RenderProblem(ProblemFor(Throttled(2)), "fr", "/api/v1/auth/login", "r1");
    EXPECT_EQ(boost::json::parse(french.body).at("detail"),
              "Trop de connexions échouées. Attendez 2 minutes et réessayez.");
    EXPECT_EQ(french.headers.Get("Retry-After"), "120");
    const Response english = RenderProblem(ProblemFor(Throttled(1)), "en", "/api/v1/auth/login", "r2");
    EXPECT_EQ(boost::json::parse(english.body).at("detail"),
              "Too many failed sign-ins. Please wait 1 minute and try again.");
    const Response arabic = RenderProblem(ProblemFor(Throttled(2)), "ar", "/api/v1/auth/login", "r3");
    EXPECT_EQ(boost::json::parse(arabic.body).at("detail"),
              "محاولات دخول فاشلة كثيرة. يرجى الانتظار دقيقتين ثم المحاولة مرة أخرى.");
}

}  // namespace
}  // namespace ponte::http

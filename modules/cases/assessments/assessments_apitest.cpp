// A case's autonomy assessments over HTTP: her team records them and reads them back with her
// progress per domain; a bad body is refused naming its field, a closed case is not assessed, and
// a case out of reach answers as a missing one. Every read and recording is audited.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/server_process.hpp"
#include "core/testing/world_test.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

class AssessmentsTest : public testing::WorldTest {
  protected:
    // A case of `organization` led by the world's case worker with its mentor on the team, or (with
    // `outsider`) led by a case worker who is none of the actors.
    std::int64_t MakeCase(std::int64_t organization, bool outsider = false) {
        return database_->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            const std::int64_t woman = CreateWoman(connection, organization, "Amina", 0, now);
            std::int64_t lead = world_->actor(Role::kCaseWorker).user_id;
            if (outsider) {
                const std::string name = "outsider-" + std::to_string(organization);
                lead = accounts::CreateUser(connection, {.email = name + "@example.org", .display_name = name}, now);
                tenancy::AddMembership(connection, lead, {.role = Role::kCaseWorker, .organization_id = organization},
                                       0, now);
            }
            const std::int64_t id = OpenCase(connection, woman, State::kActive, lead, now);
            if (!outsider) AddToTeam(connection, id, world_->actor(Role::kMentor).user_id, TeamRole::kMember, now);
            return id;
        });
    }
    static std::string Path(std::int64_t case_id) {
        return "/api/v1/cases/" + std::to_string(case_id) + "/assessments";
    }
    std::int64_t Count(std::string_view sql, std::int64_t case_id) {
        return database_->Acquire()->Execute(sql, {case_id}).Int(0, 0);
    }
};

TEST_F(AssessmentsTest, HerTeamRecordsAssessments_AndReadsHerProgressPerDomain) {
    const std::int64_t id = MakeCase(world_->own_organization);
    const std::int64_t now = core::NowMs();
    const auto at = [&](std::int64_t days_ago) { return std::to_string(now - days_ago * 86'400'000); };
    // Recorded out of the order they were made in: the chart follows the time they were made.
    auto first = As(Role::kCaseWorker, "POST", Path(id),
                    R"({"assessed_at":)" + at(90) +
                        R"(,"scores":[{"domain":"housing","score":1,"note":"sleeps at a friend's"},
                        {"domain":"language","score":2}]})");
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.Json().at("by").at("user_id").as_int64(), world_->actor(Role::kCaseWorker).user_id);
    EXPECT_EQ(first.Json().at("scores").at(0).at("domain"), "language") << "in the order of the domains";
    EXPECT_EQ(first.Json().at("scores").at(1).at("note"), "sleeps at a friend's");
    auto third = As(Role::kCoordinator, "POST", Path(id),
                    R"({"scores":[{"domain":"housing","score":4,"note":"a room of her own"}]})");
    ASSERT_EQ(third.status, 201) << third.body;
    auto second = As(Role::kCaseWorker, "POST", Path(id),
                     R"({"assessed_at":)" + at(30) + R"(,"scores":[{"domain":"housing","score":2},
                         {"domain":"work","score":3,"note":"training as a cook"}]})");
    ASSERT_EQ(second.status, 201) << second.body;

    auto read = As(Role::kMentor, "GET", Path(id));
    ASSERT_EQ(read.status, 200) << read.body;
    const auto body = read.Json();
    const auto& items = body.at("items").as_array();
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].at("id"), third.Json().at("id")) << "newest first";
    EXPECT_EQ(items[1].at("id"), second.Json().at("id"));
    EXPECT_EQ(items[2].at("id"), first.Json().at("id"));
    EXPECT_EQ(items[0].at("scores").at(0).at("note"), "a room of her own");
    EXPECT_TRUE(items[2].at("scores").at(0).at("note").is_null());
    const auto& progress = body.at("progress").as_array();
    ASSERT_EQ(progress.size(), 3u);
    EXPECT_EQ(progress[0].at("domain"), "language");
    EXPECT_EQ(progress[1].at("domain"), "housing");
    EXPECT_EQ(progress[2].at("domain"), "work");
    std::vector<std::int64_t> housing;
    std::vector<std::int64_t> times;
    for (const auto& point : progress[1].at("points").as_array()) {
        housing.push_back(point.at("score").as_int64());
        times.push_back(point.at("at").as_int64());
    }
    EXPECT_EQ(housing, (std::vector<std::int64_t>{1, 2, 4})) << "oldest first";
    EXPECT_TRUE(std::is_sorted(times.begin(), times.end()));
    EXPECT_EQ(times[0], std::stoll(at(90)));

    // The notes are sealed at rest; the timeline tells of each assessment, its domains and not its notes.
    for (const char* note : {"friend", "room of her own", "cook"}) {
        EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_assessment_scores WHERE case_id = $1 AND note LIKE '%" +
                            std::string(note) + "%'",
                        id),
                  0)
            << note;
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_assessment_scores WHERE case_id = $1 AND note IS NOT NULL", id), 3);
    auto timeline = As(Role::kCaseWorker, "GET", "/api/v1/cases/" + std::to_string(id) + "/timeline");
    ASSERT_EQ(timeline.status, 200);
    const auto events = timeline.Json();
    std::vector<boost::json::value> assessed;
    for (const auto& event : events.at("items").as_array()) {
        if (event.at("kind") == "assessed") assessed.push_back(event.at("detail"));
    }
    ASSERT_EQ(assessed.size(), 3u);
    EXPECT_EQ(assessed[0].at("assessment_id"), first.Json().at("id"));
    EXPECT_EQ(assessed[0].at("domains"), (boost::json::array{"language", "housing"}));
    EXPECT_EQ(assessed[2].at("domains"), (boost::json::array{"housing", "work"}));
    EXPECT_EQ(timeline.body.find("cook"), std::string::npos) << "no note on the timeline";

    EXPECT_EQ(AuditCount("cases.assessment.record", "ok"), 3);
    EXPECT_EQ(AuditCount("cases.assessment.read", "ok"), 1);
    const auto audited = database_->Acquire()->Execute(
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'cases.assessment.%' AND detail LIKE '%cook%'");
    EXPECT_EQ(audited.Int(0, 0), 0) << "no note in the audit log";
}

TEST_F(AssessmentsTest, BadBodies_AreRefusedNamingTheField_NothingWritten) {
    const std::int64_t id = MakeCase(world_->own_organization);
    const std::string tomorrow = std::to_string(core::NowMs() + 86'400'000);
    const std::vector<std::pair<std::string, std::string>> bodies = {
        {R"({"scores":[{"domain":"cooking","score":3}]})", "scores.0.domain:format"},
        {R"({"scores":[{"domain":"housing","score":0}]})", "scores.0.score:too_small"},
        {R"({"scores":[{"domain":"housing","score":6}]})", "scores.0.score:too_large"},
        {R"({"scores":[{"domain":"housing","score":"3"}]})", "scores.0.score:type"},
        {R"({"scores":[{"domain":"housing","score":2.5}]})", "scores.0.score:type"},
        {R"({"scores":[{"domain":"work","score":3},{"domain":"housing","score":2},{"domain":"work","score":4}]})",
         "scores:duplicate_domain"},
        {R"({"scores":[]})", "scores:too_short"},
        {R"({})", "scores:required"},
        {R"({"scores":[{"score":3}]})", "scores.0.domain:required"},
        {R"({"scores":[{"domain":"work","score":3}],"mood":"good"})", "mood:unknown"},
        {R"({"scores":[{"domain":"work","score":3,"colour":"red"}]})", "scores.0.colour:unknown"},
        {R"({"scores":[{"domain":"work","score":3,"note":")" + std::string(2001, 'n') + R"("}]})",
         "scores.0.note:too_long"},
        {R"({"scores":[{"domain":"work","score":3,"note":"a\u0007"}]})", "scores.0.note:control_characters"},
        {R"({"scores":[{"domain":"work","score":3}],"assessed_at":)" + tomorrow + "}", "assessed_at:future"},
        {R"({"scores":[{"domain":"work","score":3}],"assessed_at":-1})", "assessed_at:too_small"},
    };
    for (const auto& [body, field] : bodies) {
        auto response = As(Role::kCaseWorker, "POST", Path(id), body);
        ASSERT_EQ(response.status, 422) << body << " " << response.body;
        EXPECT_EQ(FieldError(response), field) << body;
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_assessments WHERE case_id = $1", id), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_events WHERE case_id = $1 AND kind = 'assessed'", id), 0);
    EXPECT_EQ(AuditCount("cases.assessment.record", "ok"), 0);
    // A domain scored twice is told in her language.
    auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
    headers["Accept-Language"] = "es";
    auto twice =
        Send("POST", Path(id), R"({"scores":[{"domain":"work","score":3},{"domain":"work","score":4}]})", headers);
    EXPECT_EQ(twice.Json().at("detail"), "Cada ámbito se puntúa una sola vez en una evaluación.");
}

TEST_F(AssessmentsTest, AClosedCase_IsNotAssessed_ButStillRead) {
    const std::int64_t id = MakeCase(world_->own_organization);
    ASSERT_EQ(As(Role::kCaseWorker, "POST", Path(id), R"({"scores":[{"domain":"money","score":3}]})").status, 201);
    database_->Transact([&](db::Connection& connection) {
        ASSERT_TRUE(MoveCase(connection, *testing::TestKeyring(), id, 1, State::kActive,
                             {.to = State::kClosed, .outcome = "autonomy_reached", .reason = "she works"}, 0,
                             core::NowMs()));
    });
    auto refused = As(Role::kCoordinator, "POST", Path(id), R"({"scores":[{"domain":"money","score":5}]})");
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(FieldError(refused), "state:closed");
    EXPECT_EQ(refused.Json().at("detail"), "A closed case is not assessed: reopen it first.");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_assessments WHERE case_id = $1", id), 1);
    EXPECT_EQ(AuditCount("cases.assessment.record", "refused"), 1);
    auto read = As(Role::kCaseWorker, "GET", Path(id));
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(read.Json().at("items").as_array().size(), 1u);
}

TEST_F(AssessmentsTest, ACaseOutOfReach_AnswersAsAMissingOne) {
    const std::int64_t foreign = MakeCase(world_->foreign_organization);
    const std::int64_t unassigned = MakeCase(world_->own_organization, true);
    const std::int64_t own = MakeCase(world_->own_organization);
    const std::string body = R"({"scores":[{"domain":"health","score":2}]})";
    auto missing_read = As(Role::kCaseWorker, "GET", Path(987654321));
    auto missing_write = As(Role::kCaseWorker, "POST", Path(987654321), body);
    ASSERT_EQ(missing_read.status, 404);
    ASSERT_EQ(missing_write.status, 404);
    const auto problem = [](const testing::HttpResult& response) {
        return response.body.substr(0, response.body.find("\"instance\""));
    };
    for (std::int64_t id : {foreign, unassigned}) {
        auto read = As(Role::kCaseWorker, "GET", Path(id));
        auto write = As(Role::kCaseWorker, "POST", Path(id), body);
        EXPECT_EQ(read.status, 404) << id;
        EXPECT_EQ(write.status, 404) << id;
        EXPECT_EQ(problem(read), problem(missing_read));
        EXPECT_EQ(problem(write), problem(missing_write));
    }
    // A mentor reads her case's assessments but records none (refused before any case is looked
    // up); a coordinator of another organization reaches nothing of it.
    EXPECT_EQ(As(Role::kMentor, "GET", Path(own)).status, 200);
    EXPECT_EQ(As(Role::kMentor, "POST", Path(own), body).status, 403);
    EXPECT_EQ(As(Role::kCoordinator, "POST", Path(foreign), body).status, 404);
    EXPECT_EQ(As(Role::kCoordinator, "POST", Path(unassigned), body).status, 201) << "her organization's";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_assessments WHERE case_id = $1", foreign), 0);
    EXPECT_EQ(AuditCount("cases.assessment.read", "denied"), 2);
    EXPECT_EQ(AuditCount("cases.assessment.record", "denied"), 4);
    EXPECT_EQ(AuditCount("cases.assessment.record", "not_found"), 1);
}

}  // namespace
}  // namespace ponte::cases

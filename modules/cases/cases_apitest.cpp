// Cases over HTTP: a worker takes a woman on, moves her case through its states with If-Match,
// changes its team, finds it in the caseload by a part of her name, and reads its timeline; bad
// input is answered 4xx naming the field, and nothing is half-written.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/world_test.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

class CasesTest : public testing::WorldTest {
  protected:
    std::string CaseloadPath() const {
        return "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/cases";
    }
    // A walk-in opened by the case worker: its id and ETag.
    std::pair<std::string, std::string> Open(std::string_view name) {
        auto opened = As(Role::kCaseWorker, "POST", CaseloadPath(),
                         boost::json::serialize(boost::json::object{{"chosen_name", name}}));
        EXPECT_EQ(opened.status, 201) << opened.body;
        return {"/api/v1/cases/" + std::to_string(opened.Json().at("id").as_int64()), opened.headers["etag"]};
    }
    testing::HttpResult Move(std::string_view path, std::string_view etag, std::string_view body,
                             Role role = Role::kCaseWorker) {
        auto headers = world_->SignIn(world_->actor(role));
        if (!etag.empty()) headers["If-Match"] = std::string(etag);
        return Send("POST", std::string(path) + "/moves", body, headers);
    }
    // A new account with `role` in `organization`.
    std::int64_t NewWorker(Role role, std::int64_t organization) {
        static int made = 0;
        return database_->Transact([&](db::Connection& connection) {
            const std::string name = "worker-" + std::to_string(++made);
            const std::int64_t now = core::NowMs();
            const std::int64_t id =
                accounts::CreateUser(connection, {.email = name + "@example.org", .display_name = name}, now);
            tenancy::AddMembership(connection, id, {.role = role, .organization_id = organization}, 0, now);
            return id;
        });
    }
    std::int64_t Count(std::string_view sql) { return database_->Acquire()->Execute(sql).Int(0, 0); }
    static std::vector<std::string> Names(const testing::HttpResult& page) {
        std::vector<std::string> names;
        const auto body = page.Json();
        for (const auto& item : body.at("items").as_array()) names.emplace_back(item.at("chosen_name").as_string());
        return names;
    }
};

TEST_F(CasesTest, AWalkInIsTakenOnMovedWithIfMatchAndClosed) {
    auto [path, etag] = Open("Amina");
    auto read = As(Role::kCaseWorker, "GET", path);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.headers["etag"], etag);
    EXPECT_EQ(read.Json().at("state"), "intake");
    EXPECT_EQ(read.Json().at("lead").at("user_id").as_int64(), world_->actor(Role::kCaseWorker).user_id);

    const std::string start = R"({"to":"active"})";
    auto unconditional = Move(path, "", start);
    EXPECT_EQ(unconditional.status, 428) << unconditional.body;
    auto started = Move(path, etag, start);
    ASSERT_EQ(started.status, 200) << started.body;
    EXPECT_EQ(started.Json().at("state"), "active");
    EXPECT_NE(started.headers["etag"], etag);
    // A second worker still holding the first version does not overwrite the move.
    auto stale = Move(path, etag, R"({"to":"suspended","reason":"she travels"})", Role::kCoordinator);
    EXPECT_EQ(stale.status, 412) << stale.body;
    EXPECT_EQ(As(Role::kCaseWorker, "GET", path).Json().at("state"), "active");

    auto closed = Move(path, started.headers["etag"],
                       R"({"to":"closed","outcome":"autonomy_reached","reason":"she works and has a home"})");
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_EQ(closed.Json().at("outcome"), "autonomy_reached");
    auto reopened = Move(path, closed.headers["etag"], R"({"to":"active","reason":"she lost her job"})");
    ASSERT_EQ(reopened.status, 200) << reopened.body;

    auto file = As(Role::kCoordinator, "GET", path).Json();
    const auto& history = file.at("history").as_array();
    ASSERT_EQ(history.size(), 3u);  // started, closed, reopened
    EXPECT_EQ(history[1].at("to"), "closed");
    EXPECT_EQ(history[1].at("reason"), "she works and has a home");
    EXPECT_EQ(history[2].at("from"), "closed");
    auto timeline = As(Role::kCaseWorker, "GET", path + "/timeline");
    ASSERT_EQ(timeline.status, 200) << timeline.body;
    const auto events = timeline.Json();
    std::vector<std::string> kinds;
    for (const auto& event : events.at("items").as_array()) kinds.emplace_back(event.at("kind").as_string());
    EXPECT_EQ(kinds, (std::vector<std::string>{"opened", "moved", "moved", "moved"}));
    // Reasons are sealed at rest: the database holds no plain copy of them.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_transitions WHERE reason LIKE '%home%'"), 0);
    EXPECT_EQ(AuditCount("cases.case.move", "ok"), 3);
    EXPECT_EQ(AuditCount("cases.case.open", "ok"), 1);
    EXPECT_GE(AuditCount("cases.case.read", "ok"), 3);
}

TEST_F(CasesTest, BadInputNamesTheFieldAndWritesNothing) {
    const std::int64_t foreign_worker = NewWorker(Role::kCaseWorker, world_->foreign_organization);
    const std::int64_t mentor = world_->actor(Role::kMentor).user_id;
    const std::vector<std::pair<std::string, std::string>> openings = {
        {R"({})", "chosen_name:required"},
        {R"({"chosen_name":""})", "chosen_name:required"},
        {R"({"chosen_name":")" + std::string(101, 'a') + R"("})", "chosen_name:too_long"},
        {R"({"chosen_name":7})", "chosen_name:type"},
        {R"({"chosen_name":"Amina","lead_user_id":"3"})", "lead_user_id:type"},
        {R"({"chosen_name":"Amina","age":30})", "age:unknown"},
        // A lead of another organization, or one who may not lead, is answered as a missing one.
        {R"({"chosen_name":"Amina","lead_user_id":)" + std::to_string(foreign_worker) + "}", "lead_user_id:not_found"},
        {R"({"chosen_name":"Amina","lead_user_id":)" + std::to_string(mentor) + "}", "lead_user_id:not_found"},
        {R"({"chosen_name":"Amina","lead_user_id":987654321})", "lead_user_id:not_found"},
    };
    for (const auto& [body, field] : openings) {
        auto response = As(Role::kCaseWorker, "POST", CaseloadPath(), body);
        EXPECT_EQ(response.status, 422) << body << " " << response.body;
        EXPECT_EQ(response.headers["content-type"], "application/problem+json") << body;
        if (response.status == 422) EXPECT_EQ(FieldError(response), field) << body;
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_women"), 0) << "nothing half-written";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_cases"), 0);

    auto [path, etag] = Open("Amina");
    const std::vector<std::pair<std::string, std::string>> moves = {
        {R"({})", "to:required"},
        {R"({"to":"flying"})", "to:format"},
        {R"({"to":"closed","outcome":"autonomy_reached","reason":"x"})", "to:transition"},  // still in intake
        {R"({"to":"active","by":1})", "by:unknown"},
        {R"({"to":"active","reason":)" + std::string("\"") + std::string(2001, 'r') + "\"}", "reason:too_long"},
    };
    for (const auto& [body, field] : moves) {
        auto response = Move(path, etag, body);
        EXPECT_EQ(response.status, 422) << body << " " << response.body;
        if (response.status == 422) EXPECT_EQ(FieldError(response), field) << body;
    }
    auto active = Move(path, etag, R"({"to":"active"})");
    ASSERT_EQ(active.status, 200);
    const std::vector<std::pair<std::string, std::string>> closings = {
        {R"({"to":"closed","reason":"she left"})", "outcome:required"},
        {R"({"to":"closed","outcome":"vanished","reason":"she left"})", "outcome:format"},
        {R"({"to":"closed","outcome":"declined","reason":"she left"})", "outcome:format"},  // only a referral
        {R"({"to":"closed","outcome":"moved_away"})", "reason:required"},
        {R"({"to":"suspended"})", "reason:required"},
    };
    for (const auto& [body, field] : closings) {
        auto response = Move(path, active.headers["etag"], body);
        EXPECT_EQ(response.status, 422) << body << " " << response.body;
        if (response.status == 422) EXPECT_EQ(FieldError(response), field) << body;
    }
    // The rule is told in her language, from the module's catalogue.
    auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
    headers["If-Match"] = active.headers["etag"];
    headers["Accept-Language"] = "fr";
    auto french = Send("POST", path + "/moves", R"({"to":"referred"})", headers);
    ASSERT_EQ(french.status, 422);
    EXPECT_EQ(FieldError(french), "to:transition");
    EXPECT_NE(french.Json().at("detail").as_string(),
              Move(path, active.headers["etag"], R"({"to":"referred"})").Json().at("detail").as_string());
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_transitions"), 1) << "started only";

    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"?state=flying", "state:format"},
                                                          {"?worker_id=abc", "worker_id:format"},
                                                          {"?q=" + std::string(101, 'q'), "q:too_long"},
                                                          {"?cursor=not-a-cursor", "cursor:invalid_cursor"}}) {
        auto response = As(Role::kCaseWorker, "GET", CaseloadPath() + query);
        EXPECT_EQ(response.status, 400) << query << " " << response.body;
        if (response.status == 400) EXPECT_EQ(FieldError(response), field) << query;
    }
    auto bad_id = As(Role::kCaseWorker, "GET", "/api/v1/cases/abc");
    EXPECT_EQ(bad_id.status, 404);
}

TEST_F(CasesTest, TheCaseloadFindsHerByAPartOfHerNameOrCode) {
    Open("Amélie Durand");
    Open("Zoë Ait");
    auto [path, etag] = Open("Nadia");
    Move(path, etag, R"({"to":"active"})");

    EXPECT_EQ(Names(As(Role::kCaseWorker, "GET", CaseloadPath() + "?q=amelie")),
              std::vector<std::string>{"Amélie Durand"});
    EXPECT_EQ(Names(As(Role::kCaseWorker, "GET", CaseloadPath() + "?q=ZOE")), std::vector<std::string>{"Zoë Ait"});
    EXPECT_EQ(Names(As(Role::kCaseWorker, "GET", CaseloadPath() + "?state=active")), std::vector<std::string>{"Nadia"});
    const std::string code(As(Role::kCaseWorker, "GET", path).Json().at("code").as_string());
    EXPECT_EQ(Names(As(Role::kCaseWorker, "GET", CaseloadPath() + "?q=" + code.substr(2, 6))),
              std::vector<std::string>{"Nadia"});
    EXPECT_TRUE(Names(As(Role::kCaseWorker, "GET", CaseloadPath() + "?q=nobody")).empty());

    // A page at a time, with a cursor.
    auto first = As(Role::kCaseWorker, "GET", CaseloadPath() + "?limit=2");
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(Names(first), (std::vector<std::string>{"Amélie Durand", "Zoë Ait"}));
    const std::string cursor(first.Json().at("next_cursor").as_string());
    auto second = As(Role::kCaseWorker, "GET", CaseloadPath() + "?limit=2&cursor=" + cursor);
    EXPECT_EQ(Names(second), std::vector<std::string>{"Nadia"});
    EXPECT_TRUE(second.Json().at("next_cursor").is_null());

    // Another case worker of the organization sees none of them; the coordinator sees all.
    const std::int64_t colleague = NewWorker(Role::kCaseWorker, world_->own_organization);
    EXPECT_EQ(Names(As(Role::kCoordinator, "GET", CaseloadPath() + "?worker_id=" + std::to_string(colleague))),
              std::vector<std::string>{});
    EXPECT_EQ(Names(As(Role::kCoordinator, "GET", CaseloadPath())).size(), 3u);
}

TEST_F(CasesTest, TheTeamHasOneLeadWhoStays) {
    // Named, not bound: the lambdas below capture them.
    const auto [opened_path, opened_etag] = Open("Leila");
    const std::string path = opened_path;
    const std::int64_t lead = world_->actor(Role::kCaseWorker).user_id;
    const std::int64_t mentor = world_->actor(Role::kMentor).user_id;
    const std::int64_t colleague = NewWorker(Role::kCaseWorker, world_->own_organization);
    const std::int64_t foreign_worker = NewWorker(Role::kCaseWorker, world_->foreign_organization);
    auto put = [&](std::int64_t user, std::string_view role) {
        return As(Role::kCaseWorker, "POST", path + "/team",
                  boost::json::serialize(boost::json::object{{"user_id", user}, {"role", role}}));
    };

    auto mentor_leads = put(mentor, "lead");
    EXPECT_EQ(mentor_leads.status, 422);
    EXPECT_EQ(FieldError(mentor_leads), "role:lead_role");
    EXPECT_EQ(FieldError(put(foreign_worker, "member")), "user_id:not_found");
    EXPECT_EQ(FieldError(put(987654321, "member")), "user_id:not_found");
    EXPECT_EQ(FieldError(As(Role::kCaseWorker, "POST", path + "/team", R"({"user_id":1,"role":"boss"})")),
              "role:format");

    ASSERT_EQ(put(mentor, "member").status, 200);
    // The colleague takes the lead; the first lead stays on the team as a member.
    auto handover = put(colleague, "lead");
    ASSERT_EQ(handover.status, 200) << handover.body;
    const auto handed = handover.Json();
    const auto& team = handed.at("team").as_array();
    ASSERT_EQ(team.size(), 3u);
    EXPECT_EQ(team[0].at("user_id").as_int64(), colleague);
    EXPECT_EQ(team[0].at("role"), "lead");
    EXPECT_EQ(As(Role::kCaseWorker, "GET", path).Json().at("lead").at("user_id").as_int64(), colleague);

    auto lead_off = As(Role::kCaseWorker, "DELETE", path + "/team/" + std::to_string(colleague));
    EXPECT_EQ(lead_off.status, 409) << lead_off.body;
    EXPECT_EQ(lead_off.headers["content-type"], "application/problem+json");
    // Taking off someone who is not on the team changes nothing.
    auto stranger_off = As(Role::kCaseWorker, "DELETE", path + "/team/" + std::to_string(foreign_worker));
    ASSERT_EQ(stranger_off.status, 200);
    EXPECT_EQ(stranger_off.Json().at("team").as_array().size(), 3u);
    auto mentor_off = As(Role::kCaseWorker, "DELETE", path + "/team/" + std::to_string(mentor));
    ASSERT_EQ(mentor_off.status, 200);
    EXPECT_EQ(mentor_off.Json().at("team").as_array().size(), 2u);
    // The mentor off the team no longer reads the case; the former lead, still a member, does.
    EXPECT_EQ(As(Role::kMentor, "GET", path).status, 404);
    EXPECT_EQ(As(Role::kCaseWorker, "GET", path).status, 200);
    EXPECT_NE(lead, colleague);
    EXPECT_EQ(AuditCount("cases.team.manage", "ok"), 3);
    EXPECT_EQ(AuditCount("cases.team.manage", "unchanged"), 1);
}

// A case worker of the organization who is not on the team gets exactly the answer of a missing
// case, on every route that names it.
TEST_F(CasesTest, ACaseOutOfTheTeamIsAnsweredAsMissing) {
    const auto [opened_path, opened_etag] = Open("Rosa");
    const std::string path = opened_path;
    const std::string etag = opened_etag;
    const std::int64_t colleague = NewWorker(Role::kCaseWorker, world_->own_organization);
    testing::Actor outsider{.name = "outsider", .role = Role::kCaseWorker, .user_id = colleague};
    auto as_outsider = [&](std::string_view method, const std::string& target, std::string_view body = "") {
        auto headers = world_->SignIn(outsider);
        if (method == "POST" && target.ends_with("/moves")) headers["If-Match"] = etag;
        return Send(method, target, body, headers);
    };
    const auto strip = [](const std::string& body) { return body.substr(0, body.find("\"instance\"")); };
    const std::string missing = "/api/v1/cases/987654321";
    for (const auto& [method, suffix, body] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"GET", "", ""},
             {"GET", "/timeline", ""},
             {"POST", "/moves", R"({"to":"active"})"},
             {"POST", "/team", R"({"user_id":1,"role":"member"})"},
             {"DELETE", "/team/1", ""}}) {
        auto theirs = as_outsider(method, path + suffix, body);
        auto none = as_outsider(method, missing + suffix, body);
        EXPECT_EQ(theirs.status, 404) << method << suffix;
        EXPECT_EQ(strip(theirs.body), strip(none.body)) << method << suffix;
    }
    EXPECT_EQ(As(Role::kCaseWorker, "GET", path).Json().at("state"), "intake") << "the move was not made";
    EXPECT_EQ(AuditCount("cases.case.read", "denied"), 2);
}

}  // namespace
}  // namespace ponte::cases

// Referrals over HTTP: a social service of the network refers a woman, with her consent, to a
// partner; the partner's inbox shows it; a worker accepts it (her case moves to intake, led by the
// worker named) or declines it with a reason; the referrer sees the answer but never the case.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/world_test.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

class ReferralsTest : public testing::WorldTest {
  protected:
    void SetUp() override {
        WorldTest::SetUp();
        // The social service: an organization of the own network, with one case worker.
        database_->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            service_ = tenancy::CreateOrganization(connection, "Social service", "social_service", now);
            tenancy::AddOrganizationToNetwork(connection, world_->own_network, service_);
            service_worker_.user_id = accounts::CreateUser(
                connection, {.email = "service@example.org", .display_name = "Service worker"}, now);
            tenancy::AddMembership(connection, service_worker_.user_id,
                                   {.role = Role::kCaseWorker, .organization_id = service_}, 0, now);
        });
    }

    std::string Referrals(std::int64_t organization) const {
        return "/api/v1/organizations/" + std::to_string(organization) + "/referrals";
    }
    testing::HttpResult AsService(std::string_view method, const std::string& path, std::string_view body = "") {
        return Send(method, path, body, world_->SignIn(service_worker_));
    }
    std::string Body(std::int64_t to, std::string_view extra = "") const {
        return R"({"to_organization_id":)" + std::to_string(to) +
               R"(,"chosen_name":"Hawa","reason":"She needs a home for herself and her two children",)"
               R"("urgency":"urgent","consent_given":true,"consent_method":"verbal","consent_at":1700000000000)" +
               std::string(extra) + "}";
    }
    // A referral from the service to the own organization: its id.
    std::int64_t Refer() {
        auto sent = AsService("POST", Referrals(service_), Body(world_->own_organization));
        EXPECT_EQ(sent.status, 201) << sent.body;
        return sent.Json().at("id").as_int64();
    }
    std::string Path(std::int64_t referral) const { return "/api/v1/referrals/" + std::to_string(referral); }
    std::int64_t Count(std::string_view sql) { return database_->Acquire()->Execute(sql).Int(0, 0); }

    std::int64_t service_ = 0;
    testing::Actor service_worker_{.name = "service", .role = Role::kCaseWorker};
};

TEST_F(ReferralsTest, AnAcceptedReferralOpensHerIntakeAndTheReferrerSeesTheAnswer) {
    const std::int64_t referral = Refer();
    // The receiving organization's inbox holds it, with her case in state referred and no team.
    auto inbox = As(Role::kCaseWorker, "GET", Referrals(world_->own_organization) + "?state=pending");
    ASSERT_EQ(inbox.status, 200) << inbox.body;
    const auto listed = inbox.Json();
    const auto& items = listed.at("items").as_array();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].at("chosen_name"), "Hawa");
    EXPECT_EQ(items[0].at("urgency"), "urgent");
    EXPECT_EQ(items[0].at("consent_method"), "verbal");
    EXPECT_EQ(items[0].at("from_organization").at("name"), "Social service");
    EXPECT_EQ(items[0].at("referred_by").at("display_name"), "Service worker");
    const std::string case_path = "/api/v1/cases/" + std::to_string(items[0].at("case_id").as_int64());
    auto referred = As(Role::kCoordinator, "GET", case_path);
    ASSERT_EQ(referred.status, 200) << referred.body;
    EXPECT_EQ(referred.Json().at("state"), "referred");
    EXPECT_TRUE(referred.Json().at("lead").is_null());
    EXPECT_EQ(referred.Json().at("referral").at("id").as_int64(), referral) << "her case tells who referred her";
    EXPECT_EQ(referred.Json().at("referral").at("reason"), "She needs a home for herself and her two children");
    EXPECT_EQ(As(Role::kCaseWorker, "GET", case_path).status, 404) << "not on a team yet";
    // A referral is answered, not moved.
    auto headers = world_->SignIn(world_->actor(Role::kCoordinator));
    headers["If-Match"] = referred.headers["etag"];
    auto moved = Send("POST", case_path + "/moves", R"({"to":"intake"})", headers);
    EXPECT_EQ(moved.status, 422);
    EXPECT_EQ(FieldError(moved), "to:transition");

    auto accepted = As(Role::kCaseWorker, "POST", Path(referral) + "/answer", R"({"decision":"accept"})");
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.Json().at("state"), "accepted");
    auto taken = As(Role::kCaseWorker, "GET", case_path);
    ASSERT_EQ(taken.status, 200) << "she leads it now";
    EXPECT_EQ(taken.Json().at("state"), "intake");
    EXPECT_EQ(taken.Json().at("lead").at("user_id").as_int64(), world_->actor(Role::kCaseWorker).user_id);
    auto timeline = As(Role::kCaseWorker, "GET", case_path + "/timeline").Json();
    std::vector<std::string> kinds;
    for (const auto& event : timeline.at("items").as_array()) kinds.emplace_back(event.at("kind").as_string());
    EXPECT_EQ(kinds, (std::vector<std::string>{"referred", "moved", "team_changed"}));

    // The referrer sees the answer, in her sent box and on the referral, but never her case.
    auto sent = AsService("GET", Referrals(service_) + "?box=sent");
    ASSERT_EQ(sent.status, 200) << sent.body;
    ASSERT_EQ(sent.Json().at("items").as_array().size(), 1u);
    EXPECT_EQ(sent.Json().at("items").at(0).at("state"), "accepted");
    EXPECT_TRUE(sent.Json().at("items").at(0).at("case_id").is_null());
    auto read = AsService("GET", Path(referral));
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.Json().at("answered_by").at("user_id").as_int64(), world_->actor(Role::kCaseWorker).user_id);
    EXPECT_TRUE(read.Json().at("case_id").is_null());
    EXPECT_EQ(AsService("GET", case_path).status, 404);
    // The referrer's organization received nothing; she cannot answer her own referral.
    EXPECT_TRUE(AsService("GET", Referrals(service_)).Json().at("items").as_array().empty());
    EXPECT_EQ(AsService("POST", Path(referral) + "/answer", R"({"decision":"decline","reason":"x"})").status, 404);

    // Answered once: a second answer is a conflict, and changes nothing.
    auto again = As(Role::kCoordinator, "POST", Path(referral) + "/answer", R"({"decision":"decline","reason":"x"})");
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(As(Role::kCaseWorker, "GET", case_path).Json().at("state"), "intake");
    // What she told the service is sealed at rest.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_referrals WHERE reason LIKE '%children%'"), 0);
    EXPECT_EQ(AuditCount("cases.referral.send", "ok"), 1);
    EXPECT_EQ(AuditCount("cases.referral.answer", "ok"), 1);
}

TEST_F(ReferralsTest, ADeclinedReferralClosesHerCaseAndTellsWhy) {
    const std::int64_t referral = Refer();
    auto refused = As(Role::kCoordinator, "POST", Path(referral) + "/answer", R"({"decision":"decline"})");
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(FieldError(refused), "reason:required");
    auto declined = As(Role::kCoordinator, "POST", Path(referral) + "/answer",
                       R"({"decision":"decline","reason":"We have no place; the shelter of the network has"})");
    ASSERT_EQ(declined.status, 200) << declined.body;
    const std::string case_path = "/api/v1/cases/" + std::to_string(declined.Json().at("case_id").as_int64());
    auto closed = As(Role::kCoordinator, "GET", case_path).Json();
    EXPECT_EQ(closed.at("state"), "closed");
    EXPECT_EQ(closed.at("outcome"), "declined");
    auto read = AsService("GET", Path(referral)).Json();
    EXPECT_EQ(read.at("state"), "declined");
    EXPECT_EQ(read.at("answer"), "We have no place; the shelter of the network has");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_referrals WHERE answer LIKE '%shelter%'"), 0);
}

TEST_F(ReferralsTest, AReferralByPhoneIsRecordedWithItsReferrerAndALeadIsNamed) {
    // The service phoned: the coordinator records the referral for her own organization.
    auto recorded =
        As(Role::kCoordinator, "POST", Referrals(world_->own_organization),
           Body(world_->own_organization,
                R"(,"referrer_name":"Maria Rossi","referrer_organization":"Comune","referrer_contact":"055 1234")"));
    ASSERT_EQ(recorded.status, 201) << recorded.body;
    EXPECT_EQ(recorded.Json().at("referrer").at("organization"), "Comune");
    EXPECT_FALSE(recorded.Json().at("case_id").is_null());
    const std::int64_t referral = recorded.Json().at("id").as_int64();
    const std::int64_t mentor = world_->actor(Role::kMentor).user_id;
    auto by_mentor = As(Role::kCoordinator, "POST", Path(referral) + "/answer",
                        R"({"decision":"accept","lead_user_id":)" + std::to_string(mentor) + "}");
    EXPECT_EQ(by_mentor.status, 422);
    EXPECT_EQ(FieldError(by_mentor), "lead_user_id:not_found");
    EXPECT_EQ(As(Role::kCoordinator, "GET", Path(referral)).Json().at("state"), "pending") << "nothing half-written";
    const std::int64_t worker = world_->actor(Role::kCaseWorker).user_id;
    auto accepted = As(Role::kCoordinator, "POST", Path(referral) + "/answer",
                       R"({"decision":"accept","lead_user_id":)" + std::to_string(worker) + "}");
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    auto taken =
        As(Role::kCaseWorker, "GET", "/api/v1/cases/" + std::to_string(accepted.Json().at("case_id").as_int64()));
    ASSERT_EQ(taken.status, 200);
    EXPECT_EQ(taken.Json().at("lead").at("user_id").as_int64(), worker);
}

TEST_F(ReferralsTest, BadInputNamesTheFieldAndWritesNothing) {
    const std::string path = Referrals(service_);
    const std::int64_t own = world_->own_organization;
    // The valid body to the own organization, with `field` set to `value` (erased when null).
    auto with = [&](std::string_view field, boost::json::value value) {
        auto object = boost::json::parse(Body(own)).as_object();
        if (value.is_null()) {
            object.erase(field);
        } else {
            object[field] = std::move(value);
        }
        return boost::json::serialize(object);
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {with("consent_given", nullptr), "consent_given:required"},
        {with("consent_method", nullptr), "consent_method:required"},
        {with("reason", nullptr), "reason:required"},
        {with("to_organization_id", nullptr), "to_organization_id:required"},
        // No referral without her consent.
        {with("consent_given", false), "consent_given:format"},
        {with("urgency", "tomorrow"), "urgency:format"},
        {with("consent_method", "telepathy"), "consent_method:format"},
        {with("consent_at", std::int64_t{99999999999999}), "consent_at:format"},  // in the future
        {with("chosen_name", "   "), "chosen_name:no_visible_character"},
        {with("age", 30), "age:unknown"},
        // A referral between two organizations names no outside referrer; one to itself must.
        {with("referrer_name", "Maria"), "referrer:unknown"},
        {Body(service_), "referrer:required"},
        // An organization of another network, or none, is answered alike.
        {Body(world_->foreign_organization), "to_organization_id:not_found"},
        {Body(987654321), "to_organization_id:not_found"},
    };
    for (const auto& [body, field] : cases) {
        auto response = AsService("POST", path, body);
        EXPECT_EQ(response.status, 422) << body << " " << response.body;
        if (response.status == 422) EXPECT_EQ(FieldError(response), field) << body;
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_referrals"), 0) << "nothing half-written";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_cases"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_women"), 0);

    const std::int64_t referral = Refer();
    for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
             {R"({})", "decision:required"},
             {R"({"decision":"maybe"})", "decision:format"},
             {R"({"decision":"accept","lead_user_id":"me"})", "lead_user_id:type"},
             {R"({"decision":"accept","lead_user_id":987654321})", "lead_user_id:not_found"},
             {R"({"decision":"accept","note":"x"})", "note:unknown"}}) {
        auto response = As(Role::kCaseWorker, "POST", Path(referral) + "/answer", body);
        EXPECT_EQ(response.status, 422) << body << " " << response.body;
        if (response.status == 422) EXPECT_EQ(FieldError(response), field) << body;
    }
    for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
             {"?box=trash", "box:format"}, {"?state=lost", "state:format"}, {"?limit=0", "limit:too_small"}}) {
        auto response = As(Role::kCaseWorker, "GET", Referrals(world_->own_organization) + query);
        EXPECT_EQ(response.status, 400) << query << " " << response.body;
        if (response.status == 400) EXPECT_EQ(FieldError(response), field) << query;
    }
}

// Anyone but the two organizations' case workers and coordinators is answered as for a missing
// referral: the foreign organization's staff, and the own organization's other roles.
TEST_F(ReferralsTest, AReferralOutOfReachIsAnsweredAsMissing) {
    const std::int64_t referral = Refer();
    const auto strip = [](const std::string& body) { return body.substr(0, body.find("\"instance\"")); };
    for (Role role : {Role::kMentor, Role::kOrgAdmin, Role::kNetworkCoordinator, Role::kParticipant}) {
        for (const auto& [method, suffix, body] : std::vector<std::tuple<std::string, std::string, std::string>>{
                 {"GET", "", ""}, {"POST", "/answer", R"({"decision":"accept"})"}}) {
            auto theirs = As(role, method, Path(referral) + suffix, body);
            auto none = As(role, method, Path(987654321) + suffix, body);
            EXPECT_EQ(theirs.status, none.status) << policy::RoleName(role) << " " << method << suffix;
            EXPECT_EQ(strip(theirs.body), strip(none.body)) << policy::RoleName(role) << " " << method << suffix;
        }
    }
    EXPECT_EQ(As(Role::kCaseWorker, "GET", Path(referral)).Json().at("state"), "pending");
}

}  // namespace
}  // namespace ponte::cases

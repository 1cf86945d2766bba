// The worker's calendar feed over HTTP: she issues her own address, a calendar program opens it
// without a session, and what it reads is checked by another iCalendar implementation (Debian's
// python3-icalendar through core/calendar/read_ics.py, as core/calendar/ics_test.cpp does). A
// re-issued or revoked address answers 404 like one never issued; nobody issues, revokes or reads
// the feed of someone else.
#include "modules/cases/appointments/feed.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/testing/ics_reader.hpp"
#include "core/testing/server_process.hpp"
#include "core/testing/world_test.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

constexpr std::int64_t kDay = 24LL * 3600 * 1000;
constexpr std::int64_t kHour = 3600LL * 1000;

class FeedTest : public testing::WorldTest {
  protected:
    void SetUp() override {
        WorldTest::SetUp();
        worker_ = world_->actor(Role::kCaseWorker).user_id;
        coordinator_ = world_->actor(Role::kCoordinator).user_id;
        const std::int64_t now = core::NowMs();
        database_->Transact([&](db::Connection& connection) {
            const std::int64_t place = InsertPlace(connection,
                                                   {.organization_id = world_->own_organization,
                                                    .name = "Sportello Donne",
                                                    .address = "Via Roma 1, Firenze",
                                                    .time_zone = "Europe/Rome",
                                                    .hours = {{1, 540, 1080}}},
                                                   now);
            const std::int64_t woman = CreateWoman(connection, world_->own_organization, "Hawa Diallo", 0, now);
            case_id_ = OpenCase(connection, woman, State::kActive, worker_, now);
            code_ = FindCase(connection, case_id_)->code;
            auto book = [&](std::int64_t worker, std::int64_t case_id, Visit visit, std::int64_t starts) {
                return InsertAppointment(connection,
                                         {.case_id = case_id,
                                          .place_id = place,
                                          .worker_user_id = worker,
                                          .visit = visit,
                                          .starts_at = starts,
                                          .ends_at = starts + kHour,
                                          .booked_by = worker},
                                         now);
            };
            follow_up_ = book(worker_, case_id_, Visit::kFollowUp, now + 2 * kDay);
            cancelled_ = book(worker_, case_id_, Visit::kIntake, now - 3 * kDay);
            const auto keyring = testing::TestKeyring();
            const auto booked = FindAppointment(connection, *keyring, cancelled_);
            EXPECT_TRUE(
                RecordOutcome(connection, *keyring, *booked, 1, Attendance::kCancelled, "she fears violence at home"));
            book(worker_, case_id_, Visit::kFollowUp, now - 40 * kDay);  // ended over 30 days ago
            // A case she is not on the team of, led by the coordinator: neither of its appointments
            // is hers to see, even the one that names her as its worker.
            const std::int64_t other =
                OpenCase(connection, CreateWoman(connection, world_->own_organization, "Other", 0, now), State::kActive,
                         coordinator_, now);
            book(worker_, other, Visit::kFollowUp, now + kDay);
            coordinators_ = book(coordinator_, other, Visit::kFollowUp, now + 3 * kDay);
        });
    }

    std::string FeedOf(std::int64_t user_id) { return "/api/v1/users/" + std::to_string(user_id) + "/calendar-feed"; }
    // Issues the worker's feed and returns its address.
    std::string Issue(Role role = Role::kCaseWorker) {
        auto issued = As(role, "POST", FeedOf(world_->actor(role).user_id));
        EXPECT_EQ(issued.status, 201) << issued.body;
        if (issued.status != 201) return "";
        return std::string(issued.Json().at("url").as_string());
    }
    // The feed as a calendar program reads it: no cookie, no session.
    testing::HttpResult Fetch(std::string_view url) {
        return testing::HttpClient(server_->port()).Send("GET", url, "", {});
    }

    // What read_ics.py reads in `document`.
    static boost::json::object Parse(const std::string& document) {
        if (!testing::IcsReader::Available()) return {};
        return testing::IcsReader::Read(document);
    }

    std::int64_t worker_ = 0;
    std::int64_t coordinator_ = 0;
    std::int64_t case_id_ = 0;
    std::string code_;
    std::int64_t follow_up_ = 0;
    std::int64_t cancelled_ = 0;
    std::int64_t coordinators_ = 0;
};

TEST_F(FeedTest, IssuedFeed_ShowsHerAppointmentsWithoutNamingHer) {
    const std::string url = Issue();
    ASSERT_TRUE(url.starts_with("/api/v1/calendar-feeds/") && url.ends_with(".ics")) << url;
    auto feed = Fetch(url);
    ASSERT_EQ(feed.status, 200) << feed.body;
    EXPECT_EQ(feed.Header("Content-Type"), "text/calendar; charset=utf-8");
    EXPECT_NE(feed.Header("Cache-Control").find("no-store"), std::string::npos) << feed.Header("Cache-Control");
    EXPECT_NE(feed.Header("Cache-Control").find("private"), std::string::npos);
    EXPECT_EQ(feed.body.find("Hawa"), std::string::npos) << "her name is never on a lock screen";
    EXPECT_EQ(feed.body.find("violence"), std::string::npos) << "nor a cancellation's reason";

    const auto read = Parse(feed.body);
    if (read.empty()) GTEST_SKIP() << "python3-icalendar not found";
    EXPECT_EQ(read.at("method"), "PUBLISH");
    const auto& events = read.at("events").as_array();
    ASSERT_EQ(events.size(), 2u) << "the cancelled one and the coming one; not the old one nor another case's";
    const auto& cancelled = events.at(0).as_object();
    EXPECT_EQ(cancelled.at("uid").as_string(), "appointment-" + std::to_string(cancelled_) + "@ponte");
    EXPECT_EQ(cancelled.at("status"), "CANCELLED");
    EXPECT_EQ(cancelled.at("sequence"), 1) << "its outcome was its one change";
    EXPECT_EQ(cancelled.at("summary").as_string(), code_ + " · first meeting");
    const auto& coming = events.at(1).as_object();
    EXPECT_EQ(coming.at("uid").as_string(), "appointment-" + std::to_string(follow_up_) + "@ponte");
    EXPECT_EQ(coming.at("status"), "CONFIRMED");
    EXPECT_EQ(coming.at("sequence"), 0);
    EXPECT_EQ(coming.at("summary").as_string(), code_ + " · follow-up");
    EXPECT_EQ(coming.at("location"), "Sportello Donne, Via Roma 1, Firenze");
    EXPECT_EQ(coming.at("dtend").at("epoch").as_int64() - coming.at("dtstart").at("epoch").as_int64(), 3600);

    // Fetched again, the same events keep their UIDs: the program replaces, never duplicates.
    const auto again = Parse(Fetch(url).body);
    EXPECT_EQ(again.at("events").at(1).at("uid"), coming.at("uid"));
    // Each fetch is a read of case data by her, her calendar program acting for her.
    auto audited = database_->Acquire()->Execute(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'cases.feed.fetch' AND outcome = 'ok' AND actor_user_id = $1 "
        "AND detail LIKE $2",
        {worker_, "%" + std::to_string(case_id_) + "%"});
    EXPECT_EQ(audited.Int(0, 0), 2);

    // The coordinator's own feed has her appointment and nothing of the worker's.
    const auto theirs = Parse(Fetch(Issue(Role::kCoordinator)).body);
    ASSERT_EQ(theirs.at("events").as_array().size(), 1u);
    EXPECT_EQ(theirs.at("events").at(0).at("uid").as_string(),
              "appointment-" + std::to_string(coordinators_) + "@ponte");
}

TEST_F(FeedTest, ReissuedOrRevokedAddress_AnswersLikeOneNeverIssued) {
    const std::string first = Issue();
    ASSERT_EQ(Fetch(first).status, 200);
    const std::string second = Issue();
    EXPECT_NE(first, second);
    auto stale = Fetch(first);
    EXPECT_EQ(stale.status, 404) << "issuing again revokes the former address";
    EXPECT_EQ(Fetch(second).status, 200);
    auto revoked = As(Role::kCaseWorker, "DELETE", FeedOf(worker_));
    EXPECT_EQ(revoked.status, 204) << revoked.body;
    EXPECT_EQ(Fetch(second).status, 404);
    // Unknown, malformed, without its suffix: all the same answer.
    const std::string token = second.substr(second.rfind('/') + 1, second.size() - second.rfind('/') - 5);
    const auto never = Fetch("/api/v1/calendar-feeds/" + std::string(43, 'A') + ".ics");
    EXPECT_EQ(never.status, 404);
    EXPECT_EQ(stale.body.empty(), never.body.empty());
    EXPECT_EQ(Fetch("/api/v1/calendar-feeds/x.ics").status, 404);
    EXPECT_EQ(Fetch("/api/v1/calendar-feeds/" + token).status, 404);
    const std::string live = Issue();
    EXPECT_EQ(Fetch(live.substr(0, live.size() - 4)).status, 404) << "the token without .ics";
    EXPECT_EQ(Fetch(live).status, 200);
}

TEST_F(FeedTest, FeedState_SaysSinceWhenAndNeverTheAddress) {
    auto none = As(Role::kCaseWorker, "GET", FeedOf(worker_));
    ASSERT_EQ(none.status, 200) << none.body;
    EXPECT_FALSE(none.Json().at("issued").as_bool());
    EXPECT_TRUE(none.Json().at("issued_at").is_null());
    auto issued = As(Role::kCaseWorker, "POST", FeedOf(worker_));
    ASSERT_EQ(issued.status, 201);
    const std::string url(issued.Json().at("url").as_string());
    auto state = As(Role::kCaseWorker, "GET", FeedOf(worker_));
    ASSERT_EQ(state.status, 200);
    EXPECT_TRUE(state.Json().at("issued").as_bool());
    EXPECT_EQ(state.Json().at("issued_at"), issued.Json().at("issued_at"));
    EXPECT_EQ(state.body.find(url.substr(url.rfind('/') + 1, 20)), std::string::npos);
    EXPECT_EQ(AuditCount("cases.feed.manage", "ok"), 1);
}

TEST_F(FeedTest, AnotherUsersFeed_IsAnsweredAsAMissingUser) {
    const std::string theirs = Issue(Role::kCoordinator);
    for (const char* method : {"POST", "DELETE", "GET"}) {
        auto other = As(Role::kCaseWorker, method, FeedOf(coordinator_));
        auto missing = As(Role::kCaseWorker, method, FeedOf(987654321));
        EXPECT_EQ(other.status, 404) << method << " " << other.body;
        EXPECT_EQ(missing.status, 404) << method;
        auto strip = [](boost::json::value json) {
            json.as_object().erase("instance");
            json.as_object().erase("request_id");
            return boost::json::serialize(json);
        };
        EXPECT_EQ(strip(other.Json()), strip(missing.Json())) << method;
    }
    EXPECT_EQ(Fetch(theirs).status, 200) << "her address still works: nobody else revoked or replaced it";
    EXPECT_EQ(AuditCount("cases.feed.manage", "denied"), 4);
    EXPECT_EQ(AuditCount("cases.feed.read", "denied"), 2);
    // A participant has no feed of appointments to issue.
    EXPECT_EQ(As(Role::kParticipant, "POST", FeedOf(world_->actor(Role::kParticipant).user_id)).status, 403);
}

}  // namespace
}  // namespace ponte::cases

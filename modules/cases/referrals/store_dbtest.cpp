// The referrals table on both engines: a referral is found with the names it shows, each
// organization's boxes hold exactly its received or sent referrals a page at a time, an answer is
// recorded once, and what she told is sealed at rest.
#include "modules/cases/referrals/store.hpp"

#include <gtest/gtest.h>

#include "core/accounts/store.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/application.hpp"
#include "core/testing/counting_connection.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/server_process.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {
namespace {

class ReferralStoreTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        database().Transact([&](db::Connection& connection) {
            service_ = tenancy::CreateOrganization(connection, "Social service", "social_service", 1);
            partner_ = tenancy::CreateOrganization(connection, "Partner", "ngo", 1);
            referrer_ = accounts::CreateUser(connection, {.email = "r@example.org", .display_name = "Referrer"}, 1);
        });
    }

    // A referral from the service to the partner (or, `recorded`, by the partner for itself).
    std::int64_t Refer(std::string_view name, bool recorded = false) {
        return database().Transact([&](db::Connection& connection) {
            const std::int64_t woman = CreateWoman(connection, partner_, name, 0, 1);
            const std::int64_t case_id = OpenCase(connection, woman, State::kReferred, 0, 1, referrer_);
            ReferralRequest request{.to_organization_id = partner_,
                                    .chosen_name = std::string(name),
                                    .reason = "She sleeps at a friend's",
                                    .urgency = Urgency::kSoon,
                                    .consent_method = "verbal",
                                    .consent_at = 1};
            if (recorded) request.outside = OutsideReferrer{"Maria Rossi", "Comune", "055 1234"};
            return InsertReferral(connection, *keyring_, case_id, recorded ? partner_ : service_,
                                  recorded ? 0 : referrer_, request, 2);
        });
    }

    std::vector<std::string> Names(std::int64_t organization, Box box, std::optional<ReferralState> state,
                                   std::int64_t limit) {
        std::vector<std::string> names;
        core::PageRequest page{.limit = limit};
        for (int pages = 0; pages < 20; ++pages) {
            db::Lease lease = database().Acquire();
            testing::CountingConnection connection(*lease);
            auto result = SelectReferrals(connection, *keyring_, organization, box, state, page);
            EXPECT_EQ(connection.statements, 1);
            for (const auto& referral : result.items) names.push_back(referral.chosen_name);
            if (!result.next) break;
            page.after = result.next;
        }
        return names;
    }

    std::shared_ptr<const crypto::Keyring> keyring_ = testing::TestKeyring();
    std::int64_t service_ = 0;
    std::int64_t partner_ = 0;
    std::int64_t referrer_ = 0;
};

TEST_P(ReferralStoreTest, AReferralIsFoundWithItsNamesAndItsSealedReason) {
    const std::int64_t id = Refer("Hawa");
    const auto found = FindReferral(*database().Acquire(), *keyring_, id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->chosen_name, "Hawa");
    EXPECT_EQ(found->from_organization_name, "Social service");
    EXPECT_EQ(found->to_organization_name, "Partner");
    EXPECT_EQ(found->referred_by_name, "Referrer");
    EXPECT_EQ(found->reason, "She sleeps at a friend's");
    EXPECT_EQ(found->urgency, Urgency::kSoon);
    EXPECT_EQ(found->state, ReferralState::kPending);
    EXPECT_FALSE(found->outside);
    EXPECT_EQ(FindReferralOfCase(*database().Acquire(), *keyring_, found->case_id)->id, id);
    EXPECT_EQ(
        database().Acquire()->Execute("SELECT COUNT(*) FROM cases_referrals WHERE reason LIKE '%friend%'").Int(0, 0),
        0);

    const auto recorded = FindReferral(*database().Acquire(), *keyring_, Refer("Ana", true));
    ASSERT_TRUE(recorded && recorded->outside);
    EXPECT_EQ(recorded->outside->organization, "Comune");
    EXPECT_EQ(recorded->referred_by, 0);
    EXPECT_FALSE(FindReferral(*database().Acquire(), *keyring_, 987654321));
}

TEST_P(ReferralStoreTest, EachBoxHoldsItsReferralsOldestFirst_OneStatementAPage) {
    for (const char* name : {"A", "B", "C", "D", "E"}) Refer(name);
    Refer("F", true);
    for (std::int64_t limit : {1, 2, 200}) {
        EXPECT_EQ(Names(partner_, Box::kReceived, std::nullopt, limit),
                  (std::vector<std::string>{"A", "B", "C", "D", "E", "F"}));
        EXPECT_EQ(Names(service_, Box::kSent, std::nullopt, limit),
                  (std::vector<std::string>{"A", "B", "C", "D", "E"}));
        EXPECT_EQ(Names(partner_, Box::kSent, std::nullopt, limit), std::vector<std::string>{"F"});
        EXPECT_TRUE(Names(service_, Box::kReceived, std::nullopt, limit).empty());
    }
    const auto second = FindReferral(*database().Acquire(), *keyring_, 2);
    ASSERT_TRUE(second);
    database().Transact([&](db::Connection& connection) {
        EXPECT_TRUE(
            RecordAnswer(connection, *keyring_, *second, {.accept = false, .reason = "No place"}, referrer_, 3));
    });
    EXPECT_EQ(Names(partner_, Box::kReceived, ReferralState::kDeclined, 2), std::vector<std::string>{"B"});
    EXPECT_EQ(Names(partner_, Box::kReceived, ReferralState::kPending, 2).size(), 5u);
}

TEST_P(ReferralStoreTest, AnAnswerIsRecordedOnce_ItsReasonSealed) {
    const auto referral = FindReferral(*database().Acquire(), *keyring_, Refer("Hawa"));
    ASSERT_TRUE(referral);
    database().Transact([&](db::Connection& connection) {
        EXPECT_TRUE(RecordAnswer(connection, *keyring_, *referral, {.accept = false, .reason = "No place left"}, 0, 5));
        EXPECT_FALSE(RecordAnswer(connection, *keyring_, *referral, {.accept = true}, 0, 6)) << "answered already";
    });
    const auto answered = FindReferral(*database().Acquire(), *keyring_, referral->id);
    EXPECT_EQ(answered->state, ReferralState::kDeclined);
    EXPECT_EQ(answered->answer, "No place left");
    EXPECT_EQ(answered->answered_at, 5);
    EXPECT_EQ(
        database().Acquire()->Execute("SELECT COUNT(*) FROM cases_referrals WHERE answer LIKE '%place%'").Int(0, 0), 0);
}

PONTE_INSTANTIATE_ENGINES(ReferralStoreTest);

}  // namespace
}  // namespace ponte::cases

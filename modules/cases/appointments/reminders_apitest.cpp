// The reminder job as `ponte serve` runs it: queued at start, it finds the appointments of the
// next day and mails, through the mail job and a real SMTP exchange, the woman whose rules allow
// it, and nobody else.
#include "modules/cases/appointments/reminders.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/feature.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/server_process.hpp"
#include "core/testing/smtp_sink.hpp"
#include "modules/cases/profile/store.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {
namespace {

class ReminderJobTest : public ::testing::Test {
  protected:
    void SetUp() override {
        directory_ = testing::MakeTempDirectory();
        url_ = testing::ApiDatabaseUrl(directory_);
        database_ = db::Database::Open(url_);
        // Her appointments exist before the server starts, as its first run comes at once.
        testing::MigrateAll(*database_);
        world_ = std::make_unique<testing::Identities>(*database_);
    }
    void TearDown() override {
        world_.reset();
        database_.reset();
        std::filesystem::remove_all(directory_);
    }

    std::filesystem::path directory_;
    std::string url_;
    std::unique_ptr<db::Database> database_;
    std::unique_ptr<testing::Identities> world_;
};

TEST_F(ReminderJobTest, Serve_MailsTheWomanHerRulesAllow_AndNobodyElse) {
    const auto keyring = testing::TestKeyring();
    const std::int64_t now = core::NowMs();
    database_->Transact([&](db::Connection& connection) {
        const std::int64_t worker = world_->actor(policy::Role::kCaseWorker).user_id;
        const std::int64_t place = InsertPlace(connection,
                                               {.organization_id = world_->own_organization,
                                                .name = "Sportello",
                                                .address = "Via Roma 1",
                                                .time_zone = "Europe/Rome",
                                                .hours = {{1, 0, 1439}}},
                                               now);
        for (const bool with_rules : {true, false}) {
            const std::int64_t woman = CreateWoman(connection, world_->own_organization, "Hawa", 0, now);
            const std::int64_t case_id = OpenCase(connection, woman, State::kActive, worker, now);
            if (with_rules) {
                // Any day, any hour: the test does not depend on when it runs.
                WritePart(connection, *keyring, woman, Part::kSafeContact, 1,
                          ToJson(SafeContact{.channel = "email", .email = "hawa@example.org"}), now);
            }
            InsertAppointment(connection,
                              {.case_id = case_id,
                               .place_id = place,
                               .worker_user_id = worker,
                               .starts_at = now + std::int64_t{2} * 3'600'000,
                               .ends_at = now + std::int64_t{3} * 3'600'000,
                               .booked_by = worker},
                              now);
        }
    });
    testing::SmtpSink sink;
    testing::ServerProcess server(
        url_, {"--smtp-url", sink.url(), "--mail-from", "ponte@example.org", "--jobs-poll-ms", "20"});
    ASSERT_TRUE(sink.WaitFor(1, std::chrono::seconds(20))) << "no reminder arrived";
    const auto mails = sink.messages();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].recipients, std::vector<std::string>{"hawa@example.org"});
    EXPECT_NE(mails[0].Body().find("Via Roma 1"), std::string::npos) << mails[0].Body();
    EXPECT_EQ(mails[0].Body().find("Own organization"), std::string::npos) << "she did not let it name the sender";
    auto connection = database_->Acquire();
    EXPECT_EQ(connection->Execute("SELECT COUNT(*) FROM cases_appointments WHERE reminded_at IS NOT NULL").Int(0, 0),
              1);
    EXPECT_EQ(connection
                  ->Execute("SELECT COUNT(*) FROM jobs WHERE kind = $1 AND status = 'queued'",
                            {std::string(kReminderJobKind)})
                  .Int(0, 0),
              1)
        << "the run queued the next";
}

}  // namespace
}  // namespace ponte::cases

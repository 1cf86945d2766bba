// Reminders on both engines, at a time the test sets, delivered to a loopback SMTP server by the
// mail job's own code: one is sent within her hours, in her language, and once; none outside her
// hours (until they come, and never once the appointment has started), none without rules, none
// for channel none or in_person; without leave to name the sender nothing names the organization.
#include "modules/cases/appointments/reminders.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/i18n/local_time.hpp"
#include "core/jobs/jobs.hpp"
#include "core/mail/mail.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/server_process.hpp"
#include "core/testing/smtp_sink.hpp"
#include "modules/cases/profile/store.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kZone = "Europe/Rome";
constexpr std::string_view kOrganization = "Centro Aurora";
constexpr std::string_view kPlace = "Casa delle Donne";

// Monday 2 March 2026 at `minute` in Florence.
std::int64_t Monday(int minute) { return i18n::FromLocal(2026, 3, 2, minute, kZone); }

SafeContact ByEmail(std::vector<int> days, std::string from, std::string to) {
    return {.channel = "email",
            .email = "hawa@example.org",
            .days = std::move(days),
            .from = std::move(from),
            .to = std::move(to),
            .leave_message = true,
            .name_sender = true,
            .code_word = "girasole"};
}

class RecordingGateway : public SmsGateway {
  public:
    void Queue(db::Connection&, std::string_view phone, std::string_view text, std::int64_t) const override {
        sent.emplace_back(std::string(phone), std::string(text));
    }
    mutable std::vector<std::pair<std::string, std::string>> sent;
};

class RemindersTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        world_ = std::make_unique<testing::Identities>(database());
        senders_.Add("email", std::make_shared<EmailReminderSender>(keyring_.get()));
        database().Transact([&](db::Connection& connection) {
            connection.Execute("UPDATE tenancy_organizations SET name = $2 WHERE id = $1",
                               {world_->own_organization, std::string(kOrganization)});
            place_ = InsertPlace(connection,
                                 {.organization_id = world_->own_organization,
                                  .name = std::string(kPlace),
                                  .address = "Via Roma 1, Firenze",
                                  .time_zone = std::string(kZone),
                                  .hours = {{1, 480, 1200}}},
                                 0);
        });
    }

    // A woman with `rules` (none: not recorded) who speaks Tigrinya and French, and her
    // appointment at `starts_at`; returns the appointment.
    std::int64_t Book(std::optional<SafeContact> rules, std::int64_t starts_at, Visit visit = Visit::kFollowUp) {
        return database().Transact([&](db::Connection& connection) {
            const std::int64_t worker = world_->actor(policy::Role::kCaseWorker).user_id;
            const std::int64_t woman = CreateWoman(connection, world_->own_organization, "Hawa Diallo", 0, 0);
            const std::int64_t case_id = OpenCase(connection, woman, State::kActive, worker, 0);
            Profile profile{.languages = {{"ti", "native"}, {"fr-FR", "basic"}}};
            WritePart(connection, *keyring_, woman, Part::kProfile, 1, ToJson(profile), 0);
            if (rules) WritePart(connection, *keyring_, woman, Part::kSafeContact, 1, ToJson(*rules), 0);
            return InsertAppointment(connection,
                                     {.case_id = case_id,
                                      .place_id = place_,
                                      .worker_user_id = worker,
                                      .visit = visit,
                                      .starts_at = starts_at,
                                      .ends_at = starts_at + 3'600'000,
                                      .booked_by = worker},
                                     0);
        });
    }

    ReminderRun RunAt(std::int64_t now) { return SendDueReminders(database(), *keyring_, senders_, now); }

    // Delivers every queued mail to a loopback SMTP server as the mail job does, and returns them.
    std::vector<testing::ReceivedMail> Deliver() {
        testing::SmtpSink sink;
        const mail::Options options{.smtp_url = sink.url(), .from = "ponte@example.org"};
        auto rows = database().Acquire()->Execute("SELECT payload FROM jobs WHERE kind = $1 ORDER BY id",
                                                  {std::string(mail::kJobKind)});
        for (std::size_t row = 0; row < rows.size(); ++row) mail::SendQueued(options, *keyring_, rows.Text(row, 0));
        EXPECT_TRUE(sink.WaitFor(rows.size(), std::chrono::seconds(10)));
        return sink.messages();
    }

    std::int64_t Count(std::string_view sql) { return database().Acquire()->Execute(sql).Int(0, 0); }

    std::unique_ptr<testing::Identities> world_;
    std::shared_ptr<const crypto::Keyring> keyring_ = testing::TestKeyring();
    ReminderSenders senders_;
    std::int64_t place_ = 0;
};

TEST_P(RemindersTest, WithinHerHours_OneReminderInHerLanguage_SentOnce) {
    const std::int64_t appointment = Book(ByEmail({1}, "08:00", "12:00"), Monday(15 * 60));
    const auto run = RunAt(Monday(9 * 60));
    EXPECT_EQ(run.sent, 1);
    EXPECT_EQ(RunAt(Monday(9 * 60 + 15)).sent, 0) << "sent once";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_appointments WHERE reminded_at IS NOT NULL"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'cases.appointment.remind' AND resource_id = '" +
                    std::to_string(appointment) + "'"),
              1);
    const auto mails = Deliver();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].recipients, std::vector<std::string>{"hawa@example.org"});
    const std::string body = mails[0].Body();
    EXPECT_NE(body.find("Nous vous rappelons"), std::string::npos) << "French, her first language we have: " << body;
    EXPECT_NE(body.find("15:00"), std::string::npos) << "the time in Florence: " << body;
    EXPECT_NE(body.find("lundi"), std::string::npos) << body;
    EXPECT_NE(body.find(kOrganization), std::string::npos) << "she lets it name the organization: " << body;
    EXPECT_NE(body.find(kPlace), std::string::npos) << body;
    EXPECT_EQ(body.find("girasole"), std::string::npos) << "her code word is said, never written";
}

TEST_P(RemindersTest, OutsideHerHours_WaitsForThem_AndGivesUpOnceStarted) {
    Book(ByEmail({1}, "10:00", "11:00"), Monday(15 * 60));
    Book(ByEmail({1}, "16:00", "18:00"), Monday(15 * 60));
    Book(ByEmail({2, 3}, "", ""), Monday(15 * 60));  // not on Mondays
    auto early = RunAt(Monday(9 * 60));
    EXPECT_EQ(early.sent, 0);
    EXPECT_EQ(early.held, 3);
    auto within = RunAt(Monday(10 * 60 + 30));
    EXPECT_EQ(within.sent, 1) << "the first one's hours have come";
    EXPECT_EQ(within.held, 2);
    // Her hours come only after the appointment started: it is no longer looked at.
    auto late = RunAt(Monday(16 * 60 + 30));
    EXPECT_EQ(late.sent + late.held, 0);
    EXPECT_EQ(Deliver().size(), 1u);
}

TEST_P(RemindersTest, WithoutRulesOrAChannel_NothingIsSent) {
    Book(std::nullopt, Monday(15 * 60));
    for (const char* channel : {"none", "in_person"}) {
        SafeContact rules = ByEmail({}, "", "");
        rules.channel = channel;
        Book(rules, Monday(15 * 60));
    }
    const auto run = RunAt(Monday(9 * 60));
    EXPECT_EQ(run.sent, 0);
    EXPECT_EQ(run.held, 3);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_appointments WHERE reminded_at IS NOT NULL"), 0);
}

TEST_P(RemindersTest, WithoutLeaveToNameTheSender_NothingNamesTheOrganization) {
    SafeContact rules = ByEmail({}, "", "");
    rules.name_sender = false;
    rules.leave_message = false;
    Book(rules, Monday(15 * 60), Visit::kIntake);
    ASSERT_EQ(RunAt(Monday(9 * 60)).sent, 1);
    const auto mails = Deliver();
    ASSERT_EQ(mails.size(), 1u);
    const std::string text = mails[0].Header("Subject") + "\n" + mails[0].Body();
    EXPECT_EQ(text.find(kOrganization), std::string::npos) << text;
    EXPECT_EQ(text.find(kPlace), std::string::npos) << "the place's name is often the organization's: " << text;
    EXPECT_EQ(text.find("rendez-vous"), std::string::npos) << "day, time and place only: " << text;
    EXPECT_NE(text.find("Via Roma 1, Firenze"), std::string::npos) << text;
    EXPECT_NE(text.find("15:00"), std::string::npos) << text;
    EXPECT_EQ(mails[0].data.find(kOrganization), std::string::npos) << "nor any header";
}

TEST_P(RemindersTest, ChannelWithoutSender_IsSkippedUntilItHasOne) {
    SafeContact rules = ByEmail({}, "", "");
    rules.channel = "sms";
    rules.phone = "+39 333 000 0000";
    Book(rules, Monday(15 * 60));
    EXPECT_EQ(RunAt(Monday(9 * 60)).skipped, 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_appointments WHERE reminded_at IS NOT NULL"), 0);
    auto gateway = std::make_shared<RecordingGateway>();
    senders_.Add("sms", std::make_shared<SmsReminderSender>(gateway));
    EXPECT_EQ(RunAt(Monday(9 * 60 + 15)).sent, 1);
    ASSERT_EQ(gateway->sent.size(), 1u);
    EXPECT_EQ(gateway->sent[0].first, "+39 333 000 0000");
    EXPECT_NE(gateway->sent[0].second.find("15:00"), std::string::npos) << gateway->sent[0].second;
}

TEST_P(RemindersTest, EachRun_QueuesTheNextOnce) {
    const auto keyring = keyring_;
    RunReminders(database(), *keyring, senders_, Monday(9 * 60));
    RunReminders(database(), *keyring, senders_, Monday(9 * 60));
    auto queued = database().Acquire()->Execute("SELECT run_at FROM jobs WHERE kind = $1 AND status = 'queued'",
                                                {std::string(kReminderJobKind)});
    ASSERT_EQ(queued.size(), 1u);
    EXPECT_EQ(queued.Int(0, 0), Monday(9 * 60 + 15));
}

PONTE_INSTANTIATE_ENGINES(RemindersTest);

}  // namespace
}  // namespace ponte::cases

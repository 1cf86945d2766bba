// Deadline reminders on both engines, at times the test sets: the team gets one mail each, in its
// language, naming the case by its code only, once per lead; she gets hers within her hours, in her
// language, once, and none without rules or outside her hours; without leave to name the sender or
// to leave a message, her reminder gives a date alone.
#include "modules/cases/deadlines/reminders.hpp"

#include <gtest/gtest.h>

#include "core/i18n/local_time.hpp"
#include "core/mail/mail.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/server_process.hpp"
#include "core/testing/smtp_sink.hpp"
#include "modules/cases/appointments/store.hpp"
#include "modules/cases/profile/model.hpp"
#include "modules/cases/profile/store.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kZone = "Europe/Rome";
constexpr std::string_view kOrganization = "Centro Aurora";
constexpr std::string_view kName = "Hawa Diallo";

// Monday 2 March 2026 at `minute` in Florence, `days` later.
std::int64_t Monday(int minute, int days = 0) {
    return i18n::FromLocal(2026, 3, 2, minute, kZone) + std::int64_t{days} * 86'400'000;
}

SafeContact ByEmail(std::vector<int> days, std::string from, std::string to) {
    return {.channel = "email",
            .email = "hawa@example.org",
            .days = std::move(days),
            .from = std::move(from),
            .to = std::move(to),
            .leave_message = true,
            .name_sender = true};
}

class RecordingSender : public ReminderSender {
  public:
    void Send(db::Connection&, const ReminderMessage& message, std::int64_t) const override { sent.push_back(message); }
    mutable std::vector<ReminderMessage> sent;
};

class DeadlineRemindersTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        world_ = std::make_unique<testing::Identities>(database());
        senders_.Add("email", her_);
        lead_ = world_->actor(policy::Role::kCaseWorker).user_id;
        member_ = world_->actor(policy::Role::kCoordinator).user_id;
        database().Transact([&](db::Connection& connection) {
            connection.Execute("UPDATE tenancy_organizations SET name = $2 WHERE id = $1",
                               {world_->own_organization, std::string(kOrganization)});
            connection.Execute("UPDATE accounts_users SET locale = 'it' WHERE id = $1", {lead_});
            connection.Execute("UPDATE accounts_users SET locale = 'es-ES' WHERE id = $1", {member_});
            InsertPlace(connection,
                        {.organization_id = world_->own_organization,
                         .name = "Casa delle Donne",
                         .address = "Via Roma 1, Firenze",
                         .time_zone = std::string(kZone),
                         .hours = {{1, 480, 1200}}},
                        0);
        });
    }

    // Her case (she speaks Tigrinya and French) with its team and a residence permit due on `due_on`.
    std::int64_t Deadline(std::optional<SafeContact> rules, std::string due_on) {
        return database().Transact([&](db::Connection& connection) {
            const std::int64_t woman = CreateWoman(connection, world_->own_organization, kName, 0, 0);
            const std::int64_t case_id = OpenCase(connection, woman, State::kActive, lead_, 0);
            AddToTeam(connection, case_id, member_, TeamRole::kMember, 0);
            code_ = FindCase(connection, case_id)->code;
            WritePart(connection, *keyring_, woman, Part::kProfile, 1,
                      ToJson(Profile{.languages = {{"ti", "native"}, {"fr-FR", "basic"}}}), 0);
            if (rules) WritePart(connection, *keyring_, woman, Part::kSafeContact, 1, ToJson(*rules), 0);
            return InsertDeadline(connection, *keyring_,
                                  {.case_id = case_id,
                                   .kind = "residence_permit",
                                   .title = "Rinnovo permesso di Hawa Diallo",
                                   .due_on = std::move(due_on),
                                   .documents = {"passaporto", "contratto di affitto"}},
                                  0);
        });
    }

    DeadlineReminderRun RunAt(std::int64_t now) {
        return SendDueDeadlineReminders(database(), *keyring_, *team_, senders_, now);
    }

    std::int64_t Count(std::string_view sql) { return database().Acquire()->Execute(sql).Int(0, 0); }

    std::unique_ptr<testing::Identities> world_;
    std::shared_ptr<const crypto::Keyring> keyring_ = testing::TestKeyring();
    std::shared_ptr<RecordingSender> team_ = std::make_shared<RecordingSender>();
    std::shared_ptr<RecordingSender> her_ = std::make_shared<RecordingSender>();
    ReminderSenders senders_;
    std::int64_t lead_ = 0;
    std::int64_t member_ = 0;
    std::string code_;
};

TEST(DeadlineLead, ThirtyThenSevenDays_NoneTooEarlyOrPast) {
    EXPECT_EQ(DeadlineLead(31), 0);
    EXPECT_EQ(DeadlineLead(30), 30);
    EXPECT_EQ(DeadlineLead(8), 30);
    EXPECT_EQ(DeadlineLead(7), 7);
    EXPECT_EQ(DeadlineLead(0), 7);
    EXPECT_EQ(DeadlineLead(-1), 0);
}

TEST_P(DeadlineRemindersTest, Team_OneMailEach_InItsLanguage_NamingNoName_Once) {
    Deadline(ByEmail({1}, "08:00", "12:00"), "2026-04-01");
    EXPECT_EQ(RunAt(Monday(9 * 60, -1)).team, 0) << "31 days before: too early";
    const auto run = RunAt(Monday(9 * 60));
    EXPECT_EQ(run.team, 1);
    EXPECT_EQ(RunAt(Monday(9 * 60 + 15)).team, 0) << "once";
    ASSERT_EQ(team_->sent.size(), 2u);
    EXPECT_EQ(team_->sent[0].to, world_->actor(policy::Role::kCaseWorker).name + "@own.example.org");
    const std::string italian = team_->sent[0].subject + "\n" + team_->sent[0].body;
    const std::string spanish = team_->sent[1].subject + "\n" + team_->sent[1].body;
    EXPECT_NE(italian.find("permesso di soggiorno"), std::string::npos) << italian;
    EXPECT_NE(italian.find("1 aprile 2026"), std::string::npos) << italian;
    EXPECT_NE(italian.find("30 giorni"), std::string::npos) << italian;
    EXPECT_NE(spanish.find("permiso de residencia"), std::string::npos) << spanish;
    EXPECT_NE(spanish.find("abril"), std::string::npos) << spanish;
    for (const auto& mail : team_->sent) {
        const std::string text = mail.subject + "\n" + mail.body;
        EXPECT_NE(text.find(code_), std::string::npos) << text;
        EXPECT_NE(text.find("passaporto, contratto di affitto"), std::string::npos) << text;
        EXPECT_EQ(text.find("Hawa"), std::string::npos) << "never her name, nor the title that holds it: " << text;
        EXPECT_EQ(text.find("Diallo"), std::string::npos) << text;
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'cases.deadline.remind'"), 2) << "team and her";
}

TEST_P(DeadlineRemindersTest, Her_WithinHerHours_InHerLanguage_OncePerLead) {
    Deadline(ByEmail({1}, "08:00", "12:00"), "2026-04-01");
    EXPECT_EQ(RunAt(Monday(9 * 60)).her, 1);
    EXPECT_EQ(RunAt(Monday(9 * 60 + 15)).her, 0) << "once";
    ASSERT_EQ(her_->sent.size(), 1u);
    EXPECT_EQ(her_->sent[0].to, "hawa@example.org");
    EXPECT_NE(her_->sent[0].body.find("titre de séjour"), std::string::npos) << her_->sent[0].body;
    EXPECT_NE(her_->sent[0].body.find("1 avril 2026"), std::string::npos) << her_->sent[0].body;
    EXPECT_NE(her_->sent[0].body.find(kOrganization), std::string::npos) << "she lets it name it";
    // 23 days later (a Wednesday) the 7-day lead has come, but not her day: held until Monday.
    const auto wednesday = RunAt(Monday(9 * 60, 23));
    EXPECT_EQ(wednesday.team, 1);
    EXPECT_EQ(wednesday.her, 0);
    EXPECT_EQ(wednesday.held, 1);
    EXPECT_EQ(RunAt(Monday(9 * 60, 28)).her, 1) << "Monday 30 March, 2 days before";
    EXPECT_EQ(RunAt(Monday(10 * 60, 28)).her + RunAt(Monday(10 * 60, 28)).team, 0);
    EXPECT_EQ(her_->sent.size(), 2u);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_deadline_reminders"), 4);
}

TEST_P(DeadlineRemindersTest, Her_OutsideHerHours_OrWithoutRules_NothingToHer) {
    Deadline(ByEmail({1}, "16:00", "18:00"), "2026-04-01");
    Deadline(std::nullopt, "2026-04-01");
    SafeContact none = ByEmail({}, "", "");
    none.channel = "none";
    Deadline(none, "2026-04-01");
    const auto run = RunAt(Monday(9 * 60));
    EXPECT_EQ(run.team, 3) << "her team is told whatever her rules";
    EXPECT_EQ(run.her, 0);
    EXPECT_EQ(run.held, 3);
    EXPECT_TRUE(her_->sent.empty());
    EXPECT_EQ(RunAt(Monday(16 * 60 + 30)).her, 1) << "her hours came for the first";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_deadline_reminders WHERE audience = 'her'"), 1);
}

TEST_P(DeadlineRemindersTest, WithoutLeave_HerReminderGivesADateAlone_NamingNoOrganization) {
    SafeContact rules = ByEmail({}, "", "");
    rules.name_sender = false;
    rules.leave_message = false;
    Deadline(rules, "2026-03-06");
    ASSERT_EQ(RunAt(Monday(9 * 60)).her, 1);
    ASSERT_EQ(her_->sent.size(), 1u);
    const std::string text = her_->sent[0].subject + "\n" + her_->sent[0].body;
    EXPECT_EQ(text.find(kOrganization), std::string::npos) << text;
    EXPECT_EQ(text.find("séjour"), std::string::npos) << "the kind tells her situation: " << text;
    EXPECT_EQ(text.find("passaporto"), std::string::npos) << text;
    EXPECT_NE(text.find("6 mars 2026"), std::string::npos) << text;
}

TEST_P(DeadlineRemindersTest, DoneOrClosed_NoReminder) {
    const std::int64_t done = Deadline(ByEmail({}, "", ""), "2026-03-06");
    Deadline(ByEmail({}, "", ""), "2026-03-06");
    database().Transact([&](db::Connection& connection) {
        EXPECT_TRUE(MarkDeadlineDone(connection, done, 1, 0));
        connection.Execute("UPDATE cases_cases SET state = 'closed' WHERE id = (SELECT MAX(id) FROM cases_cases)");
    });
    const auto run = RunAt(Monday(9 * 60));
    EXPECT_EQ(run.team + run.her + run.held, 0);
}

TEST_P(DeadlineRemindersTest, TeamMail_GoesThroughTheMailQueue) {
    Deadline(std::nullopt, "2026-03-06");
    const EmailReminderSender mail(keyring_.get());
    ASSERT_EQ(SendDueDeadlineReminders(database(), *keyring_, mail, senders_, Monday(9 * 60)).team, 1);
    testing::SmtpSink sink;
    const mail::Options options{.smtp_url = sink.url(), .from = "ponte@example.org"};
    auto rows = database().Acquire()->Execute("SELECT payload FROM jobs WHERE kind = $1 ORDER BY id",
                                              {std::string(mail::kJobKind)});
    ASSERT_EQ(rows.size(), 2u);
    for (std::size_t row = 0; row < rows.size(); ++row) mail::SendQueued(options, *keyring_, rows.Text(row, 0));
    ASSERT_TRUE(sink.WaitFor(2, std::chrono::seconds(10)));
    for (const auto& received : sink.messages()) {
        EXPECT_NE(received.Header("Subject").find(code_), std::string::npos) << received.Header("Subject");
        EXPECT_EQ(received.data.find("Hawa"), std::string::npos) << received.data;
        EXPECT_NE(received.Body().find("passaporto"), std::string::npos) << received.Body();
    }
}

PONTE_INSTANTIATE_ENGINES(DeadlineRemindersTest);

}  // namespace
}  // namespace ponte::cases

// Retention on both engines, at times the test sets: a case closed past the period is anonymized
// with nothing left of her (every sealed column the application registers for the cases tables is
// cleared for it), once; a case closed recently and a case reopened are untouched; her record
// stays while she has another case or an account.
#include "modules/cases/retention.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/crypto/reseal.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/server_process.hpp"
#include "modules/cases/appointments/store.hpp"
#include "modules/cases/assessments/store.hpp"
#include "modules/cases/deadlines/store.hpp"
#include "modules/cases/documents/store.hpp"
#include "modules/cases/glass/store.hpp"
#include "modules/cases/notes/store.hpp"
#include "modules/cases/plans/store.hpp"
#include "modules/cases/profile/model.hpp"
#include "modules/cases/profile/store.hpp"
#include "modules/cases/referrals/store.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {
namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::chrono::days kRetention{365};
constexpr std::string_view kName = "Hawa Diallo";
// Written into every text of her case, so that a test finds it wherever it is left.
constexpr std::string_view kTrace = "Trace-of-Hawa";

class CaseRetentionTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        world_ = std::make_unique<testing::Identities>(database());
        worker_ = world_->actor(policy::Role::kCaseWorker).user_id;
        database().Transact([&](db::Connection& connection) {
            place_ = InsertPlace(connection,
                                 {.organization_id = world_->own_organization,
                                  .name = "Casa delle Donne",
                                  .address = "Via Roma 1, Firenze",
                                  .time_zone = "Europe/Rome",
                                  .hours = {{1, 480, 1200}}},
                                 0);
        });
    }

    // A new woman (with an account when `user_id` is not 0) and her profile's three parts.
    std::int64_t Woman(std::int64_t user_id = 0) {
        return database().Transact([&](db::Connection& connection) {
            const std::int64_t woman = CreateWoman(connection, world_->own_organization, kName, user_id, 0);
            const std::string trace(kTrace);
            WritePart(connection, *keyring_, woman, Part::kProfile, 1,
                      ToJson(Profile{.languages = {{"ti", "native"}}, .children = {{4, "nursery", false}}}), 0);
            WritePart(connection, *keyring_, woman, Part::kSafeContact, 1,
                      ToJson(SafeContact{.channel = "email", .email = "hawa@example.org", .code_word = trace}), 0);
            WritePart(connection, *keyring_, woman, Part::kSensitive, 1,
                      ToJson(Sensitive{.violence = "past", .violence_note = trace, .legal_status = "asylum_seeker"}),
                      0);
            return woman;
        });
    }

    // A case of `woman` with something in every part that can describe her, closed at `closed_at`.
    std::int64_t ClosedCase(std::int64_t woman, std::int64_t closed_at) {
        return database().Transact([&](db::Connection& connection) {
            const std::string trace(kTrace);
            const std::int64_t id = OpenCase(connection, woman, State::kActive, worker_, 0);
            InsertReferral(connection, *keyring_, id, 0, worker_,
                           {.to_organization_id = world_->own_organization,
                            .chosen_name = std::string(kName),
                            .reason = trace,
                            .consent_method = "verbal",
                            .outside = OutsideReferrer{.name = trace, .organization = "Consultorio", .contact = "1"}},
                           0);
            connection.Execute("UPDATE cases_referrals SET answer = $2 WHERE case_id = $1",
                               {id, keyring_->Seal(trace, AnswerContext(id))});
            AppendEvent(connection, *keyring_, id,
                        {.kind = "note", .by_user_id = worker_, .at = 1, .detail = {{"text", trace}}});
            const std::int64_t appointment = InsertAppointment(connection,
                                                               {.case_id = id,
                                                                .place_id = place_,
                                                                .worker_user_id = worker_,
                                                                .interpreter_language = "ti",
                                                                .starts_at = std::int64_t{10} * 3'600'000,
                                                                .ends_at = std::int64_t{11} * 3'600'000,
                                                                .booked_by = worker_},
                                                               0);
            connection.Execute("UPDATE cases_appointments SET reason = $2 WHERE id = $1",
                               {appointment, keyring_->Seal(trace, CancellationContext(id))});
            InsertDeadline(connection, *keyring_,
                           {.case_id = id,
                            .kind = "residence_permit",
                            .title = trace,
                            .due_on = "2026-05-01",
                            .documents = {trace}},
                           0);
            InsertAssessment(connection, *keyring_, id, worker_, 1, 1, {{"housing", 3, trace}});
            Plan plan{.agreed_on = "2026-01-01",
                      .goals = {{.domain = "housing",
                                 .statement = trace,
                                 .target = trace,
                                 .actions = {{.title = trace, .due_on = "2026-02-01"}}}}};
            WritePlan(connection, *keyring_, Plan{.case_id = id}, plan, worker_, 1);
            InsertPlanVersion(connection, *keyring_, id, 2, ToJson(plan), boost::json::array{}, worker_, 1);
            InsertNote(connection, *keyring_,
                       {.case_id = id, .visibility = "team", .text = trace, .author_id = worker_}, 1);
            InsertDocument(connection, *keyring_,
                           {.case_id = id,
                            .visibility = "her",
                            .name = trace,
                            .media_type = "text/plain",
                            .size_bytes = static_cast<std::int64_t>(trace.size()),
                            .stored_as = StoreSealed(documents_, *keyring_, id, trace)},
                           1);
            BreakGlass(connection, *keyring_, id, world_->actor(policy::Role::kCoordinator).user_id, trace, 2);
            EXPECT_TRUE(MoveCase(connection, *keyring_, id, 1, State::kActive,
                                 {.to = State::kClosed, .outcome = "autonomy_reached", .reason = trace}, worker_,
                                 closed_at));
            return id;
        });
    }

    const std::filesystem::path documents_ = DocumentsFolder(testing::TestFilesDirectory());
    RetentionRun RunAt(std::int64_t now) {
        return AnonymizeExpiredCases(database(), *keyring_, documents_, kRetention, now);
    }

    std::int64_t Count(const std::string& sql, std::initializer_list<db::Value> params = {}) {
        return database().Acquire()->Execute(sql, params).Int(0, 0);
    }

    std::optional<Case> Find(std::int64_t id) { return FindCase(*database().Acquire(), id); }

    // Every sealed value the application registers for the cases tables that is bound to `case_id`
    // (or, for her profile, to `woman_id`), opened: NULL opens to nothing.
    std::vector<std::string> SealedValuesOf(std::int64_t case_id, std::int64_t woman_id) {
        std::vector<std::string> out;
        const auto application = testing::Application(database(), keyring_);
        int columns = 0;
        for (const auto& column : application->sealed_columns()) {
            if (!column.table.starts_with("cases_")) continue;
            ++columns;
            const std::int64_t bound = column.id_column == "woman_id" ? woman_id : case_id;
            EXPECT_TRUE(column.id_column == "woman_id" || column.id_column == "case_id") << column.table;
            auto rows = database().Acquire()->Execute(
                "SELECT " + column.column + " FROM " + column.table + " WHERE " + column.id_column + " = $1", {bound});
            for (std::size_t row = 0; row < rows.size(); ++row) {
                if (rows.IsNull(row, 0)) continue;
                out.push_back(keyring_->Open(rows.Text(row, 0),
                                             crypto::FieldContext(column.ContextTable(), column.column, bound)));
            }
        }
        EXPECT_GE(columns, 13) << "the cases tables' sealed columns were found";
        return out;
    }

    std::unique_ptr<testing::Identities> world_;
    std::shared_ptr<const crypto::Keyring> keyring_ = testing::TestKeyring();
    std::int64_t worker_ = 0;
    std::int64_t place_ = 0;
};

TEST(CaseJobs, RetentionRemindersAndSearchStatistics_AreRecurringJobs) {
    const auto application = testing::Application();
    const auto& jobs = application->recurring_jobs();
    for (const char* kind :
         {"cases.retention", "cases.deadline_reminders", "cases.reminders", "cases.search_statistics"}) {
        EXPECT_NE(std::find(jobs.begin(), jobs.end(), kind), jobs.end()) << kind;
    }
}

TEST_P(CaseRetentionTest, ClosedPastRetention_AnonymizedOnce_NothingOfHerLeft) {
    const std::int64_t woman = Woman();
    const std::int64_t id = ClosedCase(woman, 1000);
    const std::string code = Find(id)->code;
    ASSERT_FALSE(SealedValuesOf(id, woman).empty()) << "the case holds her data before";
    const std::filesystem::path file =
        documents_ /
        database().Acquire()->Execute("SELECT stored_as FROM cases_documents WHERE case_id = $1", {id}).Text(0, 0);
    ASSERT_TRUE(std::filesystem::exists(file));
    // On SQLite her name is in the pages of the search index (migration 0014) as trigrams. A page
    // keeps each term as the bytes it adds to the one before it, so the probe is "ial": the only
    // term that starts with an "i" (her code has no I), which no term before it can shorten.
    const bool sqlite = database().engine() == db::Engine::kSqlite;
    const std::string in_index =
        "SELECT COUNT(*) FROM cases_women_search_data WHERE instr(block, CAST('ial' AS BLOB)) > 0";
    if (sqlite) ASSERT_GT(Count(in_index), 0);

    const std::int64_t now = 1000 + 366 * kDay;
    const auto run = RunAt(now);
    EXPECT_EQ(run.anonymized, 1);
    EXPECT_EQ(run.women_erased, 1) << "her record went with her only case";
    EXPECT_EQ(RunAt(now + kDay).anonymized, 0) << "once";

    const auto after = Find(id);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->state, State::kClosed);
    EXPECT_EQ(after->outcome, "autonomy_reached");
    EXPECT_EQ(after->organization_id, world_->own_organization);
    EXPECT_EQ(after->opened_at, 0);
    EXPECT_EQ(after->chosen_name, "");
    EXPECT_NE(after->code, code) << "a new random code";
    EXPECT_NE(after->woman_id, woman);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_women WHERE id = $1", {woman}), 0);
    EXPECT_EQ(Count("SELECT (SELECT COUNT(*) FROM cases_notes) + (SELECT COUNT(*) FROM cases_documents)"), 0);
    EXPECT_FALSE(std::filesystem::exists(file)) << "the document's file went with its row";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_profiles WHERE woman_id IN ($1, $2)", {woman, after->woman_id}), 0);
    for (const auto& value : SealedValuesOf(id, woman)) {
        EXPECT_TRUE(value.empty() || value == "[]") << "a sealed value left: " << value;
    }
    EXPECT_EQ(
        Count("SELECT COUNT(*) FROM cases_appointments WHERE case_id = $1 AND interpreter_language IS NULL", {id}), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_women WHERE chosen_name = $1 OR search_text LIKE '%hawa%'",
                    {std::string(kName)}),
              0);
    if (sqlite) EXPECT_EQ(Count(in_index), 0) << "her name left the search index's pages, not only its answers";
    // What reporting counts stays.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_assessment_scores WHERE case_id = $1 AND score = 3", {id}), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_deadlines WHERE case_id = $1 AND due_on = '2026-05-01'", {id}), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_transitions WHERE case_id = $1 AND to_state = 'closed'", {id}), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'cases.case.anonymize' AND resource_id = $1",
                    {std::to_string(id)}),
              1);
}

TEST_P(CaseRetentionTest, ClosedRecently_Untouched) {
    const std::int64_t woman = Woman();
    const std::int64_t id = ClosedCase(woman, 1000);
    const auto before = SealedValuesOf(id, woman);
    EXPECT_EQ(RunAt(1000 + 364 * kDay).anonymized, 0);
    EXPECT_EQ(Find(id)->chosen_name, kName);
    EXPECT_EQ(SealedValuesOf(id, woman), before);
}

TEST_P(CaseRetentionTest, Reopened_Untouched_AndItsTimeStartsAgainWhenClosedAgain) {
    const std::int64_t woman = Woman();
    const std::int64_t id = ClosedCase(woman, 1000);
    database().Transact([&](db::Connection& connection) {
        EXPECT_TRUE(MoveCase(connection, *keyring_, id, 2, State::kClosed, {.to = State::kActive, .reason = "back"},
                             worker_, 200 * kDay));
    });
    EXPECT_EQ(RunAt(1000 + 400 * kDay).anonymized, 0) << "open again";
    database().Transact([&](db::Connection& connection) {
        EXPECT_TRUE(MoveCase(connection, *keyring_, id, 3, State::kActive,
                             {.to = State::kClosed, .outcome = "moved_away", .reason = "left"}, worker_, 300 * kDay));
    });
    EXPECT_EQ(RunAt(1000 + 500 * kDay).anonymized, 0) << "closed again 200 days ago";
    EXPECT_EQ(Find(id)->chosen_name, kName);
    EXPECT_EQ(RunAt(1000 + 700 * kDay).anonymized, 1);
}

TEST_P(CaseRetentionTest, HerOtherOpenCase_KeepsHerRecord_OnlyTheExpiredCaseGoes) {
    const std::int64_t woman = Woman();
    const std::int64_t expired = ClosedCase(woman, 1000);
    const std::int64_t open = database().Transact(
        [&](db::Connection& connection) { return OpenCase(connection, woman, State::kActive, worker_, 0); });
    const auto run = RunAt(1000 + 366 * kDay);
    EXPECT_EQ(run.anonymized, 1);
    EXPECT_EQ(run.women_erased, 0);
    EXPECT_EQ(Find(open)->chosen_name, kName);
    EXPECT_EQ(Find(open)->woman_id, woman);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_profiles WHERE woman_id = $1 AND sensitive IS NOT NULL", {woman}), 1);
    EXPECT_NE(Find(expired)->woman_id, woman);
    EXPECT_EQ(Find(expired)->chosen_name, "");
}

TEST_P(CaseRetentionTest, HerAccount_KeepsHerRecord) {
    const std::int64_t user = world_->NewRecord(false).user_id;
    const std::int64_t woman = Woman(user);
    const std::int64_t id = ClosedCase(woman, 1000);
    const auto run = RunAt(1000 + 366 * kDay);
    EXPECT_EQ(run.anonymized, 1);
    EXPECT_EQ(run.women_erased, 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_women WHERE id = $1 AND user_id = $2", {woman, user}), 1);
    EXPECT_EQ(Find(id)->chosen_name, "");
}

TEST_P(CaseRetentionTest, ARun_IsBounded) {
    const std::int64_t woman = Woman();
    for (std::int64_t i = 0; i < kAnonymizationsPerRun + 1; ++i) {
        database().Transact([&](db::Connection& connection) {
            const std::int64_t id = OpenCase(connection, woman, State::kActive, worker_, 0);
            MoveCase(connection, *keyring_, id, 1, State::kActive,
                     {.to = State::kClosed, .outcome = "withdrew", .reason = "r"}, worker_, 1000);
        });
    }
    EXPECT_EQ(RunAt(400 * kDay).anonymized, kAnonymizationsPerRun);
    const auto last = RunAt(400 * kDay);
    EXPECT_EQ(last.anonymized, 1);
    EXPECT_EQ(last.women_erased, 1);
}

PONTE_INSTANTIATE_ENGINES(CaseRetentionTest);

}  // namespace
}  // namespace ponte::cases

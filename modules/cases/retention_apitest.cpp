// An anonymized case over HTTP: its team still reads it (state, outcome, dates, scores) with
// nothing of her in it, every part answers without error, and it cannot be reopened.
#include "modules/cases/retention.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/testing/server_process.hpp"
#include "core/testing/world_test.hpp"
#include "modules/cases/deadlines/store.hpp"
#include "modules/cases/documents/store.hpp"
#include "modules/cases/profile/model.hpp"
#include "modules/cases/profile/store.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

class AnonymizedCaseTest : public testing::WorldTest {};

TEST_F(AnonymizedCaseTest, ReadsWithoutHer_AndCannotBeReopened) {
    const std::string caseload = "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/cases";
    auto opened = As(Role::kCaseWorker, "POST", caseload, R"({"chosen_name":"Amina Haddad"})");
    ASSERT_EQ(opened.status, 201) << opened.body;
    const std::int64_t id = opened.Json().at("id").as_int64();
    const std::string path = "/api/v1/cases/" + std::to_string(id);
    const auto keyring = testing::TestKeyring();
    database_->Transact([&](db::Connection& connection) {
        const std::int64_t woman = connection.Execute("SELECT woman_id FROM cases_cases WHERE id = $1", {id}).Int(0, 0);
        WritePart(connection, *keyring, woman, Part::kSensitive, 1,
                  ToJson(Sensitive{.violence = "past", .violence_note = "Amina Haddad told us"}), 0);
        InsertDeadline(connection, *keyring,
                       {.case_id = id,
                        .kind = "benefit_renewal",
                        .title = "Amina Haddad",
                        .due_on = "2026-05-01",
                        .documents = {"Amina Haddad's payslips"}},
                       0);
    });
    auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
    headers["If-Match"] = opened.headers["etag"];
    auto started = Send("POST", path + "/moves", R"({"to":"active"})", headers);
    ASSERT_EQ(started.status, 200) << started.body;
    headers["If-Match"] = started.headers["etag"];
    auto closed = Send("POST", path + "/moves",
                       R"({"to":"closed","outcome":"moved_away","reason":"Amina Haddad moved to Lyon"})", headers);
    ASSERT_EQ(closed.status, 200) << closed.body;

    const auto run = AnonymizeExpiredCases(*database_, *keyring, DocumentsFolder(testing::TestFilesDirectory()),
                                           std::chrono::days{30}, core::NowMs() + std::int64_t{31} * 86'400'000);
    ASSERT_EQ(run.anonymized, 1);

    for (const std::string part :
         {"", "/timeline", "/deadlines", "/appointments", "/assessments", "/profile", "/safe-contact", "/sensitive"}) {
        auto read = As(Role::kCaseWorker, "GET", path + part);
        EXPECT_EQ(read.status, 200) << part << ": " << read.body;
        EXPECT_EQ(read.body.find("Amina"), std::string::npos) << part << ": " << read.body;
        EXPECT_EQ(read.body.find("Lyon"), std::string::npos) << part << ": " << read.body;
    }
    auto file = As(Role::kCaseWorker, "GET", path);
    EXPECT_EQ(file.Json().at("state"), "closed");
    EXPECT_EQ(file.Json().at("outcome"), "moved_away");

    headers["If-Match"] = file.headers["etag"];
    auto reopened = Send("POST", path + "/moves", R"({"to":"active","reason":"she came back"})", headers);
    EXPECT_EQ(reopened.status, 422) << reopened.body;
    EXPECT_EQ(FieldError(reopened), "to:transition");
    EXPECT_NE(reopened.body.find("anonymized"), std::string::npos) << reopened.body;
    EXPECT_EQ(As(Role::kCaseWorker, "GET", path).Json().at("state"), "closed");
}

}  // namespace
}  // namespace ponte::cases

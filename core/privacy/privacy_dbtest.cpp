// The personal-data duties on real storage (both engines): every table is declared, an export
// holds what each module keeps about a person, and after erasure nothing in any table
// identifies her while the anonymous counts remain.
#include "core/privacy/privacy.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/accounts/access_resets.hpp"
#include "core/accounts/store.hpp"
#include "core/audit/audit.hpp"
#include "core/authentication/sessions.hpp"
#include "core/calendar/feeds.hpp"
#include "core/crypto/random.hpp"
#include "core/db/migrate.hpp"
#include "core/feature.hpp"
#include "core/mail/mail.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/server_process.hpp"
#include "core/throttle/throttle.hpp"

namespace ponte::privacy {
namespace {

constexpr std::string_view kEmail = "zahra.haddad@example.org";
constexpr std::string_view kName = "Zahra Haddad";

class PrivacyTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        keyring_ = std::make_shared<const crypto::Keyring>(crypto::Keyring::Parse(crypto::Keyring::NewKeyLine("k1")));
        registry_ = testing::Application(database(), keyring_, {.test_routes = true});
        db::Migrate(database(), registry_->migrations());
    }

    std::vector<std::string> Tables() {
        // On SQLite a full-text index (a virtual table and its shadow tables) is not listed: it
        // indexes a declared table, is kept by that table's triggers, and the cases module's
        // retention test looks into it.
        const std::string sql = database().engine() == db::Engine::kSqlite
                                    ? "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                                      "AND name NOT LIKE 'sqlite_%'"
                                    : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()";
        auto rows = database().Acquire()->Execute(sql);
        std::vector<std::string> tables;
        for (std::size_t row = 0; row < rows.size(); ++row) tables.push_back(rows.Text(row, 0));
        return tables;
    }

    // Every text value of every table, as "table: value".
    std::vector<std::string> AllText() {
        std::vector<std::string> out;
        for (const auto& table : Tables()) {
            auto rows = database().Acquire()->Execute("SELECT * FROM " + table);
            for (const auto& row : rows.rows) {
                for (const auto& value : row) {
                    if (const auto* text = std::get_if<std::string>(&value)) out.push_back(table + ": " + *text);
                }
            }
        }
        return out;
    }

    // A person with something in every module that holds personal data.
    std::int64_t SeedPerson() {
        return database().Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            const std::int64_t org = tenancy::CreateOrganization(connection, "Women's centre", "ngo", now);
            const std::int64_t id = accounts::CreateUser(
                connection, {.email = std::string(kEmail), .display_name = std::string(kName), .password_hash = "x"},
                now);
            tenancy::AddMembership(connection, id, {.role = policy::Role::kParticipant, .organization_id = org}, 0,
                                   now);
            authentication::CreateSession(connection, id, now, {}, "192.0.2.7", "Firefox on Android");
            connection.Execute(
                "INSERT INTO authentication_totp (user_id, secret, created_at, confirmed_at) VALUES ($1, $2, $3, $3)",
                {id, keyring_->Seal("SECRET", crypto::FieldContext("auth_totp", "secret", id)), now});
            connection.Execute("INSERT INTO authentication_recovery_codes (user_id, digest) VALUES ($1, 'd1')", {id});
            connection.Execute(
                "INSERT INTO accounts_invitations (digest, user_id, created_at, expires_at) VALUES ('i1', $1, $2, $2)",
                {id, now});
            connection.Execute(
                "INSERT INTO authentication_password_resets (digest, user_id, created_at, expires_at) VALUES ('r1', "
                "$1, $2, $2)",
                {id, now});
            connection.Execute("INSERT INTO throttle_keys (key, failures, window_start) VALUES ($1, 1, $2)",
                               {"account:" + std::string(kEmail), now});
            throttle::RecordLoginFailure(connection, throttle::LoginKeysFor(std::string(kEmail), "192.0.2.7"), now);
            accounts::RecordAccessReset(connection, *keyring_, id, 0, "Zahra Haddad lost her phone", now);
            connection.Execute(
                "INSERT INTO tenancy_membership_invitations (digest, organization_id, role, created_at, expires_at, "
                "used_at, used_by) VALUES ('j1', $1, 'mentor', $2, $2, $2, $3)",
                {org, now, id});
            connection.Execute(
                "INSERT INTO consents_decisions (user_id, purpose, given, method, recorded_at) VALUES ($1, "
                "'mail.news', "
                "1, 'paper', $2)",
                {id, now});
            calendar::IssueFeed(connection, id, "cases.worker", now);
            mail::Enqueue(connection, *keyring_, {std::string(kEmail), "Your course", "Hello Zahra Haddad"}, now);
            const std::int64_t woman =
                connection
                    .Execute(
                        "INSERT INTO cases_women (organization_id, user_id, chosen_name, code, created_at, "
                        "updated_at) VALUES ($1, $2, $3, 'W-TEST-0001', $4, $4) RETURNING id",
                        {org, id, std::string(kName), now})
                    .Int(0, 0);
            const std::int64_t case_id =
                connection
                    .Execute(
                        "INSERT INTO cases_cases (woman_id, organization_id, state, opened_at, updated_at) "
                        "VALUES ($1, $2, 'active', $3, $3) RETURNING id",
                        {woman, org, now})
                    .Int(0, 0);
            const std::int64_t place =
                connection
                    .Execute(
                        "INSERT INTO cases_places (organization_id, name, address, time_zone, hours, created_at) "
                        "VALUES ($1, 'Listening space', '', 'UTC', '[]', $2) RETURNING id",
                        {org, now})
                    .Int(0, 0);
            connection.Execute(
                "INSERT INTO cases_appointments (case_id, place_id, visit, state, starts_at, ends_at, booked_at) "
                "VALUES ($1, $2, 'follow_up', 'booked', $3, $4, $3)",
                {case_id, place, now, now + 1});
            connection.Execute(
                "INSERT INTO cases_deadlines (case_id, kind, title, due_on, documents, created_at) "
                "VALUES ($1, 'residence_permit', $2, '2027-03-01', $3, $4)",
                {case_id, keyring_->Seal("Permit renewal", crypto::FieldContext("cases_deadlines", "title", case_id)),
                 keyring_->Seal(R"(["Passport"])", crypto::FieldContext("cases_deadlines", "documents", case_id)),
                 now});
            audit::Append(connection,
                          {.actor_user_id = id, .action = "auth.login", .outcome = "ok", .remote = "192.0.2.7"}, now);
            return id;
        });
    }

    std::shared_ptr<const crypto::Keyring> keyring_;
    std::unique_ptr<core::Registry> registry_;
};

TEST_P(PrivacyTest, EveryTableIsDeclaredOnceAsPersonalDataOrNot) {
    std::map<std::string, std::string> declared;
    for (const auto& source : registry_->personal_data()) {
        for (const auto& table : source.tables) {
            EXPECT_TRUE(declared.emplace(table, source.name).second) << table << " declared twice";
        }
    }
    for (const auto& none : registry_->no_personal_data()) {
        EXPECT_TRUE(declared.emplace(none.table, "none").second) << none.table << " declared twice";
        EXPECT_FALSE(none.reason.empty());
    }
    const auto tables = Tables();
    for (const auto& table : tables) {
        EXPECT_TRUE(declared.contains(table))
            << "table " << table << " is not in the personal-data registry: declare what it holds";
    }
    for (const auto& [table, source] : declared) {
        EXPECT_NE(std::find(tables.begin(), tables.end(), table), tables.end())
            << source << " names no table " << table;
    }
    for (const auto& source : registry_->personal_data()) {
        EXPECT_TRUE(source.exporter) << source.name;
        EXPECT_TRUE(source.eraser || !source.retention.empty()) << source.name << ": neither erased nor justified";
    }
}

TEST_P(PrivacyTest, ExportHoldsWhatEachModuleKeeps) {
    const std::int64_t person = SeedPerson();
    auto document = ExportPerson(database(), *registry_, person, core::NowMs());
    EXPECT_EQ(document.at("format"), "ponte.person-export/1");
    std::map<std::string, boost::json::value> sources;
    for (const auto& source : document.at("sources").as_array()) {
        sources[std::string(source.at("name").as_string())] = source.at("data");
    }
    ASSERT_EQ(sources.size(), registry_->personal_data().size());
    EXPECT_EQ(sources.at("cases.cases").at(0).at("chosen_name").as_string(), kName);
    EXPECT_EQ(sources.at("cases.cases").at(0).at("state"), "active");
    EXPECT_EQ(sources.at("cases.cases").at(0).at("appointments").at(0).at("place"), "Listening space");
    EXPECT_EQ(sources.at("cases.cases").at(0).at("deadlines").at(0).at("title"), "Permit renewal");
    EXPECT_EQ(sources.at("cases.cases").at(0).at("deadlines").at(0).at("documents").at(0), "Passport");
    const auto& account = sources.at("auth.account");
    EXPECT_EQ(account.at("account").at("email").as_string(), kEmail);
    EXPECT_EQ(account.at("memberships").at(0).at("organization"), "Women's centre");
    EXPECT_EQ(account.at("sessions").at(0).at("user_agent"), "Firefox on Android");
    EXPECT_EQ(account.at("second_factor").at("unused_recovery_codes"), 1);
    EXPECT_EQ(boost::json::serialize(document).find("SECRET"), std::string::npos) << "credentials are not exported";
    EXPECT_EQ(sources.at("consents.decisions").at(0).at("method"), "paper");
    EXPECT_EQ(sources.at("mail.outbox").at(0).at("body"), "Hello Zahra Haddad");
    EXPECT_EQ(sources.at("audit.log").at(0).at("address"), "192.0.2.7");
    EXPECT_EQ(sources.at("calendar.feeds").at(0).at("scope"), "cases.worker");
    EXPECT_THROW(ExportPerson(database(), *registry_, 987654321, core::NowMs()), std::invalid_argument);
}

TEST_P(PrivacyTest, AfterErasureNothingIdentifiesHerButCountsRemain) {
    const std::int64_t person = SeedPerson();
    const std::int64_t other = database().Transact([](db::Connection& connection) {
        return accounts::CreateUser(connection, {.email = "other@example.org", .display_name = "Other"}, 1);
    });
    bool found = false;
    for (const auto& text : AllText()) found = found || text.find(kEmail) != std::string::npos;
    ASSERT_TRUE(found) << "the seed must hold her email somewhere to make this test mean anything";

    auto report = ErasePerson(database(), *registry_, person, core::NowMs());
    // Every source with an eraser, later modules first.
    std::vector<std::string> erasable;
    for (const auto& source : registry_->personal_data()) {
        if (source.eraser) erasable.insert(erasable.begin(), source.name);
    }
    EXPECT_EQ(report.erased, erasable);
    // The account goes last: the modules before it may read her email or memberships.
    ASSERT_FALSE(erasable.empty());
    EXPECT_EQ(erasable.back(), "auth.account");
    EXPECT_NE(std::find(erasable.begin(), erasable.end(), "mail.outbox"), erasable.end());
    EXPECT_EQ(report.kept.size(), 3u);
    for (const auto& text : AllText()) {
        EXPECT_EQ(text.find(kEmail), std::string::npos) << text;
        EXPECT_EQ(text.find(kName), std::string::npos) << text;
        EXPECT_EQ(text.find("Firefox on Android"), std::string::npos) << text;
    }
    auto connection = database().Acquire();
    EXPECT_EQ(connection->Execute("SELECT COUNT(*) FROM tenancy_memberships WHERE user_id = $1", {person}).Int(0, 0),
              1);
    EXPECT_FALSE(connection->Execute("SELECT erased_at FROM accounts_users WHERE id = $1", {person}).IsNull(0, 0));
    EXPECT_EQ(connection->Execute("SELECT COUNT(*) FROM consents_decisions WHERE user_id = $1", {person}).Int(0, 0), 1);
    EXPECT_EQ(connection->Execute("SELECT COUNT(*) FROM calendar_feeds WHERE owner_user_id = $1", {person}).Int(0, 0),
              0);
    EXPECT_EQ(accounts::FindUser(*connection, other)->email, "other@example.org") << "nobody else is touched";
    EXPECT_EQ(connection->Execute("SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.erase'").Int(0, 0), 1);
    EXPECT_TRUE(audit::Verify(database(), testing::TestKeyring().get()).ok);
}

PONTE_INSTANTIATE_ENGINES(PrivacyTest);

}  // namespace
}  // namespace ponte::privacy
